#!/usr/bin/env bash
# The admin console's guard, its own sessions and tokens, the dashboard and
# the audit log. Only nginx's /admin/ location (a password, a loopback
# allow list) reaches admin pages: straight to the pool's socket, through
# the public location with look-alike headers, or with the admin parameter
# empty, every admin page answers 403. Audit rows are never changed.
. "$ROOT/tests/lib.sh"

SOCK="$STATE/run/pool.sock"
VOUCH=$(sed -n 's/^ADMIN_VOUCH=//p' "$STATE/secrets.env")
# fcgi PARAM=VALUE...: one request straight to the pool's socket; the
# response (CGI headers and body) goes to BODY, its status to STATUS.
fcgi() {
  node "$ROOT/tests/http/fcgi_request.mjs" "$SOCK" REQUEST_METHOD=GET QUERY_STRING= REMOTE_ADDR=127.0.0.1 \
    "$@" > "$BODY" 2>"$OUT/fcgi.err"
  STATUS=$(sed -nE '1s/^Status: ([0-9]{3}).*/\1/p' "$BODY" | tr -d '\r')
  [ -n "$STATUS" ] || STATUS=000
}
at() { echo "DOCUMENT_URI=$1" "REQUEST_URI=$1"; }

# ---- the guard ----
get /admin/
expect_status 401 "the console without a password"
get /admin/audit -u "$ADMIN_USER:not-the-password"
expect_status 401 "the console with a wrong password"
aget /admin/
expect_status 200 "the dashboard with the password"
expect_html "dashboard"
expect_body 'class="admin-header"' "the console's own header"
expect_body 'href="/admin/audit"' "the console's navigation"
expect_no_body 'action="/search"' "no buyer search box on the console"
expect_header Cache-Control 'no-store' "admin pages are never stored"
check "a check of the vouch itself: a vouch is configured" test ${#VOUCH} -ge 32

# the same request the admin location sends, straight to the socket
# shellcheck disable=SC2046 # at prints two parameters, one word each
fcgi $(at /admin/) MP_ADMIN_USER=admin MP_ADMIN_VOUCH="$VOUCH"
expect_status 200 "the socket with the admin location's parameters"
# shellcheck disable=SC2046 # at prints two parameters, one word each
fcgi $(at /admin/) MP_ADMIN_USER=admin
expect_status 403 "straight to the socket with an admin name and no vouch"
expect_body 'admin' "the refusal says where admin pages are"
# shellcheck disable=SC2046 # at prints two parameters, one word each
fcgi $(at /admin/) MP_ADMIN_USER=admin MP_ADMIN_VOUCH="${VOUCH%?}x"
expect_status 403 "straight to the socket with a wrong vouch"
# shellcheck disable=SC2046 # at prints two parameters, one word each
fcgi $(at /admin/) MP_ADMIN_USER=admin MP_ADMIN_VOUCH="${VOUCH}0"
expect_status 403 "straight to the socket with a longer vouch"
# shellcheck disable=SC2046 # at prints two parameters, one word each
fcgi $(at /admin/) MP_ADMIN_USER= MP_ADMIN_VOUCH="$VOUCH"
expect_status 403 "the vouch with the admin name empty"
# shellcheck disable=SC2046 # at prints two parameters, one word each
fcgi $(at /admin/) MP_ADMIN_USER="$(printf 'a%.0s' {1..65})" MP_ADMIN_VOUCH="$VOUCH"
expect_status 403 "an admin name longer than 64 characters"
# what the public location sends: the parameters cleared, look-alike headers
# shellcheck disable=SC2046 # at prints two parameters, one word each
fcgi $(at /admin/audit) MP_ADMIN_USER= MP_ADMIN_VOUCH= HTTP_MP_ADMIN_USER=admin HTTP_MP_ADMIN_VOUCH="$VOUCH"
expect_status 403 "look-alike headers through the public location's parameters"
# shellcheck disable=SC2046 # at prints two parameters, one word each
fcgi $(at /admin/audit) MP_ADMIN_VOUCH="$VOUCH"
expect_status 403 "the vouch without a name"

# through nginx: every spelling of the path lands on the guarded location
get /%61dmin/
expect_status 401 "an encoded path is still guarded"
get //admin/audit
expect_status 401 "a doubled slash is still guarded"
get /admin -H 'MP-Admin-User: admin' -H "MP-Admin-Vouch: $VOUCH"
expect_status 301 "/admin leads to the guarded /admin/, whatever the headers"
expect_header Location '/admin/$' "to the guarded location"
get /admins -H 'MP-Admin-User: admin' -H "MP-Admin-Vouch: $VOUCH"
expect_status 404 "no admin page outside /admin/"
get /admin/../admin/ --path-as-is
expect_status 401 "a dot-segment path is still guarded"
# the authenticated name wins over any header
axget /admin/ -H 'MP-Admin-User: mallory' -H 'X-MP-Admin-User: mallory'
expect_xpath '/page/session/@admin' admin "the admin named by nginx, not by a header"

# ---- admins are not buyers ----
as_buyer ada
buyer_jar=$JAR
cp "$buyer_jar" "$OUT/jar-both"
req GET /admin/ -u "$ADMIN_USER:$ADMIN_PASSWORD" -H 'Accept: application/xml' -b "$OUT/jar-both" -c "$OUT/jar-both"
expect_xpath 'count(/page/session/user)' 0 "an admin page loads no buyer session"
expect_cookie mp_admin '^mp_admin=[0-9a-f]{64}; Path=/admin/; HttpOnly; SameSite=Strict' "the admin's token cookie"
admin_token=$(admin_csrf)
check "the admin's token is 64 hex digits" grep -Eqx '[0-9a-f]{64}' <<<"$admin_token"
buyer_token=$(csrf "$buyer_jar")
check "buyer and admin tokens differ" test "$admin_token" != "$buyer_token"

# ---- the audit log ----
sql "INSERT INTO audit_log (admin_user, ip, action, target_type, target_ref, before_text, after_text, reason, created_at)
     VALUES ('zoe', '127.0.0.1', 'test.kept', 'test', 't90', 'status: a', 'status: b', 'kept as written', UTC_TIMESTAMP(6))"
kept=$(sql "SELECT id FROM audit_log WHERE action = 'test.kept' ORDER BY id DESC LIMIT 1")
check "an audit row cannot be changed" bash -c "! mariadb --no-defaults -S '$STATE/run/mysqld.sock' -u root mp -e \"UPDATE audit_log SET reason = 'x' WHERE id = $kept\" 2>/dev/null"
check "an audit row cannot be removed" bash -c "! mariadb --no-defaults -S '$STATE/run/mysqld.sock' -u root mp -e 'DELETE FROM audit_log WHERE id = $kept' 2>/dev/null"
check "the row is as written" test "$(sql "SELECT CONCAT(reason, '|', after_text) FROM audit_log WHERE id = $kept")" = "kept as written|status: b"
check "the pool's database user cannot change audit rows either" bash -c "! mariadb --no-defaults -S '$STATE/run/mysqld.sock' -u mp -p$(sed -n 's/^DB_PASSWORD=//p' "$STATE/secrets.env") mp -e \"UPDATE audit_log SET reason = 'x' WHERE id = $kept\" 2>/dev/null"

db_pool_user() { mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u mp -p"$(sed -n 's/^DB_PASSWORD=//p' "$STATE/secrets.env")" mp -e "$1"; }
pool_user_refused() { ! db_pool_user "$1" 2>/dev/null; }
check "the pool's database user cannot drop the audit log's triggers" pool_user_refused 'DROP TRIGGER audit_log_bu'
check "nor alter the audit log" pool_user_refused 'ALTER TABLE audit_log ENGINE=InnoDB'
check "the pool's database user still reads and writes rows" db_pool_user "SELECT COUNT(*) FROM audit_log"
check "the triggers are there" test "$(sql "SELECT COUNT(*) FROM information_schema.triggers WHERE event_object_table = 'audit_log'")" = 2

# an address under /admin/ that does not exist: a 404 in the console's layout
aget /admin/no-such-page
expect_status 404 "an unknown admin address"
expect_body 'class="admin-header"' "its 404 in the console's layout"
expect_no_body 'action="/search"' "no buyer search box on it"

# 120 rows by two admins, for filters and pages (names of this run's own)
run=$RANDOM$RANDOM
sql "INSERT INTO audit_log (admin_user, ip, action, target_type, target_ref, before_text, after_text, created_at)
     SELECT IF(seq % 2, 'paging-a$run', 'paging-b$run'), '127.0.0.1', IF(seq % 3, 'test.page', 'other$run.page'), 'test',
            CONCAT('p$run-', seq), '', CONCAT('n: ', seq), UTC_TIMESTAMP(6) FROM seq_1_to_120"
aget "/admin/audit?admin=paging-a$run"
expect_status 200 "the audit log filtered by admin"
expect_html "audit log"
expect_body "name=\"admin\" maxlength=\"64\" value=\"paging-a$run\"" "the filter is kept in its form"
axget "/admin/audit?admin=paging-a$run"
expect_xpath 'count(/page/audit/entry)' 50 "a page of 50 rows"
expect_xpath "count(/page/audit/entry[@admin != 'paging-a$run'])" 0 "only that admin's rows"
next=$(xpath '/page/audit/@next')
href=$(xpath '/page/audit/@href')
check "the pager's address keeps the filter" test "$href" = "/admin/audit?admin=paging-a$run&"
seen=$(xmllint --xpath '/page/audit/entry/@ref' "$BODY" | tr ' ' '\n' | grep -c ref=)
axget "${href}after=$next"
expect_xpath 'count(/page/audit/entry)' 10 "the second page holds the other 10"
expect_xpath "count(/page/audit/entry[@admin != 'paging-a$run'])" 0 "the second page is filtered too"
expect_xpath_true "/page/audit/@prev" "the second page leads back"
check "60 rows over two pages" test "$((seen + 10))" = 60
axget "/admin/audit?action=other$run."
expect_xpath "count(/page/audit/entry[not(starts-with(@action, 'other$run.'))])" 0 "an action prefix ending in a dot"
expect_xpath 'count(/page/audit/entry)' 40 "every other.* row"
# action names with underscores (vendor.key_issue): exact, and in a prefix taken literally
sql "INSERT INTO audit_log (admin_user, ip, action, target_type, target_ref, before_text, after_text, created_at)
     VALUES ('zoe', '127.0.0.1', 'u$run.key_issue', 'test', 'u1', '', '', UTC_TIMESTAMP(6)),
            ('zoe', '127.0.0.1', 'u$run.key_issue', 'test', 'u2', '', '', UTC_TIMESTAMP(6)),
            ('zoe', '127.0.0.1', 'u$run.keyXissue', 'test', 'u3', '', '', UTC_TIMESTAMP(6)),
            ('zoe', '127.0.0.1', 'v_$run.a', 'test', 'v1', '', '', UTC_TIMESTAMP(6)),
            ('zoe', '127.0.0.1', 'vX$run.a', 'test', 'v2', '', '', UTC_TIMESTAMP(6))"
axget "/admin/audit?action=u$run.key_issue"
expect_status 200 "an action with an underscore"
expect_xpath 'count(/page/audit/entry)' 2 "its rows"
expect_xpath "count(/page/audit/entry[@action != 'u$run.key_issue'])" 0 "and no other action's"
axget "/admin/audit?action=v_$run."
expect_status 200 "a prefix with an underscore"
expect_xpath 'count(/page/audit/entry)' 1 "the underscore is taken literally"
expect_xpath '/page/audit/entry/@ref' v1 "the row with that prefix"
axget "/admin/audit?target=test&ref=p$run-7"
expect_xpath 'count(/page/audit/entry)' 1 "a target and its reference"
expect_xpath '/page/audit/entry/after' 'n: 7' "the after values in the model"
today=$(TZ=Asia/Shanghai date +%F)
axget "/admin/audit?admin=paging-b$run&from=$today&to=$today"
expect_xpath 'count(/page/audit/entry)' 50 "today's rows by date"
axget "/admin/audit?admin=paging-b$run&to=2001-01-01"
expect_xpath 'count(/page/audit/entry)' 0 "nothing before the year 2001"
# bad filters: a clear 400, nothing shown
for bad in 'from=2026-13-01' 'from=yesterday' 'to=2026-1-1' 'action=a%25' 'after=abc' "admin=$(printf 'x%.0s' {1..65})"; do
  aget "/admin/audit?$bad"
  expect_status 400 "a bad audit filter ($bad)"
done

# ---- the dashboard counts ----
count_today() { axget /admin/; xpath "/page/dashboard/metric[@name='$1']/today/@n"; }
buyers_before=$(count_today buyers)
orders_before=$(count_today orders)
as_buyer bea
order "$(sql "SELECT id FROM products WHERE listed = 1 AND delivery_mode = 'auto' ORDER BY id LIMIT 1")"
check "a new buyer counts today" test "$(count_today buyers)" = "$((buyers_before + 1))"
check "a new order counts today" test "$(count_today orders)" = "$((orders_before + 1))"
paid_before=$(count_today paid)
topup 500
pay_balance "$ORDER_NO"
check "a paid order counts today" test "$(count_today paid)" = "$((paid_before + 1))"
# an instance stuck in provisioning for two days shows
sql "UPDATE instances SET status = 'provisioning', created_at = UTC_TIMESTAMP(6) - INTERVAL 2 DAY
     WHERE order_id = (SELECT id FROM orders WHERE order_no = '$ORDER_NO')"
ins=$(sql "SELECT instance_no FROM instances WHERE order_id = (SELECT id FROM orders WHERE order_no = '$ORDER_NO')")
axget /admin/
expect_xpath "count(/page/dashboard/slow-instances/instance[@no='$ins'])" 1 "an instance provisioning for two days"
aget /admin/
expect_body "$ins" "the dashboard names it"

done_testing
