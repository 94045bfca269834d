#!/usr/bin/env bash
# The buyer's own refund (申请退款): within refund_window_days of payment,
# while nothing has been refunded, and for a service delivered by people
# only until the vendor confirms the requirement. The whole amount goes
# back to the balance, the service ends at once and the vendor hears of
# it; outside those rules the order page says how to ask instead, and a
# refund asked for anyway is refused with nothing changed.
. "$ROOT/tests/lib.sh"

# the cheapest of skylark-soft's automatic products and of cirrus-sites'
# products delivered by people
auto=$(sql "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN specs s ON s.product_id = p.id JOIN prices pr ON pr.spec_id = s.id WHERE v.slug = 'skylark-soft' AND p.delivery_mode = 'auto' AND p.listed = 1 AND s.active = 1 GROUP BY p.id ORDER BY MIN(pr.price_cents), p.id LIMIT 1")
manual=$(sql "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN specs s ON s.product_id = p.id JOIN prices pr ON pr.spec_id = s.id WHERE v.slug = 'cirrus-sites' AND p.delivery_mode = 'manual' AND p.listed = 1 AND s.active = 1 GROUP BY p.id ORDER BY MIN(pr.price_cents), p.id LIMIT 1")
auto_vendor_id=$(sql "SELECT vendor_id FROM products WHERE id = $auto")
manual_vendor_id=$(sql "SELECT vendor_id FROM products WHERE id = $manual")
for v in "$auto_vendor_id" "$manual_vendor_id"; do
  sql "UPDATE partner_keys SET status = 'revoked', revoked_at = UTC_TIMESTAMP(6) WHERE vendor_id = $v AND status = 'active'"
done
partner_key skylark-soft
akey=$KEY_ID
asecret=$SECRET
partner_key cirrus-sites
mkey=$KEY_ID
msecret=$SECRET
last_seq() { sql "SELECT COALESCE(MAX(last_seq), 0) FROM vendor_event_seq WHERE vendor_id = $1"; }

# what a refund would change: the balance, the ledger, refunds, the
# order, its instance and delivery
snapshot() {
  sql "SELECT CONCAT_WS(' ', u.balance_cents, (SELECT COUNT(*) FROM ledger WHERE user_id = u.id),
         (SELECT COUNT(*) FROM refunds WHERE user_id = u.id), o.status, o.refunded_cents, i.status,
         i.expires_at, COALESCE(d.status, '-'))
       FROM orders o JOIN users u ON u.id = o.user_id LEFT JOIN instances i ON i.id = o.instance_id
       LEFT JOIN deliveries d ON d.instance_id = i.id WHERE o.order_no = '$1'"
}
unchanged() { test "$(snapshot "$1")" = "$2"; }
# bpost PATH DATA: the buyer's form with a fresh CSRF token
bpost() { post "$1" "csrf=$(csrf)&$2" "${@:3}"; }
refund_idem() { xget "/orders/$1/refund" -b "$JAR"; xpath /page/refund/@idem; }
instance_of() { sql "SELECT i.instance_no FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$1'"; }

as_buyer bea
topup 5000
read -r spec period cents <<<"$(offer "$auto")"

# ---- inside the window: refunded in full, the service ends ----
order "$auto" "$spec" "$period"
pay_balance "$ORDER_NO"
no=$ORDER_NO
ins=$(instance_of "$no")
xget "/orders/$no" -b "$JAR"
expect_xpath '/page/order/refund-offer/@allowed' 1 "a paid order may be refunded"
expect_xpath '/page/order/refund-offer/@window-days' 5 "within the configured 5 days"
expect_xpath_true "starts-with(/page/order/refund-offer/@until, '$(TZ=Asia/Shanghai date -d '+5 days' +%F)')" "until 5 days after payment"
get "/orders/$no" -b "$JAR"
expect_html "the order page"
expect_body '申请退款' "offers 申请退款"
expect_body "href=\"/orders/$no/refund\"" "leading to the refund page"
get "/orders/$no?lang=en" -b "$JAR"
expect_body 'Request a refund' "in English too"
get "/orders/$no/refund?lang=zh-CN" -b "$JAR"
expect_status 200 "the refund page"
expect_html "the refund page"
expect_body '退回您的账户余额' "says the money goes back to the balance"
expect_body '服务立即终止' "and that the service ends at once"
expect_body 'name="reason"' "asks for a reason"
xget "/orders/$no/refund" -b "$JAR"
expect_xpath 'string-length(/page/refund/@idem)' 32 "the form carries its token"
expect_xpath '/page/refund/amount/@cents' "$cents" "all of it comes back"
idem=$(xpath /page/refund/@idem)

