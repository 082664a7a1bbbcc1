#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine, for mlreg's Slurm tests and CI.
#
#   scripts/slurm-dev-cluster.sh start    install (Debian packages) if needed, configure, start, wait until idle
#   scripts/slurm-dev-cluster.sh stop     stop every daemon this script starts
#   scripts/slurm-dev-cluster.sh status   daemons and node state; exit 0 only when the node accepts jobs
#
# Needs root on Debian 12 (bookworm). Daemons run directly in the background (no systemd), with
# pid files under /run and logs under /var/log/slurm. `start` is idempotent.
#
# Environment:
#   SLURM_DEV_ACCOUNTING=slurmdbd (default) also starts MariaDB and slurmdbd, so sacct works;
#                        none      runs without accounting (sacct then has no records).
#   SLURM_DEV_WAIT_SECONDS     how long to wait for the node to become idle (default 60).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR
readonly TEMPLATE_DIR="$SCRIPT_DIR/slurm"
readonly CLUSTER_NAME=mlreg-dev
readonly ACCOUNTING="${SLURM_DEV_ACCOUNTING:-slurmdbd}"
readonly WAIT_SECONDS="${SLURM_DEV_WAIT_SECONDS:-60}"
readonly SLURM_CONF=/etc/slurm/slurm.conf
readonly SLURMDBD_CONF=/etc/slurm/slurmdbd.conf
readonly LOG_DIR=/var/log/slurm
readonly MUNGE_PID=/run/munge/munged.pid
readonly MARIADB_PID=/run/mysqld/mysqld.pid
readonly MARIADB_SOCKET=/run/mysqld/mysqld.sock
readonly SLURMDBD_PID=/run/slurmdbd.pid
readonly SLURMCTLD_PID=/run/slurmctld.pid
readonly SLURMD_PID=/run/slurmd.pid

log() { printf '[slurm-dev-cluster] %s\n' "$*"; }
die() { printf '[slurm-dev-cluster] error: %s\n' "$*" >&2; exit 1; }

# True when the pid file names a live process of that program (a stale file's pid may be reused).
running() {
  local pid_file=$1 program=$2 pid
  [[ -s $pid_file ]] || return 1
  pid=$(cat "$pid_file")
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$program" ]] || return 1
  # A killed daemon whose parent has not reaped it yet is a zombie, not a running daemon.
  ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}

# Polls a command until it succeeds, for at most $1 seconds; $2 describes what is awaited.
wait_for() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.5
  done
  log "$what after $((SECONDS - START_SECONDS)) s"
}

require_root_debian() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (received uid $(id -u))"
  command -v apt-get >/dev/null || die "expected a Debian system with apt-get; none found"
}

package_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Installs Debian's Slurm and MUNGE (and MariaDB + slurmdbd for accounting) when missing.
install_packages() {
  local wanted=(slurm-wlm munge)
  if [[ $ACCOUNTING == slurmdbd ]]; then
    wanted+=(slurmdbd mariadb-server)
  fi
  local missing=()
  local package
  for package in "${wanted[@]}"; do
    package_installed "$package" || missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Waits for another apt-get or dpkg (up to 5 minutes) instead of failing on its lock.
  local wait_lock=(-o DPkg::Lock::Timeout=300)
  apt-get "${wait_lock[@]}" update -qq
  apt-get "${wait_lock[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "installed after $((SECONDS - START_SECONDS)) s"
}

ensure_munge_key() {
  install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
  install -d -o munge -g munge -m 0755 /run/munge
  if [[ ! -s /etc/munge/munge.key ]]; then
    log "creating /etc/munge/munge.key"
    if command -v mungekey >/dev/null; then
      mungekey --create --keyfile=/etc/munge/munge.key
    else
      dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    fi
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
}

start_munged() {
  running "$MUNGE_PID" munged && return 0
  ensure_munge_key
  runuser -u munge -- /usr/sbin/munged --pid-file="$MUNGE_PID"
  wait_for 10 "munged is up" bash -c 'munge -n | unmunge' || die "munged did not answer within 10 s; see /var/log/munge/munged.log"
}

