#!/usr/bin/env bash
# make run: the whole stack on http://127.0.0.1:8080/ in the foreground;
# Ctrl-C or SIGTERM stops everything it started.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tools/stack.sh"

trap 'echo; echo "stopping..."; stack_stop; exit 0' INT TERM
trap 'stack_stop' EXIT

if ! stack_start "$ROOT/var" "${MP_PORT:-8080}" "${MP_WORKERS:-8}"; then
  echo "run: start-up failed; logs are in $ROOT/var/log/" >&2
  exit 1
fi
echo "admin pages: http://127.0.0.1:$PORT/admin/ (user admin, password in var/secrets.env)"
echo "sandbox payment gateway (a test tool): http://127.0.0.1:$SANDBOX_PORT/"
echo "logs: $STATE/log/"
echo "http://127.0.0.1:$PORT/"
# stay in the foreground until a signal or until a server dies
while kill -0 "$(started_pid mysqld)" 2>/dev/null && kill -0 "$(started_pid pool)" 2>/dev/null &&
  kill -0 "$(started_pid nginx)" 2>/dev/null; do
  sleep 1 &
  wait $!
done
echo "run: a server stopped; see $STATE/log/" >&2
exit 1
