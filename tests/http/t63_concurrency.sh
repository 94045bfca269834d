#!/usr/bin/env bash
# One buyer in several tabs at once, through nginx: one tab submitting
# orders while another pays them, five payments of one order at the same
# moment, a cancel racing a pay. No request may answer 503 (a deadlock the
# transaction helper could not retry away), every order ends in exactly one
# state, and money adds up.
. "$ROOT/tests/lib.sh"

LOAD_N=${LOAD_N:-150}
product=$(sql "SELECT id FROM products WHERE listed = 1 AND delivery_mode = 'auto' ORDER BY id LIMIT 1")
read -r spec period cents <<<"$(offer "$product")"
log_mark=$(wc -l < "$STATE/log/pool.log")

# as_rich_buyer NAME: a new buyer with enough balance for every run below
# (a top-up through the sandbox gateway, as a buyer would).
as_rich_buyer() {
  as_buyer "$1"
  topup "$(( cents * (LOAD_N + 10) / 100 + 1 ))"
  [ "$(balance)" -ge $(( cents * LOAD_N )) ] || fail "$1's top-up: balance $(balance)"
}

# load MODE N: runs the scripted clients as the current buyer; sets RESULT.
load() {
  local cookie
  cookie=$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$JAR")
  RESULT=$(COOKIE=$cookie CSRF=$(csrf) PRODUCT=$product SPEC=$spec PERIOD=$period \
    node "$ROOT/tests/http/buyer_load.mjs" "$BASE" "$1" "$2")
  echo "  $1: $(jq -c .counts <<<"$RESULT")"
}

# n KIND STATUS: how many KIND requests answered STATUS in the last run.
n() { jq -r ".counts.\"$1\".\"$2\" // 0" <<<"$RESULT"; }
# others KIND STATUS...: how many KIND requests answered something else.
others() {
  local kind=$1
  shift
  jq -r --argjson ok "$(printf '%s\n' "$@" | jq -R . | jq -s .)" \
    "[.counts.\"$kind\" // {} | to_entries[] | select(.key as \$k | \$ok | index(\$k) | not) | .value] | add // 0" <<<"$RESULT"
}
orders_in() { jq -r '.orders | map("'"'"'" + . + "'"'"'") | join(",")' <<<"$RESULT"; }

# Two tabs: one submits orders, the other pays each as soon as it appears.
as_rich_buyer tabs
load tabs "$LOAD_N"
check "two tabs: every submission answered 303" test "$(n submit 303)" = "$LOAD_N"
check "two tabs: no submission answered anything else" test "$(others submit 303)" = 0
check "two tabs: every payment answered 303" test "$(n pay 303)" = "$LOAD_N"
check "two tabs: no payment answered anything else" test "$(others pay 303)" = 0
check "two tabs: no 503 at all" test "$(n submit 503)$(n pay 503)" = 00
check "two tabs: every order paid" \
  test "$(sql "SELECT COUNT(*) FROM orders WHERE status = 'paid' AND order_no IN ($(orders_in))")" = "$LOAD_N"
check "two tabs: one instance per order" \
  test "$(sql "SELECT COUNT(*) FROM instances WHERE user_id = $(user_id)")" = "$LOAD_N"
check "two tabs: debited once per order" \
  test "$(sql "SELECT -SUM(amount_cents) FROM ledger WHERE user_id = $(user_id) AND kind = 'payment'")" = $(( cents * LOAD_N ))

# Five payments of one order at the same moment: one debit, no 503.
DOUBLE_N=$(( LOAD_N / 3 ))
as_rich_buyer doubler
load doublepay "$DOUBLE_N"
check "double pay: no 503" test "$(n pay 503)" = 0
check "double pay: every attempt answered 303" test "$(others pay 303)" = 0
check "double pay: every order paid once" \
  test "$(sql "SELECT COUNT(*) FROM payments WHERE user_id = $(user_id) AND purpose = 'order' AND status = 'succeeded'")" = "$DOUBLE_N"
check "double pay: debited once per order" \
  test "$(sql "SELECT -SUM(amount_cents) FROM ledger WHERE user_id = $(user_id) AND kind = 'payment'")" = $(( cents * DOUBLE_N ))

# A cancel and a pay of one order at the same moment: one of them wins.
as_rich_buyer canceller
load cancelpay "$DOUBLE_N"
check "cancel and pay: no 503" test "$(n pay 503)$(n cancel 503)" = 00
check "cancel and pay: every request answered 303" test "$(others pay 303)$(others cancel 303)" = 00
paid=$(sql "SELECT COUNT(*) FROM orders WHERE user_id = $(user_id) AND status = 'paid'")
cancelled=$(sql "SELECT COUNT(*) FROM orders WHERE user_id = $(user_id) AND status = 'cancelled'")
echo "  cancel and pay: $paid paid, $cancelled cancelled"
check "cancel and pay: every order paid or cancelled" test $(( paid + cancelled )) = "$DOUBLE_N"
check "cancel and pay: a debit for each paid order only" \
  test "$(sql "SELECT COUNT(*) FROM ledger WHERE user_id = $(user_id) AND kind = 'payment'")" = "$paid"
check "cancel and pay: instances only for paid orders" \
  test "$(sql "SELECT COUNT(*) FROM instances WHERE user_id = $(user_id)")" = "$paid"

# A transaction that waits longer than one lock wait (5 s) on the buyer's
# row is rolled back by the server and tried again: the buyer still gets
# the payment, not a 503, and the pool's log says it took two attempts.
order "$product" "$spec" "$period"
mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root mp -e \
  "START TRANSACTION; SELECT id FROM users WHERE id = $(user_id) FOR UPDATE; DO SLEEP(7); COMMIT;" >/dev/null &
holder=$!
sleep 0.5
pay_balance "$ORDER_NO"
check "a payment that outwaited a lock wait timeout went through (status $STATUS)" test -n "$PAYMENT_NO"
wait $holder
check "the log shows it was retried" grep -q 'transaction done on attempt [2-9]' \
  <(tail -n +"$((log_mark + 1))" "$STATE/log/pool.log")

check "every balance equals its ledger" ledger_consistent
retries=$(tail -n +"$((log_mark + 1))" "$STATE/log/pool.log" | grep -c 'gave up after' || true)
check "no transaction gave up on its retries" test "$retries" = 0

done_testing
