#!/usr/bin/env bash
# Partners: the whole provisioning loop over signed XML, free-login
# verification, and every refusal (each changes nothing).
. "$ROOT/tests/lib.sh"

product=$(sql "SELECT p.id FROM products p WHERE p.listed = 1 AND p.delivery_mode = 'auto' AND p.free_login = 1 ORDER BY p.price_from_cents, p.id LIMIT 1")
vendor=$(sql "SELECT v.slug FROM vendors v JOIN products p ON p.vendor_id = v.id WHERE p.id = $product")
vendor_id=$(sql "SELECT vendor_id FROM products WHERE id = $product")
other=$(sql "SELECT slug FROM vendors WHERE id <> $vendor_id AND status = 'active' ORDER BY id LIMIT 1")
# start from no keys (the story may run again on the same database)
sql "UPDATE partner_keys SET status = 'revoked', revoked_at = UTC_TIMESTAMP(6) WHERE status = 'active'"
partner_key "$other"
B_KEY=$KEY_ID B_SECRET=$SECRET
partner_key "$vendor"
A_KEY=$KEY_ID A_SECRET=$SECRET
check "the secret is stored sealed, not in the clear" test "$(sql "SELECT COUNT(*) FROM partner_keys WHERE secret_enc LIKE '%$A_SECRET%'")" = 0
# pc ARGS: the project's own partner client, as the vendor's system uses it
pc() {
  MP_PARTNER_URL=$BASE MP_PARTNER_KEY=$A_KEY MP_PARTNER_SECRET=$A_SECRET "$ROOT/bin/mp-partner" "$@" > "$BODY" 2>"$OUT/client.err"
  STATUS=$(sed -n 's/^HTTP \([0-9]*\)$/\1/p' "$OUT/client.err")
}

# The vendor's cursor starts at the end of its log.
pc get '/partner/v1/events?limit=200'
check "the partner client reads the feed" valid_against events
cursor=$(xpath '/events/@next')
while [ "$(xpath '/events/@more')" = true ]; do pc get "/partner/v1/events?after=$cursor&limit=200"; cursor=$(xpath '/events/@next'); done

# A buyer pays; the event appears in the vendor's feed.
as_buyer ivan
topup 50000
order "$product"
pay_balance "$ORDER_NO"
ins=$(sql "SELECT i.instance_no FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")
pc get "/partner/v1/events?after=$cursor"
expect_status 200 "events after the cursor"
check "events document valid" valid_against events
expect_xpath "count(/events/event[@type='order.created']/order[@no='$ORDER_NO'])" 1 "order.created"
expect_xpath "count(/events/event[@type='order.paid']/order[@no='$ORDER_NO'])" 1 "order.paid"
expect_xpath "/events/event[@type='instance.created']/instance/@no" "$ins" "instance.created names the instance"
open_id=$(xpath "/events/event[@type='instance.created']/buyer/@open-id")
check "buyer known by an open id" grep -Eq '^[0-9a-f]{32}$' <<<"$open_id"
check "the open id is not the internal id" test "$open_id" != "$(user_id)"
cursor=$(xpath '/events/@next')

# The vendor reads the order and the instance; the buyer sees provisioning.
pc get "/partner/v1/orders/$ORDER_NO"
check "order document valid" valid_against orders
expect_xpath '/order/@status' paid "order status"
expect_xpath '/order/buyer/@open-id' "$open_id" "same open id on the order"
pc get "/partner/v1/instances?status=provisioning&after=$(( $(sql "SELECT id FROM instances WHERE instance_no = '$ins'") - 1 ))"
check "instances document valid" valid_against instances
expect_xpath "count(/instances/instance[@no='$ins'])" 1 "listed among provisioning instances"
xget "/services/$ins" -b "$JAR"
expect_xpath '/page/instance/@status' provisioning "buyer: still provisioning"

