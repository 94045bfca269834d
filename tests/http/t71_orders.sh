#!/usr/bin/env bash
# A buyer chooses a spec and period, confirms (核对订单信息) and submits
# (提交订单): the price comes from the catalog, a double submit makes one
# order, bad choices change nothing, and my orders (我的订单) lists them;
# a service sold once (一次性) shows as such on every order page.
. "$ROOT/tests/lib.sh"

orders_of() { sql "SELECT COUNT(*) FROM orders WHERE user_id = $(user_id)"; }
product=$(sql "SELECT id FROM products WHERE listed = 1 AND delivery_mode = 'auto' ORDER BY id LIMIT 1")
read -r spec period cents <<<"$(offer "$product")"

# A guest presses Buy Now: sign in first, then straight to the confirm page.
JAR="$OUT/jar-guest"
rm -f "$JAR"
post /buy "product=$product&spec=$spec&period=$period"
expect_status 303 "guest buys"
next=$(location)
check "sent to sign in with the choice kept" grep -q "^/login?next=%2Fbuy%3Fproduct%3D$product%26spec%3D$spec%26period%3D$period$" <<<"$next"
get "$next" -b "$JAR" -c "$JAR"
expect_status 200 "sign-in page with next"
xget "$next" -b "$JAR" -c "$JAR"
expect_xpath '/page/form/@next' "/buy?product=$product&spec=$spec&period=$period" "the page carries next"
# a new buyer registers from there instead
EMAIL="carol-$RANDOM$RANDOM@example.com"
post /register "csrf=$(csrf)&email=$EMAIL&name=carol&password=$PASSWORD&password2=$PASSWORD&next=%2Fbuy%3Fproduct%3D$product%26spec%3D$spec%26period%3D$period"
check "back at the confirm page" test "$(location)" = "/buy?product=$product&spec=$spec&period=$period"

# The confirm page: product, vendor, spec, period, unit price and total.
xget "/buy?product=$product&spec=$spec&period=$period" -b "$JAR"
expect_status 200 "confirm page"
expect_xpath '/page/confirm/total/@cents' "$cents" "total from the catalog"
expect_xpath '/page/confirm/unit-price/@cents' "$cents" "unit price"
expect_xpath '/page/confirm/@months' "$period" "period"
expect_xpath 'string-length(/page/confirm/vendor) > 0' true "vendor"
expect_xpath 'string-length(/page/confirm/@idem)' 32 "idempotency token"
get "/buy?product=$product&spec=$spec&period=$period" -b "$JAR"
expect_html "confirm page"
expect_body '提交订单' "submit button"

# Submit: an unpaid order with the price snapshotted.
before=$(orders_of)
order "$product" "$spec" "$period"
expect_status 303 "submit"
check "one order" test "$(orders_of)" = $((before + 1))
check "unpaid, priced from the catalog" test "$(sql "SELECT CONCAT(status, ' ', total_cents, ' ', unit_price_cents) FROM orders WHERE order_no = '$ORDER_NO'")" = "unpaid $cents $cents"
check "order number: date and ten digits" grep -Eq "^$(date -u +%Y%m%d)[0-9]{10}$" <<<"$ORDER_NO"
check "pay-by deadline 30 minutes out" test "$(sql "SELECT TIMESTAMPDIFF(MINUTE, created_at, pay_by) FROM orders WHERE order_no = '$ORDER_NO'")" = 30
check "order.created event" test "$(sql "SELECT COUNT(*) FROM events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$ORDER_NO' AND e.type = 'order.created'")" = 1

# A price change after submitting does not change the order.
sql "UPDATE prices SET price_cents = price_cents + 500 WHERE spec_id = $spec AND period_months = $period"
check "snapshot kept" test "$(sql "SELECT total_cents FROM orders WHERE order_no = '$ORDER_NO'")" = "$cents"
sql "UPDATE prices SET price_cents = price_cents - 500 WHERE spec_id = $spec AND period_months = $period"

