#!/usr/bin/env bash
# Purchased products & services (已购产品与服务): instances after payment,
# their status and app info, free login (免登), renewal (续费), expiry, and
# one-off services (一次性) that neither expire nor renew.
. "$ROOT/tests/lib.sh"

auto=$(sql "SELECT p.id FROM products p WHERE p.listed = 1 AND p.delivery_mode = 'auto' AND p.free_login = 1 ORDER BY p.id LIMIT 1")
manual=$(sql "SELECT p.id FROM products p WHERE p.listed = 1 AND p.delivery_mode = 'manual' ORDER BY p.price_from_cents, p.id LIMIT 1")
read -r spec period cents <<<"$(offer "$auto")"
ins_of() { sql "SELECT i.instance_no FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$1'"; }

as_buyer grace
topup 50000
order "$auto" "$spec" "$period"
pay_balance "$ORDER_NO"
auto_order=$ORDER_NO
ins=$(ins_of "$ORDER_NO")
order "$manual"
pay_balance "$ORDER_NO"
manual_ins=$(ins_of "$ORDER_NO")

# The list: both instances, filterable by status and by delivery mode.
xget /services -b "$JAR"
expect_status 200 "purchased products & services"
expect_xpath 'count(/page/instances/instance)' 2 "two instances"
expect_xpath "/page/instances/instance[@no='$ins']/@status" provisioning "auto delivery starts provisioning"
expect_xpath "/page/instances/instance[@no='$manual_ins']/@delivery" manual "manual delivery"
xget '/services?status=provisioning' -b "$JAR"
expect_xpath 'count(/page/instances/instance)' 1 "status filter"
xget '/services?mode=manual' -b "$JAR"
expect_xpath "/page/instances/instance/@no" "$manual_ins" "delivery-mode filter"
xget '/services?status=active&mode=auto' -b "$JAR"
expect_xpath 'count(/page/instances/instance)' 0 "both filters"
xget '/services?status=running' -b "$JAR"
expect_status 400 "unknown status filter"
xget '/services?status=&mode=&after=' -b "$JAR"
expect_status 200 "empty filters"
expect_xpath 'count(/page/instances/instance)' 2 "empty filters are no filters"
xget '/orders?status=&after=&before=' -b "$JAR"
expect_status 200 "my orders with empty filters"
expect_xpath 'count(/page/orders/order) > 0' true "my orders: empty filters are no filters"
get /services -b "$JAR"
expect_html "services page"
expect_body '已购产品与服务' "page title"

# The instance page says provisioning honestly until the vendor provisions.
xget "/services/$ins" -b "$JAR"
expect_status 200 "instance page"
expect_xpath '/page/instance/@status' provisioning "provisioning"
expect_xpath 'count(/page/instance/app-info/*)' 0 "no app info yet"
expect_xpath '/page/instance/@free-login' pending "free login not ready"
expect_xpath "/page/instance/orders/order/@no" "$auto_order" "the order that created it"
days=$(sql "SELECT DATEDIFF(expires_at, started_at) FROM instances WHERE instance_no = '$ins'")
check "expiry one period after the start ($days days)" test "$days" -ge $((period * 28)) -a "$days" -le $((period * 31))
get "/services/$ins" -b "$JAR"
expect_html "instance page"
post "/services/$ins/free-login" "csrf=$(csrf)"
expect_status 409 "free login before the vendor enabled it"
xget "/services/$ins" -b "$JAR"
expect_header Content-Security-Policy "form-action 'self';" "no other site for the forms of a page without free login"
expect_xpath '/page/instance/@renewable' 0 "not renewable while provisioning"
expect_xpath "substring(/page/instance/@started, 20)" "+08:00" "times in the model carry the zone's offset"
get "/services/$ins" -b "$JAR"
expect_no_body "href=\"/services/$ins/renew\"" "no renewal offered while provisioning"
expect_body '服务商完成开通后即可续费' "says when renewal opens"
expect_body '联系服务商' "the vendor's contact"
get "/services/$ins/renew" -b "$JAR"
expect_status 409 "the renewal page while provisioning"
expect_body '服务商完成开通后才能续费' "says why"
expect_body "href=\"/services/$ins\"" "and links back to the instance"
post "/services/$ins/renew" "csrf=$(csrf)&period=$period&idem=0123456789abcdef0123456789abcdef"
expect_status 409 "renewing while provisioning"
check "no renewal order" test "$(sql "SELECT COUNT(*) FROM orders WHERE kind = 'renew' AND user_id = $(user_id)")" = 0
get /services -b "$JAR"
expect_no_body "href=\"/services/$ins/renew\"" "no renewal link in the list while provisioning"

