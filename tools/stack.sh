#!/usr/bin/env bash
# Brings up the whole stack in one state directory: a private MariaDB, the
# migrations and demo seed, the FastCGI pool and nginx. Sourced by
# tools/run.sh (var/, port 8080) and tools/supervise.sh (make test's stack in
# var/test/, port 18080). Each server runs in a session of its own, is
# recorded by pid in $STATE/run/NAME.started and stopped by that pid;
# stack_supervise restarts a server that dies.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

# body_limit NAME: a plain number #defined in fcgi/body_limits.h, the one
# place the pool and nginx's client_max_body_size take body limits from.
body_limit() {
  local v
  v=$(sed -n "s/^#define $1 \([0-9][0-9]*\)\$/\1/p" "$ROOT/fcgi/body_limits.h")
  if [ -z "$v" ]; then
    echo "stack: no $1 in fcgi/body_limits.h" >&2
    return 1
  fi
  echo "$v"
}

# stack_init STATE PORT WORKERS [SWEEP_SECONDS]: directories, secrets and
# config files. The sandbox payment gateway's cashier listens on PORT + 1
# (SANDBOX_PORT), a site of its own like a real provider's.
stack_init() {
  STATE=$1
  PORT=$2
  WORKERS=${3:-8}
  SWEEP=${4:-30}
  SANDBOX_PORT=${SANDBOX_PORT:-$((PORT + 1))}
  mkdir -p "$STATE"/{db,run,log,nginx/body,nginx/fastcgi,nginx/proxy,nginx/uwsgi,nginx/scgi,nginx/cache}
  chmod 700 "$STATE/db"
  if [ ! -f "$STATE/secrets.env" ]; then
    umask 077
    {
      echo "DB_PASSWORD=$(openssl rand -hex 16)"
      echo "SECRET_KEY=$(openssl rand -hex 32)"
      echo "ADMIN_PASSWORD=$(openssl rand -base64 12 | tr -d '/+=')"
    } > "$STATE/secrets.env"
    umask 022
  fi
  # a state directory from before the admin console has no vouch and no
  # schema owner yet
  grep -q '^ADMIN_VOUCH=' "$STATE/secrets.env" ||
    echo "ADMIN_VOUCH=$(openssl rand -hex 32)" >> "$STATE/secrets.env"
  grep -q '^DB_OWNER_PASSWORD=' "$STATE/secrets.env" ||
    echo "DB_OWNER_PASSWORD=$(openssl rand -hex 16)" >> "$STATE/secrets.env"
  # shellcheck source=/dev/null # written above, at run time
  . "$STATE/secrets.env"

  NGINX_USER=""
  LISTEN_GROUP=""
  if [ "$(id -u)" = 0 ]; then
    # nginx's workers run as www-data when that user can reach our files;
    # the pool socket then belongs to its group and to nobody else
    if id www-data >/dev/null 2>&1 &&
       runuser -u www-data -- test -r "$ROOT/static/site.css" 2>/dev/null &&
       runuser -u www-data -- test -x "$STATE" 2>/dev/null; then
      NGINX_USER="www-data www-data"
      LISTEN_GROUP=www-data
      chgrp www-data "$STATE/run" && chmod 750 "$STATE/run"
    else
      NGINX_USER="root root"
      chmod 700 "$STATE/run"
    fi
  fi

  SOCKET="$STATE/run/pool.sock"
  cat > "$STATE/mp.conf" <<CONF
# written by tools/stack.sh
db_socket = $STATE/run/mysqld.sock
db_user = mp
db_password = $DB_PASSWORD
db_name = mp
listen = unix:$SOCKET
listen_group = $LISTEN_GROUP
workers = $WORKERS
pid_file = $STATE/run/pool.pid
root = $ROOT
base_url = http://127.0.0.1:$PORT
secret_key = $SECRET_KEY
admin_vouch = $ADMIN_VOUCH
sweep_interval = $SWEEP
# a test tool: the built-in sandbox payment gateway and its top-up
payment_sandbox = on
sandbox_url = http://127.0.0.1:$SANDBOX_PORT
CONF
  chmod 600 "$STATE/mp.conf"

  local user_line=""
  [ -n "$NGINX_USER" ] && user_line="user $NGINX_USER;"
  # body limits from where the pool takes them
  local form_max xml_max upload_max
  form_max=$(body_limit MP_FORM_BODY_MAX) && xml_max=$(body_limit MP_XML_BODY_MAX) &&
    upload_max=$(body_limit MP_UPLOAD_BODY_MAX) && partner_upload_max=$(body_limit MP_PARTNER_UPLOAD_BODY_MAX) ||
    return 1
  # it holds the admin vouch: readable by its owner only, from the start
  : > "$STATE/nginx/nginx.conf"
  chmod 600 "$STATE/nginx/nginx.conf"
  sed -e "s|@STATE@|$STATE|g" -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$PORT|g" \
      -e "s|@UPSTREAM@|unix:$SOCKET|g" -e "s|@WORKERS@|$WORKERS|g" -e "s|@USER_LINE@|$user_line|" \
      -e "s|@SANDBOX_PORT@|$SANDBOX_PORT|g" -e "s|@ADMIN_VOUCH@|$ADMIN_VOUCH|g" \
      -e "s|@FORM_BODY_MAX@|$form_max|g" -e "s|@XML_BODY_MAX@|$xml_max|g" \
      -e "s|@XML_BODY_MAX_TEXT@|$((xml_max / 1024)) KB|g" -e "s|@UPLOAD_BODY_MAX@|$upload_max|g" \
      -e "s|@PARTNER_UPLOAD_BODY_MAX@|$partner_upload_max|g" \
      -e "s|@PARTNER_UPLOAD_BODY_MAX_TEXT@|$((partner_upload_max / 1048576)) MB|g" \
      -e "s|@LOGIN_RATE@|${LOGIN_RATE:-10r/m}|g" -e "s|@LOGIN_BURST@|${LOGIN_BURST:-5}|g" \
      "$ROOT/nginx/mp.conf.in" > "$STATE/nginx/nginx.conf"
  : > "$STATE/nginx/htpasswd"
  chmod 600 "$STATE/nginx/htpasswd"
  printf 'admin:%s\n' "$(openssl passwd -apr1 "$ADMIN_PASSWORD")" > "$STATE/nginx/htpasswd"
  if [ -n "$LISTEN_GROUP" ]; then
    chgrp "$LISTEN_GROUP" "$STATE/nginx/htpasswd" && chmod 640 "$STATE/nginx/htpasswd"
  fi
}

