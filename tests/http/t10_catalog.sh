#!/usr/bin/env bash
# A visitor browses the catalog: home, categories, products, search, in
# Chinese and in English, as HTML and as the XML model.
. "$ROOT/tests/lib.sh"

# Home: categories with product counts and the newest products.
get /
expect_status 200 "home"
expect_html "home"
expect_body '云市场' "home in Chinese by default"
xget /
expect_status 200 "home model"
expect_header Content-Type '^application/xml' "home model"
expect_xpath 'count(/page/categories/category) >= 8' true "at least 8 categories"
expect_xpath 'sum(/page/categories/category/@count)' 46 "46 listed products in the counts (2 unlisted)"
expect_xpath '/page/categories/category[@slug="finance"]/@count' 5 "finance count"
expect_xpath 'count(/page/products[@list="newest"]/product)' 8 "8 newest products"
newest=$(xpath '/page/products/product[1]/@id')
second=$(xpath '/page/products/product[2]/@id')
check "newest first" test "$newest" -gt "$second"
expect_xpath '/page/@lang' zh-CN "default language"

# Language: parameter (remembered in a cookie), then Accept-Language.
get '/?lang=en' -c "$JAR"
expect_status 200 "home in English"
expect_body 'Cloud Marketplace' "English title"
expect_cookie lang '^lang=en; Path=/; Max-Age=[0-9]+; SameSite=Lax' "language cookie"
get / -b "$JAR"
expect_body 'Newest products' "cookie keeps English"
get / -H 'Accept-Language: en-US,en;q=0.9'
expect_body 'Newest products' "Accept-Language en"
get / -H 'Accept-Language: zh-CN,zh;q=0.9,en;q=0.8'
expect_body '最新上架' "Accept-Language zh"
get '/?lang=fr'
expect_status 200 "unknown language falls back"
expect_body '最新上架' "unknown language: default"

# Category: newest first, counts, sort links; unknown slug is 404.
get /categories/finance
expect_status 200 "category page"
expect_html "category page"
expect_body '价格从低到高' "sort choices shown"
xget /categories/finance
expect_xpath '/page/category/@count' 5 "category count"
expect_xpath 'count(/page/products/product)' 5 "all five on one page"
expect_xpath '/page/products/@sort' newest "default sort"
expect_xpath 'boolean(/page/products/@next)' false "no next page"
xget '/categories/finance?sort=price_asc'
first=$(xpath '/page/products/product[1]/price-from/@cents')
last=$(xpath '/page/products/product[last()]/price-from/@cents')
check "price ascending" test "$first" -le "$last"
xget '/categories/finance?sort=price_desc'
first=$(xpath '/page/products/product[1]/price-from/@cents')
last=$(xpath '/page/products/product[last()]/price-from/@cents')
check "price descending" test "$first" -ge "$last"
get /categories/no-such-category
expect_status 404 "unknown category"
expect_html "404 page"
get '/categories/finance?sort=price_asc'
expect_body 'class="lang" href="/categories/finance\?sort=price_asc&amp;lang=en"' "language switch keeps the page's query"
expect_body 'href="/login\?next=%2Fcategories%2Ffinance%3Fsort%3Dprice_asc"' "sign-in link returns to this page"
get '/categories/finance?sort=cheapest'
expect_status 400 "unknown sort"
get '/categories/finance?sort=newest&after=12.5'
expect_status 400 "cursor of another sort"

