#!/usr/bin/python3
"""Reference grpcio server for grpc.testing.TestService (gRPC interop spec).

Used as the Python peer in benchmarks and as a known-good server for
tests/interop/python/interop_client.py.

    /usr/bin/python3 bench/peers/python/test_server.py --port PORT [--workers N]

Prints "LISTENING <port>" once serving (--port 0 picks a free port) and runs
until SIGTERM/SIGINT.
"""

import argparse
import signal
import sys
import threading
import time
import zlib
from concurrent import futures
from pathlib import Path

import grpc

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tests" / "interop" / "python"))
import protos  # noqa: E402

_pb = protos.load()
messages = _pb.messages
empty_pb2 = _pb.empty

SERVICE = "grpc.testing.TestService"
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
ECHO_INITIAL_KEY = "x-grpc-test-echo-initial"
ECHO_TRAILING_KEY = "x-grpc-test-echo-trailing-bin"
GZIP_MAGIC = b"\x1f\x8b"

# Bit i enables compression algorithm i (0 identity, 1 deflate, 2 gzip).
_IDENTITY_AND_GZIP = (1 << 0) | (1 << 2)

_STATUS_BY_NUMBER = {status.value[0]: status for status in grpc.StatusCode}


def _parse(raw, message_class, context):
    """Parse a request; returns (message, whether it arrived compressed).

    grpcio never tells the application whether a request was compressed, so
    the server runs with core decompression disabled and only gzip enabled:
    a compressed message is then exactly one starting with the gzip magic
    (an uncompressed protobuf message cannot: 0x1f is the invalid wire type 7).
    """
    compressed = raw[:2] == GZIP_MAGIC
    if compressed:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            raw = inflater.decompress(raw, MAX_MESSAGE_BYTES + 1)
        except zlib.error as e:
            context.abort(grpc.StatusCode.INTERNAL, f"could not decompress request: {e}")
        # Core only limited the compressed size; apply the limit to the real one.
        if len(raw) > MAX_MESSAGE_BYTES:
            context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED,
                          f"decompressed request larger than max ({MAX_MESSAGE_BYTES})")
        if not inflater.eof:
            context.abort(grpc.StatusCode.INTERNAL, "truncated gzip request")
    try:
        return message_class.FromString(raw), compressed
    except Exception as e:  # noqa: BLE001 - DecodeError and friends
        context.abort(grpc.StatusCode.INTERNAL, f"could not parse request: {e}")


def _echo_metadata(context):
    initial, trailing = [], []
    for key, value in context.invocation_metadata():
        if key == ECHO_INITIAL_KEY:
            initial.append((key, value))
        elif key == ECHO_TRAILING_KEY:
            trailing.append((key, value))
    if initial:
        context.send_initial_metadata(initial)
    if trailing:
        context.set_trailing_metadata(trailing)


def _check_expect_compressed(request, compressed, context):
    if request.expect_compressed.value and not compressed:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT,
                      "expect_compressed is set but the request was not compressed")


def _echo_status(response_status, context):
    if response_status.code != 0:
        code = _STATUS_BY_NUMBER.get(response_status.code, grpc.StatusCode.UNKNOWN)
        context.abort(code, response_status.message)


def _payload(response_type, size, context):
    if response_type != messages.COMPRESSABLE:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"unsupported response_type {response_type}")
    if size < 0:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"negative response size {size}")
    return messages.Payload(type=messages.COMPRESSABLE, body=bytes(size))


def _start_stream(context, requests):
    """Choose response compression, then echo metadata (which sends headers).

    grpcio fixes the call's compression when headers go out, so it must be
    decided first: gzip for the call if any requested response wants it, with
    compression switched off per message for the others.
    """
    compress = any(params.compressed.value
                   for request in requests for params in request.response_parameters)
    if compress:
        context.set_compression(grpc.Compression.Gzip)
    _echo_metadata(context)
    return compress


def _stream_responses(request, context, call_compressed):
    for params in request.response_parameters:
        if params.interval_us > 0:
            time.sleep(params.interval_us / 1e6)
        if call_compressed and not params.compressed.value:
            context.disable_next_message_compression()
        yield messages.StreamingOutputCallResponse(
            payload=_payload(request.response_type, params.size, context))
    _echo_status(request.response_status, context)


