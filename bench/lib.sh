# Shared helpers for bench/serving.sh and bench/footprint.sh.
# Sourced, not executed. Callers run with `set -euo pipefail`.

JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
ADMIN_PASSWORD="bench-admin-pass-123"
CLK_TCK="$(getconf CLK_TCK)"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Use $TANDEM_JAR if given; otherwise build our own jar into a private target
# dir so we never touch the default target/ (someone else may be building there).
# -Dmaven.test.skip=true: we only need the main jar, and skipping test
# compilation keeps the bench independent of in-progress test sources.
ensure_jar() {
  # The bundled ffmpeg links against PulseAudio's client library (as ./tandem start checks too).
  if ! ldconfig -p 2>/dev/null | grep -q 'libpulse.so.0'; then
    log "installing libpulse0 (needed by the bundled ffmpeg)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpulse0 >/dev/null) || die "could not install libpulse0"
  fi
  if [[ -n "${TANDEM_JAR:-}" ]]; then
    [[ -f "$TANDEM_JAR" ]] || die "TANDEM_JAR=$TANDEM_JAR does not exist"
    return
  fi
  local target=/tmp/tandem-bench-target
  log "building tandem.jar into $target (set TANDEM_JAR to skip)"
  (cd "$REPO_DIR" && JAVA_HOME="$JAVA_HOME" mvn -q -B -Dmaven.test.skip=true \
      -Dtandem.build.dir="$target" package >&2) || die "maven build failed"
  TANDEM_JAR="$target/tandem.jar"
  [[ -f "$TANDEM_JAR" ]] || die "build produced no $TANDEM_JAR"
}

# Ask the kernel for a free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Monotonic-enough wall clock in milliseconds.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# utime+stime (fields 14,15 of /proc/<pid>/stat, all threads) of the given
# pids, in clock ticks. The comm field may contain spaces, so cut after ')'.
cpu_ticks() {
  local total=0 pid f
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    f="$(sed 's/^.*) //' "/proc/$pid/stat")"
    # after ')': field 3 is state, so utime/stime are words 12 and 13
    total=$(( total + $(awk '{print $12 + $13}' <<<"$f") ))
  done
  echo "$total"
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# The ffmpeg that Tandem extracted (bytedeco) under <data>/cache/**/ffmpeg.
find_ffmpeg() {
  find "$1/cache" -type f -name ffmpeg -perm -u+x 2>/dev/null | head -n1
}

# Start Tandem in the background. Args: data_dir port logfile [extra java args...]
# Sets TANDEM_PID. Optional $TANDEM_CPU pins the JVM with taskset.
start_tandem() {
  local data="$1" port="$2" logf="$3"; shift 3
  local pin=()
  [[ -n "${TANDEM_CPU:-}" ]] && pin=(taskset -c "$TANDEM_CPU")
  TANDEM_PORT="$port" TANDEM_DATA_DIR="$data" TANDEM_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    TANDEM_PUBLIC_URL="http://localhost:$port" \
    "${pin[@]}" "$JAVA" "$@" --enable-native-access=ALL-UNNAMED -jar "$TANDEM_JAR" start \
    >"$logf" 2>&1 &
  TANDEM_PID=$!
}

# Wait for "Tandem is listening on port" in the log (or the process to die).
wait_tandem_ready() {
  local pid="$1" logf="$2" timeout="${3:-180}" i
  for ((i = 0; i < timeout * 10; i++)); do
    grep -q "Tandem is listening on port" "$logf" && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$logf" >&2; die "Tandem exited during startup"; }
    sleep 0.1
  done
  tail -n 30 "$logf" >&2
  die "Tandem not ready after ${timeout}s"
}

# SIGTERM, wait up to $2 seconds, then SIGKILL. Only touches the given pid.
stop_pid() {
  local pid="$1" grace="${2:-20}" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  log "pid $pid ignored SIGTERM for ${grace}s, killing"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# stats <values...> -> "median min max" (numeric, any count >= 1)
stats() {
  printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {
    m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2
    printf "%s %s %s\n", m, v[1], v[NR] }'
}

# fmt_stats <decimals> <values...> -> "median (min-max)" (ASCII so printf widths line up)
fmt_stats() {
  local d="$1"; shift
  read -r med lo hi < <(stats "$@")
  printf "%.${d}f (%.${d}f-%.${d}f)" "$med" "$lo" "$hi"
}

# An OAuth password-grant token, as Tandem and PeerTube both speak it. Args: base-url host-header user password
token_for() {
  local base="$1" host="$2" creds
  creds="$(curl -sSf -H "Host: $host" "$base/api/v1/oauth-clients/local")"
  curl -sSf -H "Host: $host" -d client_id="$(jq -r .client_id <<<"$creds")" \
    -d client_secret="$(jq -r .client_secret <<<"$creds")" -d grant_type=password -d username="$3" \
    --data-urlencode password="$4" "$base/api/v1/users/token" | jq -r .access_token
}