# refused before anything happens: no token, no reason, someone else's
snap=$(snapshot "$no")
post "/orders/$no/refund" "reason=changed+my+mind&idem=$idem"
expect_status 403 "without the CSRF token"
check "nothing changed" unchanged "$no" "$snap"
bpost "/orders/$no/refund" "reason=+++&idem=$idem"
expect_status 422 "a blank reason"
expect_body '请填写退款原因' "asks for one"
expect_body "value=\"$idem\"" "the same form again"
check "nothing changed" unchanged "$no" "$snap"
bpost "/orders/$no/refund" "idem=$idem"
expect_status 400 "no reason at all"
bpost "/orders/$no/refund" "reason=x&idem=short"
expect_status 400 "a bad form token"
bpost "/orders/$no/refund" "reason=$(printf 'z%.0s' $(seq 501))&idem=$idem"
expect_status 400 "a reason over 500 characters"
check "nothing changed" unchanged "$no" "$snap"
buyer_jar=$JAR
buyer_email=$EMAIL
as_buyer mallory
get "/orders/$no/refund" -b "$JAR"
expect_status 404 "someone else's order has no refund page"
bpost "/orders/$no/refund" "reason=mine+now&idem=$idem"
expect_status 404 "nor can they refund it"
check "nothing changed" unchanged "$no" "$snap"
JAR=$buyer_jar
EMAIL=$buyer_email

seq0=$(last_seq "$auto_vendor_id")
before=$(balance)
bpost "/orders/$no/refund" "reason=changed+my+mind&idem=$idem"
expect_status 303 "the refund"
check "back on the order with a notice" test "$(location)" = "/orders/$no?notice=refund_done"
check "the order is refunded in full" test "$(sql "SELECT CONCAT(status, ' ', refunded_cents) FROM orders WHERE order_no = '$no'")" = "refunded $cents"
check "all of it back in the balance" test "$(balance)" = $((before + cents))
check "as a refund ledger row" test "$(sql "SELECT CONCAT(l.kind, ' ', l.amount_cents) FROM ledger l JOIN orders o ON o.id = l.order_id WHERE o.order_no = '$no' ORDER BY l.id DESC LIMIT 1")" = "refund $cents"
check "the ledger adds up" ledger_consistent
check "recorded as the buyer's, with the reason" test "$(sql "SELECT CONCAT(r.actor, ' ', r.full, ' ', r.reason) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.order_no = '$no'")" = "buyer 1 changed my mind"
check "the instance ended at once" test "$(sql "SELECT CONCAT(status, ' ', expires_at <= UTC_TIMESTAMP(6)) FROM instances WHERE instance_no = '$ins'")" = "expired 1"
get "/orders/$no?notice=refund_done" -b "$JAR"
expect_body '订单已退款' "the notice"
expect_body '已退款' "the order says 已退款"
expect_body '退款记录' "and lists the refund"
expect_no_body "href=\"/orders/$no/refund\"" "no refund offered any more"
xget "/orders/$no" -b "$JAR"
expect_xpath "/page/order/refunds/refund/amount/@cents" "$cents" "the refund in the model"
expect_xpath "count(/page/order/refund-offer)" 0 "no offer for a refunded order"
xget "/services/$ins" -b "$JAR"
expect_xpath '/page/instance/@status' expired "the service page says it has ended"
preq "$akey" "$asecret" GET "/partner/v1/events?after=$seq0"
expect_status 200 "the vendor's feed"
check "valid against its schema" valid_against events
expect_xpath "/events/event[@type='order.refunded'][order/@no='$no']/@actor" buyer "order.refunded, by the buyer"
expect_xpath "/events/event[@type='order.refunded'][order/@no='$no']/instance/@no" "$ins" "naming the instance"
expect_xpath "/events/event[@type='instance.expired'][instance/@no='$ins']/@actor" buyer "and instance.expired"
snap=$(snapshot "$no")
bpost "/orders/$no/refund" "reason=changed+my+mind&idem=$idem"
expect_status 303 "the same form again"
check "refunds nothing more" unchanged "$no" "$snap"
get "/orders/$no/refund" -b "$JAR"
check "the refund page of a refunded order leads back with a notice" test "$(location)" = "/orders/$no?notice=not_refundable"

