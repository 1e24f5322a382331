#!/usr/bin/env bash
# Time to playable, time to the whole ladder and server CPU: Tandem against a real PeerTube 6.3, both fed
# the same two 1080p30 files through their upload APIs. Run by bench/ladder.sh (PARTS=servers); runs alone too.
#
# Sources (made once with Tandem's bundled ffmpeg, the same arguments as TestMedia.clip1080p / tenBitClip,
# cached in $CLIP_DIR): web-ready (H.264 yuv420p 8-bit + AAC) and not web-ready (H.264 10-bit + AAC).
# Servers: a fresh Tandem from the jar (SQLite, own data dir under /tmp, -Xmx512m as ./tandem start) and the
# PeerTube of ../shared/tools/peertube-peer.sh (http://127.0.0.1:9001, root/test1), restarted with this
# bench's transcoding settings through node-config's NODE_CONFIG variable (it overrides every config file,
# config/local-test-1.yaml included, which the tool rewrites at each start): HLS only, threads 2,
# concurrency 1, resolutions $PT_RESOLUTIONS besides the source's own 1080p (always_transcode_original_resolution).
# Per run and kind, the two servers take turns (Tandem first on odd runs, PeerTube first on even ones).
#
# Measured the same way for both, from the start of the upload request (POST /api/v1/videos/upload):
#   playable   GET /api/v1/videos/{id} says state.id == 1 (published) and its streaming playlist's master answers
#   all        the streaming playlist lists every rendition the server makes for a 1080p source
#              (Tandem 5: 1080 720 480 360 240; PeerTube 1 + the enabled resolutions below 1080p)
#   CPU        utime+stime+cutime+cstime of the server process (Java; node) and its live children, so every ffmpeg
#              it ran counts, read before the upload and once no ffmpeg child has run for 3 s after "all"
#   db CPU     PostgreSQL backends connected to PeerTube's database + Redis, over the same window (PeerTube
#              only; Tandem's SQLite is inside its process); Redis is counted whole, whoever else uses it
#
# Env: RUNS (3), DURATION (60 s clips), PT_RESOLUTIONS (360p,720p), POLL (0.5 s), TIMEOUT (1800 s per upload),
#      TANDEM_JAR (default: build one, see lib.sh), PEERTUBE_PEER_TOOL (../shared/tools/peertube-peer.sh),
#      PEERTUBE_GIT_DIR (only needed when PeerTube is not built yet in $PT_SRC), PT_SRC (/opt/peertube-src),
#      PT_LOGS (/opt/peertube-logs), CLIP_DIR (/tmp/tandem-ladder-clips), KEEP_PEERTUBE=1 leaves PeerTube running.
# Tandem's log is kept as /tmp/tandem-ladder-servers-last.log. At the end PeerTube is stopped (or, if it was up before, restarted with the tool's own settings).
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${RUNS:-3}"
DURATION="${DURATION:-60}"
PT_RESOLUTIONS="${PT_RESOLUTIONS:-360p,720p}"
POLL="${POLL:-0.5}"
TIMEOUT="${TIMEOUT:-1800}"
PT_TOOL="${PEERTUBE_PEER_TOOL:-$REPO_DIR/../shared/tools/peertube-peer.sh}"
PT_SRC="${PT_SRC:-/opt/peertube-src}"
PT_LOGS="${PT_LOGS:-/opt/peertube-logs}"
PT_URL="http://127.0.0.1:9001"
PT_PASSWORD="${PEERTUBE_PASSWORD:-test1}"
PT_DB="${PT_DB:-peertube_test1}"
CLIP_DIR="${CLIP_DIR:-/tmp/tandem-ladder-clips}"
TANDEM_RUNGS=5   # TranscodePlan.STANDARD_RESOLUTIONS at or below a 1080p source

