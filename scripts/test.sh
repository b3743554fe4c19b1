#!/usr/bin/env bash
# Runs every test: unit tests, integration tests against real runc/conmon/dockerd/registry/
# PostgreSQL, and the browser end-to-end tests. This is the README's test command and what
# .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
eval "$(bash scripts/test-services.sh)"
mvn -B -ntp --fail-at-end verify "$@"
# browser end-to-end tests, against Berth's own engine and against the reference dockerd; they
# need the gateway and engine jars that the reactor build above made
mvn -B -ntp -pl frontend -Pe2e verify -Dberth.engine=berth
mvn -B -ntp -pl frontend -Pe2e verify -Dberth.engine=dockerd
