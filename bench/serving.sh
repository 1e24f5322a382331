#!/usr/bin/env bash
# HLS segment serving: Tandem vs Debian nginx on the same files.
#
# Both servers serve the very same fMP4 files from Tandem's storage folder,
# and one wrk Lua script replays the byte ranges a player fetches (every
# #EXT-X-BYTERANGE of every variant playlist, round robin) against each.
# Runs are interleaved (Tandem, nginx, Tandem, nginx, ...) so drift on the
# machine hits both equally; server CPU seconds are read from /proc.
#
# Env: TANDEM_JAR (default: build into /tmp/tandem-bench-target), JAVA_HOME,
#      RUNS (3), DURATION (10s), CONNECTIONS (64), THREADS (2),
#      WARMUP (5s, per server, not measured), CLIP_SECONDS (30),
#      SERVER_CPU (1), CLIENT_CPU (0).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
# Long enough for C2 to compile the hot path while the JVM is pinned to one core.
WARMUP="${WARMUP:-20s}"
CLIP_SECONDS="${CLIP_SECONDS:-30}"
SERVER_CPU="${SERVER_CPU:-1}"
CLIENT_CPU="${CLIENT_CPU:-0}"

WORK="$(mktemp -d /tmp/tandem-bench-serving.XXXXXX)"
chmod 755 "$WORK"   # nginx workers may run as another user and must traverse it
DATA="$WORK/data"
TANDEM_PID=""
NGINX_PID=""

cleanup() {
  local rc=$?
  [[ -n "$NGINX_PID" ]] && stop_pid "$NGINX_PID" 10
  [[ -n "$TANDEM_PID" ]] && stop_pid "$TANDEM_PID" 20
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Tandem: start, upload a synthetic clip, wait for HLS ------------------

api() { curl -sS --fail -H "Host: localhost:$TPORT" "$@"; }

setup_tandem() {
  TPORT="$(free_port)"
  MPORT="$(free_port)"
  # The default setup (main port only) is measured beside the optional media listener.
  export TANDEM_MEDIA_PORT="$MPORT"
  mkdir -p "$DATA"
  log "starting Tandem on port $TPORT (data $DATA)"
  # Not pinned yet: transcoding the upload wants both cores. We pin the JVM
  # (all threads) to SERVER_CPU once the video is published.
  TANDEM_CPU="" start_tandem "$DATA" "$TPORT" "$WORK/tandem.log"
  wait_tandem_ready "$TANDEM_PID" "$WORK/tandem.log" 300
}

make_clip() {
  local ff; ff="$(find_ffmpeg "$DATA")"
  [[ -n "$ff" ]] || die "bundled ffmpeg not found under $DATA/cache"
  log "encoding ${CLIP_SECONDS}s 720p30 test clip with bundled ffmpeg"
  LD_LIBRARY_PATH="$(dirname "$ff")" "$ff" -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1280x720:rate=30" -f lavfi -i "sine=frequency=440" \
    -t "$CLIP_SECONDS" -pix_fmt yuv420p -c:v libx264 -preset veryfast -c:a aac \
    "$WORK/clip.mp4"
}

upload_and_wait() {
  local token vid state i
  token="$(token_for "http://127.0.0.1:$TPORT" "localhost:$TPORT" root "$ADMIN_PASSWORD")"
  vid="$(api -H "Authorization: Bearer $token" -F videofile=@"$WORK/clip.mp4" \
      -F name=bench-clip -F channelId=1 \
      "http://127.0.0.1:$TPORT/api/v1/videos/upload" | jq -r .video.id)"
  log "uploaded video id=$vid, waiting for transcoding to publish it"
  for ((i = 0; i < 900; i++)); do
    VIDEO_JSON="$(api "http://127.0.0.1:$TPORT/api/v1/videos/$vid")"
    state="$(jq -r .state.id <<<"$VIDEO_JSON")"
    [[ "$state" == 1 ]] && return 0
    sleep 1
  done
  die "video $vid not published after 900s (state $state)"
}

# --- Byte ranges a player would request -------------------------------------

# Writes "<url-path> <first>-<last>" lines for every #EXT-X-BYTERANGE of every
# variant playlist (read from disk; the master playlist names the variants).
collect_ranges() {
  local master_url master_path dir variant
  master_url="$(jq -r '.streamingPlaylists[0].playlistUrl' <<<"$VIDEO_JSON")"
  master_path="/${master_url#*://*/}"            # /static/streaming-playlists/hls/<uuid>/x-master.m3u8
  URL_DIR="${master_path%/*}"                     # /static/streaming-playlists/hls/<uuid>
  dir="$DATA/storage/streaming-playlists/hls/${URL_DIR##*/}"
  [[ -d "$dir" ]] || die "HLS folder $dir missing"
  : >"$WORK/ranges.txt"
  while read -r variant; do
    # EXT-X-BYTERANGE:<len>[@<offset>]; without @ the range follows the previous one.
    awk -v base="$URL_DIR" '
      /^#EXT-X-BYTERANGE:/ { split(substr($0, 18), a, "@"); len = a[1]
                             off = (2 in a) ? a[2] : next_off; pending = 1; next }
      pending && !/^#/ && NF { printf "%s/%s %d-%d\n", base, $0, off, off + len - 1
                               next_off = off + len; pending = 0 }' \
      "$dir/$variant" >>"$WORK/ranges.txt"
  done < <(grep -v '^#' "$dir/${master_path##*/}" | grep .)
  RANGE_COUNT="$(wc -l <"$WORK/ranges.txt")"
  [[ "$RANGE_COUNT" -gt 0 ]] || die "no byte ranges found in variant playlists"
  log "$RANGE_COUNT byte ranges across $(grep -vc '^#' "$dir/${master_path##*/}") variants"
}

