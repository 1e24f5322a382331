#!/usr/bin/env bash
# Federation fan-out: how long until ACTORS (1000) remote instances, each 50 ms slow to answer, all have
# a newly published video's Create(Video), against PeerTube's delivery model on the same sink.
# federation/FanoutSink.java binds one port on 0.0.0.0 and plays instance i on its own loopback address
# (127.0.1.1 ... 127.0.4.250), so no per-host limit applies; every inbox answers 202 after LATENCY_MS.
# It timestamps each arrival, checks its Digest and Signature, and counts duplicate deliveries and
# distinct Signature values per inbox (one per inbox when nothing was retried or re-signed).
# Per run (interleaved): Tandem: upload a 2 s clip, time = last Create arrival - the video's publishedAt
# (REST; Tandem then also sends every inbox the instance's and the channel's Announce, as PeerTube does,
# queued behind the Creates and competing with their tail for the CPU; the baseline sends only Creates);
# then the baseline, PeerTube's model (one attempt per inbox, PARALLEL=30 in flight, each request
# signed with RSA-2048 as it goes, new connection each) run by federation/baseline.mjs on Node (PeerTube's
# runtime and its OpenSSL RSA; BASELINE=java uses the JDK instead) with the same body Tandem sent; time =
# last arrival - its start. Before the runs all actors follow Tandem's instance actor (signed Follows to
# /inbox) and the bench waits for all Accepts, which also checks that delivery works.
# Tandem and the baseline sender run on SERVER_CPU, the sink on SINK_CPU.
# BASELINE_ONLY=1: no Tandem; the baseline alone with a synthetic PeerTube-shaped Create(Video).
# Env: TANDEM_JAR, RUNS (3), ACTORS (1000), PARALLEL (30), LATENCY_MS (50), SERVER_CPU (1), SINK_CPU (0),
#      BASELINE (node|java), TIMEOUT (180 s per wait), CLIP_SECONDS (2), BASELINE_ONLY (0).
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh
source ./federation/fed.sh