# A manual-delivery instance says plainly where its requirement goes.
get "/services/$manual_ins" -b "$JAR"
expect_body '需求在交付中心提交' "the delivery center explained"
expect_no_body '<dt>登录网址</dt>' "no login address for a manual service"
expect_body 'mailto:' "the vendor's contact"

# Once the vendor has provisioned it (the partner API does this; here the
# database stands in), the app info shows and free login works.
sql "UPDATE instances SET status = 'active', login_url = 'https://app.example.com/login', account = 'grace',
     free_login_url = 'https://app.example.com/sso?from=market', provisioned_at = UTC_TIMESTAMP(6) WHERE instance_no = '$ins'"
xget "/services/$ins" -b "$JAR"
expect_xpath '/page/instance/app-info/login-url' 'https://app.example.com/login' "login URL"
expect_xpath '/page/instance/app-info/account' grace "account"
expect_xpath '/page/instance/@free-login' yes "free login offered"
expect_header Content-Security-Policy "form-action 'self' https://app.example.com;" "the page's forms may lead to the vendor's site, and only there"
expect_header Content-Security-Policy "frame-ancestors 'none'" "the rest of the policy stays"
check "one policy only" test "$(grep -ci '^content-security-policy:' "$HEADERS")" = 1
get /services -b "$JAR"
expect_header Content-Security-Policy "form-action 'self';" "other pages name no other site"
# a free-login address no policy could name is not offered
sql "UPDATE instances SET free_login_url = 'https://user@app.example.com/sso' WHERE instance_no = '$ins'"
xget "/services/$ins" -b "$JAR"
expect_xpath '/page/instance/@free-login' pending "an unusable free-login address is not offered"
expect_header Content-Security-Policy "form-action 'self';" "and not named"
post "/services/$ins/free-login" "csrf=$(csrf)"
expect_status 409 "nor followed"
# the token goes into the query, before any #fragment
sql "UPDATE instances SET free_login_url = 'https://app.example.com/sso#/welcome' WHERE instance_no = '$ins'"
post "/services/$ins/free-login" "csrf=$(csrf)"
check "token before the fragment" grep -Eq '^https://app\.example\.com/sso\?token=[0-9a-f]{64}#/welcome$' <<<"$(header Location)"
sql "UPDATE instances SET free_login_url = 'https://app.example.com/sso?from=market' WHERE instance_no = '$ins'"
post "/services/$ins/free-login" "csrf=wrong"
expect_status 403 "free login needs the CSRF token"
post "/services/$ins/free-login" "csrf=$(csrf)"
expect_status 303 "free login"
to=$(header Location)
check "redirect to the vendor's free-login URL with a token" grep -Eq '^https://app\.example\.com/sso\?from=market&token=[0-9a-f]{64}$' <<<"$to"
token=${to##*token=}
check "token stored hashed, expiring in minutes" test "$(sql "SELECT TIMESTAMPDIFF(MINUTE, created_at, expires_at) FROM free_login_tokens WHERE token_hash = UNHEX(SHA2('$token', 256))")" = 5
vendor_of_ins="(SELECT vendor_id FROM instances WHERE instance_no = '$ins')"
check "an open id for this buyer and vendor" test "$(sql "SELECT LENGTH(open_id) FROM vendor_buyers WHERE user_id = $(user_id) AND vendor_id = $vendor_of_ins")" = 32
post "/services/$ins/free-login" "csrf=$(csrf)"
check "each click a new token" test "${to##*token=}" != "$(header Location | sed 's/.*token=//')"
check "the open id stays the same" test "$(sql "SELECT COUNT(*) FROM vendor_buyers WHERE user_id = $(user_id) AND vendor_id = $vendor_of_ins")" = 1

# Renew (续费) an active instance: expiry moves out by the period.
xget "/services/$ins/renew" -b "$JAR"
expect_status 200 "renew page"
expect_xpath "count(/page/instance/renew/price[@months='$period'])" 1 "the period is offered"
idem=$(xpath '/page/instance/renew/@idem')
get "/services/$ins/renew" -b "$JAR"
expect_html "renew page"
old=$(sql "SELECT expires_at FROM instances WHERE instance_no = '$ins'")
post "/services/$ins/renew" "csrf=$(csrf)&period=$period&idem=$idem"
expect_status 303 "renewal order"
renew_no=$(location | sed -nE 's|^/orders/([0-9]+)/pay$|\1|p')
check "a renew order for this instance" test "$(sql "SELECT CONCAT(kind, ' ', total_cents) FROM orders WHERE order_no = '$renew_no'")" = "renew $cents"
pay_balance "$renew_no"
check "expiry extended from the current expiry" test "$(sql "SELECT expires_at = '$old' + INTERVAL $period MONTH FROM instances WHERE instance_no = '$ins'")" = 1
check "instance.renewed event" test "$(sql "SELECT COUNT(*) FROM events e JOIN instances i ON i.id = e.instance_id WHERE i.instance_no = '$ins' AND e.type = 'instance.renewed'")" = 1
post "/services/$ins/renew" "csrf=$(csrf)&period=5&idem=$idem"
expect_status 409 "renewal for a period not offered"
expect_body 'class="page-renew"' "the renewal page again"
expect_body '该周期不提供续费' "with the reason"

# The scheduler expires it; free login stops; renewing brings it back,
# counting from now.
sql "UPDATE instances SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 DAY WHERE instance_no = '$ins'"
wait_sweep
check "expired by the scheduler" test "$(sql "SELECT status FROM instances WHERE instance_no = '$ins'")" = expired
check "instance.expired event" test "$(sql "SELECT COUNT(*) FROM events e JOIN instances i ON i.id = e.instance_id WHERE i.instance_no = '$ins' AND e.type = 'instance.expired'")" = 1
post "/services/$ins/free-login" "csrf=$(csrf)"
expect_status 409 "no free login while expired"
xget "/services/$ins/renew" -b "$JAR"
post "/services/$ins/renew" "csrf=$(csrf)&period=$period&idem=$(xpath '/page/instance/renew/@idem')"
pay_balance "$(location | sed -nE 's|^/orders/([0-9]+)/pay$|\1|p')"
check "active again" test "$(sql "SELECT status FROM instances WHERE instance_no = '$ins'")" = active
check "new expiry counts from now" test "$(sql "SELECT ABS(TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(6) + INTERVAL $period MONTH, expires_at)) <= 2 FROM instances WHERE instance_no = '$ins'")" = 1