# Product: vendor, delivery, the spec × period price table, the buy form.
pid=$(sql "SELECT id FROM products WHERE listed = 1 AND delivery_mode = 'auto' ORDER BY id LIMIT 1")
get "/products/$pid"
expect_status 200 "product page"
expect_html "product page"
expect_body '立即购买' "buy button"
expect_body '<form class="buy" action="/buy" method="post">' "buy form posts to the order flow"
expect_body 'name="spec"' "spec choice"
expect_body 'name="period"' "period choice"
xget "/products/$pid"
specs=$(sql "SELECT COUNT(*) FROM specs WHERE product_id = $pid AND active = 1")
prices=$(sql "SELECT COUNT(*) FROM prices pr JOIN specs s ON s.id = pr.spec_id WHERE s.product_id = $pid AND s.active = 1")
expect_xpath 'count(/page/product/specs/spec)' "$specs" "active specs"
expect_xpath 'count(/page/product/specs/spec/price)' "$prices" "every price"
cents=$(sql "SELECT MIN(pr.price_cents) FROM prices pr JOIN specs s ON s.id = pr.spec_id WHERE s.product_id = $pid AND s.active = 1")
expect_xpath '/page/product/price-from/@cents' "$cents" "price-from is the lowest active price"
expect_xpath '/page/product/@delivery' auto "delivery mode"
expect_xpath 'string-length(/page/product/vendor) > 0' true "vendor name"
expect_xpath 'count(/page/product/description/p) >= 1' true "description paragraphs"
yuan=$(xpath '/page/product/specs/spec[1]/price[1]')
c1=$(xpath '/page/product/specs/spec[1]/price[1]/@cents')
check "price text is cents as yuan" test "$yuan" = "$(printf '%d.%02d' $((c1 / 100)) $((c1 % 100)))"
# Only what is sold can be chosen: each spec offers its own periods, the
# chosen combination's price stands next to 立即购买, and a combination
# that is not sold falls back to one that is.
docs=$(sql "SELECT id FROM products WHERE name_zh = '云雀文档'")
ent=$(sql "SELECT s.id FROM specs s WHERE s.product_id = $docs AND s.name_zh = '企业版'")
xget "/products/$docs?spec=$ent&period=12"
expect_xpath '/page/product/choice/@spec' "$ent" "the chosen spec"
expect_xpath '/page/product/choice/@months' 12 "the chosen period"
expect_xpath '/page/product/choice/price/@cents' "$(sql "SELECT price_cents FROM prices WHERE spec_id = $ent AND period_months = 12")" "its price"
xget "/products/$docs?spec=$ent&period=1"
expect_xpath '/page/product/choice/@months' "$(sql "SELECT MIN(period_months) FROM prices WHERE spec_id = $ent")" "a period the spec does not sell falls back to its first"
xget "/products/$docs?spec=999999&period=1"
expect_xpath '/page/product/choice/@spec' "$(xpath '/page/product/specs/spec[1]/@id')" "an unknown spec falls back to the first"
get "/products/$docs?spec=$ent&period=12"
check "the chosen spec and period are marked" test "$(grep -o '<a class="chip current" href="/products/[0-9]*?spec='"$ent"'&amp;period=12#buy" aria-current="true">' "$BODY" | wc -l)" = 2
expect_body '<strong class="price"><span class="money">¥20,000.00</span></strong>' "its price next to the button, grouped"
expect_body "<input type=\"hidden\" name=\"spec\" value=\"$ent\">" "the form carries the chosen spec"
periods=$(grep -o 'period-label"><li><a[^>]*>.*</ul>' "$BODY" | grep -o 'period=[0-9]*#buy' | sort -u | tr '\n' ' ')
check "only the periods the spec sells are offered: $periods" test "$periods" = "period=12#buy period=24#buy period=36#buy "
get "/products/$docs?spec=$ent&period=12&lang=en"
expect_body 'CNY 20,000.00' "in English the currency is named"
expect_body 'Prices in CNY' "the table names its currency"
get "/products/$docs?spec=0"
expect_status 400 "a spec of 0 is not a choice"
get "/products/$docs?period=abc"
expect_status 400 "nor is a period of abc"
get "/products/$docs?period=37"
expect_status 400 "nor one of 37 months"
xget "/products/$docs?spec=$ent&period=0"
expect_xpath '/page/product/choice/@months' 12 "once is not sold with a monthly spec: its first period instead"