# One Lua script for both servers: round robin over the ranges (each wrk
# thread starts at a different offset), and a done() hook that prints exact
# totals so we don't parse wrk's rounded human-readable units.
write_lua() {
  {
    echo 'local ranges = {'
    while read -r path range; do
      printf '  { "%s", "bytes=%s" },\n' "$path" "$range"
    done <"$WORK/ranges.txt"
    cat <<'EOF'
}
local reqs = {}
local i = 0
local tid = 0
function setup(thread) tid = tid + 1; thread:set("start", tid * 7) end
-- Format in init(): wrk only knows the Host header once the thread starts.
function init(args)
  for n, r in ipairs(ranges) do
    reqs[n] = wrk.format("GET", r[1], { ["Host"] = wrk.headers["Host"], ["Range"] = r[2] })
  end
  i = (start or 0) % #reqs
end
function request()
  i = i % #reqs + 1
  return reqs[i]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d bytes=%d duration_us=%d errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.bytes, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
EOF
  } >"$WORK/ranges.lua"
}

# --- nginx ------------------------------------------------------------------

start_nginx() {
  NPORT="$(free_port)"
  mkdir -p "$WORK/nginx/tmp"
  local user_line=""
  [[ "$(id -u)" == 0 ]] && user_line="user root root;"  # workers must read root-owned files
  cat >"$WORK/nginx/nginx.conf" <<EOF
# Deliberately "good static-file server" settings, per the benchmark brief.
$user_line
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  sendfile on;
  tcp_nopush on;
  access_log off;
  keepalive_requests 100000;
  default_type application/octet-stream;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NPORT;
    location /static/streaming-playlists/hls/ {
      alias $DATA/storage/streaming-playlists/hls/;
    }
  }
}
EOF
  log "starting nginx on port $NPORT pinned to CPU $SERVER_CPU"
  taskset -c "$SERVER_CPU" nginx -e "$WORK/nginx/error.log" -p "$WORK/nginx" \
    -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/stdout.log" 2>&1 &
  NGINX_PID=$!
  local i
  for ((i = 0; i < 50; i++)); do
    curl -s -o /dev/null "http://127.0.0.1:$NPORT/" && return 0
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$WORK/nginx/error.log" >&2; die "nginx exited"; }
    sleep 0.1
  done
  die "nginx did not come up"
}

