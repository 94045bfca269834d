#!/usr/bin/env bash
# make bench: what a page costs, measured in one run on this machine. Brings
# up its own stack in var/bench (MP_BENCH_PORT, default 19080; the sandbox
# cashier on the next port, the reference server on the one after), adds to
# its nginx a server with the catalog pages saved as static files and a PHP
# peer of the product page (php-fpm, its own process and socket), then
# measures with wrk in interleaved rounds and prints one table and a last
# line with each goal of the speed issue, its measured ratio and met/NOT MET:
#   1. anonymous catalog pages as shipped vs the same bytes as static files
#      (req/s ratio >= 0.8, p99 < 20 ms at 64 connections);
#   2. dynamic pages (the product page signed in, so no shared cache serves
#      it, and a buyer's order list) vs the PHP peer's product page (>= 2x
#      at 32 connections);
#   3. cost per request at 100,000 listed products vs the demo catalog
#      (home, category, search, signed in: <= 1.5x), and of the order list
#      of a buyer with 1,000,000 orders vs one with 1,000 (<= 1.2x);
#   4. the shipped settings (2 pool workers per CPU, nginx opening a
#      connection to the pool per request) against 1 and 4 workers per CPU
#      and against nginx keeping its connections (keepalive with
#      fastcgi_keep_conn): none of those faster by more than 3 %, the
#      noise between rounds, with a p99 at most 1.5x the shipped one's,
#      for the signed-in product page at 32 and 64 connections;
#   and the pool workers' memory before and after 100,000 requests (<= 1.1x).
# Everything it starts is stopped by pid on exit. Not part of make test.
# Settings: MP_BENCH_PORT, MP_BENCH_WORKERS (pool workers and php-fpm
# children, as shipped: 2 per CPU), MP_BENCH_SECONDS (per run, 2), MP_BENCH_ROUNDS (3),
# MP_BENCH_SEARCH (the search's words, 系统), MP_BENCH_MEM_REQUESTS (100000).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tools/stack.sh"
shopt -u patsub_replacement 2>/dev/null || true

STATE=$ROOT/var/bench
PORT=${MP_BENCH_PORT:-19080}
REF_PORT=$((PORT + 2))
CPUS=$(nproc)
WORKERS=${MP_BENCH_WORKERS:-$((2 * CPUS))}
SECS=${MP_BENCH_SECONDS:-2}
ROUNDS=${MP_BENCH_ROUNDS:-3}
SEARCH=${MP_BENCH_SEARCH:-系统}
CONNS=(8 32 64)
SCALE_CONNS=8
PRODUCTS_BIG=100000
ORDERS_SMALL=1000
ORDERS_BIG=1000000
MEM_REQUESTS=${MP_BENCH_MEM_REQUESTS:-100000}
BASE=http://127.0.0.1:$PORT
REF=http://127.0.0.1:$REF_PORT
RES=$STATE/results
HZ=$(getconf CLK_TCK)
T0=$SECONDS

say() {
  local t=$((SECONDS - T0))
  printf 'bench [%d:%02d] %s\n' $((t / 60)) $((t % 60)) "$*" >&2
}

die() {
  echo "bench: $*" >&2
  exit 1
}

for v in PORT WORKERS SECS ROUNDS; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "MP_BENCH_$v must be a positive number"
done

# ---- what it needs ----

# install_missing: wrk, php-fpm with PDO MySQL and the PHP command line,
# from Debian, only when missing; package scripts start no services.
install_missing() {
  local p status missing=() policy=/usr/sbin/policy-rc.d made_policy=0 rc
  for p in wrk php-fpm php-mysql php-cli; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing Debian packages: ${missing[*]} (run as root, or apt-get install them)"
  say "installing ${missing[*]}"
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
    > /tmp/mp-bench-apt.log 2>&1 ||
    { apt-get update -q >> /tmp/mp-bench-apt.log 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
        >> /tmp/mp-bench-apt.log 2>&1; }
  rc=$?
  [ "$made_policy" = 1 ] && rm -f "$policy"
  [ "$rc" = 0 ] || { tail -20 /tmp/mp-bench-apt.log >&2; die "apt-get install failed (log: /tmp/mp-bench-apt.log)"; }
}