# Double submit: the same form twice, and ten times at once, is one order.
xget "/buy?product=$product&spec=$spec&period=$period" -b "$JAR"
idem=$(xpath '/page/confirm/@idem')
t=$(csrf)
before=$(orders_of)
post /orders "csrf=$t&product=$product&spec=$spec&period=$period&idem=$idem"
first=$(location)
post /orders "csrf=$t&product=$product&spec=$spec&period=$period&idem=$idem"
check "second click lands on the same order" test "$(location)" = "$first"
xget "/buy?product=$product&spec=$spec&period=$period" -b "$JAR"
idem=$(xpath '/page/confirm/@idem')
for i in $(seq 1 10); do
  curl -s -o /dev/null -b "$JAR" --data "csrf=$t&product=$product&spec=$spec&period=$period&idem=$idem" "$BASE/orders" &
done
wait
check "double submits made two orders in all, not twelve" test "$(orders_of)" = $((before + 2))

# The form cannot set the price; bad choices are refused and change nothing.
before=$(orders_of)
xget "/buy?product=$product&spec=$spec&period=$period" -b "$JAR"
idem=$(xpath '/page/confirm/@idem')
post /orders "csrf=$t&product=$product&spec=$spec&period=$period&idem=$idem&price=1&total_cents=1"
check "extra price fields ignored" test "$(sql "SELECT total_cents FROM orders WHERE user_id = $(user_id) ORDER BY id DESC LIMIT 1")" = "$cents"
before=$(orders_of)
other_spec=$(sql "SELECT s.id FROM specs s WHERE s.product_id <> $product AND s.active = 1 LIMIT 1")
inactive=$(sql "SELECT id FROM specs WHERE active = 0 AND product_id = (SELECT product_id FROM specs WHERE active = 0 LIMIT 1) LIMIT 1")
inactive_product=$(sql "SELECT product_id FROM specs WHERE id = $inactive")
missing_period=$(sql "SELECT p FROM (SELECT 1 p UNION SELECT 3 UNION SELECT 6 UNION SELECT 12 UNION SELECT 24 UNION SELECT 36) x WHERE p NOT IN (SELECT period_months FROM prices WHERE spec_id = $spec) LIMIT 1")
unlisted=$(sql "SELECT p.id FROM products p WHERE p.listed = 0 LIMIT 1")
unlisted_spec=$(sql "SELECT id FROM specs WHERE product_id = $unlisted LIMIT 1")
# combinations that are not sold: 409, and (for a stale form in a browser)
# the product page again with a message in the page's language
for bad in "spec=999999&period=$period" "spec=$other_spec&period=$period" "spec=$spec&period=$missing_period" \
           "spec=$spec&period=5" "spec=$spec&period=0"; do
  xget "/buy?product=$product&$bad" -b "$JAR"
  check "confirm refuses $bad ($STATUS)" test "$STATUS" = 409
  expect_xpath '/error/@code' not_offered "$bad: not_offered"
  post /orders "csrf=$t&product=$product&$bad&idem=$idem"
  check "submit refuses $bad ($STATUS)" test "$STATUS" = 409
  expect_body 'class="page-product"' "$bad: the product page again"
  expect_body '您选择的规格与周期组合不在售' "$bad: says why, in Chinese"
  expect_body 'action="/buy"' "$bad: with the buy form to choose again"
done
post "/buy?lang=en" "product=$product&spec=$spec&period=$missing_period"
expect_status 409 "a stale buy form in English"
expect_body 'That spec is not sold for that period' "the message in English"
expect_no_body '不在售' "no Chinese on the English page"
get "/?lang=zh-CN" -b "$JAR" -c "$JAR" # back to Chinese (the choice is kept in a cookie)
# malformed values are not choices at all: 400
for bad in "spec=$spec&period=-1" "spec=$spec&period=abc" "spec=$spec&period=99999999999" "spec=0&period=1"; do
  xget "/buy?product=$product&$bad" -b "$JAR"
  check "confirm refuses malformed $bad ($STATUS)" test "$STATUS" = 400
  post /orders "csrf=$t&product=$product&$bad&idem=$idem"
  check "submit refuses malformed $bad ($STATUS)" test "$STATUS" = 400
