#!/usr/bin/env bash
# The console's catalog: an admin creates, renames and reorders a category,
# creates a product (delisted until it has something to sell), adds specs
# and prices (one-off only for a manual product), edits it, lists and
# delists products. Every write leaves its audit row and changes the public
# feed's ETag; every bad input is refused with a clear error and changes
# nothing; a delisted product leaves the shop while its buyers keep their
# instances. The story leaves the catalog the shop's other stories expect:
# its own product ends delisted, its category last.
. "$ROOT/tests/lib.sh"
HARD_RELOAD=1 # read each edit at once, past nginx's copy of guests' pages (t52_cache)

# snap: the catalog tables, the catalog version and the audit log, to show
# that a refused write changed nothing
snap() { sql "CHECKSUM TABLE categories, products, specs, prices, catalog_meta, audit_log" | awk '{print $2}' | tr '\n' ' '; }
unchanged() { check "$1: nothing changed" test "$(snap)" = "$2"; }
# refused STATUS WHAT FIELD KEY: the last answer is the form again with
# that field's error, status STATUS (XML model)
refused() {
  expect_status "$1" "$2"
  expect_xpath "/page/form-error[@field='$3']/@key" "$4" "$2: the error names $3"
}
etag() { curl -sS -o /dev/null -D - "$BASE/feeds/catalog.xml" | grep -i '^etag:' | tr -d '\r' | sed 's/^[^:]*: *//'; }
FEED_ETAG=$(etag)
feed_changed() {
  local now
  now=$(etag)
  if [ -n "$now" ] && [ "$now" != "$FEED_ETAG" ]; then pass; else fail "$1 does not change the feed's ETag ($now)"; fi
  FEED_ETAG=$now
}
audits() { audit_count "$1"; }
last_audit() { sql "SELECT $1 FROM audit_log WHERE $2 ORDER BY id DESC LIMIT 1"; }
# apostx PATH DATA: an admin post whose answer is the XML model
apostx() { apost "$1" "$2" -H 'Accept: application/xml'; }

# ---- every page, as HTML and as its XML model ----
seed=$(sql "SELECT id FROM products WHERE listed = 1 ORDER BY id LIMIT 1")
for page in /admin/catalog "/admin/catalog?q=%E4%BA%91&category=1&vendor=skylark-soft&listed=yes&mode=auto" \
  /admin/products/new "/admin/products/$seed"; do
  aget "$page"
  expect_status 200 "$page"
  expect_html "$page"
  axget "$page"
  expect_status 200 "$page (XML)"
done
axget /admin/catalog
expect_xpath 'count(/page/categories/category)' "$(sql "SELECT COUNT(*) FROM categories")" "every category"
expect_xpath '/page/categories/category[1]/@slug' "$(sql "SELECT slug FROM categories ORDER BY position, id LIMIT 1")" "categories in their order"
total=$(sql "SELECT COUNT(*) FROM products")
expect_xpath 'count(/page/products/product)' "$(( total < 50 ? total : 50 ))" "products: a page, newest first"
expect_xpath '/page/products/product[1]/@id' "$(sql "SELECT MAX(id) FROM products")" "newest first"
axget '/admin/catalog?listed=no'
expect_xpath 'count(/page/products/product)' "$(sql "SELECT COUNT(*) FROM products WHERE listed = 0")" "delisted filter"
axget '/admin/catalog?mode=manual&vendor=lin-partners'
expect_xpath "count(/page/products/product[@delivery!='manual' or @vendor!='lin-partners'])" 0 "mode and vendor filters"
expect_xpath 'count(/page/products/product)' "$(sql "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE v.slug = 'lin-partners' AND p.delivery_mode = 'manual'")" "every match"
axget '/admin/catalog?q=%25'
expect_xpath 'count(/page/products/product)' 0 "a % in the name filter is taken literally"
axget '/admin/catalog?listed=maybe'
expect_status 400 "unknown listed filter"
# keyset pages: after the first 50 (with more products than a page, below)
axget "/admin/products/999999"
expect_status 404 "no such product"
get /admin/catalog
expect_status 401 "the catalog needs the admin password"