# "CPUs=2 Boards=1 SocketsPerBoard=1 CoresPerSocket=2 ThreadsPerCore=1 RealMemory=24105", from slurmd -C.
node_hardware() {
  local line
  line=$(slurmd -C | head -n 1)
  [[ $line == NodeName=* ]] || die "expected 'NodeName=… CPUs=…' from slurmd -C; received: $line"
  printf '%s\n' "${line#NodeName=* }"
}

accounting_lines() {
  if [[ $ACCOUNTING == slurmdbd ]]; then
    printf '%s\n' \
      '# Job records go to slurmdbd (MariaDB), which is what sacct reads.' \
      'AccountingStorageType=accounting_storage/slurmdbd' \
      'AccountingStorageHost=localhost' \
      'AccountingStoragePort=6819' \
      'JobCompType=jobcomp/none'
  else
    printf '%s\n' \
      '# No accounting: sacct has no records; final states come from squeue while MinJobAge lasts.' \
      'AccountingStorageType=accounting_storage/none' \
      'JobCompType=jobcomp/none'
  fi
}

# Renders a template's @NAME@ placeholders; the values contain no '|' or '&'.
render() {
  local template=$1 host=$2 hardware=$3 accounting=$4
  local line
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line == '@ACCOUNTING@' ]]; then
      printf '%s\n' "$accounting"
      continue
    fi
    line=${line//@CLUSTER@/$CLUSTER_NAME}
    line=${line//@HOST@/$host}
    line=${line//@NODE_HARDWARE@/$hardware}
    printf '%s\n' "$line"
  done <"$template"
}

# Writes slurm.conf (and slurmdbd.conf); sets CONFIG_CHANGED=1 when slurm.conf differs from before.
CONFIG_CHANGED=0
write_configs() {
  local host hardware rendered
  host=$(hostname -s)
  hardware=$(node_hardware)
  install -d -m 0755 /etc/slurm "$LOG_DIR" /var/spool/slurmd
  install -d -m 0700 /var/spool/slurmctld
  rendered=$(render "$TEMPLATE_DIR/slurm.conf.in" "$host" "$hardware" "$(accounting_lines)")
  if [[ $ACCOUNTING == slurmdbd ]]; then
    install -m 0600 /dev/null "$SLURMDBD_CONF.new"
    cat "$TEMPLATE_DIR/slurmdbd.conf.in" >"$SLURMDBD_CONF.new"
    mv "$SLURMDBD_CONF.new" "$SLURMDBD_CONF"
  fi
  if [[ -f $SLURM_CONF ]] && [[ "$(cat "$SLURM_CONF")" == "$rendered" ]]; then
    return 0
  fi
  printf '%s\n' "$rendered" >"$SLURM_CONF"
  log "wrote $SLURM_CONF for node $host ($hardware)"
  CONFIG_CHANGED=1
}

start_mariadb() {
  running "$MARIADB_PID" mariadbd && return 0
  install -d -o mysql -g mysql -m 0755 /run/mysqld /var/log/mysql
  if [[ ! -d /var/lib/mysql/mysql ]]; then
    log "initialising the MariaDB data directory"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  # Local socket only: slurmdbd connects through it, and nothing listens on a network port.
  setsid /usr/sbin/mariadbd --user=mysql --datadir=/var/lib/mysql --pid-file="$MARIADB_PID" \
    --socket="$MARIADB_SOCKET" --skip-networking --log-error=/var/log/mysql/error.log \
    --innodb-lock-wait-timeout=900 </dev/null >/dev/null 2>&1 &
  wait_for 30 "MariaDB is up" mariadb-admin --socket="$MARIADB_SOCKET" ping \
    || die "MariaDB did not answer within 30 s; see /var/log/mysql/error.log"
}

start_slurmdbd() {
  running "$SLURMDBD_PID" slurmdbd && return 0
  /usr/sbin/slurmdbd
  wait_for 30 "slurmdbd is up" sacctmgr --noheader --parsable2 list cluster \
    || die "slurmdbd did not answer within 30 s; see $LOG_DIR/slurmdbd.log"
  if ! sacctmgr --noheader --parsable2 list cluster format=Cluster | grep -qx "$CLUSTER_NAME"; then
    sacctmgr --immediate add cluster "$CLUSTER_NAME" >/dev/null
    log "registered cluster $CLUSTER_NAME with slurmdbd"
  fi
}

start_slurm_daemons() {
  if ! running "$SLURMCTLD_PID" slurmctld; then
    /usr/sbin/slurmctld
  fi
  wait_for 30 "slurmctld is up" scontrol ping \
    || die "slurmctld did not answer within 30 s; see $LOG_DIR/slurmctld.log"
  if ! running "$SLURMD_PID" slurmd; then
    /usr/sbin/slurmd
  fi
}

node_state() {
  sinfo --noheader --nodes="$(hostname -s)" --format=%T 2>/dev/null | head -n 1
}

node_idle() {
  [[ $(node_state) == idle ]]
}

wait_until_idle() {
  if wait_for "$WAIT_SECONDS" "node $(hostname -s) is idle" node_idle; then
    return 0
  fi
  # A node left drained or down by an earlier run is put back into service once.
  log "node state is '$(node_state)'; resuming it"
  scontrol update NodeName="$(hostname -s)" State=RESUME 2>/dev/null || true
  wait_for 15 "node $(hostname -s) is idle" node_idle \
    || die "node $(hostname -s) did not become idle within $WAIT_SECONDS s (state '$(node_state)'); see $LOG_DIR/slurmctld.log and $LOG_DIR/slurmd.log"
}

# Sends SIGTERM to the daemon of a pid file and waits for it to exit.
stop_daemon() {
  local name=$1 pid_file=$2 pid
  running "$pid_file" "$name" || return 0
  pid=$(cat "$pid_file")
  kill -TERM "$pid"
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || die "$name (pid $pid) still running 30 s after SIGTERM"
    sleep 0.2
  done
  log "stopped $name"
}

cmd_start() {
  START_SECONDS=$SECONDS
  require_root_debian
  install_packages
  start_munged
  write_configs
  if ((CONFIG_CHANGED)); then
    # Daemons started with an older slurm.conf are restarted to read the new one.
    stop_daemon slurmd "$SLURMD_PID"
    stop_daemon slurmctld "$SLURMCTLD_PID"
  fi
  if [[ $ACCOUNTING == slurmdbd ]]; then
    start_mariadb
    start_slurmdbd
  fi
  start_slurm_daemons
  wait_until_idle
  log "cluster $CLUSTER_NAME ready in $((SECONDS - START_SECONDS)) s (accounting: $ACCOUNTING)"
}

cmd_stop() {
  require_root_debian
  stop_daemon slurmd "$SLURMD_PID"
  stop_daemon slurmctld "$SLURMCTLD_PID"
  stop_daemon slurmdbd "$SLURMDBD_PID"
  stop_daemon mariadbd "$MARIADB_PID"
  stop_daemon munged "$MUNGE_PID"
}

cmd_status() {
  local name pid_file
  for name in munged mariadbd slurmdbd slurmctld slurmd; do
    case $name in
      munged) pid_file=$MUNGE_PID ;;
      mariadbd) pid_file=$MARIADB_PID ;;
      slurmdbd) pid_file=$SLURMDBD_PID ;;
      slurmctld) pid_file=$SLURMCTLD_PID ;;
      slurmd) pid_file=$SLURMD_PID ;;
    esac
    if running "$pid_file" "$name"; then
      printf '%-10s running (pid %s)\n' "$name" "$(cat "$pid_file")"
    else
      printf '%-10s stopped\n' "$name"
    fi
  done
  local state
  state=$(node_state || true)
  printf '%-10s %s\n' node "${state:-unknown}"
  [[ $state == idle || $state == mixed || $state == allocated ]]
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
