#!/usr/bin/env bash
# A visitor searches the catalog through its own index: Chinese by bigrams
# (one character and whole phrases too), English by words and their
# prefixes, in any case; name matches rank above summary matches; results
# page both ways with an exact count. What leaves the shop (a delisted
# product, a suspended vendor's products) leaves the results and the
# category counts at once; an edited name or a renamed category is found
# by its new words only; hostile input is only text.
. "$ROOT/tests/lib.sh"
HARD_RELOAD=1 # the app's own answers, past nginx's copy of guests' pages (t52_cache)

# u TEXT: TEXT percent-encoded for a query string
u() { printf '%s' "$1" | od -An -tx1 -v | tr -s ' \n' ' ' | sed 's/ $//; s/ /%/g' | tr 'a-f' 'A-F'; }
# ids: the result ids of the last XML model, in order, one line
ids() {
  xmllint --xpath '/page/search/products/product/@id' "$BODY" 2>/dev/null | grep -o '[0-9]*' | tr '\n' ' ' | sed 's/ $//'
  echo
}
# search Q: the model of the first page of a search for Q
search() { xget "/search?q=$(u "$1")"; }
# on_sale SLUG: the category's count of products on sale, computed
on_sale() {
  sql "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id
       WHERE c.slug = '$1' AND p.listed = 1 AND v.status = 'active'"
}
# counts_agree WHAT: the home page's and the category page's counts of
# t16-search are what the catalog holds on sale, and every category's kept
# counter equals its computed count
counts_agree() {
  local want
  want=$(on_sale t16-search)
  xget /
  expect_xpath "/page/categories/category[@slug='t16-search']/@count" "$want" "$1: the home page's count"
  xget /categories/t16-search
  expect_xpath /page/category/@count "$want" "$1: the category page's count"
  check "$1: every kept count is the computed one" test "$(sql "SELECT COUNT(*) FROM categories c
    LEFT JOIN category_counts cc ON cc.category_id = c.id
    WHERE COALESCE(cc.on_sale, 0) <> (SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id
                                      WHERE p.category_id = c.id AND p.listed = 1 AND v.status = 'active')")" = 0
}

# ---- fixtures: two vendors of our own, a category, products with words
# found nowhere else in the catalog ----
sql "INSERT INTO vendors (slug, name_zh, name_en) VALUES ('t16-amber', '琥珀测试商', 'T16 Amber'), ('t16-agate', '玛瑙测试商', 'T16 Agate');
     INSERT INTO categories (slug, name_zh, name_en, position) VALUES ('t16-search', '检索测试', 'Search Trial', 998)"
amber=$(sql "SELECT id FROM vendors WHERE slug = 't16-amber'")
agate=$(sql "SELECT id FROM vendors WHERE slug = 't16-agate'")
cid=$(sql "SELECT id FROM categories WHERE slug = 't16-search'")
check "a new category starts with a count of 0" test "$(sql "SELECT on_sale FROM category_counts WHERE category_id = $cid")" = 0
# product VENDOR NAME_ZH NAME_EN SUMMARY_ZH SUMMARY_EN: prints its id
product() {
  sql "INSERT INTO products (vendor_id, category_id, name_zh, name_en, summary_zh, summary_en, description_zh, description_en, delivery_mode)
       VALUES ($1, $cid, '$2', '$3', '$4', '$5', '说明', 'About', 'auto'); SELECT LAST_INSERT_ID()"
}
a=$(product "$amber" '琥珀星图分析' 'Amberstar Analyzer' '为团队提供数据洞察' 'Insight for teams')
b=$(product "$amber" '星图助手' 'Starmap Helper' '兼容琥珀格式的文件' 'Reads Amberstar files')
c=$(product "$agate" '琥珀与星图' 'Amber and Stars' '两种工具' 'Two tools')
d=$(product "$agate" '翠璎' 'Jade Tassel' '饰品管理' 'Jewellery records')
e=$(product "$amber" '砗磲CRM系统v2版' 'Tridacna-CRM v2 (Pro)' '' '')
# a spec and a price, so the console can list a once delisted
sql "INSERT INTO specs (product_id, name_zh, name_en) VALUES ($a, '基础版', 'Basic');
     INSERT INTO prices (spec_id, period_months, price_cents) VALUES (LAST_INSERT_ID(), 1, 1000)"