# ---- categories: create ----
slug="t92-$RANDOM$RANDOM"
before=$(snap)
areq POST /admin/categories --data "slug=$slug-x&name_zh=x&name_en=x"
expect_status 403 "create without the CSRF token"
unchanged "no CSRF token" "$before"
apostx /admin/categories "slug=Bad%20Slug!&name_zh=%E6%B5%8B%E8%AF%95&name_en=Test"
refused 422 "a slug with capitals and spaces" slug admin.catalog.err.slug
expect_xpath "/page/form[@target='category']/field[@name='name_en']" Test "the form keeps what was typed"
unchanged "bad slug" "$before"
apostx /admin/categories "slug=-abc&name_zh=%E6%B5%8B%E8%AF%95&name_en=Test"
refused 422 "a slug starting with a dash" slug admin.catalog.err.slug
unchanged "slug with a dash first" "$before"
apostx /admin/categories "slug=$(printf 'a%.0s' {1..65})&name_zh=%E6%B5%8B%E8%AF%95&name_en=Test"
refused 422 "a 65-character slug" slug admin.catalog.err.slug
unchanged "long slug" "$before"
apostx /admin/categories "slug=finance&name_zh=%E6%B5%8B%E8%AF%95&name_en=Test"
refused 422 "a slug taken" slug admin.catalog.err.slug_taken
unchanged "duplicate slug" "$before"
apostx /admin/categories "slug=$slug&name_zh=%20%20&name_en="
refused 422 "empty names" name_zh admin.catalog.err.empty
expect_xpath "/page/form-error[@field='name_en']/@key" admin.catalog.err.empty "both names' errors at once"
unchanged "empty names" "$before"
apostx /admin/categories "slug=$slug&name_zh=$(printf '%%E6%%B5%%8B%.0s' {1..101})&name_en=Test"
refused 422 "a 101-character name" name_zh admin.catalog.err.too_long
expect_xpath "/page/form-error[@field='name_zh']/@max" 100 "the error names the limit"
unchanged "long name" "$before"
apost /admin/categories "slug=$slug&name_zh=$(printf 'x%.0s' {1..1001})&name_en=Test"
expect_status 400 "a name far over any limit"
unchanged "very long name" "$before"
apost /admin/categories "slug=Bad%20Slug!&name_zh=%E6%B5%8B%E8%AF%95&name_en=Test"
expect_status 422 "bad slug (HTML)"
expect_html "the catalog page with the form's error"
expect_body '请使用 1 到 64 个小写字母' "the error in the page's language"
expect_body 'value="Test"' "what was typed comes back"

apost /admin/categories "slug=$slug&name_zh=%E6%B5%8B%E8%AF%95%E5%88%86%E7%B1%BB&name_en=Test%20category"
expect_status 303 "create a category"
check "back to the catalog with a notice" test "$(location)" = "/admin/catalog?notice=catalog_category_created"
cid=$(sql "SELECT id FROM categories WHERE slug = '$slug'")
check "the category exists" test -n "$cid"
check "placed last" test "$(sql "SELECT slug FROM categories ORDER BY position DESC, id DESC LIMIT 1")" = "$slug"
check "audited" test "$(audits "action = 'category.create' AND target_ref = '$slug' AND after_text LIKE '%name_en: Test category%'")" = 1
old_etag=$FEED_ETAG
feed_changed "creating a category"
get /feeds/catalog.xml -H "If-None-Match: $old_etag"
expect_status 200 "a feed reader holding the old version gets the new one"
get /feeds/catalog.xml -H "If-None-Match: $FEED_ETAG"
expect_status 304 "and then revalidates it"
aget "/admin/catalog?notice=catalog_category_created"
expect_body '分类已创建' "the notice"
xget /
expect_xpath "count(/page/categories/category[@slug='$slug'])" 1 "the shop shows the new category"
xget "/categories/$slug"
expect_status 200 "its page"

