#!/usr/bin/env bash
# Lighthouse scores (accessibility, best practices, performance) of the home, watch and upload pages,
# phone and desktop, on one Tandem instance with one transcoded video; the upload page as a signed-in
# uploader. The issue asks accessibility >= 95 on each. Reference: none — Lighthouse's own scale.
# Installs Lighthouse into bench/lighthouse/node_modules (~180 MB) on first run. Env: TANDEM_JAR.
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh

WORK="$(mktemp -d /tmp/tandem-bench-lighthouse.XXXXXX)"
PID=""
cleanup() { [ -n "$PID" ] && stop_pid "$PID" 10; rm -rf "$WORK"; }
trap cleanup EXIT

[ -d lighthouse/node_modules/lighthouse ] || (cd lighthouse && npm ci --no-audit --no-fund --silent)
ensure_jar
PORT="$(free_port)"
start_tandem "$WORK/data" "$PORT" "$WORK/tandem.log"
PID=$TANDEM_PID
wait_tandem_ready "$PID" "$WORK/tandem.log" 180
BASE="http://localhost:$PORT"
TOKEN="$(token_for "$BASE" "localhost:$PORT" root "$ADMIN_PASSWORD")"
ff="$(find_ffmpeg "$WORK/data")"
LD_LIBRARY_PATH="$(dirname "$ff")" "$ff" -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=30 \
  -f lavfi -i sine=frequency=440 -t 20 -pix_fmt yuv420p -c:v libx264 -preset veryfast -c:a aac "$WORK/clip.mp4"
uuid="$(curl -sSf -H "Authorization: Bearer $TOKEN" -F name='A walk by the river' -F channelId=1 -F privacy=1 \
  -F description='Filmed on a **sunny** day. See https://example.org' -F videofile=@"$WORK/clip.mp4" "$BASE/api/v1/videos/upload" | jq -r .video.uuid)"
for _ in $(seq 1 300); do [ "$(curl -sSf "$BASE/api/v1/videos/$uuid" | jq -r .state.id)" = 1 ] && break; sleep 1; done
log "auditing $BASE (video $uuid)"
node lighthouse/audit.mjs "$BASE" root "$ADMIN_PASSWORD" "/w/$uuid" | tail -n1 | tee "$WORK/scores.json" | jq .
