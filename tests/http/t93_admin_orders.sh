#!/usr/bin/env bash
# The admin's buyers and orders: lists that search, filter and page; a
# buyer's page with balance, ledger, orders, instances and sign-in lock;
# credit and debit of a balance (ledger rows and audit rows, never below
# zero), the unlock of an account slowed by failed sign-ins; an order's
# page with everything about it; refunds in part and in full, exactly once
# even when the same form is sent ten times at once. Every bad input is
# refused with a clear error and changes nothing.
. "$ROOT/tests/lib.sh"

RUN=$RANDOM$RANDOM
# skylark-soft's cheapest automatic product
product=$(sql "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN specs s ON s.product_id = p.id JOIN prices pr ON pr.spec_id = s.id WHERE v.slug = 'skylark-soft' AND p.delivery_mode = 'auto' AND p.listed = 1 AND s.active = 1 GROUP BY p.id ORDER BY MIN(pr.price_cents), p.id LIMIT 1")
vendor=$(sql "SELECT v.slug FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE p.id = $product")
vendor_id=$(sql "SELECT vendor_id FROM products WHERE id = $product")
read -r spec period cents <<<"$(offer "$product")"

# what a write may change: the buyer's balance, ledger and audit rows
snapshot() {
  sql "SELECT CONCAT_WS(' ', (SELECT balance_cents FROM users WHERE id = $1),
         (SELECT COUNT(*) FROM ledger WHERE user_id = $1), (SELECT COUNT(*) FROM audit_log),
         (SELECT COUNT(*) FROM balance_adjustments WHERE user_id = $1),
         (SELECT COUNT(*) FROM refunds WHERE user_id = $1),
         (SELECT GROUP_CONCAT(CONCAT(status, refunded_cents) ORDER BY id) FROM orders WHERE user_id = $1))"
}
unchanged() { test "$(snapshot "$1")" = "$2"; }

as_buyer ada
buyer_email=$EMAIL
buyer=$(user_id)
topup 500
order "$product" "$spec" "$period"
pay_balance "$ORDER_NO"
check "paid" test -n "$PAYMENT_NO"
paid_no=$ORDER_NO
order "$product" "$spec" "$period"
unpaid_no=$ORDER_NO

# ---- the pages, as HTML and as their XML model ----
for page in /admin/buyers "/admin/buyers/$buyer" /admin/orders "/admin/orders/$paid_no" "/admin/orders/$paid_no/refund"; do
  aget "$page"
  expect_status 200 "$page"
  expect_html "$page"
  axget "$page"
  expect_status 200 "$page as XML"
  expect_header Content-Type '^application/xml' "$page as XML"
done
get /admin/orders -H 'X-Admin-User: admin'
expect_status 401 "the pages need the admin's password; a look-alike header does not do"

axget "/admin/buyers/$buyer"
expect_xpath '/page/buyer/@email' "$buyer_email" "the buyer's page: email"
expect_xpath '/page/buyer/balance/@cents' $((50000 - cents)) "balance"
expect_xpath "/page/buyer/ledger/entry[1]/@kind" payment "recent ledger rows, newest first"
expect_xpath "count(/page/buyer/order-list/order)" 2 "orders"
expect_xpath "count(/page/buyer/instance-list/instance)" 1 "instances"
expect_xpath '/page/buyer/@sessions' 1 "live sessions"
expect_xpath '/page/buyer/sign-in/@locked' 0 "not locked"
expect_xpath 'string-length(/page/form/@idem)' 32 "the balance form carries its token"
aget "/admin/buyers/$buyer?lang=en"
expect_body "href=\"/admin/orders/$paid_no\"" "orders link to the admin's order page"
expect_body "href=\"/admin/orders\\?buyer=$buyer\"" "and to all of the buyer's orders"
expect_body "Recent balance changes" "in English when asked"
aget "/admin/buyers/$buyer?lang=zh-CN"
expect_body "最近的余额变动" "and in Chinese"
axget /admin/buyers/999999999
expect_status 404 "an unknown buyer"
aget /admin/buyers/999999999
expect_status 404 "an unknown buyer's page"
expect_html "its error page"