# A one-off service (一次性): bought once with the balance, its instance has
# no expiry, offers no renewal, refuses one, and the sweep leaves it be.
read -r once_product once_spec once_cents <<<"$(sql "SELECT s.product_id, s.id, pr.price_cents FROM prices pr
  JOIN specs s ON s.id = pr.spec_id JOIN products p ON p.id = s.product_id
  WHERE pr.period_months = 0 AND s.active = 1 AND p.listed = 1 ORDER BY pr.price_cents, s.id LIMIT 1" | tr '\t' ' ')"
check "the demo sells a service once" test -n "$once_product"
as_buyer ivan
topup 5000
order "$once_product" "$once_spec" 0
once_order=$ORDER_NO
check "a new order for once" test "$(sql "SELECT CONCAT(kind, ' ', period_months, ' ', total_cents) FROM orders WHERE order_no = '$once_order'")" = "new 0 $once_cents"
pay_balance "$once_order"
check "paid from the balance" test -n "$PAYMENT_NO"
check "the balance paid for it" test "$(balance)" = $((500000 - once_cents))
once_ins=$(ins_of "$once_order")
check "an instance for the one-off order" test -n "$once_ins"
check "no expiry in the database" test "$(sql "SELECT CONCAT(delivery_mode, ' ', expires_at IS NULL) FROM instances WHERE instance_no = '$once_ins'")" = "manual 1"
xget "/services/$once_ins" -b "$JAR"
expect_status 200 "the one-off instance"
expect_xpath '/page/instance/@period' once "says it was bought once"
expect_xpath 'count(/page/instance/@expires)' 0 "no expiry in the model"
expect_xpath '/page/instance/@renewable' 0 "not renewable"
expect_xpath "/page/instance/orders/order[@no='$once_order']/@months" 0 "its order: once"
get "/services/$once_ins" -b "$JAR"
expect_html "one-off instance page"
expect_no_body '<dt>到期时间</dt>' "no expiry row"
expect_body '一次性服务，无到期时间' "says it does not expire"
expect_no_body "href=\"/services/$once_ins/renew\"" "no renewal link"
expect_body '<td data-label="周期">一次性</td>' "its order's period: one-off"
get "/services/$once_ins?lang=en" -b "$JAR"
expect_no_body '<dt>Expires</dt>' "no expiry row (en)"
expect_body 'One-off service, no expiry' "says it does not expire (en)"
get /services -b "$JAR"
expect_no_body "href=\"/services/$once_ins/renew\"" "no renewal link in the list"
expect_body '<span class="muted" title="一次性服务，无到期时间">一次性</span>' "the list's expiry column: one-off"
xget /services -b "$JAR"
expect_xpath "/page/instances/instance[@no='$once_ins']/@period" once "the list's model says once"
get "/services/$once_ins/renew" -b "$JAR"
expect_status 409 "the renewal page of a one-off service"
expect_body '一次性服务没有到期时间' "says why"
expect_body "href=\"/services/$once_ins\"" "and links back to the instance"
get "/services/$once_ins/renew?lang=en" -b "$JAR"
expect_body 'A one-off service has no expiry' "says why (en)"
monthly=$(sql "SELECT MIN(period_months) FROM prices WHERE period_months > 0")
for p in "$monthly" 1 12; do
  post "/services/$once_ins/renew" "csrf=$(csrf)&period=$p&idem=0123456789abcdef0123456789abcdef"
  expect_status 409 "renewing a one-off service for $p months"