def empty_call(raw, context):
    _parse(raw, empty_pb2.Empty, context)
    _echo_metadata(context)
    return empty_pb2.Empty()


def unary_call(raw, context):
    request, compressed = _parse(raw, messages.SimpleRequest, context)
    if request.response_compressed.value:
        context.set_compression(grpc.Compression.Gzip)
    _echo_metadata(context)
    _check_expect_compressed(request, compressed, context)
    _echo_status(request.response_status, context)
    return messages.SimpleResponse(
        payload=_payload(request.response_type, request.response_size, context))


def streaming_output_call(raw, context):
    request, _ = _parse(raw, messages.StreamingOutputCallRequest, context)
    call_compressed = _start_stream(context, [request])
    yield from _stream_responses(request, context, call_compressed)


def streaming_input_call(raw_requests, context):
    _echo_metadata(context)
    total = 0
    for raw in raw_requests:
        request, compressed = _parse(raw, messages.StreamingInputCallRequest, context)
        _check_expect_compressed(request, compressed, context)
        total += len(request.payload.body)
    return messages.StreamingInputCallResponse(aggregated_payload_size=total)


def full_duplex_call(raw_requests, context):
    call_compressed = None
    for raw in raw_requests:
        request, _ = _parse(raw, messages.StreamingOutputCallRequest, context)
        if call_compressed is None:
            # Headers wait for the first request, so it alone decides compression.
            call_compressed = _start_stream(context, [request])
        yield from _stream_responses(request, context, call_compressed)
    if call_compressed is None:
        _echo_metadata(context)


def half_duplex_call(raw_requests, context):
    requests = [_parse(raw, messages.StreamingOutputCallRequest, context)[0]
                for raw in raw_requests]
    call_compressed = _start_stream(context, requests)
    for request in requests:
        yield from _stream_responses(request, context, call_compressed)


def _serialize(message):
    return message.SerializeToString()


def _handler():
    # Requests stay raw bytes (no request_deserializer): _parse needs to see
    # whether they were compressed. UnimplementedCall is deliberately not
    # registered, so grpcio answers it with UNIMPLEMENTED like any unknown method.
    return grpc.method_handlers_generic_handler(SERVICE, {
        "EmptyCall": grpc.unary_unary_rpc_method_handler(
            empty_call, response_serializer=_serialize),
        "UnaryCall": grpc.unary_unary_rpc_method_handler(
            unary_call, response_serializer=_serialize),
        "StreamingOutputCall": grpc.unary_stream_rpc_method_handler(
            streaming_output_call, response_serializer=_serialize),
        "StreamingInputCall": grpc.stream_unary_rpc_method_handler(
            streaming_input_call, response_serializer=_serialize),
        "FullDuplexCall": grpc.stream_stream_rpc_method_handler(
            full_duplex_call, response_serializer=_serialize),
        "HalfDuplexCall": grpc.stream_stream_rpc_method_handler(
            half_duplex_call, response_serializer=_serialize),
    })


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="0 picks a free port")
    parser.add_argument("--workers", type=int, default=16, help="handler threads")
    args = parser.parse_args()

    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=args.workers),
        handlers=[_handler()],
        options=[
            ("grpc.max_concurrent_streams", 2**31 - 1),
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            # grpcio's default send limit is unlimited; match the 4 MiB
            # receive limit, as the server under test does.
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            ("grpc.per_message_decompression", 0),
            ("grpc.compression_enabled_algorithms_bitset", _IDENTITY_AND_GZIP),
            # With SO_REUSEPORT (grpcio's default) a busy port would bind anyway.
            ("grpc.so_reuseport", 0),
        ],
        maximum_concurrent_rpcs=None,
    )
    try:
        port = server.add_insecure_port(f"127.0.0.1:{args.port}")
    except RuntimeError as e:
        port = 0
        print(e, file=sys.stderr)
    if port == 0:
        print(f"cannot listen on 127.0.0.1:{args.port}", file=sys.stderr)
        return 1

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())

    server.start()
    print(f"LISTENING {port}", flush=True)
    stop.wait()
    server.stop(grace=1).wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
