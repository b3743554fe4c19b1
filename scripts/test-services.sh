#!/usr/bin/env bash
# Starts the shared services the test suite needs and prints their settings as env exports.
# Engines (Berth's and the reference dockerd) and registries are started by the tests
# themselves, each with its own temporary roots and sockets.
set -euo pipefail

# Only the exports go to stdout, which the caller evals; what the tools print goes to stderr.
# (A group redirect, not exec: the postmaster must not inherit the caller's stdout pipe.)
{
# PostgreSQL: the gateway's store tests run on H2 and on this database.
ver=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1{print $1}')
if [ -z "$ver" ]; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$ver" main >/dev/null
fi
if ! pg_lsclusters -h | awk '$2=="main"{print $4}' | grep -q online; then
  pg_ctlcluster "$ver" main start
fi
port=$(pg_lsclusters -h | awk '$2=="main"{print $3}')
su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='berth_test'\"" | grep -q 1 \
  || su postgres -c "psql -p $port -qc \"CREATE ROLE berth_test LOGIN PASSWORD 'berth_test'\""
su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='berth_test'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O berth_test berth_test"
} >&2
echo "export BERTH_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/berth_test"
echo "export BERTH_TEST_PG_USER=berth_test"
echo "export BERTH_TEST_PG_PASSWORD=berth_test"
