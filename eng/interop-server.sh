#!/usr/bin/env bash
# Starts the gRPC interop server (grpc.testing.TestService, health, reflection) in the
# foreground on 127.0.0.1:PORT, plaintext HTTP/2, for any platform's interop client.
set -euo pipefail
if [ $# -ne 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: eng/interop-server.sh PORT" >&2
  exit 2
fi
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$repo/tests/Mlops.Grpc.InteropServer" -c Release -nologo -v quiet >&2
exec dotnet "$repo/tests/Mlops.Grpc.InteropServer/bin/Release/net10.0/Mlops.Grpc.InteropServer.dll" "$1"
