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
total_pass=0
total_fail=0

tally() { # reads "… N passed, N failed" lines from a suite's output
  local line p f
  line=$(grep -E '[0-9]+ passed, [0-9]+ failed$' "$1" | tail -1)
  if [ -z "$line" ]; then
    p=0
    f=1
    echo "$2: no summary line (crashed?)" >&2
  else
    read -r p _ f _ <<<"$(grep -oE '[0-9]+ passed, [0-9]+ failed$' <<<"$line" | tr -d ,)"
  fi
  [ "$3" != 0 ] && [ "$f" = 0 ] && f=1 && echo "$2: exit status $3" >&2
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
}

summary() {
  echo "$total_pass passed, $total_fail failed"
  [ "$total_fail" = 0 ]
  exit $?
}

echo "== unit tests (ASan, UBSan)"
shopt -s nullglob
"$ROOT/tests/unit/run.sh" "$ROOT"/build/unit/test_* > "$ROOT/build/unit.out" 2>&1
rc=$?
grep -v '^unit ' "$ROOT/build/unit.out" | grep -v ' passed, .* failed$' >&2
grep '^unit ' "$ROOT/build/unit.out"
tally "$ROOT/build/unit.out" unit $rc

echo "== starting the test stack on port $PORT"
[ -d "$STATE_DIR/run" ] && STATE=$STATE_DIR stack_stop 2>/dev/null
rm -rf "$STATE_DIR"
trap 'STATE=$STATE_DIR stack_stop' EXIT
trap 'exit 130' INT TERM
# tests sign in often; t99 checks the limit itself
export LOGIN_RATE=120r/m LOGIN_BURST=20
if ! stack_start "$STATE_DIR" "$PORT" 6 2 > "$ROOT/build/stack.out" 2>&1; then
  cat "$ROOT/build/stack.out" >&2
  tail -20 "$STATE_DIR"/log/*.log >&2
  total_fail=$((total_fail + 1))
  summary
fi
export STATE

for t in "$ROOT"/tests/http/t*.sh; do
  name=$(basename "$t" .sh)
  bash "$t" > "$ROOT/build/$name.out" 2>&1
  rc=$?
  grep -v ' passed, .* failed$' "$ROOT/build/$name.out" >&2
  grep -E ' passed, .* failed$' "$ROOT/build/$name.out" | tail -1
  tally "$ROOT/build/$name.out" "$name" $rc
done

summary
