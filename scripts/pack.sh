#!/usr/bin/env bash
# Packs the SDK's NuGet packages (Assignment, Client, Client.Orleans, and the grain contracts Client.Orleans needs).
# Usage: scripts/pack.sh [OUTPUT_DIR, default artifacts/packages] [VERSION, default from Directory.Build.props]
# - ContinuousIntegrationBuild normalises source paths, so the same commit packs to the same assemblies anywhere.
# - The build goes to its own artifacts folder (EXPERIMENTATION_PACK_BUILD, default artifacts/build), never to the
#   projects' bin/ and obj/: packing beside a running build or test run cannot disturb it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/artifacts/packages}
version=${2:-}
build=${EXPERIMENTATION_PACK_BUILD:-$root/artifacts/build}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
args=(-c Release -o "$out" -p:ContinuousIntegrationBuild=true -p:UseArtifactsOutput=true "-p:ArtifactsPath=$build")
[ -n "$version" ] && args+=("-p:Version=$version")
for project in sdk/Experimentation.Assignment sdk/Experimentation.Client sdk/Experimentation.Client.Orleans \
               grain-interfaces/Experimentation.GrainInterfaces; do
  dotnet pack "$root/$project" "${args[@]}" >&2
done
echo "$out"
