#!/usr/bin/env bash
# Builds the Go load generator and the grpc-go peer server offline, in GOPATH
# mode, from Debian's packages only (golang-go, golang-google-grpc-dev,
# golang-goprotobuf-dev, protobuf-compiler, grpc-proto).
#
#   bench/build-go.sh [OUT_DIR]     (default bench/.build)
#
# Binaries land in OUT_DIR/bin: loadgen, goserver.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$(mkdir -p "${1:-$BENCH/.build}" && cd "${1:-$BENCH/.build}" && pwd)"
PROTO_ROOT=/usr/share/grpc-proto
GOCODE=/usr/share/gocode

for need in /usr/bin/go /usr/bin/protoc /usr/bin/protoc-gen-go \
    "$PROTO_ROOT/grpc/testing/test.proto" "$GOCODE/src/google.golang.org/grpc/server.go"; do
  [[ -e "$need" ]] || { echo "build-go: missing $need (see bench/README.md)" >&2; exit 1; }
done

gopath="$OUT/gopath"
pkg="$gopath/src/mlopsbench"
rm -rf "$pkg"
mkdir -p "$pkg/testpb" "$pkg/loadgen" "$pkg/goserver" "$OUT/bin"

# The official protos have no go_package; map all three onto one Go package.
# protoc-gen-go 1.3 with plugins=grpc emits grpc-go stubs (SupportPackageIsVersion6),
# which grpc-go 1.33 accepts.
map="Mgrpc/testing/empty.proto=mlopsbench/testpb,Mgrpc/testing/messages.proto=mlopsbench/testpb,Mgrpc/testing/test.proto=mlopsbench/testpb"
gen="$(mktemp -d)"
trap 'rm -rf "$gen"' EXIT
protoc -I"$PROTO_ROOT" --go_out="plugins=grpc,$map:$gen" \
  "$PROTO_ROOT/grpc/testing/empty.proto" \
  "$PROTO_ROOT/grpc/testing/messages.proto" \
  "$PROTO_ROOT/grpc/testing/test.proto"
find "$gen" -name '*.pb.go' -exec mv {} "$pkg/testpb/" \;

cp "$BENCH"/loadgen/*.go "$pkg/loadgen/"
cp "$BENCH"/peers/go/*.go "$pkg/goserver/"

export GO111MODULE=off GOPATH="$gopath:$GOCODE" GOCACHE="$OUT/gocache" GOFLAGS=
go build -o "$OUT/bin/loadgen" mlopsbench/loadgen
go build -o "$OUT/bin/goserver" mlopsbench/goserver
echo "build-go: built $OUT/bin/loadgen and $OUT/bin/goserver"
