#!/usr/bin/env bash
# Runs the platform: provisions the local PostgreSQL cluster, then the silo with the co-hosted gateway
# on http://127.0.0.1:8080. Ctrl+C stops the platform; scripts/postgres.sh stop stops the database.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
EXPERIMENTATION_POSTGRES=$(scripts/postgres.sh start)
export EXPERIMENTATION_POSTGRES
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The key that encrypts webhook secrets lives beside the local database, made on first start (docs/automation.md).
export Experimentation__Secrets__KeyFile="${Experimentation__Secrets__KeyFile:-$root/.local/secrets.key}"
# The installation admin key: written here (mode 0600) on the first start of an installation with no key, unless
# EXPERIMENTATION_ADMIN_KEY supplies one (docs/security.md). Every request but /health needs a key.
export Experimentation__Auth__AdminKeyFile="${Experimentation__Auth__AdminKeyFile:-$root/.local/admin.key}"
dotnet build silo/Experimentation.Silo -c Release -nologo -v quiet
echo "API key of the installation admin: $Experimentation__Auth__AdminKeyFile (send it as Authorization: Bearer \$(cat <file>))" >&2
# exec the host itself (not `dotnet run`), so Ctrl+C and SIGTERM reach it directly and stop it gracefully.
exec dotnet silo/Experimentation.Silo/bin/Release/net10.0/Experimentation.Silo.dll \
  --urls "${EXPERIMENTATION_URLS:-http://127.0.0.1:8080}" "$@"