# ---- buyers: search and paging ----
axget "/admin/buyers?q=$buyer_email"
expect_xpath "count(/page/buyers/buyer)" 1 "search by the whole email"
expect_xpath "/page/buyers/buyer/@id" "$buyer" "finds the buyer"
axget "/admin/buyers?q=${buyer_email%%@*}"
expect_xpath "/page/buyers/buyer[1]/@id" "$buyer" "by a part of the email"
axget "/admin/buyers?q=$buyer"
expect_xpath "count(/page/buyers/buyer[@id='$buyer'])" 1 "by the exact id"
axget "/admin/buyers?q=nobody-$RUN"
expect_xpath "count(/page/buyers/buyer)" 0 "nothing for no match"
axget "/admin/buyers?q=%25"
n_all=$(sql "SELECT COUNT(*) FROM users WHERE email LIKE '%\\%%'")
expect_xpath "count(/page/buyers/buyer)" "$n_all" "% is taken literally, not as everything"
sql "INSERT INTO users (email, display_name, password_hash) SELECT CONCAT('page', seq, '-$RUN@example.com'), CONCAT('Pager $RUN ', seq), 'x' FROM seq_1_to_55"
axget "/admin/buyers?q=$RUN"
expect_xpath "count(/page/buyers/buyer)" 50 "a page holds 50 buyers"
expect_xpath "/page/buyers/buyer[1]/@email" "page55-$RUN@example.com" "newest first"
next=$(xpath /page/buyers/@next)
check "there is a next page" test -n "$next"
expect_xpath '/page/buyers/@href' "/admin/buyers?q=$RUN&" "the filter survives paging"
axget "/admin/buyers?q=$RUN&after=$next"
expect_xpath "count(/page/buyers/buyer)" 5 "the rest on the next page"
expect_xpath "/page/buyers/buyer[5]/@email" "page1-$RUN@example.com" "down to the oldest"
expect_xpath "count(/page/buyers/@next)" 0 "and no page after it"
prev=$(xpath /page/buyers/@prev)
axget "/admin/buyers?q=$RUN&before=$prev"
expect_xpath "count(/page/buyers/buyer)" 50 "back to the first page"
expect_xpath "/page/buyers/buyer[1]/@email" "page55-$RUN@example.com" "the same first page"
axget "/admin/buyers?q=Pager%20$RUN%2012"
expect_xpath "/page/buyers/buyer[1]/@email" "page12-$RUN@example.com" "by the nickname"
aget "/admin/buyers?q=$RUN"
expect_body "href=\"/admin/buyers\\?q=$RUN&amp;after=$next\"" "the page links to the next with its filter"

# ---- orders: filters and paging ----
axget "/admin/orders?no=$paid_no"
expect_xpath "count(/page/orders/order)" 1 "by number"
expect_xpath "/page/orders/order/@buyer" "$buyer_email" "with its buyer"
expect_xpath "/page/orders/order/@vendor" "$vendor" "and vendor"
axget "/admin/orders?buyer=$buyer_email"
expect_xpath "count(/page/orders/order)" 2 "by the buyer's email"
axget "/admin/orders?buyer=$buyer"
expect_xpath "count(/page/orders/order)" 2 "by the buyer's id"
axget "/admin/orders?buyer=$buyer&status=paid"
expect_status 200 "filtered by status"
expect_xpath "/page/orders/order/@no" "$paid_no" "by status: paid"
axget "/admin/orders?buyer=$buyer&status=unpaid"
expect_xpath "/page/orders/order/@no" "$unpaid_no" "by status: unpaid"
axget "/admin/orders?buyer=$buyer&status=refunded"
expect_xpath "count(/page/orders/order)" 0 "none refunded yet"
axget "/admin/orders?buyer=$buyer&vendor=$vendor"
expect_xpath "count(/page/orders/order)" 2 "by the vendor's slug"
axget "/admin/orders?buyer=$buyer&vendor=no-such-vendor"
expect_xpath "count(/page/orders/order)" 0 "another vendor: none"
today=$(TZ=Asia/Shanghai date +%F)
tomorrow=$(TZ=Asia/Shanghai date -d tomorrow +%F)
yesterday=$(TZ=Asia/Shanghai date -d yesterday +%F)
axget "/admin/orders?buyer=$buyer&from=$today&to=$today"
expect_status 200 "filtered by dates"
expect_xpath "count(/page/orders/order)" 2 "placed today"
axget "/admin/orders?buyer=$buyer&from=$tomorrow"
expect_xpath "count(/page/orders/order)" 0 "none from tomorrow"
axget "/admin/orders?buyer=$buyer&to=$yesterday"
expect_xpath "count(/page/orders/order)" 0 "none up to yesterday"
axget "/admin/orders?status=lost"
expect_status 400 "an unknown status is refused"
axget "/admin/orders?from=2026-13-01"
expect_status 400 "so is a date that is none"
# 60 more (cancelled) orders of the buyer to page through
sql "INSERT INTO orders (order_no, user_id, vendor_id, kind, product_id, spec_id, period_months, product_name_zh,
       product_name_en, spec_name_zh, spec_name_en, vendor_name_zh, vendor_name_en, delivery_mode, unit_price_cents,
       quantity, total_cents, status, idem_key, created_at, pay_by, cancelled_at, cancel_reason)
     SELECT CONCAT('1', LPAD($buyer, 7, '0'), LPAD(s.seq, 10, '0')), o.user_id, o.vendor_id, 'new', o.product_id,
       o.spec_id, o.period_months, o.product_name_zh, o.product_name_en, o.spec_name_zh, o.spec_name_en,
       o.vendor_name_zh, o.vendor_name_en, o.delivery_mode, o.unit_price_cents, 1, o.total_cents, 'cancelled',
       MD5(CONCAT('$RUN', s.seq)), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 'timeout'
     FROM orders o JOIN seq_1_to_60 s WHERE o.order_no = '$unpaid_no'"