# master + workers: every nginx process counts toward its CPU.
nginx_pids() { echo "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true); }

# --- Checks and runs ----------------------------------------------------------

verify_same_bytes() {
  local path range code_t code_n
  read -r path range < <(sed -n "$(( (RANGE_COUNT + 1) / 2 ))p" "$WORK/ranges.txt")
  code_t="$(curl -s -o "$WORK/t.bin" -w '%{http_code}' -r "$range" "http://127.0.0.1:$TPORT$path")"
  code_n="$(curl -s -o "$WORK/n.bin" -w '%{http_code}' -r "$range" "http://127.0.0.1:$NPORT$path")"
  [[ "$code_t" == 206 && "$code_n" == 206 ]] || die "expected 206/206 for $path $range, got tandem=$code_t nginx=$code_n"
  cmp -s "$WORK/t.bin" "$WORK/n.bin" || die "Tandem and nginx returned different bytes for $path $range"
  code_t="$(curl -s -o "$WORK/m.bin" -w '%{http_code}' -r "$range" "http://127.0.0.1:$MPORT$path")"
  [[ "$code_t" == 206 ]] && cmp -s "$WORK/m.bin" "$WORK/n.bin" || die "the media listener answered $code_t or other bytes for $path $range"
  log "check ok: $path bytes=$range -> 206 from both, $(wc -c <"$WORK/t.bin") identical bytes"
}

# run_wrk <port> <duration> -> prints the BENCH line
run_wrk() {
  taskset -c "$CLIENT_CPU" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency \
    -s "$WORK/ranges.lua" "http://127.0.0.1:$1" | grep '^BENCH'
}

# measure <name> <port> <pids...>: one measured run, appends a result row.
measure() {
  local name="$1" port="$2"; shift 2
  local t0 t1 line req bytes dur errs non2xx p50 p99
  t0="$(cpu_ticks "$@")"
  line="$(run_wrk "$port" "$DURATION")"
  t1="$(cpu_ticks "$@")"
  eval "$(sed 's/^BENCH //; s/\([a-z0-9_]*\)=/local_\1=/g' <<<"$line")"
  # shellcheck disable=SC2154  # set by the eval above
  awk -v n="$name" -v r="$local_requests" -v b="$local_bytes" -v d="$local_duration_us" \
      -v c="$(( t1 - t0 ))" -v hz="$CLK_TCK" -v e="$local_errors" -v s="$local_non2xx" \
      -v p50="$local_p50_ms" -v p99="$local_p99_ms" 'BEGIN {
        sec = d / 1e6; cpu = c / hz; gb = b / 1e9
        printf "%s %.1f %.1f %.2f %.2f %.2f %.2f %d %d\n", n, r / sec, b / sec / 1e6, cpu, (gb > 0 ? cpu / gb : 0), p50, p99, e, s }' \
    >>"$WORK/results.txt"
}

