#!/usr/bin/env bash
# Benchmark: Tandem's one-process HLS ladder vs PeerTube's one-process-per-resolution, then time to
# playable and total CPU for a web-ready and a non-web-ready 1080p source (remux or one low rung first,
# then the rest of the ladder) against the whole ladder in one pass, then the same two sources uploaded
# to a running Tandem and to a real PeerTube 6.3, side by side.
# Usage (from anywhere): bench/ladder.sh        RUNS=1 bench/ladder.sh        DURATION=20 RUNS=5 bench/ladder.sh
#                        PARTS=playable RUNS=1 bench/ladder.sh   (only the time-to-playable part)
#                        PARTS=servers RUNS=2 bench/ladder.sh    (only Tandem vs PeerTube through their APIs)
# Parts (PARTS, default ladder,playable,servers):
#   ladder, playable  build the test classes (the commands come from LadderCommand, never duplicated here) and
#                     run tandem.media.bench.LadderBench, which generates synthetic 1080p30 clips, runs ffmpeg
#                     directly and prints tables and verdicts; its PeerTube figure there is the issue's ~36 s
#                     for a 60 s 1080p clip, scaled, not measured.
#   servers           bench/ladder-servers.sh: a fresh Tandem from the jar and the real PeerTube 6.3 of
#                     ../shared/tools/peertube-peer.sh (restarted with this bench's transcoding settings,
#                     stopped at the end), the same two clips uploaded to both, interleaved: time to playable,
#                     time to all renditions, server CPU (process + ffmpeg children), verdicts against the
#                     issue's targets (<= 0.2x PeerTube's time to playable web-ready, <= 0.6x others). Skipped,
#                     with a message, when the tool or a PeerTube build (or PEERTUBE_GIT_DIR) is missing.
#                     Its settings (PT_RESOLUTIONS, TANDEM_JAR, ...) are in that script's header.
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

parts="${PARTS:-ladder,playable,servers}"
if [[ "$parts" == *ladder* || "$parts" == *playable* ]]; then
  echo "Building test classes..."
  mvn_quiet -DskipTests test-compile
  mvn_quiet dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null

  PARTS="$parts" java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx512m \
    -cp "$build_dir/test-classes:$build_dir/classes:$(cat "$cp_file")" tandem.media.bench.LadderBench
fi
if [[ "$parts" == *servers* ]]; then
  bench/ladder-servers.sh
fi
