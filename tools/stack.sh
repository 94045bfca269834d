#!/usr/bin/env bash
# Brings up the whole stack in one state directory: a private MariaDB, the
# migrations and demo seed, the FastCGI pool and nginx. Sourced by
# tools/run.sh (var/, port 8080) and tests/run.sh (var/test/, port 18080).
# Everything started is recorded by pid and stopped by pid.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

# stack_init STATE PORT WORKERS [SWEEP_SECONDS]: directories, secrets and
# config files. The sandbox payment gateway's cashier listens on PORT + 1
# (SANDBOX_PORT), a site of its own like a real provider's.
stack_init() {
  STATE=$1
  PORT=$2
  WORKERS=${3:-8}
  SWEEP=${4:-30}
  SANDBOX_PORT=${SANDBOX_PORT:-$((PORT + 1))}
  mkdir -p "$STATE"/{db,run,log,nginx/body,nginx/fastcgi,nginx/proxy,nginx/uwsgi,nginx/scgi}
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
  # shellcheck disable=SC1091
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
sweep_interval = $SWEEP
# a test tool: the built-in sandbox payment gateway and its top-up
payment_sandbox = on
sandbox_url = http://127.0.0.1:$SANDBOX_PORT
CONF
  chmod 600 "$STATE/mp.conf"

  local user_line=""
  [ -n "$NGINX_USER" ] && user_line="user $NGINX_USER;"
  sed -e "s|@STATE@|$STATE|g" -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$PORT|g" \
      -e "s|@UPSTREAM@|unix:$SOCKET|g" -e "s|@WORKERS@|$WORKERS|g" -e "s|@USER_LINE@|$user_line|" \
      -e "s|@SANDBOX_PORT@|$SANDBOX_PORT|g" \
      -e "s|@LOGIN_RATE@|${LOGIN_RATE:-10r/m}|g" -e "s|@LOGIN_BURST@|${LOGIN_BURST:-5}|g" \
      "$ROOT/nginx/mp.conf.in" > "$STATE/nginx/nginx.conf"
  printf 'admin:%s\n' "$(openssl passwd -apr1 "$ADMIN_PASSWORD")" > "$STATE/nginx/htpasswd"
  if [ -n "$LISTEN_GROUP" ]; then
    chgrp "$LISTEN_GROUP" "$STATE/nginx/htpasswd" && chmod 640 "$STATE/nginx/htpasswd"
  fi
}

# wait_for DESCRIPTION SECONDS COMMAND...: polls until COMMAND succeeds.
wait_for() {
  local what=$1 secs=$2
  shift 2
  local i
  for ((i = 0; i < secs * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "stack: $what did not come up in ${secs}s" >&2
  return 1
}

db_client() {
  mariadb --no-defaults -S "$STATE/run/mysqld.sock" -u root "$@"
}

# db_start: creates the data directory once, then starts mariadbd.
db_start() {
  local as_user
  as_user=$(id -un)
  if [ ! -d "$STATE/db/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$STATE/db" --user="$as_user" \
      --auth-root-authentication-method=socket --skip-test-db > "$STATE/log/mariadb-install.log" 2>&1 || {
      cat "$STATE/log/mariadb-install.log" >&2
      return 1
    }
  fi
  mariadbd --no-defaults --datadir="$STATE/db" --socket="$STATE/run/mysqld.sock" --skip-networking \
    --pid-file="$STATE/run/mysqld.pid" --log-error="$STATE/log/mariadb.log" --user="$as_user" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=128M --max-connections=200 >/dev/null 2>&1 &
  echo $! > "$STATE/run/mysqld.started"
  wait_for "MariaDB" 60 db_client -e 'SELECT 1' || return 1
}

# started_pid NAME: the pid this stack recorded when it started NAME.
started_pid() {
  cat "$STATE/run/$1.started" 2>/dev/null
}

# stop_started NAME SIGNAL SECONDS: signals NAME's recorded pid, waits for
# it to exit, then forgets it.
stop_started() {
  local pid i
  pid=$(started_pid "$1")
  [ -n "$pid" ] || return 0
  kill "-$2" "$pid" 2>/dev/null || true
  for ((i = 0; i < $3 * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  rm -f "$STATE/run/$1.started"
}

db_stop() {
  stop_started mysqld TERM 60
}

# db_provision: the database and its user (idempotent), then migrations and seed.
db_provision() {
  db_client <<SQL || return 1
CREATE DATABASE IF NOT EXISTS mp CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'mp'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER 'mp'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON mp.* TO 'mp'@'localhost';
SQL
  "$ROOT/bin/mp-migrate" -c "$STATE/mp.conf" --seed "$ROOT/sql/seed/demo.sql" || return 1
}

pool_start() {
  rm -f "$STATE/run/pool.sock"
  "$ROOT/bin/mp-pool" -c "$STATE/mp.conf" >> "$STATE/log/pool.log" 2>&1 &
  echo $! > "$STATE/run/pool.started"
  wait_for "the pool" 30 test -S "$STATE/run/pool.sock" || return 1
}

pool_stop() {
  stop_started pool TERM 40
}

nginx_start() {
  local p
  for p in "$PORT" "$SANDBOX_PORT"; do
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$p/"; then
      echo "stack: something already answers on port $p; stop it or choose another port" >&2
      return 1
    fi
  done
  nginx -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -e "$STATE/log/nginx-error.log" \
    >> "$STATE/log/nginx-error.log" 2>&1 &
  echo $! > "$STATE/run/nginx.started"
  wait_for "nginx" 30 curl -fsS -o /dev/null "http://127.0.0.1:$PORT/static/site.css" || return 1
}

nginx_stop() {
  stop_started nginx QUIT 10
}

stack_stop() {
  nginx_stop
  pool_stop
  db_stop
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