print_results() {
  echo
  echo "== Per-run results (interleaved; server pinned to CPU $SERVER_CPU, wrk pinned to CPU $CLIENT_CPU) =="
  printf '%-4s %-12s %10s %9s %8s %9s %8s %8s %6s %6s\n' run server req/s MB/s cpu_s cpu_s/GB p50_ms p99_ms errs non2xx
  awk '{ run[$1]++; printf "%-4d %-12s %10.1f %9.1f %8.2f %9.2f %8.2f %8.2f %6d %6d\n", run[$1], $1, $2, $3, $4, $5, $6, $7, $8, $9 }' \
    "$WORK/results.txt"
  echo
  echo "== Summary: median (min-max) over $RUNS runs each =="
  printf '%-12s %-28s %-28s %-22s %-24s\n' server req/s MB/s "cpu_s per run" "cpu_s per GB"
  local s
  for s in tandem-main tandem-media nginx; do
    printf '%-12s %-28s %-28s %-22s %-24s\n' "$s" \
      "$(fmt_stats 0 $(awk -v s=$s '$1==s {print $2}' "$WORK/results.txt"))" \
      "$(fmt_stats 0 $(awk -v s=$s '$1==s {print $3}' "$WORK/results.txt"))" \
      "$(fmt_stats 2 $(awk -v s=$s '$1==s {print $4}' "$WORK/results.txt"))" \
      "$(fmt_stats 2 $(awk -v s=$s '$1==s {print $5}' "$WORK/results.txt"))"
  done
  local t_rps n_rps t_cpg n_cpg errs
  read -r t_rps _ < <(stats $(awk '$1=="tandem-main" {print $2}' "$WORK/results.txt"))
  read -r n_rps _ < <(stats $(awk '$1=="nginx" {print $2}' "$WORK/results.txt"))
  read -r t_cpg _ < <(stats $(awk '$1=="tandem-main" {print $5}' "$WORK/results.txt"))
  read -r n_cpg _ < <(stats $(awk '$1=="nginx" {print $5}' "$WORK/results.txt"))
  errs="$(awk '{e += $8 + $9} END {print e + 0}' "$WORK/results.txt")"
  echo
  if [[ "$errs" -gt 0 ]]; then
    echo "WARNING: $errs socket errors / non-2xx responses across runs (see table); figures are suspect"
  fi
  awk -v a="$t_rps" -v b="$n_rps" 'BEGIN { r = a / b
    printf "VERDICT: Tandem main port (default setup)/nginx req/s = %.2f (target >= 0.9) -> %s\n", r, (r >= 0.9 ? "MET" : "NOT MET") }'
  awk -v a="$t_cpg" -v b="$n_cpg" 'BEGIN { r = a / b
    printf "VERDICT: Tandem main port/nginx CPU s per GB = %.2f (target <= 1.5) -> %s\n", r, (r <= 1.5 ? "MET" : "NOT MET") }'
  local m_rps
  read -r m_rps _ < <(stats $(awk '$1=="tandem-media" {print $2}' "$WORK/results.txt"))
  awk -v a="$m_rps" -v b="$n_rps" 'BEGIN { printf "INFO: Tandem media listener (optional TANDEM_MEDIA_PORT)/nginx req/s = %.2f\n", a / b }'
}

main() {
  command -v nginx >/dev/null || die "nginx missing (apt-get install -y nginx)"
  command -v wrk >/dev/null || die "wrk missing (apt-get install -y wrk)"
  command -v jq >/dev/null || die "jq missing"
  ensure_jar
  setup_tandem
  make_clip
  upload_and_wait
  collect_ranges
  write_lua
  # Pin every JVM thread (existing and, by inheritance, future) to the server CPU.
  taskset -a -p -c "$SERVER_CPU" "$TANDEM_PID" >/dev/null
  start_nginx
  verify_same_bytes

  echo "Setup: jar=$TANDEM_JAR java=$("$JAVA" -version 2>&1 | head -n1)"
  echo "Setup: $(nginx -v 2>&1), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)"
  echo "Setup: ${CLIP_SECONDS}s synthetic clip -> $RANGE_COUNT HLS byte ranges (all variants), same files on disk for both servers"
  echo "Setup: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, Range requests round robin; loopback only"
  echo "Setup: tandem-main = the main port as ./tandem start runs it (its front sends media by sendfile); tandem-media = the optional media listener (TANDEM_MEDIA_PORT)"
  echo "Setup: Tandem JVM (all threads) pinned to CPU $SERVER_CPU, nginx (1 worker) pinned to CPU $SERVER_CPU, wrk pinned to CPU $CLIENT_CPU"
  echo "Setup: CPU = utime+stime from /proc/<pid>/stat of the server process(es) before/after each run"
  echo "Setup: $WARMUP unmeasured warm-up per server first (JIT, page cache); then $RUNS interleaved runs each"

  log "warm-up ${WARMUP} each"
  run_wrk "$TPORT" "$WARMUP" >/dev/null
  run_wrk "$MPORT" "$WARMUP" >/dev/null
  run_wrk "$NPORT" "$WARMUP" >/dev/null
  : >"$WORK/results.txt"
  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  local r
  for ((r = 1; r <= RUNS; r++)); do
    log "run $r/$RUNS: tandem-main (main port)"
    measure tandem-main "$TPORT" "$TANDEM_PID"
    log "run $r/$RUNS: tandem-media (media listener)"
    measure tandem-media "$MPORT" "$TANDEM_PID"
    log "run $r/$RUNS: nginx"
    measure nginx "$NPORT" $(nginx_pids)
  done
  echo "Load average before/after the measured runs: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine adds noise)"
  print_results
}

main "$@"