# ---- categories: rename ----
before=$(snap)
apostx "/admin/categories/$cid" "name_zh=%E6%94%B9%E5%90%8D&name_en="
refused 422 "rename to an empty name" name_en admin.catalog.err.empty
expect_xpath "/page/form[@target='category-rename']/@id" "$cid" "the error belongs to that category's form"
unchanged "empty new name" "$before"
apost "/admin/categories/999999" "name_zh=a&name_en=b"
expect_status 404 "rename a category that does not exist"
unchanged "no such category" "$before"
apost "/admin/categories/$cid" "name_zh=%E6%B5%8B%E8%AF%95%E5%88%86%E7%B1%BB&name_en=Test%20category"
check "the same names: nothing to do" test "$(location)" = "/admin/catalog?notice=not_catalog_changed"
unchanged "a rename to the same names" "$before"
apost "/admin/categories/$cid" "name_zh=%E6%94%B9%E5%90%8D%E5%88%86%E7%B1%BB&name_en=Renamed%20category"
expect_status 303 "rename"
check "renamed" test "$(sql "SELECT name_en FROM categories WHERE id = $cid")" = "Renamed category"
check "audited with both names" test "$(audits "action = 'category.rename' AND target_ref = '$slug' AND before_text LIKE '%name_en: Test category%' AND after_text LIKE '%name_en: Renamed category%'")" = 1
feed_changed "renaming a category"
xget /?lang=en
expect_xpath "/page/categories/category[@slug='$slug']" "Renamed category" "the shop shows the new name"

# ---- categories: reorder ----
prev=$(sql "SELECT slug FROM categories WHERE id <> $cid ORDER BY position DESC, id DESC LIMIT 1")
before=$(snap)
apost "/admin/categories/$cid/move" "dir=down"
check "the last cannot move down" test "$(location)" = "/admin/catalog?notice=not_catalog_moved"
unchanged "moving the last one down" "$before"
apost "/admin/categories/$cid/move" "dir=sideways"
expect_status 400 "an unknown direction"
unchanged "unknown direction" "$before"
areq POST "/admin/categories/$cid/move" --data "dir=up"
expect_status 403 "move without the CSRF token"
unchanged "move without the token" "$before"
apost "/admin/categories/$cid/move" "dir=up"
expect_status 303 "move up"
xget /
expect_xpath "/page/categories/category[last()]/@slug" "$prev" "swapped with the one before it"
expect_xpath "/page/categories/category[last() - 1]/@slug" "$slug" "now second to last"
check "audited: both positions before and after" test "$(audits "action = 'category.move' AND target_ref = '$slug' AND before_text LIKE '$slug: %$prev: %' AND after_text LIKE '$slug: %$prev: %' AND before_text <> after_text")" = 1
feed_changed "moving a category up"
apost "/admin/categories/$cid/move" "dir=down"
expect_status 303 "move down"
xget /
expect_xpath "/page/categories/category[last()]/@slug" "$slug" "back at the end"
feed_changed "moving a category down"
# positions that tie (set by hand) are spread out first, so a move moves
sql "UPDATE categories SET position = (SELECT position FROM (SELECT position FROM categories WHERE slug = '$prev') t) WHERE id = $cid"
FEED_ETAG=$(etag)
apost "/admin/categories/$cid/move" "dir=up"
xget /
expect_xpath "/page/categories/category[last()]/@slug" "$prev" "a tie moved up"
check "no two positions tie any more" test "$(sql "SELECT COUNT(DISTINCT position) = COUNT(*) FROM categories")" = 1
feed_changed "moving a category that tied"
apost "/admin/categories/$cid/move" "dir=down"
xget /
expect_xpath "/page/categories/category[last()]/@slug" "$slug" "and back down"

