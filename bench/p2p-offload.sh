#!/usr/bin/env bash
# P2P offload: N headless Chromium viewers (Debian chromium, playwright-core) watch one video,
# joining STAGGER seconds apart; reports the share of segment bytes that came from peers against
# the (N-1)/N ceiling (the first viewer can only use HTTP).
# Each run starts fresh browsers (no cached segments) on the same published video; the verdict
# uses the median of RUNS runs, because P2P timing varies from run to run.
# Env: VIEWERS (4), STAGGER (10), CLIP_SECONDS (120), WATCH (VIEWERS*STAGGER+40 s), RUNS (3), TANDEM_JAR.
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh

VIEWERS="${VIEWERS:-4}"; RUNS="${RUNS:-3}"; STAGGER="${STAGGER:-10}"; CLIP_SECONDS="${CLIP_SECONDS:-120}"
WATCH="${WATCH:-$(( VIEWERS * STAGGER + 40 ))}"
WORK="$(mktemp -d /tmp/tandem-bench-p2p.XXXXXX)"
cleanup() { stop_pid "${TANDEM_PID:-}"; rm -rf "$WORK"; }
trap cleanup EXIT

[ -x /usr/bin/chromium ] || die "chromium missing (apt-get install -y chromium)"
(cd ../interop && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent)
ensure_jar
PORT="$(free_port)"
start_tandem "$WORK/data" "$PORT" "$WORK/tandem.log"
wait_tandem_ready "$TANDEM_PID" "$WORK/tandem.log" 120

ff="$(find_ffmpeg "$WORK/data")"
log "encoding a ${CLIP_SECONDS}s 720p clip"
LD_LIBRARY_PATH="$(dirname "$ff")" "$ff" -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=30 \
  -f lavfi -i sine=frequency=440 -t "$CLIP_SECONDS" -pix_fmt yuv420p -c:v libx264 -preset veryfast -c:a aac "$WORK/clip.mp4"

api() { curl -sS --fail -H "Host: localhost:$PORT" "$@"; }
token="$(token_for "http://127.0.0.1:$PORT" "localhost:$PORT" root "$ADMIN_PASSWORD")"
uuid="$(api -H "Authorization: Bearer $token" -F name=offload -F channelId=1 -F videofile=@"$WORK/clip.mp4" \
  "http://127.0.0.1:$PORT/api/v1/videos/upload" | jq -r .video.uuid)"
log "uploaded $uuid, waiting for transcoding"
for _ in $(seq 1 600); do
  [ "$(api "http://127.0.0.1:$PORT/api/v1/videos/$uuid" | jq -r .state.id)" = 1 ] && break; sleep 1
done

echo
echo "Setup: ${CLIP_SECONDS}s 1280x720 clip (ladder 720/480/360/240), $VIEWERS Chromium viewers on loopback joining ${STAGGER}s apart, ${WATCH}s, $RUNS runs"
shares=()
for run in $(seq 1 "$RUNS"); do
  log "run $run: $VIEWERS viewers, ${STAGGER}s apart, watching ${WATCH}s"
  out="$(node ../interop/browser-watch.mjs "http://localhost:$PORT/videos/watch/$uuid" "$VIEWERS" "$WATCH" "$STAGGER" time)"
  echo "run $run:"
  jq -r '.viewers | to_entries[] | "  viewer \(.key): played \(.value.currentTime|floor)s, HTTP \(.value.stats.http) B, P2P \(.value.stats.p2p) B, peers \(.value.stats.peers), rejected \(.value.stats.rejected)"' <<<"$out"
  share="$(jq -r '[.viewers[].stats] as $s | ($s | map(.p2p) | add) as $p | ($s | map(.http) | add) as $h | $p / ($p + $h)' <<<"$out")"
  printf '  P2P share of segment bytes: %.1f%%\n' "$(echo "$share * 100" | bc -l)"
  shares+=("$share")
done
read -r med min max <<<"$(stats "${shares[@]}")"
ceil="$(echo "($VIEWERS - 1) / $VIEWERS" | bc -l)"
ratio="$(echo "$med / $ceil" | bc -l)"
printf 'P2P share, median of %d runs: %.1f%% (min %.1f%%, max %.1f%%), ceiling %.1f%%\n' "$RUNS" \
  "$(echo "$med * 100" | bc -l)" "$(echo "$min * 100" | bc -l)" "$(echo "$max * 100" | bc -l)" "$(echo "$ceil * 100" | bc -l)"
printf 'VERDICT: share/ceiling = %.2f (target >= 0.9) -> %s\n' "$ratio" "$(if (( $(echo "$ratio >= 0.9" | bc -l) )); then echo MET; else echo "NOT MET"; fi)"
