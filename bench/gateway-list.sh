#!/usr/bin/env bash
# Gateway benchmark, one run, one machine:
#  1. list N (500) created containers through the gateway against straight from the engine
#     (median of interleaved curl timings; target: overhead <= 20%). The gateway is asked for
#     all of them in one page (limit=1000), as `GET /containers/json?all=1` gives them all;
#     a UI's first screen asks for the default page of 50, reported on its own line.
#     Nothing changes on the engine meanwhile, so the gateway serves the list it keeps
#     (ContainerListCache); the same request with "Cache-Control: no-cache", which makes the
#     gateway ask the engine as the first list after any change does, is timed alongside,
#  2. sustained authenticated GETs per second (wrk, Debian package `wrk`),
#  3. the gateway's idle RSS (target <= 256 MB), after start and again after the load.
# Usage: bench/gateway-list.sh [dockerd|berth]   env: CONTAINERS=500 ROUNDS=100 WARMUP=150 WARMUP_MAX=3000 DURATION=15s
# Exits non-zero only on errors; a missed target is printed, not failed.
#        GATEWAY_JAR=backend/target/berth-gateway.jar ENGINE_JAR=host-engine/target/host-engine.jar
#        GATEWAY_JVM_OPTIONS=config/gateway-jvm.options BERTH_ENGINE_JVM="<options>" (else config/engine-jvm.options)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENGINE=${1:-${ENGINE:-dockerd}}
N=${CONTAINERS:-500}
ROUNDS=${ROUNDS:-100}
DURATION=${DURATION:-15s}
GATEWAY_JAR=${GATEWAY_JAR:-$ROOT/backend/target/berth-gateway.jar}
ENGINE_JAR=${ENGINE_JAR:-$ROOT/host-engine/target/host-engine.jar}
JVM_OPTIONS=${GATEWAY_JVM_OPTIONS:-$ROOT/config/gateway-jvm.options}
# shellcheck source=lib/engine-jvm.sh
source "$ROOT/bench/lib/engine-jvm.sh"
# shellcheck source=lib/jit.sh
source "$ROOT/bench/lib/jit.sh"

for tool in curl python3 docker; do
  command -v "$tool" >/dev/null || { echo "gateway-list: $tool is required" >&2; exit 1; }
done
[ -f "$GATEWAY_JAR" ] || { echo "gateway-list: build the gateway first ($GATEWAY_JAR missing)" >&2; exit 1; }

W=$(mktemp -d /tmp/gwb-XXXX)
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
    # its own bridge, so it never fights another engine on this machine over docker0
    BRIDGE="brgwb$((RANDOM % 10000))"
    ip link add "$BRIDGE" type bridge
    ip addr add "10.235.$((RANDOM % 250)).1/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
    dockerd -b "$BRIDGE" --iptables=false --ip-masq=false "${ENGINE_ARGS[@]}" >"$W/engine.log" 2>&1 &
    ;;
  berth)
    [ -f "$ENGINE_JAR" ] || { echo "gateway-list: Berth engine jar missing: $ENGINE_JAR" >&2; exit 1; }
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

# busybox image from the static binary (no registry, no internet)
bash "$ROOT/scripts/busybox-image.sh" "unix://$SOCK" >/dev/null

