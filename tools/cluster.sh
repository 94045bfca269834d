#!/usr/bin/env bash
# make cluster: the marketplace scaled out, on one machine, in the
# foreground under make run's supervisor: three MariaDB Galera nodes (data
# directories in STATE/node1..3, loopback ports), two pool hosts (two
# mp-pool masters with configs and sockets of their own, which take the
# nodes in one shared order through db_hosts: one writer at a time), and
# one nginx with both pool hosts in its upstream. A server that dies is
# restarted; a Galera node through --wsrep-recover and
# --wsrep-start-position, so that it rejoins by IST. Ctrl-C or SIGTERM
# stops everything in order: nginx, the pool hosts, then the nodes (the
# node stopped last bootstraps the next start).
#   tools/cluster.sh [STATE [PORT [WORKERS [SWEEP_SECONDS]]]]
#     defaults: var/cluster, $MP_PORT or 8080 (the sandbox cashier on
#     PORT + 1), $MP_WORKERS or 4 per pool host, 30
#   tools/cluster.sh stop [STATE]: stops the cluster running in STATE
#   tools/cluster.sh node STATE N [mariadbd options]: node N's launcher
# The nodes' ports come from the environment: MP_CLUSTER_SQL_PORT (node 1's
# SQL port, default 4306; nodes 2 and 3 take the next two),
# MP_CLUSTER_GCOMM_PORT (node 1's group communication, default 4567; its
# IST receiver on the port after it; the next nodes 10 and 20 higher) and
# MP_CLUSTER_SST_PORT (node 1's state transfer receiver, default 4444;
# the next nodes 10 and 20 higher). MP_GALERA_TIMEOUTS replaces the
# nodes' failure-detection timeouts (wsrep_provider_options syntax).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/tools/stack.sh"