# ten submits of one form at once: one refund
order "$auto" "$spec" "$period"
pay_balance "$ORDER_NO"
no=$ORDER_NO
idem=$(refund_idem "$no")
tok=$(csrf)
before=$(balance)
for i in $(seq 10); do
  curl -sS -o /dev/null -w '%{http_code}\n' -b "$JAR" --data "csrf=$tok&reason=twice&idem=$idem" "$BASE/orders/$no/refund" > "$OUT/parallel.$i" &
done
wait
check "ten submits all answered 303" test "$(cat "$OUT"/parallel.* | grep -c '^303$')" = 10
check "one refund" test "$(sql "SELECT COUNT(*) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.order_no = '$no'")" = 1
check "the balance moved once" test "$(balance)" = $((before + cents))
check "the ledger adds up" ledger_consistent

# ---- outside the window: how to ask instead; refused, nothing changed ----
order "$auto" "$spec" "$period"
pay_balance "$ORDER_NO"
no=$ORDER_NO
sql "UPDATE orders SET paid_at = paid_at - INTERVAL 4 DAY WHERE order_no = '$no'"
xget "/orders/$no" -b "$JAR"
expect_xpath '/page/order/refund-offer/@allowed' 1 "4 days after payment: still inside"
idem=$(refund_idem "$no")
sql "UPDATE orders SET paid_at = paid_at - INTERVAL 2 DAY WHERE order_no = '$no'"
xget "/orders/$no" -b "$JAR"
expect_xpath '/page/order/refund-offer/@allowed' 0 "6 days after payment: outside"
expect_xpath '/page/order/refund-offer/@why' refund_window_passed "says why"
expect_xpath '/page/order/refund-offer/support/@email' support@skylark-soft.example.com "and whom to ask"
get "/orders/$no" -b "$JAR"
expect_no_body "href=\"/orders/$no/refund\"" "no refund offered"
expect_body '需要退款' "how to ask instead"
expect_body 'mailto:support@skylark-soft.example.com' "the vendor's support"
expect_body '已超过自助退款期限' "why the refund is not offered"
get "/orders/$no/refund" -b "$JAR"
expect_status 303 "the refund page"
check "leads back to the order with a notice" test "$(location)" = "/orders/$no?notice=not_refundable"
snap=$(snapshot "$no")
bpost "/orders/$no/refund" "reason=too+late&idem=$idem"
expect_status 409 "a refund the page offered before, sent too late"
expect_body '已超过自助退款期限' "a clear message"
expect_body "href=\"/orders/$no\"" "leading back to the order"
check "nothing changed" unchanged "$no" "$snap"
bpost "/orders/$no/refund" "reason=too+late&idem=$idem" -H 'Accept: application/xml'
expect_xpath '/error/@code' refund_window_passed "the XML error names the rule"

# ---- partly refunded by the marketplace: no self-service refund ----
order "$auto" "$spec" "$period"
pay_balance "$ORDER_NO"
no=$ORDER_NO
axget "/admin/orders/$no/refund"
apost "/admin/orders/$no/refund" "amount=0.01&reason=goodwill&idem=$(xpath /page/form/@idem)"
expect_status 303 "the marketplace refunds part"
xget "/orders/$no" -b "$JAR"
expect_xpath '/page/order/refund-offer/@why' refund_partly_refunded "the buyer may no longer refund it"
expect_xpath '/page/order/refunded-amount/@cents' 1 "the page shows what was refunded"
get "/orders/$no" -b "$JAR"
expect_body '部分退款 ¥0.01' "partly refunded"

# ---- delivered by people: until the vendor confirms the requirement ----
read -r mspec mperiod mcents <<<"$(offer "$manual")"
order "$manual" "$mspec" "$mperiod"
pay_balance "$ORDER_NO"
no=$ORDER_NO
dlv=$(sql "SELECT d.delivery_no FROM deliveries d JOIN instances i ON i.id = d.instance_id JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$no'")
xget "/orders/$no" -b "$JAR"
expect_xpath '/page/order/refund-offer/@allowed' 1 "awaiting the requirement: may be refunded"
req POST "/deliveries/$dlv/requirement" -c "$JAR" -b "$JAR" -F "csrf=$(csrf)" -F title=Site -F description=Pages -F contact=bea
expect_status 303 "the requirement is submitted"
xget "/orders/$no" -b "$JAR"
expect_xpath '/page/order/refund-offer/@allowed' 1 "waiting for the vendor's confirmation: still"
xget "/orders/$no/refund" -b "$JAR"
expect_xpath "/page/refund/refund-offer/delivery/@no" "$dlv" "the refund page knows the delivery"
get "/orders/$no/refund" -b "$JAR"
expect_body '交付关闭' "and says it will be closed"
idem=$(refund_idem "$no")
printf '<confirm version="1"/>' > "$OUT/confirm.xml"
preq "$mkey" "$msecret" POST "/partner/v1/deliveries/$dlv/confirm" "$OUT/confirm.xml"
expect_status 200 "the vendor confirms"
xget "/orders/$no" -b "$JAR"
expect_xpath '/page/order/refund-offer/@allowed' 0 "after the confirmation: no more"
expect_xpath '/page/order/refund-offer/@why' refund_confirmed "says why"
get "/orders/$no" -b "$JAR"
expect_body "href=\"/deliveries/$dlv\"" "points to the delivery page for an appeal"
expect_body '发起申诉' "and says to appeal there"
snap=$(snapshot "$no")
bpost "/orders/$no/refund" "reason=vendor+too+slow&idem=$idem"
expect_status 409 "a refund after the confirmation"
expect_body '服务商已确认需求' "a clear message"
check "nothing changed" unchanged "$no" "$snap"

