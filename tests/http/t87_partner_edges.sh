#!/usr/bin/env bash
# The partner API's edges: empty parameters, what an unsigned caller can
# learn, bodies that are not XML, page sizes, the path as signed, the key's
# last use, and the nonce table kept to the clock window.
. "$ROOT/tests/lib.sh"

product=$(sql "SELECT p.id FROM products p WHERE p.listed = 1 AND p.delivery_mode = 'auto' ORDER BY p.price_from_cents, p.id LIMIT 1")
vendor=$(sql "SELECT v.slug FROM vendors v JOIN products p ON p.vendor_id = v.id WHERE p.id = $product")
vendor_id=$(sql "SELECT vendor_id FROM products WHERE id = $product")
sql "UPDATE partner_keys SET status = 'revoked', revoked_at = UTC_TIMESTAMP(6) WHERE vendor_id = $vendor_id AND status = 'active'"
partner_key "$vendor"
key_ref=$(sql "SELECT id FROM partner_keys WHERE key_id = '$KEY_ID'")

# the vendor has an instance still provisioning
as_buyer edges
topup 50000
order "$product"
pay_balance "$ORDER_NO"
ins=$(sql "SELECT i.instance_no FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")
all=$(sql "SELECT COUNT(*) FROM instances WHERE vendor_id = $vendor_id")

# An empty optional parameter is no parameter: no filter, no cursor.
preq "$KEY_ID" "$SECRET" GET '/partner/v1/instances?status=&limit=200'
expect_status 200 "an empty status"
check "an empty status: the document is valid" valid_against instances
expect_xpath 'boolean(/instances/@status)' false "an empty status is no filter"
expect_xpath "count(/instances/instance) = $( [ "$all" -gt 200 ] && echo 200 || echo "$all")" true "every instance, not none"
expect_xpath "count(/instances/instance[@no='$ins'])" "$( [ "$all" -gt 200 ] && echo 0 || echo 1)" "the new one among them"
preq "$KEY_ID" "$SECRET" GET '/partner/v1/instances?status=&after=&limit='
expect_status 200 "empty status, cursor and limit"
check "empty status, cursor and limit: valid" valid_against instances
expect_xpath '/instances/@after' 0 "an empty cursor is the start"
expect_xpath '/instances/@limit' 50 "an empty limit is the default"
preq "$KEY_ID" "$SECRET" GET '/partner/v1/events?after=&limit='
expect_status 200 "events with an empty cursor and limit"
check "events: valid" valid_against events
preq "$KEY_ID" "$SECRET" GET '/partner/v1/instances?status=provisioning&limit=200'
expect_xpath '/instances/@status' provisioning "a status given is still a filter"
expect_xpath "count(/instances/instance[@status!='provisioning'])" 0 "only provisioning ones"

# A key's last use is written when it authenticates, at most once a minute.
used() { sql "SELECT COALESCE(TIMESTAMPDIFF(SECOND, last_used_at, UTC_TIMESTAMP(6)), 'never') FROM partner_keys WHERE id = $key_ref"; }
sql "UPDATE partner_keys SET last_used_at = NULL WHERE id = $key_ref"
preq "$KEY_ID" "wrong-secret" GET /partner/v1/events?limit=1
expect_status 401 "a bad signature"
check "a refused request does not count as a use ($(used))" test "$(used)" = never
OMIT=X-MP-Signature preq "$KEY_ID" "$SECRET" GET /partner/v1/events?limit=1
check "nor does an unsigned one ($(used))" test "$(used)" = never
preq "$KEY_ID" "$SECRET" GET /partner/v1/events?limit=1
expect_status 200 "a signed request"
check "the first use is written ($(used))" test "$(used)" -le 2
sql "UPDATE partner_keys SET last_used_at = UTC_TIMESTAMP(6) - INTERVAL 30 SECOND WHERE id = $key_ref"
preq "$KEY_ID" "$SECRET" GET /partner/v1/events?limit=1
check "within the minute it is left alone ($(used))" test "$(used)" -ge 29
sql "UPDATE partner_keys SET last_used_at = UTC_TIMESTAMP(6) - INTERVAL 2 MINUTE WHERE id = $key_ref"
preq "$KEY_ID" "$SECRET" GET /partner/v1/events?limit=1
check "after a minute it is written again ($(used))" test "$(used)" -le 2
check "mp-admin lists the last use" bash -c "'$ROOT/bin/mp-admin' -c '$STATE/mp.conf' partner-key list '$vendor' | grep '^$KEY_ID' | grep -Eq 'last used [0-9]{4}-'"

done_testing