NODES=(1 2 3)
HOSTS=(a b)
GALERA_PROVIDER=${MP_GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
# measured by make test-cluster (README): with Galera's own defaults a
# writer's death paused writes about 6 s and its rejoin about 7 s more
GALERA_TIMEOUTS=${MP_GALERA_TIMEOUTS:-evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT3S}

# cluster_ports: the nodes' ports (SQL_PORT, GCOMM_PORT, IST_PORT, SST_PORT
# by node number) and the gcomm:// address that lists all three.
cluster_ports() {
  local i sql=${MP_CLUSTER_SQL_PORT:-4306} gc=${MP_CLUSTER_GCOMM_PORT:-4567} sst=${MP_CLUSTER_SST_PORT:-4444}
  SQL_PORT=() GCOMM_PORT=() IST_PORT=() SST_PORT=()
  GCOMM=""
  for i in "${NODES[@]}"; do
    SQL_PORT[i]=$((sql + i - 1))
    GCOMM_PORT[i]=$((gc + 10 * (i - 1)))
    IST_PORT[i]=$((GCOMM_PORT[i] + 1))
    SST_PORT[i]=$((sst + 10 * (i - 1)))
    GCOMM+="${GCOMM:+,}127.0.0.1:${GCOMM_PORT[i]}"
  done
  DB_HOSTS=""
  for i in "${NODES[@]}"; do DB_HOSTS+="${DB_HOSTS:+, }127.0.0.1:${SQL_PORT[i]}"; done
}

# The nodes run as the mysql user when started by root: the joiner's side
# of an rsync state transfer refuses to run as root.
node_user() {
  if [ "$(id -u)" = 0 ]; then echo mysql; else id -un; fi
}

node_dir() { echo "$STATE/node$1"; }

# node_client N [mariadb options]: root on node N, through its socket.
node_client() {
  local sock
  sock=$(node_dir "$1")/mysqld.sock
  shift
  mariadb --no-defaults -S "$sock" -u root "$@"
}

# the provisioning in tools/stack.sh asks the first node
db_client() {
  node_client 1 "$@"
}

# node_status N NAME: a wsrep status variable of node N.
# shellcheck disable=SC2317 # called through wait_up
node_status() {
  node_client "$1" -N -B -e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null | cut -f2
}

# node_synced N: node N is synced (wsrep_local_state 4) in the primary
# component.
# shellcheck disable=SC2317 # called through wait_up
node_synced() {
  [ "$(node_status "$1" wsrep_local_state)" = 4 ] && [ "$(node_status "$1" wsrep_cluster_status)" = Primary ]
}

# node_init N: node N's directory and configuration file.
node_init() {
  local i=$1 dir user
  dir=$(node_dir "$i")
  user=$(node_user)
  mkdir -p "$dir/db"
  touch "$STATE/log/node$i.log"
  chown "$user" "$dir" "$dir/db" "$STATE/log/node$i.log"
  chmod 700 "$dir/db"
  cat > "$dir/my.cnf" <<CNF
# written by tools/cluster.sh
[mariadbd]
user = $user
datadir = $dir/db
socket = $dir/mysqld.sock
pid-file = $dir/mysqld.pid
log-error = $STATE/log/node$i.log
bind-address = 127.0.0.1
port = ${SQL_PORT[i]}
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
innodb-buffer-pool-size = 64M
innodb-log-file-size = 48M
max-connections = 200
# what Galera asks for
binlog-format = ROW
default-storage-engine = InnoDB
innodb-autoinc-lock-mode = 2
# the schema's owner (no SUPER) creates the migrations' triggers, which
# replicate as row events
log-bin-trust-function-creators = 1
# a commit is in the other nodes before it is acknowledged; a process that
# dies loses nothing the operating system holds
innodb-flush-log-at-trx-commit = 2
wsrep-on = ON
wsrep-provider = $GALERA_PROVIDER
wsrep-cluster-name = mp
wsrep-cluster-address = gcomm://$GCOMM
wsrep-node-name = node$i
wsrep-node-address = 127.0.0.1:${GCOMM_PORT[i]}
wsrep-sst-method = rsync
wsrep-sst-receive-address = 127.0.0.1:${SST_PORT[i]}
wsrep-slave-threads = 2
# how soon a silent node is suspected and declared gone (writes wait for
# that), and how long a view with a rejoining node may take to install:
# shorter than Galera's defaults (PT5S, PT15S, PT7.5S, made for WANs)
wsrep-provider-options = "gmcast.listen_addr=tcp://127.0.0.1:${GCOMM_PORT[i]};ist.recv_addr=127.0.0.1:${IST_PORT[i]};$GALERA_TIMEOUTS"
CNF
  chmod 644 "$dir/my.cnf"
}

# node_recover N: the last position node N committed, from its InnoDB log
# (mariadbd --wsrep-recover), as uuid:seqno; empty when there is none.
node_recover() {
  local dir pos
  dir=$(node_dir "$1")
  : > "$dir/recover.log"
  chown "$(node_user)" "$dir/recover.log"
  mariadbd --defaults-file="$dir/my.cnf" --wsrep-recover --log-error="$dir/recover.log" > /dev/null 2>&1
  pos=$(sed -n 's/.*WSREP: Recovered position: *//p' "$dir/recover.log" | tail -1)
  [[ $pos == *:-1 ]] && pos=""
  echo "$pos"
}

# grastate N FIELD: a field of node N's saved state (grastate.dat).
grastate() {
  sed -n "s/^$2: *//p" "$(node_dir "$1")/db/grastate.dat" 2>/dev/null
}

# ports_free N: no socket holds a port of node N (but for closing ones,
# TIME-WAIT, which mariadbd's and Galera's binds allow; the joiner's rsync
# daemon is refused by those too). A port in Linux's range for outgoing
# connections (net.ipv4.ip_local_port_range) may be another program's for
# a while, and the node would fail to join.
ports_free() {
  local p filter=""
  for p in "${SQL_PORT[$1]}" "${GCOMM_PORT[$1]}" "${IST_PORT[$1]}"; do
    filter+="${filter:+ or }sport = :$p"
  done
  [ -z "$(ss -Htan exclude time-wait "( $filter )" 2>/dev/null)" ] &&
    [ -z "$(ss -Htan "( sport = :${SST_PORT[$1]} )" 2>/dev/null)" ]
}

# node_main N [mariadbd options]: node N's launcher (the supervisor starts
# and restarts a node through it). A node that did not stop cleanly (its
# saved seqno is -1) first recovers its position, and asks the cluster for
# what it missed from there: an incremental transfer (IST) from a donor's
# cache, where a plain restart would ask for a full copy (SST).
node_main() {
  local i=$1 pos="" t
  shift
  for ((t = 0; t < 300; t++)); do
    ports_free "$i" && break
    [ "$t" = 0 ] && echo "cluster: node$i waits for its ports to be free"
    sleep 0.2
  done
  if [ "$(grastate "$i" seqno)" = -1 ]; then
    pos=$(node_recover "$i")
    echo "cluster: node$i recovered position ${pos:-(none)}"
  fi
  # the state transfer's rsync daemon logs there (wsrep_sst_rsync)
  export MYSQL_TMP_DIR
  MYSQL_TMP_DIR=$(node_dir "$i")
  exec mariadbd --defaults-file="$(node_dir "$i")/my.cnf" ${pos:+--wsrep-start-position="$pos"} "$@"
}

node_spawn() {
  local i=$1
  shift
  spawn "node$i" "$ROOT/tools/cluster.sh" node "$STATE" "$i" "$@" >> "$STATE/log/node$i.log" 2>&1
}

# node_start N [mariadbd options]: starts node N and waits until it is
# synced (a joiner's first state transfer copies the whole data directory);
# tries once more when it exits meanwhile (a port of its taken for a moment
# by another program's outgoing connection).
node_start() {
  local i=$1 try
  shift
  for try in 1 2; do
    node_spawn "$i" "$@"
    if wait_up "node$i" "Galera node $i" 180 node_synced "$i"; then
      stack_log -q "cluster: node$i synced"
      return 0
    fi
    [ "$SUP_STOP" = 0 ] && [ "$try" = 1 ] || return 1
    stack_log "cluster: node$i did not come up; once more"
    stop_started "node$i" TERM 30
  done
}

# bootstrap_node: which node starts the cluster: node 1 the first time; later
# the node that stopped last (safe_to_bootstrap: 1), or when all of them
# died, the one whose recovered position is furthest along (made safe to
# bootstrap). Prints its number.
bootstrap_node() {
  local i best="" best_seq=-2 seq pos
  for i in "${NODES[@]}"; do
    [ "$(grastate "$i" safe_to_bootstrap)" = 1 ] && echo "$i" && return 0
  done
  for i in "${NODES[@]}"; do
    [ -f "$(node_dir "$i")/db/grastate.dat" ] || continue
    seq=$(grastate "$i" seqno)
    if [ "$seq" = -1 ]; then
      pos=$(node_recover "$i")
      seq=${pos##*:}
      [ -n "$seq" ] || seq=-1
    fi
    if [ "$seq" -gt "$best_seq" ]; then
      best=$i
      best_seq=$seq
    fi
  done
  [ -n "$best" ] || return 1
  sed -i 's/^safe_to_bootstrap: *0/safe_to_bootstrap: 1/' "$(node_dir "$best")/db/grastate.dat"
  echo "$best"
}

# nodes_start: the three nodes, one after another, each synced before the
# next one joins.
nodes_start() {
  local i boot user
  user=$(node_user)
  for i in "${NODES[@]}"; do node_init "$i"; done
  if [ ! -d "$(node_dir 1)/db/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$(node_dir 1)/db" --user="$user" \
      --auth-root-authentication-method=socket --skip-test-db > "$STATE/log/mariadb-install.log" 2>&1 || {
      cat "$STATE/log/mariadb-install.log" >&2
      return 1
    }
    boot=1
  else
    boot=$(bootstrap_node) || {
      echo "cluster: no node has a state to start the cluster from" >&2
      return 1
    }
  fi
  stack_log -q "cluster: node$boot starts the cluster"
  node_start "$boot" --wsrep-new-cluster || return 1
  for i in "${NODES[@]}"; do
    [ "$i" = "$boot" ] || node_start "$i" || return 1
  done
}

# hosts_init: the pool hosts' configs, from the one stack_init wrote: the
# cluster's nodes in db_hosts, a socket and a pid file each. nginx's
# upstream gets both; its log says which pool host answered
# ($upstream_addr lists each one tried). nginx's own default for retries is
# kept (fastcgi_next_upstream error timeout, without non_idempotent): a
# request that failed on one host goes to the other unless it is a POST
# already sent, which may have been applied; a host that failed is left
# alone for 3 s (its supervisor restarts it within a second).
hosts_init() {
  local h
  sed -i -e '/^db_socket = /d' -e '/^db_hosts = /d' "$STATE/mp.conf"
  echo "db_hosts = $DB_HOSTS" >> "$STATE/mp.conf"
  for h in "${HOSTS[@]}"; do
    : > "$STATE/pool-$h.conf"
    chmod 600 "$STATE/pool-$h.conf"
    sed -e "s|^listen = .*|listen = unix:$STATE/run/pool-$h.sock|" \
        -e "s|^pid_file = .*|pid_file = $STATE/run/pool-$h.pid|" "$STATE/mp.conf" > "$STATE/pool-$h.conf"
  done
  local servers=""
  for h in "${HOSTS[@]}"; do
    servers+="server unix:$STATE/run/pool-$h.sock max_fails=1 fail_timeout=3s; "
  done
  sed -i -e "s|server unix:$STATE/run/pool.sock;|$servers|" \
      -e "s|rid=\$request_id rt=\$request_time'|rid=\$request_id rt=\$request_time up=\"\$upstream_addr\" us=\$upstream_status'|" \
      "$STATE/nginx/nginx.conf"
  if ! grep -q "pool-a.sock" "$STATE/nginx/nginx.conf" || ! grep -q 'up="' "$STATE/nginx/nginx.conf"; then
    echo "cluster: nginx/mp.conf.in no longer has the upstream or log format this script edits" >&2
    return 1
  fi
}

host_spawn() {
  local h=$1
  rm -f "$STATE/run/pool-$h.sock"
  spawn "pool-$h" env -u MP_WORKERS "$ROOT/bin/mp-pool" -c "$STATE/pool-$h.conf" >> "$STATE/log/pool-$h.log" 2>&1
}

host_start() {
  host_spawn "$1"
  wait_up "pool-$1" "pool host $1" 30 test -S "$STATE/run/pool-$1.sock" || return 1
}

# node_gone N: every other node that answers has left node N out of its
# view (wsrep_cluster_size below the node count), or no other node answers.
node_gone() {
  local j size
  for j in "${NODES[@]}"; do
    [ "$j" = "$1" ] && continue
    size=$(node_status "$j" wsrep_cluster_size)
    [ -n "$size" ] && [ "$size" -ge "${#NODES[@]}" ] && return 1
  done
  return 0
}

# node_respawn N: a dead node back, once the others have left it out of
# their view (up to 20 s): a node that rejoins before they noticed it was
# gone makes them drop to a non-primary component for seconds, and with it
# every write and read of the cluster.
node_respawn() {
  local i
  for ((i = 0; i < 100; i++)); do
    node_gone "$1" && break
    sleep 0.2
  done
  node_spawn "$1"
}

sup_respawn() {
  case $1 in
    node[0-9]) node_respawn "${1#node}" ;;
    pool-?) host_spawn "${1#pool-}" ;;
    nginx) nginx_spawn ;;
  esac
}

