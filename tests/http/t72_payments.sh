#!/usr/bin/env bash
# Money: pay from the balance or through the sandbox gateway; top-ups; a
# notification applied at most once; concurrent payments debit once; the
# ledger always sums to the balance; bad amounts and forged signatures
# change nothing.
. "$ROOT/tests/lib.sh"

product=$(sql "SELECT id FROM products WHERE listed = 1 AND delivery_mode = 'auto' ORDER BY id LIMIT 1")
read -r spec period cents <<<"$(offer "$product")"
ledger_rows() { sql "SELECT COUNT(*) FROM ledger WHERE user_id = $(user_id)"; }

as_buyer erin
order "$product" "$spec" "$period"

# Not enough balance: a clear message, nothing changes.
xget "/orders/$ORDER_NO/pay" -b "$JAR"
expect_status 200 "pay page"
expect_xpath '/page/pay/@balance-enough' 0 "balance not enough yet"
get "/orders/$ORDER_NO/pay" -b "$JAR"
expect_html "pay page"
post "/orders/$ORDER_NO/pay" "csrf=$(csrf)&method=balance" -H 'Accept: application/xml'
expect_status 409 "pay with an empty balance"
expect_xpath '/page/form-error/@key' pay.insufficient_balance "insufficient balance message"
check "order still unpaid" test "$(sql "SELECT status FROM orders WHERE order_no = '$ORDER_NO'")" = unpaid
check "no ledger row" test "$(ledger_rows)" = 0
check "no instance" test "$(sql "SELECT COUNT(*) FROM instances WHERE user_id = $(user_id)")" = 0

