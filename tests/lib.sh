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

# req METHOD PATH [curl options...]: sets STATUS, BODY and HEADERS.
req() {
  local method=$1 path=$2
  shift 2
  : > "$BODY" # curl leaves the file alone when no body arrives
  local head=()
  [ "$method" = HEAD ] && head=(--head)
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

done_testing() {
  echo "$T_NAME: $T_PASS passed, $T_FAIL failed"
  [ "$T_FAIL" = 0 ]
}