# wait_for DESCRIPTION SECONDS COMMAND...: polls until COMMAND succeeds;
# gives up early when the supervisor has been told to stop.
wait_for() {
  local what=$1 secs=$2
  shift 2
  local i
  for ((i = 0; i < secs * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    [ "${SUP_STOP:-0}" = 1 ] && return 1
    sleep 0.1
  done
  echo "stack: $what did not come up in ${secs}s" >&2
  return 1
}

# wait_up NAME DESCRIPTION SECONDS COMMAND...: wait_for, but gives up as
# soon as NAME's recorded process has exited (a port taken, a bad config).
wait_up() {
  local name=$1
  shift
  wait_for "$1" "$2" up_or_gone "$name" "${@:3}" && proc_alive "$(started_pid "$name")" && return 0
  proc_alive "$(started_pid "$name")" || echo "stack: $name exited while starting; see $STATE/log/" >&2
  return 1
}

# up_or_gone NAME COMMAND...: COMMAND succeeds, or NAME is no longer running.
up_or_gone() {
  local name=$1
  shift
  "$@" || ! proc_alive "$(started_pid "$name")"
}

# stack_log [-q] MESSAGE: a time-stamped line in $STATE/log/supervisor.log
# and, without -q, on stderr.
stack_log() {
  local quiet=0 line
  [ "$1" = -q ] && quiet=1 && shift
  line="$(date '+%Y-%m-%d %H:%M:%S.%3N') $*"
  echo "$line" >> "$STATE/log/supervisor.log"
  [ "$quiet" = 1 ] || echo "$line" >&"${STACK_ERR:-2}"
}

# now_ms: milliseconds since the epoch.
now_ms() {
  local us=${EPOCHREALTIME/./}
  echo $((us / 1000))
}

# proc_alive PID: PID runs; a zombie nobody has reaped yet counts as gone.
proc_alive() {
  local stat
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 1
  read -r stat < "/proc/$1/stat" 2>/dev/null || return 1
  stat=${stat##*) }
  [ "${stat:0:1}" != Z ]
}

# started_is NAME PID: PID still runs the program NAME was started as (a
# stale record whose pid now belongs to someone else is never signalled).
started_is() {
  local cmd
  cmd=$(tr '\0' ' ' < "/proc/$2/cmdline" 2>/dev/null) || return 1
  case $1 in
    mysqld) [[ $cmd == *mariadbd* ]] ;;
    # a Galera node of tools/cluster.sh (its launcher recovers, then execs mariadbd)
    node[0-9]) [[ $cmd == *mariadbd* || $cmd == *tools/cluster.sh\ node\ * ]] ;;
    pool | pool-[a-z]) [[ $cmd == *mp-pool* ]] ;;
    nginx) [[ $cmd == nginx* ]] ;;
    supervisor) [[ $cmd == *tools/supervise.sh* || $cmd == *tools/run.sh* || $cmd == *tools/cluster.sh* ]] ;;
    *) return 1 ;;
  esac
}

