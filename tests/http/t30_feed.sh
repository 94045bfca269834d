#!/usr/bin/env bash
# The public catalog feed: valid against its published schema, cacheable,
# and answering 304 to its validators until the catalog changes.
. "$ROOT/tests/lib.sh"

get /feeds/catalog.xml
expect_status 200 "feed"
expect_header Content-Type '^application/xml; charset=utf-8' "feed"
expect_header Cache-Control 'public' "feed cacheable"
check "feed validates against xslt/schemas/catalog.xsd" xmllint --noout --schema "$ROOT/xslt/schemas/catalog.xsd" "$BODY"
listed=$(sql "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE p.listed = 1 AND v.status = 'active'")
expect_xpath 'count(/catalog/products/product)' "$listed" "every listed product of an active vendor"
unlisted=$(sql "SELECT id FROM products WHERE listed = 0 LIMIT 1")
expect_xpath "count(/catalog/products/product[@id=$unlisted])" 0 "unlisted product left out"
prices=$(sql "SELECT COUNT(*) FROM prices pr JOIN specs s ON s.id = pr.spec_id JOIN products p ON p.id = s.product_id JOIN vendors v ON v.id = p.vendor_id WHERE p.listed = 1 AND v.status = 'active' AND s.active = 1")
expect_xpath 'count(//price)' "$prices" "every active price"
expect_xpath 'count(/catalog/products/product[1]/name)' 2 "names in both languages"
# a service sold once (一次性): period="once" and no months
once=$(sql "SELECT COUNT(*) FROM prices pr JOIN specs s ON s.id = pr.spec_id JOIN products p ON p.id = s.product_id JOIN vendors v ON v.id = p.vendor_id WHERE p.listed = 1 AND v.status = 'active' AND s.active = 1 AND pr.period_months = 0")
check "the demo sells some services once ($once prices)" test "$once" -gt 0
expect_xpath "count(//price[@period='once'])" "$once" "every once price says period=once"
expect_xpath "count(//price[@period='once'][@months])" 0 "and has no months"
expect_xpath "count(//price[not(@period)][@months])" "$((prices - once))" "the rest have months"
expect_xpath "count(//product[specs/spec/price/@period='once'][@delivery!='manual'])" 0 "only manual products are sold once"
training=$(sql "SELECT id FROM products WHERE name_zh = '云雀办公培训服务'")
expect_xpath "count(/catalog/products/product[@id=$training]//price[@months])" 0 "the training service has no month prices"
# the schema holds each price to one period: months or once, never both or neither
for bad in 's|<price cents="\([0-9]*\)" period="once">|<price cents="\1" period="once" months="1">|' \
           's|<price cents="\([0-9]*\)" period="once">|<price cents="\1">|'; do
  sed "0,/period=\"once\"/$bad" "$BODY" > "$OUT/bad-price.xml"
  # shellcheck disable=SC2016 # the inner bash expands $1 and the rest
  check "a price with both or neither is invalid ($bad)" \
    bash -c '! cmp -s "$1" "$2" && ! xmllint --noout --schema "$3" "$2" 2>/dev/null' _ "$BODY" "$OUT/bad-price.xml" "$ROOT/xslt/schemas/catalog.xsd"
done
etag=$(header ETag)
lastmod=$(header Last-Modified)
check "ETag present" test -n "$etag"
check "Last-Modified is an HTTP date" grep -Eq '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} GMT$' <<<"$lastmod"

# the published schema is served beside the feed
get /schemas/catalog.xsd
expect_status 200 "schema published"
check "served schema is the repository's" cmp -s "$BODY" "$ROOT/xslt/schemas/catalog.xsd"

get /feeds/catalog.xml -H "If-None-Match: $etag"
expect_status 304 "If-None-Match"
check "304 has no body" test ! -s "$BODY"
expect_header ETag "^$etag\$" "304 repeats the ETag"
get /feeds/catalog.xml -H "If-Modified-Since: $lastmod"
expect_status 304 "If-Modified-Since"
get /feeds/catalog.xml -H 'If-None-Match: "catalog-0"'
expect_status 200 "stale ETag"
get /feeds/catalog.xml -H 'If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT'
expect_status 200 "old If-Modified-Since"
get /feeds/catalog.xml -H 'If-Modified-Since: yesterday'
expect_status 200 "unparseable If-Modified-Since is ignored"

# a price change makes a new version
sleep 1
sql "UPDATE prices SET price_cents = price_cents + 1 ORDER BY spec_id LIMIT 1"
get /feeds/catalog.xml -H "If-None-Match: $etag"
expect_status 200 "changed catalog"
check "new ETag" test "$(header ETag)" != "$etag"
check "new Last-Modified" test "$(header Last-Modified)" != "$lastmod"
sql "UPDATE prices SET price_cents = price_cents - 1 ORDER BY spec_id LIMIT 1"

req HEAD /feeds/catalog.xml
expect_status 200 "HEAD"
# read the raw answer: everything after the blank line is body
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'HEAD /feeds/catalog.xml HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
cat <&3 > "$OUT/head-raw"
exec 3<&-
check "HEAD answers headers only" test "$(sed -n '/^\r$/,$p' "$OUT/head-raw" | wc -c)" = 2
req POST /feeds/catalog.xml
expect_status 405 "POST to the feed"
expect_header Allow '^GET, HEAD$' "Allow"
expect_header Content-Type '^application/xml' "feed errors are XML"
expect_xpath '/error/@code' method_not_allowed "XML error code"

done_testing
