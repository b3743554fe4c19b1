#!/usr/bin/env bash
# Makes a small `busybox:latest` image from Debian's busybox-static and imports it into an
# engine (no registry needed). Usage: bash scripts/busybox-image.sh [unix:///run/berth/berth.sock]
set -euo pipefail
HOST=${1:-${DOCKER_HOST:-unix:///run/berth/berth.sock}}
[ -x /bin/busybox ] || { echo "busybox-static is missing: run scripts/install-deps.sh" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"/{bin,etc,dev,proc,sys,tmp,root,var/log,usr/bin,usr/sbin,sbin}
chmod 1777 "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
tar --numeric-owner -C "$root" -cf "$work/busybox.tar" .
"${DOCKER:-docker}" -H "$HOST" import --change 'CMD ["sh"]' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "$work/busybox.tar" busybox:latest
