# shellcheck shell=bash
# Helpers for the HTTP stories in tests/http/: requests through nginx and
# assertions that count passes and failures. Sourced by each story.
# shellcheck disable=SC2034
set -u
. "$ROOT/tools/stack.sh"
BASE="http://127.0.0.1:$PORT"
T_PASS=0
T_FAIL=0
T_NAME=$(basename "$0" .sh)
OUT="$STATE/out/$T_NAME"
mkdir -p "$OUT"
BODY="$OUT/body"
HEADERS="$OUT/headers"
JAR="$OUT/cookies"
STATUS=0

pass() { T_PASS=$((T_PASS + 1)); }
fail() {
  T_FAIL=$((T_FAIL + 1))
  echo "  FAIL [$T_NAME] $*" >&2
}

# check DESCRIPTION COMMAND...: passes when COMMAND succeeds.
check() {
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then pass; else fail "$what"; fi
}

# req METHOD PATH [curl options...]: sets STATUS, BODY and HEADERS. A
# story that reads its own catalog edits at once sets HARD_RELOAD=1: its
# requests then ask the app itself, past nginx's copy of guests' catalog
# pages (where an edit shows within 2 s: t52_cache).
req() {
  local method=$1 path=$2
  shift 2
  : > "$BODY" # curl leaves the file alone when no body arrives
  local head=()
  [ "$method" = HEAD ] && head=(--head)
  [ "${HARD_RELOAD:-0}" = 1 ] && head+=(-H 'Cache-Control: no-cache')
  STATUS=$(curl -sS -o "$BODY" -D "$HEADERS" -w '%{http_code}' -X "$method" "${head[@]}" --max-time 30 "$@" "$BASE$path" 2>"$OUT/curl.err")
  [ -n "$STATUS" ] || STATUS=000
}
get() { req GET "$@"; }
# xget PATH: the XML model of a page.
xget() { req GET "$1" -H 'Accept: application/xml' "${@:2}"; }

expect_status() {
  local want=$1 what=${2:-}
  if [ "$STATUS" = "$want" ]; then pass; else fail "${what:-request}: status $STATUS, want $want"; fi
}

# header NAME: value of a response header (last one if repeated).
header() {
  grep -i "^$1:" "$HEADERS" | tail -1 | sed -E 's/^[^:]+:[[:space:]]*//' | tr -d '\r'
}

expect_header() {
  local name=$1 pattern=$2 what=${3:-}
  local v
  v=$(header "$name")
  if printf '%s' "$v" | grep -Eq -- "$pattern"; then pass; else fail "${what:-header} $name is '$v', want /$pattern/"; fi
}

# expect_cookie NAME PATTERN: a Set-Cookie for NAME matching PATTERN.
expect_cookie() {
  local v
  v=$(grep -i "^Set-Cookie: $1=" "$HEADERS" | tail -1 | sed -E 's/^[^:]+:[[:space:]]*//' | tr -d '\r')
  if printf '%s' "$v" | grep -Eq -- "$2"; then pass; else fail "${3:-cookie} $1 is '$v', want /$2/"; fi
}

# xpath EXPR: string value of EXPR over BODY (an XML document).
xpath() {
  xmllint --xpath "string($1)" "$BODY" 2>/dev/null
}

expect_xpath() {
  local expr=$1 want=$2 what=${3:-}
  local got
  got=$(xpath "$expr")
  if [ "$got" = "$want" ]; then pass; else fail "${what:-xpath} $expr is '$got', want '$want'"; fi
}

# expect_xpath_true EXPR: a boolean XPath over BODY is true.
expect_xpath_true() {
  local expr=$1 what=${2:-}
  if [ "$(xpath "boolean($expr)")" = "true" ]; then pass; else fail "${what:-xpath} $expr is false"; fi
}

expect_body() {
  local pattern=$1 what=${2:-}
  if grep -Eq -- "$pattern" "$BODY"; then pass; else fail "${what:-body} does not match /$pattern/"; fi
}

expect_no_body() {
  local pattern=$1 what=${2:-}
  if grep -Eq -- "$pattern" "$BODY"; then fail "${what:-body} matches /$pattern/"; else pass; fi
}

