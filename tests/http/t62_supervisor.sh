#!/usr/bin/env bash
# The supervisor keeps the site up: MariaDB, the pool and nginx each killed
# with SIGKILL come back while the others keep serving, with nothing
# committed lost; SIGHUP resizes the pool; and a stop under load lets every
# request in flight finish before the servers go, in order.
. "$ROOT/tests/lib.sh"
HARD_RELOAD=1 # the app's own answers, past nginx's copy of guests' pages (t52_cache)

SLOG="$STATE/log/supervisor.log"
check "the test stack runs under its supervisor" proc_alive "$(started_pid supervisor)"
for name in mysqld pool nginx; do
  pid=$(started_pid "$name")
  check "$name leads a process group of its own" test "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid"
done

# ---- MariaDB killed: 503 with Retry-After meanwhile, then back, data kept ----
as_buyer survivor
users_before=$(sql "SELECT COUNT(*) FROM users")
old=$(started_pid mysqld)
start=$(date +%s%N)
kill -KILL "$old"
get /
expect_status 503 "home page while MariaDB is down"
expect_header Retry-After '^[0-9]+$' "the 503 says when to retry"
wait_page / 90
recovery_ms=$((($(date +%s%N) - start) / 1000000))
echo "$T_NAME: recovery after a SIGKILL of mysqld: ${recovery_ms} ms from the kill to the first 200"
expect_status 200 "home page once MariaDB is back"
new=$(wait_restarted mysqld "$old" 10)
check "mysqld restarted under a new pid ($old -> $new)" test -n "$new"
check "the death is logged" grep -q "mysqld (pid $old) died" "$SLOG"
check "the restart is logged" grep -q "restarted mysqld: pid $new" "$SLOG"
check "log lines carry a time stamp" grep -qE "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ supervisor: restarted mysqld" "$SLOG"
check "no user lost ($users_before)" test "$(sql "SELECT COUNT(*) FROM users")" = "$users_before"
JAR="$OUT/jar-signin"
rm -f "$JAR"
post /login "csrf=$(csrf)&email=$EMAIL&password=$PASSWORD"
expect_status 303 "the buyer registered before the kill signs in"
get /account -b "$JAR"
expect_status 200 "their account page"

# ---- the pool's master killed: a new pool, pages again ----
old=$(started_pid pool)
old_workers=$(pool_workers)
kill -KILL "$old"
new=$(wait_restarted pool "$old" 20)
check "pool restarted under a new pid ($old -> $new)" test -n "$new"
wait_page /products/4 30
expect_status 200 "a product page with the new pool"
left=0
for p in $old_workers; do proc_alive "$p" && left=$((left + 1)); done
check "the old pool's workers are gone ($left left)" test "$left" = 0
check "the pool's death is logged" grep -q "pool (pid $old) died" "$SLOG"

# ---- nginx's master killed: its orphaned workers go, a new nginx serves ----
old=$(started_pid nginx)
check "nginx has workers in its group" test "$(group_members "$old" | wc -l)" -ge 2
kill -KILL "$old"
new=$(wait_restarted nginx "$old" 20)
check "nginx restarted under a new pid ($old -> $new)" test -n "$new"
wait_page / 30
expect_status 200 "home page through the new nginx"
check "no worker of the old nginx left" test -z "$(group_members "$old")"
check "nginx's death is logged" grep -q "nginx (pid $old) died" "$SLOG"

# ---- SIGHUP with a changed workers count ----
count_workers() { pool_workers | wc -w; } # the scheduler is a child too: workers + 1
workers_was=$(sed -n 's/^workers = //p' "$STATE/mp.conf")
cp "$STATE/mp.conf" "$OUT/mp.conf.bak"
restore_conf() { cp "$OUT/mp.conf.bak" "$STATE/mp.conf"; }
trap restore_conf EXIT
# generation WORKERS OLD: WORKERS workers and the scheduler run, none of
# them among the pids OLD
generation() {
  local now p
  now=$(pool_workers)
  pool_settled $(($1 + 1)) || return 1
  for p in $2; do [[ " $now " == *" $p "* ]] && return 1; done
  return 0
}
# resize WORKERS: sets workers in the config, sends SIGHUP and waits for the
# old generation to be gone and the new one at full strength
resize() {
  local before
  before=$(pool_workers)
  sed -i "s/^workers = .*/workers = $1/" "$STATE/mp.conf"
  kill -HUP "$(started_pid pool)"
  wait_for "workers = $1" 30 generation "$1" "$before"
}
resize $((workers_was + 3))
check "after a HUP with workers = $((workers_was + 3)), as many workers run ($(count_workers) children)" \
  test "$(count_workers)" = $((workers_was + 4))