# ---- products: create ----
vendor=lin-partners
form="vendor=$vendor&category=$cid&name_zh=T92%E5%92%A8%E8%AF%A2&name_en=T92%20Consulting&summary_zh=%E6%91%98%E8%A6%81&summary_en=Summary&description_zh=%E8%AF%A6%E6%83%85&description_en=Details&delivery_mode=manual&support_email=help%40example.com&support_phone=400-000-0000"
without() { sed -E "s/(^|&)$1=[^&]*/\1$1=$2/" <<<"$form"; }
before=$(snap)
apostx /admin/products "$(without vendor no-such-vendor)"
refused 422 "a vendor that does not exist" vendor admin.catalog.err.no_vendor
unchanged "unknown vendor" "$before"
apostx /admin/products "$(without category 999999)"
refused 422 "a category that does not exist" category admin.catalog.err.no_category
unchanged "unknown category" "$before"
apostx /admin/products "$(without name_zh '')"
refused 422 "an empty name" name_zh admin.catalog.err.empty
unchanged "empty name" "$before"
apostx /admin/products "$(without name_en "$(printf 'n%.0s' {1..201})")"
refused 422 "a 201-character name" name_en admin.catalog.err.too_long
unchanged "long name" "$before"
apostx /admin/products "$(without summary_en "$(printf 's%.0s' {1..501})")"
refused 422 "a 501-character summary" summary_en admin.catalog.err.too_long
unchanged "long summary" "$before"
apostx /admin/products "$(without support_email not-an-email)"
refused 422 "a bad support email" support_email admin.catalog.err.email
unchanged "bad email" "$before"
apostx /admin/products "$(without support_phone call%20me)"
refused 422 "a bad support phone" support_phone admin.catalog.err.phone
unchanged "bad phone" "$before"
apost /admin/products "$(without delivery_mode sometimes)"
expect_status 400 "an unknown delivery mode"
unchanged "unknown mode" "$before"
areq POST /admin/products --data "$form"
expect_status 403 "create a product without the CSRF token"
unchanged "no token" "$before"
apost /admin/products "$(without vendor no-such-vendor)"
expect_status 422 "unknown vendor (HTML)"
expect_html "the new product form with its error"
expect_body '没有使用该标识的服务商' "says the vendor is unknown"
expect_body 'value="T92 Consulting"' "keeps what was typed"

axget "/admin/products/new?vendor=$vendor"
expect_xpath "/page/form/field[@name='vendor']" "$vendor" "the new product form can name its vendor"
apost /admin/products "$form"
expect_status 303 "create a product"
pid=$(location | sed -nE 's|^/admin/products/([0-9]+)\?notice=catalog_product_created$|\1|p')
check "to the product's page" test -n "$pid"
check "created delisted" test "$(sql "SELECT listed FROM products WHERE id = $pid")" = 0
check "with its fields" test "$(sql "SELECT CONCAT_WS('|', v.slug, p.category_id, p.delivery_mode, p.free_login, p.support_email, p.support_phone) FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE p.id = $pid")" = "$vendor|$cid|manual|0|help@example.com|400-000-0000"
check "audited" test "$(audits "action = 'product.create' AND target_ref = '$pid' AND after_text LIKE '%vendor: $vendor%' AND after_text LIKE '%listed: 0%'")" = 1
feed_changed "creating a product"
axget "/admin/products/$pid"
expect_xpath '/page/product/@listed' 0 "its page says delisted"
expect_xpath '/page/product/vendor/@slug' "$vendor" "and names the vendor"
aget "/admin/products/$pid"
expect_body "href=\"/admin/vendors/$vendor\"" "a link to the vendor"
expect_body "href=\"/admin/audit\?target=product&amp;ref=$pid\"" "a link to its audit history"
get /feeds/catalog.xml
expect_xpath "count(/catalog/products/product[@id=$pid])" 0 "not in the feed while delisted"

# listing needs something to sell
before=$(snap)
apostx "/admin/products/$pid/list" ""
expect_status 422 "listing a product without prices"
expect_xpath '/page/form-error/@key' admin.catalog.err.nothing_on_sale "says why"
unchanged "listing without prices" "$before"

# ---- specs ----
apostx "/admin/products/$pid/specs" "name_zh=&name_en=Basic"
refused 422 "a spec without a Chinese name" name_zh admin.catalog.err.empty
unchanged "nameless spec" "$before"
apostx "/admin/products/$pid/specs" "name_zh=%E5%9F%BA%E7%A1%80&name_en=Basic&features_en=$(printf 'f%.0s' {1..501})"
refused 422 "features over 500 characters" features_en admin.catalog.err.too_long
unchanged "long features" "$before"
apost "/admin/products/999999/specs" "name_zh=a&name_en=b"
expect_status 404 "a spec for a product that does not exist"
unchanged "no such product" "$before"
apost "/admin/products/$pid/specs" "name_zh=%E5%9F%BA%E7%A1%80%E7%89%88&name_en=Basic&features_zh=%E4%B8%80%EF%BC%8C%E4%BA%8C&features_en=one%2C%20two"
expect_status 303 "add a spec"
sid=$(sql "SELECT id FROM specs WHERE product_id = $pid")
check "the spec exists, active" test "$(sql "SELECT active FROM specs WHERE id = $sid")" = 1
check "audited" test "$(audits "action = 'spec.create' AND target_ref = '$pid' AND after_text LIKE '%spec: $sid%'")" = 1
feed_changed "adding a spec"

