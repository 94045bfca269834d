#!/usr/bin/env bash
# Admin: vendors and their partner API keys. The list pages and filters;
# a vendor created (bad input refused, nothing written), edited with its
# audit row; suspended (its product leaves home, category, search, product
# page, checkout, renewals and the feed; its key is refused; its buyer
# keeps the instance) and reinstated; keys issued, rotated and revoked
# with the secret shown once; CSRF refusals; mp-admin on the same code.
. "$ROOT/tests/lib.sh"
HARD_RELOAD=1 # read each edit at once, past nginx's copy of guests' pages (t52_cache)

run=$RANDOM$RANDOM
audits() { audit_count "1 = 1"; }
vendors_like() { sql "SELECT COUNT(*) FROM vendors WHERE slug LIKE '$1'"; }

# ---- the gate ----
get /admin/vendors
check "no admin password: refused ($STATUS)" test "$STATUS" = 401 -o "$STATUS" = 403
aget /admin/vendors
expect_status 200 "the vendor list"
expect_html "the vendor list"

# ---- the list: keyset pages, newest first, filters that survive paging ----
values=""
for n in $(seq -w 1 55); do
  values+="${values:+,}('t91-$run-p$n', '分页服务商 $run $n', 'Pager $run $n', 'p$n@example.com')"
done
sql "INSERT INTO vendors (slug, name_zh, name_en, support_email) VALUES $values"
sql "UPDATE vendors SET status = 'suspended' WHERE slug IN ('t91-$run-p03', 't91-$run-p10', 't91-$run-p54')"
newest=$(sql "SELECT MAX(id) FROM vendors WHERE slug LIKE 't91-$run-p%'")
axget "/admin/vendors?q=t91-$run"
expect_status 200 "filtered list"
expect_xpath 'count(/page/vendors/vendor)' 50 "a page holds ADMIN_PAGE vendors"
expect_xpath '/page/vendors/vendor[1]/@id' "$newest" "newest first"
expect_xpath "/page/vendors/vendor[1]/@slug" "t91-$run-p55" "the newest is the last created"
check "ids descend down the page" test "$(xmllint --xpath '/page/vendors/vendor/@id' "$BODY" | grep -oE '[0-9]+' | sort -rn | tr '\n' ' ')" = "$(xmllint --xpath '/page/vendors/vendor/@id' "$BODY" | grep -oE '[0-9]+' | tr '\n' ' ')"
expect_xpath '/page/vendors/@q' "t91-$run" "the filter is kept in the model"
expect_xpath 'boolean(/page/vendors/@prev)' false "no page in front of the first"
next=$(xpath '/page/vendors/@next')
check "a next page" test -n "$next"
href=$(xpath '/page/vendors/@href')
check "the pager's address keeps the filter: $href" test "$href" = "/admin/vendors?q=t91-$run&"
axget "/admin/vendors?q=t91-$run&after=$next"
expect_xpath 'count(/page/vendors/vendor)' 5 "the second page: the 5 left"
expect_xpath "/page/vendors/vendor[last()]/@slug" "t91-$run-p01" "down to the first created"
expect_xpath 'boolean(/page/vendors/@next)' false "no page after the last"
prev=$(xpath '/page/vendors/@prev')
axget "/admin/vendors?q=t91-$run&before=$prev"
expect_xpath 'count(/page/vendors/vendor)' 50 "back to the first page"
expect_xpath '/page/vendors/vendor[1]/@id' "$newest" "the same first page"
aget "/admin/vendors?q=t91-$run&after=$next"
expect_html "a later page"
expect_body "href=\"/admin/vendors\?q=t91-$run&amp;before=" "the HTML pager keeps the filter"
axget "/admin/vendors?q=t91-$run&status=suspended"
expect_xpath 'count(/page/vendors/vendor)' 3 "status filter: the suspended ones"
expect_xpath 'count(/page/vendors/vendor[@status!="suspended"])' 0 "only suspended ones"
axget "/admin/vendors?q=t91-$run&status=active"
expect_xpath 'count(/page/vendors/vendor)' 50 "status filter: active, first page"
next=$(xpath '/page/vendors/@next')
check "the status filter survives paging" test "$(xpath '/page/vendors/@href')" = "/admin/vendors?q=t91-$run&status=active&"
axget "/admin/vendors?q=t91-$run&status=active&after=$next"
expect_xpath 'count(/page/vendors/vendor)' 2 "52 active: 2 on the second page"
axget "/admin/vendors?q=%E5%88%86%E9%A1%B5%E6%9C%8D%E5%8A%A1%E5%95%86%20$run%2007" # 分页服务商 <run> 07
expect_xpath 'count(/page/vendors/vendor)' 1 "the Chinese name matches"
expect_xpath '/page/vendors/vendor/@slug' "t91-$run-p07" "the vendor named"
axget "/admin/vendors?q=pager%20$run%2012"
expect_xpath '/page/vendors/vendor/@slug' "t91-$run-p12" "the English name matches, in any case"
axget "/admin/vendors?q=%25"
expect_xpath 'count(/page/vendors/vendor)' 0 "a % in q is taken literally"
axget "/admin/vendors?q=skylark-soft"
expect_xpath '/page/vendors/vendor/@products' "$(sql "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE v.slug = 'skylark-soft'")" "products counted"
expect_xpath '/page/vendors/vendor/@listed' "$(sql "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE v.slug = 'skylark-soft' AND p.listed = 1")" "listed products counted"
expect_xpath '/page/vendors/vendor/@active-keys' "$(sql "SELECT COUNT(*) FROM partner_keys k JOIN vendors v ON v.id = k.vendor_id WHERE v.slug = 'skylark-soft' AND k.status = 'active'")" "active keys counted"
axget "/admin/vendors?status=gone"
expect_status 400 "an unknown status filter"

