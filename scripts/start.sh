#!/usr/bin/env bash
# Builds Berth and starts it: the engine on /run/berth/berth.sock (root-only), then the
# gateway with the web UI. Prints the URL and the first-login steps.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
mvn -B -ntp -q -DskipTests package

RUN=${BERTH_RUN_DIR:-/run/berth}
LOGS=${BERTH_LOG_DIR:-/var/log/berth}
mkdir -p "$RUN" "$LOGS"
SOCK="$RUN/berth.sock"

# The engine's JVM options (small, steady heaps), shared with the benchmarks in bench/.
read -r -a ENGINE_JVM <<<"$(sed -e 's/#.*//' config/engine-jvm.options | tr -s ' \n' ' ')"

if [ -S "$SOCK" ] && curl -sf --unix-socket "$SOCK" http://x/_ping >/dev/null; then
  echo "berth engine already running on unix://$SOCK"
else
  nohup java "${ENGINE_JVM[@]}" -jar host-engine/target/host-engine.jar \
    --host "unix://$SOCK" >"$LOGS/engine.log" 2>&1 &
  for _ in $(seq 1 100); do
    curl -sf --unix-socket "$SOCK" http://x/_ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -sf --unix-socket "$SOCK" http://x/_ping >/dev/null || { echo "engine failed to start, see $LOGS/engine.log" >&2; exit 1; }
  echo "berth engine running on unix://$SOCK (log: $LOGS/engine.log)"
fi
echo "Use it with: docker -H unix://$SOCK ps   (a first image: bash scripts/busybox-image.sh)"

# --- Gateway and web UI -----------------------------------------------------------------
# Settings come from config/gateway.yaml; BERTH_* variables (BERTH_LISTEN_HOST, BERTH_LISTEN_PORT,
# BERTH_DB_URL, ...) pass through and override it.
GATEWAY_DATA=${BERTH_DATA_DIR:-/var/lib/berth-gateway}
GATEWAY_LOG="$LOGS/gateway.log"
export BERTH_HOSTS=${BERTH_HOSTS:-local=unix://$SOCK}
mkdir -p "$GATEWAY_DATA"

gateway_url() {
  grep -o 'berth-gateway listening on [^ ]*' "$GATEWAY_LOG" 2>/dev/null | tail -1 | awk '{print $4}'
}

if [ -f "$RUN/gateway.pid" ] && kill -0 "$(cat "$RUN/gateway.pid")" 2>/dev/null && [ -n "$(gateway_url)" ]; then
  URL=$(gateway_url)
  echo "berth gateway already running on $URL"
else
  nohup java @config/gateway-jvm.options -jar backend/target/berth-gateway.jar \
    --config config/gateway.yaml --data-dir "$GATEWAY_DATA" >"$GATEWAY_LOG" 2>&1 &
  echo $! >"$RUN/gateway.pid"
  for _ in $(seq 1 600); do
    [ -n "$(gateway_url)" ] && break
    kill -0 "$(cat "$RUN/gateway.pid")" 2>/dev/null || break
    sleep 0.1
  done
  URL=$(gateway_url)
  [ -n "$URL" ] || { echo "gateway failed to start:" >&2; tail -5 "$GATEWAY_LOG" >&2; exit 1; }
  echo "berth gateway running on $URL (log: $GATEWAY_LOG, data: $GATEWAY_DATA)"
fi

CURL="curl"
case "$URL" in https://*) CURL="curl -k";; esac  # the generated certificate is self-signed
if $CURL -sf "$URL/api/status" | grep -q '"setupRequired":true'; then
  cat <<STEPS

First login: open $URL in a browser and create the admin account, or with curl:
  $CURL -X POST $URL/api/setup -H 'Content-Type: application/json' \\
       -d '{"username":"admin","password":"<at least 10 characters>"}'
  $CURL -X POST $URL/api/auth/login -H 'Content-Type: application/json' \\
       -d '{"username":"admin","password":"<the same password>"}'
STEPS
else
  echo "Open $URL and log in. API: $URL/api/openapi.yaml"
fi
