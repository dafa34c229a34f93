# shellcheck shell=bash
# The private development stack under var/: MariaDB, OpenLDAP (slapd), the
# SMTP catcher, the FastCGI page processes, the workers and nginx. Sourced by scripts/start,
# scripts/stop and scripts/service; each service has a NAME_start and a
# NAME_stop function, both idempotent.
#
# Every process is started in its own session (setsid), so its process id is
# also its process group id and stopping it ends the whole group (multiwatch
# and its children, nginx's master and workers). A pid file is trusted only
# when its process is alive and its command line names this checkout, so a
# stale file from an earlier boot never gets an unrelated process killed.
# Nothing here touches Debian's own nginx, MariaDB or slapd services.
#
# scripts/cluster sources this file too and sets the variables below (VAR,
# RUN, LOGS, CONFIG_FILE, DB_*, SECRETS, MAIL_DIR, ...) to a Galera node's or
# an app host's folders before calling a function: the functions read them
# when they run, not when this file is sourced.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BUILD=$ROOT/build
# The folder whose cgi/, cgi-admin/ and tools/ hold the page executables and
# workers the stack runs: build/, or STACK_PROGRAMS (make check-asan runs the
# sanitized ones of build/asan/). Everything else (nginx files, dictionary,
# passwdctl) comes from build/.
PROGRAMS=${STACK_PROGRAMS:-$BUILD}
VAR=$ROOT/var
RUN=$VAR/run
LOGS=$VAR/log
PORT=${PORT:-8080}
FCGI_PROCS=${FCGI_PROCS:-2}
SMTP_HOST=127.0.0.1
CONFIG_FILE=$VAR/passwd.conf
# The catcher's port: SMTP_PORT, else the one var/passwd.conf was written for
# (so scripts/service agrees with the scripts/start that wrote it), else 2525.
if [ -z "${SMTP_PORT:-}" ] && [ -r "$CONFIG_FILE" ]; then
  SMTP_PORT=$(sed -n 's|^smtp_url *= *smtp://127\.0\.0\.1:\([0-9][0-9]*\) *$|\1|p' "$CONFIG_FILE" | tail -n 1)
fi
SMTP_PORT=${SMTP_PORT:-2525}
export SMTP_PORT
# The development slapd's port: SLAPD_PORT, else the one var/passwd.conf was
# written for, else 3890.
if [ -z "${SLAPD_PORT:-}" ] && [ -r "$CONFIG_FILE" ]; then
  SLAPD_PORT=$(sed -n 's|^uri *= *ldap://127\.0\.0\.1:\([0-9][0-9]*\) *$|\1|p' "$CONFIG_FILE" | tail -n 1)
fi
SLAPD_PORT=${SLAPD_PORT:-3890}
export SLAPD_PORT
DB_NAME=passwd
DB_APP_USER=passwd_app
# The least-privileged accounts of the public pages, the console and the
# workers (sql/grants.sql.in); the user names match scripts/dev-config's.
DB_ROLE_USERS=(pages:passwd_pages console:passwd_console workers:passwd_workers)
DB_DATA=$VAR/mysql
DB_CNF=$VAR/mariadb.cnf
DB_SOCKET=$RUN/mysqld.sock
DB_PID=$RUN/mysqld.pid
# Empty: the server listens on its socket only. A port: also on 127.0.0.1
# (scripts/cluster's Galera nodes).
DB_PORT=
# Lines added to the [mariadbd] section (the Galera settings of a node), and
# arguments added to mariadbd's command line (--wsrep-new-cluster).
DB_CNF_EXTRA=
DB_START_ARGS=()
# no: db_start leaves an empty data folder empty (a Galera node that joins
# receives its data from the cluster).
DB_INIT=yes
# Seconds a starting server has to answer (a joining node receives a copy).
DB_START_TIMEOUT=60
# The host part of the service's database accounts: localhost over the
# socket, 127.0.0.1 over TCP with skip-name-resolve.
DB_ACCOUNT_HOST=localhost
# The configuration umin-passwdctl migrate runs with (its migrate_user).
MIGRATE_CONFIG=
# The secrets scripts/dev-config generated (database passwords, keys).
SECRETS=$VAR/secrets
MAIL_DIR=$VAR/mail
SMTP_PID=$RUN/smtp.pid
# slapd: its own configuration, database and pid under var/ldap and var/run.
LDAP_DIR=$VAR/ldap
SLAPD_CONF=$LDAP_DIR/slapd.conf
SLAPD_DATA=$LDAP_DIR/data
SLAPD_PID=$RUN/slapd.pid
LDAP_URI=ldap://127.0.0.1:$SLAPD_PORT
LDAP_SUFFIX=dc=umin,dc=ac,dc=jp
LDAP_ADMIN_DN=cn=admin,$LDAP_SUFFIX
LDAP_SYNC_DN=cn=passwd-sync,ou=services,$LDAP_SUFFIX
# The demo accounts' initial password in the directory (README).
LDAP_DEMO_PASSWORD='Ldap#Demo1'
NGINX_CONF=$BUILD/nginx/nginx-dev.conf
NGINX_PID=$RUN/nginx.pid
WORKERS=(mail_sender sync_worker housekeeper)
# Debian's python3, which has python3-aiosmtpd (not a pyenv one first on PATH).
SYSTEM_PYTHON=/usr/bin/python3
PROG=${PROG:-$(basename "$0")}