# ---- prices ----
price() { sql "SELECT price_cents FROM prices WHERE spec_id = $1 AND period_months = $2"; }
before=$(snap)
for bad in 12.345 -1 abc 0 "" 1.2.3 100000001; do
  apostx "/admin/specs/$sid/prices" "op=set&period=12&amount=$bad"
  if [ "$bad" = 0 ]; then key=admin.catalog.err.amount_zero; else key=admin.catalog.err.amount; fi
  refused 422 "price \"$bad\"" amount "$key"
  unchanged "price \"$bad\"" "$before"
done
apostx "/admin/specs/$sid/prices" "op=set&period=2&amount=100"
refused 422 "a period of 2 months" period admin.catalog.err.period
unchanged "period 2" "$before"
apost "/admin/specs/$sid/prices" "op=set&period=48&amount=100"
expect_status 400 "a period of 48 months"
unchanged "period 48" "$before"
apost "/admin/specs/999999/prices" "op=set&period=12&amount=100"
expect_status 404 "a price for a spec that does not exist"
unchanged "no such spec" "$before"
areq POST "/admin/specs/$sid/prices" --data "op=set&period=12&amount=100"
expect_status 403 "a price without the CSRF token"
unchanged "price without the token" "$before"
apost "/admin/specs/$sid/prices" "op=set&period=12&amount=12.345"
expect_status 422 "bad price (HTML)"
expect_html "the product page with the price form's error"
expect_body '请以元为单位填写价格' "says how to write a price"

apost "/admin/specs/$sid/prices" "op=set&period=0&amount=1999.5"
expect_status 303 "a one-off price on a manual product"
check "to the spec on the product page" test "$(location)" = "/admin/products/$pid?notice=catalog_price_set#spec-$sid"
check "one-off price kept in cents" test "$(price "$sid" 0)" = 199950
check "audited" test "$(audits "action = 'price.set' AND target_ref = '$pid' AND after_text LIKE '%period: once%price: 1999.50%'")" = 1
feed_changed "setting a one-off price"
apost "/admin/specs/$sid/prices" "op=set&period=12&amount=12000"
check "a yearly price" test "$(price "$sid" 12)" = 1200000
feed_changed "adding a price"
apost "/admin/specs/$sid/prices" "op=set&period=12&amount=13000.5"
check "the yearly price changed" test "$(price "$sid" 12)" = 1300050
check "audited before and after" test "$(audits "action = 'price.set' AND target_ref = '$pid' AND before_text LIKE '%price: 12000.00%' AND after_text LIKE '%price: 13000.50%'")" = 1
feed_changed "changing a price"
before=$(snap)
apost "/admin/specs/$sid/prices" "op=set&period=12&amount=13000.50"
check "the same price: nothing to do" test "$(location)" = "/admin/products/$pid?notice=not_catalog_changed#spec-$sid"
unchanged "the same price again" "$before"
apost "/admin/specs/$sid/prices" "op=set&period=1&amount=1200"
apost "/admin/specs/$sid/prices" "op=remove&period=1"
expect_status 303 "remove a price"
check "removed" test -z "$(price "$sid" 1)"
check "audited" test "$(audits "action = 'price.remove' AND target_ref = '$pid' AND before_text LIKE '%price: 1200.00%'")" = 1
feed_changed "removing a price"
before=$(snap)
apost "/admin/specs/$sid/prices" "op=remove&period=1"
check "removing it again: nothing to do" test "$(location)" = "/admin/products/$pid?notice=not_catalog_changed#spec-$sid"
unchanged "removing a price that is not there" "$before"

