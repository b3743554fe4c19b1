#!/usr/bin/env bash
# HTTP throughput through a published port on 127.0.0.1: Berth's engine (its userland proxy, or
# netavark's DNAT with route_localnet when BERTH_USERLAND_PROXY=false) against Debian's
# dockerd (docker-proxy, as it runs with --iptables=false beside other engines), started side by
# side with temporary roots. The same busybox httpd serves the same 1 MiB file in both; wrk
# measures each in alternating rounds, also straight to the container's address (what the
# forwarding costs), and the script prints the medians and their ratio (target: Berth >= 1.0 x
# dockerd). The load of the machine moves single runs by +-30%: compare several.
#
# usage: bench/port-throughput.sh [rounds] [seconds-per-round]   (root; BERTH_ENGINE_JAR overrides the jar)
set -euo pipefail

ROUNDS=${1:-3}
SECS=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${BERTH_ENGINE_JAR:-$ROOT/host-engine/target/host-engine.jar}
DOCKER=${DOCKER:-/usr/local/bin/docker}

if [ "$(id -u)" != 0 ]; then
  echo "run as root: the engines mount filesystems and create namespaces" >&2
  exit 1
fi
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -B -q -pl host-engine package -DskipTests)
fi

BASE=$(mktemp -d /tmp/bench-XXXX)
BRIDGE="benp$$"
BERTH_BRIDGE="bbp$$"
BERTH_PID=""
DOCKERD_PID=""

cleanup() {
  set +e # best effort: every step runs even when an earlier one finds nothing to do
  for sock in "$BASE/b/e.sock" "$BASE/d/e.sock"; do
    if [ -S "$sock" ]; then
      ids=$(DOCKER_HOST="unix://$sock" "$DOCKER" ps -aq 2>/dev/null || true)
      [ -n "$ids" ] && DOCKER_HOST="unix://$sock" "$DOCKER" rm -f $ids >/dev/null 2>&1 || true
    fi
  done
  [ -n "$BERTH_PID" ] && kill "$BERTH_PID" 2>/dev/null && wait "$BERTH_PID" 2>/dev/null || true
  [ -n "$DOCKERD_PID" ] && kill "$DOCKERD_PID" 2>/dev/null && wait "$DOCKERD_PID" 2>/dev/null || true
  for p in $(pgrep -f "^/usr/bin/conmon .*$BASE/" || true); do kill -9 "$p" 2>/dev/null || true; done
  grep -o " $BASE/[^ ]*" /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m"; done
  ip link del "$BRIDGE" 2>/dev/null || true
  ip link del "$BERTH_BRIDGE" 2>/dev/null || true
  rm -rf "$BASE"
}
trap cleanup EXIT

wait_ping() {
  local sock=$1 name=$2
  for _ in $(seq 1 600); do
    if curl -sf --unix-socket "$sock" http://x/_ping >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "$name did not start; its log:" >&2
  tail -20 "$(dirname "$sock")/engine.log" >&2
  exit 1
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

mkdir -p "$BASE/b" "$BASE/d"
read -r -a ENGINE_JVM <<<"${BERTH_ENGINE_JVM:--Xms16m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}"
java "${ENGINE_JVM[@]}" -jar "$JAR" \
  --host "unix://$BASE/b/e.sock" --data-root "$BASE/b/data" --exec-root "$BASE/b/exec" \
  --pidfile "$BASE/b/engine.pid" --bridge "$BERTH_BRIDGE" --bip "10.88.$((RANDOM % 200 + 20)).1/24" \
  --userland-proxy="${BERTH_USERLAND_PROXY:-true}" \
  >"$BASE/b/engine.log" 2>&1 &
BERTH_PID=$!

ip link add name "$BRIDGE" type bridge
ip addr add 10.215.$((RANDOM % 200 + 10)).1/24 dev "$BRIDGE"
ip link set "$BRIDGE" up
dockerd --host "unix://$BASE/d/e.sock" --data-root "$BASE/d/data" --exec-root "$BASE/d/exec" \
  --pidfile "$BASE/d/engine.pid" --bridge "$BRIDGE" --iptables=false --ip-masq=false \
  --storage-driver overlay2 >"$BASE/d/engine.log" 2>&1 &
DOCKERD_PID=$!

wait_ping "$BASE/b/e.sock" berth
wait_ping "$BASE/d/e.sock" dockerd

# the same server in both: busybox httpd with a 1 MiB file
declare -A PORT IP
for e in b d; do
  bash "$ROOT/scripts/busybox-image.sh" "unix://$BASE/$e/e.sock" >/dev/null
  PORT[$e]=$(free_port)
  id=$(DOCKER_HOST="unix://$BASE/$e/e.sock" "$DOCKER" run -d -p "${PORT[$e]}:80" busybox sh -c \
    'mkdir /www && head -c 1048576 /dev/zero | tr "\0" x > /www/f && exec httpd -f -p 80 -h /www')
  IP[$e]=$(DOCKER_HOST="unix://$BASE/$e/e.sock" "$DOCKER" inspect -f '{{.NetworkSettings.IPAddress}}' "$id")
done
for e in b d; do
  for _ in $(seq 1 50); do
    curl -sf -o /dev/null "http://127.0.0.1:${PORT[$e]}/f" && break
    sleep 0.1
  done
done

rps() { wrk -t2 -c16 -d"${SECS}s" "http://$1/f" | awk '/^Requests\/sec:/ {print $2}'; }

rps "127.0.0.1:${PORT[b]}" >/dev/null # warm-up
rps "127.0.0.1:${PORT[d]}" >/dev/null
: >"$BASE/b.rps"
: >"$BASE/d.rps"
: >"$BASE/b.direct"
: >"$BASE/d.direct"
for _ in $(seq 1 "$ROUNDS"); do
  rps "127.0.0.1:${PORT[b]}" >>"$BASE/b.rps"
  rps "127.0.0.1:${PORT[d]}" >>"$BASE/d.rps"
  # the same servers without port forwarding: what the forwarding costs, and how fast each server is
  rps "${IP[b]}:80" >>"$BASE/b.direct"
  rps "${IP[d]}:80" >>"$BASE/d.direct"
done

median() { sort -n "$1" | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
RB=$(median "$BASE/b.rps")
RD=$(median "$BASE/d.rps")
echo "HTTP GET of 1 MiB through a published port on 127.0.0.1, wrk -t2 -c16, $ROUNDS x ${SECS}s alternating:"
printf '  berth    median %10s req/s   (direct to the container: %s)\n' "$RB" "$(median "$BASE/b.direct")"
printf '  dockerd  median %10s req/s   (direct to the container: %s)\n' "$RD" "$(median "$BASE/d.direct")"
awk -v b="$RB" -v d="$RD" 'BEGIN {printf "  ratio berth/dockerd %.2f (target >= 1.00)\n", b / d}'
