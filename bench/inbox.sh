#!/usr/bin/env bash
# Inbox throughput: how many signed Create(Note) comments per second Tandem's shared inbox accepts
# (202 = persisted; processing is asynchronous), against the crypto bound: the single-core rate of
# RSA-2048 SHA256withRSA verification measured in the load tool's JVM on this machine.
# federation/InboxLoad.java is a fake remote instance on 127.0.0.2 (ACTORS Person actors, one RSA-2048
# key each, their notes served for Tandem to fetch). Each run signs WARMUP+N requests before the clock
# starts, posts WARMUP (Tandem fetches the actors), waits for Tandem to go idle, then posts N over CONC
# keep-alive connections (one request in flight each). Tandem's CPU comes from /proc, verification time
# from the tandem_federation_signature_verify_seconds timer in /metrics.
# Tandem is pinned to SERVER_CPU once the upload is published (transcoding gets both cores); the load tool
# to CLIENT_CPU while posting (it signs on all CPUs before each run). It reports its own CPU use.
# Env: TANDEM_JAR, RUNS (3), N (20000), CONC (16), ACTORS (20), WARMUP (1000), SERVER_CPU (1), CLIENT_CPU (0).
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh
source ./federation/fed.sh

export RUNS="${RUNS:-3}" N="${N:-20000}" CONC="${CONC:-16}" ACTORS="${ACTORS:-20}" WARMUP="${WARMUP:-1000}"
SERVER_CPU="${SERVER_CPU:-1}"; CLIENT_CPU="${CLIENT_CPU:-0}"
WORK="$(mktemp -d /tmp/tandem-bench-inbox.XXXXXX)"
TANDEM_PID=""; LOAD_PID=""
cleanup() {
  local rc=$?
  [[ -n "$LOAD_PID" ]] && stop_pid "$LOAD_PID" 5
  [[ -n "$TANDEM_PID" ]] && stop_pid "$TANDEM_PID" 30
  [[ -n "${KEEP_WORK:-}" ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_jar
build_fed_tools
PORT="$(free_port)"
log "starting Tandem on port $PORT"
start_fed_tandem "$WORK/data" "$PORT" "$WORK/tandem.log"
login
make_clip "$WORK/data"
upload_published "inbox-bench"
log "video $UUID published; pinning Tandem to CPU $SERVER_CPU"
taskset -a -p -c "$SERVER_CPU" "$TANDEM_PID" >/dev/null

log "$RUNS runs: $WARMUP warm-up + $N measured comments each, $CONC connections, $ACTORS actors"
TOKEN="$TOKEN" SERVER_PID="$TANDEM_PID" CLIENT_CPU="$CLIENT_CPU" "$JAVA" -cp "$WORK/gen" InboxLoad "$BASE" "$UUID" \
  >"$WORK/results.jsonl" 2> >(tee "$WORK/load.log" >&2) &
LOAD_PID=$!
wait "$LOAD_PID" || { tail -n 20 "$WORK/tandem.log" >&2; die "InboxLoad failed"; }
LOAD_PID=""
grep -q cryptoVerifyPerSec "$WORK/results.jsonl" || die "InboxLoad printed no results"
comments="$(api "$BASE/api/v1/videos/$UUID/comment-threads?count=1" | jq -r .total)" || comments="?"

col() { jq -r "select(.run) | .$1" "$WORK/results.jsonl"; }
crypto="$(jq -r 'select(.cryptoVerifyPerSec) | .cryptoVerifyPerSec' "$WORK/results.jsonl")"
sign_rate="$(jq -r 'select(.cryptoSignPerSec) | .cryptoSignPerSec' "$WORK/results.jsonl")"

echo
echo "Setup: Tandem $(basename "$TANDEM_JAR") pinned to CPU $SERVER_CPU; InboxLoad (raw HTTP/1.1, pre-signed requests) posting from CPU $CLIENT_CPU"
echo "Setup: $ACTORS remote actors (RSA-2048 each) on 127.0.0.2, $WARMUP warm-up + $N measured Create(Note) per run, $CONC connections, $RUNS runs"
echo
printf '%-4s %-10s %-9s %-9s %-14s %-11s %-13s %-12s %-12s %-10s %-9s %s\n' run accepted "acc/s" "p50 ms" "p99 ms" "srv cpu-s" "+drain cpu-s" "verify n" "verify s" "verify %" "gen cores" errors
jq -r 'select(.run) | [.run, .accepted, .acceptedPerSec, .p50Ms, .p99Ms, .serverCpuS, .serverCpuWithDrainS, .verifyCount, .verifySumS, (if .verifyShare then .verifyShare * 100 else "" end), .genCores, (.errors | tostring)] | @tsv' "$WORK/results.jsonl" |
  awk -F'\t' '{ printf "%-4d %-10d %-9.0f %-9.2f %-14.2f %-11.2f %-13.2f %-12s %-12s %-10s %-9.2f %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, ($10 == "" ? "n/a" : sprintf("%.1f", $10)), $11, $12 }'
echo "(srv cpu-s: Tandem's CPU seconds while posting; +drain: until it went idle afterwards (asynchronous processing);"
echo " verify n/s: delta of tandem_federation_signature_verify_seconds_count/_sum (wall time, key lookup excluded); verify %: verify s / srv cpu-s;"
echo " gen cores: the load tool's CPU use while posting; near 1.0 it, not Tandem, sets the pace)"
echo
printf '%-42s %s\n' "accepted/s" "$(fmt_stats 0 $(col acceptedPerSec))"
printf '%-42s %s\n' "accepted per server CPU-second" "$(fmt_stats 0 $(jq -r 'select(.run) | .accepted / .serverCpuS' "$WORK/results.jsonl"))"
printf '%-42s %s\n' "server CPU per accepted, with drain (ms)" "$(fmt_stats 3 $(jq -r 'select(.run) | 1000 * .serverCpuWithDrainS / .accepted' "$WORK/results.jsonl"))"
printf '%-42s %s\n' "p50 / p99 latency (ms)" "$(fmt_stats 2 $(col p50Ms)) / $(fmt_stats 2 $(col p99Ms))"
if [[ -n "$(jq -r 'select(.run and .verifyShare != null) | .run' "$WORK/results.jsonl")" ]]; then
  printf '%-42s %s\n' "wall time inside verification / CPU %" "$(fmt_stats 1 $(jq -r 'select(.run and .verifyShare != null) | .verifyShare * 100' "$WORK/results.jsonl"))"
  printf '%-42s %s\n' "wall time per verification (us)" "$(fmt_stats 1 $(jq -r 'select(.run and .verifyCount > 0) | 1e6 * .verifySumS / .verifyCount' "$WORK/results.jsonl"))"
else
  echo "signature verification share of CPU: n/a (no tandem_federation_signature_verify_seconds in /metrics)"
fi
printf '%-42s %s\n' "load tool CPU (cores)" "$(fmt_stats 2 $(col genCores))"
echo "comments on the video after all runs: $comments (expected $(( RUNS * (N + WARMUP) )) once processing is done)"
echo "fetches Tandem made to the fake instance: $(jq -c 'select(.remoteServed) | .remoteServed' "$WORK/results.jsonl")"
printf 'Reference: RSA-2048 SHA256withRSA on one core in the JDK here: verify %.0f/s (sign %.0f/s)\n' "$crypto" "$sign_rate"
# Virtual threads report no CPU time of their own, and the wall time above includes waiting for the
# one pinned core: the CPU share of verification is estimated from its measured single-core cost.
printf '%-42s %s\n' "signature verification share of CPU % (est.)" "$(fmt_stats 1 $(jq -r --argjson rate "$crypto" 'select(.run and .verifyCount > 0) | 100 * (.verifyCount / $rate) / .serverCpuS' "$WORK/results.jsonl"))"
read -r med _ < <(stats $(col acceptedPerSec))
awk -v a="$med" -v b="$crypto" 'BEGIN { printf "VERDICT: inbox accepted/s / single-core RSA verify/s = %.3f (no target; 1.0 would be one core doing nothing but verifying)\n", a / b }'