# a one-off price on an automatically delivered product is refused
auto_spec=$(sql "SELECT s.id FROM specs s JOIN products p ON p.id = s.product_id WHERE p.delivery_mode = 'auto' AND p.listed = 1 ORDER BY s.id LIMIT 1")
before=$(snap)
apostx "/admin/specs/$auto_spec/prices" "op=set&period=0&amount=100"
refused 422 "a one-off price on an auto product" period admin.catalog.err.once_manual
unchanged "one-off on auto" "$before"
check "no one-off price" test -z "$(price "$auto_spec" 0)"
apost "/admin/specs/$auto_spec/prices" "op=set&period=0&amount=100"
expect_body '一次性价格仅适用于人工交付的商品' "the page says why (HTML)"

# ---- list it ----
apost "/admin/products/$pid/list" "reason="
expect_status 303 "list the product"
check "listed" test "$(sql "SELECT listed FROM products WHERE id = $pid")" = 1
check "audited" test "$(audits "action = 'product.list' AND target_ref = '$pid' AND before_text = 'listed: 0' AND after_text = 'listed: 1'")" = 1
feed_changed "listing a product"
xget "/products/$pid"
expect_status 200 "the shop's product page"
expect_xpath "/page/product/specs/spec/price[@months='0']/@cents" 199950 "sold once"
xget "/categories/$slug"
expect_xpath "/page/products/product/@id" "$pid" "in its category"
get /feeds/catalog.xml
expect_xpath "/catalog/products/product[@id=$pid]/@category" "$slug" "in the feed"
expect_xpath "/catalog/categories/category[@slug='$slug']/name[@lang='en']" "Renamed category" "the feed has the category's new name"

# ---- edit ----
edit="category=$cid&name_zh=T92%E5%92%A8%E8%AF%A2&name_en=T92%20Advisory&summary_zh=%E6%91%98%E8%A6%81&summary_en=New%20summary&description_zh=%E8%AF%A6%E6%83%85&description_en=Details&delivery_mode=manual&free_login=on&support_email=help%40example.com&support_phone=400-000-0000"
before=$(snap)
apostx "/admin/products/$pid" "${edit/delivery_mode=manual/delivery_mode=auto}"
refused 422 "turning a product sold once automatic" delivery_mode admin.catalog.err.once_manual
unchanged "auto with one-off prices" "$before"
check "still manual" test "$(sql "SELECT delivery_mode FROM products WHERE id = $pid")" = manual
apostx "/admin/products/$pid" "${edit/name_en=T92%20Advisory/name_en=}"
refused 422 "an edit with an empty name" name_en admin.catalog.err.empty
expect_xpath "/page/form[@target='product'][@failed]/field[@name='summary_en']" "New summary" "the edit form keeps what was typed"
unchanged "empty name in an edit" "$before"
apostx "/admin/products/$pid" "${edit/category=$cid/category=999999}"
refused 422 "an edit to a category that does not exist" category admin.catalog.err.no_category
unchanged "unknown category in an edit" "$before"
apost "/admin/products/999999" "$edit"
expect_status 404 "editing a product that does not exist"
areq POST "/admin/products/$pid" --data "$edit"
expect_status 403 "an edit without the CSRF token"
unchanged "edit without the token" "$before"
apost "/admin/products/$pid" "$edit"
expect_status 303 "edit the product"
check "to its page" test "$(location)" = "/admin/products/$pid?notice=catalog_product_saved"
check "saved" test "$(sql "SELECT CONCAT_WS('|', name_en, summary_en, free_login) FROM products WHERE id = $pid")" = "T92 Advisory|New summary|1"
where="action = 'product.update' AND target_ref = '$pid'"
# (the client shows a line break in a value as \n)
check "audited: the fields that changed, before" test "$(last_audit before_text "$where")" = 'name_en: T92 Consulting\nsummary_en: Summary\nfree_login: 0'
check "and after" test "$(last_audit after_text "$where")" = 'name_en: T92 Advisory\nsummary_en: New summary\nfree_login: 1'
feed_changed "editing a product"
before=$(snap)
apost "/admin/products/$pid" "$edit"
check "saving it unchanged: nothing to do" test "$(location)" = "/admin/products/$pid?notice=not_catalog_changed"
unchanged "an unchanged edit" "$before"

