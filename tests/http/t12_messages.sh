#!/usr/bin/env bash
# Every page speaks both languages: the two message catalogs hold the same
# keys, and every key the stylesheets and handlers name is in them (error
# codes of buyer pages, form errors, notices, password verdicts).
. "$ROOT/tests/lib.sh"

# a language's catalog: i18n/<lang>.xml and the part files in i18n/<lang>/
keys() {
  local f
  for f in "$ROOT/xslt/i18n/$1.xml" "$ROOT/xslt/i18n/$1"/*.xml; do
    [ -f "$f" ] && xmllint --xpath '//m/@k' "$f" | sed -E 's/ k="([^"]*)"/\1\n/g' | grep .
  done | sort
}
keys zh-CN > "$OUT/zh"
keys en > "$OUT/en"
check "the catalogs hold the same keys: $(diff "$OUT/zh" "$OUT/en" | grep '^[<>]' | tr '\n' ' ')" cmp -s "$OUT/zh" "$OUT/en"
check "no key given twice" test "$(uniq -d "$OUT/zh" | wc -l)" = 0
check "no empty message" test "$(grep -c '<m k="[^"]*"></m>' "$ROOT"/xslt/i18n/*.xml "$ROOT"/xslt/i18n/*/*.xml | awk -F: '{s += $2} END {print s}')" = 0

# need KIND KEY...: each key is in the catalog
need() {
  local kind=$1 k
  shift
  for k in "$@"; do
    if grep -qxF "$k" "$OUT/zh"; then pass; else fail "$kind $k has no message"; fi
  done
}

# the sources with their calls on one line each (a call may span lines)
flat() { tr '\n' ' ' < "$1" | sed -E 's/ +/ /g'; }
for f in "$ROOT"/handlers/*.c "$ROOT"/fcgi/*.c; do flat "$f"; echo; done > "$OUT/c-flat"

# keys the stylesheets name literally: m:t('key'…)
mapfile -t used < <(grep -ohE "m:t\('[a-z0-9_.]+'" "$ROOT"/xslt/*.xsl | sed -E "s/m:t\('//; s/'$//" | sort -u)
check "the stylesheets name messages" test "${#used[@]}" -gt 150
need stylesheet "${used[@]}"

# error codes of the buyer's pages (the partner API answers XML only)
mapfile -t codes < <(for f in "$ROOT"/handlers/*.c "$ROOT"/fcgi/*.c; do
    case $f in */partner_*.c | */feed.c) continue ;; esac
    flat "$f" | grep -oE 'ctx_fail\(c, [0-9]{3}, "[a-z_]+"'
  done | sed -E 's/.*"([a-z_]+)"/error.\1/' | sort -u)
check "the handlers name error codes" test "${#codes[@]}" -gt 15
need "error code" "${codes[@]}"
need "status" error.{400,401,403,404,405,409,410,413,414,415,422,429,500,503} \
  error.detail.{400,401,403,404,405,409,410,413,414,415,422,429,500,503,other}

# form errors, notices and password verdicts
mapfile -t forms < <(grep -oE '(ctx_form_error|account_again)\(c, [0-9]{3}, ("[a-z_0-9]+"|NULL), "[a-z_.]+"' "$OUT/c-flat" |
  sed -E 's/.*"([a-z_.]+)"$/\1/' | sort -u)
check "the handlers name form errors" test "${#forms[@]}" -gt 10
need "form error" "${forms[@]}"
mapfile -t backs < <(grep -oE 'ctx_back\(c, [^;]*"[a-z_.]+"\)' "$OUT/c-flat" | sed -E 's/.*"([a-z_.]+)"\)$/\1/' | sort -u)
check "the handlers name ways back" test "${#backs[@]}" -ge 4
need "way back" "${backs[@]}"
mapfile -t lists < <(grep -oE '\{"/[a-z]+", "/[a-z]+", "[a-z_.]+"\}' "$ROOT/fcgi/dispatch.c" | sed -E 's/.*"([a-z_.]+)"\}$/\1/')
check "the dispatcher's ways back to lists" test "${#lists[@]}" -ge 5
need "way back" "${lists[@]}"
# keys the stylesheets build from the gateway's name
need "gateway" method.sandbox pay.sandbox_hint
mapfile -t notices < <(grep -ohE 'notice=[a-z_]+' "$ROOT"/handlers/*.c | sed 's/notice=/notice./' | sort -u)
check "redirects name notices" test "${#notices[@]}" -gt 5
need notice "${notices[@]}"
mapfile -t verdicts < <(grep -oE '\] = "password\.[a-z_]+"' "$ROOT/fcgi/password.c" | sed -E 's/.*"(.*)"/\1/' | grep -v password.ok | sort -u)
need "password verdict" "${verdicts[@]}"

done_testing
