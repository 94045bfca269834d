#!/usr/bin/env bash
# Runs the unit test binaries given as arguments; last line "N passed, N failed".
pass=0
fail=0
for t in "$@"; do
  out=$("$t" 2>&1)
  rc=$?
  printf '%s\n' "$out" | grep -v ': [0-9]* passed, [0-9]* failed$' >&2
  line=$(printf '%s\n' "$out" | grep -E '[0-9]+ passed, [0-9]+ failed$' | tail -1)
  read -r p _ f _ <<<"$(grep -oE '[0-9]+ passed, [0-9]+ failed$' <<<"$line" | tr -d ,)"
  if [ -z "$line" ]; then
    echo "$(basename "$t"): crashed or printed no summary (exit $rc)" >&2
    p=0
    f=1
  elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
    echo "$(basename "$t"): exit status $rc (sanitizer report?)" >&2
    f=1
  fi
  echo "unit $(basename "$t"): $p passed, $f failed"
  pass=$((pass + p))
  fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
