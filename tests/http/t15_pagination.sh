#!/usr/bin/env bash
# Category pages walk a large category a page at a time, in each sort order,
# without gaps or repeats, even when products are added meanwhile.
. "$ROOT/tests/lib.sh"

sql "INSERT INTO categories (slug, name_zh, name_en, position) VALUES ('paging-test', '分页测试', 'Paging test', 999)"
cat_id=$(sql "SELECT id FROM categories WHERE slug = 'paging-test'")
vendor=$(sql "SELECT id FROM vendors ORDER BY id LIMIT 1")
# 30 products; prices repeat (every third product shares a price) so ties
# between equal prices must be broken by id
for i in $(seq 1 30); do
  sql "INSERT INTO products (vendor_id, category_id, name_zh, name_en, description_zh, description_en, delivery_mode)
       VALUES ($vendor, $cat_id, '分页商品 $i', 'Paging product $i', '说明', 'About', 'auto');
       INSERT INTO specs (product_id, name_zh, name_en) VALUES (LAST_INSERT_ID(), '基础版', 'Basic');
       INSERT INTO prices (spec_id, period_months, price_cents) VALUES (LAST_INSERT_ID(), 1, $(( (i % 10 + 1) * 1000 )));"
done

# walk SORT: prints the ids of every page in order, one per line
walk() {
  local sort=$1 url="/categories/paging-test?sort=$1" pages=0
  : > "$OUT/walk-$sort"
  : > "$OUT/prices-$sort"
  while [ -n "$url" ] && [ $pages -lt 10 ]; do
    xget "$url"
    [ "$STATUS" = 200 ] || { fail "page $url: $STATUS"; return; }
    xmllint --xpath '/page/products/product/@id' "$BODY" 2>/dev/null | grep -o '[0-9]*' >> "$OUT/walk-$sort"
    xmllint --xpath '/page/products/product/price-from/@cents' "$BODY" 2>/dev/null | grep -o '[0-9]*' >> "$OUT/prices-$sort"
    next=$(xpath '/page/products/@next')
    url=""
    [ -n "$next" ] && url="/categories/paging-test?sort=$sort&after=$next"
    pages=$((pages + 1))
    if [ $pages = 1 ] && [ "$sort" = newest ]; then
      # a product added after the first page must not shift later pages
      sql "INSERT INTO products (vendor_id, category_id, name_zh, name_en, description_zh, description_en, delivery_mode)
           VALUES ($vendor, $cat_id, '新商品', 'New product', '说明', 'About', 'auto')"
    fi
  done
  echo "$pages" > "$OUT/pages-$sort"
}

walk newest
check "newest: 3 pages of 12" test "$(cat "$OUT/pages-newest")" = 3
check "newest: 30 products" test "$(wc -l < "$OUT/walk-newest")" = 30
check "newest: no repeats" test "$(sort -u "$OUT/walk-newest" | wc -l)" = 30
check "newest: ids descending" cmp -s "$OUT/walk-newest" <(sort -rn "$OUT/walk-newest")

sql "DELETE FROM products WHERE category_id = $cat_id AND name_en = 'New product'"
walk price_asc
check "price_asc: 30 products" test "$(wc -l < "$OUT/walk-price_asc")" = 30
check "price_asc: no repeats" test "$(sort -u "$OUT/walk-price_asc" | wc -l)" = 30
check "price_asc: prices ascending" cmp -s "$OUT/prices-price_asc" <(sort -n "$OUT/prices-price_asc")
walk price_desc
check "price_desc: 30 products" test "$(wc -l < "$OUT/walk-price_desc")" = 30
check "price_desc: no repeats" test "$(sort -u "$OUT/walk-price_desc" | wc -l)" = 30
check "price_desc: prices descending" cmp -s "$OUT/prices-price_desc" <(sort -rn "$OUT/prices-price_desc")
check "both price orders hold the same products" cmp -s <(sort "$OUT/walk-price_asc") <(sort "$OUT/walk-price_desc")

# back: from the last page, "previous" walks every page again in reverse
# (each page in its own order), ending on the first, which has no previous
back_walk() {
  local sort=$1 url pages=0 prev
  url="/categories/paging-test?sort=$sort&after=$(sed -n '24p' "$OUT/walk-$sort" | tr -d '\n')"
  [ "$sort" != newest ] && url="/categories/paging-test?sort=$sort&after=$(sed -n '24p' "$OUT/prices-$sort").$(sed -n '24p' "$OUT/walk-$sort")"
  : > "$OUT/back-$sort"
  while [ -n "$url" ] && [ $pages -lt 10 ]; do
    xget "$url"
    [ "$STATUS" = 200 ] || { fail "page $url: $STATUS"; return; }
    xmllint --xpath '/page/products/product/@id' "$BODY" 2>/dev/null | grep -o '[0-9]*' | tac >> "$OUT/back-$sort"
    prev=$(xpath '/page/products/@prev')
    url=""
    [ -n "$prev" ] && url="/categories/paging-test?sort=$sort&before=$prev"
    pages=$((pages + 1))
  done
  check "$sort: back over 3 pages" test $pages = 3
  check "$sort: the same products in reverse" cmp -s "$OUT/back-$sort" <(tac "$OUT/walk-$sort")
}
back_walk newest
back_walk price_asc
back_walk price_desc
xget "/categories/paging-test?sort=price_asc&before=5000.$(sed -n '1p' "$OUT/walk-price_asc")"
expect_status 200 "a before cursor of the right shape"
xget "/categories/paging-test?sort=price_asc&before=12"
expect_status 400 "a before cursor of the wrong shape"
expect_xpath '/error/@code' bad_cursor "bad cursor code"

# the HTML pager links to the next and previous pages
get '/categories/paging-test?sort=price_asc'
expect_body 'rel="next" href="/categories/paging-test\?sort=price_asc&amp;after=[0-9]+\.[0-9]+"' "next link"
expect_no_body 'rel="prev"' "the first page"
get "/categories/paging-test?sort=price_asc&after=$(sed -n '12p' "$OUT/prices-price_asc").$(sed -n '12p' "$OUT/walk-price_asc")"
expect_body 'rel="prev" href="/categories/paging-test\?sort=price_asc&amp;before=[0-9]+\.[0-9]+"' "previous link"
expect_body 'href="/categories/paging-test\?sort=price_asc">' "first-page link"

# the listing query uses the category index, not a table scan
plan=$(sql "EXPLAIN SELECT p.id FROM products p WHERE p.category_id = $cat_id AND p.listed = 1 AND p.price_from_cents >= 0 AND (p.price_from_cents > 0 OR p.id > 0) ORDER BY p.price_from_cents, p.id LIMIT 13")
check "price listing uses products_category_price" grep -q products_category_price <<<"$plan"

# leave the catalog as the seed made it
spec_ids=$(sql "SELECT GROUP_CONCAT(s.id) FROM specs s JOIN products p ON p.id = s.product_id WHERE p.category_id = $cat_id")
sql "DELETE FROM prices WHERE spec_id IN ($spec_ids); DELETE FROM specs WHERE id IN ($spec_ids);
     DELETE FROM products WHERE category_id = $cat_id; DELETE FROM categories WHERE id = $cat_id"
check "fixtures removed" test "$(sql "SELECT COUNT(*) FROM products WHERE category_id = $cat_id")" = 0
done_testing
