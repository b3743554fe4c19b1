# Sourced by the bench/ scripts that compare Berth's engine with Debian's dockerd: starts both
# side by side with temporary sockets and roots (dockerd on a bridge of its own, Berth on the
# bridge device the caller names), waits for their /_ping, imports the busybox test image and
# cleans everything up on exit (containers, engines, conmons, mounts, bridges, the temp root).
#
#   source "$(dirname "$0")/lib/engines.sh"
#   engines_start "$DOCKERD_BRIDGE" "$DOCKERD_NET" [berth engine args...]
#     e.g. engines_start "bench$$" 10.214 --bridge "bb$$" --bip 10.88.30.1/24
#   docker_on b|d ARGS...       the docker CLI against Berth (b) or dockerd (d)
#   median FILE                 median of the numbers in FILE, one a line
#
# Sets ROOT, JAR, DOCKER, BASE (sockets at $BASE/b/e.sock and $BASE/d/e.sock), BERTH_PID and
# DOCKERD_PID. The engine's JVM options come from config/engine-jvm.options, as
# scripts/start.sh runs it (BERTH_ENGINE_JVM overrides them; BERTH_ENGINE_JAR the jar).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR=${BERTH_ENGINE_JAR:-$ROOT/host-engine/target/host-engine.jar}
DOCKER=${DOCKER:-/usr/local/bin/docker}
BASE=""
BERTH_PID=""
DOCKERD_PID=""
BENCH_LINKS=()

engines_check() {
  if [ "$(id -u)" != 0 ]; then
    echo "run as root: the engines mount filesystems and create namespaces" >&2
    exit 1
  fi
  if [ ! -f "$JAR" ]; then
    (cd "$ROOT" && mvn -B -q -pl host-engine package -DskipTests)
  fi
}

# shellcheck source=engine-jvm.sh
source "$(dirname "${BASH_SOURCE[0]}")/engine-jvm.sh"

engines_cleanup() {
  set +e # best effort: every step runs even when an earlier one finds nothing to do
  local sock ids p m link
  for sock in "$BASE/b/e.sock" "$BASE/d/e.sock"; do
    if [ -S "$sock" ]; then
      DOCKER_HOST="unix://$sock" "$DOCKER" container prune -f >/dev/null 2>&1
      ids=$(DOCKER_HOST="unix://$sock" "$DOCKER" ps -aq 2>/dev/null)
      [ -n "$ids" ] && DOCKER_HOST="unix://$sock" "$DOCKER" rm -f $ids >/dev/null 2>&1
    fi
  done
  [ -n "$BERTH_PID" ] && kill "$BERTH_PID" 2>/dev/null && wait "$BERTH_PID" 2>/dev/null
  [ -n "$DOCKERD_PID" ] && kill "$DOCKERD_PID" 2>/dev/null && wait "$DOCKERD_PID" 2>/dev/null
  # conmon outlives Berth by design: end the ones this run started
  for p in $(pgrep -f "^/usr/bin/conmon .*$BASE/"); do kill -9 "$p" 2>/dev/null; done
  grep -o " $BASE/[^ ]*" /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m"; done
  for link in "${BENCH_LINKS[@]}"; do ip link del "$link" 2>/dev/null; done
  rm -rf "$BASE"
}

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

# engines_start DOCKERD_BRIDGE NET_PREFIX [berth args...]: both engines up, busybox in both.
# A --bridge NAME among the Berth args is deleted at exit too.
engines_start() {
  local bridge=$1 net=$2
  shift 2
  local -a jvm args=("$@")
  local i
  for ((i = 0; i < ${#args[@]}; i++)); do
    [ "${args[$i]}" = --bridge ] && BENCH_LINKS+=("${args[$((i + 1))]}")
  done
  engines_check
  BASE=$(mktemp -d /tmp/bench-XXXX)
  trap engines_cleanup EXIT
  mkdir -p "$BASE/b" "$BASE/d"
  read -r -a jvm <<<"$(engine_jvm_options)"
  java "${jvm[@]}" -jar "$JAR" \
    --host "unix://$BASE/b/e.sock" --data-root "$BASE/b/data" --exec-root "$BASE/b/exec" \
    --pidfile "$BASE/b/engine.pid" "${args[@]}" >"$BASE/b/engine.log" 2>&1 &
  BERTH_PID=$!

  BENCH_LINKS+=("$bridge")
  ip link add name "$bridge" type bridge
  ip addr add "$net.$((RANDOM % 200 + 10)).1/24" dev "$bridge"
  ip link set "$bridge" up
  dockerd --host "unix://$BASE/d/e.sock" --data-root "$BASE/d/data" --exec-root "$BASE/d/exec" \
    --pidfile "$BASE/d/engine.pid" --bridge "$bridge" --iptables=false --ip-masq=false \
    --storage-driver overlay2 >"$BASE/d/engine.log" 2>&1 &
  DOCKERD_PID=$!

  wait_ping "$BASE/b/e.sock" berth
  wait_ping "$BASE/d/e.sock" dockerd

  # the test image: busybox-static as a rootfs, imported into both engines
  for i in b d; do
    bash "$ROOT/scripts/busybox-image.sh" "unix://$BASE/$i/e.sock" >/dev/null
  done
}

docker_on() {
  local e=$1
  shift
  DOCKER_HOST="unix://$BASE/$e/e.sock" "$DOCKER" "$@"
}

median() { sort -n "$1" | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