skip() { echo "Servers part skipped: $*"; exit 0; }
[[ -x "$PT_TOOL" ]] || skip "no PeerTube tool at $PT_TOOL (set PEERTUBE_PEER_TOOL)"
if [[ ! -f "$PT_SRC/dist/server.js" && -z "${PEERTUBE_GIT_DIR:-}" ]]; then
  skip "PeerTube is not built in $PT_SRC; set PEERTUBE_GIT_DIR to a git dir holding v6.3.0 (the tool builds it, ~5 min)"
fi
for tool in curl jq python3; do command -v "$tool" >/dev/null || skip "$tool is missing"; done

WORK="$(mktemp -d /tmp/tandem-bench-ladder-servers.XXXXXX)"
TANDEM_PID=""
PT_WAS_UP=""
PT_STARTED=""

cleanup() {
  local rc=$?
  [[ -n "$TANDEM_PID" ]] && stop_pid "$TANDEM_PID" 20
  [[ -f "$WORK/tandem.log" ]] && cp "$WORK/tandem.log" /tmp/tandem-ladder-servers-last.log
  if [[ -n "$PT_STARTED" && -z "${KEEP_PEERTUBE:-}" ]]; then
    "$PT_TOOL" --stop || true
    if [[ -n "$PT_WAS_UP" ]]; then
      log "PeerTube was up before the bench: starting it again with the tool's own settings"
      env -u NODE_CONFIG "$PT_TOOL" ${PEERTUBE_GIT_DIR:+"$PEERTUBE_GIT_DIR"} >/dev/null 2>&1 || true
    fi
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- CPU counters -------------------------------------------------------------------------------------------

# utime+stime+cutime+cstime (fields 14-17) of a pid and, recursively, of its live children, in clock ticks.
tree_ticks() {
  local pid="$1" f total=0 child
  [[ -r /proc/$pid/stat ]] || { echo 0; return; }
  f="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null)" || { echo 0; return; }
  total=$(awk '{print $12 + $13 + $14 + $15}' <<<"$f")
  for child in $(pgrep -P "$pid" || true); do
    total=$(( total + $(tree_ticks "$child") ))
  done
  echo "$total"
}

# The same over PeerTube's PostgreSQL backends (those connected to its database) and Redis: others may use
# this PostgreSQL too. A backend that ends inside the window takes its CPU with it (PeerTube keeps a pool).
db_ticks() {
  local total=0 pid
  for pid in $(psql -h 127.0.0.1 -U postgres -d postgres -qAtc \
                 "select pid from pg_stat_activity where datname = '$PT_DB'" 2>/dev/null || true) \
             $(pgrep -x redis-server || true); do
    total=$(( total + $(tree_ticks "$pid") ))
  done
  echo "$total"
}

secs() { awk -v t="$1" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }'; }
ms_to_s() { awk -v m="$1" 'BEGIN { printf "%.1f", m / 1000 }'; }

# Waits until the process has had no ffmpeg child for 3 s in a row (at most 300 s).
settle() {
  local pid="$1" quiet=0 i
  for ((i = 0; i < 600 && quiet < 6; i++)); do
    if pgrep -P "$pid" -x ffmpeg >/dev/null; then quiet=0; else quiet=$((quiet + 1)); fi
    sleep 0.5
  done
}

# --- Servers ------------------------------------------------------------------------------------------------

channel_of() {  # base host token -> id of the user's first channel
  curl -sSf -H "Host: $2" -H "Authorization: Bearer $3" "$1/api/v1/users/me" | jq -r '.videoChannels[0].id'
}

start_our_tandem() {
  ensure_jar
  TPORT="$(free_port)"
  mkdir -p "$WORK/tandem-data"
  log "starting Tandem from $TANDEM_JAR on port $TPORT (SQLite, data $WORK/tandem-data)"
  start_tandem "$WORK/tandem-data" "$TPORT" "$WORK/tandem.log" -Xmx512m
  wait_tandem_ready "$TANDEM_PID" "$WORK/tandem.log" 300
  T_BASE="http://127.0.0.1:$TPORT"
  T_HOST="localhost:$TPORT"
  T_TOKEN="$(token_for "$T_BASE" "$T_HOST" root "$ADMIN_PASSWORD")"
  T_CHANNEL="$(channel_of "$T_BASE" "$T_HOST" "$T_TOKEN")"
}

# node-config's NODE_CONFIG (JSON) overrides every file, the tool's config/local-test-1.yaml included.
peertube_node_config() {
  local r on sep="" res=""
  for r in 144 240 360 480 720 1080 1440 2160; do
    on=false
    [[ ",$PT_RESOLUTIONS," == *",${r}p,"* ]] && on=true
    res+="$sep\"${r}p\":$on"; sep=","
  done
  printf '{"transcoding":{"enabled":true,"threads":2,"concurrency":1,"always_transcode_original_resolution":true,%s}}' \
    "\"web_videos\":{\"enabled\":false},\"hls\":{\"enabled\":true,\"split_audio_and_video\":false},\"resolutions\":{\"0p\":false,$res}"
}

start_peertube() {
  if "$PT_TOOL" --status 2>/dev/null; then PT_WAS_UP=1; fi
  PT_STARTED=1
  "$PT_TOOL" --stop
  log "starting PeerTube 6.3 with NODE_CONFIG=$(peertube_node_config)"
  NODE_CONFIG="$(peertube_node_config)" "$PT_TOOL" ${PEERTUBE_GIT_DIR:+"$PEERTUBE_GIT_DIR"}
  PT_PID="$(cat "$PT_LOGS/peertube.pid")"
  # PeerTube sets its process title: comm reads "peertube", not "node".
  [[ "$(cat "/proc/$PT_PID/comm" 2>/dev/null)" =~ ^(node|peertube)$ ]] || die "PeerTube pid $PT_PID is not running"
  local enabled want
  enabled="$(curl -sSf "$PT_URL/api/v1/config" | jq -c '.transcoding.enabledResolutions | sort')"
  want="$(tr ',' '\n' <<<"$PT_RESOLUTIONS" | tr -d 'p' | jq -sc 'sort')"
  [[ "$enabled" == "$want" ]] || die "PeerTube's enabled resolutions are $enabled, not $want"
  PT_TOKEN="$(token_for "$PT_URL" 127.0.0.1:9001 root "$PT_PASSWORD")"
  PT_CHANNEL="$(channel_of "$PT_URL" 127.0.0.1:9001 "$PT_TOKEN")"
  # The source's own 1080p plus each enabled resolution below it.
  PT_RUNGS=$(( 1 + $(tr ',' '\n' <<<"$PT_RESOLUTIONS" | tr -d 'p' | awk '$1 < 1080' | wc -l) ))
}

# --- Sources ------------------------------------------------------------------------------------------------

make_clips() {
  local ff; ff="$(find_ffmpeg "$WORK/tandem-data")"
  [[ -n "$ff" ]] || die "bundled ffmpeg not found under $WORK/tandem-data/cache"
  mkdir -p "$CLIP_DIR"
  WEB_CLIP="$CLIP_DIR/clip-1080p-${DURATION}s.mp4"
  TEN_CLIP="$CLIP_DIR/ten-bit-1920x1080-30-${DURATION}s.mp4"
  local common=(-f lavfi -i "testsrc2=size=1920x1080:rate=30" -f lavfi -i "sine=frequency=440:sample_rate=48000"
                -t "$DURATION")
  if [[ ! -s "$WEB_CLIP" ]]; then
    log "encoding the web-ready ${DURATION}s 1080p30 clip (H.264 yuv420p + AAC) into $CLIP_DIR"
    LD_LIBRARY_PATH="$(dirname "$ff")" "$ff" -hide_banner -nostdin -loglevel error -y "${common[@]}" -pix_fmt yuv420p \
      -c:v libx264 -preset veryfast -crf 23 -c:a aac -b:a 128k "$WEB_CLIP.part.mp4"
    mv "$WEB_CLIP.part.mp4" "$WEB_CLIP"
  fi
  if [[ ! -s "$TEN_CLIP" ]]; then
    log "encoding the 10-bit ${DURATION}s 1080p30 clip (H.264 High 10 + AAC) into $CLIP_DIR"
    LD_LIBRARY_PATH="$(dirname "$ff")" "$ff" -hide_banner -nostdin -loglevel error -y "${common[@]}" \
      -pix_fmt yuv420p10le -c:v libx264 -profile:v high10 -preset veryfast -crf 23 -c:a aac -b:a 128k "$TEN_CLIP.part.mp4"
    mv "$TEN_CLIP.part.mp4" "$TEN_CLIP"
  fi
}

# --- One upload ---------------------------------------------------------------------------------------------

# Args: tandem|peertube file. Sets R_PLAYABLE_MS R_ALL_MS R_CPU_TICKS R_DB_TICKS R_RUNGS.
upload_and_measure() {
  local server="$1" file="$2" base host token channel pid rungs
  if [[ "$server" == tandem ]]; then
    base="$T_BASE" host="$T_HOST" token="$T_TOKEN" channel="$T_CHANNEL" pid="$TANDEM_PID" rungs="$TANDEM_RUNGS"
  else
    base="$PT_URL" host=127.0.0.1:9001 token="$PT_TOKEN" channel="$PT_CHANNEL" pid="$PT_PID" rungs="$PT_RUNGS"
  fi
  local cpu0 db0 t0 vid json state n url now deadline playable="" all=""
  cpu0="$(tree_ticks "$pid")"; db0="$(db_ticks)"
  t0="$(now_ms)"
  vid="$(curl -sSf -H "Host: $host" -H "Authorization: Bearer $token" -F "videofile=@$file;type=video/mp4" -F channelId="$channel" \
      -F name="ladder-bench-$(basename "$file" .mp4)" -F privacy=1 "$base/api/v1/videos/upload" | jq -r .video.id)"
  [[ "$vid" =~ ^[0-9]+$ ]] || die "$server upload gave no video id"
  deadline=$(( t0 + TIMEOUT * 1000 ))
  while :; do
    json="$(curl -sSf -H "Host: $host" -H "Authorization: Bearer $token" "$base/api/v1/videos/$vid")"
    now="$(now_ms)"
    state="$(jq -r .state.id <<<"$json")"
    n="$(jq -r '(.streamingPlaylists[0].files // []) | length' <<<"$json")"
    if [[ -z "$playable" && "$state" == 1 && "$n" -ge 1 ]]; then
      url="$(jq -r .streamingPlaylists[0].playlistUrl <<<"$json")"
      curl -sf -o /dev/null "$url" && playable=$(( now - t0 ))
    fi
    if [[ -n "$playable" && "$n" -ge "$rungs" ]]; then all=$(( now - t0 )); break; fi
    if jq -e '.state.label | test("fail"; "i")' <<<"$json" >/dev/null; then
      die "$server video $vid: $(jq -c .state <<<"$json")"
    fi
    (( now < deadline )) || die "$server video $vid not done after ${TIMEOUT}s (state $state, $n renditions)"
    sleep "$POLL"
  done
  settle "$pid"
  R_CPU_TICKS=$(( $(tree_ticks "$pid") - cpu0 ))
  R_DB_TICKS=$(( $(db_ticks) - db0 ))
  R_PLAYABLE_MS="$playable" R_ALL_MS="$all" R_RUNGS="$n"
}

# --- Main ---------------------------------------------------------------------------------------------------

echo ""
echo "Servers: Tandem vs PeerTube 6.3, time to playable from the upload request, ${RUNS} run(s), ${DURATION}s 1080p30 clips"
echo "uptime before: $(uptime)"
start_our_tandem
make_clips
start_peertube
echo "PeerTube: pid $PT_PID, HLS only, threads 2, concurrency 1, resolutions: 1080p (source, always) + $PT_RESOLUTIONS ($PT_RUNGS renditions); Tandem: pid $TANDEM_PID, $TANDEM_RUNGS renditions"
echo "Clips: $(du -h "$WEB_CLIP" | cut -f1) web-ready, $(du -h "$TEN_CLIP" | cut -f1) 10-bit"

KINDS=(web ten)
declare -A FILE=([web]="$WEB_CLIP" [ten]="$TEN_CLIP")
declare -A NAME=([web]="web-ready (H.264 8-bit+AAC)" [ten]="not web-ready (10-bit H.264)")
declare -A TARGET=([web]=0.20 [ten]=0.60)
declare -A PLAY ALL CPU DB
for ((run = 1; run <= RUNS; run++)); do
  for kind in "${KINDS[@]}"; do
    if (( run % 2 )); then order=(tandem peertube); else order=(peertube tandem); fi
    for server in "${order[@]}"; do
      upload_and_measure "$server" "${FILE[$kind]}"
      key="$kind.$server"
      PLAY[$key]+=" $(ms_to_s "$R_PLAYABLE_MS")"; ALL[$key]+=" $(ms_to_s "$R_ALL_MS")"
      CPU[$key]+=" $(secs "$R_CPU_TICKS")"; DB[$key]+=" $(secs "$R_DB_TICKS")"
      db_note=""
      [[ "$server" == peertube ]] && db_note="  (its PostgreSQL backends + Redis $(secs "$R_DB_TICKS") s)"
      printf 'run %d/%d %-29s %-8s playable %6.1f s  all %d renditions %6.1f s  CPU %6.1f s%s\n' \
        "$run" "$RUNS" "${NAME[$kind]}" "$server" "$(ms_to_s "$R_PLAYABLE_MS")" "$R_RUNGS" "$(ms_to_s "$R_ALL_MS")" \
        "$(secs "$R_CPU_TICKS")" "$db_note"
    done
  done
done
echo "uptime after:  $(uptime)"

# shellcheck disable=SC2086  # the lists are space-separated numbers
median() { stats $1 | cut -d' ' -f1; }
echo ""
printf '%-29s %-9s %-20s %-20s %-22s %s\n' "source ($RUNS runs: median (min-max))" server "playable s" \
  "all renditions s" "CPU s (proc+children)" "PG+Redis CPU s"
for kind in "${KINDS[@]}"; do
  for server in tandem peertube; do
    key="$kind.$server"
    db="-"
    # shellcheck disable=SC2086
    [[ "$server" == peertube ]] && db="$(fmt_stats 1 ${DB[$key]})"
    # shellcheck disable=SC2086
    printf '%-29s %-9s %-20s %-20s %-22s %s\n' "${NAME[$kind]}" "$server" "$(fmt_stats 1 ${PLAY[$key]})" \
      "$(fmt_stats 1 ${ALL[$key]})" "$(fmt_stats 1 ${CPU[$key]})" "$db"
  done
done
echo ""
for kind in "${KINDS[@]}"; do
  t="$(median "${PLAY[$kind.tandem]}")"; p="$(median "${PLAY[$kind.peertube]}")"
  ct="$(median "${CPU[$kind.tandem]}")"; cp="$(median "${CPU[$kind.peertube]}")"
  awk -v n="${NAME[$kind]}" -v t="$t" -v p="$p" -v g="${TARGET[$kind]}" -v ct="$ct" -v cp="$cp" \
      -v rt="$TANDEM_RUNGS" -v rp="$PT_RUNGS" 'BEGIN {
    r = t / p
    printf "VERDICT %s: time to playable Tandem/PeerTube = %.1f/%.1f s = %.2f (target <= %.2f: %s);", n, t, p, r, g, (r <= g) ? "MET" : "NOT MET"
    printf " CPU Tandem/PeerTube = %.1f/%.1f s = %.2f (Tandem %d renditions, PeerTube %d)\n", ct, cp, ct / cp, rt, rp }'
done
echo "Time to playable includes the upload request; PeerTube also ran its other jobs in the CPU window (storyboard, thumbnails)."