# fill TEMPLATE NAME=VALUE...: the template with each @NAME@ replaced.
fill() {
  local text kv
  text=$(< "$1")
  shift
  for kv in "$@"; do
    text=${text//@${kv%%=*}@/${kv#*=}}
  done
  printf '%s\n' "$text"
}

# ---- php-fpm, by pid ----

fpm_pid() {
  cat "$STATE/run/php-fpm.started" 2>/dev/null
}

fpm_stop() {
  local pid i
  pid=$(fpm_pid)
  [ -n "$pid" ] || return 0
  rm -f "$STATE/run/php-fpm.started"
  proc_alive "$pid" || return 0
  if [[ $(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline") != *php-fpm* ]]; then
    echo "bench: pid $pid is no longer php-fpm; left alone" >&2
    return 0
  fi
  kill -QUIT "$pid" 2>/dev/null
  for ((i = 0; i < 100; i++)); do proc_alive "$pid" || break; sleep 0.1; done
  proc_alive "$pid" && kill -KILL "$pid" 2>/dev/null
  kill -KILL -- "-$pid" 2>/dev/null # children it left in its group
  return 0
}

fpm_start() {
  local fpm user_lines="" as_root=() nginx_user
  fpm=$(printf '%s\n' /usr/sbin/php-fpm[0-9]* | sort -V | tail -1)
  [ -x "$fpm" ] || die "no php-fpm binary in /usr/sbin"
  # the children run as nginx's workers do, and so does the socket's owner
  nginx_user=$(sed -n 's/^user \([^ ;]*\).*/\1/p' "$STATE/nginx/nginx.conf")
  if [ "$nginx_user" = root ]; then
    user_lines=$'user = root\ngroup = root'
    as_root=(-R)
  elif [ -n "$nginx_user" ]; then
    user_lines="user = $nginx_user"$'\n'"group = $nginx_user"$'\n'"listen.owner = $nginx_user"$'\n'"listen.group = $nginx_user"
  fi
  local tz
  tz=$(sed -n 's/^time_zone = //p' "$STATE/mp.conf")
  mkdir -p "$STATE/php"
  chmod 755 "$STATE/php"
  php "$ROOT/tools/bench/messages.php" "$ROOT/xslt" zh-CN "$STATE/php/messages.php" || die "no messages for the PHP peer"
  chmod 644 "$STATE/php/messages.php"
  : > "$STATE/php/php-fpm.conf"
  chmod 600 "$STATE/php/php-fpm.conf"
  fill "$ROOT/tools/bench/php-fpm.conf.in" "STATE=$STATE" "WORKERS=$WORKERS" "DB_PASSWORD=$DB_PASSWORD" \
    "TIME_ZONE=${tz:-Asia/Shanghai}" "USER_LINES=$user_lines" > "$STATE/php/php-fpm.conf"
  rm -f "$STATE/run/php-fpm.sock"
  setsid "$fpm" -F "${as_root[@]}" -y "$STATE/php/php-fpm.conf" -d opcache.enable=1 \
    -d opcache.validate_timestamps=0 < /dev/null >> "$STATE/log/php-fpm.log" 2>&1 &
  echo $! > "$STATE/run/php-fpm.started"
  wait_for "php-fpm" 30 test -S "$STATE/run/php-fpm.sock" || die "php-fpm did not start; see $STATE/log/php-fpm.log"
}

# ---- the stack ----

cleanup() {
  trap - EXIT INT TERM
  fpm_stop
  [ -d "$STATE/run" ] && supervisor_stop 2>/dev/null
  say "stopped"
}

# bench_nginx: the reference server in the stack's nginx.conf (a server
# block of its own, included at the end of http {}), then a reload.
bench_nginx() {
  local conf=$STATE/nginx/nginx.conf
  fill "$ROOT/tools/bench/nginx.conf.in" "BENCH_PORT=$REF_PORT" "ROOT=$ROOT" "STATE=$STATE" \
    > "$STATE/nginx/bench-server.conf"
  cp -p "$conf" "$conf.shipped"
  awk -v inc="    include $STATE/nginx/bench-server.conf;" '
    { line[NR] = $0; if ($0 ~ /^}/) last = NR }
    END { for (i = 1; i <= NR; i++) { if (i == last) print inc; print line[i] } }' "$conf.shipped" > "$conf"
  nginx -t -p "$STATE/nginx" -c "$conf" -e "$STATE/log/nginx-error.log" >> "$STATE/log/bench.log" 2>&1 ||
    die "the bench's nginx.conf does not load; see $STATE/log/bench.log"
  kill -HUP "$(started_pid nginx)"
  wait_for "the reference server" 30 curl -sS -o /dev/null "$REF/" || die "the reference server does not answer"
}

sql() {
  mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root -N -B mp "$@"
}

# seed FILE NAME=VALUE...: a seeder from tools/bench/, filled in, run as
# root on the bench's database.
seed() {
  local f=$1
  shift
  fill "$ROOT/tools/bench/$f" "$@" | sql || die "seeding with $f failed"
}

# status_of URL [curl options]: the HTTP status of one request.
status_of() {
  local url=$1
  shift
  curl -sS -o /dev/null -w '%{http_code}' --max-time 60 "$@" "$url"
}

expect_200() {
  local s
  s=$(status_of "$@")
  [ "$s" = 200 ] || die "$1 answers $s, not 200"
}

# ---- measuring ----

# ticks PID...: utime + stime of the processes, in clock ticks.
ticks() {
  local total=0 pid line f
  for pid in "$@"; do
    read -r line 2>/dev/null < "/proc/$pid/stat" || continue
    read -ra f <<< "${line##*) }"
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}

# family PID: PID and its children.
family() {
  [ -n "$1" ] || return 0
  echo "$1"
  ps -o pid= --ppid "$1" 2>/dev/null
}

# cpu_now: "app db nginx" ticks so far; the app is the pool and php-fpm
# (only one of them is busy in a run).
cpu_now() {
  local app
  # shellcheck disable=SC2046 # pids, one word each
  app=$(ticks $(family "$(started_pid pool)") $(family "$(fpm_pid)"))
  # shellcheck disable=SC2046
  echo "$app $(ticks "$(started_pid mysqld)") $(ticks $(family "$(started_pid nginx)"))"
}

# settle [SECONDS]: waits (up to 10 s) until the pool, php-fpm and MariaDB
# are nearly idle (a quarter of a CPU at most), so a run does not pay for
# requests an earlier one gave up on, or for MariaDB's flushing after a seed.
settle() {
  local a b i limit=$((HZ / 20))
  read -ra a <<< "$(cpu_now)"
  for ((i = 0; i < ${1:-10} * 5; i++)); do
    sleep 0.2
    read -ra b <<< "$(cpu_now)"
    [ $((b[0] + b[1] - a[0] - a[1])) -le "$limit" ] && return 0
    a=("${b[@]}")
  done
}

# run KEY CONNS URL [wrk options...]: one wrk run of SECS seconds (10 s
# when no request finished in SECS); appends "req/s p99_ms app_ms db_ms
# nginx_ms requests errors" (CPU per request) to $RES/KEY-CONNS, one line
# per round (only the first round's for a page that slow).
run() {
  local key=$1 conns=$2 url=$3 line
  shift 3
  # a page under 10 req/s is measured once: far from any goal, and slow
  [ -s "$RES/$key-$conns" ] && awk 'END { exit !($1 < 10) }' "$RES/$key-$conns" && return 0
  line=$(measure "$key" "$conns" "$SECS" "$url" "$@")
  if [ "${line%% *}" = 0 ] && [ "$SECS" -lt 10 ]; then
    line=$(measure "$key" "$conns" 10 "$url" "$@")
  fi
  echo "$line" >> "$RES/$key-$conns"
}

# measure KEY CONNS SECONDS URL [wrk options...]: one wrk run's line.
measure() {
  local key=$1 conns=$2 secs=$3 url=$4 out before after
  shift 4
  settle
  before=$(cpu_now)
  out=$(wrk -t 2 -c "$conns" -d "${secs}s" --timeout 10s --latency "$@" "$url" 2>&1)
  after=$(cpu_now)
  printf '== %s c=%s %s\n%s\n' "$key" "$conns" "$url" "$out" >> "$STATE/log/wrk.log"
  awk -v before="$before" -v after="$after" -v hz="$HZ" '
    / requests in / { req = $1 }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "99%" {
      v = $2
      if (sub(/us$/, "", v)) p99 = v / 1000
      else if (sub(/ms$/, "", v)) p99 = v
      else if (sub(/m$/, "", v)) p99 = v * 60000
      else if (sub(/s$/, "", v)) p99 = v * 1000
    }
    /Non-2xx or 3xx responses:/ { err += $NF }
    /Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    END {
      split(before, b, " "); split(after, a, " ")
      if (req + 0 == 0) { printf "0 nan nan nan nan 0 %d\n", err; exit }
      for (i = 1; i <= 3; i++) ms[i] = (a[i] - b[i]) * 1000 / hz / req
      printf "%.1f %.2f %.3f %.3f %.3f %d %d\n", rps, p99, ms[1], ms[2], ms[3], req, err + 0
    }' <<< "$out"
}

# med KEY CONNS COLUMN: the median of a column over the rounds.
med() {
  awk -v c="$3" '$c != "nan" { print $c }' "$RES/$1-$2" 2>/dev/null | sort -g |
    awk '{ v[NR] = $1 } END {
      if (NR == 0) { print "nan"; exit }
      print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ratio KEY_A KEY_B CONNS: the median over the rounds of A's req/s over B's
# in the same round.
ratio() {
  paste -d ' ' "$RES/$1-$3" "$RES/$2-$3" 2>/dev/null |
    awk '{ if ($8 > 0) print $1 / $8; else print "nan" }' | sort -g |
    awk '$1 != "nan" { v[++n] = $1 } END {
      if (n == 0) { print "nan"; exit }
      print (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }'
}

# errors KEY CONNS: failed requests over the rounds.
errors() {
  awk '{ s += $7 } END { print s + 0 }' "$RES/$1-$2" 2>/dev/null
}

# worker_rss: "count total_kB" of the pool's workers.
worker_rss() {
  local pid n=0 kb=0 v
  for pid in $(ps -o pid= --ppid "$(started_pid pool)"); do
    [[ $(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline") == *--worker* ]] || continue
    v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    [ -n "$v" ] || continue
    n=$((n + 1))
    kb=$((kb + v))
  done
  echo "$n $kb"
}

worker_pids() {
  local pid
  for pid in $(ps -o pid= --ppid "$(started_pid pool)"); do
    [[ $(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline") == *--worker* ]] && echo "$pid"
  done | sort -n | tr '\n' ' '
}

# ---- start ----

command -v curl > /dev/null || die "curl is missing (make deps)"
[ -x "$ROOT/bin/mp-pool" ] || die "build first (make all)"
install_missing

# an earlier bench that was killed outright: its servers, by their records
if [ -d "$STATE/run" ]; then
  fpm_stop
  supervisor_stop 2>/dev/null
fi
for p in "$PORT" $((PORT + 1)) "$REF_PORT"; do
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$p/" &&
    die "something already answers on port $p; stop it or set MP_BENCH_PORT"
done
rm -rf "$STATE"
mkdir -p "$STATE/log" "$RES"
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting the stack in var/bench on port $PORT ($WORKERS workers)"
"$ROOT/tools/supervise.sh" "$STATE" "$PORT" "$WORKERS" > "$STATE/log/supervise.out" 2>&1 &
if ! supervisor_ready $! 180; then
  cat "$STATE/log/supervise.out" >&2
  die "the stack did not come up; logs are in $STATE/log/"
fi
# shellcheck disable=SC1091
. "$STATE/secrets.env"

# the product with the most prices, its category, the search
read -r PRODUCT CATEGORY <<< "$(sql -e "SELECT p.id, c.slug FROM products p
  JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id
  JOIN specs s ON s.product_id = p.id AND s.active = 1 JOIN prices pr ON pr.spec_id = s.id
  WHERE p.listed = 1 AND v.status = 'active' GROUP BY p.id, c.slug ORDER BY COUNT(*) DESC, p.id LIMIT 1")"
[ -n "${CATEGORY:-}" ] || die "no listed product with prices in the demo seed"
# shellcheck disable=SC2016 # PHP, not the shell, reads $argv
Q=$(php -r 'echo rawurlencode($argv[1]);' "$SEARCH")
declare -A PAGE=([home]="/" [category]="/categories/$CATEGORY" [product]="/products/$PRODUCT" [search]="/search?q=$Q")

# register NAME: a buyer signed up through the site's own form; prints
# its mp_session cookie.
register() {
  local jar=$STATE/$1.jar token password st session
  token=$(curl -sS -c "$jar" -b "$jar" "$BASE/register" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
  [ -n "$token" ] || token=$(curl -sS -c "$jar" -b "$jar" -H 'Accept: application/xml' "$BASE/register" |
    sed -n 's/.*csrf="\([0-9a-f]*\)".*/\1/p' | head -1)
  [ -n "$token" ] || die "no CSRF token on the register form"
  password="Bench-$(openssl rand -hex 6)-Lantern"
  st=$(status_of "$BASE/register" -c "$jar" -b "$jar" \
    --data "csrf=$token&email=$1@example.com&name=$1&password=$password&password2=$password")
  [ "$st" = 303 ] || die "registering $1: status $st"
  session=$(awk '$6 == "mp_session" { print $7 }' "$jar")
  [ -n "$session" ] || die "no mp_session cookie after registering $1"
  echo "$session"
}

# the buyer of the dynamic pages, with its first orders; the order list at
# scale is a second buyer's, who gets its orders later
COOKIE="Cookie: mp_session=$(register bench)" || exit 1
BUYER=$(sql -e "SELECT id FROM users WHERE email = 'bench@example.com'")
seed orders.sql "USER=$BUYER" "PRODUCT=$PRODUCT" FROM=1 "TO=$ORDERS_SMALL"
BIG_COOKIE="Cookie: mp_session=$(register bench-big)" || exit 1
BIG_BUYER=$(sql -e "SELECT id FROM users WHERE email = 'bench-big@example.com'")

fpm_start
bench_nginx

# the static copies: the bytes the stack serves a guest for each page
mkdir -p "$STATE/static"
chmod 755 "$STATE/static"
for page in home category product search; do
  s=$(curl -sS -o "$STATE/static/$page.html" -w '%{http_code}' "$BASE${PAGE[$page]}")
  if [ "$s" != 200 ] || [ ! -s "$STATE/static/$page.html" ]; then
    die "${PAGE[$page]} answers $s"
  fi
  chmod 644 "$STATE/static/$page.html"
  expect_200 "$REF/copies/$page.html"
done
expect_200 "$REF${PAGE[product]}"
expect_200 "$BASE${PAGE[product]}" -H "$COOKIE"
expect_200 "$BASE/orders" -H "$COOKIE"
# the PHP peer renders what the pool renders
curl -sS -o "$STATE/php/product.html" "$REF${PAGE[product]}"
if cmp -s "$STATE/php/product.html" "$STATE/static/product.html"; then
  PHP_SAME="the same bytes as the pool's"
else
  PHP_SAME="NOT the same bytes as the pool's (see var/bench/php/product.html)"
  diff <(sed 's/></>\n</g' "$STATE/static/product.html") <(sed 's/></>\n</g' "$STATE/php/product.html") \
    > "$STATE/php/product.diff"
fi
say "product ${PAGE[product]}, category ${PAGE[category]}, search ${PAGE[search]}; PHP peer's page: $PHP_SAME"

# warm every path once
for url in "${PAGE[@]}"; do
  wrk -t 2 -c 8 -d 1s "$BASE$url" > /dev/null 2>&1
done
wrk -t 2 -c 8 -d 1s -H "$COOKIE" "$BASE${PAGE[product]}" > /dev/null 2>&1
wrk -t 2 -c 8 -d 1s -H "$COOKIE" "$BASE/orders" > /dev/null 2>&1
wrk -t 2 -c 8 -d 1s "$REF${PAGE[product]}" > /dev/null 2>&1
settle
read -r MEM_N0 MEM_KB0 <<< "$(worker_rss)"
MEM_PIDS0=$(worker_pids)

# ---- 1 and 2: interleaved rounds ----

for ((r = 1; r <= ROUNDS; r++)); do
  say "round $r of $ROUNDS: the product page (pool as a guest, signed in; static copy; PHP), the order list"
  for c in "${CONNS[@]}"; do
    run c_guest "$c" "$BASE${PAGE[product]}"
    run c_dyn "$c" "$BASE${PAGE[product]}" -H "$COOKIE"
    run c_orders "$c" "$BASE/orders" -H "$COOKIE"
    run static "$c" "$REF/copies/product.html"
    run php "$c" "$REF${PAGE[product]}"
  done
  # each round starts at another page, and every other round measures the
  # static copy first: no page and no side is always measured last
  pages=(home category search)
  k=$(((r - 1) % ${#pages[@]}))
  order=("${pages[@]:k}" "${pages[@]:0:k}")
  say "round $r of $ROUNDS: ${order[*]} (pool as a guest; static copies)"
  for page in "${order[@]}"; do
    if ((r % 2)); then
      run "c_$page" 64 "$BASE${PAGE[$page]}"
      run "static_$page" 64 "$REF/copies/$page.html"
    else
      run "static_$page" 64 "$REF/copies/$page.html"
      run "c_$page" 64 "$BASE${PAGE[$page]}"
    fi
  done
done
expect_200 "$BASE/orders" -H "$COOKIE"

# ---- worker memory over 100,000 requests ----

# the signed-in requests of the rounds count (they reach the pool, whatever
# nginx caches); a mixed run makes up the rest
mem_done=$(cat "$RES"/c_dyn-* "$RES"/c_orders-* | awk '{ s += $6 } END { print s + 0 }')
say "worker memory: $mem_done signed-in requests so far; up to $MEM_REQUESTS over the product page, home, category, search, orders"
mem_until=$((SECONDS + 150))
while [ "$mem_done" -lt "$MEM_REQUESTS" ] && [ "$SECONDS" -lt "$mem_until" ]; do
  n=$(wrk -t 2 -c 16 -d 10s --timeout 10s -H "$COOKIE" -s "$ROOT/tools/bench/mixed.lua" "$BASE/" -- \
    "${PAGE[product]}" / "${PAGE[category]}" "${PAGE[search]}" /orders 2>&1 | awk '/ requests in / { print $1 }')
  mem_done=$((mem_done + ${n:-0}))
done
settle
read -r MEM_N1 MEM_KB1 <<< "$(worker_rss)"
MEM_PIDS1=$(worker_pids)
expect_200 "$BASE/orders" -H "$COOKIE"

# ---- settings: workers per CPU, nginx keeping its connections to the pool ----

# set_conf KEY VALUE: KEY = VALUE in the pool's config file (replaced, or
# added); a reload (set_workers) applies it.
set_conf() {
  if grep -q "^$1 = " "$STATE/mp.conf"; then
    sed -i "s/^$1 = .*/$1 = $2/" "$STATE/mp.conf"
  else
    echo "$1 = $2" >> "$STATE/mp.conf"
  fi
}

# set_workers N: the pool with N workers (its config file and a reload),
# once only the new generation's N workers are left.
set_workers() {
  local i old now p
  old=$(worker_pids)
  set_conf workers "$1"
  kill -HUP "$(started_pid pool)"
  for ((i = 0; i < 100; i++)); do
    sleep 0.2
    now=$(worker_pids)
    for p in $old; do
      [[ " $now " == *" $p "* ]] && continue 2
    done
    [ "$(wc -w <<< "$now")" = "$1" ] && return 0
  done
  die "the pool did not settle at $1 workers"
}

# set_keepalive on|off: the stack's nginx as shipped, or with its upstream
# keeping connections to the pool (keepalive + fastcgi_keep_conn on).
set_keepalive() {
  local conf=$STATE/nginx/nginx.conf
  if [ "$1" = on ]; then
    awk '{ print }
      /^[[:space:]]*upstream mp_pool \{/ { print "        keepalive 16;" }
      /^[[:space:]]*fastcgi_pass mp_pool;/ { print "            fastcgi_keep_conn on;" }' \
      "$conf.bench" > "$conf"
  else
    cp -p "$conf.bench" "$conf"
  fi
  nginx -t -p "$STATE/nginx" -c "$conf" -e "$STATE/log/nginx-error.log" >> "$STATE/log/bench.log" 2>&1 ||
    die "the keepalive variant of nginx.conf does not load; see $STATE/log/bench.log"
  kill -HUP "$(started_pid nginx)"
  sleep 1
}

SHIPPED_WORKERS=$WORKERS
SETTINGS=("w1:$((CPUS))" "w2:$((2 * CPUS))" "w4:$((4 * CPUS))" "ka:$SHIPPED_WORKERS")
cp -p "$STATE/nginx/nginx.conf" "$STATE/nginx/nginx.conf.bench"
for ((r = 1; r <= ROUNDS; r++)); do
  say "round $r of $ROUNDS: settings (workers per CPU 1, 2, 4; nginx keeping connections to the pool)"
  for setting in "${SETTINGS[@]}"; do
    set_workers "${setting#*:}"
    [ "${setting%%:*}" = ka ] && set_keepalive on
    wrk -t 2 -c 8 -d 1s -H "$COOKIE" "$BASE${PAGE[product]}" > /dev/null 2>&1
    for c in 32 64; do
      run "set_${setting%%:*}" "$c" "$BASE${PAGE[product]}" -H "$COOKIE"
    done
    [ "${setting%%:*}" = ka ] && set_keepalive off
  done
done
set_workers "$SHIPPED_WORKERS"
expect_200 "$BASE${PAGE[product]}" -H "$COOKIE"

# ---- 3: scale ----

# what scales with the catalog is the database's part: the workers send
# every catalog query to it here, rather than answering the same page
# from what they keep
set_conf keep_catalog_reads off
set_workers "$SHIPPED_WORKERS"
say "scale: the demo catalog (signed in: no shared cache; workers keep no catalog reads)"
LISTED0=$(sql -e "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id
  WHERE p.listed = 1 AND v.status = 'active'")
for ((r = 1; r <= ROUNDS; r++)); do
  for page in home category search; do
    run "small_$page" "$SCALE_CONNS" "$BASE${PAGE[$page]}" -H "$COOKIE"
  done
done
say "seeding $PRODUCTS_BIG listed products, and $ORDERS_BIG orders for a second buyer"
seed products.sql "ADD=$((PRODUCTS_BIG - LISTED0))"
seed orders.sql "USER=$BIG_BUYER" "PRODUCT=$PRODUCT" "FROM=$((ORDERS_SMALL + 1))" "TO=$((ORDERS_SMALL + ORDERS_BIG))"
sql -e "ANALYZE TABLE products, orders" > /dev/null
settle 30
LISTED1=$(sql -e "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id
  WHERE p.listed = 1 AND v.status = 'active'")
ORDERS0=$(sql -e "SELECT COUNT(*) FROM orders WHERE user_id = $BUYER")
ORDERS1=$(sql -e "SELECT COUNT(*) FROM orders WHERE user_id = $BIG_BUYER")
for page in home category search; do
  expect_200 "$BASE${PAGE[$page]}" -H "$COOKIE"
done
expect_200 "$BASE/orders" -H "$BIG_COOKIE"
say "scale: $LISTED1 listed products; order lists of $ORDERS0 and $ORDERS1 orders, interleaved"
for ((r = 1; r <= ROUNDS; r++)); do
  for page in home category search; do
    run "big_$page" "$SCALE_CONNS" "$BASE${PAGE[$page]}" -H "$COOKIE"
  done
  run small_orders "$SCALE_CONNS" "$BASE/orders" -H "$COOKIE"
  run big_orders "$SCALE_CONNS" "$BASE/orders" -H "$BIG_COOKIE"
done
expect_200 "$BASE/orders" -H "$COOKIE"
expect_200 "$BASE/orders" -H "$BIG_COOKIE"

# ---- the table ----

# row LABEL KEY CONNS RATIO_TEXT: one line of the table.
row() {
  local rps p99 app db ngx err total
  rps=$(med "$2" "$3" 1)
  p99=$(med "$2" "$3" 2)
  app=$(med "$2" "$3" 3)
  db=$(med "$2" "$3" 4)
  ngx=$(med "$2" "$3" 5)
  err=$(errors "$2" "$3")
  total=$(awk -v a="$app" -v b="$db" -v c="$ngx" 'BEGIN { if (a == "nan") print "nan"; else printf "%.3f", a + b + c }')
  printf '%-44s %5s %9.0f %8.2f   %5.2f+%4.2f+%4.2f = %5.2f   %s%s\n' "$1" "$3" "$rps" "$p99" "$app" "$db" "$ngx" \
    "$total" "$4" "$( [ "${err:-0}" = 0 ] || echo " ($err failed)")"
}

x() { # x NUMBER: "0.85×"
  awk -v v="$1" 'BEGIN { if (v == "nan") print "n/a"; else printf "%.2f×", v }'
}

cpu() { # cpu SMALL_KEY BIG_KEY: the same, in CPU ms per request (app + MariaDB + nginx)
  awk -v a="$(med_total "$1")" -v b="$(med_total "$2")" \
    'BEGIN { if (a == "nan" || b == "nan" || a <= 0) print "nan"; else print b / a }'
}

med_total() { # med_total KEY: the median CPU ms per request at SCALE_CONNS
  awk '$3 != "nan" { print $3 + $4 + $5 }' "$RES/$1-$SCALE_CONNS" 2>/dev/null | sort -g |
    awk '{ v[NR] = $1 } END {
      if (NR == 0) { print "nan"; exit }
      print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

cost() { # cost SMALL_KEY BIG_KEY: the big catalog's cost per request over the small one's
  awk -v a="$(med "$1" "$SCALE_CONNS" 1)" -v b="$(med "$2" "$SCALE_CONNS" 1)" \
    'BEGIN { if (a == "nan" || b == "nan" || b <= 0) print "nan"; else print a / b }'
}

echo
echo "make bench: $WORKERS pool workers, $WORKERS php-fpm children, $(nproc) CPUs; $ROUNDS interleaved rounds of ${SECS} s runs per line, medians"
echo "product ${PAGE[product]}, category ${PAGE[category]}, search ${PAGE[search]} (\"$SEARCH\"); the PHP peer's page is $PHP_SAME"
echo "CPU ms per request = app (the pool or php-fpm) + MariaDB + nginx, from /proc utime+stime over each run;"
echo "ratio: req/s over the reference's in the same round (median); cost: req/s at the small size over the big size's"
echo
printf '%-44s %5s %9s %8s   %-24s   %s\n' "page" "conns" "req/s" "p99 ms" "CPU ms/req app+db+nginx" "ratio"
for c in "${CONNS[@]}"; do
  row "product, guest, as shipped" c_guest "$c" "$(x "$(ratio c_guest static "$c")") static"
  row "product, signed in (no shared cache)" c_dyn "$c" "$(x "$(ratio c_dyn php "$c")") PHP"
  row "orders, signed in" c_orders "$c" "$(x "$(ratio c_orders php "$c")") PHP"
  row "product, static copy" static "$c" ""
  row "product, PHP peer (php-fpm, PDO)" php "$c" ""
done
for c in 32 64; do
  row "product, signed in, $CPUS workers (1 per CPU)" set_w1 "$c" "$(x "$(ratio set_w1 set_w2 "$c")") shipped"
  row "product, signed in, $((2 * CPUS)) workers (2 per CPU, shipped)" set_w2 "$c" ""
  row "product, signed in, $((4 * CPUS)) workers (4 per CPU)" set_w4 "$c" "$(x "$(ratio set_w4 set_w2 "$c")") shipped"
  row "product, signed in, nginx keepalive to the pool" set_ka "$c" "$(x "$(ratio set_ka set_w2 "$c")") shipped"
done
for page in home category search; do
  row "$page, guest, as shipped" "c_$page" 64 "$(x "$(ratio "c_$page" "static_$page" 64)") static"
  row "$page, static copy" "static_$page" 64 ""
done
for page in home category search; do
  row "$page, signed in, $LISTED0 products" "small_$page" "$SCALE_CONNS" ""
  row "$page, signed in, $LISTED1 products" "big_$page" "$SCALE_CONNS" \
    "cost $(x "$(cost "small_$page" "big_$page")") (CPU $(x "$(cpu "small_$page" "big_$page")"))"
done
row "orders, buyer with $ORDERS0 orders" small_orders "$SCALE_CONNS" ""
row "orders, buyer with $ORDERS1 orders" big_orders "$SCALE_CONNS" \
  "cost $(x "$(ratio small_orders big_orders "$SCALE_CONNS")") (CPU $(x "$(cpu small_orders big_orders)"))"
MEM_RATIO=$(awk -v a="$MEM_KB0" -v b="$MEM_KB1" 'BEGIN { if (a > 0) print b / a; else print "nan" }')
printf 'pool workers RSS before and after %d signed-in requests: %d workers %.1f MB -> %d workers %.1f MB (%s)%s\n' "$mem_done" "$MEM_N0" \
  "$(awk -v k="$MEM_KB0" 'BEGIN { print k / 1024 }')" "$MEM_N1" "$(awk -v k="$MEM_KB1" 'BEGIN { print k / 1024 }')" \
  "$(x "$MEM_RATIO")" "$( [ "$MEM_PIDS0" = "$MEM_PIDS1" ] || echo "; workers were replaced meanwhile")"

# ---- the goals ----

# min/max over numbers ("nan" counts as failing)
worst() { # worst min|max NUMBER...
  local how=$1
  shift
  printf '%s\n' "$@" | awk -v how="$how" '
    $1 == "nan" { bad = 1; next }
    { if (n++ == 0 || (how == "min" && $1 < v) || (how == "max" && $1 > v)) v = $1 }
    END { if (bad || n == 0) print "nan"; else print v }'
}
met() { # met EXPR: "met" when the awk expression holds
  awk "BEGIN { exit !($1) }" && echo met || echo "NOT MET"
}

g1=$(worst min "$(ratio c_guest static 64)" "$(ratio c_home static_home 64)" "$(ratio c_category static_category 64)" \
  "$(ratio c_search static_search 64)")
p1=$(worst max "$(med c_guest 64 2)" "$(med c_home 64 2)" "$(med c_category 64 2)" "$(med c_search 64 2)")
g2=$(worst min "$(ratio c_dyn php 32)" "$(ratio c_orders php 32)")
g3=$(worst max "$(cost small_home big_home)" "$(cost small_category big_category)" "$(cost small_search big_search)")
g3o=$(ratio small_orders big_orders "$SCALE_CONNS")
# a setting counts as faster only with a p99 no worse than 1.5x the
# shipped one's: more requests per second bought with a tail of seconds
# (nginx's kept connections waiting on busy workers) is not faster
faster() { # faster KEY CONNS: KEY's req/s over the shipped one's, or 0 for a worse tail
  awk -v r="$(ratio "$1" set_w2 "$2")" -v p="$(med "$1" "$2" 2)" -v s="$(med set_w2 "$2" 2)" \
    'BEGIN { if (r == "nan" || p == "nan" || s == "nan") print "nan"; else print (p <= 1.5 * s) ? r : 0 }'
}
g4=$(worst max "$(faster set_w1 32)" "$(faster set_w4 32)" "$(faster set_ka 32)" \
  "$(faster set_w1 64)" "$(faster set_w4 64)" "$(faster set_ka 64)")
echo
printf 'goals: 1 catalog pages as shipped / static %s (≥ 0.8×), p99 %s ms (< 20) at 64 connections: %s; ' \
  "$(x "$g1")" "$p1" "$(met "\"$g1\" != \"nan\" && $g1 + 0 >= 0.8 && \"$p1\" != \"nan\" && $p1 + 0 < 20")"
printf '2 dynamic pages / PHP %s (≥ 2×) at 32 connections: %s; ' \
  "$(x "$g2")" "$(met "\"$g2\" != \"nan\" && $g2 + 0 >= 2")"
printf '3 cost at %d products %s (≤ 1.5×), at %d orders %s (≤ 1.2×): %s; ' "$LISTED1" "$(x "$g3")" "$ORDERS1" \
  "$(x "$g3o")" "$(met "\"$g3\" != \"nan\" && $g3 + 0 <= 1.5 && \"$g3o\" != \"nan\" && $g3o + 0 <= 1.2")"
printf '4 settings: the best other with no worse tail / shipped %s (≤ 1.03×): %s; ' "$(x "$g4")" \
  "$(met "\"$g4\" != \"nan\" && $g4 + 0 <= 1.03")"
printf 'worker memory after %d requests %s (≤ 1.1×, %d requests): %s\n' "$mem_done" "$(x "$MEM_RATIO")" \
  "$MEM_REQUESTS" "$(met "\"$MEM_RATIO\" != \"nan\" && $MEM_RATIO + 0 <= 1.1 && $mem_done >= $MEM_REQUESTS")"
say "done; wrk's output is in var/bench/log/wrk.log"
