#!/usr/bin/env bash
# The cluster as make cluster brings it up: three synced Galera nodes, the
# catalog answered through both pool hosts, every pool host writing through
# the same node (the first of db_hosts), each sweep's lease held by one
# scheduler.
. "$ROOT/tests/cluster/lib.sh"

for n in "${NODES[@]}"; do
  check "node $n synced" synced "$n"
  check "node $n sees three nodes" test "$(wsrep "$n" wsrep_cluster_size)" = 3
  check "node $n in the primary component" test "$(wsrep "$n" wsrep_cluster_status)" = Primary
done

# both pool hosts answer the catalog (nginx alternates between them)
mark=$(wc -l < "$STATE/log/nginx-access.log")
ok=0
for i in $(seq 1 12); do
  HARD_RELOAD=1 get /
  [ "$STATUS" = 200 ] && ok=$((ok + 1))
done
check "12 catalog pages through nginx ($ok answered)" test "$ok" = 12
for h in a b; do
  n=$(tail -n +"$((mark + 1))" "$STATE/log/nginx-access.log" | grep -c "up=\"unix:$STATE/run/pool-$h.sock\" us=200")
  check "pool host $h answered some of them ($n)" test "$n" -ge 3
done
HARD_RELOAD=1 xget "/products/$(sql "SELECT id FROM products WHERE listed = 1 ORDER BY id LIMIT 1")"
expect_status 200 "a product page"

# one writer: the pool hosts' connections are all on node 1
for h in a b; do
  check "pool host $h is configured with the three nodes in order" \
    grep -q "^db_hosts = 127.0.0.1:$MP_CLUSTER_SQL_PORT, 127.0.0.1:$((MP_CLUSTER_SQL_PORT + 1)), 127.0.0.1:$((MP_CLUSTER_SQL_PORT + 2))$" \
    "$STATE/pool-$h.conf"
done
check "the pool hosts write through node 1 only (connections: $(pool_conns 1) $(pool_conns 2) $(pool_conns 3))" \
  test "$(writers)" = 1

# the sweeps' leases: each held by a scheduler of one of the pool hosts
for name in unpaid-orders instance-expiry purge; do
  owner=$(sql "SELECT owner FROM sweep_lease WHERE name = '$name' AND expires_at > UTC_TIMESTAMP(6)")
  pid=${owner##*:}
  check "the $name lease is held by a running scheduler ($owner)" \
    bash -c "[ -n '$pid' ] && tr '\0' ' ' < /proc/$pid/cmdline | grep -q -- '--scheduler'"
done

done_testing
