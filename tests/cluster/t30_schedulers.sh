#!/usr/bin/env bash
# Two schedulers, one per pool host, sweep the same database: each sweep
# runs under its committed lease row (sweep_lease), so one scheduler runs it
# each round, and each stale order is cancelled exactly once (one
# cancellation, one order.cancelled event, counted once in the pool
# hosts' logs). When the lease's holder dies, another scheduler takes the
# lease over once it expires, and the stale orders still go exactly once.
. "$ROOT/tests/cluster/lib.sh"

interval=$(sed -n 's/^sweep_interval = //p' "$STATE/mp.conf")
lease_s=$((3 * interval + 5))
product=$(sql "SELECT p.id FROM products p WHERE p.listed = 1 AND p.delivery_mode = 'auto' ORDER BY p.price_from_cents, p.id LIMIT 1")

schedulers() { # the running schedulers' pids, one line
  local h
  for h in a b; do ps -o pid=,args= --ppid "$(started_pid "pool-$h")" | awk '/--scheduler/ { print $1 }'; done |
    sort -n | tr '\n' ' '
}
check "a scheduler runs on each pool host ($(schedulers))" test "$(wc -w <<<"$(schedulers)")" = 2

# stale N FILE: N new unpaid orders of one buyer, their pay-by moved into
# the past; their numbers in FILE
stale() {
  local i list=""
  as_buyer "stale$RANDOM"
  : > "$2"
  for ((i = 0; i < $1; i++)); do
    order "$product"
    echo "$ORDER_NO" >> "$2"
    list+="${list:+,}'$ORDER_NO'"
  done
  sql "UPDATE orders SET pay_by = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE order_no IN ($list)"
}

# cancelled FILE: how many of FILE's orders the scheduler cancelled
cancelled() {
  sql "SELECT COUNT(*) FROM orders WHERE order_no IN ($(sed "s/.*/'&'/" "$1" | paste -sd,))
       AND status = 'cancelled' AND cancel_reason = 'timeout'"
}

# once FILE: FILE's orders each with exactly one order.cancelled event
once() {
  sql "SELECT COUNT(*) FROM orders o WHERE o.order_no IN ($(sed "s/.*/'&'/" "$1" | paste -sd,)) AND
       (SELECT COUNT(*) FROM events e WHERE e.order_id = o.id AND e.type = 'order.cancelled') = 1"
}

# swept SINCE_A SINCE_B: the orders the pool hosts' logs say they cancelled
# after those line counts
swept() {
  { tail -n +"$(($1 + 1))" "$STATE/log/pool-a.log"; tail -n +"$(($2 + 1))" "$STATE/log/pool-b.log"; } |
    sed -n 's/.*sweep unpaid-orders: \([0-9]*\)$/\1/p' | awk '{ n += $1 } END { print n + 0 }'
}

# wait_cancelled FILE N SECONDS
wait_cancelled() {
  local i
  for ((i = 0; i < $3 * 5; i++)); do
    [ "$(cancelled "$1")" = "$2" ] && return 0
    sleep 0.2
  done
  return 1
}

# ---- both schedulers running ----
mark_a=$(wc -l < "$STATE/log/pool-a.log")
mark_b=$(wc -l < "$STATE/log/pool-b.log")
stale 12 "$OUT/first"
check "12 stale orders cancelled within $((2 * interval + 3))s" wait_cancelled "$OUT/first" 12 $((2 * interval + 3))
check "each cancelled exactly once (one order.cancelled event each)" test "$(once "$OUT/first")" = 12
sleep "$interval"
check "the two hosts' logs count 12 cancellations between them ($(swept "$mark_a" "$mark_b"))" \
  test "$(swept "$mark_a" "$mark_b")" = 12

# ---- the lease holder dies ----
owner=$(sql "SELECT owner FROM sweep_lease WHERE name = 'unpaid-orders'")
holder=${owner##*:}
check "the unpaid-orders lease is held by one of them ($owner)" grep -qw "$holder" <<<"$(schedulers)"
mark_a=$(wc -l < "$STATE/log/pool-a.log")
mark_b=$(wc -l < "$STATE/log/pool-b.log")
kill -KILL "$holder"
killed=$(now_ms)
stale 6 "$OUT/second"
check "6 stale orders cancelled within the lease and two rounds ($((lease_s + 2 * interval + 3))s)" \
  wait_cancelled "$OUT/second" 6 $((lease_s + 2 * interval + 3))
taken=$(now_ms)
new_owner=$(sql "SELECT owner FROM sweep_lease WHERE name = 'unpaid-orders'")
check "another scheduler holds the lease now ($new_owner)" test "${new_owner##*:}" != "$holder"
check "each cancelled exactly once" test "$(once "$OUT/second")" = 6
sleep "$interval"
check "the logs count 6 cancellations ($(swept "$mark_a" "$mark_b"))" test "$(swept "$mark_a" "$mark_b")" = 6
check "two schedulers again (the dead one replaced by its pool master: $(schedulers))" \
  test "$(wc -w <<<"$(schedulers)")" = 2
echo "$T_NAME: the lease's holder killed: its stale orders were cancelled $(( (taken - killed) / 1000 ))s later (lease ${lease_s}s)"

done_testing