done
post /orders "csrf=$t&product=$inactive_product&spec=$inactive&period=1&idem=$idem"
expect_status 409 "inactive spec"
post /orders "csrf=$t&product=$unlisted&spec=$unlisted_spec&period=1&idem=$idem"
expect_status 410 "unlisted product"
expect_body '已下架' "clear message: no longer sold"
post /orders "csrf=$t&product=$product&spec=$spec&period=$period&idem=not-hex"
expect_status 400 "malformed idempotency token"
post /orders "product=$product&spec=$spec&period=$period&idem=$idem"
expect_status 403 "submit without CSRF"
check "none of them made an order" test "$(orders_of)" = "$before"

# My orders: newest first, status filter, pages of 20 without repeats.
for i in $(seq 1 18); do
  curl -s -o /dev/null -b "$JAR" --data "csrf=$t&product=$product&spec=$spec&period=$period&idem=$(printf '%032x' $((RANDOM * 100000 + i)))" "$BASE/orders"
done
total=$(orders_of)
xget /orders -b "$JAR"
expect_status 200 "my orders"
expect_xpath 'count(/page/orders/order)' 20 "first page of 20"
next=$(xpath '/page/orders/@next')
xmllint --xpath '/page/orders/order/@no' "$BODY" | grep -o '[0-9]\{18\}' > "$OUT/page1"
xget "/orders?after=$next" -b "$JAR"
xmllint --xpath '/page/orders/order/@no' "$BODY" | grep -o '[0-9]\{18\}' > "$OUT/page2"
check "second page has the rest" test "$(wc -l < "$OUT/page2")" = $((total - 20))
check "no order on both pages" test -z "$(comm -12 <(sort "$OUT/page1") <(sort "$OUT/page2"))"
prev=$(xpath '/page/orders/@prev')
check "the second page leads back" test -n "$prev"
xget "/orders?before=$prev" -b "$JAR"
xmllint --xpath '/page/orders/order/@no' "$BODY" | grep -o '[0-9]\{18\}' > "$OUT/page1-again"
check "previous page: the first page again, in the same order" cmp -s "$OUT/page1" "$OUT/page1-again"
expect_xpath 'boolean(/page/orders/@prev)' false "nothing in front of the first page"
expect_xpath "/page/orders/@next" "$next" "and the same next page"
get "/orders?after=$next" -b "$JAR"
expect_body 'rel="prev" href="/orders\?before=[0-9]+"' "previous-page link"
expect_body 'class="first" href="/orders"' "first-page link"
get /orders -b "$JAR"
expect_html "my orders"
expect_body '我的订单' "page title"
xget /orders?status=cancelled -b "$JAR"
expect_xpath 'count(/page/orders/order)' 0 "no cancelled orders yet"

