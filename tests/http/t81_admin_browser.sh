#!/usr/bin/env bash
# The operator's console walked in a real browser (tests/browser/admin.mjs):
# an admin delists a product and refunds an order, in Chinese and English,
# at desktop and phone width; screenshots in var/test/out/t81_admin_browser/.
. "$ROOT/tests/lib.sh"

if [ ! -x /usr/bin/chromium ] || [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
  fail "the browser (tools/deps.sh) and playwright-core (t80 installs it) are needed"
  done_testing
  exit
fi
# a listed product sold by its vendor automatically; a buyer per walk who
# bought and paid for it
product=$(sql "SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id
               WHERE p.listed = 1 AND v.status = 'active' AND p.delivery_mode = 'auto' ORDER BY p.id DESC LIMIT 1")
walks=""
audit0=$(sql "SELECT COALESCE(MAX(id), 0) FROM audit_log")
for w in "zh-CN 1366 900" "en 390 844"; do
  read -r lang width height <<<"$w"
  as_buyer "admin-walk-$lang"
  topup 10000
  order "$product"
  pay_balance "$ORDER_NO"
  check "the $lang walk's order is paid" test "$(sql "SELECT status FROM orders WHERE order_no = '$ORDER_NO'")" = paid
  walks="$walks${walks:+,}{\"lang\":\"$lang\",\"width\":$width,\"height\":$height,\"email\":\"$EMAIL\",\"order\":\"$ORDER_NO\"}"
  eval "order_$width=$ORDER_NO"
done
rm -f "$OUT"/*.png
BASE=$BASE OUT=$OUT ADMIN_USER=$ADMIN_USER ADMIN_PASSWORD=$ADMIN_PASSWORD PASSWORD=$PASSWORD \
  PRODUCT_ID=$product PRODUCT_ZH="$(sql "SELECT name_zh FROM products WHERE id = $product")" \
  PRODUCT_EN="$(sql "SELECT name_en FROM products WHERE id = $product")" WALKS="[$walks]" \
  node "$ROOT/tests/browser/admin.mjs" > "$OUT/browser.log" 2>&1
grep -v ' passed, .* failed$' "$OUT/browser.log" >&2
line=$(grep -E '^admin-browser: [0-9]+ passed, [0-9]+ failed$' "$OUT/browser.log")
read -r p _ f _ <<<"$(grep -oE '[0-9]+ passed, [0-9]+ failed$' <<<"$line")"
T_PASS=$((T_PASS + ${p:-0}))
T_FAIL=$((T_FAIL + ${f:-1}))

# what the clicks did, as the database has it
# shellcheck disable=SC2154
for o in "$order_1366" "$order_390"; do
  check "order $o refunded in full, once" test "$(sql "SELECT CONCAT(status, ' ', refunded_cents = total_cents,
    ' ', (SELECT COUNT(*) FROM refunds r WHERE r.order_id = o.id)) FROM orders o WHERE order_no = '$o'")" = "refunded 1 1"
done
check "the product is listed again" test "$(sql "SELECT listed FROM products WHERE id = $product")" = 1
check "two delistings and two listings audited" test \
  "$(audit_count "id > $audit0 AND target_type = 'product' AND target_ref = '$product' AND action IN ('product.delist', 'product.list') AND admin_user = 'admin'")" = 4
check "every balance equals its ledger" ledger_consistent
for w in zh-CN-1366 en-390; do
  check "screenshots of every page at $w" test "$(find "$OUT" -maxdepth 1 -name "$w-[0-9]*.png" | wc -l)" = 17
done
done_testing