RUNS="${RUNS:-3}"; ACTORS="${ACTORS:-1000}"; PARALLEL="${PARALLEL:-30}"; export LATENCY_MS="${LATENCY_MS:-50}"
SERVER_CPU="${SERVER_CPU:-1}"; SINK_CPU="${SINK_CPU:-0}"; BASELINE="${BASELINE:-node}"; TIMEOUT="${TIMEOUT:-180}"
BASELINE_ONLY="${BASELINE_ONLY:-0}"
WORK="$(mktemp -d /tmp/tandem-bench-fanout.XXXXXX)"
TANDEM_PID=""; SINK_PID=""
cleanup() {
  local rc=$?
  [[ -n "$TANDEM_PID" ]] && stop_pid "$TANDEM_PID" 30
  [[ -n "$SINK_PID" ]] && stop_pid "$SINK_PID" 5
  [[ -n "${KEEP_WORK:-}" ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ulimit -n 65536 2>/dev/null || true
[[ "$BASELINE" == java ]] || command -v node >/dev/null || die "node missing (or BASELINE=java)"
[[ "$BASELINE_ONLY" == 1 ]] || ensure_jar
build_fed_tools

SPORT="$(free_port)"
SINK="http://127.0.0.1:$SPORT"
taskset -c "$SINK_CPU" "$JAVA" -cp "$WORK/gen" FanoutSink serve "$SPORT" "$ACTORS" "$WORK" >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
for _ in $(seq 1 100); do curl -sf "$SINK/_bench/ready" >/dev/null && break; sleep 0.1; done
curl -sf "$SINK/_bench/ready" >/dev/null || { cat "$WORK/sink.log" >&2; die "sink did not start"; }
# Every actor address must reach the sink (Linux routes all of 127/8 to lo).
curl -sf -H 'Accept: application/activity+json' "http://127.0.$(( 1 + (ACTORS - 1) / 250 )).$(( 1 + (ACTORS - 1) % 250 )):$SPORT/actor" >/dev/null \
  || die "the last actor's loopback address does not reach the sink"

# creates <label> <uuid> <since> <settle>: the sink's report once all actors have the Create (or TIMEOUT)
creates() {
  curl -sS --fail-with-body -G "$SINK/_bench/creates" --data-urlencode "label=$1" --data-urlencode "uuid=$2" \
    --data-urlencode "since=$3" --data-urlencode "expect=$ACTORS" --data-urlencode "timeout=$TIMEOUT" --data-urlencode "settle=$4"
}

# result <who> <run> <sink report>: one line of $WORK/results.txt
result() {
  jq -r --arg w "$1" --arg r "$2" '[$w, $r, .lastAfterS, .firstAfterS, .spreadS, .reached, .sigOk, .signatureValues, .duplicates, .maxSignaturesPerInbox] | join(" ")' <<<"$3" \
    >>"$WORK/results.txt"
  [[ "$(jq -r '.problems | length' <<<"$3")" == 0 ]] || log "$1 run $2 signature problems: $(jq -c .problems <<<"$3")"
}

# baseline_run <run> <body file>
baseline_run() {
  local out pin=()
  [[ -n "$SERVER_CPU" ]] && pin=(taskset -c "$SERVER_CPU")
  if [[ "$BASELINE" == java ]]; then
    out="$("${pin[@]}" "$JAVA" -cp "$WORK/gen" FanoutSink baseline "$SPORT" "$ACTORS" "$PARALLEL" "baseline-$1" "$WORK" "$2")"
  else
    out="$("${pin[@]}" node federation/baseline.mjs "$SPORT" "$ACTORS" "$PARALLEL" "baseline-$1" "$WORK" "$2")"
  fi
  log "baseline run $1: $out"
  local rep; rep="$(creates "baseline-$1" "" "$(jq -r .startMs <<<"$out")" 1)"
  result baseline "$1" "$rep"
  jq -r .senderCpuS <<<"$out" >>"$WORK/sender-cpu.txt"
}

: >"$WORK/results.txt"
if [[ "$BASELINE_ONLY" == 1 ]]; then
  curl -sSf "$SINK/_bench/body" >"$WORK/synthetic.json"
  for ((r = 1; r <= RUNS; r++)); do baseline_run "$r" "$WORK/synthetic.json"; done
else
  PORT="$(free_port)"
  log "starting Tandem on port $PORT, pinned to CPU $SERVER_CPU"
  TANDEM_CPU="$SERVER_CPU" start_fed_tandem "$WORK/data" "$PORT" "$WORK/tandem.log"
  login
  log "$ACTORS actors follow $BASE/accounts/peertube"
  follow="$(curl -sS --fail-with-body -X POST -G "$SINK/_bench/follow" --data-urlencode "inbox=$BASE/inbox" \
    --data-urlencode "target=$BASE/accounts/peertube" --data-urlencode "timeout=$TIMEOUT")"
  log "follows: $follow"
  [[ "$(jq -r .accepts <<<"$follow")" == "$ACTORS" ]] || { tail -n 30 "$WORK/tandem.log" >&2; die "only $(jq -r .accepts <<<"$follow") of $ACTORS Follows were accepted"; }
  make_clip "$WORK/data"
  for ((r = 1; r <= RUNS; r++)); do
    upload_published "fanout-$r"
    log "run $r: video $UUID published at $PUBLISHED_AT"
    rep="$(creates tandem "$UUID" "$PUBLISHED_AT" 2)"
    log "tandem run $r: $(jq -c 'del(.keyIds, .paths)' <<<"$rep")"
    result tandem "$r" "$rep"
    if ! curl -sSf -G "$SINK/_bench/body" --data-urlencode "uuid=$UUID" >"$WORK/body-$r.json"; then
      log "no Create from Tandem for $UUID: the baseline sends the synthetic body"
      curl -sSf "$SINK/_bench/body" >"$WORK/body-$r.json"
    fi
    baseline_run "$r" "$WORK/body-$r.json"
  done
fi

echo
echo "Setup: $ACTORS inboxes on $ACTORS loopback hosts (one sink, CPU $SINK_CPU), each answering 202 after ${LATENCY_MS} ms; $RUNS interleaved runs"
echo "Setup: baseline = PeerTube's model ($PARALLEL in flight, 1 attempt, RSA-2048 signed per request as it goes) on $([[ $BASELINE == java ]] && echo "the JDK" || node -v | sed 's/^/Node /'), CPU $SERVER_CPU"
[[ "$BASELINE_ONLY" == 1 ]] || echo "Setup: Tandem $(basename "$TANDEM_JAR") pinned to CPU $SERVER_CPU; its time = last Create arrival - publishedAt (2 Announces per inbox follow); the baseline's = last arrival - its start"
echo
printf '%-9s %-4s %-9s %-10s %-9s %-9s %-12s %-11s %-10s %s\n' who run "time s" "first s" "spread s" reached "sig OK" "signatures" duplicates "max sigs/inbox"
awk '{ printf "%-9s %-4s %-9.3f %-10.3f %-9.3f %-9s %-12s %-11s %-10s %s\n", $1, $2, $3, $4, $5, $6 "/'"$ACTORS"'", $7 "/'"$ACTORS"'", $8, $9, $10 }' "$WORK/results.txt"
echo "(time: last arrival; first: first arrival; both from publishedAt (Tandem) or the sender's start (baseline);"
echo " signatures: distinct Signature values over all inboxes, $ACTORS when each inbox got one signing and no retry)"
echo
col() { awk -v w="$1" -v c="$2" '$1 == w { print $c }' "$WORK/results.txt"; }
printf '%-10s %-24s %-24s %-12s %s\n' who "time s median (min-max)" "first s" "reached min" "sig OK min"
for w in tandem baseline; do
  [[ -n "$(col "$w" 3)" ]] || continue
  printf '%-10s %-24s %-24s %-12s %s\n' "$w" "$(fmt_stats 3 $(col "$w" 3))" "$(fmt_stats 3 $(col "$w" 4))" \
    "$(stats $(col "$w" 6) | cut -d' ' -f2)/$ACTORS" "$(stats $(col "$w" 7) | cut -d' ' -f2)/$ACTORS"
done
printf 'baseline sender CPU seconds (whole process, one core): %s\n' "$(fmt_stats 2 $(cat "$WORK/sender-cpu.txt"))"
read -r b _ < <(stats $(col baseline 3))
if [[ "$BASELINE_ONLY" == 1 ]]; then
  awk -v b="$b" -v n="$ACTORS" -v p="$PARALLEL" -v l="$LATENCY_MS" 'BEGIN { printf "VERDICT: baseline only: %.3f s for %d inboxes (latency bound %d x %d ms / %d = %.3f s)\n", b, n, n, l, p, n * l / 1000 / p }'
else
  read -r t _ < <(stats $(col tandem 3))
  awk -v t="$t" -v b="$b" 'BEGIN { r = t / b; printf "VERDICT: Tandem/PeerTube-model fan-out time = %.2f (target <= 0.3) -> %s\n", r, (r <= 0.3 ? "MET" : "NOT MET") }'
fi