# spawn NAME COMMAND...: starts COMMAND in the background as the leader of
# a session and process group of its own, so a signal to the caller's group
# (Ctrl-C, a stop of make) does not reach it, and records its pid. Does not
# wait for it to be ready. (setsid execs in place: the shell runs
# background jobs without job control, so the child is no group leader.)
declare -A SPAWNED=()
spawn() {
  local name=$1
  shift
  setsid "$@" < /dev/null &
  SPAWNED[$!]=1
  echo $! > "$STATE/run/$name.started"
}

db_client() {
  mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root "$@"
}

db_spawn() {
  local as_user
  as_user=$(id -un)
  spawn mysqld mariadbd --no-defaults --datadir="$STATE/db" --socket="$STATE/run/mysqld.sock" --skip-networking \
    --pid-file="$STATE/run/mysqld.pid" --log-error="$STATE/log/mariadb.log" --user="$as_user" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=128M --max-connections=200 >/dev/null 2>&1
}

# db_start: creates the data directory once, then starts mariadbd.
db_start() {
  if [ ! -d "$STATE/db/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$STATE/db" --user="$(id -un)" \
      --auth-root-authentication-method=socket --skip-test-db > "$STATE/log/mariadb-install.log" 2>&1 || {
      cat "$STATE/log/mariadb-install.log" >&2
      return 1
    }
  fi
  db_spawn
  wait_up mysqld "MariaDB" 60 db_client -e 'SELECT 1' || return 1
}

# started_pid NAME: the pid this stack recorded when it started NAME.
started_pid() {
  cat "$STATE/run/$1.started" 2>/dev/null
}

# stop_started NAME SIGNAL SECONDS: signals NAME's recorded pid, waits for
# it to exit (SIGKILL after SECONDS), then clears what is left of its
# process group. The record is moved aside first, so a supervisor knows
# the stop is meant and does not restart NAME.
stop_started() {
  local name=$1 sig=$2 secs=$3 pid i
  pid=$(started_pid "$name")
  [ -n "$pid" ] || return 0
  mv -f "$STATE/run/$name.started" "$STATE/run/$name.stopping"
  if proc_alive "$pid" && ! started_is "$name" "$pid"; then
    echo "stack: pid $pid is no longer $name; left alone" >&2
    rm -f "$STATE/run/$name.stopping"
    return 0
  fi
  kill "-$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 10; i++)); do proc_alive "$pid" || break; sleep 0.1; done
  if proc_alive "$pid"; then
    stack_log "stack: $name (pid $pid) still running after ${secs}s; killing it"
    kill -KILL "$pid" 2>/dev/null
    for ((i = 0; i < 50; i++)); do proc_alive "$pid" || break; sleep 0.1; done
  fi
  kill -KILL -- "-$pid" 2>/dev/null # what it left behind in its group
  rm -f "$STATE/run/$name.stopping"
}

db_stop() {
  stop_started mysqld TERM 60
}

# db_provision: the database and its users (idempotent), then migrations and
# seed. The schema's owner (mp_owner) applies the migrations; the pool and
# mp-admin's user (mp) reads and writes rows, and fires the triggers of the
# tables it writes (MariaDB asks for the TRIGGER privilege for that), all
# but the audit log's: it cannot drop those, and an UPDATE or DELETE there
# is refused either way. Both users are at DB_USER_HOST (default localhost,
# the socket; a cluster's pool hosts come over TCP).
db_provision() {
  local h=${DB_USER_HOST:-localhost}
  db_client --batch <<SQL || return 1
CREATE DATABASE IF NOT EXISTS mp CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'mp_owner'@'$h' IDENTIFIED BY '$DB_OWNER_PASSWORD';
ALTER USER 'mp_owner'@'$h' IDENTIFIED BY '$DB_OWNER_PASSWORD';
GRANT ALL PRIVILEGES ON mp.* TO 'mp_owner'@'$h';
CREATE USER IF NOT EXISTS 'mp'@'$h' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER 'mp'@'$h' IDENTIFIED BY '$DB_PASSWORD';
GRANT SELECT, INSERT, UPDATE, DELETE ON mp.* TO 'mp'@'$h';
REVOKE CREATE, DROP, REFERENCES, INDEX, ALTER, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, CREATE VIEW,
  SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, EVENT, TRIGGER, DELETE HISTORY ON mp.* FROM 'mp'@'$h';
SQL
  MP_DB_USER=mp_owner MP_DB_PASSWORD=$DB_OWNER_PASSWORD \
    "$ROOT/bin/mp-migrate" -c "$STATE/mp.conf" --seed "$ROOT/sql/seed/demo.sql" || return 1
  db_client --batch -N -e "SELECT DISTINCT CONCAT('GRANT TRIGGER ON mp.', event_object_table, ' TO ''mp''@''$h'';')
    FROM information_schema.triggers WHERE trigger_schema = 'mp' AND event_object_table <> 'audit_log'" |
    db_client --batch || return 1
}

pool_spawn() {
  rm -f "$STATE/run/pool.sock"
  # MP_WORKERS (make run's) is already in mp.conf; left in the environment it
  # would override the file, and a SIGHUP after editing workers would not
  spawn pool env -u MP_WORKERS "$ROOT/bin/mp-pool" -c "$STATE/mp.conf" >> "$STATE/log/pool.log" 2>&1
}

pool_start() {
  pool_spawn
  wait_up pool "the pool" 30 test -S "$STATE/run/pool.sock" || return 1
}

# the pool drains its workers on SIGTERM (30 s at most)
pool_stop() {
  stop_started pool TERM 40
}

nginx_spawn() {
  # nginx writes to the error log itself (-e) and its start-up complaints
  # to stderr: both end up in the same file
  # shellcheck disable=SC2094
  spawn nginx nginx -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -e "$STATE/log/nginx-error.log" \
    >> "$STATE/log/nginx-error.log" 2>&1
}

nginx_start() {
  local p
  for p in "$PORT" "$SANDBOX_PORT"; do
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$p/"; then
      echo "stack: something already answers on port $p; stop it or choose another port" >&2
      return 1
    fi
  done
  nginx_spawn
  wait_up nginx "nginx" 30 curl -fsS -o /dev/null "http://127.0.0.1:$PORT/static/site.css" || return 1
}

# QUIT: nginx stops accepting and lets the requests in flight finish
nginx_stop() {
  stop_started nginx QUIT 30
}

# stack_stop: the ordered stop, each server only once the one in front of
# it is gone: nginx, then the pool, then MariaDB.
stack_stop() {
  local name
  for name in nginx pool mysqld; do
    [ -n "$(started_pid "$name")" ] || continue
    stack_log -q "stack: stopping $name (pid $(started_pid "$name"))"
    case $name in
      nginx) nginx_stop ;;
      pool) pool_stop ;;
      mysqld) db_stop ;;
    esac
  done
}

