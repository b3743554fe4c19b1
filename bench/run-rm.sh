#!/usr/bin/env bash
# Times `docker run --rm busybox true` (on each engine's default bridge network) against Berth's engine and Debian's dockerd, started side
# by side as the integration harness starts them (temporary sockets and roots, dockerd on its
# own bridge), alternating one run on each per round. Prints the median wall time of each, their
# ratio (target: Berth <= 0.5 x dockerd), and the idle RSS of Berth's engine against
# dockerd + containerd.
#
# usage: bench/run-rm.sh [rounds]    (root; BERTH_ENGINE_JAR overrides the engine jar)
set -euo pipefail

ROUNDS=${1:-20}
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
      ids=$(DOCKER_HOST="unix://$sock" "$DOCKER" ps -aq 2>/dev/null || true)
      [ -n "$ids" ] && DOCKER_HOST="unix://$sock" "$DOCKER" rm -f $ids >/dev/null 2>&1 || true
    fi
  done
  [ -n "$BERTH_PID" ] && kill "$BERTH_PID" 2>/dev/null && wait "$BERTH_PID" 2>/dev/null || true
  [ -n "$DOCKERD_PID" ] && kill "$DOCKERD_PID" 2>/dev/null && wait "$DOCKERD_PID" 2>/dev/null || true
  # conmon outlives Berth by design: end the ones this run started
  for p in $(pgrep -f "^/usr/bin/conmon .*$BASE/" || true); do kill -9 "$p" 2>/dev/null || true; done
  grep -o " $BASE/[^ ]*" /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m"; done
  ip link del "$BRIDGE" 2>/dev/null || true
  ip link del "bb$$" 2>/dev/null || true
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
# the engine's JVM options as scripts/start.sh runs it (override with BERTH_ENGINE_JVM)
read -r -a ENGINE_JVM <<<"${BERTH_ENGINE_JVM:--Xms16m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}"
# both engines run the containers on their default bridge network, each on its own device
java "${ENGINE_JVM[@]}" -jar "$JAR" \
  --host "unix://$BASE/b/e.sock" --data-root "$BASE/b/data" --exec-root "$BASE/b/exec" \
  --pidfile "$BASE/b/engine.pid" --bridge "bb$$" --bip "10.88.$((RANDOM % 200 + 20)).1/24" \
  >"$BASE/b/engine.log" 2>&1 &
BERTH_PID=$!

ip link add name "$BRIDGE" type bridge
ip addr add 10.214.$((RANDOM % 200 + 10)).1/24 dev "$BRIDGE"
ip link set "$BRIDGE" up
dockerd --host "unix://$BASE/d/e.sock" --data-root "$BASE/d/data" --exec-root "$BASE/d/exec" \
  --pidfile "$BASE/d/engine.pid" --bridge "$BRIDGE" --iptables=false --ip-masq=false \
  --storage-driver overlay2 >"$BASE/d/engine.log" 2>&1 &
DOCKERD_PID=$!

wait_ping "$BASE/b/e.sock" berth
wait_ping "$BASE/d/e.sock" dockerd

# the test image: busybox-static as a rootfs, imported into both engines
for e in b d; do
  bash "$ROOT/scripts/busybox-image.sh" "unix://$BASE/$e/e.sock" >/dev/null
done

run_once() {
  local e=$1 start end
  start=$(date +%s%N)
  DOCKER_HOST="unix://$BASE/$e/e.sock" "$DOCKER" run --rm busybox true
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# warm-up (JIT, page cache), not counted
for _ in 1 2 3; do run_once b >/dev/null; run_once d >/dev/null; done

: >"$BASE/b.ms"
: >"$BASE/d.ms"
for _ in $(seq 1 "$ROUNDS"); do
  run_once b >>"$BASE/b.ms"
  run_once d >>"$BASE/d.ms"
done

median() { sort -n "$1" | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
MB=$(median "$BASE/b.ms")
MD=$(median "$BASE/d.ms")

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
sleep 5 # idle
BERTH_RSS=$(rss_kb "$BERTH_PID")
DOCKERD_RSS=$(rss_kb "$DOCKERD_PID")
CONTAINERD_RSS=0
for p in $(pgrep -P "$DOCKERD_PID" containerd || true); do
  CONTAINERD_RSS=$((CONTAINERD_RSS + $(rss_kb "$p")))
done

echo "docker run --rm busybox true, $ROUNDS alternating rounds:"
printf '  berth   median %6s ms\n' "$MB"
printf '  dockerd median %6s ms\n' "$MD"
awk -v b="$MB" -v d="$MD" 'BEGIN {printf "  ratio berth/dockerd %.2f (target <= 0.50)\n", b / d}'
echo "idle RSS:"
printf '  berth engine          %6d MB\n' $((BERTH_RSS / 1024))
printf '  dockerd + containerd  %6d MB (dockerd %d, containerd %d)\n' \
  $(((DOCKERD_RSS + CONTAINERD_RSS) / 1024)) $((DOCKERD_RSS / 1024)) $((CONTAINERD_RSS / 1024))