# ---- spec edits ----
before=$(snap)
apostx "/admin/specs/$sid" "op=edit&name_zh=%E5%9F%BA%E7%A1%80%E7%89%88&name_en="
refused 422 "a spec renamed to nothing" name_en admin.catalog.err.empty
unchanged "empty spec name" "$before"
apost "/admin/specs/$sid" "op=rename"
expect_status 400 "an unknown spec operation"
unchanged "unknown operation" "$before"
apost "/admin/specs/$sid" "op=edit&name_zh=%E5%9F%BA%E7%A1%80%E7%89%88&name_en=Essential&features_zh=%E4%B8%80&features_en=one"
expect_status 303 "edit the spec"
check "saved" test "$(sql "SELECT name_en FROM specs WHERE id = $sid")" = Essential
check "audited" test "$(audits "action = 'spec.update' AND target_ref = '$pid' AND before_text LIKE '%name_en: Basic%' AND after_text LIKE '%name_en: Essential%'")" = 1
feed_changed "editing a spec"
apost "/admin/specs/$sid" "op=deactivate"
check "off sale" test "$(sql "SELECT active FROM specs WHERE id = $sid")" = 0
check "audited" test "$(audits "action = 'spec.deactivate' AND target_ref = '$pid'")" = 1
feed_changed "taking a spec off sale"
xget "/products/$pid"
expect_xpath 'count(/page/product/specs/spec)' 0 "the shop no longer offers it"
axget "/admin/products/$pid"
expect_xpath '/page/product/@on-sale' 0 "the console says nothing is on sale"
apost "/admin/specs/$sid" "op=activate"
check "on sale again" test "$(sql "SELECT active FROM specs WHERE id = $sid")" = 1
feed_changed "putting a spec on sale"

# ---- more products than a page: keyset pages with the filters kept ----
for i in 1 2 3; do
  apost /admin/products "$(without name_en "T92%20Page%20$i")"
done
axget "/admin/catalog?vendor=$vendor&listed=no"
expect_xpath "count(/page/products/product[@vendor!='$vendor' or @listed!='0'])" 0 "filtered"
n=$(sql "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE v.slug = '$vendor' AND p.listed = 0")
expect_xpath 'count(/page/products/product)' "$n" "every match on one page"
axget /admin/catalog
next=$(xpath '/page/products/@next')
expect_xpath '/page/products/@href' '/admin/catalog?' "the list's own address"
check "a next page" test -n "$next"
axget "/admin/catalog?after=$next"
expect_xpath 'count(/page/products/product)' "$(( $(sql "SELECT COUNT(*) FROM products") - 50 ))" "the rest on the next page"
axget "/admin/catalog?mode=manual&after=$next"
expect_xpath '/page/products/@href' '/admin/catalog?mode=manual&' "filters survive paging"

# ---- delist: gone from the shop, the buyers keep their instance ----
auto=$(sql "SELECT p.id FROM products p WHERE p.listed = 1 AND p.delivery_mode = 'auto' AND p.free_login = 1 ORDER BY p.id DESC LIMIT 1")
read -r aspec aperiod _ <<<"$(offer "$auto")"
aname=$(sql "SELECT name_en FROM products WHERE id = $auto")
acat=$(sql "SELECT c.slug FROM categories c JOIN products p ON p.category_id = c.id WHERE p.id = $auto")
as_buyer t92
topup 50000
order "$auto" "$aspec" "$aperiod"
pay_balance "$ORDER_NO"
ins=$(sql "SELECT i.instance_no FROM instances i JOIN orders o ON o.id = i.order_id WHERE o.order_no = '$ORDER_NO'")
sql "UPDATE instances SET status = 'active', login_url = 'https://app.example.com/login', account = 't92',
     free_login_url = 'https://app.example.com/sso', provisioned_at = UTC_TIMESTAMP(6) WHERE instance_no = '$ins'"
