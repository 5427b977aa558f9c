#!/usr/bin/env bash
# A local cluster on loopback: N silos and one separate gateway, clustered through PostgreSQL (docs/hosting.md).
#
#   scripts/cluster.sh start N    build, then start silo-1 … silo-N and the gateway on http://127.0.0.1:8080
#   scripts/cluster.sh stop       stop them gracefully (SIGTERM; each silo commits what it has queued)
#   scripts/cluster.sh status     which are running
#
# Silo i listens on Orleans port 11110+i, client-gateway port 29999+i and HTTP (health, and the co-hosted API)
# 8080+i; it is named silo-i and logs to .local/cluster/silo-i.log. The gateway logs to .local/cluster/gateway.log.
# Settings (environment): EXPERIMENTATION_URLS (gateway, default http://127.0.0.1:8080),
# EXPERIMENTATION_CLUSTER_SILO_PORT, _GATEWAY_PORT, _HTTP_PORT (the bases above, silo i adds i),
# EXPERIMENTATION_CLUSTER_DIR (logs and pids), EXPERIMENTATION_CLUSTER_NO_BUILD=1 (use the built binaries),
# EXPERIMENTATION_ADMIN_KEY (passed to the gateway), and anything Experimentation__* for every process.
# The database is scripts/postgres.sh's (or EXPERIMENTATION_POSTGRES, when set).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

cmd=${1:-status}
dir=${EXPERIMENTATION_CLUSTER_DIR:-$root/.local/cluster}
silo_port=${EXPERIMENTATION_CLUSTER_SILO_PORT:-11110}
gateway_port=${EXPERIMENTATION_CLUSTER_GATEWAY_PORT:-29999}
http_port=${EXPERIMENTATION_CLUSTER_HTTP_PORT:-8080}
gateway_url=${EXPERIMENTATION_URLS:-http://127.0.0.1:8080}
silo_dll=silo/Experimentation.Silo/bin/Release/net10.0/Experimentation.Silo.dll
gateway_dll=api-gateway/Experimentation.Gateway.Host/bin/Release/net10.0/Experimentation.Gateway.Host.dll

log() { echo "cluster.sh: $*" >&2; }

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Polls a health URL; fails with the log's tail after the timeout.
wait_healthy() {
  local url=$1 name=$2 pidfile=$3 logfile=$4
  for _ in $(seq 1 240); do
    if ! running "$pidfile"; then log "$name exited; the end of $logfile:"; tail -n 30 "$logfile" >&2; return 1; fi
    if curl -fs -o /dev/null --max-time 2 "$url/health"; then return 0; fi
    sleep 0.5
  done
  log "$name did not answer $url/health in 120 s; the end of $logfile:"
  tail -n 30 "$logfile" >&2
  return 1
}

start_silo() {
  local i=$1
  local pidfile="$dir/silo-$i.pid" logfile="$dir/silo-$i.log"
  if running "$pidfile"; then log "silo-$i is already running"; return; fi
  # setsid: the silo outlives this script and gets no terminal signals; stop sends it SIGTERM.
  Experimentation__Clustering=postgres \
  Experimentation__SiloName="silo-$i" \
  Experimentation__SiloPort=$((silo_port + i)) \
  Experimentation__GatewayPort=$((gateway_port + i)) \
    setsid dotnet "$silo_dll" --urls "http://127.0.0.1:$((http_port + i))" >"$logfile" 2>&1 < /dev/null &
  echo $! >"$pidfile"
}

start() {
  local n=${1:?usage: scripts/cluster.sh start N}
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { log "N must be a positive number, not '$n'"; exit 2; }
  mkdir -p "$dir"
  EXPERIMENTATION_POSTGRES=$(scripts/postgres.sh start)
  export EXPERIMENTATION_POSTGRES DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  export Experimentation__Secrets__KeyFile="${Experimentation__Secrets__KeyFile:-$root/.local/secrets.key}"
  if [ "${EXPERIMENTATION_CLUSTER_NO_BUILD:-}" != 1 ]; then
    dotnet build silo/Experimentation.Silo -c Release -nologo -v quiet
    dotnet build api-gateway/Experimentation.Gateway.Host -c Release -nologo -v quiet
  fi

  # silo-1 first: it applies the schema and records the shard count, so the others start on a ready database.
  start_silo 1
  wait_healthy "http://127.0.0.1:$((http_port + 1))" silo-1 "$dir/silo-1.pid" "$dir/silo-1.log"
  for i in $(seq 2 "$n"); do start_silo "$i"; done
  for i in $(seq 2 "$n"); do wait_healthy "http://127.0.0.1:$((http_port + i))" "silo-$i" "$dir/silo-$i.pid" "$dir/silo-$i.log"; done

  if ! running "$dir/gateway.pid"; then
    Experimentation__Clustering=postgres EXPERIMENTATION_ADMIN_KEY="${EXPERIMENTATION_ADMIN_KEY:-}" \
      setsid dotnet "$gateway_dll" --urls "$gateway_url" >"$dir/gateway.log" 2>&1 < /dev/null &
    echo $! >"$dir/gateway.pid"
  fi
  wait_healthy "$gateway_url" gateway "$dir/gateway.pid" "$dir/gateway.log"
  log "$n silos and the gateway on $gateway_url; logs in $dir"
}

# SIGTERM everything, gateway first (so it stops sending), then wait up to 60 s before SIGKILL.
stop() {
  local pidfiles=()
  [ -f "$dir/gateway.pid" ] && pidfiles+=("$dir/gateway.pid")
  for f in "$dir"/silo-*.pid; do [ -f "$f" ] && pidfiles+=("$f"); done
  for f in "${pidfiles[@]}"; do running "$f" && kill -TERM "$(cat "$f")"; done
  for f in "${pidfiles[@]}"; do
    for _ in $(seq 1 120); do running "$f" || break; sleep 0.5; done
    if running "$f"; then log "$(basename "$f" .pid) did not stop in 60 s; killing it"; kill -KILL "$(cat "$f")"; fi
    rm -f "$f"
  done
  log "stopped"
}

status() {
  local any=0
  for f in "$dir"/silo-*.pid "$dir/gateway.pid"; do
    [ -f "$f" ] || continue
    any=1
    if running "$f"; then echo "$(basename "$f" .pid) running (pid $(cat "$f"))"; else echo "$(basename "$f" .pid) not running"; fi
  done
  [ "$any" = 1 ] || echo "no cluster started from $dir"
}

case "$cmd" in
  start) start "${2:-}" ;;
  stop) stop ;;
  status) status ;;
  *) log "usage: scripts/cluster.sh start N | stop | status"; exit 2 ;;
esac