axget "/admin/orders?buyer=$buyer_email"
expect_xpath "count(/page/orders/order)" 50 "a page holds 50 orders"
expect_xpath '/page/orders/@href' "/admin/orders?buyer=${buyer_email/@/%40}&" "the filter survives paging"
next=$(xpath /page/orders/@next)
axget "/admin/orders?buyer=$buyer_email&after=$next"
expect_xpath "count(/page/orders/order)" 12 "the other 12 on the next page"
expect_xpath "/page/orders/order[12]/@no" "$paid_no" "down to the first order"
axget "/admin/orders?buyer=$buyer&status=cancelled&after=$next"
expect_xpath "count(/page/orders/order)" 10 "paging with two filters"
prev=$(xpath /page/orders/@prev)
axget "/admin/orders?buyer=$buyer&status=cancelled&before=$prev"
expect_xpath "count(/page/orders/order)" 50 "and back"

# ---- one order ----
axget "/admin/orders/$paid_no"
expect_xpath '/page/order/@status' paid "the order page: status"
expect_xpath '/page/order/buyer/@id' "$buyer" "its buyer"
expect_xpath '/page/order/vendor/@slug' "$vendor" "its vendor"
expect_xpath "/page/order/payments/payment/@no" "$PAYMENT_NO" "its payment"
expect_xpath "/page/order/payments/payment/amount/@cents" "$cents" "of the total"
expect_xpath "count(/page/order/timeline/event[@type='order.paid'])" 1 "its timeline"
expect_xpath "count(/page/order/timeline/event[@type='instance.created'])" 1 "with its instance's events"
expect_xpath "/page/order/ledger/entry/amount/@cents" "-$cents" "its ledger row"
expect_xpath 'string-length(/page/order/instance/@no)' 14 "its instance"
expect_xpath '/page/order/@refundable' 1 "refundable"
expect_xpath '/page/order/left/@cents' "$cents" "all of it left to refund"
aget "/admin/orders/$paid_no"
expect_body "href=\"/admin/buyers/$buyer\"" "links to the buyer"
expect_body "href=\"/admin/vendors/$vendor\"" "and the vendor"
expect_body "href=\"/admin/orders/$paid_no/refund\"" "offers the refund"
axget /admin/orders/999999999999999999
expect_status 404 "an unknown order"

