#!/usr/bin/env bash
# The stack under its supervisor, in the background: make test's stack and
# the throwaway stacks of tests/http/t62_supervisor.sh.
#   tools/supervise.sh STATE PORT WORKERS [SWEEP_SECONDS]
# Records its own pid in STATE/run/supervisor.started, starts everything,
# then writes STATE/run/supervisor.ready and restarts whatever dies. On
# SIGTERM or SIGINT it stops the stack in order (nginx, the pool, MariaDB)
# and exits 0; it exits 1 when the stack does not come up.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tools/stack.sh"

if [ $# -lt 3 ]; then
  echo "usage: tools/supervise.sh STATE PORT WORKERS [SWEEP_SECONDS]" >&2
  exit 2
fi
SUP_STOP=0
trap 'SUP_STOP=1' TERM INT
mkdir -p "$1/run" "$1/log"
state=$(cd "$1" && pwd) # MariaDB wants an absolute data directory
shift
echo $$ > "$state/run/supervisor.started"
rm -f "$state/run/supervisor.ready"

if ! stack_start "$state" "$@"; then
  [ "$SUP_STOP" = 1 ] || echo "supervise: start-up failed; logs are in $state/log/" >&2
  stack_stop
  rm -f "$STATE/run/supervisor.started"
  [ "$SUP_STOP" = 1 ]
  exit $?
fi
: > "$STATE/run/supervisor.ready"
stack_supervise
rm -f "$STATE/run/supervisor.ready"
stack_stop
stack_log -q "supervisor: stopped"
rm -f "$STATE/run/supervisor.started"
