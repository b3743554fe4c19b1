#!/usr/bin/env bash
# Times `docker ps -a` with 500 created containers on Berth's engine and on Debian's dockerd,
# started side by side as bench/run-rm.sh starts them (temporary sockets and roots, dockerd on
# its own bridge), alternating one listing on each per round. Prints the median wall time of
# the CLI on each, the median server time of GET /containers/json?all=1 (curl), and the ratio
# (target: Berth <= 0.5 x dockerd).
#
# usage: bench/ps-500.sh [containers] [rounds]    (root; BERTH_ENGINE_JAR overrides the engine jar)
set -euo pipefail

COUNT=${1:-500}
ROUNDS=${2:-15}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${BERTH_ENGINE_JAR:-$ROOT/host-engine/target/host-engine.jar}
DOCKER=${DOCKER:-/usr/local/bin/docker}

if [ "$(id -u)" != 0 ]; then
  echo "run as root: the engines mount filesystems and create namespaces" >&2
  exit 1
fi
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -B -q -pl host-engine package -DskipTests)
fi

BASE=$(mktemp -d /tmp/bench-XXXX)
BRIDGE="bench$$"
BERTH_PID=""
DOCKERD_PID=""

cleanup() {
  set +e # best effort: every step runs even when an earlier one finds nothing to do
  for sock in "$BASE/b/e.sock" "$BASE/d/e.sock"; do
    if [ -S "$sock" ]; then
      DOCKER_HOST="unix://$sock" "$DOCKER" container prune -f >/dev/null 2>&1
    fi
  done
  [ -n "$BERTH_PID" ] && kill "$BERTH_PID" 2>/dev/null && wait "$BERTH_PID" 2>/dev/null || true
  [ -n "$DOCKERD_PID" ] && kill "$DOCKERD_PID" 2>/dev/null && wait "$DOCKERD_PID" 2>/dev/null || true
  grep -o " $BASE/[^ ]*" /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m"; done
  ip link del "$BRIDGE" 2>/dev/null || true
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

mkdir -p "$BASE/b" "$BASE/d"
read -r -a ENGINE_JVM <<<"${BERTH_ENGINE_JVM:--Xms16m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}"
java "${ENGINE_JVM[@]}" -jar "$JAR" \
  --host "unix://$BASE/b/e.sock" --data-root "$BASE/b/data" --exec-root "$BASE/b/exec" \
  --pidfile "$BASE/b/engine.pid" >"$BASE/b/engine.log" 2>&1 &
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

for e in b d; do
  bash "$ROOT/scripts/busybox-image.sh" "unix://$BASE/$e/e.sock" >/dev/null
done

# the containers: created (not started), with a label and a name each, 4 creates at a time
for e in b d; do
  seq 1 "$COUNT" | xargs -P 4 -I{} env DOCKER_HOST="unix://$BASE/$e/e.sock" \
    "$DOCKER" create --name "ps-{}" --label bench=ps busybox true >/dev/null
  n=$(DOCKER_HOST="unix://$BASE/$e/e.sock" "$DOCKER" ps -aq | wc -l)
  [ "$n" = "$COUNT" ] || { echo "engine $e has $n containers, expected $COUNT" >&2; exit 1; }
done

cli_once() {
  local e=$1 start end
  start=$(date +%s%N)
  DOCKER_HOST="unix://$BASE/$e/e.sock" "$DOCKER" ps -a >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

api_once() {
  curl -s -o /dev/null -w '%{time_total}\n' --unix-socket "$BASE/$1/e.sock" 'http://x/containers/json?all=1' |
    awk '{printf "%d\n", $1 * 1000}'
}

for _ in 1 2 3; do cli_once b >/dev/null; cli_once d >/dev/null; done # warm-up, not counted

for f in b.cli d.cli b.api d.api; do : >"$BASE/$f"; done
for _ in $(seq 1 "$ROUNDS"); do
  cli_once b >>"$BASE/b.cli"
  cli_once d >>"$BASE/d.cli"
  api_once b >>"$BASE/b.api"
  api_once d >>"$BASE/d.api"
done

median() { sort -n "$1" | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
echo "docker ps -a with $COUNT containers, $ROUNDS alternating rounds:"
printf '  berth   median %6s ms (API alone %s ms)\n' "$(median "$BASE/b.cli")" "$(median "$BASE/b.api")"
printf '  dockerd median %6s ms (API alone %s ms)\n' "$(median "$BASE/d.cli")" "$(median "$BASE/d.api")"
awk -v b="$(median "$BASE/b.cli")" -v d="$(median "$BASE/d.cli")" \
  'BEGIN {printf "  ratio berth/dockerd %.2f (target <= 0.50)\n", b / d}'
awk -v b="$(median "$BASE/b.api")" -v d="$(median "$BASE/d.api")" \
  'BEGIN {if (d > 0) printf "  API ratio berth/dockerd %.2f\n", b / d}'
