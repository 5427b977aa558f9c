#!/usr/bin/env bash
# Runs every test: provisions the test PostgreSQL cluster, builds the solution, runs its tests, and closes with one
# summary line ("N passed, N failed").
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# The dashboard's browser tests drive Debian's Chromium (docs/dashboard.md).
scripts/chromium.sh
EXPERIMENTATION_TEST_POSTGRES=$(scripts/postgres.sh start --test)
export EXPERIMENTATION_TEST_POSTGRES
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

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