# cluster_start STATE PORT WORKERS SWEEP: everything, in order; the
# migrations and the demo seed once, through the first node.
cluster_start() {
  local h
  stack_init "$@" || return 1
  rmdir "$STATE/db" 2>/dev/null # the single server's, not used here
  cluster_ports
  hosts_init || return 1
  nodes_start || return 1
  DB_USER_HOST=127.0.0.1 db_provision || return 1
  for h in "${HOSTS[@]}"; do host_start "$h" || return 1; done
  nginx_start || return 1
  wait_for "the home page" 30 curl -fsS -o /dev/null "http://127.0.0.1:$PORT/"
}

# cluster_stop: nginx, the pool hosts, then the nodes one by one.
cluster_stop() {
  local name
  for name in nginx pool-a pool-b node3 node2 node1; do
    [ -n "$(started_pid "$name")" ] || continue
    stack_log -q "cluster: stopping $name (pid $(started_pid "$name"))"
    case $name in
      nginx) nginx_stop ;;
      pool-*) stop_started "$name" TERM 40 ;;
      node*) stop_started "$name" TERM 60 ;;
    esac
  done
}

if [ "${1:-}" = node ]; then
  STATE=$2
  cluster_ports
  node_main "${@:3}"
  exit 1
fi
# tools/cluster.sh stop [STATE]: stops a cluster running in STATE through its
# supervisor, then whatever one that is gone left behind
if [ "${1:-}" = stop ]; then
  STATE=$(cd "${2:-$ROOT/var/cluster}" 2>/dev/null && pwd) || exit 0
  sup=$(started_pid supervisor)
  if [ -n "$sup" ] && proc_alive "$sup" && started_is supervisor "$sup"; then
    kill -TERM "$sup"
    for ((i = 0; i < 1800; i++)); do proc_alive "$sup" || break; sleep 0.1; done
  fi
  rm -f "$STATE/run/supervisor.started" "$STATE/run/supervisor.ready"
  [ -d "$STATE/log" ] && cluster_stop
  exit 0
