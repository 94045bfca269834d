#!/usr/bin/env bash
# Faults under load. Guests and buyers read, four buyers submit and pay
# orders, a partner reads its event feed, all through nginx, for LOAD_S
# seconds; meanwhile:
#   1. one pool host is killed with SIGKILL (master, workers, scheduler, as
#      when its machine dies): every GET is still answered (nginx sends it
#      to the other host), no submission or payment is applied twice, the
#      supervisor restarts the host;
#   2. the writer Galera node is killed with SIGKILL: writes go on through
#      the next node of db_hosts within a bound (WRITE_PAUSE_MAX_MS), no
#      acknowledged order or payment is lost, every balance equals its
#      ledger; the node rejoins by IST (--wsrep-recover, then
#      --wsrep-start-position) and the pool hosts move back to it.
# The partner's feed stays gap-free and in order across both. A submission
# or payment answered 502/503/504 (or not at all) is sent again with the
# same form, as a buyer's reload would; the counts per fault are printed.
. "$ROOT/tests/cluster/lib.sh"

LOAD_S=${LOAD_S:-55}
KILL_HOST_AT=8
KILL_NODE_AT=22
WRITE_PAUSE_MAX_MS=${WRITE_PAUSE_MAX_MS:-12000}
REJOIN_MAX_S=${REJOIN_MAX_S:-90}

product=$(sql "SELECT p.id FROM products p WHERE p.listed = 1 AND p.delivery_mode = 'auto' ORDER BY p.price_from_cents, p.id LIMIT 1")
vendor=$(sql "SELECT v.slug FROM vendors v JOIN products p ON p.vendor_id = v.id WHERE p.id = $product")
vendor_id=$(sql "SELECT vendor_id FROM products WHERE id = $product")
read -r spec period _ <<<"$(offer "$product")"
category=$(sql "SELECT c.slug FROM categories c JOIN products p ON p.category_id = c.id WHERE p.id = $product")
sql "UPDATE partner_keys SET status = 'revoked', revoked_at = UTC_TIMESTAMP(6) WHERE vendor_id = $vendor_id AND status = 'active'"
partner_key "$vendor"
buyers_for_load 4 "$OUT/buyers"
feed_after=$(sql "SELECT COALESCE(MAX(seq), 0) FROM events WHERE vendor_id = $vendor_id")
nginx_mark=$(wc -l < "$STATE/log/nginx-access.log")
LOG=$OUT/load.log

BUYERS=$OUT/buyers PRODUCT=$product SPEC=$spec PERIOD=$period PARTNER_KEY=$KEY_ID PARTNER_SECRET=$SECRET \
  FEED_AFTER=$feed_after READ_PATHS="/ /products/$product /categories/$category /search?q=cloud /login" \
  node "$ROOT/tests/cluster/load.mjs" "$BASE" "$LOAD_S" "$LOG" > "$OUT/load.out" 2>&1 &
load=$!
t0=$(now_ms)

# ---- 1. a pool host dies: the one whose scheduler holds the unpaid-orders lease ----
sleep "$KILL_HOST_AT"
owner=$(sql "SELECT owner FROM sweep_lease WHERE name = 'unpaid-orders'")
host=$(host_of "${owner##*:}") || host=a
victim=$(started_pid "pool-$host")
kill_host=$(now_ms)
kill -KILL -- "-$victim"
check "pool host $host (pid $victim) and its workers are gone" \
  wait_for "pool host $host to die" 5 bash -c "! ps -e -o pgid= | grep -qw $victim"
new=$(wait_restarted "pool-$host" "$victim" 20)
check "the supervisor restarted pool host $host (pid ${new:-none})" test -n "$new"
check "the supervisor logged the death" grep -q "pool-$host (pid $victim) died (signal 9)" "$STATE/log/supervisor.log"

# ---- 2. the writer node dies ----
left=$((KILL_NODE_AT - ($(now_ms) - t0) / 1000))
[ "$left" -gt 0 ] && sleep "$left"
writer=$(writers)
check "one writer node before the kill ($writer)" test "$writer" = 1
node_pid=$(started_pid node1)
kill_node=$(now_ms)
kill -KILL "$node_pid"
new_node=$(wait_restarted node1 "$node_pid" 20)
check "the supervisor restarted node 1 (pid ${new_node:-none})" test -n "$new_node"
rejoined=""
for ((i = 0; i < REJOIN_MAX_S * 5; i++)); do
  synced 1 && rejoined=$(now_ms) && break
  sleep 0.2
