#!/usr/bin/env bash
# nginx limits sign-in attempts per client address (run last: it uses up
# this address's allowance).
. "$ROOT/tests/lib.sh"

JAR="$OUT/jar"
rm -f "$JAR"
t=$(csrf)
: > "$OUT/codes"
for i in $(seq 1 60); do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$JAR" --data "csrf=$t&email=nobody@example.com&password=x$i" "$BASE/login" >> "$OUT/codes" &
done
wait
limited=$(grep -c '^429$' "$OUT/codes")
check "a burst of 60 sign-in attempts is cut short by nginx ($limited refused)" test "$limited" -ge 20
get /login
expect_status 200 "showing the sign-in page is not limited"
# the limit refills at its rate (2 a second in the test stack): attempts in
# quick succession meet it again within a few tries however slow the burst was
for i in $(seq 1 20); do
  req POST /login --data "csrf=$t&email=nobody@example.com&password=y$i"
  [ "$STATUS" = 429 ] && break
done
expect_status 429 "attempts in quick succession are refused again"
expect_header Content-Type '^text/html' "a page, not a bare status"
expect_body '登录尝试过于频繁' "it says what happened"
expect_body 'Too many sign-in attempts' "in both languages"

done_testing
