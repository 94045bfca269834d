#!/usr/bin/env bash
# A partner pages through its event feed while buyers keep creating events
# in parallel: every committed event is read exactly once, in order, by
# the vendor's own gap-free sequence; a transaction still waiting for its
# locks never holds up the vendor's feed, and vendors never wait on each
# other.
. "$ROOT/tests/lib.sh"

product=$(sql "SELECT p.id FROM products p WHERE p.listed = 1 AND p.delivery_mode = 'auto' ORDER BY p.price_from_cents, p.id LIMIT 1")
vendor=$(sql "SELECT v.slug FROM vendors v JOIN products p ON p.vendor_id = v.id WHERE p.id = $product")
vendor_id=$(sql "SELECT vendor_id FROM products WHERE id = $product")
sql "UPDATE partner_keys SET status = 'revoked', revoked_at = UTC_TIMESTAMP(6) WHERE vendor_id = $vendor_id AND status = 'active'"
partner_key "$vendor"
read -r spec period _ <<<"$(offer "$product")"
seq_now() { sql "SELECT COALESCE(MAX(seq), 0) FROM events WHERE vendor_id = $1"; }
start=$(seq_now "$vendor_id")

# four buyers, each placing and paying orders as fast as they can
writers=()
for w in 1 2 3 4; do
  as_buyer "writer$w"
  topup 50000
  (
    t=$(csrf)
    end=$(( $(date +%s) + 6 ))
    i=0
    while [ "$(date +%s)" -lt "$end" ]; do
      i=$((i + 1))
      loc=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$JAR" \
        --data "csrf=$t&product=$product&spec=$spec&period=$period&idem=$(printf '%08x%024x' "$w" "$i")" "$BASE/orders")
      no=$(sed -nE 's|.*/orders/([0-9]+)/pay$|\1|p' <<<"$loc")
      [ -n "$no" ] && [ $((i % 2)) = 0 ] &&
        curl -s -o /dev/null -b "$JAR" --data "csrf=$t&method=balance" "$BASE/orders/$no/pay"
    done
  ) &
  writers+=($!)
done

# the partner reads in small pages the whole time
cursor=$start
: > "$OUT/seen"
pages=0
writing=1
while :; do
  preq "$KEY_ID" "$SECRET" GET "/partner/v1/events?after=$cursor&limit=7"
  [ "$STATUS" = 200 ] || { fail "feed page: $STATUS"; break; }
  pages=$((pages + 1))
  xmllint --xpath '/events/event/@seq' "$BODY" 2>/dev/null | grep -o '[0-9]\+' >> "$OUT/seen"
  cursor=$(xpath '/events/@next')
  if [ "$(xpath '/events/@more')" = false ]; then
    [ $writing = 0 ] && break
    kill -0 "${writers[@]}" 2>/dev/null || writing=0
    sleep 0.05
  fi
done
wait

sql "SELECT seq FROM events WHERE vendor_id = $vendor_id AND seq > $start ORDER BY seq" > "$OUT/all"
total=$(wc -l < "$OUT/all")
check "events were appended meanwhile ($total)" test "$total" -ge 40
check "read in many pages ($pages)" test "$pages" -ge 10
check "no event read twice" test "$(sort "$OUT/seen" | uniq -d | wc -l)" = 0
check "read in sequence order" cmp -s "$OUT/seen" <(sort -n "$OUT/seen")
check "every committed event read, none skipped" cmp -s "$OUT/seen" "$OUT/all"
check "the sequence has no gaps" cmp -s "$OUT/all" <(seq $((start + 1)) $((start + total)))
last=$(seq_now "$vendor_id")
preq "$KEY_ID" "$SECRET" GET "/partner/v1/events?after=$last"
expect_status 200 "a cursor at the last number: an empty page"
expect_xpath 'count(/events/event)' 0 "nothing after the last"
preq "$KEY_ID" "$SECRET" GET "/partner/v1/events?after=$((last + 1))"
expect_status 400 "a cursor past the last number (an old global id) is refused"
expect_xpath '/error/@code' bad_request "with a clear error"
check "which says to start again from 0" grep -q 'start again from after=0' "$BODY"
check "every event of the vendor has its number" \
  test "$(sql "SELECT COUNT(*) FROM events WHERE vendor_id = $vendor_id AND seq IS NULL")" = 0
