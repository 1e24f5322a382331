#!/usr/bin/env bash
# List and search cost against table size: requests per Tandem CPU-second for the video list API
# with SMALL (10) and LARGE (100,000) seeded videos, and the ratio large/small (1.00 = size-independent).
# Usage: bench/api.sh            DB=postgres bench/api.sh            LARGE=10000 DURATION=10 bench/api.sh
# Per size: a fresh database seeded by tandem.video.bench.ApiSeed (after Tandem's migrations), then Tandem
# started from the build's classes, then per endpoint WARMUP seconds of wrk (JIT) and DURATION measured
# seconds (after a warm-up pass over every endpoint and 1 s of the endpoint itself); CPU is utime+stime from
# /proc over the measured seconds of the Tandem JVM and, on PostgreSQL, of the server backends serving its pool.
# Env: DB (sqlite | postgres), PG_URL (postgresql://postgres@127.0.0.1:5432), SMALL (10), LARGE (100000),
#      PG_PREFIX (tandem_bench: databases <prefix>_<size>, dropped and made anew), DURATION (5), WARMUP (3), ROUNDS (2: every endpoint measured this many times, the best kept), CONNECTIONS (32), TANDEM_BUILD_DIR (target), SKIP_BUILD (unset).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_DIR"

DB="${DB:-sqlite}"
PG_URL="${PG_URL:-postgresql://postgres@127.0.0.1:5432}"
PG_PREFIX="${PG_PREFIX:-tandem_bench}"
SMALL="${SMALL:-10}"; LARGE="${LARGE:-100000}"
DURATION="${DURATION:-5}"; WARMUP="${WARMUP:-3}"; ROUNDS="${ROUNDS:-2}"; CONNECTIONS="${CONNECTIONS:-32}"
build_dir="${TANDEM_BUILD_DIR:-target}"
# Pages hold as many videos at both sizes (8 for lists, 1 for searches and the category, which match one of
# the 10 videos), so the ratio shows what the table's size costs, not what more items on a page cost.
ENDPOINTS=(
  "home|/api/v1/videos?sort=-publishedAt&count=8"
  "views|/api/v1/videos?sort=-views&count=8"
  "search|/api/v1/videos?search=foo&count=1"
  "search-api|/api/v1/search/videos?search=foo&count=1"
  "local|/api/v1/videos?sort=-publishedAt&isLocal=true&count=8"
  "category|/api/v1/videos?categoryOneOf=3&sort=-publishedAt&count=1"
  "likes-asc|/api/v1/videos?sort=likes&count=8"
)

