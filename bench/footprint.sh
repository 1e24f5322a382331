#!/usr/bin/env bash
# Startup time and idle memory of Tandem: plain `java -jar` vs a Java 25 AOT
# cache (JEP 483/514/515), runs interleaved (plain, aot, plain, aot, ...).
#
# Per run: fresh data dir (with a pre-extracted ffmpeg cache copied in, so
# the one-off native extraction does not dominate), time from launching the
# JVM to the first HTTP 200 on /api/v1/config (curl polled every 20 ms), then
# VmRSS of the JVM after it has been idle for IDLE_WAIT seconds. Every JVM gets the options and
# environment `./tandem start` gives it (`./tandem jvm-options`), so this measures what users run.
# Then one more idle instance per mode under Native Memory Tracking, for where the memory goes
# (NMT costs a few MB itself, so it is not one of the measured runs).
#
# Env: TANDEM_JAR (default: build into /tmp/tandem-bench-target), JAVA_HOME,
#      RUNS (3), IDLE_WAIT (10: the launcher trims the native heap every 5 s), POLL_MS (20),
#      TANDEM_CPU (unset = not pinned),
#      JVM_OPTIONS (default: the launcher's; set it, e.g. "-XX:+UseSerialGC -Xms16m -Xmx512m", to
#      measure other options; its environment then stays glibc's default).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${RUNS:-3}"
IDLE_WAIT="${IDLE_WAIT:-10}"
POLL_MS="${POLL_MS:-20}"
TANDEM_CPU="${TANDEM_CPU:-}"

# Reference figures, quoted: PeerTube 6.3's idle resident memory, its Node process plus the PostgreSQL
# backends and Redis it needs (Tandem embeds its database); and the target of issue 13 (0.4x that).
PEERTUBE_STACK_MB=336
TARGET_MB=130

# The launcher's JVM options and environment: NAME=value lines are environment, the rest options.
JVM_ARGS=()
if [[ -n "${JVM_OPTIONS:-}" ]]; then
  read -r -a JVM_ARGS <<<"$JVM_OPTIONS"
  JVM_FROM="JVM_OPTIONS"
else
  while read -r line; do
    if [[ "$line" == -* ]]; then JVM_ARGS+=("$line"); elif [[ "$line" == *=* ]]; then export "${line?}"; fi
  done < <("$REPO_DIR/tandem" jvm-options)
  JVM_FROM="./tandem jvm-options"
fi

WORK="$(mktemp -d /tmp/tandem-bench-footprint.XXXXXX)"
AOT_CACHE="$WORK/tandem.aot"
TANDEM_PID=""