before=$(snap)
apostx "/admin/products/$auto/delist" "reason=%20"
refused 422 "delisting without a reason" reason admin.catalog.err.empty
unchanged "no reason" "$before"
apostx "/admin/products/$auto/delist" "reason=$(printf 'r%.0s' {1..501})"
refused 422 "a reason over 500 characters" reason admin.catalog.err.too_long
unchanged "long reason" "$before"
areq POST "/admin/products/$auto/delist" --data "reason=x"
expect_status 403 "delisting without the CSRF token"
unchanged "delist without the token" "$before"
delists=$(audits "action = 'product.delist' AND target_ref = '$auto' AND reason = 'Vendor asked us to'")
apost "/admin/products/$auto/delist" "reason=Vendor%20asked%20us%20to"
expect_status 303 "delist"
check "delisted" test "$(sql "SELECT listed FROM products WHERE id = $auto")" = 0
check "audited with the reason" test "$(audits "action = 'product.delist' AND target_ref = '$auto' AND reason = 'Vendor asked us to'")" = $((delists + 1))
feed_changed "delisting a product"
xget /
expect_xpath "count(//product[@id=$auto])" 0 "not on the home page"
xget "/categories/$acat"
expect_xpath "count(/page/products/product[@id=$auto])" 0 "not in its category"
xget /search -G --data-urlencode "q=$aname"
expect_xpath "count(/page/search/products/product[@id=$auto])" 0 "not found by its name"
get /feeds/catalog.xml
expect_xpath "count(/catalog/products/product[@id=$auto])" 0 "not in the feed"
xget "/products/$auto"
expect_status 410 "its page says it is no longer sold"
xget "/buy?product=$auto&spec=$aspec&period=$aperiod" -b "$JAR"
expect_status 409 "it cannot be bought"
xget /services -b "$JAR"
expect_xpath "count(/page/instances/instance[@no='$ins'])" 1 "the buyer still has the instance"
xget "/services/$ins" -b "$JAR"
expect_status 200 "and its page"
expect_xpath '/page/instance/app-info/account' t92 "with its app info"
post "/services/$ins/free-login" "csrf=$(csrf)"
expect_status 303 "free login still works"
check "to the vendor" grep -q '^https://app\.example\.com/sso?token=' <<<"$(header Location)"

before=$(snap)
apost "/admin/products/$auto/delist" "reason=again"
check "delisting it again: nothing to do" test "$(location)" = "/admin/products/$auto?notice=not_catalog_changed"
unchanged "delisting twice" "$before"
lists=$(audits "action = 'product.list' AND target_ref = '$auto' AND reason = 'Back on sale'")
apost "/admin/products/$auto/list" "reason=Back%20on%20sale"
expect_status 303 "list it again"
check "audited" test "$(audits "action = 'product.list' AND target_ref = '$auto' AND reason = 'Back on sale'")" = $((lists + 1))
feed_changed "listing it again"
xget "/categories/$acat"
expect_xpath "count(/page/products/product[@id=$auto])" 1 "back in its category"
xget "/products/$auto"
expect_status 200 "its page sells it again"
get /feeds/catalog.xml
expect_xpath "count(/catalog/products/product[@id=$auto])" 1 "back in the feed"

# ---- the story's own product leaves the shop again ----
apost "/admin/products/$pid/delist" "reason=End%20of%20the%20story"
check "delisted" test "$(sql "SELECT listed FROM products WHERE id = $pid")" = 0
feed_changed "delisting"

# ---- the audit page shows the product's history ----
axget "/admin/audit?target=product&ref=$pid"
expect_xpath "count(/page/audit/entry)" "$(audits "target_type = 'product' AND target_ref = '$pid'")" "its history in the audit log"
check "every write of the story left a row" test "$(audits "target_type = 'product' AND target_ref = '$pid'")" = 13

# a description of a few thousand lines: its audit row still shows, line by line
lines=$(printf 'x%%0A%.0s' {1..2400})
apost "/admin/products/$pid" "${edit/description_zh=%E8%AF%A6%E6%83%85/description_zh=$lines}"
expect_status 303 "a description of 2400 lines"
check "saved" test "$(sql "SELECT LENGTH(description_zh) - LENGTH(REPLACE(description_zh, '\n', '')) FROM products WHERE id = $pid")" = 2399
aget "/admin/audit?target=product&ref=$pid"
expect_status 200 "the audit log with that edit"
expect_html "the audit log with that edit"
expect_body '<b>description_zh</b>: x</span>(<span class="field-line">x</span>){2399}' "each line of the description shown"

done_testing
