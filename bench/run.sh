#!/usr/bin/env bash
# Benchmarks our gRPC server against the Python grpcio and grpc-go servers
# with one Go load generator, then prints a Markdown table. See bench/README.md.
#
#   bench/run.sh                      # everything, a few minutes
#   SERVERS="ours" DURATION=5s bench/run.sh
#
# Every knob is an environment variable; the defaults are listed below.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

: "${SERVERS:=ours python go}"
: "${WARMUP:=3s}"            # per unary/stream run, not measured
: "${DURATION:=10s}"         # measured window of the unary run
: "${CONCURRENCY:=16}"       # unary closed-loop callers
: "${CONNS:=1}"              # HTTP/2 connections the callers share
: "${REQ_SIZE:=32}"          # unary request payload bytes
: "${RESP_SIZE:=64}"         # unary response payload bytes
: "${STREAM_DURATION:=$DURATION}"
: "${STREAMS:=1}"            # concurrent StreamingOutputCall streams
: "${STREAM_MSGS:=100000}"   # messages asked for per StreamingOutputCall
: "${STREAM_MSG_SIZE:=16}"   # payload bytes per streamed message
: "${UPLOAD_MB:=100}"        # MiB sent in the StreamingInputCall
: "${UPLOAD_CHUNK:=65536}"   # payload bytes per upload message
: "${UPLOAD_TIMEOUT:=120s}"
: "${PY_WORKERS:=16}"        # handler threads of the Python server
: "${START_TIMEOUT:=60}"     # seconds a server may take to print LISTENING
: "${PIN:=0}"                # 1: server on CPU 0, load generator on CPU 1
: "${SKIP_BUILD:=0}"         # 1: reuse the binaries of the last build
: "${BUILD_DIR:=$BENCH/.build}"
: "${RESULTS_DIR:=$BENCH/results/$(date +%Y%m%d-%H%M%S)}"

OURS_DLL="$BUILD_DIR/dotnet/bin/Mlops.Grpc.InteropServer/release/Mlops.Grpc.InteropServer.dll"
LOADGEN="$BUILD_DIR/bin/loadgen"
GOSERVER="$BUILD_DIR/bin/goserver"
JSONL="$RESULTS_DIR/results.jsonl"

SERVER_PID=""
SERVER_PORT=""

log() { printf '==> %s\n' "$*" >&2; }