# refunded before the confirmation: the delivery is closed
order "$manual" "$mspec" "$mperiod"
pay_balance "$ORDER_NO"
no=$ORDER_NO
dlv=$(sql "SELECT d.delivery_no FROM deliveries d JOIN instances i ON i.id = d.instance_id JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$no'")
seq0=$(last_seq "$manual_vendor_id")
before=$(balance)
bpost "/orders/$no/refund" "reason=not+needed&idem=$(refund_idem "$no")"
expect_status 303 "a manual order refunded before the vendor confirmed"
check "all of it back" test "$(balance)" = $((before + mcents))
check "the delivery is closed" test "$(sql "SELECT status FROM deliveries WHERE delivery_no = '$dlv'")" = closed
get "/deliveries/$dlv" -b "$JAR"
expect_body '已关闭（已退款）' "the delivery page says so"
expect_body '交付关闭：订单已退款' "with a history row"
preq "$mkey" "$msecret" GET "/partner/v1/events?after=$seq0"
expect_xpath "/events/event[@type='order.refunded'][order/@no='$no']/@actor" buyer "the vendor hears of the refund"
expect_xpath "count(/events/event[@type='delivery.closed'][delivery/@no='$dlv'])" 1 "and of the closed delivery"
preq "$mkey" "$msecret" GET "/partner/v1/deliveries/$dlv"
expect_xpath '/delivery/@status' closed "the vendor's delivery is closed"
check "valid against its schema" valid_against deliveries
vpost_confirm() { preq "$mkey" "$msecret" POST "/partner/v1/deliveries/$dlv/confirm" "$OUT/confirm.xml"; }
vpost_confirm
check "a closed delivery cannot be confirmed ($STATUS)" test "$STATUS" = 409

# ---- refund_window_days = 0: no self-service refund at all ----
order "$auto" "$spec" "$period"
pay_balance "$ORDER_NO"
no=$ORDER_NO
idem=$(refund_idem "$no")
cp "$STATE/mp.conf" "$OUT/mp.conf.bak"
restore_conf() { cp "$OUT/mp.conf.bak" "$STATE/mp.conf"; }
trap restore_conf EXIT
# window_is DAYS: every worker of the pool now reads refund_window_days = DAYS
window_is() {
  local i ok=0
  for ((i = 0; i < 300 && ok < 8; i++)); do
    xget "/orders/$no" -b "$JAR"
    if [ "$(xpath /page/order/refund-offer/@window-days)" = "$1" ]; then ok=$((ok + 1)); else ok=0; sleep 0.1; fi
  done
  [ "$ok" -ge 8 ]
}
echo "refund_window_days = 0" >> "$STATE/mp.conf"
kill -HUP "$(started_pid pool)"
check "the pool reloads with refund_window_days = 0" window_is 0
xget "/orders/$no" -b "$JAR"
expect_xpath '/page/order/refund-offer/@allowed' 0 "no refund offered"
expect_xpath '/page/order/refund-offer/@why' refund_off "because it is off"
get "/orders/$no" -b "$JAR"
expect_no_body "href=\"/orders/$no/refund\"" "the page hides it"
expect_no_body '申请退款' "with its button"
snap=$(snapshot "$no")
bpost "/orders/$no/refund" "reason=anyway&idem=$idem"
expect_status 409 "a refund sent anyway"
check "nothing changed" unchanged "$no" "$snap"
restore_conf
kill -HUP "$(started_pid pool)"
check "back to 5 days" window_is 5
trap - EXIT
xget "/orders/$no" -b "$JAR"
expect_xpath '/page/order/refund-offer/@allowed' 1 "offered again"

done_testing