# expect_html: the page is text/html and parses as HTML without errors
# (HTML5 element names are unknown to libxml2's HTML4 parser and are allowed).
expect_html() {
  local what=${1:-page}
  expect_header Content-Type '^text/html; charset=utf-8' "$what"
  local errs
  errs=$(xmllint --html --noout "$BODY" 2>&1 | grep -E 'parser error|error :' | grep -v 'Tag [a-z]* invalid' || true)
  if [ -z "$errs" ] && head -c 15 "$BODY" | grep -q '<!DOCTYPE html'; then pass; else fail "$what is not well-formed HTML: $errs"; fi
}

# sql STATEMENTS: runs SQL as root on the test database, prints rows.
sql() {
  mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root -N -B mp -e "$1"
}

# pool_workers: pids of the pool's workers, sorted, one line.
pool_workers() {
  ps -o pid= --ppid "$(started_pid pool)" | tr -d ' ' | sort -n | tr '\n' ' '
}

# pool_settled N: the pool runs exactly N children, and each has loaded
# its views and routes (a worker names itself mp-worker then, the
# scheduler mp-scheduler; one still starting is mp-pool)
pool_settled() {
  local names
  names=$(ps -o comm= --ppid "$(started_pid pool)")
  [ "$(grep -c . <<<"$names")" = "$1" ] && ! grep -qv '^mp-\(worker\|scheduler\)$' <<<"$names"
}

# wait_restarted NAME OLD_PID SECONDS: waits until the stack records a new,
# running pid for NAME (the supervisor restarted it); prints that pid.
wait_restarted() {
  local i pid
  for ((i = 0; i < $3 * 10; i++)); do
    pid=$(started_pid "$1")
    if [ -n "$pid" ] && [ "$pid" != "$2" ] && proc_alive "$pid"; then
      echo "$pid"
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# wait_page PATH SECONDS: requests PATH until it answers 200 (STATUS holds
# the last answer).
wait_page() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    get "$1"
    [ "$STATUS" = 200 ] && return 0
    sleep 0.1
  done
  return 1
}

# group_members PGID: pids still running in process group PGID (zombies
# waiting to be reaped do not count).
group_members() {
  ps -e -o pid=,pgid=,stat= | awk -v g="$1" '$2 == g && $3 !~ /^Z/ { print $1 }'
}

done_testing() {
  echo "$T_NAME: $T_PASS passed, $T_FAIL failed"
  [ "$T_FAIL" = 0 ]
}

# ---- buyers ----

M_SPEC_CACHE=""
# csrf [JAR]: the CSRF token of the visitor holding JAR: a signed-in
# buyer's is on every page (the search page is asked); a guest's only on
# the pages of forms guests send, such as sign-in (which sets up the guest
# cookie when there is none, and sends a signed-in buyer on).
csrf() {
  local jar=${1:-$JAR} page t
  for page in /search /login; do
    [ "$page" = /search ] && ! grep -q 'mp_session' "$jar" 2>/dev/null && continue
    t=$(curl -sS -c "$jar" -b "$jar" -H "Accept: application/xml" "$BASE$page" |
      xmllint --xpath 'string(/page/session/@csrf)' - 2>/dev/null)
    [ -n "$t" ] && break
  done
  printf '%s' "$t"
}

# post PATH DATA [curl options]: a form POST with the current JAR.
post() {
  local path=$1 data=$2
  shift 2
  req POST "$path" -c "$JAR" -b "$JAR" --data "$data" "$@"
}

# Every story's buyers use this password: strong enough for zxcvbn.
PASSWORD=Quokka-Lantern-42

# as_buyer NAME: registers a new buyer (email NAME-<random>@example.com,
# password $PASSWORD); JAR is theirs from then on. Sets EMAIL.
as_buyer() {
  JAR="$OUT/jar-$1"
  rm -f "$JAR"
  EMAIL="$1-$RANDOM$RANDOM@example.com"
  local t
  t=$(csrf "$JAR")
  post /register "csrf=$t&email=$EMAIL&name=$1&password=$PASSWORD&password2=$PASSWORD"
  [ "$STATUS" = 303 ] || fail "registering $1: status $STATUS"
}