# Order detail with its timeline; cancelling an unpaid order.
xget "/orders/$ORDER_NO" -b "$JAR"
expect_status 200 "order detail"
expect_xpath '/page/order/@status' unpaid "status"
expect_xpath '/page/order/total/@cents' "$cents" "total"
expect_xpath '/page/order/timeline/event[1]/@type' order.created "timeline"
get "/orders/$ORDER_NO" -b "$JAR"
expect_html "order detail"
expect_body '请在 [0-9-]{10} [0-9:]{8} 前完成支付' "the deadline in Beijing time, no UTC"
pay_by=$(sql "SELECT DATE_FORMAT(pay_by + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s') FROM orders WHERE order_no = '$ORDER_NO'")
expect_body "请在 $pay_by 前完成支付" "eight hours ahead of the stored UTC"
expect_no_body 'UTC）' "no UTC on the page"
# cancelling asks first, on a page of its own
expect_body "href=\"/orders/$ORDER_NO/cancel\"" "a link to cancel"
get "/orders/$ORDER_NO/cancel" -b "$JAR"
expect_status 200 "the cancel page"
expect_html "the cancel page"
expect_body '确定要取消这个订单吗' "asks"
expect_body "<form action=\"/orders/$ORDER_NO/cancel\" method=\"post\">" "with a form to confirm"
expect_body "href=\"/orders/$ORDER_NO\">暂不取消" "and a way to keep it"
check "asking changes nothing" test "$(sql "SELECT status FROM orders WHERE order_no = '$ORDER_NO'")" = unpaid
post "/orders/$ORDER_NO/cancel" "csrf=wrong"
expect_status 403 "cancel with a wrong CSRF token"
check "still unpaid" test "$(sql "SELECT status FROM orders WHERE order_no = '$ORDER_NO'")" = unpaid
post "/orders/$ORDER_NO/cancel" "csrf=$t"
expect_status 303 "cancel"
check "cancelled by the buyer" test "$(sql "SELECT CONCAT(status, ' ', cancel_reason) FROM orders WHERE order_no = '$ORDER_NO'")" = "cancelled buyer"
check "order.cancelled event" test "$(sql "SELECT COUNT(*) FROM events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$ORDER_NO' AND e.type = 'order.cancelled'")" = 1
post "/orders/$ORDER_NO/cancel" "csrf=$t"
check "cancelling twice says so" grep -q 'notice=not_cancellable' <<<"$(location)"
get "/orders/$ORDER_NO/cancel" -b "$JAR"
expect_status 303 "no cancel page for a cancelled order"
check "back to the order with the reason" test "$(location)" = "/orders/$ORDER_NO?notice=not_cancellable"
xget /orders?status=cancelled -b "$JAR"
expect_xpath 'count(/page/orders/order)' 1 "filter by status"

# The scheduler cancels orders left unpaid past their deadline.
order "$product" "$spec" "$period"
stale=$ORDER_NO
sql "UPDATE orders SET pay_by = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE order_no = '$stale'"
wait_sweep
check "stale order cancelled by the scheduler" test "$(sql "SELECT CONCAT(status, ' ', cancel_reason) FROM orders WHERE order_no = '$stale'")" = "cancelled timeout"
check "its event names the system" test "$(sql "SELECT actor FROM events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$stale' AND e.type = 'order.cancelled'")" = system

# Another buyer's order answers exactly like one that does not exist.
mine=$ORDER_NO
as_buyer dave
t=$(csrf)
for path in "/orders/$mine" "/orders/$mine/pay" "/orders/$mine/cancel"; do
  xget "$path" -b "$JAR"
  theirs=$STATUS
  code=$(xpath '/error/@code')
  xget "/orders/$(date -u +%Y%m%d)0000000000" -b "$JAR"
  check "$path: someone else's is 404 like a missing one ($theirs $STATUS)" test "$theirs" = 404 -a "$STATUS" = 404 -a "$code" = "$(xpath '/error/@code')"
done
post "/orders/$mine/pay" "csrf=$t&method=balance"
expect_status 404 "paying someone else's order"
post "/orders/$mine/cancel" "csrf=$t"
expect_status 404 "cancelling someone else's order"
check "their order untouched" test "$(sql "SELECT status FROM orders WHERE order_no = '$mine'")" = cancelled

# A service sold once (一次性): the confirm page, my orders, the order, its
# payment and cancel pages say 一次性 / One-off; a crafted form asking for
# once on a monthly product, or for months on a one-off one, is refused.
as_buyer erin
t=$(csrf)
once_product=$(sql "SELECT id FROM products WHERE name_zh = '云雀办公培训服务'")
read -r once_spec once_period once_cents <<<"$(offer "$once_product")"
check "the training service is sold once" test "$once_period" = 0
before=$(orders_of)
xget "/buy?product=$product&spec=$spec&period=0" -b "$JAR"
expect_status 409 "once on a monthly product: not offered"
expect_xpath '/error/@code' not_offered "once on a monthly product: not_offered"
post /orders "csrf=$t&product=$product&spec=$spec&period=0&idem=$(printf '%032x' 71)"
expect_status 409 "submitting once for a monthly product"
for p in 1 3 12; do
  xget "/buy?product=$once_product&spec=$once_spec&period=$p" -b "$JAR"
  expect_status 409 "$p months of a one-off service: not offered"
  expect_xpath '/error/@code' not_offered "$p months of a one-off service: not_offered"
  post /orders "csrf=$t&product=$once_product&spec=$once_spec&period=$p&idem=$(printf '%032x' $((7100 + p)))"
  expect_status 409 "submitting $p months of a one-off service"
  expect_body '您选择的规格与周期组合不在售' "$p months of a one-off service: says why"