# ---- credit and debit ----
form_idem() { axget "/admin/buyers/$1"; xpath /page/form/@idem; }
before=$(balance)
ledger_n=$(sql "SELECT COUNT(*) FROM ledger WHERE user_id = $buyer")
idem=$(form_idem "$buyer")
apost "/admin/buyers/$buyer/balance" "op=credit&amount=12.50&reason=goodwill+$RUN&idem=$idem"
expect_status 303 "credit"
check "back on the buyer's page with a notice" test "$(location)" = "/admin/buyers/$buyer?notice=balance_credited"
check "the balance is 12.50 more" test "$(balance)" = $((before + 1250))
check "one ledger row more" test "$(sql "SELECT COUNT(*) FROM ledger WHERE user_id = $buyer")" = $((ledger_n + 1))
check "one ledger row, kind credit" test "$(sql "SELECT CONCAT(kind, ' ', amount_cents, ' ', balance_after_cents) FROM ledger WHERE user_id = $buyer ORDER BY id DESC LIMIT 1")" = "credit 1250 $((before + 1250))"
check "one audit row with before and after" test "$(audit_count "action = 'buyer.credit' AND target_type = 'buyer' AND target_ref = '$buyer' AND before_text = 'balance: $(printf '%d.%02d' $((before / 100)) $((before % 100)))' AND after_text LIKE 'balance: $(printf '%d.%02d' $(((before + 1250) / 100)) $(((before + 1250) % 100)))%' AND reason = 'goodwill $RUN' AND admin_user = 'admin'")" = 1
check "the reason kept with the ledger row" test "$(sql "SELECT reason FROM balance_adjustments WHERE user_id = $buyer")" = "goodwill $RUN"
check "the ledger still adds up" ledger_consistent
snap=$(snapshot "$buyer")
apost "/admin/buyers/$buyer/balance" "op=credit&amount=12.50&reason=goodwill+$RUN&idem=$idem"
expect_status 303 "the same form again"
check "changes nothing" unchanged "$buyer" "$snap"
aget "/admin/buyers/$buyer?notice=balance_credited&lang=en"
expect_body 'The balance has been credited' "the notice"
expect_body "goodwill $RUN" "the reason beside its ledger row"
aget "/admin/buyers/$buyer?lang=zh-CN"

apost "/admin/buyers/$buyer/balance" "op=debit&amount=2.5&reason=correction&idem=$(form_idem "$buyer")"
expect_status 303 "debit"
check "with its notice" test "$(location)" = "/admin/buyers/$buyer?notice=balance_debited"
check "the balance is 2.50 less" test "$(balance)" = $((before + 1000))
check "a ledger row of kind adjustment" test "$(sql "SELECT CONCAT(kind, ' ', amount_cents) FROM ledger WHERE user_id = $buyer ORDER BY id DESC LIMIT 1")" = "adjustment -250"
check "audited" test "$(audit_count "action = 'buyer.debit' AND target_ref = '$buyer' AND after_text LIKE '%amount: -2.50%'")" = 1
check "the ledger adds up" ledger_consistent

# a debit below zero: refused, nothing changed
snap=$(snapshot "$buyer")
now=$(balance)
too_much=$(printf '%d.%02d' $(((now + 1) / 100)) $(((now + 1) % 100)))
apost "/admin/buyers/$buyer/balance" "op=debit&amount=$too_much&reason=too+much&idem=$(form_idem "$buyer")"
expect_status 409 "a debit below zero"
expect_html "the buyer's page again"
expect_body 'aria-invalid="true"' "with the amount marked"
expect_body '余额不能小于零' "and a clear message"
check "nothing changed" unchanged "$buyer" "$snap"
apost "/admin/buyers/$buyer/balance" "op=debit&amount=$too_much&reason=too+much&idem=$(form_idem "$buyer")" -H 'Accept: application/xml'
expect_xpath "/page/form-error[@field='amount']/@key" admin.buyers.below_zero "says why in the model too"

