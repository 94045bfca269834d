#!/usr/bin/env bash
# The account page (账户与余额): change the nickname, change the password
# (the current one first; every other session ends), sign out everywhere;
# sessions end after two idle hours. Bad input changes nothing.
. "$ROOT/tests/lib.sh"

session_count() { sql "SELECT COUNT(*) FROM sessions WHERE user_id = $(user_id)"; }
hash_now() { sql "SELECT password_hash FROM users WHERE id = $(user_id)"; }

as_buyer henry
henry=$JAR
# the same buyer signed in on a second device
JAR="$OUT/jar-henry-phone"
rm -f "$JAR"
post /login "csrf=$(csrf)&email=$EMAIL&password=$PASSWORD"
expect_status 303 "signed in on a second device"
phone=$JAR
JAR=$henry
check "two sessions" test "$(session_count)" = 2

get /account -b "$JAR"
expect_html "account page"
expect_body 'action="/account/password"' "change-password form"
expect_body 'action="/account/profile"' "nickname form"
expect_body 'action="/account/sessions/end"' "sign-out-everywhere form"
xget /account -b "$JAR"
expect_xpath '/page/account/@sessions' 2 "the page counts the live sessions"

# Nickname.
post /account/profile "csrf=$(csrf)&name=%E4%BA%A8%E5%88%A9"
expect_status 303 "nickname saved"
check "to the account page with a notice" test "$(location)" = "/account?notice=profile_saved"
check "stored" test "$(sql "SELECT display_name FROM users WHERE id = $(user_id)")" = 亨利
xget / -b "$JAR"
expect_xpath '/page/session/user/name' 亨利 "the header shows the new nickname"
post /account/profile "csrf=$(csrf)&name=%20%20" -H 'Accept: application/xml'
expect_status 422 "a blank nickname"
expect_xpath '/page/form-error/@key' register.bad_name "says why"
post /account/profile "csrf=$(csrf)&name=$(head -c 51 /dev/zero | tr '\0' x)"
expect_status 400 "a nickname over 50 characters"
post /account/profile "name=x"
expect_status 403 "no CSRF token"
check "nickname unchanged by the refusals" test "$(sql "SELECT display_name FROM users WHERE id = $(user_id)")" = 亨利

# Password: each refusal says why and changes nothing.
before=$(hash_now)
change() { post /account/password "csrf=$(csrf)&current=$1&password=$2&password2=$3" -H 'Accept: application/xml'; }
change wrong-password Otter-Meadow-88 Otter-Meadow-88
expect_status 422 "a wrong current password"
expect_xpath "/page/form-error[@field='current']/@key" password.current_wrong "current password wrong"
change "$PASSWORD" secret123 secret123
expect_xpath "/page/form-error[@field='password']/@key" password.common "a weak new password"
change "$PASSWORD" Otter-Meadow-88 Otter-Meadow-89
expect_xpath "/page/form-error[@field='password2']/@key" register.password_mismatch "the two differ"
change "$PASSWORD" "$PASSWORD" "$PASSWORD"
expect_xpath "/page/form-error[@field='password']/@key" password.same "the same password again"
post /account/password "current=$PASSWORD&password=Otter-Meadow-88&password2=Otter-Meadow-88"
expect_status 403 "no CSRF token"
post /account/password "csrf=$(csrf)&current=wrong&password=Otter-Meadow-88&password2=Otter-Meadow-88"
expect_status 422 "the account page again"
expect_body '当前密码不正确' "the error next to its field, in Chinese"
expect_body 'id="current-error"' "placed at the current-password field"
check "no refusal changed the password" test "$(hash_now)" = "$before"
check "nor signed anyone out" test "$(session_count)" = 2
check "a wrong current password counts like a wrong sign-in (a right one clears it)" test "$(sql "SELECT COUNT(*) FROM login_failures WHERE email = '$EMAIL'")" = 1
# so guessing the current password from a stolen session is slowed down too
sql "INSERT INTO login_failures (email, ip, created_at) VALUES ('$EMAIL', '127.0.0.1', UTC_TIMESTAMP(6)), ('$EMAIL', '127.0.0.1', UTC_TIMESTAMP(6)), ('$EMAIL', '127.0.0.1', UTC_TIMESTAMP(6))"
post /account/password "csrf=$(csrf)&current=$PASSWORD&password=Otter-Meadow-88&password2=Otter-Meadow-88"
expect_status 429 "too many wrong current passwords: wait"
expect_body '秒后再试' "says how long"
check "not changed while waiting" test "$(hash_now)" = "$before"
sql "DELETE FROM login_failures WHERE email = '$EMAIL'"
token_before=$(awk '$6 == "mp_session" {print $7}' "$JAR")
post /account/password "csrf=$(csrf)&current=$PASSWORD&password=Otter-Meadow-88&password2=Otter-Meadow-88"
expect_status 303 "password changed"
check "to the account page with a notice" test "$(location)" = "/account?notice=password_changed"
after=$(hash_now)
check "stored as a new yescrypt hash" test "$after" != "$before" -a "${after:0:3}" = "\$y\$"
get "/account?notice=password_changed&lang=en" -b "$JAR"
expect_body 'every other device has been signed out' "the notice, in English"

# The change signs out every other session; this one stays.
check "the phone was signed out by the change" test "$(session_count)" = 1
check "this device got a new session token" test "$(awk '$6 == "mp_session" {print $7}' "$JAR")" != "$token_before"
get /account -b "$phone"
expect_status 303 "the phone must sign in again"
get /account -b "$JAR"
expect_status 200 "this device stays signed in"
post /logout "csrf=$(csrf)"
post /login "csrf=$(csrf)&email=$EMAIL&password=$PASSWORD"
expect_status 401 "the old password no longer works"
post /login "csrf=$(csrf)&email=$EMAIL&password=Otter-Meadow-88"
expect_status 303 "the new one does"

# Sign out everywhere: every session ends, this one too.
JAR="$OUT/jar-henry-tablet"
rm -f "$JAR"
post /login "csrf=$(csrf)&email=$EMAIL&password=Otter-Meadow-88"
JAR=$henry
check "two sessions again" test "$(session_count)" = 2
post /account/sessions/end "csrf=$(csrf)"
expect_status 303 "sign out everywhere"
check "to sign-in with a notice" test "$(location)" = "/login?notice=signed_out_everywhere"
check "no session left" test "$(session_count)" = 0
get /account -b "$OUT/jar-henry-tablet"
expect_status 303 "the tablet is signed out too"
get "/login?notice=signed_out_everywhere" -b "$JAR"
expect_body '已退出所有设备上的登录' "the notice"

# Idle sessions end after session_idle minutes (two hours by default),
# well before their 14 days are up; activity keeps one alive.
post /login "csrf=$(csrf)&email=$EMAIL&password=Otter-Meadow-88"
sql "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL 119 MINUTE WHERE user_id = $(user_id)"
get /account -b "$JAR"
expect_status 200 "used within two hours: still signed in"
check "the visit counts as activity" test "$(sql "SELECT TIMESTAMPDIFF(SECOND, last_seen_at, UTC_TIMESTAMP(6)) < 60 FROM sessions WHERE user_id = $(user_id)")" = 1
sql "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) - INTERVAL 121 MINUTE WHERE user_id = $(user_id)"
get /account -b "$JAR" -c "$JAR"
expect_status 303 "idle over two hours: signed out"
expect_cookie mp_session '^mp_session=; .*Max-Age=0' "the idle session's cookie cleared"
wait_sweep
check "the scheduler removed the idle session" test "$(session_count)" = 0

done_testing
