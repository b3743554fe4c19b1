#!/usr/bin/env bash
# Live-channel benchmarks of the gateway, one run, one machine (see LiveBench.java):
#  1. terminal round trip (keystroke -> echo) through the gateway's WebSocket against a direct
#     hijacked exec on the engine socket (target: within 2 ms of direct),
#  2. 1,000 concurrent event subscribers: engine event time -> each subscriber, per container
#     start, p50/p99 (target: p99 < 100 ms).
# Usage: bench/gateway-live.sh [dockerd|berth]   env: KEYSTROKES=1000 SUBSCRIBERS=1000 STARTS=5
#        BUILD_DIR=/tmp/build-live-bench (the Maven output folder used for this run)
#        ENGINE_JAR=host-engine/target/host-engine.jar (for berth)
# Exits non-zero only on errors; a missed target is printed, not failed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENGINE=${1:-${ENGINE:-dockerd}}
BUILD_DIR=${BUILD_DIR:-/tmp/build-live-bench}

mvn -B -q -o -f "$ROOT/pom.xml" -pl backend -Dberth.buildDir="$BUILD_DIR" test-compile \
  dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/bench.cp" -Dmdep.includeScope=test
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench.cp")"
cd "$ROOT/backend"
exec java -Dberth.engine="$ENGINE" -Dberth.engineJar="${ENGINE_JAR:-$ROOT/host-engine/target/host-engine.jar}" -Dbench.keystrokes="${KEYSTROKES:-1000}" \
  -Dbench.subscribers="${SUBSCRIBERS:-1000}" -Dbench.starts="${STARTS:-5}" \
  -cp "$CP" dev.berth.gateway.live.LiveBench
