#!/usr/bin/env bash
# Runs every test: provisions the test PostgreSQL cluster, then dotnet test over the whole solution.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
EXPERIMENTATION_TEST_POSTGRES=$(scripts/postgres.sh start --test)
export EXPERIMENTATION_TEST_POSTGRES
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test Experimentation.sln -c Release --logger "console;verbosity=normal" "$@"