fi

mkdir -p "${1:-$ROOT/var/cluster}/run" "${1:-$ROOT/var/cluster}/log"
STATE=$(cd "${1:-$ROOT/var/cluster}" && pwd) # MariaDB wants absolute paths
sup=$(started_pid supervisor)
if [ -n "$sup" ] && proc_alive "$sup" && started_is supervisor "$sup"; then
  echo "cluster: a cluster is already running in $STATE (pid $sup); stop it first" >&2
  exit 1
fi
# servers an earlier run left behind when it was killed outright
cluster_stop 2>/dev/null
SUP_STOP=0
SUP_NAMES=(node1 node2 node3 pool-a pool-b nginx)
trap 'SUP_STOP=1' INT TERM
trap 'cluster_stop; rm -f "$STATE/run/supervisor.started" "$STATE/run/supervisor.ready"' EXIT
echo $$ > "$STATE/run/supervisor.started"
rm -f "$STATE/run/supervisor.ready"

if ! cluster_start "$STATE" "${2:-${MP_PORT:-8080}}" "${3:-${MP_WORKERS:-4}}" "${4:-30}"; then
  if [ "$SUP_STOP" = 1 ]; then
    echo
    echo "stopping..."
    exit 0
  fi
  echo "cluster: start-up failed; logs are in $STATE/log/" >&2
  exit 1
fi
: > "$STATE/run/supervisor.ready"
echo "three Galera nodes: SQL on 127.0.0.1:${SQL_PORT[1]}, ${SQL_PORT[2]}, ${SQL_PORT[3]} (root: mariadb -S $STATE/node1/mysqld.sock -u root)"
echo "two pool hosts: $STATE/run/pool-a.sock, $STATE/run/pool-b.sock (configs $STATE/pool-a.conf, pool-b.conf)"
echo "admin pages: http://127.0.0.1:$PORT/admin/ (user admin, password in $STATE/secrets.env)"
echo "logs: $STATE/log/"
echo "http://127.0.0.1:$PORT/"
stack_supervise
echo
echo "stopping..."
cluster_stop
stack_log -q "supervisor: stopped"
exit 0