user_id() { sql "SELECT id FROM users WHERE email = '$EMAIL'"; }
balance() { sql "SELECT balance_cents FROM users WHERE email = '$EMAIL'"; }

# location: the Location header of the last response, made relative.
location() { header Location | sed -E "s|^https?://[^/]+||"; }

# The sandbox gateway's own site (sandbox_url in the stack's config).
SANDBOX=$(sed -n 's/^sandbox_url = //p' "$STATE/mp.conf")

# sreq METHOD PATH [curl options...]: req on the sandbox gateway's site.
sreq() {
  local site=$BASE
  BASE=$SANDBOX
  req "$@"
  BASE=$site
}

# sandbox_pay URL ACTION: on the sandbox's page at URL (on its own site),
# press confirm or cancel as the buyer holding JAR; follows the provider's
# return to the marketplace. Sets RETURN_URL.
sandbox_pay() {
  local url=$1 action=$2 query
  query=${url#*\?}
  sreq POST /sandbox/pay -c "$JAR" -b "$JAR" --data "$query&action=$action&csrf=$(csrf)"
  RETURN_URL=$(location)
  get "$RETURN_URL" -c "$JAR" -b "$JAR"
}

# topup YUAN: tops the current buyer up through the sandbox gateway.
topup() {
  post /account/topup "csrf=$(csrf)&amount=$1"
  sandbox_pay "$(location)" confirm
}

# offer PRODUCT: "spec period cents" of the product's first active price.
offer() {
  sql "SELECT s.id, pr.period_months, pr.price_cents FROM specs s JOIN prices pr ON pr.spec_id = s.id
       WHERE s.product_id = $1 AND s.active = 1 ORDER BY s.position, s.id, pr.period_months LIMIT 1" | tr '\t' ' '
}

# order PRODUCT [SPEC PERIOD]: confirm and submit an order; sets ORDER_NO.
order() {
  local product=$1 spec=${2:-} period=${3:-} idem
  if [ -z "$spec" ]; then read -r spec period _ <<<"$(offer "$product")"; fi
  xget "/buy?product=$product&spec=$spec&period=$period" -b "$JAR" -c "$JAR"
  idem=$(xpath '/page/confirm/@idem')
  post /orders "csrf=$(csrf)&product=$product&spec=$spec&period=$period&idem=$idem"
  ORDER_NO=$(location | sed -nE 's|^/orders/([0-9]+)/pay$|\1|p')
  [ -n "$ORDER_NO" ] || fail "ordering product $product: status $STATUS, location $(location)"
}

# pay_balance ORDER_NO: pays from the balance; sets PAYMENT_NO on success.
pay_balance() {
  post "/orders/$1/pay" "csrf=$(csrf)&method=balance"
  PAYMENT_NO=$(location | sed -nE 's|^/payments/([0-9]+)$|\1|p')
}

# ledger_consistent: every user's balance equals the sum of their ledger.
ledger_consistent() {
  [ "$(sql "SELECT COUNT(*) FROM users u WHERE u.balance_cents <> (SELECT COALESCE(SUM(amount_cents), 0) FROM ledger l WHERE l.user_id = u.id)")" = 0 ]
}

# wait_sweep: waits for the scheduler to have run at least once more.
wait_sweep() {
  sleep "$(( $(grep -E '^sweep_interval' "$STATE/mp.conf" | sed 's/.*= *//') + 1 ))"
}

# ---- admins ----

# The demo admin of the stack (tools/stack.sh writes its password file).
ADMIN_USER='admin'
ADMIN_PASSWORD=$(sed -n 's/^ADMIN_PASSWORD=//p' "$STATE/secrets.env")
ADMIN_JAR="$OUT/jar-admin"

# areq METHOD PATH [curl options...]: req as the admin, with the admin's jar.
areq() {
  local method=$1 path=$2
  shift 2
  req "$method" "$path" -u "$ADMIN_USER:$ADMIN_PASSWORD" -c "$ADMIN_JAR" -b "$ADMIN_JAR" "$@"
}
aget() { areq GET "$@"; }
# axget PATH: an admin page's XML model.
axget() { areq GET "$1" -H 'Accept: application/xml' "${@:2}"; }

# admin_csrf: the admin's form token (sets the admin cookie when needed).
admin_csrf() {
  curl -sS -u "$ADMIN_USER:$ADMIN_PASSWORD" -c "$ADMIN_JAR" -b "$ADMIN_JAR" -H "Accept: application/xml" \
    "$BASE/admin/audit" | xmllint --xpath 'string(/page/session/@csrf)' - 2>/dev/null
}

# apost PATH DATA [curl options]: an admin form POST, its token added.
apost() {
  local path=$1 data=$2
  shift 2
  areq POST "$path" --data "csrf=$(admin_csrf)${data:+&$data}" "$@"
}

# audit_count WHERE: audit rows matching an SQL condition.
audit_count() { sql "SELECT COUNT(*) FROM audit_log WHERE $1"; }

# ---- partners ----

# partner_key VENDOR_SLUG: a new API key; sets KEY_ID and SECRET.
partner_key() {
  local out
  out=$("$ROOT/bin/mp-admin" -c "$STATE/mp.conf" partner-key create "$1")
  KEY_ID=$(sed -n 's/^key_id=//p' <<<"$out")
  SECRET=$(sed -n 's/^secret=//p' <<<"$out")
  [ -n "$KEY_ID" ] || fail "no key for $1: $out"
}

# preq KEY SECRET METHOD TARGET [BODYFILE] [curl args...]: a signed partner
# request computed here independently of the C client (openssl). The
# variables SKEW (seconds added to the clock), NONCE, SIGN_PATH and
# SIGN_BODY (what is signed instead of the real path and body) let a story
# forge each kind of bad request; OMIT names a header to leave out,
# SIGNATURE replaces the computed signature and CTYPE the body's
# Content-Type (application/xml; empty for none). Sets STATUS, BODY, HEADERS.
preq() {
  local key=$1 secret=$2 method=$3 target=$4 bodyfile=${5:-}
  shift 4
  [ $# -gt 0 ] && shift
  local path=${target%%\?*} query=""
  [[ $target == *\?* ]] && query=${target#*\?}
  local canon ts nonce digest sts sig
  canon=$(tr '&' '\n' <<<"$query" | grep . | LC_ALL=C sort | paste -sd'&')
  ts=$(( $(date +%s) + ${SKEW:-0} ))
  nonce=${NONCE:-$(openssl rand -hex 12)}
  if [ -n "${SIGN_BODY:-}" ]; then digest=$(printf '%s' "$SIGN_BODY" | sha256sum | cut -d' ' -f1)
  elif [ -n "$bodyfile" ]; then digest=$(sha256sum < "$bodyfile" | cut -d' ' -f1)
  else digest=$(printf '' | sha256sum | cut -d' ' -f1); fi
  sts=$(printf '%s\n%s\n%s\n%s\n%s\n%s' "$method" "${SIGN_PATH:-$path}" "$canon" "$ts" "$nonce" "$digest")
  sig=${SIGNATURE:-$(printf '%s' "$sts" | openssl dgst -sha256 -hmac "$secret" | sed 's/.*= //')}
  local body=() h=() name value
  [ -n "$bodyfile" ] && body=(--data-binary "@$bodyfile" -H "Content-Type: ${CTYPE-application/xml}")
  for name in X-MP-Key X-MP-Timestamp X-MP-Nonce X-MP-Signature; do
    case $name in
      X-MP-Key) value=$key ;; X-MP-Timestamp) value=$ts ;; X-MP-Nonce) value=$nonce ;; *) value=$sig ;;
    esac
    [ "${OMIT:-}" = "$name" ] || h+=(-H "$name: $value")
  done
  req "$method" "$target" "${h[@]}" "${body[@]}" "$@"
  LAST_NONCE=$nonce
}

# valid_against SCHEMA: the last body validates against xslt/schemas/SCHEMA.xsd.
valid_against() {
  xmllint --noout --schema "$ROOT/xslt/schemas/$1.xsd" "$BODY" >/dev/null 2>&1
}