done
check "none of the crafted forms made an order" test "$(orders_of)" = "$before"
refused() { ! sql "$1" 2>/dev/null && [ "$(sql "SELECT COUNT(*) FROM prices WHERE period_months = 0 AND spec_id = $spec")" = 0 ]; }
check "the database refuses a once price for an automatic product" \
  refused "INSERT INTO prices (spec_id, period_months, price_cents) VALUES ($spec, 0, 100)"

xget "/buy?product=$once_product&spec=$once_spec&period=0" -b "$JAR"
expect_status 200 "confirm a one-off service"
expect_xpath '/page/confirm/@months' 0 "the confirm model: once"
expect_xpath '/page/confirm/total/@cents' "$once_cents" "priced from the catalog"
get "/buy?product=$once_product&spec=$once_spec&period=0" -b "$JAR"
expect_html "one-off confirm page"
expect_body '<td data-label="周期">一次性</td>' "the confirm page: 一次性"
expect_body '<input type="hidden" name="period" value="0">' "the form submits once"
expect_body '没有到期时间，也无需续费' "what once means"
get "/buy?product=$once_product&spec=$once_spec&period=0&lang=en" -b "$JAR"
expect_body '<td data-label="Period">One-off</td>' "the confirm page: One-off"
expect_body 'no expiry and nothing to renew' "what once means (en)"
order "$once_product" "$once_spec" 0
once_order=$ORDER_NO
check "the order snapshots once" test "$(sql "SELECT CONCAT(kind, ' ', period_months, ' ', delivery_mode, ' ', total_cents) FROM orders WHERE order_no = '$once_order'")" = "new 0 manual $once_cents"
xget "/orders/$once_order" -b "$JAR"
expect_xpath '/page/order/@months' 0 "the order model: once"
for lang in zh-CN en; do
  if [ "$lang" = en ]; then dt=Period; dd=One-off; else dt=周期; dd=一次性; fi
  get "/orders/$once_order?lang=$lang" -b "$JAR"
  expect_body "<dt>$dt</dt><dd>$dd</dd>" "order page ($lang)"
  get "/orders?lang=$lang" -b "$JAR"
  expect_body "<td data-label=\"$dt\">$dd</td>" "my orders ($lang)"
  get "/orders/$once_order/pay?lang=$lang" -b "$JAR"
  expect_status 200 "pay page ($lang)"
  expect_body "<dt>$dt</dt><dd>$dd</dd>" "pay page ($lang)"
  get "/orders/$once_order/cancel?lang=$lang" -b "$JAR"
  expect_status 200 "cancel page ($lang)"
  expect_body "<dt>$dt</dt><dd>$dd</dd>" "cancel page ($lang)"
done
get "/?lang=zh-CN" -b "$JAR" -c "$JAR"
topup $(((once_cents + 99) / 100))
pay_balance "$once_order"
check "paid from the balance" test -n "$PAYMENT_NO"
for lang in zh-CN en; do
  if [ "$lang" = en ]; then dt=Period; dd=One-off; else dt=周期; dd=一次性; fi
  get "/payments/$PAYMENT_NO?lang=$lang" -b "$JAR"
  expect_status 200 "payment result ($lang)"
  expect_body "<dt>$dt</dt><dd>$dd</dd>" "payment result ($lang)"
done
get "/?lang=zh-CN" -b "$JAR" -c "$JAR"
check "paid: an instance without expiry" test "$(sql "SELECT CONCAT(o.status, ' ', i.expires_at IS NULL) FROM orders o JOIN instances i ON i.id = o.instance_id WHERE o.order_no = '$once_order'")" = "paid 1"

done_testing