# 30 products with 玛瑙 in the name (score 4), the summary (1) or both (5)
for i in $(seq 1 30); do
  case $((i % 3)) in
    0) n="玛瑙工具 $i" s="工具说明" ;;
    1) n="工具 $i" s="支持玛瑙格式" ;;
    2) n="玛瑙工具 $i" s="支持玛瑙格式" ;;
  esac
  product "$agate" "$n" "Tool $i" "$s" 'A tool' > /dev/null
done
counts_agree "after the fixtures"

# ---- Chinese ----
search 琥珀
expect_status 200 "two characters"
expect_xpath /page/search/@count 3 "琥珀: in two names and a summary"
got=$(ids)
check "琥珀: the two name matches (newest first), then the summary match: $got" test "$got" = "$c $a $b"
search 琥
expect_xpath /page/search/@count 3 "one character finds what its bigrams start with"
check "琥: the same products in the same order" test "$(ids)" = "$c $a $b"
search 璎
expect_xpath /page/search/@count 1 "a character that ends its run is found too"
check "璎: the product" test "$(ids)" = "$d"
search 琥珀星图
expect_xpath /page/search/@count 1 "a phrase"
check "琥珀星图: the one with the phrase, not 琥珀与星图 (the words apart)" test "$(ids)" = "$a"
search '星图 琥珀'
expect_xpath /page/search/@count 3 "two words: every product with both, in any order"
search 琥珀测试商
expect_xpath /page/search/@count 0 "a vendor's name is not searched"
# Han next to letters: the query is cut where the index cut the name
search 砗磲crm系统V2版
check "Han and letters run together: cut the same on both sides" test "$(ids)" = "$e"
search 'CRM系统 砗磲'
check "in another order and case" test "$(ids)" = "$e"
search 'tridacna crm v2 pro'
check "its English name, word by word" test "$(ids)" = "$e"

# ---- English ----
search amberstar
expect_xpath /page/search/@count 2 "a word, in a name and in a summary"
check "amberstar: the name match first" test "$(ids)" = "$a $b"
search AmberSTAR
check "mixed case: the same" test "$(ids)" = "$a $b"
search amber
expect_xpath /page/search/@count 3 "a prefix of words"
search 'amberstar analyzer'
check "two words: both needed" test "$(ids)" = "$a"
search '琥珀 amberstar'
check "Chinese and English together" test "$(ids)" = "$a $b"
search 'search trial'
expect_xpath /page/search/@count "$(on_sale t16-search)" "the category's English name finds all its products"
search 检索测试
expect_xpath /page/search/@count "$(on_sale t16-search)" "and its Chinese name"

# ---- ranking and paging ----
# walk NAME Q COUNT: pages through the results for Q forwards, then back
# from the last page; each page says COUNT, and the walk finds COUNT
# products, none twice, the same ones in reverse on the way back. Leaves
# the ids in $OUT/walk-NAME, the last page's address in LAST_PAGE.
walk() {
  local name=$1 q=$2 want=$3 url pages=0 back=0 next prev
  url="/search?q=$(u "$q")"
  : > "$OUT/walk-$name"
  : > "$OUT/back-$name"
  while [ -n "$url" ] && [ $pages -lt 10 ]; do
    xget "$url"
    [ "$STATUS" = 200 ] || { fail "$name: page $url: $STATUS"; return; }
    expect_xpath /page/search/@count "$want" "$name: page $((pages + 1)) counts them all"
    ids | tr ' ' '\n' | grep . >> "$OUT/walk-$name"
    LAST_PAGE=$url
    next=$(xpath /page/search/products/@next)
    url=""
    [ -n "$next" ] && url="/search?q=$(u "$q")&after=$next"
    pages=$((pages + 1))
  done
  check "$name: $want results, as counted" test "$(grep -c . "$OUT/walk-$name")" = "$want"
  check "$name: no repeats" test "$(sort -u "$OUT/walk-$name" | grep -c .)" = "$want"
  url=$LAST_PAGE
  while [ -n "$url" ] && [ $back -lt 10 ]; do
    xget "$url"
    [ "$STATUS" = 200 ] || { fail "$name: page $url: $STATUS"; return; }
    ids | tr ' ' '\n' | grep . | tac >> "$OUT/back-$name"
    prev=$(xpath /page/search/products/@prev)
    url=""
    [ -n "$prev" ] && url="/search?q=$(u "$q")&before=$prev"
    back=$((back + 1))
  done
  check "$name: back over the same $pages pages" test "$back" = "$pages"
  check "$name: the same results in reverse" cmp -s "$OUT/back-$name" <(tac "$OUT/walk-$name")
}

