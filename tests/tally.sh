#!/usr/bin/env bash
# The suites' runner and tally, shared by make test (tests/run.sh) and make
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

# run_stories OUT_PREFIX STORY...: each story, its output kept in
# build/OUT_PREFIX<name>.out; its measurements and failures on stderr, its
# summary line on stdout, and its counts in the tally
run_stories() {
  local prefix=$1 t name rc out
  shift
  for t in "$@"; do
    name=$(basename "$t" .sh)
    out="$ROOT/build/$prefix$name.out"
    bash "$t" > "$out" 2>&1
    rc=$?
    grep -v ' passed, .* failed$' "$out" >&2
    grep -E ' passed, .* failed$' "$out" | tail -1
    tally "$out" "$name" $rc
  done
}

summary() {
  echo "$total_pass passed, $total_fail failed"
  [ "$total_fail" = 0 ]
  exit $?
}