done
post "/services/$once_ins/renew" "csrf=$(csrf)&period=0&idem=0123456789abcdef0123456789abcdef"
expect_status 400 "renewing for once is no period at all"
check "no renewal order" test "$(sql "SELECT COUNT(*) FROM orders WHERE kind = 'renew' AND user_id = $(user_id)")" = 0
check "nothing changed: still no expiry, still active" test "$(sql "SELECT CONCAT(status, ' ', expires_at IS NULL) FROM instances WHERE instance_no = '$once_ins'")" = "active 1"
check "nothing charged" test "$(balance)" = $((500000 - once_cents))
wait_sweep
check "the sweep does not expire it" test "$(sql "SELECT CONCAT(status, ' ', expires_at IS NULL) FROM instances WHERE instance_no = '$once_ins'")" = "active 1"
check "no instance.expired event" test "$(sql "SELECT COUNT(*) FROM events e JOIN instances i ON i.id = e.instance_id WHERE i.instance_no = '$once_ins' AND e.type = 'instance.expired'")" = 0
refused() { ! sql "$1"; } # the database says no to STATEMENT
check "the database refuses an expiry-less automatic instance" \
  refused "UPDATE instances SET expires_at = NULL WHERE instance_no = '$ins'"
check "and a renewal order for once" \
  refused "UPDATE orders SET kind = 'renew' WHERE order_no = '$once_order'"
check "ledger sums to the balance (one-off)" ledger_consistent

# Another buyer's instance is 404, like one that does not exist.
as_buyer heidi
for path in "/services/$ins" "/services/$ins/renew"; do
  get "$path" -b "$JAR"
  expect_status 404 "$path of someone else"
done
get /services/ins-zzzzzzzzzz -b "$JAR"
expect_status 404 "no such instance"
post "/services/$ins/free-login" "csrf=$(csrf)"
expect_status 404 "free login into someone else's instance"
post "/services/$ins/renew" "csrf=$(csrf)&period=$period&idem=$idem"
expect_status 404 "renewing someone else's instance"
check "ledger sums to the balance for everyone" ledger_consistent

done_testing
