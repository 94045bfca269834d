#!/usr/bin/env bash
# The suites' tally, shared by make test (tests/run.sh) and make
# test-cluster (tests/cluster/run.sh): each suite's "N passed, N failed"
# line added up, and the total as the last line.
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
