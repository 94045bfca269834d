#!/usr/bin/env bash
# Names with markup characters come out escaped, in every page that shows
# them and in the XML model and feed.
. "$ROOT/tests/lib.sh"

evil='<script>alert("x")</script> & '"'"'quoted'"'"' <b>'
sql "INSERT INTO vendors (slug, name_zh, name_en) VALUES ('evil-vendor', 'A&B <i>厂商</i>', 'A&B \"Vendor\"')"
vid=$(sql "SELECT id FROM vendors WHERE slug = 'evil-vendor'")
cid=$(sql "SELECT id FROM categories WHERE slug = 'office'")
sql "INSERT INTO products (vendor_id, category_id, name_zh, name_en, summary_zh, summary_en, description_zh, description_en, delivery_mode)
     VALUES ($vid, $cid, '${evil//\'/\'\'}', 'evil', '<img src=x onerror=alert(1)>', 's', '\"><script>x</script>', 'd', 'auto')"
pid=$(sql "SELECT id FROM products WHERE vendor_id = $vid")
sql "INSERT INTO specs (product_id, name_zh, name_en, features_zh) VALUES ($pid, '<spec>', 'spec', 'a<b，c&d');
     INSERT INTO prices (spec_id, period_months, price_cents) VALUES (LAST_INSERT_ID(), 1, 100)"

get "/products/$pid"
expect_status 200 "product with markup in its name"
expect_html "product page"
expect_no_body '<script>alert' "no live script tag"
expect_no_body '<img src=x' "no live img tag"
expect_no_body '<i>厂商' "vendor markup escaped"
expect_body '&lt;script&gt;alert\("x"\)&lt;/script&gt; &amp; '"'"'quoted'"'"' &lt;b&gt;' "name escaped in the heading"
expect_body '<title>&lt;script&gt;' "name escaped in the title"
expect_body '&lt;spec&gt;' "spec name escaped"
expect_body 'a&lt;b' "feature escaped"

get '/search?q=%3Cscript%3E'
expect_status 200 "search for markup"
expect_no_body '<script>alert' "search results escaped"
expect_body 'value="&lt;script&gt;"' "search box value escaped in its attribute"
get '/search?q=%22%3E%3Cb%3Ex'
expect_no_body '"><b>x' "attribute cannot be closed by the keyword"
xget '/search?q=%22%3E%3Cb%3Ex'
expect_xpath '/page/search/@q-url' '%22%3E%3Cb%3Ex' "keyword percent-encoded for links"

get /
expect_no_body '<script>alert' "home page escaped"
xget "/products/$pid"
expect_xpath '/page/product/name' "$evil" "model holds the exact text"
get /feeds/catalog.xml
check "feed is well-formed with markup in names" xmllint --noout "$BODY"
expect_xpath "/catalog/products/product[@id=$pid]/name[@lang='zh-CN']" "$evil" "feed holds the exact text"

sql "DELETE FROM prices WHERE spec_id IN (SELECT id FROM specs WHERE product_id = $pid);
     DELETE FROM specs WHERE product_id = $pid; DELETE FROM products WHERE id = $pid; DELETE FROM vendors WHERE id = $vid"
done_testing
