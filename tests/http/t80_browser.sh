#!/usr/bin/env bash
# The purchase walked in a real browser (Debian's Chromium driven by
# playwright-core); screenshots land in var/test/out/t80_browser/.
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
BASE=$BASE OUT=$OUT node "$ROOT/tests/browser/buy.mjs" > "$OUT/browser.log" 2>&1
cat "$OUT/browser.log" | grep -v ' passed, .* failed$' >&2
line=$(grep -E '^browser: [0-9]+ passed, [0-9]+ failed$' "$OUT/browser.log")
read -r p _ f _ <<<"$(grep -oE '[0-9]+ passed, [0-9]+ failed$' <<<"$line" | tr -d ,)"
T_PASS=$((T_PASS + ${p:-0}))
T_FAIL=$((T_FAIL + ${f:-1}))
check "screenshot of the instance page saved" test -s "$OUT/instance.png"
done_testing