# 30 products found by their own terms, scoring 5, 4 and 1
walk agate 玛瑙 30
agate_last=$LAST_PAGE
want=$(sql "SELECT id FROM products WHERE category_id = $cid AND name_en LIKE 'Tool %'
            ORDER BY (name_zh LIKE '%玛瑙%') * 4 + (summary_zh LIKE '%玛瑙%') DESC, id DESC")
check "ranked: name and summary (5), name (4), summary (1), newest first within each" test "$(cat "$OUT/walk-agate")" = "$want"
last=$(tail -1 "$OUT/walk-agate")
check "the last is a summary match" test "$(sql "SELECT CONCAT(name_zh LIKE '%玛瑙%', summary_zh LIKE '%玛瑙%') FROM products WHERE id = $last")" = 01
# a category with every term: all its products, read newest first from the
# category, merged with one that has a term of its own (ranking first)
f=$(product "$amber" '试用版' 'Sampler' '' 'A trial edition')
walk category 'search trial' "$(on_sale t16-search)"
check "the product with a term of its own first" test "$(head -1 "$OUT/walk-category")" = "$f"
check "then the category's, newest first" test "$(sed 1d "$OUT/walk-category")" = "$(sql "SELECT id FROM products WHERE category_id = $cid AND listed = 1 AND id <> $f ORDER BY id DESC")"
# two categories with every term: ranked together
sql "INSERT INTO categories (slug, name_zh, name_en, position) VALUES ('t16-spare', '检索备用', 'Spare', 999)"
cid2=$(sql "SELECT id FROM categories WHERE slug = 't16-spare'")
for i in 1 2 3; do
  sql "INSERT INTO products (vendor_id, category_id, name_zh, name_en, description_zh, description_en, delivery_mode)
       VALUES ($amber, $cid2, '备用 $i', 'Spare $i', '说明', 'About', 'auto')"
done
walk two 检索 $(( $(on_sale t16-search) + $(on_sale t16-spare) ))
check "two categories: newest first" test "$(cat "$OUT/walk-two")" = "$(sql "SELECT id FROM products WHERE category_id IN ($cid, $cid2) AND listed = 1 ORDER BY id DESC")"
sql "DELETE FROM products WHERE category_id = $cid2; DELETE FROM categories WHERE id = $cid2"

get "$agate_last"
expect_body "rel=\"prev\" href=\"/search\\?q=$(u 玛瑙)&amp;before=[0-9]+\\.[0-9]+\"" "the HTML page links to the previous one"
xget "/search?q=$(u 玛瑙)&after=0.1"
expect_status 200 "a cursor past the end"
expect_xpath 'count(/page/search/products/product)' 0 "nothing after the end"
expect_xpath /page/search/@count 30 "still counted"
xget "/search?q=$(u 玛瑙)&after=12"
expect_status 400 "a cursor without its score"
expect_xpath /error/@code bad_cursor "bad cursor code"
xget "/search?q=$(u 玛瑙)&before=abc"
expect_status 400 "a cursor that is not one"

# ---- leaving the shop, coming back ----
apost "/admin/products/$a/delist" "reason=T16%20check"
expect_status 303 "the console delists a product"
search 琥珀
check "delisted: gone from the results" test "$(ids)" = "$c $b"
expect_xpath /page/search/@count 2 "and from the count"
counts_agree "after a delisting"
apost "/admin/products/$a/list" "reason=T16%20back"
expect_status 303 "and lists it again"
search 琥珀
check "listed again: back" test "$(ids)" = "$c $a $b"
counts_agree "after listing again"

before=$(on_sale t16-search)
apost "/admin/vendors/t16-agate/suspend" "reason=T16%20check"
expect_status 303 "the console suspends a vendor"
search 琥珀
check "suspended vendor: its product gone" test "$(ids)" = "$a $b"
search 玛瑙
expect_xpath /page/search/@count 0 "all its products gone"
counts_agree "after a suspension"
check "the category lost the vendor's 32 products" test "$(on_sale t16-search)" = $((before - 32))
apost "/admin/vendors/t16-agate/reinstate" "reason=T16%20back"
expect_status 303 "and reinstates it"
search 玛瑙
expect_xpath /page/search/@count 30 "reinstated: back"
counts_agree "after the reinstatement"

sql "UPDATE products SET listed = 0 WHERE id = $d"
search 璎
expect_xpath /page/search/@count 0 "delisted in SQL: gone at once"
counts_agree "after a delisting in SQL"
sql "UPDATE products SET listed = 1 WHERE id = $d"
finance=$(on_sale finance)
sql "UPDATE products SET category_id = (SELECT id FROM categories WHERE slug = 'finance') WHERE id = $d"
xget /categories/finance
expect_xpath /page/category/@count $((finance + 1)) "a product moved: counted in its new category"
counts_agree "after a move"
sql "UPDATE products SET category_id = $cid WHERE id = $d"
counts_agree "after moving back"

# ---- edits ----
edit="category=$cid&name_zh=$(u 青金石图谱)&name_en=Lapis%20Atlas&summary_zh=$(u 为团队提供数据洞察)&summary_en=Insight%20for%20teams&description_zh=x&description_en=x&delivery_mode=auto&support_email=&support_phone="
apost "/admin/products/$a" "$edit"
expect_status 303 "the console renames a product"
search 青金
check "found by its new name" test "$(ids)" = "$a"
search 'lapis atlas'
check "and its new English name" test "$(ids)" = "$a"
search 琥珀星图
expect_xpath /page/search/@count 0 "not by its old name"
search amberstar
check "the old English word finds only the summary that still has it" test "$(ids)" = "$b"
check "no term of the old name is left" test "$(sql "SELECT COUNT(*) FROM search_terms WHERE product_id = $a AND term IN ('琥珀', '珀星', 'amberstar', 'analyzer')")" = 0
sql "UPDATE products SET summary_en = 'Reads lapis files' WHERE id = $b"
search amberstar
expect_xpath /page/search/@count 0 "a summary edited in SQL: its old word gone"
search lapis
check "its new one found, below the name match" test "$(ids)" = "$a $b"

apost "/admin/categories/$cid" "name_zh=$(u 检索改名)&name_en=Renamed%20Trial"
expect_status 303 "the console renames the category"
search 'renamed trial'
expect_xpath /page/search/@count "$(on_sale t16-search)" "the category's new name finds its products"
search 'search trial'
expect_xpath /page/search/@count 0 "its old English name does not"
search 检索测试
expect_xpath /page/search/@count 0 "nor its old Chinese name"

# ---- hostile input ----
for q in '%' '_' '%%' "\\" "'" '"' "' OR 1=1 --" '😀' '😀😀😀' '<>&' '、。，' '*' '(' ; do
  xget "/search?q=$(u "$q")"
  expect_status 200 "q=$q"
  expect_xpath /page/search/@q "$q" "q=$q echoed as typed"
  if [ "$q" != "' OR 1=1 --" ]; then
    expect_xpath /page/search/@count 0 "q=$q: nothing to look for"
  fi
done
check "an SQL-looking query finds only its words" test "$(xpath /page/search/@count)" -lt "$(sql "SELECT COUNT(*) FROM products WHERE listed = 1")"
search '%琥珀_'
check "wildcards are separators: %琥珀_ is 琥珀" test "$(ids)" = "$c $b"
search '琥珀😀'
check "emoji are separators" test "$(ids)" = "$c $b"
for bad in '%FF%FE' '%C0%AF' '%ED%A0%80' '%E7%90'; do
  xget "/search?q=$bad"
  expect_status 400 "q=$bad: not UTF-8"
done
get "/search?q=$(u "<script>alert(1)</script>琥珀")"
expect_status 200 "markup in the query"
expect_html "the results page with markup in the query"
expect_no_body '<script>alert' "the query is escaped on the page"
long="$(printf '琥珀 %.0s' {1..33})琥"
check "a query of 100 characters" test "$(printf '%s' "$long" | LC_ALL=C.UTF-8 wc -m)" = 100
xget "/search?q=$(u "$long")"
expect_status 200 "100 characters"
expect_xpath /page/search/@count 2 "100 characters of 琥珀 琥珀 …: its terms, once each"
long='甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官'
check "a query of 100 different characters" test "$(printf '%s' "$long" | LC_ALL=C.UTF-8 wc -m)" = 100
xget "/search?q=$(u "$long")"
expect_status 200 "100 different characters"
expect_xpath /page/search/@count 0 "its first terms match nothing"
xget "/search?q=$(u "${long}x")"
expect_status 400 "101 characters"
xget "/search?q=$(printf 'a%.0s' {1..100})"
expect_status 200 "a 100-letter word"
expect_xpath /page/search/@count 0 "matches nothing"

# ---- the pool's database user fires these triggers ----
grants=$(mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root -N -B -e "SHOW GRANTS FOR 'mp'@'localhost'")
for t in $(sql "SELECT DISTINCT event_object_table FROM information_schema.triggers WHERE trigger_schema = 'mp' AND trigger_name LIKE '%\\_scale'"); do
  check "the pool's user may fire the triggers on $t" grep -q "GRANT TRIGGER ON \`mp\`.\`$t\`" <<<"$grants"
done

# ---- leave the catalog as the seed made it ----
spec_ids=$(sql "SELECT GROUP_CONCAT(s.id) FROM specs s JOIN products p ON p.id = s.product_id WHERE p.category_id = $cid")
fixtures=$(sql "SELECT GROUP_CONCAT(id) FROM products WHERE category_id = $cid")
sql "DELETE FROM prices WHERE spec_id IN ($spec_ids); DELETE FROM specs WHERE id IN ($spec_ids);
     DELETE FROM products WHERE category_id = $cid; DELETE FROM categories WHERE id = $cid;
     DELETE FROM vendors WHERE id IN ($amber, $agate)"
check "the products' terms went with them" test "$(sql "SELECT COUNT(*) FROM search_terms WHERE product_id IN ($fixtures)")" = 0
check "the category's count and terms too" test "$(sql "SELECT (SELECT COUNT(*) FROM category_counts WHERE category_id = $cid) + (SELECT COUNT(*) FROM category_terms WHERE category_id = $cid)")" = 0
# after all these writes the index is what the catalog's text gives afresh
terms() {
  printf '%s' "JSON_TABLE(search_terms_json($1), '\$[*]' COLUMNS (term VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '\$')) j"
}
check "the index holds exactly the catalog's terms and weights" test "$(sql "
  CREATE TEMPORARY TABLE want (term VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    product_id INT UNSIGNED NOT NULL, weight TINYINT UNSIGNED NOT NULL, PRIMARY KEY (term, product_id));
  INSERT INTO want SELECT j.term, p.id, 4 FROM products p, $(terms "CONCAT_WS(' ', p.name_zh, p.name_en)")
    WHERE j.term <> '' ON DUPLICATE KEY UPDATE weight = want.weight | VALUES(weight);
  INSERT INTO want SELECT j.term, p.id, 1 FROM products p, $(terms "CONCAT_WS(' ', p.summary_zh, p.summary_en)")
    WHERE j.term <> '' ON DUPLICATE KEY UPDATE weight = want.weight | VALUES(weight);
  SELECT (SELECT COUNT(*) FROM want) = (SELECT COUNT(*) FROM search_terms) AND NOT EXISTS (SELECT 1 FROM want w
    LEFT JOIN search_terms s ON s.term = w.term AND s.product_id = w.product_id AND s.weight = w.weight
    WHERE s.term IS NULL)")" = 1
xget /
expect_xpath 'sum(/page/categories/category/@count)' "$(sql "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE p.listed = 1 AND v.status = 'active'")" "the home page's counts add up to what is on sale"
done_testing
