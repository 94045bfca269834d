#!/usr/bin/env bash
# A buyer registers (weak passwords refused by zxcvbn, every field's error
# at once), signs out and in again; sessions are random, hashed, HttpOnly,
# rotated and end when idle; wrong passwords slow down the address they
# come from, never the buyer's own; bad input and missing CSRF tokens
# change nothing.
. "$ROOT/tests/lib.sh"

users() { sql "SELECT COUNT(*) FROM users"; }

# Pages that need a buyer send a guest to sign in, and back afterwards.
JAR="$OUT/jar-guest"
rm -f "$JAR"
get /orders -b "$JAR"
expect_status 303 "guest on my orders"
check "guest sent to sign in, then back" test "$(location)" = "/login?next=%2Forders"
xget /orders
expect_status 401 "XML client without a session"
get /register
expect_status 200 "register page"
expect_html "register page"
get /login
expect_html "sign-in page"

# Register.
before=$(users)
as_buyer alice
expect_status 303 "register"
expect_cookie mp_session '^mp_session=[0-9a-f]{64}; Path=/; Max-Age=[0-9]+; SameSite=Lax; HttpOnly' "session cookie"
check "one more user" test "$(users)" = $((before + 1))
check "password stored as yescrypt" grep -q '^[$]y[$]' <<<"$(sql "SELECT password_hash FROM users WHERE email = '$EMAIL'")"
token=$(awk '$6 == "mp_session" {print $7}' "$JAR")
check "session stored only as its SHA-256" test "$(sql "SELECT HEX(token_hash) FROM sessions WHERE user_id = $(user_id)")" = "$(printf '%s' "$token" | sha256sum | awk '{print toupper($1)}')"
check "the token is not stored in the clear" test "$(sql "SELECT COUNT(*) FROM sessions WHERE token_hash = '$token' OR HEX(token_hash) = '$token'")" = 0
xget /account -b "$JAR"
expect_status 200 "account page"
expect_xpath '/page/account/@email' "$EMAIL" "account email"
expect_xpath '/page/account/balance/@cents' 0 "new balance"
expect_xpath '/page/session/user/name' alice "signed-in name in the model"
get /account -b "$JAR"
expect_html "account page"

# Registering the same email again, or with bad fields: a clear error, no user.
email=$EMAIL
JAR="$OUT/jar-second"
rm -f "$JAR"
t=$(csrf)
before=$(users)
try_register() {
  post /register "csrf=$t&email=$1&name=$2&password=$3&password2=$4" -H 'Accept: application/xml'
}
try_register "$(tr '[:lower:]' '[:upper:]' <<<"$email")" bob "$PASSWORD" "$PASSWORD"
expect_status 422 "same email in capitals"
expect_xpath '/page/form-error/@key' register.email_taken "email taken"
expect_xpath '/page/form/field[@name="name"]' bob "form keeps what was typed"
try_register not-an-email bob "$PASSWORD" "$PASSWORD"
expect_xpath '/page/form-error/@key' register.bad_email "bad email"
try_register "b$RANDOM@example.com" '%20%20' "$PASSWORD" "$PASSWORD"
expect_xpath '/page/form-error/@key' register.bad_name "blank name"
try_register "b$RANDOM@example.com" bob "$PASSWORD" Quokka-Lantern-43
expect_xpath '/page/form-error/@key' register.password_mismatch "passwords differ"
# weak passwords, each refused with zxcvbn's reason
weak() { # PASSWORD KEY
  try_register "w$RANDOM@example.com" "wang.fang" "$1" "$1"
  expect_status 422 "weak password $1"
  expect_xpath '/page/form-error[@field="password"]/@key' "$2" "$1: $2"
}
weak short password.short
weak secret123 password.common
weak 'P%40ssw0rd!' password.common
weak 12345678 password.common
weak abcdefghij password.sequence
weak 'qwertyuiop%5B' password.keyboard
weak 19880808 password.date
try_register "wang.fang.77@example.com" "wang.fang" wang.fang1988 wang.fang1988
expect_xpath '/page/form-error[@field="password"]/@key' password.personal "the buyer's own name"
# every field's error at once, on the page in the page's language
post /register "csrf=$t&email=not-an-email&name=%20&password=secret123&password2=other" -H 'Accept: application/xml'
expect_status 422 "four bad fields"
expect_xpath 'count(/page/form-error)' 4 "four errors at once"
expect_xpath "/page/form-error[@field='email']/@key" register.bad_email "email error"
expect_xpath "/page/form-error[@field='name']/@key" register.bad_name "name error"
expect_xpath "/page/form-error[@field='password']/@key" password.common "password error"
expect_xpath "/page/form-error[@field='password2']/@key" register.password_mismatch "and the two passwords differ"
post /register "csrf=$t&email=not-an-email&name=%20&password=secret123&password2=other"
expect_body '请输入有效的邮箱地址' "the email error shows"
expect_body '请填写昵称' "the name error shows"
expect_body '这个密码太常见' "the password error says why"
post "/register?lang=en" "csrf=$t&email=not-an-email&name=%20&password=secret123&password2=other"
expect_body 'This password is too common' "in English on an English page"
post /register "email=c$RANDOM@example.com&name=c&password=$PASSWORD&password2=$PASSWORD"
expect_status 403 "register without a CSRF token"
wrong=${t%?}$([ "${t: -1}" = 0 ] && echo 1 || echo 0) # the token with its last digit changed
post /register "csrf=$wrong&email=c$RANDOM@example.com&name=c&password=$PASSWORD&password2=$PASSWORD"
expect_status 403 "register with a wrong CSRF token"
check "no user created by any of them" test "$(users)" = "$before"

