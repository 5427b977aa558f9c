#!/usr/bin/env bash
# Runs every test: provisions the test PostgreSQL cluster, then dotnet test over the whole solution, and closes
# with one summary line ("N passed, N failed").
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
EXPERIMENTATION_TEST_POSTGRES=$(scripts/postgres.sh start --test)
export EXPERIMENTATION_TEST_POSTGRES
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Experimentation.sln -c Release --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ s += $2 } END { print s + 0 }'; }
echo "$(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
exit "$status"
