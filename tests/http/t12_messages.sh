#!/usr/bin/env bash
# Every page speaks both languages: the two message catalogs hold the same
# keys, and every key the stylesheets and handlers name is in them (error
# codes of buyer pages, form errors, notices, password verdicts).
. "$ROOT/tests/lib.sh"

keys() { xmllint --xpath '//m/@k' "$ROOT/xslt/i18n/$1.xml" | sed -E 's/ k="([^"]*)"/\1\n/g' | grep . | sort; }
keys zh-CN > "$OUT/zh"
keys en > "$OUT/en"
check "the catalogs hold the same keys: $(diff "$OUT/zh" "$OUT/en" | grep '^[<>]' | tr '\n' ' ')" cmp -s "$OUT/zh" "$OUT/en"
check "no key given twice" test "$(uniq -d "$OUT/zh" | wc -l)" = 0
check "no empty message" test "$(grep -c '<m k="[^"]*"></m>' "$ROOT"/xslt/i18n/*.xml | awk -F: '{s += $2} END {print s}')" = 0

# need KIND KEY...: each key is in the catalog
need() {
  local kind=$1 k
  shift
  for k in "$@"; do
    if grep -qxF "$k" "$OUT/zh"; then pass; else fail "$kind $k has no message"; fi
  done
}

# keys the stylesheets name literally: m:t('key'…)
mapfile -t used < <(grep -ohE "m:t\('[a-z0-9_.]+'" "$ROOT"/xslt/*.xsl | sed -E "s/m:t\('//; s/'$//" | sort -u)
check "the stylesheets name messages" test "${#used[@]}" -gt 150
need stylesheet "${used[@]}"

# error codes of the buyer's pages (the partner API answers XML only)
mapfile -t codes < <(grep -ohE 'ctx_fail\(c, [0-9]{3}, "[a-z_]+"' "$ROOT"/handlers/*.c "$ROOT"/fcgi/*.c \
  --exclude=partner_feeds.c --exclude=partner_instances.c --exclude=partner_auth.c --exclude=feed.c |
  sed -E 's/.*"([a-z_]+)"/error.\1/' | sort -u)
check "the handlers name error codes" test "${#codes[@]}" -gt 15
need "error code" "${codes[@]}"
need "status" error.{400,401,403,404,405,409,410,413,414,415,422,429,500,503} \
  error.detail.{400,401,403,404,405,409,410,413,414,415,422,429,500,503,other}

# form errors, notices and password verdicts
mapfile -t forms < <(grep -ohE 'ctx_form_error\(c, [0-9]{3}, ("[a-z_0-9]+"|NULL), "[a-z_.]+"' "$ROOT"/handlers/*.c |
  sed -E 's/.*"([a-z_.]+)"$/\1/' | sort -u)
need "form error" "${forms[@]}"
mapfile -t notices < <(grep -ohE 'notice=[a-z_]+' "$ROOT"/handlers/*.c | sed 's/notice=/notice./' | sort -u)
check "redirects name notices" test "${#notices[@]}" -gt 5
need notice "${notices[@]}"
mapfile -t verdicts < <(grep -oE '\] = "password\.[a-z_]+"' "$ROOT/fcgi/password.c" | sed -E 's/.*"(.*)"/\1/' | grep -v password.ok | sort -u)
need "password verdict" "${verdicts[@]}"

done_testing
