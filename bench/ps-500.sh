#!/usr/bin/env bash
# Times `docker ps -a` with 500 created containers on Berth's engine and on Debian's dockerd,
# started side by side by bench/lib/engines.sh (temporary sockets and roots, each engine on its
# own bridge), alternating one listing on each per round. Prints the median wall time of the
# CLI on each, the median server time of GET /containers/json?all=1 (curl), and the ratio
# (target: Berth <= 0.5 x dockerd).
#
# usage: bench/ps-500.sh [containers] [rounds]    (root; BERTH_ENGINE_JAR overrides the engine jar)
set -euo pipefail

COUNT=${1:-500}
ROUNDS=${2:-15}
source "$(dirname "$0")/lib/engines.sh"

engines_start "bench$$" 10.215 --bridge "bbs$$" --bip "10.89.$((RANDOM % 200 + 20)).1/24"

# the containers: created (not started), with a label and a name each, 4 creates at a time
for e in b d; do
  seq 1 "$COUNT" | xargs -P 4 -I{} env DOCKER_HOST="unix://$BASE/$e/e.sock" \
    "$DOCKER" create --name "ps-{}" --label bench=ps busybox true >/dev/null
  n=$(docker_on "$e" ps -aq | wc -l)
  [ "$n" = "$COUNT" ] || { echo "engine $e has $n containers, expected $COUNT" >&2; exit 1; }
done

cli_once() {
  local e=$1 start end
  start=$(date +%s%N)
  docker_on "$e" ps -a >/dev/null
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

echo "docker ps -a with $COUNT containers, $ROUNDS alternating rounds:"
printf '  berth   median %6s ms (API alone %s ms)\n' "$(median "$BASE/b.cli")" "$(median "$BASE/b.api")"
printf '  dockerd median %6s ms (API alone %s ms)\n' "$(median "$BASE/d.cli")" "$(median "$BASE/d.api")"
awk -v b="$(median "$BASE/b.cli")" -v d="$(median "$BASE/d.cli")" \
  'BEGIN {printf "  ratio berth/dockerd %.2f (target <= 0.50)\n", b / d}'
awk -v b="$(median "$BASE/b.api")" -v d="$(median "$BASE/d.api")" \
  'BEGIN {if (d > 0) printf "  API ratio berth/dockerd %.2f\n", b / d}'
