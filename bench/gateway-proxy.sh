#!/usr/bin/env bash
# Docker-API proxy overhead, one run, one machine: `docker ps -a` (the real CLI 28: HEAD /_ping,
# then GET /v1.NN/containers/json) straight to the engine's socket against through the gateway's
# /api/hosts/local/docker with an API key in config.json, interleaved, median of ROUNDS each.
# Measured for a global admin's key and for a viewer's key (role looked up from grants).
# Target: ratio <= 1.2. Exits non-zero only on errors; a missed target is printed, not failed.
# Usage: bench/gateway-proxy.sh [dockerd|berth]   env: ROUNDS=40 CONTAINERS=20 WARMUP=30 (CLI runs)
#        WARMUP_BATCHES=12 (x200 kept-alive curl requests per key) WARMUP_CONNECTIONS=150 (per key)
#        WARMUP_CLI_MAX=400 (CLI runs per key, until the JIT is quiet)
#        GATEWAY_JAR=backend/target/berth-gateway.jar ENGINE_JAR=host-engine/target/host-engine.jar
#        GATEWAY_JVM_OPTIONS=config/gateway-jvm.options BERTH_ENGINE_JVM="<options>" (else config/engine-jvm.options)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENGINE=${1:-${ENGINE:-dockerd}}
ROUNDS=${ROUNDS:-40}
N=${CONTAINERS:-20}
GATEWAY_JAR=${GATEWAY_JAR:-$ROOT/backend/target/berth-gateway.jar}
ENGINE_JAR=${ENGINE_JAR:-$ROOT/host-engine/target/host-engine.jar}
JVM_OPTIONS=${GATEWAY_JVM_OPTIONS:-$ROOT/config/gateway-jvm.options}
# shellcheck source=lib/engine-jvm.sh
source "$ROOT/bench/lib/engine-jvm.sh"
# shellcheck source=lib/jit.sh
source "$ROOT/bench/lib/jit.sh"

for tool in curl python3 docker; do
  command -v "$tool" >/dev/null || { echo "gateway-proxy: $tool is required" >&2; exit 1; }
done
[ -f "$GATEWAY_JAR" ] || { echo "gateway-proxy: build the gateway first ($GATEWAY_JAR missing)" >&2; exit 1; }

W=$(mktemp -d /tmp/gpx-XXXX)
SOCK=$W/d.sock
BRIDGE=""
ENGINE_PID=""
GATEWAY_PID=""
DOCKER=(docker -H "unix://$SOCK")

cleanup() {
  set +e
  [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null && wait "$GATEWAY_PID" 2>/dev/null
  if [ -n "$ENGINE_PID" ]; then
    ids=$("${DOCKER[@]}" ps -aq 2>/dev/null)
    [ -n "$ids" ] && echo "$ids" | xargs "${DOCKER[@]}" rm -f >/dev/null 2>&1
    kill "$ENGINE_PID" 2>/dev/null && wait "$ENGINE_PID" 2>/dev/null
  fi
  [ -n "$BRIDGE" ] && ip link del "$BRIDGE" 2>/dev/null
  rm -rf --one-file-system "$W"
}
trap cleanup EXIT

# --- engine -------------------------------------------------------------------------------
ENGINE_ARGS=(--host "unix://$SOCK" --data-root "$W/root" --exec-root "$W/exec" --pidfile "$W/d.pid")
case "$ENGINE" in
  dockerd)
    BRIDGE="brgpx$((RANDOM % 10000))"
    ip link add "$BRIDGE" type bridge
    ip addr add "10.236.$((RANDOM % 250)).1/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
    dockerd -b "$BRIDGE" --iptables=false --ip-masq=false "${ENGINE_ARGS[@]}" >"$W/engine.log" 2>&1 &
    ;;
  berth)
    [ -f "$ENGINE_JAR" ] || { echo "gateway-proxy: Berth engine jar missing: $ENGINE_JAR" >&2; exit 1; }
    read -r -a ENGINE_JVM <<<"$(engine_jvm_options)"
    java "${ENGINE_JVM[@]}" -jar "$ENGINE_JAR" "${ENGINE_ARGS[@]}" >"$W/engine.log" 2>&1 &
    ;;
  *) echo "usage: $0 [dockerd|berth]" >&2; exit 2 ;;
esac
ENGINE_PID=$!
for _ in $(seq 1 300); do
  [ -S "$SOCK" ] && "${DOCKER[@]}" version >/dev/null 2>&1 && break
  kill -0 "$ENGINE_PID" 2>/dev/null || { echo "engine exited:" >&2; tail -20 "$W/engine.log" >&2; exit 1; }
  sleep 0.2
