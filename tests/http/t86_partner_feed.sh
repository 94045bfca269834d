#!/usr/bin/env bash
# A partner pages through its event feed while buyers keep creating events
# in parallel: every committed event is read exactly once, in order.
. "$ROOT/tests/lib.sh"

product=$(sql "SELECT p.id FROM products p WHERE p.listed = 1 AND p.delivery_mode = 'auto' ORDER BY p.price_from_cents, p.id LIMIT 1")
vendor=$(sql "SELECT v.slug FROM vendors v JOIN products p ON p.vendor_id = v.id WHERE p.id = $product")
vendor_id=$(sql "SELECT vendor_id FROM products WHERE id = $product")
sql "UPDATE partner_keys SET status = 'revoked', revoked_at = UTC_TIMESTAMP(6) WHERE vendor_id = $vendor_id AND status = 'active'"
partner_key "$vendor"
read -r spec period cents <<<"$(offer "$product")"
start=$(sql "SELECT COALESCE(MAX(id), 0) FROM events WHERE vendor_id = $vendor_id")

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
  xmllint --xpath '/events/event/@id' "$BODY" 2>/dev/null | grep -o '[0-9]\+' >> "$OUT/seen"
  cursor=$(xpath '/events/@next')
  if [ "$(xpath '/events/@more')" = false ]; then
    [ $writing = 0 ] && break
    kill -0 "${writers[@]}" 2>/dev/null || writing=0
    sleep 0.05
  fi
done
wait

sql "SELECT id FROM events WHERE vendor_id = $vendor_id AND id > $start ORDER BY id" > "$OUT/all"
total=$(wc -l < "$OUT/all")
check "events were appended meanwhile ($total)" test "$total" -ge 40
check "read in many pages ($pages)" test "$pages" -ge 10
check "no event read twice" test "$(sort "$OUT/seen" | uniq -d | wc -l)" = 0
check "read in id order" cmp -s "$OUT/seen" <(sort -n "$OUT/seen")
check "every committed event read, none skipped" cmp -s "$OUT/seen" "$OUT/all"

# A slow transaction holds an early event id while a later request appends
# another: the feed must not hand out the later one first (a reader that
# moved its cursor past it would never see the early one).
cursor=$(sql "SELECT COALESCE(MAX(id), 0) FROM events WHERE vendor_id = $vendor_id")
user=$(user_id)
( mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root mp -e "
    START TRANSACTION;
    UPDATE event_clock SET ticks = ticks + 1 WHERE id = 1;
    INSERT INTO events (vendor_id, type, actor, user_id, created_at) VALUES ($vendor_id, 'test.slow', 'system', $user, UTC_TIMESTAMP(6));
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
expect_xpath '/events/event[2]/@type' order.created "and the later one after it"

done_testing
