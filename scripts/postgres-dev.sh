#!/usr/bin/env bash
# A real PostgreSQL server on this machine, for mlreg's shared-history tests and CI.
#
#   scripts/postgres-dev.sh start      install (Debian package postgresql) if needed, create the cluster, start, wait until it answers
#   scripts/postgres-dev.sh stop       stop the server this script started
#   scripts/postgres-dev.sh status     exit 0 only when the server accepts connections
#   scripts/postgres-dev.sh url-file   print the path of the file that holds the server's URL (mode 600)
#
# The server listens on 127.0.0.1 only (port $MLREG_POSTGRES_PORT, default 55432) with a role
# `mlreg` that may create databases; its password is generated at the first start and kept, with
# the URL, in the data directory. The URL is a secret: this script never prints it; tests read it
# from the file (MLREG_TEST_DATABASE_URL_FILE) or from MLREG_TEST_DATABASE_URL.
#
# Environment:
#   MLREG_POSTGRES_DIR    data directory (default /var/lib/mlreg-postgres-dev as root, else ~/.mlreg-postgres-dev)
#   MLREG_POSTGRES_PORT   port (default 55432)
set -euo pipefail

if [[ $(id -u) == 0 ]]; then
  readonly DATA_ROOT="${MLREG_POSTGRES_DIR:-/var/lib/mlreg-postgres-dev}"
else
  readonly DATA_ROOT="${MLREG_POSTGRES_DIR:-$HOME/.mlreg-postgres-dev}"
fi
readonly PORT="${MLREG_POSTGRES_PORT:-55432}"
readonly DATA_DIR="$DATA_ROOT/data"
readonly URL_FILE="$DATA_ROOT/url"
readonly LOG_FILE="$DATA_ROOT/server.log"

log() { printf '[postgres-dev] %s\n' "$*"; }
die() { printf '[postgres-dev] error: %s\n' "$*" >&2; exit 1; }

# The server's binaries (Debian keeps them under /usr/lib/postgresql/<major>/bin).
bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir && -x $dir/postgres ]] || return 1
  printf '%s' "$dir"
}

# Runs a command as the owner of the data directory: postgres refuses to run as root.
as_owner() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_if_missing() {
  bin_dir >/dev/null && return 0
  [[ $(id -u) == 0 ]] || die "PostgreSQL is not installed; as root: apt-get install postgresql"
  log "installing the Debian package postgresql"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

answers() {
  "$(bin_dir)/pg_isready" -q -h 127.0.0.1 -p "$PORT"
}

create_cluster() {
  [[ -f $DATA_DIR/PG_VERSION ]] && return 0
  log "creating a cluster in $DATA_DIR"
  mkdir -p "$DATA_ROOT"
  [[ $(id -u) == 0 ]] && chown postgres: "$DATA_ROOT"
  chmod 700 "$DATA_ROOT"
  as_owner "$(bin_dir)/initdb" -D "$DATA_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 >/dev/null
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $PORT"
    echo "unix_socket_directories = '$DATA_ROOT'"
    echo "max_connections = 200"
    echo "fsync = off"
  } | as_owner tee -a "$DATA_DIR/postgresql.conf" >/dev/null
}

create_role() {
  [[ -s $URL_FILE ]] && return 0
  local password
  password=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
  as_owner "$(bin_dir)/psql" -q -h "$DATA_ROOT" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE mlreg LOGIN CREATEDB PASSWORD '$password'" \
    -c "CREATE DATABASE mlreg OWNER mlreg" >/dev/null
  (umask 077 && printf 'postgres://mlreg:%s@127.0.0.1:%s/mlreg\n' "$password" "$PORT" >"$URL_FILE")
  log "role mlreg created; its URL is in $URL_FILE"
}

start() {
  install_if_missing
  create_cluster
  if ! answers; then
    log "starting the server on 127.0.0.1:$PORT"
    as_owner "$(bin_dir)/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 start >/dev/null || die "the server did not start; see $LOG_FILE"
  fi
  create_role
  answers || die "the server does not answer on 127.0.0.1:$PORT; see $LOG_FILE"
  log "ready on 127.0.0.1:$PORT"
}

stop() {
  bin_dir >/dev/null || return 0
  [[ -f $DATA_DIR/postmaster.pid ]] || { log "not running"; return 0; }
  as_owner "$(bin_dir)/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) bin_dir >/dev/null && answers ;;
  url-file) printf '%s\n' "$URL_FILE" ;;
  *) die "usage: $0 start|stop|status|url-file" ;;
esac
