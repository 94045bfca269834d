#!/usr/bin/env bash
# The buyer's whole story walked in a real browser (Debian's Chromium
# driven by playwright-core), in Chinese and English, at desktop and phone
# width, with a vendor's app on loopback for free login and the same
# vendor's partner calls for the delivery of a service bought once;
# screenshots land in var/test/out/t80_browser/.
. "$ROOT/tests/lib.sh"

if [ ! -x /usr/bin/chromium ]; then
  fail "Debian's chromium is not installed (tools/deps.sh installs it)"
  done_testing
  exit
fi
if [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
  (cd "$ROOT/tests/browser" && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
    fail "npm install of playwright-core failed"
fi
# the vendor of the products the story buys, with an API key of its own
vendor=$(sql "SELECT v.slug FROM vendors v JOIN products p ON p.vendor_id = v.id WHERE p.name_zh = '云雀文档'")
check "the service bought once is the same vendor's, delivered by hand" test \
  "$(sql "SELECT CONCAT(v.slug, ' ', p.delivery_mode) FROM vendors v JOIN products p ON p.vendor_id = v.id
          WHERE p.name_zh = '云雀办公培训服务'")" = "$vendor manual"
partner_key "$vendor"
rm -f "$OUT"/*.png
BASE=$BASE SANDBOX=$SANDBOX OUT=$OUT PARTNER_KEY=$KEY_ID PARTNER_SECRET=$SECRET VENDOR_PORT=$((PORT + 2)) \
  node "$ROOT/tests/browser/buyer.mjs" > "$OUT/browser.log" 2>&1
grep -v ' passed, .* failed$' "$OUT/browser.log" >&2
line=$(grep -E '^browser: [0-9]+ passed, [0-9]+ failed$' "$OUT/browser.log")
read -r p _ f _ <<<"$(grep -oE '[0-9]+ passed, [0-9]+ failed$' <<<"$line")"
T_PASS=$((T_PASS + ${p:-0}))
T_FAIL=$((T_FAIL + ${f:-1}))
"$ROOT/bin/mp-admin" -c "$STATE/mp.conf" partner-key revoke "$KEY_ID" > /dev/null ||
  fail "revoking the story's partner key"
for w in zh-CN-1366 zh-CN-390 en-1366 en-390; do
  check "screenshots of every page at $w" test "$(find "$OUT" -maxdepth 1 -name "$w-[0-9]*.png" | wc -l)" = 35
done
done_testing
