#!/usr/bin/env bash
# Hostile and malformed requests: each gets a clear 4xx, nothing changes,
# and every pool worker is still the same process afterwards.
. "$ROOT/tests/lib.sh"

workers_before=$(pool_workers)
deaths_before=$(grep -c 'exited' "$STATE/log/pool.log")
products_before=$(sql "SELECT COUNT(*), SUM(price_from_cents) FROM products")

# expect_bad STATUS MESSAGE-PATTERN PATH [curl args]: a rendered error page
# in the page's language (Chinese here, English with ?lang=en), and the
# English detail in the XML error for machines
expect_bad() {
  local want=$1 pattern=$2 path=$3
  shift 3
  get "$path" "$@"
  expect_status "$want" "$path"
  expect_body '<p class="error-detail">(请求中|网址过长)' "$path: the page explains in Chinese"
  expect_no_body "$pattern" "$path: the Chinese page"
  xget "$path" "$@"
  expect_status "$want" "$path (XML)"
  expect_xpath "contains(/error, '$pattern')" true "$path: English detail in the XML error"
}

expect_bad 400 'malformed percent-encoding' '/search?q=%G1'
expect_bad 400 'malformed percent-encoding' '/search?q=abc%'
expect_bad 400 'not valid UTF-8' '/search?q=%FF%FE'
expect_bad 400 'not valid UTF-8' '/search?q=%C0%AF'
expect_bad 400 'not valid UTF-8' '/search?q=%ED%A0%80'
expect_bad 400 'NUL' '/search?q=a%00b'
expect_bad 400 'control character' '/search?q=a%1Bb'
expect_bad 400 'given more than once' '/search?q=a&q=b'
expect_bad 400 'invalid field name' "/?$(head -c 65 /dev/zero | tr '\0' k)=1"
expect_bad 400 'invalid field name' '/?%3Cx%3E=1'
expect_bad 400 'too many fields' "/?$(for i in $(seq 1 70); do printf 'k%d=1&' "$i"; done)"
expect_bad 414 'query string too long' "/search?q=1&pad=$(head -c 9000 /dev/zero | tr '\0' a)"
expect_bad 400 'not valid UTF-8' '/categories/%FF'
expect_bad 400 'field "sort"' '/categories/finance?sort=%27%20OR%201=1'
get '/categories/finance?sort=%27%20OR%201=1&lang=en'
expect_body '<p class="error-detail">The request contained something we could not understand' "the same page in English"
expect_body 'lang="en"' "an English page"

# a 100 KB query string never reaches the pool
get "/search?q=$(head -c 102400 /dev/zero | tr '\0' a)"
check "100 KB query string: 4xx ($STATUS)" test "$STATUS" -ge 400 -a "$STATUS" -lt 500

# ids that are not ids
for path in /products/abc /products/0 /products/-1 /products/012 /products/12345678901 \
            "/products/1%27%20OR%20%271%27=%271" "/products/1;DROP%20TABLE%20products" \
            "/categories/finance'--" "/categories/FINANCE" /products/ /nope /index.php /.env; do
  get "$path"
  expect_status 404 "$path"
done
expect_html "404 page"
expect_body '页面不存在' "404 page explains"
expect_body 'X-Request-Id|请求编号' "404 page shows the request id"

# SQL metacharacters in a keyword are just text
xget "/search?q=%27%20OR%201%3D1%20--%20"
expect_status 200 "quote in a keyword"
expect_xpath 'count(/page/search/products/product)' 0 "no product matches a quote"
xget '/search?q=%5C'
expect_status 200 "backslash keyword"

# wrong methods
req POST /
expect_status 405 "POST /"
expect_header Allow '^GET, HEAD$' "Allow for /"
expect_html "405 page"
req PUT /products/1
expect_status 405 "PUT a product"
req DELETE /categories/finance
expect_status 405 "DELETE a category"
req OPTIONS /search
expect_status 405 "OPTIONS"

# bodies over the limit
head -c 200000 /dev/zero | tr '\0' a > "$OUT/big"
req POST /search --data-binary @"$OUT/big" -H 'Content-Type: application/x-www-form-urlencoded'
expect_status 413 "200 KB form body"

# XML clients get XML errors
xget /nope
expect_status 404 "XML 404"
expect_header Content-Type '^application/xml' "XML 404"
expect_xpath '/error/@code' not_found "XML error code"
expect_xpath '/error/@status' 404 "XML error status"
xget '/search?q=%FF'
expect_xpath '/error/@code' bad_request "XML 400"
expect_xpath '/error' 'text is not valid UTF-8' "XML 400 message"

# nothing changed, nobody crashed
check "catalog unchanged" test "$(sql "SELECT COUNT(*), SUM(price_from_cents) FROM products")" = "$products_before"
check "same worker processes" test "$(pool_workers)" = "$workers_before"
check "no worker died" test "$(grep -c 'exited' "$STATE/log/pool.log")" = "$deaths_before"
get /
expect_status 200 "still serving"

done_testing