# stack_start STATE PORT WORKERS: everything, in order.
stack_start() {
  stack_init "$@" &&
    db_start &&
    db_provision &&
    pool_start &&
    nginx_start &&
    wait_for "the home page" 30 curl -fsS -o /dev/null "http://127.0.0.1:$PORT/"
}

# ---- the supervisor ----

SUP_NAMES=(mysqld pool nginx)
SUP_BACKOFF_MS=500     # first restart delay, doubled after each death
SUP_BACKOFF_MAX_MS=30000
SUP_STEADY_MS=60000    # up this long: the next death starts from the first delay again

# sup_exit PID: sets SUP_HOW to how a server ended when this shell started
# it ("status 0", "signal 9"); a server another shell started (a test's
# db_start) leaves no status to read. Runs in this shell, not in $(…):
# only the parent can collect the status.
sup_exit() {
  local rc
  if [ -z "${SPAWNED[$1]:-}" ]; then
    SUP_HOW="started elsewhere, no exit status"
    return
  fi
  unset "SPAWNED[$1]"
  wait "$1" 2>/dev/null
  rc=$?
  if [ "$rc" -gt 128 ]; then SUP_HOW="signal $((rc - 128))"; else SUP_HOW="status $rc"; fi
}

# sup_respawn NAME: starts NAME again (tools/cluster.sh has servers of its own).
sup_respawn() {
  case $1 in
    mysqld) db_spawn ;;
    pool) pool_spawn ;;
    nginx) nginx_spawn ;;
  esac
}