# ---- a new vendor ----
slug="t91-$run-acme"
aget /admin/vendors/new
expect_status 200 "the new vendor form"
expect_html "the new vendor form"
expect_body 'name="slug"' "the form asks for the slug"
form() { # form SLUG NAME_ZH NAME_EN WEBSITE EMAIL
  printf 'slug=%s&name_zh=%s&name_en=%s&website=%s&support_email=%s' "$1" "$2" "$3" "$4" "$5"
}
before=$(audits)
apost /admin/vendors "$(form "$slug" '%E9%98%BF%E5%85%8B%E7%B1%B3' 'Acme+Cloud' 'https%3A%2F%2Facme.example.com' 'help%40acme.example.com')"
expect_status 303 "created"
check "to the vendor's page with a notice: $(location)" test "$(location)" = "/admin/vendors/$slug?notice=vendor_created"
check "the vendor row" test "$(sql "SELECT CONCAT_WS('|', name_zh, name_en, website, support_email, status) FROM vendors WHERE slug = '$slug'")" = "阿克米|Acme Cloud|https://acme.example.com|help@acme.example.com|active"
check "one audit row for the creation" test "$(audits)" = $((before + 1))
check "the creation's audit row: admin, address, after" test "$(sql "SELECT CONCAT_WS('|', admin_user, ip, target_type, before_text = '', after_text LIKE '%slug: $slug%', after_text LIKE '%website: https://acme.example.com%') FROM audit_log WHERE action = 'vendor.create' AND target_ref = '$slug'")" = "admin|127.0.0.1|vendor|1|1|1"
aget "/admin/vendors/$slug?notice=vendor_created"
expect_status 200 "the vendor's page"
expect_html "the vendor's page"
expect_body 'class="flash flash-ok"' "the notice is shown"

