#!/usr/bin/env bash
# A buyer registers, signs out and in again; sessions are random, hashed,
# HttpOnly and rotated; bad input and missing CSRF tokens change nothing.
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
check "password stored as yescrypt" grep -q '^\$y\$' <<<"$(sql "SELECT password_hash FROM users WHERE email = '$EMAIL'")"
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
try_register "$(tr a-z A-Z <<<"$email")" bob secret123 secret123
expect_status 422 "same email in capitals"
expect_xpath '/page/form-error/@key' register.email_taken "email taken"
expect_xpath '/page/form/field[@name="name"]' bob "form keeps what was typed"
try_register not-an-email bob secret123 secret123
expect_xpath '/page/form-error/@key' register.bad_email "bad email"
try_register "b$RANDOM@example.com" '%20%20' secret123 secret123
expect_xpath '/page/form-error/@key' register.bad_name "blank name"
try_register "b$RANDOM@example.com" bob short short
expect_xpath '/page/form-error/@key' register.short_password "short password"
try_register "b$RANDOM@example.com" bob secret123 secret124
expect_xpath '/page/form-error/@key' register.password_mismatch "passwords differ"
post /register "email=c$RANDOM@example.com&name=c&password=secret123&password2=secret123"
expect_status 403 "register without a CSRF token"
wrong=${t%?}$([ "${t: -1}" = 0 ] && echo 1 || echo 0) # the token with its last digit changed
post /register "csrf=$wrong&email=c$RANDOM@example.com&name=c&password=secret123&password2=secret123"
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
post /login "csrf=$(csrf)&email=$email&password=secret123&next=/orders"
expect_status 303 "sign in"
check "back to where they were going" test "$(location)" = /orders
new=$(awk '$6 == "mp_session" {print $7}' "$JAR")
check "new session token at sign-in" test -n "$new" -a "$new" != "$old"
post /login "csrf=$(csrf)&email=$email&password=secret123&next=//evil.example/x"
check "next cannot leave the site" test "$(location)" = /

# Wrong passwords: a clear message; after five, even the right one waits.
JAR="$OUT/jar-mallory"
rm -f "$JAR"
t=$(csrf)
post /login "csrf=$t&email=$email&password=wrong-one" -H 'Accept: application/xml'
expect_status 401 "wrong password"
expect_xpath '/page/form-error/@key' login.failed "sign-in failed message"
post /login "csrf=$t&email=nobody-$RANDOM@example.com&password=whatever1" -H 'Accept: application/xml'
expect_status 401 "unknown email looks the same"
expect_xpath '/page/form-error/@key' login.failed "same message for an unknown email"
for i in 1 2 3 4; do post /login "csrf=$t&email=$email&password=wrong-$i"; done
post /login "csrf=$t&email=$email&password=secret123" -H 'Accept: application/xml'
expect_status 429 "locked after five failures"
expect_xpath '/page/form-error/@key' login.too_many "too-many message"
expect_xpath '/page/retry-after/@minutes > 0' true "says how long to wait"
check "no session for the locked account" bash -c "! grep -q mp_session '$JAR'"
get /login -b "$JAR"
expect_status 200 "the sign-in page itself is not limited"
sql "DELETE FROM login_failures WHERE email = '$email'"
post /login "csrf=$t&email=$email&password=secret123"
expect_status 303 "after the wait, signing in works"

# An expired session is a guest: sent to sign in, cookie cleared.
sql "UPDATE sessions SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE user_id = $(sql "SELECT id FROM users WHERE email = '$email'")"
get /account -b "$JAR" -c "$JAR"
expect_status 303 "expired session"
expect_cookie mp_session '^mp_session=; .*Max-Age=0' "expired cookie cleared"
get / -H 'Cookie: mp_session=not-a-token'
expect_status 200 "malformed session cookie is ignored"

done_testing