done
ENGINE_VERSION=$("${DOCKER[@]}" version --format '{{.Server.Version}}')
bash "$ROOT/scripts/busybox-image.sh" "unix://$SOCK" >/dev/null
seq 1 "$N" | xargs -P 4 -I{} "${DOCKER[@]}" create --name "pxb-{}" busybox sleep 1 >/dev/null

# --- gateway ------------------------------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '%s' "bench-password-$RANDOM$RANDOM" >"$W/admin-password"
JVM=()
[ -f "$JVM_OPTIONS" ] && JVM=("@$JVM_OPTIONS")
java "${JVM[@]}" -jar "$GATEWAY_JAR" --data-dir "$W/gw" --listen-host 127.0.0.1 --listen-port "$PORT" \
  --hosts "local=unix://$SOCK" --admin-password-file "$W/admin-password" >"$W/gateway.log" 2>&1 &
GATEWAY_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 300); do
  curl -sf "$BASE/api/status" >/dev/null 2>&1 && break
  kill -0 "$GATEWAY_PID" 2>/dev/null || { echo "gateway exited:" >&2; tail -20 "$W/gateway.log" >&2; exit 1; }
  sleep 0.2
done
json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
login() { curl -sf "$BASE/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$1\",\"password\":\"$2\"}" | json '["token"]'; }
key_for() { curl -sf "$BASE/api/me/keys" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
  -d '{"name":"bench"}' | json '["key"]'; }
ADMIN_TOKEN=$(login admin "$(cat "$W/admin-password")")
VIEWER_PASSWORD="viewer-password-$RANDOM$RANDOM"
VIEWER_ID=$(curl -sf "$BASE/api/users" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"username\":\"viewer\",\"password\":\"$VIEWER_PASSWORD\",\"globalRole\":\"user\"}" | json '["id"]')
curl -sf -X PUT "$BASE/api/hosts/local/access" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"grants\":[{\"subject\":\"user:$VIEWER_ID\",\"role\":\"viewer\"}]}" >/dev/null
for who in admin viewer; do
  mkdir -p "$W/cfg-$who"
  if [ "$who" = admin ]; then key=$(key_for "$ADMIN_TOKEN"); else key=$(key_for "$(login viewer "$VIEWER_PASSWORD")"); fi
  printf '{"HttpHeaders":{"X-API-Key":"%s"}}' "$key" >"$W/cfg-$who/config.json"
done
mkdir -p "$W/cfg-direct" && echo '{}' >"$W/cfg-direct/config.json"
PROXY_HOST="tcp://127.0.0.1:$PORT/api/hosts/local/docker"
LISTED=$(DOCKER_CONFIG="$W/cfg-viewer" docker -H "$PROXY_HOST" ps -aq | wc -l)
[ "$LISTED" -ge "$N" ] || { echo "the proxy listed $LISTED containers, expected $N" >&2; exit 1; }

# --- docker ps, interleaved, one CLI process per call (what a user waits for) ----------------
# warm-up: a long-running gateway is measured, not its JIT. On 2 cores C2 keeps compiling the
# proxy path for the first few thousand requests (about 1.4 ms of JIT CPU per CLI run after 60
# runs, 0.5 ms through the proxy per request after 5000), so the CLI's own requests are replayed
# first with curl, on kept-alive and on new connections, for both keys; the JIT CPU still spent
# during the measured runs is reported
for who in admin viewer; do
  key=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["HttpHeaders"]["X-API-Key"])' "$W/cfg-$who/config.json")
  for _ in $(seq 1 100); do
    printf 'url = "%s"\noutput = /dev/null\nhead\n' "$BASE/api/hosts/local/docker/_ping"
    printf 'url = "%s"\noutput = /dev/null\nno-head\n' "$BASE/api/hosts/local/docker/v1.51/containers/json?all=1"
  done >"$W/warm-$who.cfg"
  for _ in $(seq 1 "${WARMUP_BATCHES:-12}"); do curl -s -K "$W/warm-$who.cfg" -H "X-API-Key: $key" >/dev/null; done
  for _ in $(seq 1 "${WARMUP_CONNECTIONS:-150}"); do
    curl -s -o /dev/null -H "X-API-Key: $key" "$BASE/api/hosts/local/docker/v1.51/containers/json?all=1"
  done