# Provision: the instance turns active and the buyer sees the app info.
cat > "$OUT/app.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<app-info>
  <login-url>https://app.example.com/t/ivan</login-url>
  <account>ivan@corp</account>
  <password>p&amp;ss "w&lt;rd" 密码</password>
  <free-login-url>https://app.example.com/sso</free-login-url>
  <field name="Region">cn-shanghai</field>
  <field name="Tenant">t-42</field>
</app-info>
XML
pc post "/partner/v1/instances/$ins/app-info" "$OUT/app.xml"
expect_status 200 "provisioned"
check "answer is the instance document" valid_against instances
expect_xpath '/instance/@status' active "active"
expect_xpath '/instance/app-info/login-url' 'https://app.example.com/t/ivan' "app info echoed"
check "the password is not echoed back" test "$(xpath 'count(//password)')" = 0
check "password sealed at rest" test "$(sql "SELECT password_enc LIKE '%w<rd%' FROM instances WHERE instance_no = '$ins'")" = 0
xget "/services/$ins" -b "$JAR"
expect_xpath '/page/instance/@status' active "buyer sees it active at once"
expect_xpath '/page/instance/app-info/account' 'ivan@corp' "account"
expect_xpath '/page/instance/app-info/password' 'p&ss "w<rd" 密码' "password decrypted for the buyer"
expect_xpath "/page/instance/app-info/field[@name='Tenant']" t-42 "extra fields"
get "/services/$ins" -b "$JAR"
expect_no_body 'w<rd' "password escaped in the page"
pc get "/partner/v1/events?after=$cursor"
expect_xpath "count(/events/event[@type='instance.provisioned'])" 1 "instance.provisioned event"
cursor=$(xpath '/events/@next')

# Posting again rotates the credentials; each post is an event.
sed -i 's|ivan@corp|ivan2@corp|; s|<password>.*</password>|<password>rotated</password>|' "$OUT/app.xml"
pc post "/partner/v1/instances/$ins/app-info" "$OUT/app.xml"
xget "/services/$ins" -b "$JAR"
expect_xpath '/page/instance/app-info/password' rotated "rotated password"
pc get "/partner/v1/events?after=$cursor"
expect_xpath "count(/events/event[@type='instance.app_info_updated'])" 1 "update event"
cursor=$(xpath '/events/@next')

# Free login: the buyer's redirect carries a token; another vendor cannot
# use it; its vendor exchanges it once for the buyer's identity.
post "/services/$ins/free-login" "csrf=$(csrf)"
expect_status 303 "free login"
token=$(header Location | sed -n 's/.*[?&]token=\([0-9a-f]\{64\}\)$/\1/p')
check "redirect to the vendor with a token" grep -q '^https://app.example.com/sso?token=' <<<"$(header Location)"
printf '<free-login-verify><token>%s</token></free-login-verify>' "$token" > "$OUT/verify.xml"
preq "$B_KEY" "$B_SECRET" POST /partner/v1/free-login/verify "$OUT/verify.xml"
expect_status 404 "another vendor cannot use the token"
expect_xpath '/error/@code' invalid_token "invalid_token"
preq "$A_KEY" "$A_SECRET" POST /partner/v1/free-login/verify "$OUT/verify.xml"
expect_status 200 "the vendor verifies the token"
check "answer valid" valid_against free-login-buyer
expect_xpath '/free-login-buyer/@open-id' "$open_id" "the buyer's open id"
expect_xpath '/free-login-buyer/instance/@no' "$ins" "instance"
expect_xpath '/free-login-buyer/product/@id' "$product" "product"
expect_xpath 'string-length(/free-login-buyer/instance/@expires) > 0' true "expiry"
preq "$A_KEY" "$A_SECRET" POST /partner/v1/free-login/verify "$OUT/verify.xml"
expect_status 404 "a token works once"
post "/services/$ins/free-login" "csrf=$(csrf)"
token=$(header Location | sed -n 's/.*token=//p')
sql "UPDATE free_login_tokens SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE token_hash = UNHEX(SHA2('$token', 256))"
printf '<free-login-verify><token>%s</token></free-login-verify>' "$token" > "$OUT/verify2.xml"
preq "$A_KEY" "$A_SECRET" POST /partner/v1/free-login/verify "$OUT/verify2.xml"
expect_status 404 "an expired token"

