#!/usr/bin/env bash
# Benchmark: Tandem's one-process HLS ladder vs PeerTube's one-process-per-resolution, then time to
# playable and total CPU for a web-ready and a non-web-ready 1080p source (remux or one low rung first,
# then the rest of the ladder) against the whole ladder in one pass.
# Usage (from anywhere): bench/ladder.sh        RUNS=1 bench/ladder.sh        DURATION=20 RUNS=5 bench/ladder.sh
#                        PARTS=playable RUNS=1 bench/ladder.sh   (only the time-to-playable part)
# Builds the test classes (the commands come from LadderCommand, never duplicated here), then runs
# tandem.media.bench.LadderBench, which generates synthetic 1080p30 clips and prints tables and verdicts.
# PeerTube is not run: its time to playable is quoted from the issue (~36 s for a 60 s 1080p clip).
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