# A service sold once (一次性): the period chips, the buy bar and the price
# table say 一次性 / One-off instead of months, and the form carries period 0.
once=$(sql "SELECT id FROM products WHERE name_zh = '云雀办公培训服务'")
once_spec=$(sql "SELECT id FROM specs WHERE product_id = $once AND active = 1 ORDER BY position, id LIMIT 1")
xget "/products/$once"
expect_status 200 "one-off product"
expect_xpath '/page/product/@delivery' manual "a one-off service is delivered by people"
expect_xpath 'count(/page/product/periods/period)' 1 "one column in the price table"
expect_xpath '/page/product/periods/period/@months' 0 "and it is once"
expect_xpath 'count(/page/product/specs/spec/price[@months != 0])' 0 "no month prices"
expect_xpath "count(/page/product/specs/spec/price)" "$(sql "SELECT COUNT(*) FROM prices pr JOIN specs s ON s.id = pr.spec_id WHERE s.product_id = $once AND s.active = 1")" "a price per spec"
expect_xpath '/page/product/choice/@months' 0 "chosen: once"
xget "/products/$once?spec=$once_spec&period=12"
expect_xpath '/page/product/choice/@months' 0 "a monthly period falls back to once"
get "/products/$once?spec=$once_spec&period=0"
expect_html "one-off product page"
periods=$(grep -o 'period-label"><li><a[^>]*>.*</ul>' "$BODY" | grep -o 'period=[0-9]*#buy' | sort -u | tr '\n' ' ')
check "the only period offered is once: $periods" test "$periods" = "period=0#buy "
expect_body "aria-current=\"true\">一次性<span class=\"chip-price\">" "the period chip says 一次性"
expect_body '<th scope="col">一次性</th>' "the price table's column"
expect_body '<td data-label="一次性">' "its cells"
expect_body ' · 一次性</p>' "the buy bar"
expect_body '<input type="hidden" name="period" value="0">' "the form asks for once"
expect_body '没有到期时间，也无需续费' "what once means"
expect_no_body '个月' "no months anywhere"
get "/products/$once?spec=$once_spec&period=0&lang=en"
expect_body "aria-current=\"true\">One-off<span class=\"chip-price\">" "the period chip (en)"
expect_body '<th scope="col">One-off</th>' "the price table's column (en)"
expect_body ' · One-off</p>' "the buy bar (en)"
expect_body 'no expiry and nothing to renew' "what once means (en)"
expect_no_body '[0-9] months?<' "no months anywhere (en)"
# a monthly product's page says nothing about once
get "/products/$docs"
expect_no_body '一次性' "a monthly product is not one-off"
# the vendor's support contact: the product's own, else the vendor's
xget "/products/$docs"
expect_xpath '/page/product/support/@email' "$(sql "SELECT v.support_email FROM vendors v JOIN products p ON p.vendor_id = v.id WHERE p.id = $docs")" "the vendor's support email"
sql "UPDATE products SET support_email = 'docs-help@example.com', support_phone = '400-800-1234' WHERE id = $docs"
# (a hard reload: nginx's copy of a guest's page is up to 2 s old, t52)
xget "/products/$docs" -H 'Cache-Control: no-cache'
expect_xpath '/page/product/support/@email' docs-help@example.com "the product's own support email"
expect_xpath '/page/product/support/@phone' 400-800-1234 "and phone"
get "/products/$docs" -H 'Cache-Control: no-cache'
expect_body 'href="tel:4008001234"' "the phone is a link"
sql "UPDATE products SET support_email = '', support_phone = '' WHERE id = $docs"