done
check "node 1 rejoined within ${REJOIN_MAX_S}s" test -n "$rejoined"
# its log since the restart: what it missed came by IST, no full copy
restart_line=$(grep -n "cluster: node1 recovered position" "$STATE/log/node1.log" | tail -1 | cut -d: -f1)
tail -n +"${restart_line:-1}" "$STATE/log/node1.log" > "$OUT/node1-rejoin.log"
check "node 1 recovered its position (--wsrep-recover) before it started" test -n "$restart_line"
check "node 1 was started at that position (--wsrep-start-position)" \
  grep -q "initial position: .*:[0-9]" "$OUT/node1-rejoin.log"
check "node 1 received what it missed by IST" grep -q "IST received" "$OUT/node1-rejoin.log"
check "node 1 needed no full state transfer (SST)" bash -c "! grep -q 'rsync SST completed on joiner' '$OUT/node1-rejoin.log'"
if ! grep -q "IST received" "$OUT/node1-rejoin.log"; then # how it rejoined instead
  grep -E "WSREP_SST|IST|SST|position|[Dd]onor|ERROR" "$OUT/node1-rejoin.log" | grep -v "Passing config" | tail -25 >&2
fi
# the pool hosts come back to node 1 (the first of db_hosts), all of them
back=""
for ((i = 0; i < 150; i++)); do
  [ "$(writers)" = 1 ] && back=$(now_ms) && break
  sleep 0.2
done
check "the pool hosts write through node 1 again, and only there" test -n "$back"

wait "$load"
check "the load ran to its end" test $? = 0
end=$(now_ms)
sleep 1

# ---- what happened to the requests ----
w1=$(window "$LOG" "$kill_host" "$kill_node")
w2=$(window "$LOG" "$kill_node" "$end")
read -r _ r1 _ u1 _ p1 _ a1 _ b1 _ c1 _ d1 <<<"$w1"
read -r _ r2 _ u2 _ p2 _ a2 _ b2 _ c2 _ d2 <<<"$w2"
retried=$(tail -n +"$((nginx_mark + 1))" "$STATE/log/nginx-access.log" | grep -c 'up="unix:[^"]*, unix:')
check "every GET answered while pool host $host was down ($u1 of $r1 unanswered)" test "$u1" = 0
check "every GET answered while node 1 was down ($u2 of $r2 unanswered)" test "$u2" = 0
check "the load acknowledged orders ($(grep -c ' ack order ' "$LOG"))" test "$(grep -c ' ack order ' "$LOG")" -ge 20

# lost: acknowledged, but not in the database (asked on every node)
grep ' ack order ' "$LOG" | awk '{ print $1, $4 }' > "$OUT/acked"
grep ' ack pay ' "$LOG" | awk '{ print $1, $4 }' > "$OUT/paid"
for n in "${NODES[@]}"; do
  nsql "$n" "SET SESSION wsrep_sync_wait = 1; SELECT order_no, status FROM orders WHERE user_id IN
    (SELECT id FROM users WHERE email LIKE 'load%')" > "$OUT/orders-$n"
done
lost() { # lost FROM TO NODE: acknowledged orders (payments) missing on NODE
  awk -v from="$1" -v to="$2" 'FILENAME == ARGV[1] { s[$1] = $2; next }
    FILENAME == ARGV[2] { if ($1 >= from && $1 < to && !($2 in s)) n++; next }
    $1 >= from && $1 < to && s[$2] != "paid" { n++ }
    END { print n + 0 }' "$OUT/orders-$3" "$OUT/acked" "$OUT/paid"
}
for n in "${NODES[@]}"; do
  check "node $n holds every acknowledged order and payment ($(lost 0 "$end" "$n") missing)" test "$(lost 0 "$end" "$n")" = 0
done
l1=$(lost "$kill_host" "$kill_node" 1)
l2=$(lost "$kill_node" "$end" 1)