say() { printf '%s: %s\n' "$PROG" "$*"; }
warn() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { warn "error: $*"; exit 1; }

# Prints the last lines of a log file to stderr, to explain a failure; nginx's
# [info] lines (our own polling) are left out.
show_log() {
  local file=$1 lines=${2:-25}
  if [ -s "$file" ]; then
    printf -- '--- last lines of %s ---\n' "${file#"$ROOT"/}" >&2
    tail -n 2000 "$file" | grep -v '^[0-9/]* [0-9:]* \[info\]' | tail -n "$lines" >&2
    printf -- '---\n' >&2
  else
    warn "(${file#"$ROOT"/} is empty or missing)"
  fi
}

make_dirs() {
  mkdir -p "$RUN/fcgi" "$LOGS" "$VAR/mail" "$VAR/nginx" "$VAR/tmp"
}

# Takes the stack's lock (fd 9) so two start/stop/service runs never overlap;
# launch and run_closed keep it out of the processes they start.
lock_stack() {
  mkdir -p "$RUN"
  exec 9>"$RUN/stack.lock"
  flock -w 300 9 || die "another scripts/start, stop or service holds $RUN/stack.lock"
}

# --- processes --------------------------------------------------------------

# Sets STAT_STATE (R, S, Z, ...) and STAT_PGRP of process PID; fails when it
# does not exist. No subshell: group_alive calls it for every process.
read_stat() {
  local line fields
  { read -r line < "/proc/$1/stat"; } 2> /dev/null || return 1
  read -r -a fields <<< "${line##*) }"
  STAT_STATE=${fields[0]}
  STAT_PGRP=${fields[2]}
}

# True when PID is alive, not a zombie.
is_alive() {
  [[ $1 =~ ^[0-9]+$ ]] && read_stat "$1" || return 1
  case $STAT_STATE in Z|X|x) return 1 ;; esac
}

# True when PID is alive and its command line names this checkout.
is_ours() {
  local pid=$1 args
  is_alive "$pid" || return 1
  { mapfile -d '' args < "/proc/$pid/cmdline"; } 2> /dev/null || return 1
  [[ " ${args[*]} " == *"$ROOT/"* ]]
}

# Prints the pid in FILE when the file names a live process of ours.
running_pid() {
  local file=$1 pid
  [ -r "$file" ] || return 1
  { read -r pid < "$file"; } 2> /dev/null || return 1
  is_ours "$pid" || return 1
  printf '%s\n' "$pid"
}

# True while any live (non-zombie) process belongs to process group PGID.
group_alive() {
  local dir
  for dir in /proc/[0-9]*; do
    read_stat "${dir#/proc/}" || continue
    [ "$STAT_PGRP" = "$1" ] || continue
    case $STAT_STATE in Z|X|x) continue ;; esac
    return 0
  done
  return 1
}

# Closes the file descriptors above 2 (the stack lock, make's jobserver pipe)
# of the current (sub)shell, so the programs started from it do not hold them.
close_fds() {
  local fd
  for fd in "/proc/$BASHPID/fd"/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-"; fi
  done
}

# Runs a command in the foreground without the descriptors close_fds closes,
# for programs that daemonize themselves (nginx).
run_closed() {
  ( close_fds; exec "$@" )
}