unlisted=$(sql "SELECT id FROM products WHERE listed = 0 LIMIT 1")
get "/products/$unlisted"
expect_status 410 "unlisted product: gone, not missing"
expect_html "delisted product page"
expect_body '该商品已下架，不再销售' "says it is no longer sold"
expect_body 'href="/services"' "points its buyers to their purchased services"
expect_no_body 'action="/buy"' "a delisted product's page"
xget "/products/$unlisted"
expect_status 410 "delisted product model"
expect_xpath '/page/product/@listed' 0 "model says it is not listed"
expect_xpath 'count(/page/product/specs)' 0 "no prices in the model"
get /products/99999999
expect_status 404 "no such product"
inactive=$(sql "SELECT s.product_id FROM specs s WHERE s.active = 0 LIMIT 1")
xget "/products/$inactive"
expect_xpath "count(/page/product/specs/spec[@id=$(sql "SELECT id FROM specs WHERE active = 0 LIMIT 1")])" 0 "inactive spec hidden"

# Search: Chinese and English keywords, nothing found, empty query.
xget '/search?q=%E9%A1%B9%E7%9B%AE%E7%AE%A1%E7%90%86'
expect_status 200 "Chinese search"
expect_xpath 'count(/page/search/products/product) >= 1' true "Chinese keyword finds products"
expect_xpath 'contains(/page/search/products/product[1]/name, "项目管理")' true "Chinese match in the name"
xget '/search?q=crm'
expect_xpath 'count(/page/search/products/product) >= 1' true "case-insensitive English keyword"
# category names match too, and the page says how many were found
hr_count=$(sql "SELECT COUNT(*) FROM products p JOIN categories c ON c.id = p.category_id WHERE p.listed = 1 AND c.slug = 'hr'")
xget '/search?q=%E4%BA%BA%E5%8A%9B%E8%B5%84%E6%BA%90'
expect_xpath "count(/page/search/products/product[category/@slug = 'hr']) = $hr_count" true "人力资源 finds every HR product"
expect_xpath '/page/search/@count >= '"$hr_count" true "with the number found"
xget '/search?q=Office%20Collaboration'
expect_xpath "count(/page/search/products/product[category/@slug = 'office']) >= 1" true "English category names match"
get '/search?q=crm'
expect_body '共找到 [0-9]+ 款商品' "the count on the page"
xget '/search?q=zzzqqqxxx'
expect_xpath 'count(/page/search/products/product)' 0 "nothing found"
get '/search?q=zzzqqqxxx'
expect_body '没有找到匹配的商品' "nothing-found message"
get /search
expect_status 200 "empty search page"
expect_html "search page"
xget '/search?q=%25'
expect_xpath 'count(/page/search/products/product)' 0 "percent sign is literal, not a wildcard"
xget '/search?q=_'
expect_xpath 'count(/page/search/products/product)' 0 "underscore is literal"
get "/search?q=$(head -c 101 /dev/zero | tr '\0' 'a')"
expect_status 400 "keyword over 100 characters"

# An empty optional parameter is the same as none: the search form alone,
# the first page, the default order.
xget '/search?q='
expect_status 200 "empty keyword"
expect_xpath 'count(/page/search/products/product)' 0 "empty keyword: the search form alone"
expect_xpath '/page/search/@q' '' "empty keyword echoed as none"
xget '/search?q=crm'
crm=$(xpath 'count(/page/search/products/product)')
xget '/search?q=crm&after=&before='
expect_status 200 "empty cursors"
expect_xpath 'count(/page/search/products/product)' "$crm" "empty cursors: the first page"
expect_xpath 'boolean(/page/search/products/@prev)' false "empty cursors: nothing before the first page"
xget /categories/finance
first=$(xmllint --xpath '/page//product/@id' "$BODY" 2>/dev/null | tr -d ' ')
xget '/categories/finance?sort=&after=&before='
expect_status 200 "empty sort and cursors"
check "empty sort and cursors: the default page" test "$(xmllint --xpath '/page//product/@id' "$BODY" 2>/dev/null | tr -d ' ')" = "$first"

done_testing