cleanup() {
  local rc=$?
  [[ -n "$TANDEM_PID" ]] && stop_pid "$TANDEM_PID" 30
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Fresh data dir with the seed's extracted ffmpeg/native cache copied in.
fresh_data() {
  local d; d="$(mktemp -d "$WORK/data.XXXXXX")"
  cp -a "$WORK/seed-cache" "$d/cache"
  echo "$d"
}

# One throwaway start so Tandem extracts its bundled natives into cache/.
seed_cache() {
  local d="$WORK/seed" port; port="$(free_port)"
  mkdir -p "$d"
  log "seed run: letting Tandem extract its native cache once"
  start_tandem "$d" "$port" "$WORK/seed.log" "${JVM_ARGS[@]}"
  wait_tandem_ready "$TANDEM_PID" "$WORK/seed.log" 300
  stop_pid "$TANDEM_PID" 30; TANDEM_PID=""
  [[ -d "$d/cache" ]] || die "seed run produced no cache/ dir"
  cp -a "$d/cache" "$WORK/seed-cache"
  SEED_CACHE_MB="$(du -sm "$WORK/seed-cache" | cut -f1)"
  rm -rf "$d"
}

# Exercise the usual startup + request paths so the cache holds them.
training_traffic() {
  local port="$1" u
  for u in /api/v1/config /api/v1/config/about /api/v1/videos /api/v1/oauth-clients/local \
           /api/v1/video-channels /api/v1/accounts /; do
    curl -s -o /dev/null -H "Host: localhost:$port" "http://127.0.0.1:$port$u" || true
  done
}

# Training run: the AOT cache is written when the JVM exits (SIGTERM -> orderly
# shutdown). JDK 25 one-step -XX:AOTCacheOutput first; if that yields no
# file, the JDK 24 two-step record/create flow.
create_aot_cache() {
  local d port; d="$(fresh_data)"; port="$(free_port)"
  log "training run with -XX:AOTCacheOutput (one-step, JEP 514)"
  start_tandem "$d" "$port" "$WORK/train.log" "${JVM_ARGS[@]}" -XX:AOTCacheOutput="$AOT_CACHE"
  wait_tandem_ready "$TANDEM_PID" "$WORK/train.log" 300
  training_traffic "$port"
  stop_pid "$TANDEM_PID" 300; TANDEM_PID=""
  if [[ -s "$AOT_CACHE" ]]; then
    AOT_METHOD="one-step -XX:AOTCacheOutput"
  else
    log "no cache from -XX:AOTCacheOutput; falling back to record + create"
    tail -n 5 "$WORK/train.log" >&2
    d="$(fresh_data)"; port="$(free_port)"
    start_tandem "$d" "$port" "$WORK/train-record.log" "${JVM_ARGS[@]}" \
      -XX:AOTMode=record -XX:AOTConfiguration="$WORK/tandem.aotconf"
    wait_tandem_ready "$TANDEM_PID" "$WORK/train-record.log" 300
    training_traffic "$port"
    stop_pid "$TANDEM_PID" 60; TANDEM_PID=""
    "$JAVA" "${JVM_ARGS[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$WORK/tandem.aotconf" \
      -XX:AOTCache="$AOT_CACHE" --enable-native-access=ALL-UNNAMED -jar "$TANDEM_JAR" \
      >"$WORK/train-create.log" 2>&1 || true
    [[ -s "$AOT_CACHE" ]] || { tail -n 20 "$WORK/train-create.log" >&2; die "could not create an AOT cache"; }
    AOT_METHOD="two-step -XX:AOTMode=record/create"
  fi
  AOT_MB="$(du -m "$AOT_CACHE" | cut -f1)"
  log "AOT cache: $AOT_CACHE (${AOT_MB} MB, $AOT_METHOD)"
}

# measure <plain|aot>: one start-to-first-200 + idle RSS sample.
measure() {
  local mode="$1" d port logf t0 t1 cpu code rss self_ms extra=()
  d="$(fresh_data)"; port="$(free_port)"; logf="$d.log"
  # -XX:AOTMode=on: refuse to start rather than silently run without the cache.
  [[ "$mode" == aot ]] && extra=(-XX:AOTMode=on -XX:AOTCache="$AOT_CACHE")
  sync; sleep 1   # let the previous run's exit and file copies settle
  t0="$(now_ms)"
  start_tandem "$d" "$port" "$logf" "${JVM_ARGS[@]}" "${extra[@]}"
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 \
        -H "Host: localhost:$port" "http://127.0.0.1:$port/api/v1/config" || true)"
    [[ "$code" == 200 ]] && break
    kill -0 "$TANDEM_PID" 2>/dev/null || { tail -n 30 "$logf" >&2; die "$mode run: Tandem exited"; }
    (( $(now_ms) - t0 > 300000 )) && die "$mode run: no 200 after 300 s"
    sleep "0.$(printf '%03d' "$POLL_MS")"
  done
  t1="$(now_ms)"
  # CPU the JVM spent to get there: much less sensitive than wall time to other work on the machine.
  cpu="$(cpu_ticks "$TANDEM_PID")"
  sleep "$IDLE_WAIT"
  rss="$(rss_kb "$TANDEM_PID")"
  # Tandem's own figure from its log ("started in N ms"), for reference.
  self_ms="$(grep -o 'started in [0-9]* ms' "$logf" | grep -o '[0-9]*' || echo 0)"
  stop_pid "$TANDEM_PID" 30; TANDEM_PID=""
  rm -rf "$d" "$logf"
  echo "$mode $(( t1 - t0 )) $rss ${self_ms:-0} $cpu" >>"$WORK/results.txt"
}