echo "creating $N containers on $ENGINE $ENGINE_VERSION ..."
seq 1 "$N" | xargs -P 4 -I{} "${DOCKER[@]}" create --name "bench-{}" --label bench=1 busybox sleep 1 >/dev/null

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
TOKEN=$(curl -sf "$BASE/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$(cat "$W/admin-password")\"}" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
AUTH="Authorization: Bearer $TOKEN"

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$GATEWAY_PID/status"; }
sleep 10
RSS_IDLE=$(rss_mb)

GW_URL="$BASE/api/hosts/local/containers?all=1&limit=1000"
DIRECT_URL="http://engine/v1.41/containers/json?all=1"
TOTAL=$(curl -sf -H "$AUTH" "$GW_URL" | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])')
[ "$TOTAL" -ge "$N" ] || { echo "gateway listed $TOTAL containers, expected $N" >&2; exit 1; }
DIRECT_COUNT=$(curl -sf --unix-socket "$SOCK" "$DIRECT_URL" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')

# --- 1. list: keep-alive connections on both sides (as API clients and browsers use them),
# in interleaved batches so both sides see the same machine state
batch() { # url count -> a curl config doing count requests on one connection
  for _ in $(seq 1 "$2"); do printf 'url = "%s"\noutput = /dev/null\n' "$1"; done
}
batch "$DIRECT_URL" 10 >"$W/direct.cfg"
batch "$GW_URL" 10 >"$W/gateway.cfg"
time_direct() { curl -s -K "$W/direct.cfg" --unix-socket "$SOCK" -w '%{time_total}\n'; }
time_gateway() { curl -s -K "$W/gateway.cfg" -H "$AUTH" -w '%{time_total}\n'; }
time_fresh() { curl -s -K "$W/gateway.cfg" -H "$AUTH" -H 'Cache-Control: no-cache' -w '%{time_total}\n'; }
# warm-up: a long-running gateway is measured, not its JIT. On 2 cores C2 keeps compiling the
# request path for thousands of requests (seen as compiler-thread CPU on top of each request), so
# after WARMUP batches of 10 the warm-up goes on, 200 requests at a time, until the compiler
# threads used at most one clock tick over those 200, three times in a row (or WARMUP_MAX
# batches); the JIT CPU still spent during the measured runs is reported below.
for _ in $(seq 1 2); do time_direct >/dev/null; done
for _ in $(seq 1 "${WARMUP:-150}"); do time_gateway >/dev/null; time_fresh >/dev/null; done
WARMED=${WARMUP:-150}
QUIET=0
while [ $((WARMED + 20)) -le "${WARMUP_MAX:-3000}" ] && [ "$QUIET" -lt 3 ]; do
  j0=$(jit_ticks "$GATEWAY_PID")
  for _ in $(seq 1 20); do time_gateway >/dev/null; time_fresh >/dev/null; done
  WARMED=$((WARMED + 20))
  if [ $(($(jit_ticks "$GATEWAY_PID") - j0)) -le 1 ]; then QUIET=$((QUIET + 1)); else QUIET=0; fi
done
: >"$W/direct.txt"
: >"$W/gateway.txt"
: >"$W/fresh.txt"
for _ in $(seq 1 "$((ROUNDS / 10))"); do
  time_direct >>"$W/direct.txt"
  time_gateway >>"$W/gateway.txt"
  time_fresh >>"$W/fresh.txt"
done
median() { sort -g "$1" | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f", m * 1000}'; }
DIRECT_MS=$(median "$W/direct.txt")
GATEWAY_MS=$(median "$W/gateway.txt")
OVERHEAD=$(awk -v g="$GATEWAY_MS" -v d="$DIRECT_MS" 'BEGIN {printf "%.1f", (g / d - 1) * 100}')
RATIO=$(awk -v g="$GATEWAY_MS" -v d="$DIRECT_MS" 'BEGIN {printf "%.2f", g / d}')
FRESH_MS=$(median "$W/fresh.txt")
FRESH_RATIO=$(awk -v g="$FRESH_MS" -v d="$DIRECT_MS" 'BEGIN {printf "%.2f", g / d}')
# the first screen of a UI: the default page (50 of the 500), same connection reuse
batch "$BASE/api/hosts/local/containers?all=1" 10 >"$W/page.cfg"
: >"$W/page.txt"
for _ in $(seq 1 "$((ROUNDS / 10))"); do curl -s -K "$W/page.cfg" -H "$AUTH" -w '%{time_total}\n' >>"$W/page.txt"; done
PAGE_MS=$(median "$W/page.txt")

# CPU per list request, which machine load does not distort: the gateway's own, and the
# engine's for the same listing
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
cpu_ms() { awk -v a="$1" -v b="$2" -v n="$3" -v hz="$HZ" 'BEGIN {printf "%.2f", (b - a) * 1000 / hz / n}'; }
e0=$(ticks "$ENGINE_PID")
for _ in $(seq 1 "$((ROUNDS / 10))"); do time_direct >/dev/null; done
e1=$(ticks "$ENGINE_PID")
g1=$(ticks "$GATEWAY_PID")
j1=$(jit_ticks "$GATEWAY_PID")
for _ in $(seq 1 "$((ROUNDS / 10))"); do time_gateway >/dev/null; done
g2=$(ticks "$GATEWAY_PID")
j2=$(jit_ticks "$GATEWAY_PID")
for _ in $(seq 1 "$((ROUNDS / 10))"); do time_fresh >/dev/null; done
g3=$(ticks "$GATEWAY_PID")
j3=$(jit_ticks "$GATEWAY_PID")
ENGINE_CPU=$(cpu_ms "$e0" "$e1" "$ROUNDS")
GATEWAY_CPU=$(cpu_ms "$g1" "$g2" "$ROUNDS")
JIT_CPU=$(cpu_ms "$j1" "$j2" "$ROUNDS")
FRESH_CPU=$(cpu_ms "$g2" "$g3" "$ROUNDS")
FRESH_JIT_CPU=$(cpu_ms "$j2" "$j3" "$ROUNDS")

# --- 2. sustained authenticated GETs ------------------------------------------------------
if command -v wrk >/dev/null; then
  rps() { wrk -t2 -c"$1" -d"$DURATION" -H "$AUTH" "$2" | awk '/Requests\/sec/ {print $2}'; }
  RPS_HOST=$(rps 32 "$BASE/api/hosts/local")
  RPS_LIST=$(rps 8 "$BASE/api/hosts/local/containers?all=1&limit=20")
else
  RPS_HOST="n/a (install wrk)"
  RPS_LIST="n/a (install wrk)"
fi
sleep 10
RSS_AFTER=$(rss_mb)

cat <<EOF
== berth gateway benchmark ($(date -u +%FT%TZ), $(nproc) cores, engine: $ENGINE $ENGINE_VERSION) ==
containers listed            gateway $TOTAL, engine $DIRECT_COUNT
warm-up                      $((WARMED * 10)) gateway requests before measuring (until the JIT was quiet, at most $((${WARMUP_MAX:-3000} * 10)))
list all, median of $ROUNDS      keep-alive; engine direct ${DIRECT_MS} ms | through gateway ${GATEWAY_MS} ms (limit=1000)
                             ratio ${RATIO} | overhead ${OVERHEAD}% (target <= 20%), served from the gateway's kept list
list all, asked of the engine  Cache-Control: no-cache (as the first list after a change) ${FRESH_MS} ms, ratio ${FRESH_RATIO}
default page (50 of $N)       through gateway ${PAGE_MS} ms
CPU per list request         engine ${ENGINE_CPU} ms | gateway ${GATEWAY_CPU} ms kept, ${FRESH_CPU} ms asked of the engine, on top (of which JIT compiler ${JIT_CPU} / ${FRESH_JIT_CPU} ms) | load average $(cut -d' ' -f1-3 /proc/loadavg)
authenticated GETs/s         GET /api/hosts/local: $RPS_HOST (wrk 2 threads, 32 connections, $DURATION)
                             GET containers?all=1&limit=20 ($N on the engine, kept list): $RPS_LIST (8 connections)
gateway RSS                  idle after start ${RSS_IDLE} MB | idle after load ${RSS_AFTER} MB (target <= 256 MB)
EOF