# Top up through the sandbox: its own page, then the signed return.
get /account -b "$JAR"
expect_header Content-Security-Policy "form-action 'self' $SANDBOX;" "the top-up form may lead to the gateway's site"
post /account/topup "csrf=$(csrf)&amount=1000.50"
expect_status 303 "top-up starts"
check "sent to the gateway's own site" grep -q "^$SANDBOX/sandbox/pay?" <<<"$(header Location)"
sandbox=$(location)
check "sent to the sandbox's page" grep -q '^/sandbox/pay?payment_no=[0-9]\{18\}&amount_cents=100050&' <<<"$sandbox"
sreq GET "$sandbox" -b "$JAR"
expect_status 200 "sandbox page, on the gateway's site"
expect_html "sandbox page"
expect_header Content-Security-Policy "form-action 'self' $BASE;" "the cashier's form may lead back to the marketplace"
expect_body 'name="csrf"' "the cashier's form carries the buyer's CSRF token"
sreq GET "$sandbox" -b "$JAR" -H 'Accept: application/xml'
expect_xpath '/page/checkout/amount/@cents' 100050 "sandbox shows the amount"
get "$sandbox" -b "$JAR"
expect_status 404 "the cashier is not on the marketplace's own address"
sreq GET "${sandbox/amount_cents=100050/amount_cents=1}" -b "$JAR"
expect_status 400 "sandbox refuses an altered amount"
expect_body 'class="sandbox"' "said on the cashier's own page"
expect_body "href=\"$BASE/\"" "with the way back to the marketplace"
# the checkout link is the buyer's: no one else can open, confirm or cancel it
buyer_jar=$JAR buyer_email=$EMAIL
as_buyer eve
sreq GET "$sandbox" -b "$JAR"
expect_status 403 "another buyer cannot open the checkout"
expect_body '另一个账号' "and is told why"
sreq POST /sandbox/pay -b "$JAR" --data "${sandbox#*\?}&action=confirm&csrf=$(csrf)"
expect_status 403 "another buyer cannot confirm it"
sreq GET "$sandbox"
expect_status 403 "a guest cannot open it"
expect_body "href=\"$BASE/login\"" "a guest is sent to sign in at the marketplace"
sreq GET "$sandbox" -H 'Accept: application/xml'
expect_xpath '/error/@code' checkout_sign_in "a guest is asked to sign in"
JAR=$buyer_jar EMAIL=$buyer_email
sreq POST /sandbox/pay -b "$JAR" --data "${sandbox#*\?}&action=confirm"
expect_status 403 "confirming without the CSRF token"
check "nothing recorded by the refused attempts" test "$(sql "SELECT COUNT(*) FROM sandbox_txns WHERE payment_no = '$(sed -E 's/.*payment_no=([0-9]+).*/\1/' <<<"$sandbox")'")" = 0
sandbox_pay "$sandbox" confirm
expect_status 303 "return from the sandbox"
result=$(location)
check "to the payment result" grep -q '^/payments/[0-9]\{18\}$' <<<"$result"
check "balance credited once" test "$(balance)" = 100050
check "ledger row for the top-up" test "$(sql "SELECT CONCAT(kind, ' ', amount_cents, ' ', balance_after_cents) FROM ledger WHERE user_id = $(user_id)")" = "topup 100050 100050"
xget "$result" -b "$JAR"
expect_xpath '/page/payment/@status' succeeded "result page: success"
expect_xpath '/page/payment/@purpose' topup "a top-up"
get "$result" -b "$JAR"
expect_html "payment result page"
topup_no=${result#/payments/}

# The same return replayed, and the sandbox's notification (and replays of
# it), apply nothing more.
get "$RETURN_URL"
expect_status 303 "replayed return"
query=${RETURN_URL#*\?}
req POST /payments/notify/sandbox --data "$query"
expect_status 200 "notification acknowledged"
check "acknowledged as the provider expects" test "$(cat "$BODY")" = success
for i in 1 2 3; do req POST /payments/notify/sandbox --data "$query"; done
wait_sweep
check "the scheduler delivered the sandbox's own notification" test -n "$(sql "SELECT notified_at FROM sandbox_txns WHERE payment_no = '$topup_no'")"
check "still credited once" test "$(balance)" = 100050
check "still one ledger row" test "$(ledger_rows)" = 1

# Forged notifications: a wrong signature, an altered amount, a made-up
# payment. Each refused, nothing changes.
forged=$(sed -E 's/sign=[0-9a-f]{4}/sign=0000/' <<<"$query")
[ "$forged" = "$query" ] && forged=$(sed -E 's/sign=[0-9a-f]{4}/sign=ffff/' <<<"$query") # it began with 0000
req POST /payments/notify/sandbox --data "$forged"
expect_status 400 "tampered signature"
req POST /payments/notify/sandbox --data "${query/amount_cents=100050/amount_cents=999999}"
expect_status 400 "altered amount breaks the signature"
req POST /payments/notify/sandbox --data "$(sed -E 's/&sign=[0-9a-f]+//' <<<"$query")"
expect_status 400 "unsigned notification"
req POST /payments/notify/sandbox --data "$query&extra=1"
expect_status 400 "an unsigned extra field"
get "/payments/return/sandbox?$forged"
expect_status 400 "tampered return"
check "balance unchanged" test "$(balance)" = 100050

# Pay the order from the balance: one transaction, one debit, an instance.
pay_balance "$ORDER_NO"
expect_status 303 "pay from balance"
check "order paid" test "$(sql "SELECT CONCAT(status, ' ', payment_method) FROM orders WHERE order_no = '$ORDER_NO'")" = "paid balance"
check "balance debited" test "$(balance)" = $((100050 - cents))
check "ledger row for the payment" test "$(sql "SELECT amount_cents FROM ledger WHERE user_id = $(user_id) ORDER BY id DESC LIMIT 1")" = "-$cents"
check "instance created, provisioning" test "$(sql "SELECT i.status FROM instances i JOIN orders o ON o.instance_id = i.id WHERE o.order_no = '$ORDER_NO'")" = provisioning
xget "/payments/$PAYMENT_NO" -b "$JAR"
expect_xpath '/page/payment/@status' succeeded "payment result"
expect_xpath '/page/payment/order/@no' "$ORDER_NO" "links to the order"
expect_xpath 'string-length(/page/payment/order/@instance)' 14 "and to the instance"
get "/payments/$PAYMENT_NO" -b "$JAR"
expect_body '/services' "result links to purchased products & services"
expect_body "/orders/$ORDER_NO" "result links to the order"
for t in order.paid instance.created; do
  check "event $t" test "$(sql "SELECT COUNT(*) FROM events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$ORDER_NO' AND e.type = '$t'")" = 1
done
first=$PAYMENT_NO
pay_balance "$ORDER_NO"
check "paying again changes nothing" test "$(balance)" = $((100050 - cents))
check "paying again (an answer lost, a second tab) leads to the payment that paid it" test "$PAYMENT_NO" = "$first"
post "/orders/$ORDER_NO/pay" "csrf=$(csrf)&method=sandbox"
check "so does choosing the gateway for a paid order" test "$(location)" = "/payments/$first"
check "… and no gateway payment is started" \
  test "$(sql "SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.order_no = '$ORDER_NO'")" = 1

# Past its deadline (before the sweep cancels it) an order cannot be paid
# from the balance, nor sent to the gateway; nothing changes.
order "$product" "$spec" "$period"
# the scheduler's sweep would cancel it: hold the sweep's lease meanwhile
# (a round under way when it is taken gets half a second to end)
sql "UPDATE sweep_lease SET owner = 'test:$T_NAME', expires_at = UTC_TIMESTAMP(6) + INTERVAL 4 SECOND
     WHERE name = 'unpaid-orders'"
sleep 0.5
sql "UPDATE orders SET pay_by = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE order_no = '$ORDER_NO'"
before=$(balance)
rows=$(ledger_rows)
for method in balance sandbox; do
  post "/orders/$ORDER_NO/pay" "csrf=$(csrf)&method=$method"
  expect_status 303 "paying an overdue order ($method)"
  check "sent back to the order, saying why ($method)" test "$(location)" = "/orders/$ORDER_NO?notice=not_payable_overdue"
done
get "$(location)" -b "$JAR"
expect_body '超过支付期限' "the order page explains the deadline passed"
check "overdue: still unpaid (the sweep cancels it)" test "$(sql "SELECT status FROM orders WHERE order_no = '$ORDER_NO'")" = unpaid
check "overdue: balance unchanged" test "$(balance)" = "$before"
check "overdue: no ledger row" test "$(ledger_rows)" = "$rows"
check "overdue: no payment" \
  test "$(sql "SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.order_no = '$ORDER_NO'")" = 0

# Twenty parallel attempts to pay one order: exactly one debit.
order "$product" "$spec" "$period"
before=$(balance)
t=$(csrf)
for i in $(seq 1 20); do
  curl -s -o /dev/null -b "$JAR" --data "csrf=$t&method=balance" "$BASE/orders/$ORDER_NO/pay" &
done
wait
check "one debit for twenty attempts" test "$(sql "SELECT COUNT(*) FROM ledger l JOIN orders o ON o.id = l.order_id WHERE o.order_no = '$ORDER_NO'")" = 1
check "balance down by one price" test "$(balance)" = $((before - cents))
check "one instance" test "$(sql "SELECT COUNT(*) FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")" = 1

# Two tabs: one pays through the gateway while the other pays from the
# balance. The order is paid once; the gateway's money goes to the balance.
order "$product" "$spec" "$period"
post "/orders/$ORDER_NO/pay" "csrf=$t&method=sandbox"
gw=$(location)
before=$(balance)
pay_balance "$ORDER_NO"
sandbox_pay "$gw" confirm
check "order paid once, from the balance" test "$(sql "SELECT payment_method FROM orders WHERE order_no = '$ORDER_NO'")" = balance
check "gateway money credited back" test "$(balance)" = "$before"
xget "$(location)" -b "$JAR"
expect_xpath '/page/payment/@outcome' credited_to_balance "result explains the credit"
credited=$(xpath '/page/payment/@no')
paid_by=$(sql "SELECT p.payment_no FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.order_no = '$ORDER_NO' AND p.method = 'balance'")
pay_balance "$ORDER_NO"
check "paying again leads to the balance payment that paid it, not the credited one" \
  test "$PAYMENT_NO" = "$paid_by" -a "$PAYMENT_NO" != "$credited"

# Paying through the sandbox: the order is paid by the return.
order "$product" "$spec" "$period"
post "/orders/$ORDER_NO/pay" "csrf=$t&method=sandbox"
sandbox_pay "$(location)" confirm
check "gateway payment paid the order" test "$(sql "SELECT CONCAT(status, ' ', payment_method) FROM orders WHERE order_no = '$ORDER_NO'")" = "paid gateway"
check "exactly one instance for it" test "$(sql "SELECT COUNT(*) FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")" = 1

# Cancelling at the sandbox: the payment is cancelled, the order still unpaid.
order "$product" "$spec" "$period"
post "/orders/$ORDER_NO/pay" "csrf=$t&method=sandbox"
sandbox_pay "$(location)" cancel
check "order still unpaid" test "$(sql "SELECT status FROM orders WHERE order_no = '$ORDER_NO'")" = unpaid
xget "$(location)" -b "$JAR"
expect_xpath '/page/payment/@status' cancelled "result page: not paid"
get "$(location)" -b "$JAR"
expect_html "payment failure page"

# Bad amounts: each refused with a clear error, nothing changes.
before=$(balance)
rows=$(ledger_rows)
payments=$(sql "SELECT COUNT(*) FROM payments WHERE user_id = $(user_id)")
for amount in -5 0 0.5 0.001 1.234 50000.01 99999999999 abc 1e3 '%20' '10%2C00'; do
  post /account/topup "csrf=$t&amount=$amount" -H 'Accept: application/xml'
  check "top-up of '$amount' refused ($STATUS)" test "$STATUS" -ge 400 -a "$STATUS" -lt 500
done
post /account/topup "csrf=$t&amount=abc"
expect_status 422 "bad amount in the page"
expect_body 'class="[^"]*field-error|flash-error' "the page says what is wrong"
check "no payment started" test "$(sql "SELECT COUNT(*) FROM payments WHERE user_id = $(user_id)")" = "$payments"
check "balance unchanged" test "$(balance)" = "$before"
check "ledger unchanged" test "$(ledger_rows)" = "$rows"
post /account/topup "amount=10"
expect_status 403 "top-up without CSRF"

# The account page shows the ledger; another buyer cannot see a payment.
xget /account -b "$JAR"
expect_xpath '/page/account/balance/@cents' "$(balance)" "account shows the balance"
expect_xpath "count(/page/account/ledger/entry) = $(ledger_rows)" true "every ledger row listed"
mine=$PAYMENT_NO
as_buyer frank
xget "/payments/$mine" -b "$JAR"
expect_status 404 "someone else's payment"
check "ledger sums to the balance for everyone" ledger_consistent

done_testing
