#!/usr/bin/env bash
# How much of `docker ps -a` (500 containers) is the CLI's own work: records each engine's
# answers (HEAD /_ping and GET /containers/json?all=1, byte for byte), replays them from a server
# that answers at once (bench/lib/replay-server.py), and times the CLI against the replays, the
# live engines, and `docker --version` (process start only), interleaved. If the replay of Berth's
# bytes already takes more than half of dockerd's live time, the 0.5 target of ps-500.sh cannot
# be met by any engine on this machine, since nothing answers faster than a recording.
#
# usage: bench/ps-cli-floor.sh [containers] [rounds]    (root; BERTH_ENGINE_JAR overrides the jar)
set -euo pipefail

COUNT=${1:-500}
ROUNDS=${2:-40}
source "$(dirname "$0")/lib/engines.sh"

REPLAY_PIDS=()
stop_replays() {
  local p
  for p in "${REPLAY_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  engines_cleanup
}

engines_start "bench$$" 10.217 --bridge "bbf$$" --bip "10.90.$((RANDOM % 200 + 20)).1/24"
trap stop_replays EXIT

for e in b d; do
  seq 1 "$COUNT" | xargs -P 4 -I{} env DOCKER_HOST="unix://$BASE/$e/e.sock" \
    "$DOCKER" create --name "ps-{}" --label bench=ps busybox true >/dev/null
  # the API version the CLI settles on with this engine
  v=$(docker_on "$e" version --format '{{.Client.APIVersion}} {{.Server.APIVersion}}' |
    awk '{print ($1 + 0 < $2 + 0) ? $1 : $2}')
  curl -s -I --unix-socket "$BASE/$e/e.sock" http://x/_ping >"$BASE/$e.ping"
  curl -s -D "$BASE/$e.head" -o "$BASE/$e.body" --unix-socket "$BASE/$e/e.sock" "http://x/v$v/containers/json?all=1"
  python3 "$ROOT/bench/lib/replay-server.py" "$BASE/r$e.sock" "$BASE/$e.ping" "$BASE/$e.head" "$BASE/$e.body" &
  REPLAY_PIDS+=($!)
done
for e in b d; do wait_ping "$BASE/r$e.sock" "replay-$e"; done

TARGETS=("version:" "replay-berth:$BASE/rb.sock" "replay-dockerd:$BASE/rd.sock" "berth:$BASE/b/e.sock" "dockerd:$BASE/d/e.sock")
once() {
  local sock=$1 start end
  start=$(date +%s%N)
  if [ -z "$sock" ]; then "$DOCKER" --version >/dev/null; else DOCKER_HOST="unix://$sock" "$DOCKER" ps -a >/dev/null; fi
  end=$(date +%s%N)
  echo $(((end - start) / 100000)) # tenths of a ms
}
for t in "${TARGETS[@]}"; do : >"$BASE/${t%%:*}.t"; done
for i in $(seq 1 $((ROUNDS + 3))); do
  for t in "${TARGETS[@]}"; do
    ms=$(once "${t#*:}")
    [ "$i" -gt 3 ] && echo "$ms" >>"$BASE/${t%%:*}.t" # 3 warm-up rounds
  done
done

echo "docker ps -a with $COUNT containers, $ROUNDS interleaved rounds (median ms; bytes of the list):"
for t in "${TARGETS[@]}"; do
  n=${t%%:*}
  case $n in replay-berth | berth) size=$(wc -c <"$BASE/b.body") ;; replay-dockerd | dockerd) size=$(wc -c <"$BASE/d.body") ;; *) size=- ;; esac
  printf '  %-15s %6.1f   %s\n' "$n" "$(median "$BASE/$n.t" | awk '{print $1 / 10}')" "$size"
done
awk -v r="$(median "$BASE/replay-berth.t")" -v b="$(median "$BASE/berth.t")" -v d="$(median "$BASE/dockerd.t")" 'BEGIN {
  printf "  ratio berth/dockerd %.2f; an engine answering at once with the same bytes: %.2f (target <= 0.50)\n", b / d, r / d }'
