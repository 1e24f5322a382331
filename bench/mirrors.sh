#!/usr/bin/env bash
# Mirrors: three Tandem instances on loopback, A the origin of a video, B and C mirroring it by hand.
# Simulated viewers (HTTP clients that pick each segment's source with the player's own modules, no
# P2P, every segment hash-checked) measure, in one run:
#   1. the origin's share of segment bytes with `even` (PeerTube's uniform pick; anchor ~1/3 with two
#      mirrors) and with `prefer-mirrors` (target <= 0.1 while the mirrors are healthy);
#   2. the longest a viewer waits when one mirror hangs (C's process stopped with SIGSTOP: connections
#      are accepted, nothing is answered), ours against PeerTube's player (uniform pick, no request
#      timeout: ~2 min in PeerTube issue #4349; capped here at HANG_CAP seconds); target <= 3 s;
#   3. the time from the origin's death (SIGKILL) to a page on B playing a verified segment again.
# Env: VIEWERS (8), SEGMENTS (30), CLIP_SECONDS (120), HANG_CAP (120), TANDEM_JAR.
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh

VIEWERS="${VIEWERS:-8}"; SEGMENTS="${SEGMENTS:-30}"; CLIP_SECONDS="${CLIP_SECONDS:-120}"; HANG_CAP="${HANG_CAP:-120}"
WORK="$(mktemp -d /tmp/tandem-bench-mirrors.XXXXXX)"
declare -A PID PORT
cleanup() {
  for n in A B C; do [ -n "${PID[$n]:-}" ] && { kill -CONT "${PID[$n]}" 2>/dev/null || true; stop_pid "${PID[$n]}" 5; }; done
  rm -rf "$WORK"
}
trap cleanup EXIT

ensure_jar
for n in A B C; do
  PORT[$n]="$(free_port)"
  TANDEM_FEDERATION_ALLOWED_HOSTS="localhost,127.0.0.0/8" TANDEM_FEDERATION_RETRY_FIRST_SECONDS=1 \
    start_tandem "$WORK/$n" "${PORT[$n]}" "$WORK/$n.log"
  PID[$n]=$TANDEM_PID
done
for n in A B C; do wait_tandem_ready "${PID[$n]}" "$WORK/$n.log" 180; done
base() { echo "http://127.0.0.1:${PORT[$1]}"; }
host() { echo "localhost:${PORT[$1]}"; }
declare -A TOKEN
for n in A B C; do TOKEN[$n]="$(token_for "$(base $n)" "$(host $n)" root "$ADMIN_PASSWORD")"; done
api() { local n=$1; shift; curl -sS --fail -H "Host: $(host "$n")" -H "Authorization: Bearer ${TOKEN[$n]}" "$@"; }

ff="$(find_ffmpeg "$WORK/A")"
log "encoding a ${CLIP_SECONDS}s 720p clip"
LD_LIBRARY_PATH="$(dirname "$ff")" "$ff" -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=30 \
  -f lavfi -i sine=frequency=440 -t "$CLIP_SECONDS" -pix_fmt yuv420p -c:v libx264 -preset veryfast -c:a aac "$WORK/clip.mp4"
uuid="$(api A -F name=mirrored -F channelId=1 -F privacy=1 -F videofile=@"$WORK/clip.mp4" "$(base A)/api/v1/videos/upload" | jq -r .video.uuid)"
log "uploaded $uuid on A, waiting for transcoding"
for _ in $(seq 1 900); do [ "$(api A "$(base A)/api/v1/videos/$uuid" | jq -r .state.id)" = 1 ] && break; sleep 1; done

for n in B C; do
  api "$n" -H 'Content-Type: application/json' -d "{\"hosts\":[\"$(host A)\"]}" "$(base "$n")/api/v1/server/following" >/dev/null
