#!/bin/sh
# Makes frontend-maven-plugin use the machine's Node and npm: it expects DIR/node/node and
# DIR/node/node_modules/npm, and downloading Node (install-node-and-npm) is not possible here.
set -eu
dir="$1/node"
node_bin="$(command -v node)" || { echo "link-node: node (>= 20.19) is required" >&2; exit 1; }
npm_pkg="$(npm root -g)/npm"
[ -f "$npm_pkg/bin/npm-cli.js" ] || { echo "link-node: npm package not found at $npm_pkg" >&2; exit 1; }
mkdir -p "$dir/node_modules"
ln -sfn "$node_bin" "$dir/node"
ln -sfn "$npm_pkg" "$dir/node_modules/npm"