# Every refusal is a 401 XML error and changes nothing.
app_before=$(sql "SELECT CONCAT_WS('|', account, updated_at) FROM instances WHERE instance_no = '$ins'")
events_before=$(sql "SELECT COUNT(*) FROM events WHERE vendor_id = $vendor_id")
sed -i 's|ivan2@corp|mallory@corp|' "$OUT/app.xml"
refused() { # DESCRIPTION CODE
  expect_status 401 "$1"
  expect_header Content-Type '^application/xml' "$1"
  expect_xpath '/error/@code' "$2" "$1"
  check "$1: error document valid" valid_against error
}
target="/partner/v1/instances/$ins/app-info"
for h in X-MP-Key X-MP-Timestamp X-MP-Nonce X-MP-Signature; do
  OMIT=$h preq "$A_KEY" "$A_SECRET" POST "$target" "$OUT/app.xml"
  refused "without $h" missing_header
done
preq mpk_000000000000000000000000 "$A_SECRET" POST "$target" "$OUT/app.xml"
refused "unknown key" unknown_key
preq "$A_KEY" "wrong-secret" POST "$target" "$OUT/app.xml"
refused "signed with the wrong secret" bad_signature
SIGN_PATH=/partner/v1/instances preq "$A_KEY" "$A_SECRET" POST "$target" "$OUT/app.xml"
refused "signature over another path" bad_signature
SIGN_BODY='<app-info/>' preq "$A_KEY" "$A_SECRET" POST "$target" "$OUT/app.xml"
refused "body changed after signing" bad_signature
preq "$A_KEY" "$A_SECRET" GET "/partner/v1/events?after=0&limit=5" "" -G --data-urlencode "limit=6"
check "a query changed after signing is refused ($STATUS)" test "$STATUS" = 401 -o "$STATUS" = 400
SIGNATURE=zz preq "$A_KEY" "$A_SECRET" POST "$target" "$OUT/app.xml"
refused "malformed signature" malformed_header
# ahead by a few seconds more than the 300 allowed: the server reads its
# clock later than the client did, a second boundary may lie in between
SKEW=305 preq "$A_KEY" "$A_SECRET" POST "$target" "$OUT/app.xml"
refused "timestamp 5 minutes ahead" stale_timestamp
SKEW=-301 preq "$A_KEY" "$A_SECRET" POST "$target" "$OUT/app.xml"
refused "timestamp 5 minutes behind" stale_timestamp
SKEW=-280 preq "$A_KEY" "$A_SECRET" GET /partner/v1/events?limit=1
expect_status 200 "a clock a little off is fine"
NONCE=$LAST_NONCE preq "$A_KEY" "$A_SECRET" GET /partner/v1/events?limit=1
refused "a replayed nonce" replayed_nonce
check "nothing changed" test "$(sql "SELECT CONCAT_WS('|', account, updated_at) FROM instances WHERE instance_no = '$ins'")" = "$app_before"
check "no event appended" test "$(sql "SELECT COUNT(*) FROM events WHERE vendor_id = $vendor_id")" = "$events_before"

# Another vendor's resources answer 404, like missing ones, and stay as they are.
for path in "/partner/v1/orders/$ORDER_NO" "/partner/v1/instances/$ins"; do
  preq "$B_KEY" "$B_SECRET" GET "$path"
  expect_status 404 "$path for another vendor"
  expect_xpath '/error/@code' not_found "$path: not_found"
done
preq "$B_KEY" "$B_SECRET" POST "$target" "$OUT/app.xml"
expect_status 404 "provisioning another vendor's instance"
preq "$B_KEY" "$B_SECRET" GET "/partner/v1/events?limit=200"
expect_xpath "count(//order[@no='$ORDER_NO'])" 0 "another vendor's events never show"
preq "$B_KEY" "$B_SECRET" GET "/partner/v1/orders?limit=200"
expect_xpath "count(//order[@no='$ORDER_NO'])" 0 "nor its orders"
check "still untouched" test "$(sql "SELECT CONCAT_WS('|', account, updated_at) FROM instances WHERE instance_no = '$ins'")" = "$app_before"