# every bad input: a clear error, nothing changed
for bad in abc 0 -5 1.234 0.00 "" 99999999999; do
  apost "/admin/buyers/$buyer/balance" "op=credit&amount=$bad&reason=x&idem=$(form_idem "$buyer")"
  if [ ${#bad} -gt 12 ]; then expect_status 400 "amount '$bad' (too long)"; else expect_status 422 "amount '$bad'"; fi
  check "amount '$bad' changes nothing" unchanged "$buyer" "$snap"
done
apost "/admin/buyers/$buyer/balance" "op=credit&amount=abc&reason=x&idem=$(form_idem "$buyer")"
expect_body '请输入大于 0 的金额' "a bad amount says what is expected"
expect_body 'value="abc"' "and keeps what was typed"
apost "/admin/buyers/$buyer/balance" "op=credit&amount=1&reason=%20%20&idem=$(form_idem "$buyer")"
expect_status 422 "a blank reason"
expect_body '请填写原因' "says a reason is needed"
apost "/admin/buyers/$buyer/balance" "op=credit&amount=1&idem=$(form_idem "$buyer")"
expect_status 400 "no reason at all"
apost "/admin/buyers/$buyer/balance" "op=credit&amount=1&reason=$(printf 'x%.0s' $(seq 501))&idem=$(form_idem "$buyer")" -H 'Accept: application/xml'
expect_status 400 "a reason over 500 characters"
expect_body 'field "reason" must be 0 to 500 characters' "names the field"
apost "/admin/buyers/$buyer/balance" "op=steal&amount=1&reason=x&idem=$(form_idem "$buyer")"
expect_status 400 "an unknown change"
apost "/admin/buyers/$buyer/balance" "op=credit&amount=1&reason=x&idem=nothex"
expect_status 400 "a bad form token"
apost "/admin/buyers/999999999/balance" "op=credit&amount=1&reason=x&idem=$(form_idem "$buyer")"
expect_status 404 "an unknown buyer"
areq POST "/admin/buyers/$buyer/balance" --data "op=credit&amount=1&reason=x&idem=$(form_idem "$buyer")"
expect_status 403 "no CSRF token"
areq POST "/admin/buyers/$buyer/balance" --data "csrf=$(openssl rand -hex 32)&op=credit&amount=1&reason=x&idem=$(form_idem "$buyer")"
expect_status 403 "a wrong CSRF token"
check "none of them changed anything" unchanged "$buyer" "$snap"
req POST "/admin/buyers/$buyer/balance" -H 'X-Admin-User: admin' --data "op=credit&amount=1&reason=x&idem=$idem"
check "without the admin's password: refused ($STATUS)" test "$STATUS" = 401 -o "$STATUS" = 403
check "and nothing changed" unchanged "$buyer" "$snap"

# ---- the sign-in lock and its unlock ----
LJAR="$OUT/jar-login"
rm -f "$LJAR"
req POST /login -c "$LJAR" -b "$LJAR" --data "csrf=$(csrf "$LJAR")&email=$buyer_email&password=wrong-password-1"
ip=$(sql "SELECT ip FROM login_failures WHERE email = '$buyer_email' LIMIT 1")
check "a failed sign-in is counted" test -n "$ip"
sql "INSERT INTO login_failures (email, ip, created_at) SELECT '$buyer_email', '$ip', UTC_TIMESTAMP(6) FROM seq_1_to_6"
req POST /login -c "$LJAR" -b "$LJAR" --data "csrf=$(csrf "$LJAR")&email=$buyer_email&password=$PASSWORD"
expect_status 429 "seven failures: the right password has to wait"
axget "/admin/buyers/$buyer"
expect_xpath '/page/buyer/sign-in/@locked' 1 "the buyer's page says the account is locked"
expect_xpath '/page/buyer/sign-in/@failures' 7 "by 7 failures"
expect_xpath_true '/page/buyer/sign-in/@wait > 10' "the next try waits (16 s after 7 failures)"
aget "/admin/buyers/$buyer"
expect_body "/admin/buyers/$buyer/unlock" "and offers to unlock it"
areq POST "/admin/buyers/$buyer/unlock" --data "reason=x"
expect_status 403 "unlock without a CSRF token"
check "leaves the failures" test "$(sql "SELECT COUNT(*) FROM login_failures WHERE email = '$buyer_email'")" = 7
apost "/admin/buyers/$buyer/unlock" "reason=called+support"
expect_status 303 "unlock"
check "with its notice" test "$(location)" = "/admin/buyers/$buyer?notice=unlocked"
check "the failures are gone" test "$(sql "SELECT COUNT(*) FROM login_failures WHERE email = '$buyer_email'")" = 0
check "audited, before and after" test "$(audit_count "action = 'buyer.unlock' AND target_ref = '$buyer' AND before_text LIKE 'locked: yes%failures: 7%' AND after_text LIKE 'locked: no%' AND reason = 'called support'")" = 1
axget "/admin/buyers/$buyer"
expect_xpath '/page/buyer/sign-in/@locked' 0 "no longer locked"
req POST /login -c "$LJAR" -b "$LJAR" --data "csrf=$(csrf "$LJAR")&email=$buyer_email&password=$PASSWORD"
expect_status 303 "the buyer signs in at once"
audits=$(audit_count "action = 'buyer.unlock'")
apost "/admin/buyers/$buyer/unlock" ""
check "nothing to unlock: says so" test "$(location)" = "/admin/buyers/$buyer?notice=not_locked"
check "and writes no audit row" test "$(audit_count "action = 'buyer.unlock'")" = "$audits"

# ---- refunds: partial, then the rest ----
sql "UPDATE partner_keys SET status = 'revoked', revoked_at = UTC_TIMESTAMP(6) WHERE vendor_id = $vendor_id AND status = 'active'"
partner_key "$vendor"
last_seq() { sql "SELECT COALESCE(MAX(last_seq), 0) FROM vendor_event_seq WHERE vendor_id = $vendor_id"; }
refund_idem() { axget "/admin/orders/$1/refund"; xpath /page/form/@idem; }
seq0=$(last_seq)
axget "/admin/orders/$paid_no/refund"
expect_xpath "/page/form/field[@name='amount']" "$(printf '%d.%02d' $((cents / 100)) $((cents % 100)))" "the form offers all that is left"
snap=$(snapshot "$buyer")
before=$(balance)
apost "/admin/orders/$paid_no/refund" "amount=1.00&reason=partly+$RUN&idem=$(refund_idem "$paid_no")"
expect_status 303 "a partial refund"
check "back on the order with a notice" test "$(location)" = "/admin/orders/$paid_no?notice=order_refunded"
check "the order is still paid, 1.00 refunded" test "$(sql "SELECT CONCAT(status, ' ', refunded_cents) FROM orders WHERE order_no = '$paid_no'")" = "paid 100"
check "1.00 back in the balance" test "$(balance)" = $((before + 100))
check "as one refund ledger row" test "$(sql "SELECT CONCAT(l.kind, ' ', l.amount_cents) FROM ledger l JOIN orders o ON o.id = l.order_id WHERE o.order_no = '$paid_no' ORDER BY l.id DESC LIMIT 1")" = "refund 100"
check "the ledger adds up" ledger_consistent
check "the refund is recorded as the admin's" test "$(sql "SELECT CONCAT(actor, ' ', admin_user, ' ', full, ' ', reason) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.order_no = '$paid_no'")" = "admin admin 0 partly $RUN"
check "audited: status and refunded before and after" test "$(audit_count "action = 'order.refund' AND target_type = 'order' AND target_ref = '$paid_no' AND before_text = 'status: paid
refunded: 0.00' AND after_text LIKE 'status: paid
refunded: 1.00
refund_no: %
amount: 1.00' AND reason = 'partly $RUN'")" = 1
check "the service goes on" test "$(sql "SELECT i.status FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$paid_no'")" != expired
axget "/admin/orders/$paid_no"
expect_xpath '/page/order/refunded-amount/@cents' 100 "the order page: refunded"
expect_xpath "/page/order/left/@cents" $((cents - 100)) "and what is left"
expect_xpath "/page/order/refunds/refund/amount/@cents" 100 "the refund listed"
aget "/admin/orders/$paid_no"
expect_body '部分退款 ¥1.00' "partly refunded, in the status"
aget "/admin/orders?buyer=$buyer&status=partly_refunded&lang=en"
expect_status 200 "the list of partly refunded orders"
expect_body "Partly refunded CNY 1.00" "the list says so too"
aget "/admin/orders?lang=zh-CN"
axget "/admin/orders?buyer=$buyer&status=partly_refunded"
expect_xpath "/page/orders/order/@no" "$paid_no" "filtered as partly refunded"
get "/orders/$paid_no" -b "$JAR"
expect_body '部分退款 ¥1.00' "the buyer's order page says partly refunded"
get "/orders?status=paid" -b "$JAR"
expect_body '部分退款 ¥1.00' "so does the buyer's list"

# a second form for more than is left: refused, nothing changed
snap=$(snapshot "$buyer")
apost "/admin/orders/$paid_no/refund" "amount=$(printf '%d.%02d' $((cents / 100)) $((cents % 100)))&reason=again&idem=$(refund_idem "$paid_no")"
expect_status 409 "more than is left"
expect_body '超出该订单剩余可退金额' "says so"
check "nothing changed" unchanged "$buyer" "$snap"

# bad input: a clear error, nothing changed
for bad in abc 0 -5 1.234 0.00; do
  apost "/admin/orders/$paid_no/refund" "amount=$bad&reason=x&idem=$(refund_idem "$paid_no")"
  expect_status 422 "refund amount '$bad'"
  check "refund amount '$bad' changes nothing" unchanged "$buyer" "$snap"
done
apost "/admin/orders/$paid_no/refund" "amount=abc&reason=x&idem=$(refund_idem "$paid_no")" -H 'Accept: application/xml'
expect_xpath "/page/form-error[@field='amount']/@key" admin.refund.bad_amount "the model names the field and the message"
apost "/admin/orders/$paid_no/refund" "amount=1&reason=+&idem=$(refund_idem "$paid_no")"
expect_status 422 "a blank reason"
expect_body '请填写退款原因' "asks for one"
apost "/admin/orders/$paid_no/refund" "amount=1&idem=$(refund_idem "$paid_no")"
expect_status 400 "no reason"
apost "/admin/orders/$paid_no/refund" "amount=1&reason=$(printf 'y%.0s' $(seq 501))&idem=$(refund_idem "$paid_no")"
expect_status 400 "a reason over 500 characters"
apost "/admin/orders/$paid_no/refund" "amount=1&reason=x"
expect_status 400 "no form token"
apost "/admin/orders/999999999999999999/refund" "amount=1&reason=x&idem=$(refund_idem "$paid_no")"
expect_status 404 "an unknown order"
areq POST "/admin/orders/$paid_no/refund" --data "amount=1&reason=x&idem=$(refund_idem "$paid_no")"
expect_status 403 "no CSRF token"
check "none of them changed anything" unchanged "$buyer" "$snap"
aget "/admin/orders/$unpaid_no/refund"
expect_status 303 "an unpaid order has no refund form"
check "the order page says why" test "$(location)" = "/admin/orders/$unpaid_no?notice=not_refundable_admin"
apost "/admin/orders/$unpaid_no/refund" "amount=1&reason=x&idem=$(refund_idem "$paid_no")"
expect_status 409 "refunding an unpaid order"
check "changes nothing" unchanged "$buyer" "$snap"

# the rest: the order is refunded, the service ends, the vendor hears of it
ins=$(sql "SELECT i.instance_no FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$paid_no'")
before=$(balance)
apost "/admin/orders/$paid_no/refund" "amount=&reason=the+rest&idem=$(refund_idem "$paid_no")"
expect_status 303 "the rest refunded"
check "the order is refunded" test "$(sql "SELECT CONCAT(status, ' ', refunded_cents = total_cents, ' ', refunded_at IS NOT NULL) FROM orders WHERE order_no = '$paid_no'")" = "refunded 1 1"
check "the rest is back" test "$(balance)" = $((before + cents - 100))
check "the instance has ended" test "$(sql "SELECT CONCAT(status, ' ', expires_at <= UTC_TIMESTAMP(6)) FROM instances WHERE instance_no = '$ins'")" = "expired 1"
check "the ledger adds up" ledger_consistent
check "the audit says refunded" test "$(audit_count "action = 'order.refund' AND target_ref = '$paid_no' AND after_text LIKE 'status: refunded%'")" = 1
preq "$KEY_ID" "$SECRET" GET "/partner/v1/events?after=$seq0"
expect_status 200 "the vendor's event feed"
check "valid against its schema" valid_against events
expect_xpath "count(/events/event[@type='order.refunded'][order/@no='$paid_no'])" 2 "order.refunded, once per refund"
expect_xpath "/events/event[@type='order.refunded'][order/@no='$paid_no'][1]/@actor" admin "by the admin"
expect_xpath "/events/event[@type='instance.expired'][instance/@no='$ins']/@actor" admin "and instance.expired"
expect_xpath_true "/events/event[@type='order.refunded'][2]/@seq < /events/event[@type='instance.expired']/@seq" "in that order"
axget "/admin/orders/$paid_no"
expect_xpath '/page/order/@refundable' 0 "nothing left to refund"
get "/orders/$paid_no" -b "$JAR"
expect_body '已退款' "the buyer's page says 已退款"
expect_no_body '部分退款 ¥' "no longer partly"
aget "/admin/orders/$paid_no/refund"
check "the form is no longer offered" test "$(location)" = "/admin/orders/$paid_no?notice=not_refundable_admin"
aget "/admin/orders/$paid_no?notice=not_refundable_admin"
expect_body '该订单无法退款' "with a clear notice"

# ---- one form sent ten times at once refunds once ----
order "$product" "$spec" "$period"
pay_balance "$ORDER_NO"
twice_no=$ORDER_NO
ins=$(sql "SELECT i.instance_no FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$twice_no'")
# parallel TIMES DATA: the same admin form posted TIMES times at once; the
# statuses in $OUT/parallel
parallel() {
  local tok i
  tok=$(admin_csrf)
  rm -f "$OUT"/parallel.*
  for ((i = 0; i < $1; i++)); do
    curl -sS -o /dev/null -w '%{http_code}\n' -u "$ADMIN_USER:$ADMIN_PASSWORD" -b "$ADMIN_JAR" \
      --data "csrf=$tok&$2" "$BASE/admin/orders/$twice_no/refund" > "$OUT/parallel.$i" 2>&1 &
  done
  wait
  cat "$OUT"/parallel.* > "$OUT/parallel"
}
refunds_of() { sql "SELECT COUNT(*) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.order_no = '$1'"; }
refund_rows() { sql "SELECT COUNT(*) FROM ledger l JOIN orders o ON o.id = l.order_id WHERE o.order_no = '$1' AND l.kind = 'refund'"; }
before=$(balance)
parallel 10 "amount=0.50&reason=double+click&idem=$(refund_idem "$twice_no")"
check "ten partial submits all answered 303 ($(sort "$OUT/parallel" | uniq -c | tr '\n' ' '))" test "$(grep -c '^303$' "$OUT/parallel")" = 10
check "one refund" test "$(refunds_of "$twice_no")" = 1
check "one ledger row" test "$(refund_rows "$twice_no")" = 1
check "the balance moved once" test "$(balance)" = $((before + 50))
check "one audit row" test "$(audit_count "action = 'order.refund' AND target_ref = '$twice_no'")" = 1
before=$(balance)
parallel 10 "amount=&reason=double+click+again&idem=$(refund_idem "$twice_no")"
check "ten full submits all answered 303 ($(sort "$OUT/parallel" | uniq -c | tr '\n' ' '))" test "$(grep -c '^303$' "$OUT/parallel")" = 10
check "one more refund" test "$(refunds_of "$twice_no")" = 2
check "one more ledger row" test "$(refund_rows "$twice_no")" = 2
check "the balance moved once, by the rest" test "$(balance)" = $((before + cents - 50))
check "refunded in full" test "$(sql "SELECT status FROM orders WHERE order_no = '$twice_no'")" = refunded
check "the instance ended" test "$(sql "SELECT status FROM instances WHERE instance_no = '$ins'")" = expired
check "one audit row each" test "$(audit_count "action = 'order.refund' AND target_ref = '$twice_no'")" = 2
check "the ledger adds up" ledger_consistent
preq "$KEY_ID" "$SECRET" GET "/partner/v1/events?after=$seq0"
expect_xpath "count(/events/event[@type='order.refunded'][order/@no='$twice_no'])" 2 "the vendor hears of each refund once"
expect_xpath "count(/events/event[@type='instance.expired'][instance/@no='$ins'])" 1 "and of the end once"

# ---- a renewal refunded in full: its months are taken back ----
order "$product" "$spec" "$period"
pay_balance "$ORDER_NO"
ins=$(sql "SELECT i.instance_no FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")
sql "UPDATE instances SET status = 'active', provisioned_at = UTC_TIMESTAMP(6) WHERE instance_no = '$ins'"
expires=$(sql "SELECT expires_at FROM instances WHERE instance_no = '$ins'")
xget "/services/$ins/renew" -b "$JAR"
post "/services/$ins/renew" "csrf=$(csrf)&period=$period&idem=$(xpath /page/instance/renew/@idem)"
renew_no=$(location | sed -nE 's|^/orders/([0-9]+)/pay$|\1|p')
pay_balance "$renew_no"
check "renewed" test "$(sql "SELECT expires_at = '$expires' + INTERVAL $period MONTH FROM instances WHERE instance_no = '$ins'")" = 1
seq1=$(last_seq)
apost "/admin/orders/$renew_no/refund" "amount=&reason=renewal+by+mistake&idem=$(refund_idem "$renew_no")"
expect_status 303 "the renewal refunded"
check "the renewal is refunded" test "$(sql "SELECT status FROM orders WHERE order_no = '$renew_no'")" = refunded
check "its months are taken back, the months bought before stay" \
  test "$(sql "SELECT CONCAT(status, ' ', expires_at = '$expires') FROM instances WHERE instance_no = '$ins'")" = "active 1"
preq "$KEY_ID" "$SECRET" GET "/partner/v1/events?after=$seq1"
expect_xpath "/events/event[@type='instance.shortened']/instance/@no" "$ins" "the vendor hears the expiry moved back"
expect_xpath "count(/events/event[@type='instance.expired'])" 0 "and that the instance goes on"
check "the ledger adds up" ledger_consistent

# the audit log lists the order's admin actions
axget "/admin/audit?target=order&ref=$twice_no"
expect_xpath "count(/page/audit/entry[@action='order.refund'])" 2 "the audit page lists both refunds"

done_testing
