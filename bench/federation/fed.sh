# Shared by bench/inbox.sh and bench/fanout.sh (sourced after ../lib.sh; callers use set -euo pipefail).
# Tandem with federation open to loopback peers, its public URL on 127.0.0.1, an admin token, and a
# short published upload.

# Build the federation tools (Fed, InboxLoad, FanoutSink) into $WORK/gen.
build_fed_tools() {
  mkdir -p "$WORK/gen"
  "$JAVA_HOME/bin/javac" -d "$WORK/gen" "$BENCH_DIR"/federation/*.java
}

# start_fed_tandem <data> <port> <logfile>: like lib.sh's start_tandem, but the public URL is
# http://127.0.0.1:<port> (the host peers sign and the actor ids carry) and outbound federation may
# reach loopback. Optional $TANDEM_CPU pins the JVM (and its ffmpeg children) with taskset;
# optional $TANDEM_JAVA_OPTS adds JVM options (a profiler, e.g. -XX:StartFlightRecording=...).
start_fed_tandem() {
  local data="$1" port="$2" logf="$3" pin=()
  [[ -n "${TANDEM_CPU:-}" ]] && pin=(taskset -c "$TANDEM_CPU")
  TANDEM_PORT="$port" TANDEM_DATA_DIR="$data" TANDEM_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    TANDEM_PUBLIC_URL="http://127.0.0.1:$port" TANDEM_FEDERATION_ALLOWED_HOSTS="127.0.0.0/8" \
    "${pin[@]}" "$JAVA" ${TANDEM_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -jar "$TANDEM_JAR" start >"$logf" 2>&1 &
  TANDEM_PID=$!
  wait_tandem_ready "$TANDEM_PID" "$logf" 180
  BASE="http://127.0.0.1:$port"
}

api() { curl -sS --fail-with-body "$@"; }

# Sets TOKEN (root, OAuth password grant, as PeerTube clients do).
login() {
  local creds
  creds="$(api "$BASE/api/v1/oauth-clients/local")"
  TOKEN="$(api -d client_id="$(jq -r .client_id <<<"$creds")" -d client_secret="$(jq -r .client_secret <<<"$creds")" \
    -d grant_type=password -d username=root --data-urlencode password="$ADMIN_PASSWORD" \
    "$BASE/api/v1/users/token" | jq -r .access_token)"
  [[ -n "$TOKEN" && "$TOKEN" != null ]] || die "login failed"
}

# A CLIP_SECONDS (2) 320x240 test clip with the ffmpeg Tandem bundles (extracted under <data>/cache).
make_clip() {
  local data="$1" ff
  ff="$(find_ffmpeg "$data")"
  [[ -n "$ff" ]] || die "bundled ffmpeg not found under $data/cache"
  LD_LIBRARY_PATH="$(dirname "$ff")" "$ff" -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=320x240:rate=25" \
    -f lavfi -i "sine=frequency=440" -t "${CLIP_SECONDS:-2}" -pix_fmt yuv420p -c:v libx264 -preset veryfast -c:a aac "$WORK/clip.mp4"
}

# upload_published <name>: uploads $WORK/clip.mp4 as a public video, waits until it is published
# (state 1); sets UUID and PUBLISHED_AT (the REST publishedAt, ISO).
upload_published() {
  local v i
  UUID="$(api -H "Authorization: Bearer $TOKEN" -F videofile=@"$WORK/clip.mp4" -F name="$1" -F channelId=1 -F privacy=1 \
    "$BASE/api/v1/videos/upload" | jq -r .video.uuid)"
  [[ -n "$UUID" && "$UUID" != null ]] || die "upload failed"
  for ((i = 0; i < 3000; i++)); do
    v="$(api "$BASE/api/v1/videos/$UUID")"
    if [[ "$(jq -r .state.id <<<"$v")" == 1 ]]; then
      PUBLISHED_AT="$(jq -r .publishedAt <<<"$v")"
      return 0
    fi
    sleep 0.2
  done
  die "video $UUID not published after 600s"
}

# json_field <name> <json>: a top-level number or string of a one-line JSON object.
json_field() { jq -r --arg k "$1" '.[$k]' <<<"$2"; }