ensure_packages() {
  local missing=()
  [[ -x /usr/bin/go ]] || missing+=(golang-go)
  [[ -e /usr/share/gocode/src/google.golang.org/grpc/server.go ]] || missing+=(golang-google-grpc-dev)
  [[ -x /usr/bin/protoc-gen-go && -e /usr/share/gocode/src/github.com/golang/protobuf/proto/lib.go ]] ||
    missing+=(golang-goprotobuf-dev)
  [[ -x /usr/bin/protoc ]] || missing+=(protobuf-compiler)
  [[ -e /usr/share/grpc-proto/grpc/testing/test.proto ]] || missing+=(grpc-proto)
  /usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null || missing+=(python3-grpcio python3-protobuf)
  command -v taskset >/dev/null || missing+=(util-linux)
  ((${#missing[@]} == 0)) && return 0
  if ((EUID != 0)); then
    echo "run.sh: missing Debian packages: ${missing[*]} (run as root to install them)" >&2
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
  command -v dotnet >/dev/null || { echo "run.sh: dotnet is not on PATH" >&2; exit 1; }
  # A private artifacts folder keeps this build's bin/ and obj/ apart from any
  # build going on in the work tree at the same time.
  log "dotnet build -c Release tests/Mlops.Grpc.InteropServer --artifacts-path $BUILD_DIR/dotnet"
  dotnet build -c Release -nologo -v q "$ROOT/tests/Mlops.Grpc.InteropServer" --artifacts-path "$BUILD_DIR/dotnet" >&2
  log "building the Go load generator and grpc-go server"
  "$BENCH/build-go.sh" "$BUILD_DIR" >&2
}

# pin CPU: run the rest of the arguments on that CPU when PIN=1. taskset execs,
# so a background job's $! is still the program's own pid.
pin() {
  local cpu=$1; shift
  if [[ $PIN == 1 ]]; then exec taskset -c "$cpu" "$@"; else exec "$@"; fi
}

start_server() {
  local name=$1; shift
  local out="$RESULTS_DIR/$name.server.log"
  : >"$out"
  (pin 0 "$@") >"$out" 2>&1 &
  SERVER_PID=$!
  SERVER_PORT=""
  local i
  for ((i = 0; i < START_TIMEOUT * 10; i++)); do
    SERVER_PORT="$(sed -n 's/^LISTENING \([0-9][0-9]*\).*/\1/p' "$out" | head -n 1)"
    [[ -n $SERVER_PORT ]] && return 0
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "run.sh: $name server exited before listening; see $out" >&2
      SERVER_PID=""
      return 1
    fi
    sleep 0.1
  done
  echo "run.sh: $name server did not print LISTENING within ${START_TIMEOUT}s; see $out" >&2
  stop_server
  return 1
}

stop_server() {
  [[ -n $SERVER_PID ]] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

trap stop_server EXIT
trap 'exit 130' INT TERM

status_kb() { # FIELD PID: a /proc/PID/status figure in kB, read without forking
  local key value _
  while read -r key value _; do
    if [[ $key == "$1:" ]]; then
      echo "$value"
      return 0
    fi
  done <"/proc/$2/status"
  return 1
}

loadgen() { # NAME MODE [flags...]: one load generator run, JSON appended to $JSONL
  local name=$1 mode=$2; shift 2
  (pin 1 "$LOADGEN" -addr "127.0.0.1:$SERVER_PORT" -label "$name" -server-pid "$SERVER_PID" -mode "$mode" \
    -conns "$CONNS" "$@") >>"$JSONL" || echo "run.sh: $mode run against $name failed" >&2
}

# Resets the server's peak-RSS counter (VmHWM) before the upload, so that
# VmHWM afterwards is the peak during the upload alone. Should the kernel
# refuse the reset, VmRSS is polled instead.
upload_with_memory() {
  local name=$1 before peak source stop sampler_out sampler_pid=""
  before="$(status_kb VmRSS "$SERVER_PID")"
  if echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null; then
    source="VmHWM"
  else
    source="sampled VmRSS"
    stop="$(mktemp)"; sampler_out="$(mktemp)"
    (
      max=0
      for ((i = 0; i < 60000; i++)); do # at most ~10 min
        [[ -e $stop ]] || break
        v="$(status_kb VmRSS "$SERVER_PID")" || break
        ((v > max)) && max=$v
        sleep 0.01
      done
      echo "$max" >"$sampler_out"
    ) &
    sampler_pid=$!
  fi

  loadgen "$name" upload -upload-mb "$UPLOAD_MB" -chunk "$UPLOAD_CHUNK" -timeout "$UPLOAD_TIMEOUT"

  if [[ -n $sampler_pid ]]; then
    rm -f "$stop"
    wait "$sampler_pid" || true
    peak="$(cat "$sampler_out")"
    rm -f "$sampler_out"
  else
    peak="$(status_kb VmHWM "$SERVER_PID")"
  fi
  printf '{"server":"%s","mode":"memory","rss_before_kb":%d,"peak_kb":%d,"peak_source":"%s"}\n' \
    "$name" "$before" "$peak" "$source" >>"$JSONL"
  echo "[$name] upload memory: RSS before ${before} kB, peak during upload ${peak} kB ($source)" >&2
}

bench_server() {
  local name=$1; shift
  log "$name: $*"
  start_server "$name" "$@" || return 0
  log "$name: listening on 127.0.0.1:$SERVER_PORT (pid $SERVER_PID)"
  loadgen "$name" unary -concurrency "$CONCURRENCY" -warmup "$WARMUP" -duration "$DURATION" \
    -req-size "$REQ_SIZE" -resp-size "$RESP_SIZE"
  loadgen "$name" stream -streams "$STREAMS" -warmup "$WARMUP" -duration "$STREAM_DURATION" \
    -stream-msgs "$STREAM_MSGS" -stream-msg-size "$STREAM_MSG_SIZE"
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    upload_with_memory "$name"
  else
    echo "run.sh: $name server died; see $RESULTS_DIR/$name.server.log" >&2
  fi
  stop_server
}

main() {
  ensure_packages
  if [[ $SKIP_BUILD != 1 ]]; then build; fi
  mkdir -p "$RESULTS_DIR"
  : >"$JSONL"
  {
    echo "machine: $(nproc) CPUs, $(uname -r), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
    echo "dotnet $(dotnet --version), $(go version | cut -d' ' -f3), grpc-go $(sed -n 's/^const Version = "\(.*\)"/\1/p' /usr/share/gocode/src/google.golang.org/grpc/version.go), python grpcio $(/usr/bin/python3 -c 'import grpc; print(grpc.__version__)')"
    echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "config: SERVERS='$SERVERS' WARMUP=$WARMUP DURATION=$DURATION CONCURRENCY=$CONCURRENCY CONNS=$CONNS REQ_SIZE=$REQ_SIZE RESP_SIZE=$RESP_SIZE STREAM_DURATION=$STREAM_DURATION STREAMS=$STREAMS STREAM_MSGS=$STREAM_MSGS STREAM_MSG_SIZE=$STREAM_MSG_SIZE UPLOAD_MB=$UPLOAD_MB UPLOAD_CHUNK=$UPLOAD_CHUNK PY_WORKERS=$PY_WORKERS PIN=$PIN"
  } | tee "$RESULTS_DIR/environment.txt" >&2

  local name
  for name in $SERVERS; do
    case $name in
      ours) bench_server ours dotnet "$OURS_DLL" 0 ;;
      python) bench_server python /usr/bin/python3 "$BENCH/peers/python/test_server.py" --port 0 --workers "$PY_WORKERS" ;;
      go) bench_server go "$GOSERVER" --port 0 ;;
      *) echo "run.sh: unknown server '$name' (ours, python, go)" >&2 ;;
    esac
  done

  /usr/bin/python3 "$BENCH/report.py" "$JSONL" | tee "$RESULTS_DIR/report.md"
  log "results in $RESULTS_DIR"
}

main