# stack_supervise: watches the recorded servers until SUP_STOP is set (the
# caller's trap for TERM and INT does that), then returns; the caller stops
# the stack. A server that dies is restarted after a back-off while the
# others keep serving; a restarted MariaDB keeps its data and needs no
# migrations (the pool reconnects by itself). A server that exits with
# status 0 was stopped on purpose (SIGTERM, SIGQUIT) and is left stopped,
# as is one whose record stop_started has moved aside; a new record (a
# start by hand or by a test) is watched from then on.
stack_supervise() {
  local -A sup_seen=() sup_since=() sup_delay=() sup_due=() sup_down=()
  local name pid now how up
  SUP_STOP=${SUP_STOP:-0}
  now=$(now_ms)
  for name in "${SUP_NAMES[@]}"; do
    sup_seen[$name]=$(started_pid "$name")
    sup_since[$name]=$now
    sup_delay[$name]=$SUP_BACKOFF_MS
    sup_due[$name]=0
    sup_down[$name]=""
  done
  local watching=""
  for name in "${SUP_NAMES[@]}"; do watching+=", $name ${sup_seen[$name]}"; done
  stack_log -q "supervisor: watching ${watching#, }"
  # bash's own notes on children killed by a signal ("Killed  setsid …")
  # would repeat what the log says: the loop's stderr goes nowhere and the
  # log writes to a copy of it (the servers write to their own logs)
  exec {STACK_ERR}>&2
  while [ "$SUP_STOP" = 0 ]; do
    now=$(now_ms)
    for name in "${SUP_NAMES[@]}"; do
      [ "$SUP_STOP" = 0 ] || break
      pid=$(started_pid "$name")
      [ -n "$pid" ] || continue
      if [ "$pid" != "${sup_seen[$name]}" ]; then
        sup_seen[$name]=$pid
        sup_since[$name]=$now
        sup_due[$name]=0
      fi
      [ "${sup_down[$name]}" = "$pid" ] && continue
      if [ "${sup_due[$name]}" = 0 ]; then
        proc_alive "$pid" && continue
        # gone; unless a stop took the record away meanwhile
        [ "$(started_pid "$name")" = "$pid" ] || continue
        sup_exit "$pid"
        how=$SUP_HOW
        up=$(((now - sup_since[$name]) / 1000))
        if [ "$how" = "status 0" ]; then
          stack_log "supervisor: $name (pid $pid) exited with status 0 after ${up}s; stopped on purpose, not restarted"
          sup_down[$name]=$pid
          continue
        fi
        [ $((now - sup_since[$name])) -ge "$SUP_STEADY_MS" ] && sup_delay[$name]=$SUP_BACKOFF_MS
        stack_log "supervisor: $name (pid $pid) died ($how) after ${up}s; restarting in $((sup_delay[$name] / 1000)).$((sup_delay[$name] % 1000 / 100))s"
        kill -KILL -- "-$pid" 2>/dev/null # what it left behind in its group (nginx's workers)
        sup_due[$name]=$((now + sup_delay[$name]))
        sup_delay[$name]=$((sup_delay[$name] * 2))
        [ "${sup_delay[$name]}" -gt "$SUP_BACKOFF_MAX_MS" ] && sup_delay[$name]=$SUP_BACKOFF_MAX_MS
      elif [ "$now" -ge "${sup_due[$name]}" ]; then
        [ "$(started_pid "$name")" = "$pid" ] || continue
        sup_respawn "$name"
        sup_seen[$name]=$(started_pid "$name")
        sup_since[$name]=$now
        sup_due[$name]=0
        stack_log "supervisor: restarted $name: pid ${sup_seen[$name]}"
      fi
    done
    sleep 0.2 &
    wait $!
  done 2>/dev/null
  stack_log -q "supervisor: stop requested"
}

# supervisor_ready PID SECONDS: waits until the supervisor PID (started as
# tools/supervise.sh for $STATE) has the stack up; fails when it exits or
# takes longer.
supervisor_ready() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    [ -e "$STATE/run/supervisor.ready" ] && return 0
    proc_alive "$1" || return 1
    sleep 0.1
  done
  echo "stack: the supervisor did not bring the stack up in ${2}s" >&2
  return 1
}

# supervisor_stop: stops the stack in $STATE through its recorded
# supervisor (SIGTERM; it stops the servers in order) and waits for it;
# then stops by pid whatever a supervisor that is gone left behind.
supervisor_stop() {
  local pid i
  pid=$(started_pid supervisor)
  if [ -n "$pid" ] && proc_alive "$pid" && started_is supervisor "$pid"; then
    kill -TERM "$pid"
    for ((i = 0; i < 1800; i++)); do proc_alive "$pid" || break; sleep 0.1; done
  fi
  rm -f "$STATE/run/supervisor.started" "$STATE/run/supervisor.ready"
  stack_stop
}
