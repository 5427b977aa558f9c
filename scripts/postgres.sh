#!/usr/bin/env bash
# Provisions a private PostgreSQL cluster for this checkout and prints its connection string.
#
#   scripts/postgres.sh start [--test]   create (first time) and start; prints the connection string
#   scripts/postgres.sh stop  [--test]   stop the cluster (data is kept)
#   scripts/postgres.sh url   [--test]   print the connection string
#
# The run profile keeps PostgreSQL's full durability. The test profile (--test) is a separate cluster on its own
# port with fsync off, because tests recreate their data and never rely on surviving a machine crash.
# When EXPERIMENTATION_POSTGRES holds a connection string, nothing is provisioned and that string is printed.
#
# Every connection needs a password (scram-sha-256), so other local users cannot use the cluster. The password is
# made on first provisioning and kept in .local/postgres/<profile>.password (mode 0600). Clusters made before that,
# with trust authentication, get a password and lose trust on their next start. The password appears only in the
# connection string printed on stdout, for the caller to capture (scripts/run.sh, scripts/test.sh); logs on stderr
# never show it (docs/hosting.md, "The local database").
set -euo pipefail

cmd=${1:-start}
profile=run
[ "${2:-}" = "--test" ] && profile=test

if [ -n "${EXPERIMENTATION_POSTGRES:-}" ]; then
  [ "$cmd" = "stop" ] || echo "$EXPERIMENTATION_POSTGRES"
  exit 0
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ "$profile" = test ]; then port=${EXPERIMENTATION_TEST_PG_PORT:-54331}; else port=${EXPERIMENTATION_PG_PORT:-54330}; fi
database=experimentation
password_file="$root/.local/postgres/$profile.password"

log() { echo "postgres.sh: $*" >&2; }

# As root the server must run as the postgres user (initdb refuses root), through runuser.
if [ "$(id -u)" = 0 ]; then as_pg() { runuser -u postgres -- "$@"; }; else as_pg() { "$@"; }; fi

# The password is never an argument of a command (arguments are visible to every local user); tools read it from
# the environment or a file only their user can read.
url() { echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$(cat "$password_file");Database=$database"; }

new_password() {
  mkdir -p "$(dirname "$password_file")"
  (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$password_file")
}

# Only passwords, on the socket and on loopback: the same file a fresh initdb --auth=scram-sha-256 writes.
write_hba() {
  as_pg tee "$1/pg_hba.conf" >/dev/null <<'HBA'
# Written by scripts/postgres.sh: every connection authenticates with the password in .local/postgres/.
local   all             all                                     scram-sha-256
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 scram-sha-256
local   replication     all                                     scram-sha-256
host    replication     all             127.0.0.1/32            scram-sha-256
host    replication     all             ::1/128                 scram-sha-256
HBA
}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_postgres() {
  log "installing Debian's postgresql"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq postgresql >&2
}

# The cluster lives in a git-ignored folder of this checkout. When root runs from a folder the postgres user
# cannot traverse (such as /root, mode 700), the cluster goes to a folder keyed by this checkout's path instead.
data_root() {
  local local_dir="$root/.local/postgres/$profile"
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$local_dir"
    chown postgres "$local_dir"
    if ! runuser -u postgres -- test -w "$local_dir"; then
      local key
      key=$(echo -n "$root" | sha1sum | cut -c1-12)
      local_dir="/var/lib/experimentation/$key/$profile"
      log "postgres cannot reach $root; using $local_dir"
      mkdir -p "$local_dir"
      chown -R postgres "/var/lib/experimentation/$key"
    fi
  else
    mkdir -p "$local_dir"
  fi
  echo "$local_dir"
}

start() {
  local bin
  bin=$(find_bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then install_postgres; bin=$(find_bin); fi
  local dir
  dir=$(data_root)
  local data="$dir/data" sock="$dir/sock" logfile="$dir/server.log"
  as_pg mkdir -p "$sock"
  local migrate=false
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb $data"
    new_password
    # initdb runs as the server's user, which may not read the checkout's .local: it gets a copy only it can read.
    local pwfile="$dir/initdb.password"
    as_pg sh -c 'umask 077 && cat > "$1"' sh "$pwfile" < "$password_file"
    as_pg "$bin/initdb" -D "$data" -U postgres --auth=scram-sha-256 "--pwfile=$pwfile" --encoding=UTF8 --locale=C.UTF-8 >&2
    as_pg rm -f "$pwfile"
  elif as_pg grep -qE '^[[:space:]]*[^#[:space:]].*[[:space:]]trust([[:space:]]|$)' "$data/pg_hba.conf"; then
    # A cluster from before passwords: it still trusts every local user until it has one.
    [ -s "$password_file" ] || new_password
    migrate=true
  elif [ ! -s "$password_file" ]; then
    log "$data asks for a password, but $password_file is missing; remove $dir to provision a new cluster"
    exit 1
  fi
  export PGPASSWORD
  PGPASSWORD=$(cat "$password_file")
  if ! as_pg "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; then
    local opts="-p $port -c listen_addresses=127.0.0.1 -k $sock -c max_connections=200"
    [ "$profile" = test ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    log "starting on 127.0.0.1:$port ($profile)"
    as_pg "$bin/pg_ctl" start -w -t 60 -D "$data" -l "$logfile" -o "$opts" >&2
  fi
  if [ "$migrate" = true ]; then
    log "setting a password on $data and turning trust authentication off"
    # The statement goes through stdin, so the password is in no command line; the server stores its SCRAM verifier.
    printf "ALTER ROLE postgres PASSWORD '%s';\n" "$PGPASSWORD" | as_pg "$bin/psql" -h "$sock" -p "$port" -U postgres -q -v ON_ERROR_STOP=1 >&2
    write_hba "$data"
    as_pg "$bin/pg_ctl" reload -D "$data" >&2
  fi
  if ! as_pg "$bin/psql" -h "$sock" -p "$port" -U postgres -tAc "select 1 from pg_database where datname='$database'" | grep -q 1; then
    as_pg "$bin/psql" -h "$sock" -p "$port" -U postgres -qc "create database $database" >&2
  fi
  url
}

stop() {
  local bin dir
  bin=$(find_bin)
  [ -n "$bin" ] || exit 0
  dir=$(data_root)
  if as_pg "$bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" stop -w -m fast -D "$dir/data" >&2
  fi
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) echo "usage: $0 start|stop|url [--test]" >&2; exit 2 ;;
esac
