#!/usr/bin/env bash
# Guests' catalog pages through nginx's cache (nginx/mp.conf.in, mp_pages):
# the same page for every guest, with no token and no cookie; kept for a
# second and revalidated against the catalog version, so an admin's edit
# shows within 2 s; a signed-in buyer's pages never cached nor served to
# anyone else; each language and the XML model apart; the app's answer to
# a conditional request a 304 that ran one query and no transform; every
# security header on a page served from the cache.
. "$ROOT/tests/lib.sh"

run=$RANDOM$RANDOM
# fresh PATH: PATH with an argument of its own, an address the cache has
# not seen yet (the catalog pages take and ignore undeclared arguments)
fresh() {
  case $1 in *\?*) echo "$1&t52=$run-$RANDOM$RANDOM" ;; *) echo "$1?t52=$run-$RANDOM$RANDOM" ;; esac
}
cache() { header X-Cache; }
body_sum() { md5sum < "$BODY" | cut -d' ' -f1; }
set_cookies() { grep -ci '^Set-Cookie:' "$HEADERS" || true; }

product=$(sql "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id
               WHERE p.listed = 1 AND v.status = 'active' ORDER BY p.id LIMIT 1")
slug=$(sql "SELECT slug FROM categories ORDER BY position, id LIMIT 1")
pages=(/ "/categories/$slug" "/products/$product" "/search?q=%E4%BA%91")

# ---- guests: one page for all, no token, no cookie ----
for page in "${pages[@]}"; do
  url=$(fresh "$page")
  get "$url"
  expect_status 200 "$page"
  check "$page: the first guest's request goes to the app (X-Cache $(cache))" test "$(cache)" = MISS
  check "$page: a guest's page sets no cookie" test "$(set_cookies)" = 0
  expect_no_body 'name="csrf"' "$page: no token in a guest's page"
  expect_header Cache-Control '^public, max-age=0, s-maxage=1$' "$page: shared for a second"
  expect_header ETag '^W/"' "$page: a validator"
  first=$(body_sum)
  etag=$(header ETag)
  get "$url"
  check "$page: the second request is served from the cache (X-Cache $(cache))" test "$(cache)" = HIT
  check "$page: with the same bytes" test "$(body_sum)" = "$first"
  check "$page: and the same validator" test "$(header ETag)" = "$etag"
  check "$page: and still no cookie" test "$(set_cookies)" = 0
  xget "$url"
  expect_status 200 "$page model"
  check "$page: the model has no token" test -z "$(xpath '/page/session/@csrf')"
  check "$page: the model sets no cookie" test "$(set_cookies)" = 0
done

# the pages of the forms guests send still carry a token and its cookie,
# and are never cached
for page in /login /register; do
  get "$page"
  expect_body 'name="csrf" value="[0-9a-f]{64}"' "$page: the form's token"
  expect_cookie mp_guest '^mp_guest=[0-9a-f]{64};' "$page: the guest cookie the token comes from"
  check "$page: not through the cache" test -z "$(cache)"
done

# ---- every security header on a page from the cache ----
url=$(fresh /)
get "$url"
csp=$(header Content-Security-Policy)
rid=$(header X-Request-Id)
get "$url"
check "served from the cache (X-Cache $(cache))" test "$(cache)" = HIT
check "one Content-Security-Policy on a cached page (the app's, kept with the page)" \
  test "$(grep -ci '^Content-Security-Policy:' "$HEADERS")" = 1
expect_header Content-Security-Policy "^default-src 'self'.*form-action 'self'.*frame-ancestors 'none'" "a cached page"
check "the same policy as the page from the app" test "$(header Content-Security-Policy)" = "$csp"
expect_header X-Content-Type-Options '^nosniff$' "a cached page"
expect_header X-Frame-Options '^DENY$' "a cached page"
expect_header Referrer-Policy '^strict-origin-when-cross-origin$' "a cached page"
expect_header X-Request-Id '^[0-9a-f]{32}$' "a cached page"
check "a request id of its own" test "$(header X-Request-Id)" != "$rid"
expect_header Vary 'Accept-Language' "a cached page"
expect_header Content-Type '^text/html; charset=utf-8$' "a cached page"
# a browser revalidating its copy gets 304 from nginx's
get "$url" -H "If-None-Match: $(header ETag)"
expect_status 304 "a browser's copy still good"

# ---- signed-in buyers: never cached, never served to anyone else ----
as_buyer "Cachey$run"
name=$(sql "SELECT display_name FROM users WHERE email = '$EMAIL'")
url=$(fresh "/products/$product")
get "$url"
check "a guest's page first (X-Cache $(cache))" test "$(cache)" = MISS
get "$url"
check "and cached (X-Cache $(cache))" test "$(cache)" = HIT
get "$url" -b "$JAR"
check "the buyer's request is never looked up in the cache (X-Cache $(cache))" test "$(cache)" = BYPASS
expect_header Cache-Control '^private' "the buyer's page is private"
expect_body "class=\"who\"[^>]*>$name<" "the buyer's page names them"
expect_body 'action="/logout"' "with the sign-out form"
expect_body 'name="csrf" value="[0-9a-f]{64}"' "and their token"
get "$url"
check "the guest after the buyer gets the guest's page (X-Cache $(cache))" test "$(cache)" = HIT
expect_no_body "$name" "no buyer's name in the guest's page"
expect_no_body 'name="csrf"' "no token in the guest's page"
# the other way round: a buyer first, then a guest
url=$(fresh "/categories/$slug")
get "$url" -b "$JAR"
check "the buyer first (X-Cache $(cache))" test "$(cache)" = BYPASS
get "$url" -b "$JAR"
check "the buyer again: still not from the cache (X-Cache $(cache))" test "$(cache)" = BYPASS
get "$url"
check "a guest then gets nothing the buyer's request left (X-Cache $(cache))" test "$(cache)" = MISS
expect_no_body "$name" "the guest's page does not name the buyer"
xget "$url" -b "$JAR"
expect_xpath '/page/session/user/name' "$name" "the buyer's model"
check "the buyer's model was not cached" test "$(cache)" = BYPASS
# a session cookie that is no longer valid: a guest's page, cleared cookie, not stored
url=$(fresh /)
get "$url" -b "mp_session=$(printf '%064d' 0)"
check "a stale session cookie is not looked up (X-Cache $(cache))" test "$(cache)" = BYPASS
expect_cookie mp_session '^mp_session=;' "the stale cookie is cleared"
expect_header Cache-Control '^private' "that answer is private"
get "$url"
check "and was not stored (X-Cache $(cache))" test "$(cache)" = MISS

# ---- a buyer's catalog reads, kept by the workers, follow the catalog version ----
# every worker keeps what it read for the version it read it at; views
# enough that each worker has the page's results before the edit
pname_en=$(sql "SELECT name_en FROM products WHERE id = $product")
read -r pspec pmonths pcents <<< "$(sql "SELECT pr.spec_id, pr.period_months, pr.price_cents
  FROM prices pr JOIN specs s ON s.id = pr.spec_id
  WHERE s.product_id = $product AND s.active = 1 ORDER BY s.position, s.id, pr.period_months LIMIT 1")"
pprice="spec_id = $pspec AND period_months = $pmonths"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do get "/products/$product" -b "$JAR" -H 'Accept-Language: en'; done
expect_body "$(printf '%s' "$pname_en" | sed 's/[][\.*^$]/\\&/g')" "the buyer sees the product's name"
sql "UPDATE products SET name_en = 'Kept $run' WHERE id = $product"
sql "UPDATE prices SET price_cents = 987654 WHERE $pprice"
seen=0
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
  get "/products/$product" -b "$JAR" -H 'Accept-Language: en'
  grep -q "Kept $run" "$BODY" && grep -q '9,876.54' "$BODY" && seen=$((seen + 1))
done
check "every one of 12 views right after the edit shows the new name and price ($seen)" test "$seen" = 12
xget "/products/$product" -b "$JAR"
expect_xpath "/page/product/specs/spec/price[. = '9876.54']/@months" "$pmonths" \
  "the buyer's model has the new price"
sql "UPDATE prices SET price_cents = $pcents WHERE $pprice"
sql "UPDATE products SET name_en = '$(printf '%s' "$pname_en" | sed "s/'/''/g")' WHERE id = $product"
get "/products/$product" -b "$JAR" -H 'Accept-Language: en'
expect_no_body "Kept $run" "and the old name back at once when it is undone"

# ---- languages: each its own page ----
lang_of() { sed -nE 's/.*<html lang="([^"]*)".*/\1/p' "$BODY" | head -1; }
url=$(fresh "/products/$product")
get "$url"
check "no preference: the default language" test "$(lang_of)" = zh-CN
get "$url" -H 'Accept-Language: en-US,en;q=0.9'
check "Accept-Language en: English, not the cached Chinese page" test "$(lang_of)" = en
check "its own entry (X-Cache $(cache))" test "$(cache)" = MISS
get "$url" -H 'Accept-Language: en-GB,en;q=0.8'
check "another English Accept-Language shares the English page" test "$(cache)" = HIT
check "in English" test "$(lang_of)" = en
get "$url" -b 'lang=en'
check "the lang cookie: English" test "$(lang_of)" = en
check "the same English page (X-Cache $(cache))" test "$(cache)" = HIT
get "$url" -b 'lang=zh-CN' -H 'Accept-Language: en'
check "the lang cookie wins over Accept-Language" test "$(lang_of)" = zh-CN
get "$url" -H 'Accept-Language: zh-CN,zh;q=0.9,en;q=0.8'
check "Accept-Language zh: Chinese" test "$(lang_of)" = zh-CN
check "the Chinese page (X-Cache $(cache))" test "$(cache)" = HIT
get "$url" -H 'Accept-Language: fr-FR,fr;q=0.9,en;q=0.8'
check "English as the only known language, with q-values" test "$(lang_of)" = en
get "$url" -H 'Accept-Language: zh;q=0.5,en'
check "the higher q wins, not the first" test "$(lang_of)" = en
get "$url" -H 'Accept-Language: en;q=1,zh'
check "ties go to the first" test "$(lang_of)" = en
get "$url" -H 'Accept-Language: zh;q=0.5,en;q=0.4'
check "a lower q loses" test "$(lang_of)" = zh-CN
get "$url" -H 'Accept-Language: en'
get "$url" -H 'Accept-Language: fr, zh-TW;level=1, en'
check "a parameter other than q leaves the first tag first (not the English page cached a moment ago)" \
  test "$(lang_of)" = zh-CN
get "$url" -b 'lang=fr; lang=en' -H 'Accept-Language: zh-CN'
check "only the first lang cookie counts (an unknown one: Accept-Language decides)" test "$(lang_of)" = zh-CN
get "$(fresh "/products/$product")" -H 'Cookie: theme=dark' -H 'Cookie: lang=en'
check "a lang cookie on a second Cookie line, for the app as for the cache" test "$(lang_of)" = en
get "$url" -b 'xlang=en'
check "a cookie whose name ends in lang is not the lang cookie" test "$(lang_of)" = zh-CN
get "$url&lang=en"
check "?lang=en: English" test "$(lang_of)" = en
expect_cookie lang '^lang=en;' "remembered in the cookie"
expect_header Cache-Control '^private' "an answer that sets a cookie is not shared"
get "$url&lang=en"
check "and is never stored (X-Cache $(cache))" test "$(cache)" = MISS
get "$url"
check "the plain address is still the default language" test "$(lang_of)" = zh-CN

# ---- the XML model and the HTML page apart ----
url=$(fresh "/categories/$slug")
get "$url"
expect_html "the page first"
xget "$url"
expect_header Content-Type '^application/xml' "then the model, not the cached page"
expect_xpath '/page/@name' category "the model"
check "the model has its own entry (X-Cache $(cache))" test "$(cache)" = MISS
xget "$url"
check "the model from the cache (X-Cache $(cache))" test "$(cache)" = HIT
expect_header Content-Type '^application/xml' "still the model"
get "$url" -H 'Accept: application/xml, text/html'
expect_html "a browser that takes both gets the page"
get "$url" -H 'Accept: text/html' -H 'Accept: application/xml'
expect_html "the first Accept line decides, for the app as for the cache"
get "$url"
expect_html "and the page again"

# ---- a catalog edit shows within 2 seconds ----
cid=$(sql "SELECT id FROM categories WHERE slug = '$slug'")
old_en=$(sql "SELECT name_en FROM categories WHERE id = $cid")
old_zh=$(sql "SELECT name_zh FROM categories WHERE id = $cid")
url=$(fresh "/categories/$slug")
get "$url" -H 'Accept-Language: en'
get "$url" -H 'Accept-Language: en'
check "the category page is cached (X-Cache $(cache))" test "$(cache)" = HIT
old_etag=$(header ETag)
version=$(sql "SELECT version FROM catalog_meta")
apost "/admin/categories/$cid" "name_zh=$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$old_zh")&name_en=Cached%20$run"
expect_status 303 "an admin renames the category"
check "the catalog version moved" test "$(sql "SELECT version FROM catalog_meta")" -gt "$version"
sleep 2.2 # the bound: s-maxage=1 on nginx's whole-second clock
get "$url" -H 'Accept-Language: en'
expect_body "Cached $run" "2 s after the edit a guest sees the new name"
check "the cache asked the app again (X-Cache $(cache))" test "$(cache)" = EXPIRED
check "a new validator" test "$(header ETag)" != "$old_etag"
get "$url" -H 'Accept-Language: en'
check "and keeps the new page (X-Cache $(cache))" test "$(cache)" = HIT
expect_body "Cached $run" "the new name from the cache"
# unchanged, the cache revalidates its copy with a 304 from the app
sleep 2.2
get "$url" -H 'Accept-Language: en'
check "an unchanged catalog: the copy revalidated (X-Cache $(cache))" test "$(cache)" = REVALIDATED
expect_body "Cached $run" "the same page"
# a hard reload asks the app and leaves its page for the next guest
sql "UPDATE categories SET name_en = 'Reloaded $run' WHERE id = $cid"
get "$url" -H 'Accept-Language: en' -H 'Cache-Control: no-cache'
expect_body "Reloaded $run" "a hard reload sees an edit at once"
check "not looked up (X-Cache $(cache))" test "$(cache)" = BYPASS
get "$url" -H 'Accept-Language: en'
expect_body "Reloaded $run" "the next guest gets the reloaded page"
check "from the cache (X-Cache $(cache))" test "$(cache)" = HIT
sql "UPDATE categories SET name_en = '$(printf '%s' "$old_en" | sed "s/'/''/g")' WHERE id = $cid"

