#!/usr/bin/env bash
# Runs every test: provisions the test PostgreSQL cluster, builds the solution, runs its tests, and closes with one
# summary line ("N passed, N failed").
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# The dashboard's browser tests drive Debian's Chromium (docs/dashboard.md).
scripts/chromium.sh
EXPERIMENTATION_TEST_POSTGRES=$(scripts/postgres.sh start --test)
# The manifest tests render k8s/ with `kubectl kustomize` (offline; no cluster is contacted).
if ! command -v kubectl >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq >&2 && { $sudo apt-get install -y -qq kubectl >&2 || $sudo apt-get install -y -qq kubernetes-client >&2; }
fi
export EXPERIMENTATION_TEST_POSTGRES
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The OpenAPI lint test runs Redocly CLI, pinned in tests/openapi/package-lock.json; installed again only when the lock
# changes. Node.js comes from Debian when it is missing, as PostgreSQL does.
if ! command -v npm >/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >&2 || { $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >&2; }
fi
if [ ! tests/openapi/node_modules/.package-lock.json -nt tests/openapi/package-lock.json ]; then
  npm ci --prefix tests/openapi --no-audit --no-fund --loglevel=error >&2
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# Build everything first, then run the test assemblies one after another (-m:1): compiling, or a second assembly's
# clusters, beside an assembly's timing tests starves them on a 2-core machine. Within an assembly xunit still runs
# collections in parallel.
dotnet build Experimentation.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
  dotnet test Experimentation.sln -c Release --no-build -m:1 --logger "console;verbosity=minimal" "$@" 2>&1 | tee -a "$log"
  status=${PIPESTATUS[0]}
fi
set -e

sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ s += $2 } END { print s + 0 }'; }
echo "$(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
exit "$status"