# Sign out, then in: the session token rotates, the old one is dead.
JAR="$OUT/jar-alice"
old=$(awk '$6 == "mp_session" {print $7}' "$JAR")
post /logout "csrf=$(csrf)"
expect_status 303 "sign out"
check "session row gone" test "$(sql "SELECT COUNT(*) FROM sessions WHERE user_id = $(sql "SELECT id FROM users WHERE email = '$email'")")" = 0
get /account -b "$JAR"
expect_status 303 "signed out: account needs signing in"
get /account -H "Cookie: mp_session=$old"
expect_status 303 "the old cookie is worthless"
post /login "csrf=$(csrf)&email=$email&password=$PASSWORD&next=/orders"
expect_status 303 "sign in"
check "back to where they were going" test "$(location)" = /orders
new=$(awk '$6 == "mp_session" {print $7}' "$JAR")
check "new session token at sign-in" test -n "$new" -a "$new" != "$old"
post /login "csrf=$(csrf)&email=$email&password=$PASSWORD&next=//evil.example/x"
check "next cannot leave the site" test "$(location)" = /

# Wrong passwords: a clear message; after three from one address, that
# address waits longer after each (1 s, 2 s, 4 s …, capped), while the
# buyer's own address signs in at once.
JAR="$OUT/jar-mallory"
rm -f "$JAR"
t=$(csrf)
# from (address, account) pairs: mallory is 127.0.0.2, the buyer 127.0.0.1
from() { # ADDRESS PASSWORD [curl args]: a sign-in of $email from ADDRESS
  local addr=$1 pw=$2
  shift 2
  STATUS=$(curl -sS -o "$BODY" -D "$HEADERS" -w '%{http_code}' --interface "$addr" -b "$JAR" -c "$JAR" \
    --data "csrf=$t&email=$email&password=$pw" "$@" "$BASE/login")
}
from 127.0.0.2 wrong-one -H 'Accept: application/xml'
expect_status 401 "wrong password"
expect_xpath '/page/form-error/@key' login.failed "sign-in failed message"
post /login "csrf=$t&email=nobody-$RANDOM@example.com&password=whatever1" -H 'Accept: application/xml'
expect_status 401 "unknown email looks the same"
expect_xpath '/page/form-error/@key' login.failed "same message for an unknown email"
from 127.0.0.2 wrong-2
expect_status 401 "the second failure is free"
from 127.0.0.2 wrong-3
expect_status 401 "and the third"
check "three failures recorded for that address" test "$(sql "SELECT COUNT(*) FROM login_failures WHERE email = '$email' AND ip = '127.0.0.2'")" = 3
# (waits count from the last failure; rows written here stand for more
# failures, with margins no slow machine uses up)
failures() { # ADDRESS N: N more failures from ADDRESS, the last just now
  local rows i
  rows=$(for i in $(seq 1 "$2"); do printf "('%s', '%s', UTC_TIMESTAMP(6) - INTERVAL %d SECOND)," "$email" "$1" "$((i - 1))"; done)
  sql "INSERT INTO login_failures (email, ip, created_at) VALUES ${rows%,}"
}
failures 127.0.0.2 2
from 127.0.0.2 "$PASSWORD" -H 'Accept: application/xml'
expect_status 429 "after five failures, that address waits"
expect_xpath '/page/form-error/@key' login.slow_down "slow-down message"
expect_xpath '/page/retry-after/@seconds >= 1 and /page/retry-after/@seconds <= 4' true "up to four seconds after the fifth"
expect_header Retry-After '^[1-4]$' "Retry-After header"
check "no session for the waiting address" bash -c "! grep -q mp_session '$JAR'"
check "a refused try is not counted" test "$(sql "SELECT COUNT(*) FROM login_failures WHERE email = '$email' AND ip = '127.0.0.2'")" = 5
sql "UPDATE login_failures SET created_at = created_at - INTERVAL 5 SECOND WHERE email = '$email'"
from 127.0.0.2 wrong-6
expect_status 401 "after the wait, another try is checked"
from 127.0.0.2 wrong-7 -H 'Accept: application/xml'
expect_status 429 "and the next waits again"
expect_xpath '/page/retry-after/@seconds > 4 and /page/retry-after/@seconds <= 8' true "twice as long"
failures 127.0.0.2 12
from 127.0.0.2 "$PASSWORD" -H 'Accept: application/xml'
expect_xpath '/page/retry-after/@seconds > 290 and /page/retry-after/@seconds <= 300' true "the wait stops growing at five minutes"
get /login -b "$JAR"
expect_status 200 "the sign-in page itself is not limited"
from 127.0.0.2 "$PASSWORD"
expect_body '秒后再试' "the page says how long to wait"
# meanwhile the buyer, from their own address, signs in at once
JAR="$OUT/jar-alice-again"
rm -f "$JAR"
t=$(csrf)
from 127.0.0.1 "$PASSWORD"
expect_status 303 "the buyer's own address is not held up by an attack from elsewhere"
check "signed in" grep -q mp_session "$JAR"
check "the attacker's failures stay theirs" test "$(sql "SELECT COUNT(*) FROM login_failures WHERE email = '$email' AND ip = '127.0.0.2'")" -gt 3
# many addresses guessing together: each that has failed waits for a share
# of them all, while an address that has not failed still signs in at once
sql "DELETE FROM login_failures WHERE email = '$email'"
for n in $(seq 1 10); do failures "10.0.$n.1" 5; done
JAR="$OUT/jar-mallory"
t=$(csrf)
from 127.0.0.3 wrong-1
expect_status 401 "a new address's first try is checked"
from 127.0.0.3 "$PASSWORD" -H 'Accept: application/xml'
expect_status 429 "its next waits for the account's many failures"
expect_xpath '/page/retry-after/@seconds > 64' true "as long as ten failures of its own would"
JAR="$OUT/jar-alice-again"
t=$(csrf)
from 127.0.0.1 "$PASSWORD"
expect_status 303 "the buyer's clean address still signs in"
sql "DELETE FROM login_failures WHERE email = '$email'"
JAR="$OUT/jar-mallory"
t=$(csrf)
from 127.0.0.2 "$PASSWORD"
expect_status 303 "once the failures age out, signing in works from there too"

# An expired session is a guest: sent to sign in, cookie cleared.
sql "UPDATE sessions SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE user_id = $(sql "SELECT id FROM users WHERE email = '$email'")"
get /account -b "$JAR" -c "$JAR"
expect_status 303 "expired session"
expect_cookie mp_session '^mp_session=; .*Max-Age=0' "expired cookie cleared"
get / -H 'Cookie: mp_session=not-a-token'
expect_status 200 "malformed session cookie is ignored"

done_testing