# Log files of the development stack are rotated when a process starts:
# past LOG_MAX_BYTES (10 MiB unless set) the file becomes FILE.1, replacing
# the one before, so that no log grows without end and two generations stay.
# While the stack runs, scripts/log-keeper (logkeeper_start) does the same
# every minute for the processes that never restart.
LOG_MAX_BYTES=${LOG_MAX_BYTES:-10485760}
rotate_log() {
  local file=$1 size
  [ -f "$file" ] || return 0
  size=$(stat -c %s "$file" 2>/dev/null) || return 0
  if [ "$size" -gt "$LOG_MAX_BYTES" ]; then mv -f "$file" "$file.1"; fi
}

# launch LOG CMD...: starts CMD in the background in a new session, stdin from
# /dev/null, stdout and stderr appended to LOG. Sets LAUNCHED_PID, which is
# also the new process group's id.
launch() {
  local log=$1
  shift
  rotate_log "$log"
  (
    close_fds
    exec setsid "$@" < /dev/null >> "$log" 2>&1
  ) &
  LAUNCHED_PID=$!
}

# still_running PID PGID: the process group when PID leads it, else PID alone.
still_running() {
  if [ "$2" = "$1" ]; then group_alive "$2"; else is_ours "$1"; fi
}

# stop_pidfile NAME PIDFILE [SIGNAL] [TIMEOUT]: signals the process of PIDFILE,
# waits until its whole process group has ended, kills what remains after
# TIMEOUT seconds, and removes the pid file.
stop_pidfile() {
  local name=$1 file=$2 sig=${3:-TERM} timeout=${4:-20} pid pgid='' waited=0
  if ! pid=$(running_pid "$file"); then
    rm -f "$file"
    return 0
  fi
  if read_stat "$pid"; then pgid=$STAT_PGRP; fi
  say "stopping $name (pid $pid)"
  kill -s "$sig" "$pid" 2>/dev/null || true
  while still_running "$pid" "$pgid"; do
    if [ "$waited" -ge $((timeout * 10)) ]; then
      warn "$name did not stop within ${timeout}s; killing it"
      if [ "$pgid" = "$pid" ]; then kill -KILL -- "-$pgid" 2>/dev/null || true
      else kill -KILL "$pid" 2>/dev/null || true; fi
      local k=0
      while still_running "$pid" "$pgid" && [ $k -lt 50 ]; do sleep 0.1; k=$((k + 1)); done
      if still_running "$pid" "$pgid"; then
        warn "$name (pid $pid) survived SIGKILL"
        return 1
      fi
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$file"
}

# wait_until SECONDS PID CMD...: polls CMD every 0.2 s until it succeeds; fails
# when the time is up or when PID (if not empty) has died meanwhile.
wait_until() {
  local seconds=$1 pid=$2 tries=0
  shift 2
  until "$@"; do
    if [ -n "$pid" ] && ! is_alive "$pid"; then return 2; fi
    if [ $tries -ge $((seconds * 5)) ]; then return 1; fi
    sleep 0.2
    tries=$((tries + 1))
  done
}

