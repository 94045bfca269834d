#!/usr/bin/env bash
# The pool survives what production throws at it: a worker killed, a
# reload under load, a database restart, and a graceful stop.
. "$ROOT/tests/lib.sh"
HARD_RELOAD=1 # the app's own answers, past nginx's copy of guests' pages (t52_cache)

count_workers() { pool_workers | wc -w; }
# a reload just before (an earlier story's) leaves the old generation
# finishing for a moment, and the new one loading its stylesheets: start
# from one generation, the workers and the scheduler, all of them ready
settled=$(($(sed -n 's/^workers = //p' "$STATE/mp.conf") + 1))
one_generation() {
  wait_for "one generation of the pool's children, ready" 60 pool_settled "$settled"
}
check "one generation of the pool's children, every one ready" one_generation
n=$(count_workers)
check "one generation: the workers and the scheduler ($n)" test "$n" = "$settled"
check "pool runs its workers ($n)" test "$n" -ge 2

# A worker killed with SIGKILL is replaced and requests keep succeeding.
victim=$(pool_workers | awk '{print $1}')
kill -KILL "$victim"
wait_for "a replacement worker" 10 bash -c "[ \$(ps -o pid= --ppid $(started_pid pool) | wc -l) = $n ] && ! ps -o pid= --ppid $(started_pid pool) | grep -qw $victim"
check "killed worker replaced" test "$(count_workers)" = "$n"
check "killed worker gone" bash -c "! ps -o pid= --ppid $(started_pid pool) | grep -qw $victim"
ok=0
for i in $(seq 1 20); do get /; [ "$STATUS" = 200 ] && ok=$((ok + 1)); done
check "20 requests after the kill all succeed ($ok)" test "$ok" = 20
check "the death is logged" grep -q "worker $victim exited (signal 9)" "$STATE/log/pool.log"

# SIGHUP: a new generation of workers, no request dropped meanwhile.
before=$(pool_workers)
( for i in $(seq 1 150); do curl -s -o /dev/null -w '%{http_code}\n' "$BASE/products/4"; done > "$OUT/during-reload" ) &
loader=$!
sleep 0.3
kill -HUP "$(started_pid pool)"
wait $loader
# the new generation in place and every old child gone
wait_for "new workers" 30 bash -c "kids=\$(ps -o pid= --ppid $(started_pid pool)); [ \$(wc -l <<< \"\$kids\") = $settled ] &&
  ! comm -12 <(tr ' ' '\n' <<< '$before' | grep . | sort) <(tr -d ' ' <<< \"\$kids\" | sort) | grep -q ."
after=$(pool_workers)
check "reload replaced every worker" bash -c "! comm -12 <(tr ' ' '\n' <<<'$before' | grep . | sort) <(tr ' ' '\n' <<<'$after' | grep . | sort) | grep -q ."
check "150 requests during the reload all succeed" test "$(grep -c '^200$' "$OUT/during-reload")" = 150
check "reload logged" grep -q 'reloaded: generation' "$STATE/log/pool.log"

# A broken stylesheet is refused on reload: the old workers keep serving.
# Every worker has loaded its views first: one still starting would find
# the broken stylesheet, exit and be replaced.
check "one generation of the pool's children, every one ready" one_generation
before=$(pool_workers)
cp "$ROOT/xslt/home.xsl" "$OUT/home.xsl.bak"
trap 'cp "$OUT/home.xsl.bak" "$ROOT/xslt/home.xsl"' EXIT
echo '<broken' >> "$ROOT/xslt/home.xsl"
refusals=$(grep -c 'reload refused' "$STATE/log/pool.log")
kill -HUP "$(started_pid pool)"
wait_for "the refusal" 15 bash -c "[ \$(grep -c 'reload refused' '$STATE/log/pool.log') -gt $refusals ]"
cp "$OUT/home.xsl.bak" "$ROOT/xslt/home.xsl"
trap - EXIT # restored: copying it again later would race a starting worker
check "reload with a broken stylesheet refused" test "$(grep -c 'reload refused' "$STATE/log/pool.log")" -gt "$refusals"
after=$(pool_workers)
check "old workers kept ($before / $after)" test "$after" = "$before"
get /
expect_status 200 "still serving after a refused reload"

# MariaDB goes away: a quick 503 with Retry-After, then recovery.
db_stop
start=$(date +%s%N)
get /
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
expect_status 503 "database down"
expect_header Retry-After '^[0-9]+$' "503 says when to retry"
expect_html "503 page"
expect_body '服务暂时不可用' "503 page explains"
check "503 answers without hanging (${elapsed} ms)" test "$elapsed" -lt 10000
xget /products/4
expect_status 503 "database down, XML"
expect_xpath '/error/@code' unavailable "XML 503 code"
db_start
ok=0
for i in $(seq 1 12); do get /products/4; [ "$STATUS" = 200 ] && ok=$((ok + 1)); done
check "after the restart every worker reconnects ($ok of 12)" test "$ok" -ge 11
get /categories/finance
expect_status 200 "prepared statements re-prepared after the restart"

# The database restarts while connections are idle: the next request
# reconnects transparently (no 503 at all).
sleep 1
db_stop
db_start
ok=0
for i in $(seq 1 12); do get /search?q=crm; [ "$STATUS" = 200 ] && ok=$((ok + 1)); done
check "idle connections recover without errors ($ok of 12)" test "$ok" = 12

# SIGTERM: the pool stops, its socket and pid file go; then it comes back.
pool_pid=$(started_pid pool)
kill -TERM "$pool_pid"
wait_for "the pool to stop" 40 bash -c "! kill -0 $pool_pid"
check "pool stopped on SIGTERM" bash -c "! kill -0 $pool_pid 2>/dev/null"
check "socket removed" test ! -e "$STATE/run/pool.sock"
check "no worker left behind" bash -c "! pgrep -P $pool_pid"
get /
expect_status 502 "nginx reports the pool gone"
pool_start
get /
expect_status 200 "pool back"

done_testing