# Bad documents: invalid against the schema, DOCTYPE and entities, oversize.
printf '<app-info><login-url>javascript:alert(1)</login-url><account>x</account></app-info>' > "$OUT/bad1.xml"
printf '<app-info><account>x</account></app-info>' > "$OUT/bad2.xml"
printf '<app-info><login-url>https://x</login-url><account>x' > "$OUT/bad3.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE app-info [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<app-info><login-url>https://x</login-url><account>&x;</account></app-info>' > "$OUT/xxe.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<app-info><login-url>https://x</login-url><account>&b;</account></app-info>' > "$OUT/bomb.xml"
printf '<app-info xmlns:xi="http://www.w3.org/2001/XInclude"><login-url>https://x</login-url><account><xi:include href="file:///etc/passwd" parse="text"/></account></app-info>' > "$OUT/xinclude.xml"
# a free-login address no browser can be sent to (the buyer's 免登 would
# wait for it for good), and control characters the buyer's forms refuse
printf '<app-info><login-url>https://x.example.com/</login-url><account>x</account><free-login-url>https://app.example.[om:8443/sso</free-login-url></app-info>' > "$OUT/badsso.xml"
printf '<app-info><login-url>https://x.example.com/</login-url><account>x</account><free-login-url>https://app example.com/sso</free-login-url></app-info>' > "$OUT/spacesso.xml"
printf '<app-info><login-url>https://x.example.com/</login-url><account>a\302\205b</account></app-info>' > "$OUT/c1.xml"
for f in bad1 bad2 bad3 xxe bomb xinclude badsso spacesso c1; do
  preq "$A_KEY" "$A_SECRET" POST "$target" "$OUT/$f.xml"
  expect_status 400 "$f body"
  expect_xpath '/error/@code' invalid_document "$f: invalid_document"
done
expect_no_body 'root:' "no file was read"
head -c 100000 /dev/zero | tr '\0' ' ' > "$OUT/big.xml"
preq "$A_KEY" "$A_SECRET" POST "$target" "$OUT/big.xml"
expect_status 413 "a 100 KB body"
expect_header Content-Type '^application/xml' "413 for 100 KB is XML"
head -c 10485760 /dev/zero | tr '\0' ' ' > "$OUT/huge.xml"
preq "$A_KEY" "$A_SECRET" POST "$target" "$OUT/huge.xml"
expect_status 413 "a 10 MB body"
expect_header Content-Type '^application/xml' "413 from nginx is XML too"
check "the 413 is an error document" valid_against error
check "untouched by any of them" test "$(sql "SELECT CONCAT_WS('|', account, updated_at) FROM instances WHERE instance_no = '$ins'")" = "$app_before"

# Other partner errors are XML too.
preq "$A_KEY" "$A_SECRET" GET /partner/v1/nothing-here
expect_status 404 "unknown partner path"
expect_xpath '/error/@code' not_found "XML 404"
preq "$A_KEY" "$A_SECRET" DELETE "/partner/v1/instances/$ins"
expect_status 405 "wrong method"
expect_xpath '/error/@code' method_not_allowed "XML 405"
preq "$A_KEY" "$A_SECRET" GET '/partner/v1/events?limit=abc'
expect_status 400 "bad limit"
preq "$A_KEY" "$A_SECRET" GET '/partner/v1/events?limit=100000'
expect_status 400 "a limit over 200 is refused"
expect_xpath "contains(/error, '1 to 200')" true "the error gives the range"