# bad input: the form again with the field's error, and nothing written
bad() { # bad WHAT FIELD KEY DATA
  local what=$1 field=$2 key=$3 data=$4 n
  n=$(audits)
  apost /admin/vendors "$data" -H 'Accept: application/xml'
  expect_status 422 "$what"
  expect_xpath "/page/form-error[@field='$field']/@key" "$key" "$what: the error"
  check "$what: no audit row" test "$(audits)" = "$n"
}
bad "a taken slug" slug admin.vendors.slug_taken "$(form "$slug" 'X' 'Other' '' 'a%40b.example')"
check "the taken slug: still one vendor, unchanged" test "$(sql "SELECT CONCAT(COUNT(*), name_en) FROM vendors WHERE slug = '$slug'")" = "1Acme Cloud"
bad "a slug with capitals and spaces" slug admin.vendors.bad_slug "$(form "Bad+Slug%21-$run" 'X' 'X' '' 'a%40b.example')"
check "the bad slug: nothing created" test "$(vendors_like "%lug!-$run")" = 0
bad "a slug of 65 characters" slug admin.vendors.bad_slug "$(form "t91-$run-$(printf 'a%.0s' $(seq 1 65))" 'X' 'X' '' 'a%40b.example')"
bad "the form's own address as a slug" slug admin.vendors.slug_taken "$(form new 'X' 'X' '' 'a%40b.example')"
check "no vendor called new" test "$(vendors_like new)" = 0
bad "a website that is not http(s)" website admin.vendors.bad_website "$(form "t91-$run-ftp" 'X' 'X' 'ftp%3A%2F%2Fx.example' 'a%40b.example')"
bad "a script for a website" website admin.vendors.bad_website "$(form "t91-$run-js" 'X' 'X' 'javascript%3Aalert(1)' 'a%40b.example')"
bad "a website with a quote" website admin.vendors.bad_website "$(form "t91-$run-q" 'X' 'X' 'https%3A%2F%2Fx.example%2F%22%3E' 'a%40b.example')"
bad "a bad email" support_email admin.vendors.bad_email "$(form "t91-$run-mail" 'X' 'X' '' 'not-an-email')"
bad "a blank Chinese name" name_zh admin.vendors.bad_name "$(form "t91-$run-blank" '+++' 'X' '' 'a%40b.example')"
check "none of the refused vendors exists" test "$(sql "SELECT COUNT(*) FROM vendors WHERE slug IN ('t91-$run-ftp', 't91-$run-js', 't91-$run-q', 't91-$run-mail', 't91-$run-blank')")" = 0
apost /admin/vendors "$(form "t91-$run-two" '' '' 'ftp%3A%2F%2Fx' 'x')" -H 'Accept: application/xml'
expect_xpath 'count(/page/form-error)' 4 "every field's error at once"
expect_xpath "/page/form/field[@name='website']" 'ftp://x' "the form keeps what was typed"
apost /admin/vendors "$(form "t91-$run-html" '' 'Acme' 'ftp%3A%2F%2Fx' 'a%40b.example')"
expect_status 422 "the form again, as HTML"
expect_html "the form again"
expect_body 'class="field-error"' "with the field's error beside it"

# CSRF: missing or wrong, refused and nothing written
n=$(audits)
areq POST /admin/vendors --data "$(form "t91-$run-csrf" 'X' 'X' '' 'a%40b.example')"
expect_status 403 "no CSRF token"
areq POST /admin/vendors --data "csrf=0000$(admin_csrf | cut -c5-)&$(form "t91-$run-csrf" 'X' 'X' '' 'a%40b.example')"
expect_status 403 "a wrong CSRF token"
check "no vendor from a forged form" test "$(vendors_like "t91-$run-csrf")" = 0
check "no audit row from a forged form" test "$(audits)" = "$n"

# ---- editing: the audit row holds what changed, before and after ----
get /feeds/catalog.xml
etag0=$(header ETag)
n=$(audits)
edit="name_zh=%E9%98%BF%E5%85%8B%E7%B1%B3&name_en=Acme+Cloud+Ltd&website=https%3A%2F%2Fwww.acme.example.com&support_email=help%40acme.example.com"
apost "/admin/vendors/$slug" "$edit"
expect_status 303 "edited"
check "saved notice: $(location)" test "$(location)" = "/admin/vendors/$slug?notice=vendor_saved"
check "the new details" test "$(sql "SELECT CONCAT_WS('|', name_en, website) FROM vendors WHERE slug = '$slug'")" = "Acme Cloud Ltd|https://www.acme.example.com"
check "one audit row for the edit" test "$(audits)" = $((n + 1))
row=$(sql "SELECT CONCAT_WS('|', admin_user, ip, REPLACE(before_text, '\n', ';'), REPLACE(after_text, '\n', ';')) FROM audit_log WHERE action = 'vendor.update' AND target_ref = '$slug' ORDER BY id DESC LIMIT 1")
check "the edit's audit row names what changed: $row" test "$row" = "admin|127.0.0.1|name_en: Acme Cloud;website: https://acme.example.com|name_en: Acme Cloud Ltd;website: https://www.acme.example.com"
get /feeds/catalog.xml
check "an edit changes the feed's ETag" test "$(header ETag)" != "$etag0"
apost "/admin/vendors/$slug" "$edit"
check "the same again: nothing changed: $(location)" test "$(location)" = "/admin/vendors/$slug?notice=not_changed_vendor"
check "and no audit row" test "$(audits)" = $((n + 1))
apost "/admin/vendors/$slug" "name_zh=X&name_en=X&website=http%3A%2F%2F&support_email=help%40acme.example.com" -H 'Accept: application/xml'
expect_status 422 "a bad website in an edit"
expect_xpath "/page/form-error[@field='website']/@key" admin.vendors.bad_website "its error"
expect_xpath '/page/vendor/@slug' "$slug" "on the vendor's page"
expect_xpath "/page/form/field[@name='name_en']" X "the form keeps what was typed"
check "the refused edit changed nothing" test "$(sql "SELECT name_en FROM vendors WHERE slug = '$slug'")" = "Acme Cloud Ltd"
areq POST "/admin/vendors/$slug" --data "${edit/Acme+Cloud+Ltd/Forged}"
expect_status 403 "an edit without its CSRF token"
check "the forged edit changed nothing" test "$(sql "SELECT name_en FROM vendors WHERE slug = '$slug'")" = "Acme Cloud Ltd"
apost "/admin/vendors/t91-$run-nobody" "$edit"
expect_status 404 "editing a vendor that does not exist"
check "audit rows: only the edit's" test "$(audits)" = $((n + 1))

