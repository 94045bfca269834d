#!/usr/bin/env bash
# make test-cluster: a fresh cluster (tools/cluster.sh: three Galera nodes,
# two pool hosts, nginx) in var/test-cluster on ports of its own, the
# stories in tests/cluster/ in order (they kill pool hosts and nodes under
# load and count what was lost), then stops everything; ends with
# "N passed, N failed". Ports: MP_TEST_CLUSTER_PORT (nginx, default 18180;
# the sandbox cashier on the next), MP_TEST_CLUSTER_SQL_PORT (14306, 14307,
# 14308), MP_TEST_CLUSTER_GCOMM_PORT (14567, IST 14568; +10 per node) and
# MP_TEST_CLUSTER_SST_PORT (14444; +10 per node): below Linux's range of
# ports for outgoing connections, which a restarted node's port could
# otherwise collide with.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export ROOT
. "$ROOT/tools/stack.sh"

STATE_DIR="$ROOT/var/test-cluster"
export PORT=${MP_TEST_CLUSTER_PORT:-18180}
export MP_CLUSTER_SQL_PORT=${MP_TEST_CLUSTER_SQL_PORT:-14306}
export MP_CLUSTER_GCOMM_PORT=${MP_TEST_CLUSTER_GCOMM_PORT:-14567}
export MP_CLUSTER_SST_PORT=${MP_TEST_CLUSTER_SST_PORT:-14444}
mkdir -p "$ROOT/build"
# shellcheck source=tests/tally.sh
. "$ROOT/tests/tally.sh"

started=$(now_ms)
echo "== starting the cluster on port $PORT (nodes' SQL on $MP_CLUSTER_SQL_PORT..$((MP_CLUSTER_SQL_PORT + 2)))"
# leftovers of an earlier run that did not get to stop its cluster
[ -d "$STATE_DIR" ] && "$ROOT/tools/cluster.sh" stop "$STATE_DIR"
rm -rf "$STATE_DIR"
trap '"$ROOT/tools/cluster.sh" stop "$STATE_DIR"' EXIT
trap 'exit 130' INT TERM
export LOGIN_RATE=600r/m LOGIN_BURST=100
# three workers per pool host, sweeps every 2 s
setsid "$ROOT/tools/cluster.sh" "$STATE_DIR" "$PORT" 3 2 > "$ROOT/build/cluster-stack.out" 2>&1 &
if ! STATE=$STATE_DIR supervisor_ready $! 300; then
  cat "$ROOT/build/cluster-stack.out" >&2
  tail -n 20 "$STATE_DIR"/log/*.log >&2
  total_fail=$((total_fail + 1))
  summary
fi
STATE=$STATE_DIR
export STATE
echo "cluster up in $(( ($(now_ms) - started) / 1000 ))s"

run_stories cluster- "$ROOT"/tests/cluster/t*.sh

echo "test-cluster took $(( ($(now_ms) - started) / 1000 ))s"
summary
