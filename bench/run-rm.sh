#!/usr/bin/env bash
# Times `docker run --rm busybox true` (on each engine's default bridge network) against Berth's engine and Debian's dockerd, started side
# by side by bench/lib/engines.sh (temporary sockets and roots, dockerd on its own bridge),
# alternating one run on each per round. Prints the median wall time of each, their
# ratio (target: Berth <= 0.5 x dockerd), and the idle RSS of Berth's engine against
# dockerd + containerd.
#
# usage: bench/run-rm.sh [rounds]    (root; BERTH_ENGINE_JAR overrides the engine jar)
set -euo pipefail

ROUNDS=${1:-20}
source "$(dirname "$0")/lib/engines.sh"

# both engines run the containers on their default bridge network, each on its own device
engines_start "bench$$" 10.214 --bridge "bb$$" --bip "10.88.$((RANDOM % 200 + 20)).1/24"

run_once() {
  local e=$1 start end
  start=$(date +%s%N)
  docker_on "$e" run --rm busybox true
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
