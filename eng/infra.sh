#!/usr/bin/env bash
# Starts, stops or shows the local infrastructure: PostgreSQL 15, RabbitMQ 3.10 and Azurite as
# processes of this repository, bound to 127.0.0.1, their state in .state/ (MLOPS_STATE_DIR).
# Ports: MLOPS_POSTGRES_PORT (54329), MLOPS_RABBITMQ_PORT (56729), MLOPS_RABBITMQ_EPMD_PORT (43699),
# MLOPS_RABBITMQ_DIST_PORT (25679), MLOPS_AZURITE_BLOB_PORT (10090).
set -euo pipefail
if [ $# -lt 1 ] || ! [[ "$1" =~ ^(start|stop|status)$ ]]; then
  echo "usage: eng/infra.sh {start|stop|status} [postgres|rabbitmq|azurite ...]" >&2
  exit 2
fi
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

[ "$1" != start ] || bash "$repo/eng/prerequisites.sh"

# No build servers: they would linger after the servers this script starts have detached.
build_log="$(mktemp)"
if ! dotnet build "$repo/eng/infra" -c Release -nologo -v quiet --disable-build-servers >"$build_log" 2>&1; then
  cat "$build_log" >&2
  rm -f "$build_log"
  exit 1
fi
rm -f "$build_log"
exec dotnet "$repo/eng/infra/bin/Release/net10.0/Mlops.Infra.dll" "$@"