# nmt_breakdown <plain|aot>: one more idle instance, under NMT: VmRSS, then NMT's committed MB by
# category (those of 0.5 MB or more), and the live thread count.
nmt_breakdown() {
  local mode="$1" d port logf extra=() jcmd="$JAVA_HOME/bin/jcmd" rss anon file
  d="$(fresh_data)"; port="$(free_port)"; logf="$d.log"
  [[ "$mode" == aot ]] && extra=(-XX:AOTMode=on -XX:AOTCache="$AOT_CACHE")
  start_tandem "$d" "$port" "$logf" "${JVM_ARGS[@]}" "${extra[@]}" -XX:NativeMemoryTracking=summary
  wait_tandem_ready "$TANDEM_PID" "$logf" 300
  sleep "$IDLE_WAIT"
  rss="$(rss_kb "$TANDEM_PID")"
  anon="$(awk '/^RssAnon:/ {print $2}' "/proc/$TANDEM_PID/status")"
  file="$(awk '/^RssFile:/ {print $2}' "/proc/$TANDEM_PID/status")"
  echo
  echo "== Where an idle instance's memory goes ($mode, under -XX:NativeMemoryTracking=summary) =="
  printf 'VmRSS %.1f MB = anonymous %.1f MB + files %.1f MB (libjvm, CDS/AOT archive, jar, other libraries)\n' \
    "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" "$(awk -v k="$anon" 'BEGIN {print k / 1024}')" \
    "$(awk -v k="$file" 'BEGIN {print k / 1024}')"
  "$jcmd" "$TANDEM_PID" VM.native_memory summary | awk '
    /^Total:/ { match($0, /committed=[0-9]+KB/); t = substr($0, RSTART + 10, RLENGTH - 12) + 0 }
    /^-  *[A-Za-z].*\(reserved=[0-9]+KB, committed=[0-9]+KB/ {
      name = $0; sub(/^-  */, "", name); sub(/ *\(reserved.*/, "", name)
      match($0, /committed=[0-9]+KB/); c = substr($0, RSTART + 10, RLENGTH - 12) + 0
      if (c >= 512) printf "  %-28s %7.1f MB committed\n", name, c / 1024
    }
    END { printf "  %-28s %7.1f MB committed (committed is an upper bound of what is resident)\n", "NMT total", t / 1024 }'
  echo "  threads: $("$jcmd" "$TANDEM_PID" Thread.print | grep -c '^"') (incl. the Attach Listener jcmd starts)"
  stop_pid "$TANDEM_PID" 30; TANDEM_PID=""
  rm -rf "$d" "$logf"
}

print_results() {
  echo
  echo "== Per-run results (interleaved) =="
  printf '%-4s %-6s %16s %18s %14s %18s\n' run mode first_200_ms cpu_to_first_200_s idle_rss_MB tandem_log_ms
  awk -v hz="$CLK_TCK" '{ n[$1]++; printf "%-4d %-6s %16d %18.2f %14.1f %18d\n", n[$1], $1, $2, $5 / hz, $3 / 1024, $4 }' "$WORK/results.txt"
  echo
  echo "== Summary: median (min-max) over $RUNS runs each =="
  printf '%-6s %-26s %-26s %-26s\n' mode "start->first 200 (s)" "CPU to first 200 (s)" "idle RSS (MB)"
  local m
  for m in plain aot; do
    printf '%-6s %-26s %-26s %-26s\n' "$m" \
      "$(fmt_stats 2 $(awk -v m=$m '$1==m {print $2 / 1000}' "$WORK/results.txt"))" \
      "$(fmt_stats 2 $(awk -v m=$m -v hz="$CLK_TCK" '$1==m {print $5 / hz}' "$WORK/results.txt"))" \
      "$(fmt_stats 0 $(awk -v m=$m '$1==m {print $3 / 1024}' "$WORK/results.txt"))"
  done
  local p_t a_t p_r a_r
  read -r p_t _ < <(stats $(awk '$1=="plain" {print $2 / 1000}' "$WORK/results.txt"))
  read -r a_t _ < <(stats $(awk '$1=="aot" {print $2 / 1000}' "$WORK/results.txt"))
  read -r p_r _ < <(stats $(awk '$1=="plain" {print $3 / 1024}' "$WORK/results.txt"))
  read -r a_r _ < <(stats $(awk '$1=="aot" {print $3 / 1024}' "$WORK/results.txt"))
  echo
  awk -v p="$p_t" -v a="$a_t" -v pr="$p_r" -v ar="$a_r" 'BEGIN {
    printf "VERDICT: AOT cache start->first 200: %.2f s vs plain %.2f s (aot/plain = %.2f)\n", a, p, a / p
    printf "VERDICT: start->first 200 vs reference \"JVM with CDS/AOT archive ~0.4 s\": aot %.2f s = %.1fx the reference\n", a, a / 0.4
  }'
  awk -v pr="$p_r" -v ar="$a_r" -v pt="$PEERTUBE_STACK_MB" -v tg="$TARGET_MB" 'BEGIN {
    printf "VERDICT: idle RSS vs reference \"PeerTube 6.3, Node + its PostgreSQL backends + Redis, ~%d MB\": plain %.0f MB = %.2fx, aot %.0f MB = %.2fx\n", pt, pr, pr / pt, ar, ar / pt
    printf "VERDICT: idle RSS vs the target (issue 13: %.1fx PeerTube = %d MB): plain %.2fx, aot %.2fx of the target\n", tg / pt, tg, pr / tg, ar / tg
  }'
  echo "NOTE: Tandem's figure is the whole server (embedded SQLite); PeerTube's needs PostgreSQL and Redis beside Node, counted in its reference."
}

