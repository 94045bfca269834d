# shellcheck shell=bash
# Helpers for the cluster's stories (tests/cluster/): tests/lib.sh's, with
# SQL on the Galera nodes, the nodes' and pool hosts' state, and the load's
# counts. Sourced by each story.
# shellcheck disable=SC2034
. "$ROOT/tests/lib.sh"

NODES=(1 2 3)

# nsql N STATEMENTS: root on node N, rows printed.
nsql() {
  mariadb --no-defaults -S "$STATE/node$1/mysqld.sock" -u root -N -B mp -e "$2"
}

# sql STATEMENTS: on the first node that answers.
sql() {
  local n
  for n in "${NODES[@]}"; do
    nsql "$n" "$1" 2>/dev/null && return 0
  done
  echo "sql: no node answers" >&2
  return 1
}

# wsrep N NAME: a wsrep status variable of node N.
wsrep() {
  mariadb --no-defaults -S "$STATE/node$1/mysqld.sock" -u root -N -B -e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null |
    cut -f2
}

synced() { [ "$(wsrep "$1" wsrep_local_state)" = 4 ]; }

# pool_conns N: the pool hosts' connections to node N.
pool_conns() {
  mariadb --no-defaults -S "$STATE/node$1/mysqld.sock" -u root -N -B \
    -e "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'mp'" 2>/dev/null || echo "-"
}

# writers: the nodes the pool hosts are connected to, e.g. "1".
writers() {
  local n c out=""
  for n in "${NODES[@]}"; do
    c=$(pool_conns "$n")
    [ "$c" != - ] && [ "$c" -gt 0 ] && out+="$n "
  done
  echo "${out% }"
}

# host_of PID: the pool host (a or b) whose master is PID or PID's parent.
host_of() {
  local h ppid
  ppid=$(ps -o ppid= -p "$1" 2>/dev/null | tr -d ' ')
  for h in a b; do
    [ "$(started_pid "pool-$h")" = "$1" ] || [ "$(started_pid "pool-$h")" = "$ppid" ] && echo "$h" && return 0
  done
  return 1
}

# buyers_for_load N FILE: N buyers with money, one "cookie<TAB>csrf" line
# each in FILE (the load's BUYERS).
buyers_for_load() {
  local i
  : > "$2"
  for ((i = 1; i <= $1; i++)); do
    as_buyer "load$i"
    topup 20000
    [ "$(balance)" = 2000000 ] || fail "buyer load$i topped up: balance $(balance)"
    printf '%s\t%s\n' "$(awk '$6 == "mp_session" { print $6 "=" $7 }' "$JAR" | tail -1)" "$(csrf)" >> "$2"
  done
}

# window LOG FROM TO: counts in the load's LOG between two times (ms):
# prints "reads R unanswered U posts P 502 A 503 B 504 C dropped D".
window() {
  awk -v from="$2" -v to="$3" '
    $1 ~ /^[0-9]+$/ && $1 >= from && $1 < to {
      if ($2 == "read" || $2 == "feed") { r++; if ($3 == 0 || $3 >= 500) u++ }
      else if ($2 == "order" || $2 == "pay") { p++; s[$3]++ }
    }
    END { printf "reads %d unanswered %d posts %d 502 %d 503 %d 504 %d dropped %d\n",
          r, u, p, s[502], s[503], s[504], s[0] }' "$1"
}

# write_gaps LOG FROM: the pauses in acknowledged writes (orders and
# payments answered with a redirect) since FROM (ms): each gap longer than
# a second between two of them that ends after FROM, as
# "START_OFFSET_MS:GAP_MS" (start relative to FROM), one per line.
write_gaps() {
  awk -v from="$2" '
    ($2 == "order" || $2 == "pay") && $3 == 303 {
      if (prev && $1 > from && $1 - prev > 1000) print prev - from ":" $1 - prev
      prev = $1
    }' "$1"
}