# Unix socket paths are limited to 107 bytes; fail clearly, not mysteriously.
check_socket_path() {
  [ ${#1} -le 107 ] || die "socket path too long for a unix socket (${#1} > 107 bytes): $1; move the checkout to a shorter path"
}

# --- MariaDB ----------------------------------------------------------------

write_db_cnf() {
  local user tmp
  user=$(id -un)
  tmp=$(mktemp "$DB_CNF.XXXXXX")
  local networking=skip-networking
  if [ -n "$DB_PORT" ]; then networking="port = $DB_PORT
bind-address = 127.0.0.1"; fi
  cat > "$tmp" <<EOF
# Written by scripts/$PROG: a private MariaDB of the development stack.
[mariadbd]
user = $user
datadir = $DB_DATA
socket = $DB_SOCKET
pid-file = $DB_PID
log-error = $LOGS/mariadb.log
tmpdir = $VAR/tmp
$networking
skip-name-resolve
innodb_flush_log_at_trx_commit = 1
character-set-server = utf8mb4
collation-server = utf8mb4_bin
default-time-zone = +00:00
innodb_buffer_pool_size = 512M
max_connections = 200
$DB_CNF_EXTRA

# The DB root, for scripts/start's set-up and the tests' assertions
# (umin-passwdctl migrate connects as this user too, through the socket):
# mariadb --defaults-file=var/mariadb.cnf passwd
[client]
user = $user
socket = $DB_SOCKET
default-character-set = utf8mb4
EOF
  if [ -f "$DB_CNF" ] && cmp -s "$tmp" "$DB_CNF"; then rm -f "$tmp"; else mv "$tmp" "$DB_CNF"; fi
  chmod 644 "$DB_CNF"
}

db_sql() { mariadb --defaults-file="$DB_CNF" "$@"; }

db_answers() {
  mariadb-admin --defaults-file="$DB_CNF" --connect-timeout=2 ping > /dev/null 2>&1
}

db_init() {
  [ -d "$DB_DATA/mysql" ] && return 0
  say "initialising the private MariaDB in ${DB_DATA#"$ROOT"/}"
  rm -rf "$DB_DATA.new"
  # Installed beside and renamed at the end, so a failed install never looks
  # like a data directory.
  if ! mariadb-install-db --defaults-file="$DB_CNF" --datadir="$DB_DATA.new" \
      --auth-root-authentication-method=socket --skip-test-db \
      --skip-name-resolve > "$LOGS/mariadb-install.log" 2>&1; then
    show_log "$LOGS/mariadb-install.log"
    die "mariadb-install-db failed"
  fi
  mv "$DB_DATA.new" "$DB_DATA"
}

db_start() {
  check_socket_path "$DB_SOCKET"
  write_db_cnf
  if [ "$DB_INIT" != no ]; then db_init; fi
  local pid rc=0
  if pid=$(running_pid "$DB_PID"); then
    wait_until 60 "$pid" db_answers || rc=$?
    if [ $rc -eq 0 ]; then return 0; fi
    show_log "$LOGS/mariadb.log"
    die "MariaDB (pid $pid) is running but does not answer on ${DB_SOCKET#"$ROOT"/}"
  fi
  rm -f "$DB_PID" "$DB_SOCKET" "$DB_SOCKET.lock"
  say "starting MariaDB on ${DB_SOCKET#"$ROOT"/}"
  launch "$LOGS/mariadb.log" /usr/sbin/mariadbd --defaults-file="$DB_CNF" ${DB_START_ARGS[@]+"${DB_START_ARGS[@]}"}
  echo "$LAUNCHED_PID" > "$DB_PID"
  wait_until "$DB_START_TIMEOUT" "$LAUNCHED_PID" db_answers || rc=$?
  if [ $rc -ne 0 ]; then
    show_log "$LOGS/mariadb.log"
    if [ $rc -eq 2 ]; then die "MariaDB exited during start-up"; fi
    die "MariaDB did not answer within $DB_START_TIMEOUT s"
  fi
}

db_stop() {
  # SIGTERM is mariadbd's clean shutdown; a big buffer pool may take a while.
  stop_pidfile MariaDB "$DB_PID" TERM 60
  if ! running_pid "$DB_PID" > /dev/null; then rm -f "$DB_SOCKET" "$DB_SOCKET.lock"; fi
}

# Creates the database and the app's user (least privilege), applies the
# migrations not applied yet (umin-passwdctl migrate, as this user through the
# root socket: migrate_user in var/passwd.conf), and loads the demo data.
db_setup() {
  local app_password out file
  local account="'$DB_APP_USER'@'$DB_ACCOUNT_HOST'"
  app_password=$(tr -d '[:space:]' < "$SECRETS/db_password")
  [[ $app_password =~ ^[0-9a-f]+$ ]] || die "${SECRETS#"$ROOT"/}/db_password is not hex; delete it and run again"
  # Through stdin, so the password never appears in a process list.
  db_sql <<EOF || die "could not create the database and its user"
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\`;
CREATE USER IF NOT EXISTS $account IDENTIFIED BY '$app_password';
ALTER USER $account IDENTIFIED BY '$app_password';
GRANT SELECT, INSERT, UPDATE, DELETE ON \`$DB_NAME\`.* TO $account;
EOF

  [ -x "$BUILD/tools/passwdctl" ] || die "${BUILD#"$ROOT"/}/tools/passwdctl missing: run 'make all' first"
  if ! out=$(PASSWD_CONFIG=${MIGRATE_CONFIG:-$CONFIG_FILE} "$BUILD/tools/passwdctl" migrate 2>&1); then
    printf '%s\n' "$out" >&2
    die "the migrations failed (fix a landed one in a new file; see above)"
  fi
  grep '^applied ' <<< "$out" | sed "s/^/$PROG: /" || true
  for file in "$ROOT"/sql/demo/*.sql; do
    [ -f "$file" ] || continue
    db_sql "$DB_NAME" < "$file" || die "loading demo data sql/demo/${file##*/} failed"
  done
  db_role_accounts
  # The demo operator of the console (README); re-running changes nothing.
  printf '%s' 'Demo#Op3r8' | PASSWD_CONFIG=$CONFIG_FILE \
    "$BUILD/tools/passwdctl" add-operator demo-op 'デモ オペレータ' >/dev/null \
    || die "creating the demo operator demo-op failed"
  return 0
}

# Creates the accounts of the public pages, the console and the workers with
# their passwords from var/secrets/, and gives each exactly the grants of
# sql/grants.sql.in (everything revoked first, so a grant removed from the
# file goes). Runs after the migrations: the grants name tables.
db_role_accounts() {
  local entry role user password sql='' host=$DB_ACCOUNT_HOST
  for entry in "${DB_ROLE_USERS[@]}"; do
    role=${entry%%:*} user=${entry#*:}
    password=$(tr -d '[:space:]' < "$SECRETS/db_password_$role")
    [[ $password =~ ^[0-9a-f]+$ ]] || die "${SECRETS#"$ROOT"/}/db_password_$role is not hex; delete it and run again"
    sql+="CREATE USER IF NOT EXISTS '$user'@'$host' IDENTIFIED BY '$password';
ALTER USER '$user'@'$host' IDENTIFIED BY '$password';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM '$user'@'$host';
"
  done
  # Through stdin, so the passwords never appear in a process list.
  { printf '%s' "$sql"; db_grants "$DB_NAME"; } | db_sql \
    || die "could not create the database accounts or apply sql/grants.sql.in"
}

# Prints sql/grants.sql.in for database $1 and the stack's three role
# accounts (scripts/bench grants them its run's database with it too).
db_grants() {
  local host=$DB_ACCOUNT_HOST
  sed -e "s/@DB@/\`$1\`/g" \
      -e "s/@PAGES@/'passwd_pages'@'$host'/g" \
      -e "s/@CONSOLE@/'passwd_console'@'$host'/g" \
      -e "s/@WORKERS@/'passwd_workers'@'$host'/g" "$ROOT/sql/grants.sql.in"
}

# --- OpenLDAP (slapd) -------------------------------------------------------

# Prints slappasswd's {SSHA} hash of the secret in FILE (read from the file,
# never from the command line).
ldap_hash_of() {
  slappasswd -h '{SSHA}' -T "$1" || die "slappasswd failed"
}

# var/ldap/slapd.conf: the suffix in an mdb database under var/ldap/data,
# the admin (rootdn) with var/secrets/ldap_admin_password, and the ACL that
# lets the sync-worker's service DN write userPassword (and read nothing of
# it), anyone bind, and signed-in users read the entries. Written once: its
# rootpw hash has a fresh salt each time.
ldap_write_conf() {
  local tmp root_hash
  [ -f "$SLAPD_CONF" ] && return 0
  [ -s "$VAR/secrets/ldap_admin_password" ] || die "var/secrets/ldap_admin_password missing (scripts/dev-config writes it)"
  root_hash=$(ldap_hash_of "$VAR/secrets/ldap_admin_password")
  mkdir -p "$LDAP_DIR"
  chmod 700 "$LDAP_DIR"
  tmp=$(mktemp "$SLAPD_CONF.XXXXXX")
  cat > "$tmp" <<EOF
# Written by scripts/start: the development stack's slapd.
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
argsfile $LDAP_DIR/slapd.args
loglevel stats

database mdb
maxsize 104857600
suffix "$LDAP_SUFFIX"
rootdn "$LDAP_ADMIN_DN"
rootpw $root_hash
directory $SLAPD_DATA

access to attrs=userPassword
  by dn.exact="$LDAP_SYNC_DN" =w
  by anonymous auth
  by * none
access to *
  by dn.exact="$LDAP_SYNC_DN" read
  by anonymous auth
  by users read
  by * none
EOF
  chmod 600 "$tmp"
  mv "$tmp" "$SLAPD_CONF"
}

# Creates the database under var/ldap/data once, loading sql/demo/people.ldif
# with the service's and the demo accounts' password hashes filled in.
ldap_init() {
  local ldif sync_hash demo_hash demo_file
  [ -f "$SLAPD_DATA/data.mdb" ] && return 0
  say "initialising the private slapd in ${LDAP_DIR#"$ROOT"/}"
  [ -s "$VAR/secrets/ldap_sync_password" ] || die "var/secrets/ldap_sync_password missing (scripts/dev-config writes it)"
  rm -rf "$SLAPD_DATA"
  mkdir -p "$SLAPD_DATA"
  sync_hash=$(ldap_hash_of "$VAR/secrets/ldap_sync_password")
  demo_file=$(mktemp "$LDAP_DIR/demo.XXXXXX")
  printf '%s' "$LDAP_DEMO_PASSWORD" > "$demo_file"
  demo_hash=$(ldap_hash_of "$demo_file")
  rm -f "$demo_file"
  ldif=$LDAP_DIR/people.ldif
  sed -e "s|@SYNC_PASSWORD@|$sync_hash|" -e "s|@DEMO_PASSWORD@|$demo_hash|" \
    "$ROOT/sql/demo/people.ldif" > "$ldif"
  if ! slapadd -q -f "$SLAPD_CONF" -l "$ldif" > "$LOGS/slapadd.log" 2>&1; then
    show_log "$LOGS/slapadd.log"
    rm -rf "$SLAPD_DATA"
    die "slapadd of sql/demo/people.ldif failed"
  fi
}

ldap_answers() {
  ldapsearch -x -H "$LDAP_URI" -o nettimeout=2 -b '' -s base -LLL namingContexts > /dev/null 2>&1
}

ldap_start() {
  local rc=0
  [ -x /usr/sbin/slapd ] || die "slapd missing: run scripts/install-deps as root"
  mkdir -p "$LDAP_DIR"
  ldap_write_conf
  ldap_init
  if running_pid "$SLAPD_PID" > /dev/null; then return 0; fi
  rm -f "$SLAPD_PID"
  if ldap_answers; then
    die "$LDAP_URI is taken by another program (another checkout's stack, or Debian's slapd?); stop it or set SLAPD_PORT"
  fi
  say "starting slapd on $LDAP_URI"
  # -d 0: stay in the foreground (our pid file, our process group), logging
  # to standard error, i.e. var/log/slapd.log.
  launch "$LOGS/slapd.log" /usr/sbin/slapd -d 0 -f "$SLAPD_CONF" -h "$LDAP_URI/"
  echo "$LAUNCHED_PID" > "$SLAPD_PID"
  wait_until 30 "$LAUNCHED_PID" ldap_answers || rc=$?
  if [ $rc -ne 0 ]; then
    show_log "$LOGS/slapd.log"
    if [ $rc -eq 2 ]; then die "slapd exited during start-up"; fi
    die "slapd does not answer on $LDAP_URI"
  fi
}

ldap_stop() {
  stop_pidfile slapd "$SLAPD_PID" TERM 20
}

# --- SMTP catcher -----------------------------------------------------------

smtp_answers() {
  local banner
  # shellcheck disable=SC2016  # $1 and $2 belong to the inner bash.
  banner=$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2" || exit 1
    IFS= read -r line <&3 || exit 1
    printf "QUIT\r\n" >&3
    printf "%s" "$line"' _ "$SMTP_HOST" "$SMTP_PORT" 2> /dev/null) || return 1
  [[ $banner == 220* ]]
}

# Ready: our server wrote its pid file (it does once listening) and answers.
smtp_ready() {
  local pid
  { read -r pid < "$SMTP_PID"; } 2> /dev/null && [ "$pid" = "$1" ] && smtp_answers
}

smtp_start() {
  local rc=0
  if running_pid "$SMTP_PID" > /dev/null; then return 0; fi
  rm -f "$SMTP_PID"
  [ -x "$SYSTEM_PYTHON" ] || die "$SYSTEM_PYTHON missing (Debian's python3; scripts/install-deps)"
  if smtp_answers; then
    die "$SMTP_HOST:$SMTP_PORT is taken by another program (another checkout's stack?); stop it or set SMTP_PORT"
  fi
  say "starting the SMTP server on $SMTP_HOST:$SMTP_PORT (mail to ${MAIL_DIR#"$ROOT"/})"
  launch "$LOGS/smtp.log" "$SYSTEM_PYTHON" "$ROOT/scripts/smtp-server.py" \
    --host "$SMTP_HOST" --port "$SMTP_PORT" --maildir "$MAIL_DIR" --pid-file "$SMTP_PID"
  wait_until 15 "$LAUNCHED_PID" smtp_ready "$LAUNCHED_PID" || rc=$?
  if [ $rc -ne 0 ]; then
    show_log "$LOGS/smtp.log"
    if [ $rc -eq 2 ]; then die "the SMTP server exited during start-up"; fi
    die "the SMTP server does not answer on $SMTP_HOST:$SMTP_PORT"
  fi
}

smtp_stop() {
  stop_pidfile "the SMTP server" "$SMTP_PID" TERM 10
}

# --- FastCGI pages ----------------------------------------------------------

# Prints "socket-name executable" for every page executable in
# $PROGRAMS/cgi/ (socket name = page) and $PROGRAMS/cgi-admin/ (socket name =
# admin-page).
fcgi_pages() {
  local exe name
  for exe in "$PROGRAMS"/cgi/* "$PROGRAMS"/cgi-admin/*; do
    if [ ! -f "$exe" ] || [ ! -x "$exe" ]; then continue; fi
    name=${exe##*/}
    [[ $name =~ ^[a-z][a-z0-9_]*$ ]] || continue
    case $exe in "$PROGRAMS"/cgi-admin/*) name=admin-$name ;; esac
    printf '%s %s\n' "$name" "$exe"
  done
}

# True when process PID was started from executable EXE (an argument of its
# command line: multiwatch's, spawn-fcgi having exec'd it).
runs_exe() {
  local args arg
  { mapfile -d '' args < "/proc/$1/cmdline"; } 2> /dev/null || return 1
  for arg in "${args[@]}"; do [ "$arg" = "$2" ] && return 0; done
  return 1
}

# True when FILE is older than the executable, the configuration, a template
# or a compiled catalogue (build/i18n), i.e. the process started from it would
# run stale code, settings or sentences.
is_stale() {
  local file=$1 exe=$2
  [ "$exe" -nt "$file" ] && return 0
  [ -f "$CONFIG_FILE" ] && [ "$CONFIG_FILE" -nt "$file" ] && return 0
  [ -n "$(find "$ROOT/templates" "$BUILD/i18n" -newer "$file" -print -quit 2>/dev/null)" ]
}

fcgi_start_one() {
  local name=$1 exe=$2 pidfile=$RUN/fcgi/$1.pid sock=$RUN/fcgi/$1.sock log pid rc=0
  log=$LOGS/$name.log
  check_socket_path "$sock"
  if pid=$(running_pid "$pidfile"); then
    if [ -S "$sock" ] && runs_exe "$pid" "$exe" && ! is_stale "$pidfile" "$exe"; then return 0; fi
    say "restarting $name (its executable, the configuration or a template changed)"
    stop_pidfile "$name" "$pidfile" TERM 10
  fi
  rm -f "$pidfile" "$sock"
  say "starting $name x$FCGI_PROCS on ${sock#"$ROOT"/}"
  PASSWD_CONFIG=$CONFIG_FILE PASSWD_DICTIONARY=$BUILD/dict/words.dict \
    launch "$log" spawn-fcgi -n -s "$sock" -M 0660 -- \
      /usr/bin/multiwatch -f "$FCGI_PROCS" -- "$exe"
  echo "$LAUNCHED_PID" > "$pidfile"
  wait_until 10 "$LAUNCHED_PID" test -S "$sock" || rc=$?
  if [ $rc -ne 0 ]; then
    show_log "$log"
    die "$name did not come up on ${sock#"$ROOT"/}"
  fi
}

fcgi_start() {
  local name exe
  [ "$FCGI_PROCS" -ge 1 ] 2>/dev/null || die "FCGI_PROCS must be a positive number, not '$FCGI_PROCS'"
  while read -r name exe; do
    fcgi_start_one "$name" "$exe"
  done < <(fcgi_pages)
}

fcgi_stop() {
  local file name
  for file in "$RUN"/fcgi/*.pid; do
    [ -f "$file" ] || continue
    name=${file##*/}
    stop_pidfile "${name%.pid}" "$file" TERM 10 || true
  done
  for file in "$RUN"/fcgi/*.sock; do
    [ -S "$file" ] || continue
    running_pid "${file%.sock}.pid" > /dev/null || rm -f "$file"
  done
}

# --- workers ----------------------------------------------------------------

workers_start() {
  local name exe pidfile pid
  for name in "${WORKERS[@]}"; do
    exe=$PROGRAMS/tools/$name
    [ -x "$exe" ] || continue
    pidfile=$RUN/$name.pid
    if pid=$(running_pid "$pidfile"); then
      if runs_exe "$pid" "$exe" && ! is_stale "$pidfile" "$exe"; then continue; fi
      say "restarting $name (its executable or the configuration changed)"
      stop_pidfile "$name" "$pidfile" TERM 15
    fi
    say "starting $name"
    # multiwatch restarts the worker when it dies; TERM asks it to finish.
    PASSWD_CONFIG=$CONFIG_FILE launch "$LOGS/$name.log" \
      /usr/bin/multiwatch -f 1 -s TERM -- "$exe"
    echo "$LAUNCHED_PID" > "$pidfile"
  done
}

workers_stop() {
  local name
  for name in "${WORKERS[@]}"; do
    stop_pidfile "$name" "$RUN/$name.pid" TERM 15 || true
  done
}

# --- nginx ------------------------------------------------------------------

nginx_cmd() { run_closed nginx -c "$NGINX_CONF" -e "$LOGS/nginx-error.log" "$@"; }

http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$PORT$1" 2>/dev/null || true
}

# The nginx configuration make built must exist and listen on $PORT.
nginx_check_conf() {
  [ -f "$NGINX_CONF" ] || die "${NGINX_CONF#"$ROOT"/} missing: run 'make all' first"
  grep -q "listen[[:space:]]*127.0.0.1:$PORT;" "$NGINX_CONF" \
    || die "${NGINX_CONF#"$ROOT"/} was built for another port than $PORT: run 'make PORT=$PORT all'"
}

nginx_start() {
  local pid
  nginx_check_conf
  if pid=$(running_pid "$NGINX_PID"); then
    if [ -n "$(find "$BUILD/nginx" -newer "$NGINX_PID" -print -quit)" ]; then
      say "reloading nginx (its configuration changed)"
      nginx_cmd -t -q || die "the nginx configuration has errors (see above)"
      nginx_cmd -s reload
      touch "$NGINX_PID"
    fi
    return 0
  fi
  rm -f "$NGINX_PID"
  rotate_log "$LOGS/nginx-error.log"
  rotate_log "$LOGS/nginx-access.log"
  say "starting nginx on 127.0.0.1:$PORT"
  if ! nginx_cmd < /dev/null >> "$LOGS/nginx-error.log" 2>&1; then
    show_log "$LOGS/nginx-error.log"
    die "nginx did not start (is 127.0.0.1:$PORT taken by another program?)"
  fi
  wait_until 10 "" test -s "$NGINX_PID" || { show_log "$LOGS/nginx-error.log"; die "nginx wrote no pid file"; }
}

# --- log keeper -------------------------------------------------------------

LOGKEEPER_PID=$RUN/log-keeper.pid

logkeeper_start() {
  if running_pid "$LOGKEEPER_PID" > /dev/null; then return 0; fi
  say "starting the log keeper (files in ${LOGS#"$ROOT"/} past $LOG_MAX_BYTES bytes)"
  LOG_MAX_BYTES=$LOG_MAX_BYTES launch "$LOGS/log-keeper.log" \
    "$ROOT/scripts/log-keeper" "$LOGS"
  echo "$LAUNCHED_PID" > "$LOGKEEPER_PID"
}

logkeeper_stop() {
  stop_pidfile "the log keeper" "$LOGKEEPER_PID" TERM 10
}

nginx_stop() {
  # QUIT: finish the requests in progress, then exit.
  stop_pidfile nginx "$NGINX_PID" QUIT 15
}