check "the change is logged" grep -q "reload: workers $workers_was -> $((workers_was + 3))" "$STATE/log/pool.log"
(for i in $(seq 1 100); do curl -s -o /dev/null -w '%{http_code}\n' "$BASE/products/4"; done > "$OUT/during-shrink") &
loader=$!
sleep 0.2
resize $((workers_was - 1))
wait $loader
check "after a HUP with workers = $((workers_was - 1)), the extra workers are retired ($(count_workers) children)" \
  test "$(count_workers)" = "$workers_was"
check "100 requests while the pool shrinks all succeed" test "$(grep -c '^200$' "$OUT/during-shrink")" = 100
restore_conf
resize "$workers_was"
check "back to $workers_was workers" test "$(count_workers)" = $((workers_was + 1))

# ---- a second stack, stopped under load: every request in flight answered ----
SUP_STATE="$STATE/sup"
SUP_BASE="http://127.0.0.1:$((PORT + 20))"
rm -rf "$SUP_STATE"
SANDBOX_PORT=$((PORT + 21)) "$ROOT/tools/supervise.sh" "$SUP_STATE" $((PORT + 20)) 2 30 > "$OUT/sup.out" 2>&1 &
sup=$!
trap 'restore_conf; STATE=$SUP_STATE supervisor_stop 2>/dev/null' EXIT
if STATE=$SUP_STATE supervisor_ready "$sup" 180; then pass; else
  fail "the second stack did not come up: $(tail -5 "$OUT/sup.out")"
fi
check "its supervisor recorded itself" test "$(STATE=$SUP_STATE started_pid supervisor)" = "$sup"
declare -A spid=()
for name in mysqld pool nginx; do spid[$name]=$(STATE=$SUP_STATE started_pid "$name"); done
nginx_group=$(group_members "${spid[nginx]}" | paste -sd' ')

# 20 sign-ups whose forms curl uploads at 40 bytes a second: each takes a
# few seconds to arrive, and the stop comes while all are still uploading
site=$BASE
BASE=$SUP_BASE
curls=()
for i in $(seq 1 20); do
  jar="$OUT/jar-slow-$i"
  rm -f "$jar" "$OUT/slow-$i"
  form="csrf=$(csrf "$jar")&email=slow-$i-$RANDOM@example.com&name=slow&password=$PASSWORD&password2=$PASSWORD"
  curl -s -o /dev/null -w '%{http_code}\n' --max-time 120 --limit-rate 40 -b "$jar" --data "$form" \
    "$SUP_BASE/register" > "$OUT/slow-$i" 2>/dev/null &
  curls+=($!)
done
BASE=$site
sleep 1
running=0
for c in "${curls[@]}"; do kill -0 "$c" 2>/dev/null && running=$((running + 1)); done
check "20 requests in flight when the stop begins ($running)" test "$running" = 20
kill -TERM "$sup"
wait "${curls[@]}"
answered=$(cat "$OUT"/slow-* | grep -c '^303$' || true)
check "all 20 answered by the application, none cut off ($(cat "$OUT"/slow-* | sort | uniq -c | tr '\n' ' '))" \
  test "$answered" = 20
wait "$sup"
check "the supervisor exits 0 after the stop" test $? = 0
for name in mysqld pool nginx; do
  check "$name (pid ${spid[$name]}) is gone" bash -c "! kill -0 ${spid[$name]} 2>/dev/null"
done
left=0
for p in $nginx_group; do proc_alive "$p" && left=$((left + 1)); done
check "nginx's master and workers are gone ($nginx_group)" test "$left" = 0
order=$(grep -oE 'stopping (nginx|pool|mysqld)' "$SUP_STATE/log/supervisor.log" | awk '{print $2}' | paste -sd' ')
check "stopped in order: nginx, pool, MariaDB ($order)" test "$order" = "nginx pool mysqld"
check "nothing restarted during the stop" bash -c "! sed -n '/stop requested/,\$p' '$SUP_STATE/log/supervisor.log' | grep -q 'restarted\|died'"
check "nginx left when it was told (no KILL)" bash -c "! grep -q 'killing it' '$SUP_STATE/log/supervisor.log'"
check "no record left behind" bash -c "! ls '$SUP_STATE'/run/*.started 2>/dev/null | grep -q ."

# ---- the main stack stays up for the stories after this one ----
for name in mysqld pool nginx; do check "$name still runs" proc_alive "$(started_pid "$name")"; done
get /
expect_status 200 "home page at the end"

done_testing
