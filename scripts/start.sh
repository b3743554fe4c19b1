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

# Small, steady heaps: the engine idles far below dockerd + containerd.
ENGINE_JVM=(-Xms16m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k)

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
echo "Use it with: docker -H unix://$SOCK ps"
