#!/usr/bin/env bash
# Tracker benchmark: Tandem's tracker vs the tracker PeerTube embeds
# (@peertube/bittorrent-tracker-server, Node), same load generator, same machine, interleaved.
# Tandem is measured twice, each in its own JVM: `tandem-main` is the main port's /tracker/socket as
# `./tandem start` runs it (its front hands the socket to the tracker's NIO selector loops), `tandem-nio`
# the optional dedicated tracker listener (TANDEM_TRACKER_PORT) on the same loops.
# Load: closed-loop announces with two WebRTC offers each over many sockets and swarms, from
# tracker/LoadGen.java (raw RFC 6455 on NIO, all sockets open before the first announce; it reports
# its own CPU use, so a saturated generator shows in the table).
# Env: RUNS (3), CONNS ("1000 5000"), SWARMS (100), WARMUP (5), MEASURE (10), SERVER_CPU (1), CLIENT_CPU (0),
#      GEN_THREADS (1): generator threads (they share CLIENT_CPU unless it names several CPUs, e.g. "0,1").
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh

RUNS="${RUNS:-3}"; GEN_THREADS_N="${GEN_THREADS:-1}"; CONNS="${CONNS:-1000 5000}"; SWARMS="${SWARMS:-100}"
WARMUP="${WARMUP:-5}"; MEASURE="${MEASURE:-10}"; SERVER_CPU="${SERVER_CPU:-1}"; CLIENT_CPU="${CLIENT_CPU:-0}"
WORK="$(mktemp -d /tmp/tandem-bench-tracker.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do stop_pid "$p"; done; rm -rf "$WORK"; }
trap cleanup EXIT

ulimit -n 65536 2>/dev/null || true
(cd tracker && [ -d node_modules ] || npm ci --no-audit --no-fund --silent)
ensure_jar
mkdir -p "$WORK/gen" && "$JAVA_HOME/bin/javac" -d "$WORK/gen" tracker/LoadGen.java

TPORT="$(free_port)"; NPORT="$(free_port)"; XHTTP="$(free_port)"; XPORT="$(free_port)"
mkdir -p "$WORK/data" "$WORK/data-nio"
log "starting two Tandems (tracker open to any infohash, no per-IP cap: the reference has neither) on CPU $SERVER_CPU"
TANDEM_CPU="$SERVER_CPU" TANDEM_TRACKER_PRIVATE=false TANDEM_TRACKER_MESSAGES_PER_10S=2000000000 \
  start_tandem "$WORK/data" "$TPORT" "$WORK/tandem.log"
PIDS+=("$TANDEM_PID"); MAIN_PID=$TANDEM_PID
TANDEM_CPU="$SERVER_CPU" TANDEM_TRACKER_PRIVATE=false TANDEM_TRACKER_MESSAGES_PER_10S=2000000000 TANDEM_TRACKER_PORT="$XPORT" \
  start_tandem "$WORK/data-nio" "$XHTTP" "$WORK/tandem-nio.log"
PIDS+=("$TANDEM_PID"); NIO_PID=$TANDEM_PID
wait_tandem_ready "$MAIN_PID" "$WORK/tandem.log" 120
wait_tandem_ready "$NIO_PID" "$WORK/tandem-nio.log" 120
log "starting the reference tracker on CPU $SERVER_CPU"
taskset -c "$SERVER_CPU" node tracker/reference-server.mjs "$NPORT" >"$WORK/ref.log" 2>&1 &
REF_PID=$!; PIDS+=("$REF_PID")
for _ in $(seq 1 100); do grep -q listening "$WORK/ref.log" && break; sleep 0.1; done

SERVERS="tandem-nio tandem-main reference"
server() { case $1 in tandem-nio) port=$XPORT; pid=$NIO_PID ;; tandem-main) port=$TPORT; pid=$MAIN_PID ;; *) port=$NPORT; pid=$REF_PID ;; esac; }
load() { SERVER_PID="${pid:-}" taskset -c "$CLIENT_CPU" "$JAVA" -cp "$WORK/gen" LoadGen "ws://127.0.0.1:$1/tracker/socket" "$2" "$SWARMS" "$WARMUP" "$MEASURE" ${3:-}; }
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }

