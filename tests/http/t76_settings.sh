#!/usr/bin/env bash
# What the operator's settings change, each with the pool restarted on it:
# payment_sandbox = off turns the sandbox gateway and its top-up off (their
# addresses answer 404, the pay page offers only the balance); an https
# base_url adds Strict-Transport-Security and Secure cookies; time_zone
# moves every shown time; a setting the pool cannot use stops it at start
# with a message that names the key.
. "$ROOT/tests/lib.sh"
HARD_RELOAD=1 # the app's own answers, past nginx's copy of guests' pages (t52_cache)

# restart_pool VAR=VALUE...: the pool again, with those settings; the
# stack's own settings come back when the story ends, however it ends
restart_pool() {
  pool_stop
  env "$@" bash -c ". '$ROOT/tools/stack.sh'; STATE='$STATE'; pool_start" || fail "pool restart with $*"
  RESTORE=1
}
RESTORE=0
trap '[ $RESTORE = 1 ] && { pool_stop; pool_start; }' EXIT

as_buyer ivy
topup 300
product=$(sql "SELECT id FROM products WHERE listed = 1 AND delivery_mode = 'auto' ORDER BY id LIMIT 1")
order "$product"
sandbox_link=$(sql "SELECT payment_no FROM payments WHERE user_id = $(user_id) AND method = 'sandbox' LIMIT 1")
xget /account -b "$JAR"
expect_xpath '/page/account/@topup' 1 "top-up offered while the sandbox is on"

# Sandbox off.
restart_pool MP_PAYMENT_SANDBOX=off
xget "/orders/$ORDER_NO/pay" -b "$JAR"
expect_status 200 "the pay page"
expect_xpath '/page/pay/@gateway' '' "no gateway on offer"
get "/orders/$ORDER_NO/pay" -b "$JAR"
expect_no_body 'value="sandbox"' "the pay page offers only the balance"
expect_header Content-Security-Policy "form-action 'self';" "and names no other site"
get /account -b "$JAR"
expect_no_body 'action="/account/topup"' "no top-up form"
expect_body '在线充值暂未开放' "says top-up is not available"
post /account/topup "csrf=$(csrf)&amount=10"
expect_status 404 "top-up answers 404"
post "/orders/$ORDER_NO/pay" "csrf=$(csrf)&method=sandbox" -H 'Accept: application/xml'
expect_status 409 "paying through the gateway is refused"
expect_xpath '/page/form-error/@key' pay.method_unavailable "with the reason"
for path in "/sandbox/pay?payment_no=$sandbox_link" /payments/return/sandbox; do
  get "$path" -b "$JAR"
  expect_status 404 "$path answers 404"
done
req POST /payments/notify/sandbox --data "payment_no=$sandbox_link"
expect_status 404 "the gateway's notifications answer 404"
check "nothing paid by any of it" test "$(sql "SELECT status FROM orders WHERE order_no = '$ORDER_NO'")" = unpaid
pay_balance "$ORDER_NO"
check "the balance still pays" test "$(sql "SELECT status FROM orders WHERE order_no = '$ORDER_NO'")" = paid

# https base_url: HSTS and Secure cookies (nginx here speaks plain HTTP;
# the pool only writes what it is told).
restart_pool "MP_BASE_URL=https://127.0.0.1:$PORT" "MP_SANDBOX_URL=${SANDBOX/http:/https:}"
get / -b "$JAR"
expect_header Strict-Transport-Security '^max-age=31536000$' "HSTS with an https base_url"
post /logout "csrf=$(csrf)"
expect_cookie mp_session 'Secure' "cookies marked Secure"

# Another zone: the same stored time shows in that zone.
restart_pool MP_TIME_ZONE=America/New_York
get /
check "no HSTS over http" test -z "$(header Strict-Transport-Security)"
expect_body 'UTC-0[45]:00' "the footer names the zone's offset"
post /login "csrf=$(csrf)&email=$EMAIL&password=$PASSWORD"
xget "/orders/$ORDER_NO" -b "$JAR"
created=$(sql "SELECT DATE_FORMAT(CONVERT_TZ(created_at, '+00:00', '-05:00'), '%Y-%m-%dT%H:%i:%s') FROM orders WHERE order_no = '$ORDER_NO'")
created_dst=$(sql "SELECT DATE_FORMAT(CONVERT_TZ(created_at, '+00:00', '-04:00'), '%Y-%m-%dT%H:%i:%s') FROM orders WHERE order_no = '$ORDER_NO'")
got=$(xpath '/page/order/@created')
check "times in New York time ($got)" test "$got" = "$created-05:00" -o "$got" = "$created_dst-04:00"

# A setting the pool cannot use: it does not start, and says why.
pool_stop
out=$(MP_TIME_ZONE=Mars/Olympus timeout 10 "$ROOT/bin/mp-pool" -c "$STATE/mp.conf" 2>&1)
rc=$?
check "an unknown zone stops the pool at once ($rc)" test $rc -ne 0 -a $rc -ne 124
check "with a message naming the key: $out" grep -q 'time_zone' <<<"$out"
out=$(MP_PAYMENT_SANDBOX=maybe timeout 10 "$ROOT/bin/mp-pool" -c "$STATE/mp.conf" 2>&1)
rc=$?
check "payment_sandbox must be on or off ($rc): $out" test $rc -ne 0 -a $rc -ne 124
check "says so" grep -q 'payment_sandbox: expected on or off' <<<"$out"
out=$(MP_SANDBOX_URL=http://pay.example.com timeout 10 "$ROOT/bin/mp-pool" -c "$STATE/mp.conf" 2>&1)
check "the cashier must be on the marketplace's host: $out" grep -q "sandbox_url: must be on base_url's host" <<<"$out"
pool_start
RESTORE=0
get /
expect_status 200 "the pool back as configured"
expect_body '北京时间' "in Beijing time again"

done_testing