# doubled: an order paid twice, two orders from one form
doubled() { # doubled FROM TO: orders (created in the window) paid or made twice
  sql "SET time_zone = '+00:00';
    SELECT COUNT(*) FROM (SELECT o.id FROM orders o JOIN ledger l ON l.order_id = o.id AND l.kind = 'payment'
      WHERE UNIX_TIMESTAMP(o.created_at) * 1000 BETWEEN $1 AND $2 GROUP BY o.id HAVING COUNT(*) > 1) x;
    SELECT COUNT(*) FROM (SELECT user_id FROM orders WHERE UNIX_TIMESTAMP(created_at) * 1000 BETWEEN $1 AND $2
      GROUP BY user_id, idem_key HAVING COUNT(*) > 1) y;
    SELECT COUNT(*) FROM (SELECT order_id FROM payments WHERE status = 'succeeded' AND order_id IS NOT NULL
      AND UNIX_TIMESTAMP(created_at) * 1000 BETWEEN $1 AND $2 GROUP BY order_id HAVING COUNT(*) > 1) z" |
    awk '{ n += $1 } END { print n + 0 }'
}
x1=$(doubled "$kill_host" "$kill_node")
x2=$(doubled "$kill_node" "$end")
check "no order made or paid twice ($(doubled "$t0" "$end"))" test "$(doubled "$t0" "$end")" = 0
check "every balance equals its ledger" ledger_consistent
check "the load's buyers' balances equal their ledgers on every node" bash -c "
  for n in 1 2 3; do
    mariadb --no-defaults -S '$STATE'/node\$n/mysqld.sock -u root -N -B mp -e \"SET SESSION wsrep_sync_wait = 1;
      SELECT COUNT(*) FROM users u WHERE u.balance_cents <> (SELECT COALESCE(SUM(amount_cents), 0) FROM ledger l
      WHERE l.user_id = u.id)\" | grep -qx 0 || exit 1
  done"
same=$(for n in "${NODES[@]}"; do
  nsql "$n" "SET SESSION wsrep_sync_wait = 1; SELECT (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM ledger),
    (SELECT SUM(balance_cents) FROM users), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM payments)"
done | sort -u | wc -l)
check "the three nodes hold the same orders, ledger, balances, events and payments" test "$same" = 1

# the partner's feed: every event once, in order, no gap, across both faults
grep ' seq ' "$LOG" | awk '{ print $3 }' > "$OUT/seen"
sql "SELECT seq FROM events WHERE vendor_id = $vendor_id AND seq > $feed_after ORDER BY seq" > "$OUT/all"
check "the partner read events during the load ($(wc -l < "$OUT/seen"))" test "$(wc -l < "$OUT/seen")" -ge 20
check "the partner read every event once, in order" cmp -s "$OUT/seen" "$OUT/all"
check "the vendor's sequence has no gap" \
  test "$(tail -1 "$OUT/all")" = "$((feed_after + $(wc -l < "$OUT/all")))"

# the write pauses: the first one spans the kill (the survivors wait until
# they declare the dead node gone); one more may come when it rejoins
# (the cluster installs a view with it)
write_gaps "$LOG" "$kill_node" > "$OUT/gaps"
failover=$(awk -F: '$1 <= 1000 { print $2; exit }' "$OUT/gaps")
rejoin_pause=$(awk -F: '$1 > 1000 { print $2 }' "$OUT/gaps" | sort -n | tail -1)
longest=$(cut -d: -f2 "$OUT/gaps" | sort -n | tail -1)
check "writes resumed within $((WRITE_PAUSE_MAX_MS / 1000))s each time (longest ${longest:-0} ms)" \
  test "${longest:-0}" -le "$WRITE_PAUSE_MAX_MS"

echo "$T_NAME: fault 1, pool host $host killed: reads $r1, unanswered $u1 (nginx retried $retried in all);" \
  "posts $p1: 502 $a1, 503 $b1, 504 $c1, no answer $d1; lost $l1, doubled $x1;" \
  "restarted by the supervisor"
echo "$T_NAME: fault 2, writer node 1 killed: reads $r2, unanswered $u2; posts $p2: 502 $a2, 503 $b2, 504 $c2," \
  "no answer $d2; lost $l2, doubled $x2; writes paused ${failover:-0} ms at the kill" \
  "and ${rejoin_pause:-0} ms when node 1 rejoined;" \
  "node 1 synced again ${rejoined:+$(( (rejoined - kill_node) / 1000 ))s} after the kill (IST)," \
  "pool hosts back on it after ${back:+$(( (back - kill_node) / 1000 ))s}"
done_testing