# RSS per connection, first, on the fresh servers (afterwards, memory the load runs left committed
# would hide it): baseline RSS, then C idle sockets that announced once, RSS again.
rss_per_conn() {
  local port=$1 pid=$2 c=$3 before after
  before="$(rss_kb "$pid")"
  load "$port" "$c" 8 >"$WORK/hold.txt" &
  local gen=$!
  for _ in $(seq 1 1200); do grep -q firstReplies "$WORK/hold.txt" 2>/dev/null && break; sleep 0.1; done
  sleep 2
  after="$(rss_kb "$pid")"
  wait "$gen" || true
  awk -v a="$after" -v b="$before" -v c="$c" 'BEGIN { printf "%.1f", (a - b) * 1024 / c / 1024 }'
}
RSS_C="${CONNS##* }"
declare -A RSS
for s in $SERVERS; do server "$s"; log "RSS with $RSS_C idle sockets: $s"; RSS[$s]="$(rss_per_conn "$port" "$pid" "$RSS_C")"; done

: >"$WORK/results.txt"
for c in $CONNS; do
  for ((r = 1; r <= RUNS; r++)); do
    for s in $SERVERS; do
      server "$s"
      t0="$(cpu_ticks "$pid")"
      out="$(load "$port" "$c")"
      t1="$(cpu_ticks "$pid")"
      log "$c sockets run $r $s: $out"
      echo "$c $s $(field repliesPerSec <<<"$out") $(field offersPerSec <<<"$out") $(( t1 - t0 )) $(field failures <<<"$out") $(field open <<<"$out") $(field genCpu <<<"$out") $(field serverCpu <<<"$out")" >>"$WORK/results.txt"
    done
  done
done


echo
echo "Setup: Tandem $(basename "$TANDEM_JAR") vs @peertube/bittorrent-tracker-server 11.1.2 on $(node -v); servers pinned to CPU $SERVER_CPU, load generator (Java NIO, $GEN_THREADS_N thread(s)) to CPU $CLIENT_CPU"
echo "Setup: $SWARMS swarms, closed loop, each announce carries 2 offers (numwant 2); ${WARMUP}s warm-up then ${MEASURE}s measured; $RUNS interleaved runs per size"
echo
printf '%-7s %-15s %-26s %-26s %-22s %-18s %s\n' sockets server "announces/s median (min-max)" "offers relayed/s" "announces/server cpu-s" "gen cores" "failures/min open"
for c in $CONNS; do
  for s in $SERVERS; do
    printf '%-7s %-15s %-26s %-26s %-22s %-18s %s\n' "$c" "$s" \
      "$(fmt_stats 0 $(awk -v c=$c -v s=$s '$1==c && $2==s {print $3}' "$WORK/results.txt"))" \
      "$(fmt_stats 0 $(awk -v c=$c -v s=$s '$1==c && $2==s {print $4}' "$WORK/results.txt"))" \
      "$(fmt_stats 0 $(awk -v c=$c -v s=$s '$1==c && $2==s && $9 > 0 {print $3 / $9}' "$WORK/results.txt"))" \
      "$(fmt_stats 2 $(awk -v c=$c -v s=$s '$1==c && $2==s {print $8}' "$WORK/results.txt"))" \
      "$(awk -v c=$c -v s=$s '$1==c && $2==s {f += $6; if (m == "" || $7 < m) m = $7} END {print f + 0 "/" m}' "$WORK/results.txt")"
  done
done
echo "(announces/server cpu-s: announces per CPU-second the server actually got while measuring, robust to other work on the"
echo " machine; gen cores: the generator's CPU use while measuring; near 1.0 on one CPU it, not the server, sets the pace)"
echo
echo "RSS per idle connection ($RSS_C sockets, one announce each): tandem-nio ${RSS[tandem-nio]} KB, tandem-main ${RSS[tandem-main]} KB, reference ${RSS[reference]} KB"
for c in $CONNS; do
  read -r n _ < <(stats $(awk -v c=$c '$1==c && $2=="reference" {print $3}' "$WORK/results.txt"))
  read -r ncpu _ < <(stats $(awk -v c=$c '$1==c && $2=="reference" && $9 > 0 {print $3 / $9}' "$WORK/results.txt"))
  for s in tandem-main tandem-nio; do
    read -r t _ < <(stats $(awk -v c=$c -v s=$s '$1==c && $2==s {print $3}' "$WORK/results.txt"))
    read -r tcpu _ < <(stats $(awk -v c=$c -v s=$s '$1==c && $2==s && $9 > 0 {print $3 / $9}' "$WORK/results.txt"))
    awk -v c=$c -v s=$s -v a="$t" -v b="$n" 'BEGIN { r = a / b; printf "INFO: %d sockets: %s/reference announces/s = %.2f\n", c, s, r }'
    awk -v c=$c -v s=$s -v a="$tcpu" -v b="$ncpu" 'BEGIN { r = a / b; printf "VERDICT: %d sockets: %s/reference announces per server cpu-s = %.2f (target >= 3) -> %s\n", c, s, r, (r >= 3 ? "MET" : "NOT MET") }'
  done
done
