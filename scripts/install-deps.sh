#!/usr/bin/env bash
# Installs the Debian packages Berth needs to build, run and test. Idempotent: it calls apt
# only when something is missing. Needs root (or sudo) on Debian 12.
set -euo pipefail

PACKAGES=(
  # engine: OCI runtime, monitor, networking, layers
  runc conmon containernetworking-plugins netavark aardvark-dns iptables iproute2 catatonit
  # test images are made from busybox-static; reference engine, registry, database, browser
  busybox-static docker.io docker-compose docker-registry skopeo postgresql chromium chromium-driver
  # small tools the scripts use
  curl ca-certificates procps openssl
  # benchmarks
  wrk
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # keep packaged services (dockerd, registry, postgres) from being started by the installer
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

for tool in java mvn node npm; do
  command -v "$tool" >/dev/null || { echo "install-deps: $tool is required (Java 17, Maven, Node 20)" >&2; exit 1; }
done
if ! command -v docker >/dev/null; then
  echo "install-deps: the docker CLI (28.x) is expected at /usr/local/bin/docker for the tests" >&2
fi
