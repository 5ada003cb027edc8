#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian/Ubuntu machine, and nothing
# that is already there. Safe to run again.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages: real gRPC peers for the interop tests, and the official gRPC protos they compile;
# PostgreSQL 15 and RabbitMQ 3.10 for the local infrastructure (libs/Mlops.LocalInfrastructure);
# XGBoost, NumPy and scikit-learn train the reference models of the runtime tests and bench/xgboost.
apt_packages=(python3 python3-grpcio python3-protobuf protobuf-compiler libprotobuf-dev grpc-proto nodejs npm postgresql-15 rabbitmq-server
  python3-xgboost python3-numpy python3-sklearn)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# A Node.js from elsewhere (nvm, NodeSource) already brings npm; don't fight it.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<< "${missing[*]:-}"
if ((${#missing[@]})); then
  echo "prerequisites: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  # postgresql-15 and rabbitmq-server start system services on install; ours run privately from the
  # state folder, so service starts are denied for this install unless a policy is already in place.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
    "${sudo_cmd[@]}" chmod 755 "$policy"
    trap '"${sudo_cmd[@]}" rm -f "$policy"' EXIT
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "prerequisites: the .NET 10 SDK is missing (dotnet is not on PATH)." >&2
  exit 1
fi

# npm packages for the Node interop client, exactly as the committed lockfile pins them.
node_dir="$repo/tests/interop/node"
lock_hash="$(sha256sum "$node_dir/package-lock.json" | cut -d' ' -f1)"
stamp="$node_dir/node_modules/.installed-lock-sha256"
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  echo "prerequisites: npm ci in tests/interop/node"
  npm ci --prefix "$node_dir" --no-audit --no-fund --loglevel=error >/dev/null
  echo "$lock_hash" > "$stamp"
fi

# Azurite for the local infrastructure, exactly as eng/azurite/package-lock.json pins it.
azurite_dir="$repo/eng/azurite"
azurite_hash="$(sha256sum "$azurite_dir/package-lock.json" | cut -d' ' -f1)"
azurite_stamp="$azurite_dir/node_modules/.installed-lock-sha256"
if [ "$(cat "$azurite_stamp" 2>/dev/null)" != "$azurite_hash" ]; then
  echo "prerequisites: npm ci in eng/azurite"
  npm ci --prefix "$azurite_dir" --no-audit --no-fund --loglevel=error >/dev/null
  echo "$azurite_hash" > "$azurite_stamp"
fi