done
for n in B C; do
  for _ in $(seq 1 120); do api "$n" "$(base "$n")/api/v1/videos/$uuid" >/dev/null 2>&1 && break; sleep 0.5; done
  api "$n" -X PUT -H 'Content-Type: application/json' -d '{"redundancyAllowed":true}' "$(base "$n")/api/v1/server/redundancy/$(host A)" >/dev/null
  id="$(api "$n" "$(base "$n")/api/v1/videos/$uuid" | jq -r .id)"
  api "$n" -H 'Content-Type: application/json' -d "{\"videoId\":$id}" "$(base "$n")/api/v1/server/redundancy/videos" >/dev/null
done
log "waiting for A to list both mirrors (copied, announced, checked)"
t0="$(now_ms)"
for _ in $(seq 1 600); do
  [ "$(api A "$(base A)/api/v1/videos/$uuid" | jq '.streamingPlaylists[0].redundancies | length')" = 2 ] && break; sleep 0.5
done
[ "$(api A "$(base A)/api/v1/videos/$uuid" | jq '.streamingPlaylists[0].redundancies | length')" = 2 ] || die "A does not list two mirrors"
size="$(api B "$(base B)/api/v1/server/redundancy/videos?target=remote-videos" | jq '.data[0].redundancies.streamingPlaylists[0].size')"
log "both mirrors listed $(( $(now_ms) - t0 )) ms after the requests ($(( size / 1048576 )) MiB each)"

details="$(base A)/api/v1/videos/$uuid"
viewers() { node mirrors/viewers.mjs "$@"; }
echo
echo "Setup: ${CLIP_SECONDS}s 1280x720 clip on A, mirrored by B and C; $VIEWERS simulated viewers, each fetching (up to $SEGMENTS of) the segments of one rendition"
even="$(viewers play "$details" "$VIEWERS" "$SEGMENTS" even 2000)"
prefer="$(viewers play "$details" "$VIEWERS" "$SEGMENTS" prefer-mirrors 2000)"
printf '1. origin share of segment bytes: even %.3f  prefer-mirrors %.3f  (target <= 0.1; ratio prefer/even %.2f)\n' \
  "$(jq .originShare <<<"$even")" "$(jq .originShare <<<"$prefer")" \
  "$(jq -n --argjson a "$(jq .originShare <<<"$prefer")" --argjson b "$(jq .originShare <<<"$even")" '$a / $b')"
echo "   even:           $(jq -c .bytes <<<"$even")"
echo "   prefer-mirrors: $(jq -c .bytes <<<"$prefer")"

log "stopping C (SIGSTOP): it accepts connections and answers nothing"
kill -STOP "${PID[C]}"
ours="$(viewers play "$details" 1 "$SEGMENTS" even 2000)"
theirs="$(viewers play "$details" 1 "$SEGMENTS" peertube 2000 $(( HANG_CAP * 1000 )))"
kill -CONT "${PID[C]}"
printf '2. longest wait with a hanging mirror: Tandem %.1f s, PeerTube-like %.1f s (capped at %s s); ratio %.3f (target <= 3 s)\n' \
  "$(jq '.maxStallMs / 1000' <<<"$ours")" "$(jq '.maxStallMs / 1000' <<<"$theirs")" "$HANG_CAP" \
  "$(jq -n --argjson a "$(jq .maxStallMs <<<"$ours")" --argjson b "$(jq '[.maxStallMs, 1] | max' <<<"$theirs")" '$a / $b')"
echo "   Tandem:        $(jq -c . <<<"$ours")"
echo "   PeerTube-like: $(jq -c . <<<"$theirs")"

log "killing A (SIGKILL); a viewer keeps opening the video's page on B"
since="$(now_ms)"
kill -KILL "${PID[A]}"
resumed="$(viewers resume "$(base B)/api/v1/videos/$uuid" "$since" $(( since + 180000 )))"
printf '3. origin down -> playback on B again after %s ms (%s)\n' "$(jq -r .resumedAfterMs <<<"$resumed")" "$(jq -c . <<<"$resumed")"
