#!/usr/bin/env bash
# Benchmark: Tandem's one-process HLS ladder vs PeerTube's one-process-per-resolution.
# Usage (from anywhere): bench/ladder.sh        RUNS=1 bench/ladder.sh        DURATION=20 RUNS=5 bench/ladder.sh
# Builds the test classes (the commands come from LadderCommand, never duplicated here), then runs
# tandem.media.bench.LadderBench, which generates a synthetic 1080p30 clip and prints a table and a verdict.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${TANDEM_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
build_dir="${TANDEM_BUILD_DIR:-target}"
cp_file="$build_dir/bench-classpath.txt"

mvn_quiet() {
  # Offline first (fast, no network); fall back to online when a plugin is not cached yet.
  mvn -q -B -o -Dtandem.build.dir="$PWD/$build_dir" "$@" || mvn -q -B -Dtandem.build.dir="$PWD/$build_dir" "$@"
}

echo "Building test classes..."
mvn_quiet -DskipTests test-compile
mvn_quiet dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null

exec java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx512m \
  -cp "$build_dir/test-classes:$build_dir/classes:$(cat "$cp_file")" tandem.media.bench.LadderBench
