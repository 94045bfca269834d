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
printf 'login-url=https://x&account=y' > "$OUT/form.txt"

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

# Without a valid signature nothing is learned about routes or parameters:
# every request under /partner/ is authenticated first.
unsigned() { # DESCRIPTION METHOD TARGET [curl args]
  local what=$1
  shift
  req "$1" "$2" "${@:3}"
  expect_status 401 "unsigned: $what"
  expect_header WWW-Authenticate '^MP-HMAC-SHA256$' "unsigned: $what"
  expect_xpath '/error/@code' missing_header "unsigned: $what"
  check "unsigned: $what: error document valid" valid_against error
}
unsigned "a bad limit" GET '/partner/v1/events?limit=abc'
unsigned "a limit too large" GET '/partner/v1/events?limit=100000'
unsigned "a bad status" GET '/partner/v1/instances?status=running'
unsigned "a path that does not exist" GET /partner/v1/nothing-here
unsigned "a path outside v1" GET /partner/v2/events
unsigned "a wrong method" DELETE "/partner/v1/instances/$ins"
unsigned "a malformed instance number" GET /partner/v1/instances/INS-1
unsigned "a repeated name" GET '/partner/v1/events?limit=1&limit=2'
unsigned "malformed percent-encoding" GET '/partner/v1/events?limit=%G1'
unsigned "a form body" POST "/partner/v1/instances/$ins/app-info" --data 'login-url=x'
OMIT=X-MP-Nonce preq "$KEY_ID" "$SECRET" GET '/partner/v1/events?limit=abc'
expect_status 401 "without a nonce, even with a bad limit"
expect_xpath '/error/@code' missing_header "without a nonce: missing_header"
badly() { # DESCRIPTION METHOD TARGET [BODYFILE]
  preq "$KEY_ID" wrong-secret "$2" "$3" "${4:-}"
  expect_status 401 "badly signed: $1"
  expect_header WWW-Authenticate '^MP-HMAC-SHA256$' "badly signed: $1"
  expect_xpath '/error/@code' bad_signature "badly signed: $1"
}
badly "a bad limit" GET '/partner/v1/events?limit=abc'
badly "a path that does not exist" GET /partner/v1/nothing-here
badly "a wrong method" DELETE "/partner/v1/instances/$ins"
CTYPE=application/x-www-form-urlencoded badly "a form body" POST "/partner/v1/instances/$ins/app-info" "$OUT/form.txt"
SKEW=-400 preq "$KEY_ID" "$SECRET" GET '/partner/v1/events?limit=%G1'
expect_status 401 "a stale request with an unparsable query"
expect_xpath '/error/@code' stale_timestamp "stale_timestamp first"

# Signed correctly, the same requests hear what is wrong with them.
preq "$KEY_ID" "$SECRET" GET '/partner/v1/events?limit=abc'
expect_status 400 "signed: a bad limit"
expect_xpath '/error/@code' bad_request "signed: bad_request"
preq "$KEY_ID" "$SECRET" GET /partner/v1/nothing-here
expect_status 404 "signed: a path that does not exist"
expect_xpath '/error/@code' not_found "signed: not_found"
preq "$KEY_ID" "$SECRET" DELETE "/partner/v1/instances/$ins"
expect_status 405 "signed: a wrong method"
expect_header Allow 'GET' "signed: Allow names the methods"
preq "$KEY_ID" "$SECRET" GET '/partner/v1/events?limit=1&limit=2'
expect_status 400 "signed: a repeated name"
expect_xpath "contains(/error, 'more than once')" true "signed: a repeated name is named"
preq "$KEY_ID" "$SECRET" GET '/partner/v1/events?limit=%G1'
expect_status 400 "signed: malformed percent-encoding"
expect_xpath "contains(/error, 'percent-encoding')" true "signed: the encoding is named"

# A correctly signed request spends its nonce even when it is refused
# afterwards; a refused signature does not.
NONCE=spent-on-a-404 preq "$KEY_ID" "$SECRET" GET /partner/v1/nothing-here
expect_status 404 "a 404 with a fresh nonce"
NONCE=spent-on-a-404 preq "$KEY_ID" "$SECRET" GET /partner/v1/events?limit=1
expect_status 401 "its nonce is spent"
expect_xpath '/error/@code' replayed_nonce "replayed_nonce"
NONCE=not-spent-by-401 preq "$KEY_ID" wrong-secret GET /partner/v1/events?limit=1
expect_status 401 "a bad signature"
NONCE=not-spent-by-401 preq "$KEY_ID" "$SECRET" GET /partner/v1/events?limit=1
expect_status 200 "its nonce can still be used"

# Partner calls take XML bodies only: anything else is 415, naming the type.
cat > "$OUT/app.xml" <<XML
<app-info><login-url>https://app.example.com/e</login-url><account>edges@corp</account></app-info>
XML
before=$(sql "SELECT CONCAT_WS('|', COALESCE(account, '-'), status, updated_at) FROM instances WHERE instance_no = '$ins'")
for type in application/x-www-form-urlencoded text/plain application/json application/xmlx multipart/form-data ""; do
  CTYPE=$type preq "$KEY_ID" "$SECRET" POST "/partner/v1/instances/$ins/app-info" "$OUT/app.xml"
  expect_status 415 "a body of type '$type'"
  expect_header Content-Type '^application/xml' "415 '$type'"
  expect_xpath '/error/@code' unsupported_media_type "415 '$type': code"
  expect_xpath "contains(/error, 'application/xml')" true "415 '$type': names the type it takes"
  check "415 '$type': error document valid" valid_against error