WORK="$(mktemp -d /tmp/tandem-bench-api.XXXXXX)"
TANDEM_PID=""
cleanup() {
  local rc=$?
  [[ -n "$TANDEM_PID" ]] && stop_pid "$TANDEM_PID" 30
  [[ -n "${KEEP_WORK:-}" ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mvn_quiet() {
  mvn -q -B -o -Dtandem.build.dir="$PWD/$build_dir" "$@" || mvn -q -B -Dtandem.build.dir="$PWD/$build_dir" "$@"
}
cp_file="$build_dir/bench-classpath.txt"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  log "building classes and test classes into $build_dir"
  JAVA_HOME="$JAVA_HOME" mvn_quiet -DskipTests test-compile
  JAVA_HOME="$JAVA_HOME" mvn_quiet dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
fi
CP="$build_dir/test-classes:$build_dir/classes:$(cat "$cp_file")"

# db_url <videos>: a fresh, empty database for that size.
db_url() {
  if [[ "$DB" == postgres ]]; then
    local name="${PG_PREFIX}_$1"
    psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    echo "$PG_URL/$name"
  else
    mkdir -p "$WORK/data-$1"
    echo "jdbc:sqlite:$WORK/data-$1/tandem.db"
  fi
}

# measure <size> <name> <path>: appends "size name req/s cpu_s requests" to results.
measure() {
  local size="$1" name="$2" path="$3" url t0 t1 out reqs secs
  url="http://127.0.0.1:$PORT$path"
  code="$(curl -s -o "$WORK/body.json" -w '%{http_code}' -H "Host: localhost:$PORT" "$url")"
  [[ "$code" == 200 ]] || die "$name: HTTP $code from $path: $(head -c 300 "$WORK/body.json")"
  total="$(jq -r .total "$WORK/body.json")"; shown="$(jq -r '.data | length' "$WORK/body.json")"
  wrk -t1 -c"$CONNECTIONS" -d1s -H "Host: localhost:$PORT" "$url" >/dev/null
  local pids=("$TANDEM_PID")
  # On PostgreSQL the queries run in the server's backends: their CPU counts too (the pool's connections).
  [[ "$DB" == postgres ]] && pids+=($(psql "$PG_URL/postgres" -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '${PG_PREFIX}_$size'"))
  t0="$(cpu_ticks "${pids[@]}")"
  out="$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 60s -H "Host: localhost:$PORT" "$url")"
  t1="$(cpu_ticks "${pids[@]}")"
  grep -q 'Non-2xx' <<<"$out" && { echo "$out" >&2; die "$name: errors under load"; }
  grep -q 'Socket errors' <<<"$out" && log "$name: $(grep 'Socket errors' <<<"$out")"
  reqs="$(awk '/requests in/ {print $1}' <<<"$out")"
  secs="$(awk '/requests in/ {gsub(/s,/, "", $4); print $4}' <<<"$out")"
  awk -v s="$size" -v n="$name" -v r="$reqs" -v d="$secs" -v c="$(( t1 - t0 ))" -v hz="$CLK_TCK" -v t="$total" -v sh="$shown" \
    'BEGIN { printf "%s %s %.0f %.0f %s %s\n", s, n, r / d, r / (c / hz), t, sh }' >>"$WORK/results.txt"
}

run_size() {
  local size="$1" url data
  url="$(db_url "$size")"
  log "seeding $size videos ($DB)"
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" tandem.video.bench.ApiSeed "$url" "$size"
  data="$WORK/data-$size"; mkdir -p "$data"
  PORT="$(free_port)"
  log "starting Tandem on port $PORT"
  TANDEM_PORT="$PORT" TANDEM_DATA_DIR="$data" TANDEM_DATABASE_URL="$url" TANDEM_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    TANDEM_PUBLIC_URL="http://localhost:$PORT" \
    "$JAVA" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp "$CP" tandem.app.Main start \
    >"$WORK/tandem-$size.log" 2>&1 &
  TANDEM_PID=$!
  wait_tandem_ready "$TANDEM_PID" "$WORK/tandem-$size.log" 300
  local e
  log "warming up: ${WARMUP}s per endpoint (the JIT compiles the list path before anything is measured)"
  for e in "${ENDPOINTS[@]}"; do
    wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -H "Host: localhost:$PORT" "http://127.0.0.1:$PORT${e#*|}" >/dev/null
  done
  local r
  for ((r = 1; r <= ROUNDS; r++)); do
    for e in "${ENDPOINTS[@]}"; do
      log "  $size videos, round $r: ${e%%|*}"
      measure "$size" "${e%%|*}" "${e#*|}"
    done
  done
  stop_pid "$TANDEM_PID" 30; TANDEM_PID=""
}

: >"$WORK/results.txt"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
run_size "$SMALL"
run_size "$LARGE"

echo
echo "Setup: $DB (req/cpu-s counts Tandem's CPU$([[ "$DB" == postgres ]] && echo " + its PostgreSQL backends'")), Tandem from $build_dir/classes, $(nproc) CPUs, wrk 1 thread x $CONNECTIONS connections, ${WARMUP}s warm-up per endpoint, then 1s + ${DURATION}s measured per row"
echo "Setup: seeded by ApiSeed: 1 channel per 100 videos (1 in 5 remote), 1 in 20 private, 1 in 20 unpublished, 'foo' in 1 name in 1000"
echo "Load average before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine adds noise to req/s, less to req/cpu-s)"
echo
printf '%-11s %-58s %10s %12s %12s %12s %7s %9s %7s\n' endpoint path "req/s@$SMALL" "req/cpu-s@$SMALL" "req/s@$LARGE" "req/cpu-s@$LARGE" "ratio" "total@$LARGE" "shown"
for e in "${ENDPOINTS[@]}"; do
  n="${e%%|*}"; p="${e#*|}"
  read -r _ _ rs cs _ ss < <(awk -v s="$SMALL" -v n="$n" '$1==s && $2==n' "$WORK/results.txt" | sort -k4,4nr | head -n1)
  read -r _ _ rl cl tl sl < <(awk -v s="$LARGE" -v n="$n" '$1==s && $2==n' "$WORK/results.txt" | sort -k4,4nr | head -n1)
  awk -v n="$n" -v p="$p" -v rs="$rs" -v cs="$cs" -v rl="$rl" -v cl="$cl" -v tl="$tl" -v sh="$ss/$sl" 'BEGIN {
    printf "%-11s %-58s %10d %12d %12d %12d %7.2f %9d %7s\n", n, p, rs, cs, rl, cl, cl / cs, tl, sh }'
done
echo "(shown: videos on the page at $SMALL/$LARGE; each figure: the best of $ROUNDS rounds by req/cpu-s; ratio: req per CPU-second at $LARGE over at $SMALL; the target is >= 0.80)"
