#!/usr/bin/env bash
# HTTP throughput through a published port on 127.0.0.1: Berth's engine (its default iptables DNAT
# with route_localnet, or its userland proxy when BERTH_USERLAND_PROXY=true) against Debian's
# dockerd (docker-proxy, as it runs with --iptables=false beside other engines), started side by
# side by bench/lib/engines.sh with temporary roots. The same busybox httpd serves the same 1 MiB
# file in both; wrk measures each in alternating rounds, also straight to the container's address
# (what the forwarding costs), and the script prints the medians and their ratio (target: Berth >=
# 1.0 x dockerd). The load of the machine moves single runs by +-30%: compare several.
#
# usage: bench/port-throughput.sh [rounds] [seconds-per-round]   (root; BERTH_ENGINE_JAR overrides the jar)
set -euo pipefail

ROUNDS=${1:-3}
SECS=${2:-5}
source "$(dirname "$0")/lib/engines.sh"

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }

engines_start "benp$$" 10.215 --bridge "bbp$$" --bip "10.88.$((RANDOM % 200 + 20)).1/24" \
  --userland-proxy="${BERTH_USERLAND_PROXY:-false}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# the same server in both: busybox httpd with a 1 MiB file
declare -A PORT IP
for e in b d; do
  PORT[$e]=$(free_port)
  id=$(docker_on "$e" run -d -p "${PORT[$e]}:80" busybox sh -c \
    'mkdir /www && head -c 1048576 /dev/zero | tr "\0" x > /www/f && exec httpd -f -p 80 -h /www')
  IP[$e]=$(docker_on "$e" inspect -f '{{.NetworkSettings.IPAddress}}' "$id")
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

RB=$(median "$BASE/b.rps")
RD=$(median "$BASE/d.rps")
echo "HTTP GET of 1 MiB through a published port on 127.0.0.1, wrk -t2 -c16, $ROUNDS x ${SECS}s alternating:"
printf '  berth    median %10s req/s   (direct to the container: %s)\n' "$RB" "$(median "$BASE/b.direct")"
printf '  dockerd  median %10s req/s   (direct to the container: %s)\n' "$RD" "$(median "$BASE/d.direct")"
awk -v b="$RB" -v d="$RD" 'BEGIN {printf "  ratio berth/dockerd %.2f (target >= 1.00)\n", b / d}'