main() {
  ensure_jar
  : >"$WORK/results.txt"
  seed_cache
  create_aot_cache

  echo "Setup: jar=$TANDEM_JAR java=$("$JAVA" -version 2>&1 | head -n1)"
  echo "Setup: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; JVM options (from $JVM_FROM): ${JVM_ARGS[*]}${MALLOC_ARENA_MAX:+, env MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX}; JVM pinned: ${TANDEM_CPU:-no (both cores, as a deployment would)}"
  echo "Setup: fresh data dir per run (new SQLite db + admin user), with the ffmpeg/native cache (${SEED_CACHE_MB} MB) pre-extracted once by a seed run and copied in"
  echo "Setup: start->first 200 = wall time from launching java to the first 200 on GET /api/v1/config, curl polled every ${POLL_MS} ms; CPU to first 200 = user+sys CPU of the JVM at that moment (less sensitive than wall time to other load)"
  echo "Setup: idle RSS = VmRSS of the JVM ${IDLE_WAIT} s after that first 200, no traffic in between"
  echo "Setup: AOT cache ${AOT_MB} MB via $AOT_METHOD (training: start, GET a few API endpoints, SIGTERM); runs use -XX:AOTMode=on -XX:AOTCache=..."
  echo "Setup: $RUNS runs each, interleaved plain/aot"

  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  local r
  for ((r = 1; r <= RUNS; r++)); do
    log "run $r/$RUNS: plain"; measure plain
    log "run $r/$RUNS: aot";   measure aot
  done
  echo "Load average before/after the measured runs: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine adds noise)"
  print_results
  nmt_breakdown plain
  nmt_breakdown aot
}

main "$@"