# Two keys at once for rotation; a third is refused; a revoked key is dead.
partner_key "$vendor"
A2_KEY=$KEY_ID A2_SECRET=$SECRET
preq "$A2_KEY" "$A2_SECRET" GET /partner/v1/events?limit=1
expect_status 200 "second key works"
preq "$A_KEY" "$A_SECRET" GET /partner/v1/events?limit=1
expect_status 200 "first key still works"
check "a third key is refused" bash -c "! '$ROOT/bin/mp-admin' -c '$STATE/mp.conf' partner-key create '$vendor' 2>/dev/null"
"$ROOT/bin/mp-admin" -c "$STATE/mp.conf" partner-key revoke "$A_KEY" >/dev/null
preq "$A_KEY" "$A_SECRET" GET /partner/v1/events?limit=1
refused "a revoked key" unknown_key
A_KEY=$A2_KEY A_SECRET=$A2_SECRET

# A service sold once (一次性): its order says period="once" (no months),
# its instance period="once" (no expires); the documents stay valid.
once_product=$(sql "SELECT s.product_id FROM prices pr JOIN specs s ON s.id = pr.spec_id JOIN products p ON p.id = s.product_id
  WHERE pr.period_months = 0 AND p.listed = 1 AND s.active = 1 AND p.vendor_id NOT IN ($vendor_id, (SELECT id FROM vendors WHERE slug = '$other'))
  ORDER BY pr.price_cents LIMIT 1")
once_vendor=$(sql "SELECT v.slug FROM vendors v JOIN products p ON p.vendor_id = v.id WHERE p.id = $once_product")
partner_key "$once_vendor"
C_KEY=$KEY_ID C_SECRET=$SECRET
as_buyer judy
read -r once_spec once_period once_cents <<<"$(offer "$once_product")"
topup $(((once_cents + 99) / 100))
order "$once_product" "$once_spec" "$once_period"
pay_balance "$ORDER_NO"
once_order=$ORDER_NO
once_ins=$(sql "SELECT i.instance_no FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$once_order'")
check "a one-off instance" test -n "$once_ins"
preq "$C_KEY" "$C_SECRET" GET "/partner/v1/orders/$once_order"
expect_status 200 "the one-off order"
check "one-off order document valid" valid_against orders
expect_xpath '/order/@period' once "the order says once"
expect_xpath 'count(/order/@months)' 0 "and no months"
expect_xpath '/order/@delivery' manual "delivered by people"
preq "$C_KEY" "$C_SECRET" GET "/partner/v1/orders?after=$(( $(sql "SELECT id FROM orders WHERE order_no = '$once_order'") - 1 ))"
check "orders page with a one-off order valid" valid_against orders
expect_xpath "/orders/order[@no='$once_order']/@period" once "listed as once"
preq "$C_KEY" "$C_SECRET" GET "/partner/v1/instances/$once_ins"
expect_status 200 "the one-off instance"
check "one-off instance document valid" valid_against instances
expect_xpath '/instance/@period' once "the instance says once"
expect_xpath 'count(/instance/@expires)' 0 "and has no expiry"
preq "$C_KEY" "$C_SECRET" GET "/partner/v1/instances?after=$(( $(sql "SELECT id FROM instances WHERE instance_no = '$once_ins'") - 1 ))"
check "instances page with a one-off instance valid" valid_against instances
expect_xpath "count(/instances/instance[@no='$once_ins'][@period='once'][not(@expires)])" 1 "listed as once, without expiry"
expect_xpath "count(/instances/instance[not(@period)][not(@expires)])" 0 "every other instance has its expiry"
preq "$C_KEY" "$C_SECRET" GET "/partner/v1/events?after=$(( $(sql "SELECT MIN(seq) FROM events e JOIN orders o ON o.id = e.order_id WHERE o.order_no = '$once_order'") - 1 ))"
check "events of a one-off purchase valid" valid_against events
expect_xpath "/events/event[@type='instance.created']/instance/@no" "$once_ins" "instance.created for the one-off service"
# the monthly documents are as before: months and expires, no period
pc get "/partner/v1/instances/$ins"
check "monthly instance document valid" valid_against instances
expect_xpath 'count(/instance/@period)' 0 "a monthly instance has no period"
expect_xpath 'string-length(/instance/@expires) > 0' true "and an expiry"

# The public catalog feed needs no key.
get /feeds/catalog.xml
expect_status 200 "catalog feed without keys"

done_testing