done
req POST "/partner/v1/instances/$ins/app-info" --data-binary "@$OUT/app.xml"
expect_status 401 "curl -d without a signature: 401 first"
check "no 415 changed anything" test "$(sql "SELECT CONCAT_WS('|', COALESCE(account, '-'), status, updated_at) FROM instances WHERE instance_no = '$ins'")" = "$before"
CTYPE='text/xml; charset=utf-8' preq "$KEY_ID" "$SECRET" POST "/partner/v1/instances/$ins/app-info" "$OUT/app.xml"
expect_status 200 "text/xml with a charset"
CTYPE='Application/XML;charset=UTF-8' preq "$KEY_ID" "$SECRET" POST "/partner/v1/instances/$ins/app-info" "$OUT/app.xml"
expect_status 200 "application/xml in any case"
expect_xpath '/instance/app-info/account' edges@corp "provisioned"

# A page holds 1 to 200 rows; more is refused, not quietly capped.
for target in /partner/v1/events /partner/v1/orders /partner/v1/instances; do
  for limit in 0 201 1000000; do
    preq "$KEY_ID" "$SECRET" GET "$target?limit=$limit"
    expect_status 400 "$target?limit=$limit"
    expect_xpath '/error/@code' bad_request "$target?limit=$limit: bad_request"
    expect_xpath "contains(/error, 'from 1 to 200')" true "$target?limit=$limit: says 1 to 200"
  done
  preq "$KEY_ID" "$SECRET" GET "$target?limit=200"
  expect_status 200 "$target?limit=200"
  expect_xpath '/*/@limit' 200 "$target: 200 rows at most"
  preq "$KEY_ID" "$SECRET" GET "$target?limit=1"
  expect_xpath '/*/@limit' 1 "$target: one row"
done

# The path is signed as sent on the request line, before nginx decodes
# and normalizes it.
encoded="/partner/v1/instances/ins%2D${ins#ins-}"
preq "$KEY_ID" "$SECRET" GET "$encoded"
expect_status 200 "a percent-encoded path, signed as sent"
expect_xpath '/instance/@no' "$ins" "the instance it names"
preq "$KEY_ID" "$SECRET" GET "/partner/v1/instances/ins%2d${ins#ins-}"
expect_status 200 "lower-case hex in the path, signed as sent"
SIGN_PATH="/partner/v1/instances/$ins" preq "$KEY_ID" "$SECRET" GET "$encoded"
expect_status 401 "signing the decoded path instead"
expect_xpath '/error/@code' bad_signature "decoded path: bad_signature"
preq "$KEY_ID" "$SECRET" GET '/partner/v1/x/../events?limit=1' '' --path-as-is
expect_status 200 "a path with a dot segment, signed as sent"
SIGN_PATH=/partner/v1/events preq "$KEY_ID" "$SECRET" GET '/partner/v1/x/../events?limit=1' '' --path-as-is
expect_status 401 "signing the normalized path instead"
MP_PARTNER_URL=$BASE MP_PARTNER_KEY=$KEY_ID MP_PARTNER_SECRET=$SECRET "$ROOT/bin/mp-partner" get "$encoded" > "$BODY" 2>"$OUT/client.err"
check "the partner client signs an encoded path as it sends it ($(cat "$OUT/client.err"))" grep -qx 'HTTP 200' "$OUT/client.err"

# Nonces are kept for twice the clock window, then the scheduler purges them.
sql "INSERT INTO partner_nonces (key_ref, nonce, created_at) VALUES
  ($key_ref, 'purge-old-1', UTC_TIMESTAMP(6) - INTERVAL 11 MINUTE),
  ($key_ref, 'purge-old-2', UTC_TIMESTAMP(6) - INTERVAL 2 DAY),
  ($key_ref, 'purge-recent', UTC_TIMESTAMP(6) - INTERVAL 9 MINUTE),
  ($key_ref, 'purge-fresh', UTC_TIMESTAMP(6))"
sql "INSERT INTO partner_nonces (key_ref, nonce, created_at)
  WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
  SELECT $key_ref, CONCAT('purge-bulk-', a.i, '-', b.i), UTC_TIMESTAMP(6) - INTERVAL 1 HOUR FROM n a, n b"
wait_sweep
left() { sql "SELECT GROUP_CONCAT(nonce ORDER BY nonce) FROM partner_nonces WHERE key_ref = $key_ref AND nonce LIKE 'purge-%'"; }
check "old nonces purged in batches, recent ones kept ($(left))" test "$(left)" = purge-fresh,purge-recent
NONCE=purge-recent preq "$KEY_ID" "$SECRET" GET /partner/v1/events?limit=1
expect_status 401 "a kept nonce is still refused"
expect_xpath '/error/@code' replayed_nonce "kept nonce: replayed_nonce"

done_testing