# ---- the vendor's product, a key and a buyer ----
vid=$(sql "SELECT id FROM vendors WHERE slug = '$slug'")
cat_slug=office
cat_id=$(sql "SELECT id FROM categories WHERE slug = '$cat_slug'")
sql "INSERT INTO products (vendor_id, category_id, name_zh, name_en, summary_zh, summary_en, description_zh, description_en, delivery_mode)
     VALUES ($vid, $cat_id, 'Vendorstory$run 办公', 'Vendorstory$run Office', '测试', 'Test', '测试', 'Test', 'auto')"
pid=$(sql "SELECT id FROM products WHERE vendor_id = $vid")
sql "INSERT INTO specs (product_id, name_zh, name_en) VALUES ($pid, '标准版', 'Standard')"
sid=$(sql "SELECT id FROM specs WHERE product_id = $pid")
sql "INSERT INTO prices (spec_id, period_months, price_cents) VALUES ($sid, 1, 1000), ($sid, 12, 10000)"

n=$(audits)
apost "/admin/vendors/$slug/keys" ""
expect_status 201 "a key issued"
expect_html "the new key's page"
key1=$(grep -oE '<code class="key-id">[^<]+' "$BODY" | sed 's/.*>//')
secret1=$(grep -oE '<div class="secret-once">[^<]+' "$BODY" | sed 's/.*>//')
check "the page shows the key id: $key1" grep -Eq '^mpk_[0-9a-f]{24}$' <<<"$key1"
check "and the secret, this once" grep -Eq '^[0-9a-f]{64}$' <<<"$secret1"
check "the key is the vendor's, active" test "$(sql "SELECT CONCAT(vendor_id, status) FROM partner_keys WHERE key_id = '$key1'")" = "${vid}active"
check "the secret is not stored in the clear" test "$(sql "SELECT COUNT(*) FROM partner_keys WHERE secret_enc LIKE '%$secret1%'")" = 0
check "one audit row for the key" test "$(audits)" = $((n + 1))
check "the key's audit row names the key, not the secret" test "$(sql "SELECT CONCAT_WS('|', admin_user, ip, after_text LIKE '%key_id: $key1%') FROM audit_log WHERE action = 'vendor.key_issue' AND target_ref = '$slug'")" = "admin|127.0.0.1|1"
check "no audit row holds the secret" test "$(audit_count "CONCAT(before_text, after_text, reason) LIKE '%$secret1%'")" = 0
aget "/admin/vendors/$slug"
expect_body "$key1" "the vendor's page lists the key"
expect_no_body "$secret1" "but never its secret again"
axget "/admin/vendors/$slug"
expect_no_body "$secret1" "nor does its model"
expect_xpath "/page/vendor/keys/key[@key-id='$key1']/@status" active "the key listed as active"

preq "$key1" "$secret1" GET '/partner/v1/events?limit=1'
expect_status 200 "the new key signs partner calls"

as_buyer vera
topup 100
order "$pid" "$sid" 1
pay_balance "$ORDER_NO"
ins=$(sql "SELECT i.instance_no FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")
check "the buyer has an instance: $ins" test -n "$ins"
cat > "$OUT/app.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<app-info><login-url>https://acme.example.com/login</login-url><account>vera</account><password>pw</password></app-info>
XML
preq "$key1" "$secret1" POST "/partner/v1/instances/$ins/app-info" "$OUT/app.xml"
expect_status 200 "the vendor provisions it"
xget "/services/$ins/renew" -b "$JAR"
expect_xpath 'count(/page/instance/renew/price)' 2 "renewals offered"