# ---- the app's answer to a conditional request: no query of the page, no transform ----
SOCK="$STATE/run/pool.sock"
fcgi() {
  node "$ROOT/tests/http/fcgi_request.mjs" "$SOCK" REQUEST_METHOD=GET REMOTE_ADDR=127.0.0.1 \
    "$@" > "$BODY" 2>"$OUT/fcgi.err"
  STATUS=$(sed -nE '1s/^Status: ([0-9]{3}).*/\1/p' "$BODY" | tr -d '\r')
  [ -n "$STATUS" ] || STATUS=000
}
path="/products/$product"
fcgi DOCUMENT_URI="$path" REQUEST_URI="$path" QUERY_STRING=
expect_status 200 "the product page straight from the pool"
etag=$(sed -nE 's/^ETag: (.*)\r?$/\1/p' "$BODY" | tr -d '\r')
check "with its validator" test -n "$etag"
check "made of the page, the catalog version, the language and the format" \
  grep -q "^W/\"product-$(sql "SELECT version FROM catalog_meta")-zh-CN-html-" <<<"$etag"
# MariaDB's general log shows what the pool's worker ran for the request
log_output=$(sql "SELECT @@global.log_output")
sql "SET GLOBAL log_output = 'TABLE'; TRUNCATE mysql.general_log; SET GLOBAL general_log = 1"
fcgi DOCUMENT_URI="$path" REQUEST_URI="$path" QUERY_STRING= HTTP_IF_NONE_MATCH="$etag"
sql "SET GLOBAL general_log = 0"
expect_status 304 "If-None-Match with the current validator"
check "no body (nothing rendered)" test -z "$(awk 'f { print } /^\r?$/ { f = 1 }' "$BODY")"
check "no Content-Type (nothing rendered)" test -z "$(grep -i '^Content-Type:' "$BODY")"
check "the 304 carries the validator" grep -qF "ETag: $etag" "$BODY"
check "and stays shareable" grep -q '^Cache-Control: public, max-age=0, s-maxage=1' "$BODY"
thread=$(sql "SELECT thread_id FROM mysql.general_log WHERE command_type = 'Execute'
              AND argument LIKE '%FROM catalog_meta%' ORDER BY event_time DESC LIMIT 1")
check "the worker asked for the catalog version" test -n "$thread"
check "and ran nothing else: one statement ($(sql "SELECT COUNT(*) FROM mysql.general_log
       WHERE thread_id = '${thread:-0}' AND command_type IN ('Execute', 'Query')")) for the request" \
  test "$(sql "SELECT COUNT(*) FROM mysql.general_log WHERE thread_id = '${thread:-0}'
               AND command_type IN ('Execute', 'Query')")" = 1
sql "TRUNCATE mysql.general_log; SET GLOBAL log_output = '$log_output'"
fcgi DOCUMENT_URI="$path" REQUEST_URI="$path" QUERY_STRING= HTTP_IF_NONE_MATCH='W/"product-1-zh-CN-html-0-+08:00"'
expect_status 200 "an old validator gets the page"
check "rendered" grep -q '<!DOCTYPE html' "$BODY"
fcgi DOCUMENT_URI="$path" REQUEST_URI="$path" QUERY_STRING= HTTP_IF_NONE_MATCH="$etag" HTTP_ACCEPT=application/xml
expect_status 200 "the HTML page's validator does not stand for the model"
fcgi DOCUMENT_URI="$path" REQUEST_URI="$path" QUERY_STRING=lang=en HTTP_IF_NONE_MATCH="$etag"
expect_status 200 "nor for the English page"
# a buyer's request never gets a 304 for the guests' page
token=$(awk '$6 == "mp_session" { print $7 }' "$JAR")
fcgi DOCUMENT_URI="$path" REQUEST_URI="$path" QUERY_STRING= HTTP_IF_NONE_MATCH="$etag" HTTP_COOKIE="mp_session=$token"
expect_status 200 "a signed-in buyer holding the guests' validator gets their own page"
check "private" grep -q '^Cache-Control: private' "$BODY"
check "without the guests' validator" test -z "$(grep -i '^ETag:' "$BODY")"

# ---- a reload with changed stylesheets: new validators, no "not modified" ----
before=$(pool_workers)
touch "$ROOT/xslt/_layout.xsl"
kill -HUP "$(started_pid pool)"
for ((i = 0; i < 150; i++)); do
  after=$(pool_workers)
  [ -n "$after" ] && ! comm -12 <(tr ' ' '\n' <<<"$before" | grep . | sort) \
    <(tr ' ' '\n' <<<"$after" | grep . | sort) | grep -q . && break
  sleep 0.1
done
check "a new generation of workers" test "$i" -lt 150
fcgi DOCUMENT_URI="$path" REQUEST_URI="$path" QUERY_STRING= HTTP_IF_NONE_MATCH="$etag"
expect_status 200 "the validator from before the reload gets the page again"
check "under a new validator" test -n "$(grep -i '^ETag:' "$BODY")" -a -z "$(grep -F "ETag: $etag" "$BODY")"

# ---- what is never cached ----
aget /admin/
expect_status 200 "the console"
check "admin pages not through the cache" test -z "$(cache)"
expect_header Cache-Control 'no-store' "admin pages are never stored"
get /feeds/catalog.xml
check "the feed has validators of its own, not this cache" test -z "$(cache)"
get /orders -b "$JAR"
check "a buyer's other pages not through the cache" test -z "$(cache)"
req POST / --data x=1
expect_status 405 "a POST to a catalog page"
check "is not cached: $(cache)" test "$(cache)" != HIT
url=$(fresh /products/4000000000)
get "$url"
expect_status 404 "a product that does not exist"
expect_header Cache-Control '^private' "an error page is not shared"
check "without a validator" test -z "$(header ETag)"
get "$url"
check "and not stored (X-Cache $(cache))" test "$(cache)" = MISS

done_testing
