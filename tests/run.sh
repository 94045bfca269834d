#!/usr/bin/env bash
# make test: a fresh stack in var/test on its own port, unit tests, the HTTP
# stories in tests/http/ in order, then the browser test; stops everything
# it started and ends with "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT
. "$ROOT/tools/stack.sh"

STATE_DIR="$ROOT/var/test"
export PORT=${MP_TEST_PORT:-18080}
# shellcheck source=tests/tally.sh
. "$ROOT/tests/tally.sh"

echo "== unit tests (ASan, UBSan)"
shopt -s nullglob
"$ROOT/tests/unit/run.sh" "$ROOT"/build/unit/test_* > "$ROOT/build/unit.out" 2>&1
rc=$?
grep -v '^unit ' "$ROOT/build/unit.out" | grep -v ' passed, .* failed$' >&2
grep '^unit ' "$ROOT/build/unit.out"
tally "$ROOT/build/unit.out" unit $rc

echo "== starting the test stack on port $PORT"
# leftovers of an earlier run that did not get to stop its stacks
for d in "$STATE_DIR/sup" "$STATE_DIR"; do
  [ -d "$d/run" ] && STATE=$d supervisor_stop 2>/dev/null
done
rm -rf "$STATE_DIR"
# the stack runs under the supervisor, as with make run: a server a story
# kills comes back; at the end the supervisor stops it in order
trap 'STATE=$STATE_DIR supervisor_stop' EXIT
trap 'exit 130' INT TERM
# tests sign in often; t99 checks the limit itself
export LOGIN_RATE=120r/m LOGIN_BURST=20
"$ROOT/tools/supervise.sh" "$STATE_DIR" "$PORT" 6 2 > "$ROOT/build/stack.out" 2>&1 &
if ! STATE=$STATE_DIR supervisor_ready $! 180; then
  cat "$ROOT/build/stack.out" >&2
  tail -20 "$STATE_DIR"/log/*.log >&2
  total_fail=$((total_fail + 1))
  summary
fi
STATE=$STATE_DIR
export STATE

run_stories "" "$ROOT"/tests/http/t*.sh

summary
