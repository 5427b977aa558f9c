#!/usr/bin/env bash
# Runs the platform: provisions the local PostgreSQL cluster, then the silo with the co-hosted gateway
# on http://127.0.0.1:8080. Ctrl+C stops the platform; scripts/postgres.sh stop stops the database.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
EXPERIMENTATION_POSTGRES=$(scripts/postgres.sh start)
export EXPERIMENTATION_POSTGRES
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project silo/Experimentation.Silo -c Release -- --urls "${EXPERIMENTATION_URLS:-http://127.0.0.1:8080}" "$@"