check "the vendor's counter is its last number" \
  test "$(sql "SELECT last_seq FROM vendor_event_seq WHERE vendor_id = $vendor_id")" = "$(seq_now "$vendor_id")"

# A slow transaction holds an early number while a later request appends
# another: the feed must not hand out the later one first (a reader that
# moved its cursor past it would never see the early one). The counter is
# taken with its row lock, so the later request waits for the slow one.
cursor=$(seq_now "$vendor_id")
user=$(user_id)
( mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root mp -e "
    START TRANSACTION;
    UPDATE vendor_event_seq SET last_seq = last_seq + 1 WHERE vendor_id = $vendor_id;
    INSERT INTO events (vendor_id, seq, type, actor, user_id, created_at)
      SELECT $vendor_id, last_seq, 'test.slow', 'system', $user, UTC_TIMESTAMP(6) FROM vendor_event_seq WHERE vendor_id = $vendor_id;
    DO SLEEP(3);
    COMMIT;" ) &
slow=$!
sleep 0.5
t=$(csrf)
( curl -s -o /dev/null -b "$JAR" --data "csrf=$t&product=$product&spec=$spec&period=$period&idem=$(printf '%032x' $RANDOM)" "$BASE/orders" ) &
fast=$!
sleep 1
preq "$KEY_ID" "$SECRET" GET "/partner/v1/events?after=$cursor"
check "while the early event is uncommitted, the later one is not visible either" test "$(xpath 'count(/events/event)')" = 0
wait $slow $fast
preq "$KEY_ID" "$SECRET" GET "/partner/v1/events?after=$cursor"
expect_xpath '/events/event[1]/@type' test.slow "then both, the early one first"
expect_xpath '/events/event[1]/@seq' $((cursor + 1)) "numbered next"
expect_xpath '/events/event[2]/@type' order.created "and the later one after it"
expect_xpath '/events/event[2]/@seq' $((cursor + 2)) "numbered after it"

# The counter is taken last: a buyer's transaction that waits for its
# order's row does not hold the vendor's counter meanwhile, so another
# buyer of the same vendor goes ahead (and is numbered first).
order "$product" "$spec" "$period"
held=$ORDER_NO
held_jar=$JAR
cursor=$(seq_now "$vendor_id")
( mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root mp -e "
    START TRANSACTION;
    SELECT id FROM orders WHERE order_no = '$held' FOR UPDATE;
    DO SLEEP(3);
    COMMIT;" >/dev/null ) &
locker=$!
sleep 0.5
JAR=$held_jar
( curl -s -o /dev/null -b "$JAR" --data "csrf=$(csrf)&method=balance" "$BASE/orders/$held/pay" ) &
waiting=$!
sleep 0.5
as_buyer other
other_jar=$JAR
order "$product" "$spec" "$period"
other_done=$(sql "SELECT COUNT(*) FROM events WHERE vendor_id = $vendor_id AND seq > $cursor AND type = 'order.created'")
check "another buyer of the vendor was not held up by the waiting payment" test "$other_done" = 1
wait $locker $waiting
check "the waiting payment went through after the lock" \
  test "$(sql "SELECT status FROM orders WHERE order_no = '$held'")" = paid
preq "$KEY_ID" "$SECRET" GET "/partner/v1/events?after=$cursor"
expect_xpath '/events/event[1]/@type' order.created "the other buyer's event first"
expect_xpath '/events/event[2]/@type' order.paid "the payment's after it"
expect_xpath '/events/event[3]/@type' instance.created "and its instance's"

# Vendors do not wait on each other: while one vendor's counter is held,
# another vendor's buyer orders and is numbered at once.
other_product=$(sql "SELECT p.id FROM products p WHERE p.listed = 1 AND p.vendor_id <> $vendor_id ORDER BY p.id LIMIT 1")
other_vendor=$(sql "SELECT vendor_id FROM products WHERE id = $other_product")
( mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root mp -e "
    START TRANSACTION;
    UPDATE vendor_event_seq SET last_seq = last_seq WHERE vendor_id = $vendor_id;
    DO SLEEP(3);
    COMMIT;" ) &
holder=$!
sleep 0.5
JAR=$other_jar
before_other=$(seq_now "$other_vendor")
order "$other_product"
check "another vendor's event numbered while the first vendor's counter is held" \
  test "$(seq_now "$other_vendor")" = $((before_other + 1))
check "… without waiting for the held one" kill -0 $holder
wait $holder

done_testing