# on sale everywhere
on_sale() { # on_sale 1|0: the product is (or is not) found on every public page
  local want=$1 what
  [ "$want" = 1 ] && what="on sale" || what="off sale"
  xget /
  expect_xpath "count(/page/products/product[@id=$pid])" "$want" "$what: home"
  home_count=$(xpath "/page/categories/category[@slug='$cat_slug']/@count")
  xget "/categories/$cat_slug"
  expect_xpath "count(/page/products/product[@id=$pid])" "$want" "$what: its category"
  cat_count=$(xpath '/page/category/@count')
  xget "/search?q=Vendorstory$run"
  expect_xpath '/page/search/@count' "$want" "$what: search"
  expect_xpath "count(/page/search/products/product[@id=$pid])" "$want" "$what: search results"
  get /feeds/catalog.xml
  check "$what: the feed" test "$(xpath "count(/catalog/products/product[@id=$pid])")" = "$want"
  check "$what: the vendor in the feed" test "$(xpath "count(/catalog/vendors/vendor[@slug='$slug'])")" = "$want"
  check "$what: its prices in the feed" test "$(xpath "count(/catalog/products/product[@id=$pid]//price)")" = $((want * 2))
  check "$what: the feed is valid" valid_against catalog
}
on_sale 1
count_on=$cat_count
home_on=$home_count
get "/products/$pid"
expect_status 200 "the product page"
get /feeds/catalog.xml
etag1=$(header ETag)
lastmod1=$(header Last-Modified)
sleep 1 # Last-Modified counts seconds

# ---- suspension ----
n=$(audits)
apost "/admin/vendors/$slug/suspend" "reason=+++" -H 'Accept: application/xml'
expect_status 422 "suspending without a reason"
expect_xpath "/page/form-error[@field='reason']/@key" admin.vendors.reason_required "the reason is asked for"
check "still active" test "$(sql "SELECT status FROM vendors WHERE id = $vid")" = active
areq POST "/admin/vendors/$slug/suspend" --data "reason=forged"
expect_status 403 "suspending without the CSRF token"
check "still active after the forged form" test "$(sql "SELECT status FROM vendors WHERE id = $vid")" = active
check "no audit rows yet" test "$(audits)" = "$n"
apost "/admin/vendors/$slug/suspend" "reason=Unpaid+fees+%E6%AC%A0%E8%B4%B9"
expect_status 303 "suspended"
check "suspended notice: $(location)" test "$(location)" = "/admin/vendors/$slug?notice=vendor_suspended"
check "the vendor is suspended" test "$(sql "SELECT status FROM vendors WHERE id = $vid")" = suspended
check "one audit row" test "$(audits)" = $((n + 1))
check "the suspension's audit row" test "$(sql "SELECT CONCAT_WS('|', admin_user, ip, before_text, after_text, reason) FROM audit_log WHERE action = 'vendor.suspend' AND target_ref = '$slug'")" = "admin|127.0.0.1|status: active|status: suspended|Unpaid fees 欠费"
aget "/admin/vendors/$slug"
expect_body 'action="/admin/vendors/'"$slug"'/reinstate"' "the page offers to reinstate"

on_sale 0
check "the category counts one product fewer ($cat_count)" test "$cat_count" = $((count_on - 1))
check "so does home's category count ($home_count)" test "$home_count" = $((home_on - 1))
get "/products/$pid"
check "the product page answers like a delisted one ($STATUS)" test "$STATUS" = 410 -o "$STATUS" = 404
xget "/products/$pid"
expect_xpath '/page/product/@listed' 0 "and says it is not on sale"
get /feeds/catalog.xml
check "the feed's ETag changed" test "$(header ETag)" != "$etag1"
check "the feed's Last-Modified changed" test "$(header Last-Modified)" != "$lastmod1"
get /feeds/catalog.xml -H "If-None-Match: $etag1"
expect_status 200 "the old ETag no longer matches"
orders_before=$(sql "SELECT COUNT(*) FROM orders WHERE product_id = $pid")
get "/buy?product=$pid&spec=$sid&period=1" -b "$JAR" -c "$JAR"
check "buying is refused ($STATUS)" test "$STATUS" = 410 -o "$STATUS" = 409
post /orders "csrf=$(csrf)&product=$pid&spec=$sid&period=1&idem=$(openssl rand -hex 16)"
check "placing an order is refused ($STATUS)" test "$STATUS" = 410 -o "$STATUS" = 409
xget "/services/$ins/renew" -b "$JAR"
expect_xpath 'count(/page/instance/renew/price)' 0 "no renewal offered"
post "/services/$ins/renew" "csrf=$(csrf)&period=1&idem=$(openssl rand -hex 16)"
check "a renewal is refused ($STATUS)" test "$STATUS" = 409 -o "$STATUS" = 410
check "no order was placed" test "$(sql "SELECT COUNT(*) FROM orders WHERE product_id = $pid")" = "$orders_before"
preq "$key1" "$secret1" GET '/partner/v1/events?limit=1'
expect_status 401 "the suspended vendor's key is refused"
xget /services -b "$JAR"
expect_xpath "count(/page/instances/instance[@no='$ins'])" 1 "the buyer still has the instance"
xget "/services/$ins" -b "$JAR"
expect_status 200 "and its page"
expect_xpath '/page/instance/app-info/login-url' 'https://acme.example.com/login' "with its app info"
axget "/admin/vendors?q=$slug&status=suspended"
expect_xpath 'count(/page/vendors/vendor)' 1 "listed among suspended vendors"
n=$(audits)
apost "/admin/vendors/$slug/suspend" "reason=again"
check "suspending again changes nothing: $(location)" test "$(location)" = "/admin/vendors/$slug?notice=not_changed_vendor"
check "and writes no audit row" test "$(audits)" = "$n"

# ---- reinstatement ----
get /feeds/catalog.xml
etag2=$(header ETag)
lastmod2=$(header Last-Modified)
sleep 1
apost "/admin/vendors/$slug/reinstate" "reason=" -H 'Accept: application/xml'
expect_status 422 "reinstating without a reason"
check "still suspended" test "$(sql "SELECT status FROM vendors WHERE id = $vid")" = suspended
apost "/admin/vendors/$slug/reinstate" "reason=Fees+paid"
expect_status 303 "reinstated"
check "reinstated notice: $(location)" test "$(location)" = "/admin/vendors/$slug?notice=vendor_reinstated"
check "active again" test "$(sql "SELECT status FROM vendors WHERE id = $vid")" = active
check "the reinstatement's audit row" test "$(sql "SELECT CONCAT_WS('|', admin_user, ip, before_text, after_text, reason) FROM audit_log WHERE action = 'vendor.reinstate' AND target_ref = '$slug'")" = "admin|127.0.0.1|status: suspended|status: active|Fees paid"
on_sale 1
check "the category count is back" test "$cat_count" = "$count_on"
get "/products/$pid"
expect_status 200 "the product page is back"
get /feeds/catalog.xml
check "the feed's ETag changed again" test "$(header ETag)" != "$etag2"
check "the feed's Last-Modified changed again" test "$(header Last-Modified)" != "$lastmod2"
preq "$key1" "$secret1" GET '/partner/v1/events?limit=1'
expect_status 200 "the key works again"
get "/buy?product=$pid&spec=$sid&period=1" -b "$JAR" -c "$JAR"
expect_status 200 "buying is open again"
xget "/services/$ins/renew" -b "$JAR"
expect_xpath 'count(/page/instance/renew/price)' 2 "renewals offered again"

# ---- keys: two at most, rotation, revocation ----
apost "/admin/vendors/$slug/keys" "" -H 'Accept: application/xml'
expect_status 201 "a second key"
key2=$(xpath '/page/new-key/@key-id')
secret2=$(xpath '/page/new-key/secret')
check "its secret in the answer" grep -Eq '^[0-9a-f]{64}$' <<<"$secret2"
n=$(audits)
apost "/admin/vendors/$slug/keys" "" -H 'Accept-Language: en'
expect_status 409 "a third active key is refused"
expect_html "the refusal page"
expect_body 'already holds 2 active keys' "with a clear message"
expect_no_body 'class="secret-once"' "and no secret"
check "still two active keys" test "$(sql "SELECT COUNT(*) FROM partner_keys WHERE vendor_id = $vid AND status = 'active'")" = 2
check "no audit row for the refusal" test "$(audits)" = "$n"
areq POST "/admin/vendors/$slug/keys" --data ""
expect_status 403 "issuing without the CSRF token"
areq POST "/admin/vendors/$slug/keys/$key2/revoke" --data "csrf=bad"
expect_status 403 "revoking with a wrong CSRF token"
check "the forged revocation changed nothing" test "$(sql "SELECT status FROM partner_keys WHERE key_id = '$key2'")" = active

apost "/admin/vendors/$slug/keys/$key1/rotate" ""
expect_status 201 "rotated"
key3=$(grep -oE '<code class="key-id">[^<]+' "$BODY" | sed 's/.*>//')
secret3=$(grep -oE '<div class="secret-once">[^<]+' "$BODY" | sed 's/.*>//')
expect_body "$key1" "the page names the key it replaces"
check "a new key: $key3" test -n "$key3" -a "$key3" != "$key1"
check "the old key is revoked" test "$(sql "SELECT CONCAT(status, revoked_at IS NOT NULL) FROM partner_keys WHERE key_id = '$key1'")" = revoked1
check "the new key is active" test "$(sql "SELECT status FROM partner_keys WHERE key_id = '$key3'")" = active
check "one audit row for the rotation" test "$(audits)" = $((n + 1))
check "the rotation's audit row" test "$(sql "SELECT CONCAT_WS('|', admin_user, REPLACE(before_text, '\n', ';'), REPLACE(after_text, '\n', ';')) FROM audit_log WHERE action = 'vendor.key_rotate' AND target_ref = '$slug'")" = "admin|key_id: $key1;status: active|key_id: $key3;status: active;revoked: $key1"
preq "$key1" "$secret1" GET '/partner/v1/events?limit=1'
expect_status 401 "the rotated-out key is refused"
preq "$key3" "$secret3" GET '/partner/v1/events?limit=1'
expect_status 200 "the new key works"

apost "/admin/vendors/$slug/keys/$key2/revoke" ""
expect_status 303 "revoked"
check "revoked notice: $(location)" test "$(location)" = "/admin/vendors/$slug?notice=key_revoked"
check "the key is revoked" test "$(sql "SELECT status FROM partner_keys WHERE key_id = '$key2'")" = revoked
check "the revocation's audit row" test "$(sql "SELECT CONCAT_WS('|', admin_user, ip, REPLACE(before_text, '\n', ';'), REPLACE(after_text, '\n', ';')) FROM audit_log WHERE action = 'vendor.key_revoke' AND target_ref = '$slug'")" = "admin|127.0.0.1|key_id: $key2;status: active|key_id: $key2;status: revoked"
preq "$key2" "$secret2" GET '/partner/v1/events?limit=1'
expect_status 401 "the revoked key is refused"
n=$(audits)
apost "/admin/vendors/$slug/keys/$key2/revoke" "" -H 'Accept: application/xml'
expect_status 409 "revoking a revoked key"
expect_xpath "/page/form-error[@field='keys']/@key" admin.vendors.key_not_active "says the key is not active"
apost "/admin/vendors/$slug/keys/$key1/rotate" "" -H 'Accept: application/xml'
expect_status 409 "rotating a revoked key"
expect_xpath 'count(/page/new-key)' 0 "no new key"
other_key=$(sql "SELECT key_id FROM partner_keys WHERE vendor_id <> $vid AND status = 'active' LIMIT 1")
if [ -z "$other_key" ]; then
  "$ROOT/bin/mp-admin" -c "$STATE/mp.conf" partner-key create skylark-soft > /dev/null
  other_key=$(sql "SELECT key_id FROM partner_keys WHERE vendor_id <> $vid AND status = 'active' LIMIT 1")
fi
n=$(audits)
apost "/admin/vendors/$slug/keys/$other_key/revoke" ""
expect_status 409 "another vendor's key cannot be revoked from this page"
check "the other vendor's key is still active" test "$(sql "SELECT status FROM partner_keys WHERE key_id = '$other_key'")" = active
check "the refusals wrote no audit rows" test "$(audits)" = "$n"
apost "/admin/vendors/t91-$run-nobody/keys" ""
expect_status 404 "keys for a vendor that does not exist"
aget "/admin/vendors/$slug"
for s in "$secret1" "$secret2" "$secret3"; do
  expect_no_body "$s" "no secret on the vendor's page"
done
check "no secret in the audit log" test "$(audit_count "CONCAT(before_text, after_text, reason) LIKE '%$secret2%' OR CONCAT(before_text, after_text, reason) LIKE '%$secret3%'")" = 0
check "the page lists all three keys" test "$(grep -oE 'mpk_[0-9a-f]{24}' "$BODY" | sort -u | wc -l)" -ge 3

# the audit page finds the vendor's history
axget "/admin/audit?target=vendor&ref=$slug"
expect_xpath 'count(/page/audit/entry)' "$(audit_count "target_type = 'vendor' AND target_ref = '$slug'")" "the vendor's audit history"
expect_xpath "count(/page/audit/entry[@admin!='admin'])" 0 "all by the admin"

# ---- mp-admin: the same code, its own audit rows ----
admin_cli() { "$ROOT/bin/mp-admin" -c "$STATE/mp.conf" "$@"; }
n=$(audits)
partner_key "$slug"
check "mp-admin issues a key (key_id=… secret=…)" grep -Eq '^[0-9a-f]{64}$' <<<"$SECRET"
check "a cli audit row for it" test "$(sql "SELECT CONCAT_WS('|', admin_user LIKE 'cli:%', ip, after_text LIKE '%$KEY_ID%') FROM audit_log WHERE action = 'vendor.key_issue' AND target_ref = '$slug' ORDER BY id DESC LIMIT 1")" = "1|local|1"
preq "$KEY_ID" "$SECRET" GET '/partner/v1/events?limit=1'
expect_status 200 "the CLI's key works"
out=$(admin_cli partner-key create "$slug" 2>&1)
check "mp-admin refuses a third key too: $out" grep -q 'already holds 2 active keys' <<<"$out"
out=$(admin_cli partner-key list "$slug")
check "mp-admin lists the keys, oldest first" test "$(head -1 <<<"$out" | cut -f1)" = "$key1"
check "with their state" grep -Eq "^$KEY_ID	active	created [0-9-]+ [0-9:]+	last used [0-9-]+ [0-9:]+$" <<<"$out"
check "and when revoked" grep -Eq "^$key2	revoked	created .*	revoked [0-9-]+ [0-9:]+$" <<<"$out"
out=$(admin_cli partner-key rotate "$KEY_ID")
new_key=$(sed -n 's/^key_id=//p' <<<"$out")
check "mp-admin rotates: $new_key" test -n "$new_key" -a "$(sql "SELECT status FROM partner_keys WHERE key_id = '$KEY_ID'")" = revoked
check "a cli audit row for the rotation" test "$(audit_count "action = 'vendor.key_rotate' AND admin_user LIKE 'cli:%' AND ip = 'local' AND before_text LIKE '%$KEY_ID%' AND after_text LIKE '%$new_key%'")" = 1
out=$(admin_cli partner-key revoke "$new_key")
check "mp-admin revokes: $out" test "$out" = "revoked $new_key"
check "a cli audit row for the revocation" test "$(audit_count "action = 'vendor.key_revoke' AND admin_user LIKE 'cli:%' AND ip = 'local' AND before_text LIKE '%$new_key%'")" = 1
out=$(admin_cli partner-key revoke "$new_key")
check "revoking it again: $out" test "$out" = "no active key $new_key"
out=$(admin_cli vendor suspend "$slug" "cli check")
check "mp-admin suspends: $out" test "$out" = "suspended $slug" -a "$(sql "SELECT status FROM vendors WHERE id = $vid")" = suspended
check "with its audit row and reason" test "$(audit_count "action = 'vendor.suspend' AND admin_user LIKE 'cli:%' AND ip = 'local' AND reason = 'cli check' AND target_ref = '$slug'")" = 1
xget "/search?q=Vendorstory$run"
expect_xpath '/page/search/@count' 0 "suspended from the CLI: off sale"
out=$(admin_cli vendor reinstate "$slug" "cli check done")
check "mp-admin reinstates: $out" test "$out" = "reinstated $slug" -a "$(sql "SELECT status FROM vendors WHERE id = $vid")" = active
# shellcheck disable=SC2016 # the inner bash expands $1 and the rest
check "mp-admin wants a reason" bash -c '! "$1" -c "$2" vendor suspend "$3" "" 2>/dev/null' _ "$ROOT/bin/mp-admin" "$STATE/mp.conf" "$slug"
check "the vendor is still active" test "$(sql "SELECT status FROM vendors WHERE id = $vid")" = active
n=$(audits)
# shellcheck disable=SC2016 # the inner bash expands $1 and the rest
check "mp-admin: no such vendor" bash -c '! "$1" -c "$2" partner-key create "$3" 2>/dev/null' _ "$ROOT/bin/mp-admin" "$STATE/mp.conf" "t91-$run-nobody"
check "no audit row for it" test "$(audits)" = "$n"

# leave the catalog as it was: the story's product off sale
sql "UPDATE products SET listed = 0 WHERE id = $pid"
done_testing
