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
url="Host=127.0.0.1;Port=$port;Username=postgres;Database=$database"

log() { echo "postgres.sh: $*" >&2; }

# As root the server must run as the postgres user (initdb refuses root), through runuser.
if [ "$(id -u)" = 0 ]; then as_pg() { runuser -u postgres -- "$@"; }; else as_pg() { "$@"; }; fi

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
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb $data"
    as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
  fi
  if ! as_pg "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; then
    local opts="-p $port -c listen_addresses=127.0.0.1 -k $sock -c max_connections=200"
    [ "$profile" = test ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    log "starting on 127.0.0.1:$port ($profile)"
    as_pg "$bin/pg_ctl" start -w -t 60 -D "$data" -l "$logfile" -o "$opts" >&2
  fi
  if ! as_pg "$bin/psql" -h "$sock" -p "$port" -U postgres -tAc "select 1 from pg_database where datname='$database'" | grep -q 1; then
    as_pg "$bin/psql" -h "$sock" -p "$port" -U postgres -qc "create database $database" >&2
  fi
  echo "$url"
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
  url) echo "$url" ;;
  *) echo "usage: $0 start|stop|url [--test]" >&2; exit 2 ;;
esac
