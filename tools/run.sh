#!/usr/bin/env bash
# make run: the whole stack on http://127.0.0.1:8080/ in the foreground,
# under the supervisor: a server that dies is restarted. Ctrl-C or SIGTERM
# stops everything it started, in order: nginx, the pool, MariaDB.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tools/stack.sh"

STATE=$ROOT/var
sup=$(started_pid supervisor)
if [ -n "$sup" ] && proc_alive "$sup" && started_is supervisor "$sup"; then
  echo "run: make run is already running (pid $sup); stop it first" >&2
  exit 1
fi
# servers an earlier run left behind when it was killed outright
[ -d "$STATE/log" ] && stack_stop 2>/dev/null
# the servers run in sessions of their own: a signal reaches them only
# through the ordered stop below
SUP_STOP=0
trap 'SUP_STOP=1' INT TERM
trap 'stack_stop; rm -f "$STATE/run/supervisor.started"' EXIT
mkdir -p "$STATE/run"
echo $$ > "$STATE/run/supervisor.started"

if ! stack_start "$ROOT/var" "${MP_PORT:-8080}" "${MP_WORKERS:-$((2 * $(nproc)))}"; then
  if [ "$SUP_STOP" = 1 ]; then
    echo
    echo "stopping..."
    stack_stop
    exit 0
  fi
  echo "run: start-up failed; logs are in $ROOT/var/log/" >&2
  exit 1
fi
echo "admin pages: http://127.0.0.1:$PORT/admin/ (user admin, password in var/secrets.env)"
echo "sandbox payment gateway (a test tool): http://127.0.0.1:$SANDBOX_PORT/"
echo "logs: $STATE/log/"
echo "http://127.0.0.1:$PORT/"
# in the foreground until a signal; restarts are logged to
# var/log/supervisor.log and here
stack_supervise
echo
echo "stopping..."
stack_stop
stack_log -q "supervisor: stopped"
exit 0