done
# then the CLI itself, 20 runs per key at a time, until the compiler threads used at most one
# clock tick over such a chunk twice in a row (or WARMUP_CLI_MAX runs per key)
cli_ps() { DOCKER_CONFIG="$W/cfg-$1" docker -H "$PROXY_HOST" ps -a >/dev/null; }
CLI_WARMED=0
QUIET=0
while [ $((CLI_WARMED + 20)) -le "${WARMUP_CLI_MAX:-400}" ] && [ "$QUIET" -lt 2 ]; do
  j0=$(jit_ticks "$GATEWAY_PID")
  for _ in $(seq 1 20); do cli_ps admin; cli_ps viewer; done
  CLI_WARMED=$((CLI_WARMED + 20))
  if [ $(($(jit_ticks "$GATEWAY_PID") - j0)) -le 1 ]; then QUIET=$((QUIET + 1)); else QUIET=0; fi
done
JIT0=$(jit_ticks "$GATEWAY_PID")
python3 - "$ROUNDS" "${WARMUP:-30}" "unix://$SOCK" "$PROXY_HOST" "$W" >"$W/result.txt" <<'EOF'
import os, statistics, subprocess, sys, time
rounds, warmup, direct, proxy, w = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
def ps(host, cfg):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
    env.update(DOCKER_HOST=host, DOCKER_CONFIG=f"{w}/cfg-{cfg}")
    t = time.perf_counter()
    subprocess.run(["docker", "ps", "-a"], env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000
for _ in range(warmup):
    ps(proxy, "admin"); ps(proxy, "viewer")
times = {"direct": [], "admin": [], "viewer": []}
for _ in range(rounds):
    times["direct"].append(ps(direct, "direct"))
    times["admin"].append(ps(proxy, "admin"))
    times["viewer"].append(ps(proxy, "viewer"))
d = statistics.median(times["direct"])
for k in ("admin", "viewer"):
    m = statistics.median(times[k])
    print(f"{k} {d:.1f} {m:.1f} {m / d:.2f}")
EOF

# --- the same call without the CLI: per-request latency on keep-alive connections (curl) ------
JIT1=$(jit_ticks "$GATEWAY_PID")
JIT_MS=$(awk -v a="$JIT0" -v b="$JIT1" -v hz="$(getconf CLK_TCK)" -v n="$ROUNDS" 'BEGIN {printf "%.2f", (b - a) * 1000 / hz / (2 * n)}')
ADMIN_KEY=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["HttpHeaders"]["X-API-Key"])' "$W/cfg-admin/config.json")
batch() { for _ in $(seq 1 20); do printf 'url = "%s"\noutput = /dev/null\n' "$1"; done; }
batch "http://engine/v1.41/containers/json?all=1" >"$W/direct.cfg"
batch "$BASE/api/hosts/local/docker/v1.41/containers/json?all=1" >"$W/proxy.cfg"
: >"$W/curl-direct.txt"
: >"$W/curl-proxy.txt"
for _ in $(seq 1 10); do curl -s -K "$W/proxy.cfg" -H "X-API-Key: $ADMIN_KEY" -o /dev/null; done
for _ in $(seq 1 10); do
  curl -s -K "$W/direct.cfg" --unix-socket "$SOCK" -w '%{time_total}\n' >>"$W/curl-direct.txt"
  curl -s -K "$W/proxy.cfg" -H "X-API-Key: $ADMIN_KEY" -w '%{time_total}\n' >>"$W/curl-proxy.txt"
done
median() { sort -g "$1" | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f", m * 1000}'; }
CURL_DIRECT=$(median "$W/curl-direct.txt")
CURL_PROXY=$(median "$W/curl-proxy.txt")

echo "== berth gateway Docker-API proxy benchmark ($(date -u +%FT%TZ), $(nproc) cores, engine: $ENGINE $ENGINE_VERSION) =="
echo "docker ps -a ($N containers), median of $ROUNDS CLI runs each, interleaved (after $CLI_WARMED CLI runs per key of warm-up):"
while read -r who direct_ms proxy_ms ratio; do
  verdict=$(awk -v r="$ratio" 'BEGIN {print (r <= 1.2) ? "ok" : "MISSED"}')
  printf '  %-6s key   direct %6s ms | through proxy %6s ms | ratio %s (target <= 1.2: %s)\n' \
    "$who" "$direct_ms" "$proxy_ms" "$ratio" "$verdict"
done <"$W/result.txt"
echo "GET /v1.41/containers/json, keep-alive curl, median of 200: direct ${CURL_DIRECT} ms | through proxy ${CURL_PROXY} ms"
echo "  gateway JIT compiler CPU during the measured CLI runs: ${JIT_MS} ms per proxied CLI run"
echo "  load average $(cut -d' ' -f1-3 /proc/loadavg)"
