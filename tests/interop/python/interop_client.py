#!/usr/bin/python3
"""gRPC interop client (doc/interop-test-descriptions.md in grpc/grpc) plus
checks of our own for message size limits, health and reflection.

    /usr/bin/python3 tests/interop/python/interop_client.py \
        --server_host 127.0.0.1 --server_port PORT --test_case NAME

NAME is a case name, a comma-separated list of them, or "all". Prints
"PASS NAME" per passing case; failures go to stderr and make the exit code 1.
"""

import queue
import sys
import threading
import traceback
import zlib

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, text_format

import protos
from case_runner import run_cases

_pb = protos.load()
messages = _pb.messages
empty_pb2 = _pb.empty
health_pb2 = _pb.health

MiB = 1024 * 1024
CLIENT_MAX_MESSAGE_BYTES = 16 * MiB
GZIP_MAGIC = b"\x1f\x8b"

TEST_SERVICE = "/grpc.testing.TestService/"
ECHO_INITIAL = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
ECHO_TRAILING = ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab")
SPECIAL_STATUS_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"

REFLECTION_VERSIONS = {
    "v1": (_pb.reflection_v1, "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"),
    "v1alpha": (_pb.reflection_v1alpha,
                "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"),
}
REQUIRED_SERVICES = {
    "grpc.testing.TestService",
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
}
# method -> (input type, output type, client streaming, server streaming)
TEST_SERVICE_METHODS = {
    "EmptyCall": ("grpc.testing.Empty", "grpc.testing.Empty", False, False),
    "UnaryCall": ("grpc.testing.SimpleRequest", "grpc.testing.SimpleResponse", False, False),
    "StreamingOutputCall": ("grpc.testing.StreamingOutputCallRequest",
                            "grpc.testing.StreamingOutputCallResponse", False, True),
    "StreamingInputCall": ("grpc.testing.StreamingInputCallRequest",
                           "grpc.testing.StreamingInputCallResponse", True, False),
    "FullDuplexCall": ("grpc.testing.StreamingOutputCallRequest",
                       "grpc.testing.StreamingOutputCallResponse", True, True),
    "HalfDuplexCall": ("grpc.testing.StreamingOutputCallRequest",
                       "grpc.testing.StreamingOutputCallResponse", True, True),
    "UnimplementedCall": ("grpc.testing.Empty", "grpc.testing.Empty", False, False),
}


class CaseFailure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CaseFailure(message)


def zeros(size):
    return bytes(size)


def _serialize(message):
    return message.SerializeToString()


class Client:
    """A channel plus shorthands for the four call shapes."""

    def __init__(self, target, timeout):
        self.target = target
        self.timeout = timeout
        self.channel = self.open_channel()

    def open_channel(self, extra_options=()):
        return grpc.insecure_channel(self.target, options=[
            ("grpc.max_receive_message_length", CLIENT_MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", CLIENT_MAX_MESSAGE_BYTES),
            *extra_options,
        ])

    def unary_unary(self, path, response_class, channel=None):
        deserializer = response_class.FromString if response_class else None
        return (channel or self.channel).unary_unary(
            path, request_serializer=_serialize, response_deserializer=deserializer)

    def unary_stream(self, path, response_class):
        return self.channel.unary_stream(
            path, request_serializer=_serialize, response_deserializer=response_class.FromString)

    def stream_unary(self, path, response_class):
        return self.channel.stream_unary(
            path, request_serializer=_serialize, response_deserializer=response_class.FromString)

    def stream_stream(self, path, response_class):
        return self.channel.stream_stream(
            path, request_serializer=_serialize, response_deserializer=response_class.FromString)


class RequestQueue:
    """Request iterator the test feeds while the call runs; close() half-closes.

    Always close() it, also on failure: grpcio keeps a thread blocked in
    next() until then.
    """

    _CLOSE = object()

    def __init__(self):
        self._queue = queue.Queue()

    def send(self, request):
        self._queue.put(request)

    def close(self):
        self._queue.put(self._CLOSE)

    def __iter__(self):
        return self

    def __next__(self):
        request = self._queue.get()
        if request is self._CLOSE:
            raise StopIteration
        return request


def describe_error(error):
    return f"{error.code().name} {error.details()!r}"


def expect_status(what, call, code, details=None):
    """Run call() and require it to fail with `code` (and `details`, exactly)."""
    try:
        call()
    except grpc.RpcError as e:
        expect(e.code() == code,
               f"{what}: expected status {code.name}, got {describe_error(e)}")
        if details is not None:
            got = e.details()
            expect(got == details,
                   f"{what}: expected status message {details!r}, got {got!r}")
        return
    raise CaseFailure(f"{what}: expected status {code.name}, but the call succeeded")


def check_payload(what, payload, size):
    body = payload.body
    expect(len(body) == size, f"{what}: expected a payload of {size} bytes, got {len(body)}")
    expect(body == zeros(size), f"{what}: payload of {size} bytes is not all zero bytes")


def check_simple_response(what, response, size):
    check_payload(what, response.payload, size)
    extra = [field.name for field, _ in response.ListFields() if field.name != "payload"]
    expect(not extra, f"{what}: unexpected fields set in SimpleResponse: {extra}")


def check_stream_payloads(what, responses, sizes):
    got = [len(r.payload.body) for r in responses]
    expect(got == sizes, f"{what}: expected responses with payload sizes {sizes}, got {got}")
    for i, (response, size) in enumerate(zip(responses, sizes)):
        check_payload(f"{what}: response {i}", response.payload, size)


def large_request(**fields):
    return messages.SimpleRequest(
        response_size=314159, payload=messages.Payload(body=zeros(271828)), **fields)


# --- cases from the interop spec -------------------------------------------

def empty_unary(c):
    # A raw deserializer lets us check the response really is zero bytes.
    response = c.unary_unary(TEST_SERVICE + "EmptyCall", None)(
        empty_pb2.Empty(), timeout=c.timeout)
    expect(response == b"", f"expected an empty response message, got {len(response)} bytes")


def large_unary(c):
    response = c.unary_unary(TEST_SERVICE + "UnaryCall", messages.SimpleResponse)(
        large_request(), timeout=c.timeout)
    check_simple_response("UnaryCall", response, 314159)


def client_compressed_unary(c):
    unary = c.unary_unary(TEST_SERVICE + "UnaryCall", messages.SimpleResponse)

    def request(expect_compressed):
        return large_request(expect_compressed=messages.BoolValue(value=expect_compressed))

    expect_status("probe (uncompressed request, expect_compressed=true)",
                  lambda: unary(request(True), timeout=c.timeout),
                  grpc.StatusCode.INVALID_ARGUMENT)
    response = unary(request(True), compression=grpc.Compression.Gzip, timeout=c.timeout)
    check_simple_response("compressed request, expect_compressed=true", response, 314159)
    response = unary(request(False), timeout=c.timeout)
    check_simple_response("uncompressed request, expect_compressed=false", response, 314159)


def server_compressed_unary(c):
    # grpcio hides the compressed flag of received messages. With core
    # decompression off and only gzip accepted, the flag is set exactly when
    # the raw message starts with the gzip magic (no protobuf message can:
    # 0x1f would be the invalid wire type 7).
    channel = c.open_channel([
        ("grpc.per_message_decompression", 0),
        ("grpc.compression_enabled_algorithms_bitset", (1 << 0) | (1 << 2)),  # identity, gzip
    ])
    try:
        unary = c.unary_unary(TEST_SERVICE + "UnaryCall", None, channel=channel)
        for compressed in (True, False):
            what = f"response_compressed={str(compressed).lower()}"
            raw = unary(large_request(response_compressed=messages.BoolValue(value=compressed)),
                        timeout=c.timeout)
            flagged = raw[:2] == GZIP_MAGIC
            expect(flagged == compressed,
                   f"{what}: the response message was {'' if flagged else 'not '}compressed")
            if flagged:
                raw = zlib.decompress(raw, wbits=16 + zlib.MAX_WBITS)
            check_simple_response(what, messages.SimpleResponse.FromString(raw), 314159)
    finally:
        channel.close()


def client_streaming(c):
    sizes = [27182, 8, 1828, 45904]
    requests = [messages.StreamingInputCallRequest(payload=messages.Payload(body=zeros(n)))
                for n in sizes]
    response = c.stream_unary(TEST_SERVICE + "StreamingInputCall",
                              messages.StreamingInputCallResponse)(iter(requests), timeout=c.timeout)
    expect(response.aggregated_payload_size == 74922,
           f"expected aggregated_payload_size 74922, got {response.aggregated_payload_size}")


def server_streaming(c):
    sizes = [31415, 9, 2653, 58979]
    request = messages.StreamingOutputCallRequest(
        response_parameters=[messages.ResponseParameters(size=n) for n in sizes])
    responses = list(c.unary_stream(TEST_SERVICE + "StreamingOutputCall",
                                    messages.StreamingOutputCallResponse)(request, timeout=c.timeout))
    check_stream_payloads("StreamingOutputCall", responses, sizes)


def ping_pong(c):
    exchanges = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)]
    requests = RequestQueue()
    call = c.stream_stream(TEST_SERVICE + "FullDuplexCall",
                           messages.StreamingOutputCallResponse)(requests, timeout=c.timeout)
    try:
        for i, (response_size, request_size) in enumerate(exchanges):
            requests.send(messages.StreamingOutputCallRequest(
                response_parameters=[messages.ResponseParameters(size=response_size)],
                payload=messages.Payload(body=zeros(request_size))))
            try:
                response = next(call)
            except StopIteration:
                raise CaseFailure(f"stream ended after {i} responses, expected 4") from None
            check_payload(f"response {i}", response.payload, response_size)
        requests.close()
        rest = list(call)
        expect(not rest, f"expected exactly 4 responses, got {4 + len(rest)}")
    finally:
        requests.close()


def empty_stream(c):
    responses = list(c.stream_stream(TEST_SERVICE + "FullDuplexCall",
                                     messages.StreamingOutputCallResponse)(iter(()), timeout=c.timeout))
    expect(not responses, f"expected no responses, got {len(responses)}")


def _check_echoed_metadata(what, call):
    for (key, value), metadata, where in ((ECHO_INITIAL, call.initial_metadata(), "initial"),
                                           (ECHO_TRAILING, call.trailing_metadata(), "trailing")):
        got = [v for k, v in metadata or () if k == key]
        expect(got == [value], f"{what}: expected {where} metadata {key}={value!r}, got "
                               f"{got!r} (all {where} metadata: {list(metadata or ())!r})")


def custom_metadata(c):
    metadata = (ECHO_INITIAL, ECHO_TRAILING)
    response, call = c.unary_unary(TEST_SERVICE + "UnaryCall", messages.SimpleResponse).with_call(
        large_request(), metadata=metadata, timeout=c.timeout)
    check_simple_response("UnaryCall", response, 314159)
    _check_echoed_metadata("UnaryCall", call)

    request = messages.StreamingOutputCallRequest(
        response_parameters=[messages.ResponseParameters(size=314159)],
        payload=messages.Payload(body=zeros(271828)))
    call = c.stream_stream(TEST_SERVICE + "FullDuplexCall", messages.StreamingOutputCallResponse)(
        iter([request]), metadata=metadata, timeout=c.timeout)
    check_stream_payloads("FullDuplexCall", list(call), [314159])
    _check_echoed_metadata("FullDuplexCall", call)


def _check_echoed_status(c, message, full_duplex):
    status = messages.EchoStatus(code=2, message=message)
    expect_status("UnaryCall",
                  lambda: c.unary_unary(TEST_SERVICE + "UnaryCall", messages.SimpleResponse)(
                      messages.SimpleRequest(response_status=status), timeout=c.timeout),
                  grpc.StatusCode.UNKNOWN, message)
    if full_duplex:
        request = messages.StreamingOutputCallRequest(response_status=status)
        expect_status("FullDuplexCall",
                      lambda: list(c.stream_stream(TEST_SERVICE + "FullDuplexCall",
                                                   messages.StreamingOutputCallResponse)(
                          iter([request]), timeout=c.timeout)),
                      grpc.StatusCode.UNKNOWN, message)


def status_code_and_message(c):
    _check_echoed_status(c, "test status message", full_duplex=True)


def special_status_message(c):
    _check_echoed_status(c, SPECIAL_STATUS_MESSAGE, full_duplex=False)


def unimplemented_method(c):
    expect_status("TestService/UnimplementedCall",
                  lambda: c.unary_unary(TEST_SERVICE + "UnimplementedCall", empty_pb2.Empty)(
                      empty_pb2.Empty(), timeout=c.timeout),
                  grpc.StatusCode.UNIMPLEMENTED)


def unimplemented_service(c):
    expect_status("UnimplementedService/UnimplementedCall",
                  lambda: c.unary_unary("/grpc.testing.UnimplementedService/UnimplementedCall",
                                        empty_pb2.Empty)(empty_pb2.Empty(), timeout=c.timeout),
                  grpc.StatusCode.UNIMPLEMENTED)


def cancel_after_begin(c):
    requests = RequestQueue()
    try:
        future = c.stream_unary(TEST_SERVICE + "StreamingInputCall",
                                messages.StreamingInputCallResponse).future(requests, timeout=c.timeout)
        future.cancel()
        code = future.code()
    finally:
        requests.close()
    expect(code == grpc.StatusCode.CANCELLED, f"expected status CANCELLED, got {code.name}")


def cancel_after_first_response(c):
    requests = RequestQueue()
    try:
        call = c.stream_stream(TEST_SERVICE + "FullDuplexCall",
                               messages.StreamingOutputCallResponse)(requests, timeout=c.timeout)
        requests.send(messages.StreamingOutputCallRequest(
            response_parameters=[messages.ResponseParameters(size=31415)],
            payload=messages.Payload(body=zeros(27182))))
        try:
            response = next(call)
        except StopIteration:
            raise CaseFailure("stream ended without a response") from None
        check_payload("first response", response.payload, 31415)
        call.cancel()
        code = call.code()
    finally:
        requests.close()
    expect(code == grpc.StatusCode.CANCELLED, f"expected status CANCELLED, got {code.name}")


def timeout_on_sleeping_server(c):
    requests = RequestQueue()
    try:
        call = c.stream_stream(TEST_SERVICE + "FullDuplexCall",
                               messages.StreamingOutputCallResponse)(requests, timeout=0.001)
        # No half-close: the server has nothing to do but wait for more.
        requests.send(messages.StreamingOutputCallRequest(payload=messages.Payload(body=zeros(27182))))
        expect_status("FullDuplexCall with a 1 ms deadline", lambda: list(call),
                      grpc.StatusCode.DEADLINE_EXCEEDED)
    finally:
        requests.close()


# --- cases of our own ---------------------------------------------------------

def oversized_request(c):
    expect_status("UnaryCall with a 5 MiB request payload",
                  lambda: c.unary_unary(TEST_SERVICE + "UnaryCall", messages.SimpleResponse)(
                      messages.SimpleRequest(payload=messages.Payload(body=zeros(5 * MiB))),
                      timeout=c.timeout),
                  grpc.StatusCode.RESOURCE_EXHAUSTED)


def oversized_response(c):
    expect_status("UnaryCall with response_size 5 MiB",
                  lambda: c.unary_unary(TEST_SERVICE + "UnaryCall", messages.SimpleResponse)(
                      messages.SimpleRequest(response_size=5 * MiB), timeout=c.timeout),
                  grpc.StatusCode.RESOURCE_EXHAUSTED)


def _serving_status_name(status):
    return health_pb2.HealthCheckResponse.ServingStatus.Name(status)


def health_check(c):
    check = c.unary_unary("/grpc.health.v1.Health/Check", health_pb2.HealthCheckResponse)
    for service in ("", "grpc.testing.TestService"):
        response = check(health_pb2.HealthCheckRequest(service=service), timeout=c.timeout)
        expect(response.status == health_pb2.HealthCheckResponse.SERVING,
               f"Check({service!r}): expected SERVING, got {_serving_status_name(response.status)}")
    expect_status("Check('no.such.Service')",
                  lambda: check(health_pb2.HealthCheckRequest(service="no.such.Service"),
                                timeout=c.timeout),
                  grpc.StatusCode.NOT_FOUND)


def health_watch(c):
    watch = c.unary_stream("/grpc.health.v1.Health/Watch", health_pb2.HealthCheckResponse)
    for service, wanted in (("", health_pb2.HealthCheckResponse.SERVING),
                            ("no.such.Service", health_pb2.HealthCheckResponse.SERVICE_UNKNOWN)):
        what = f"Watch({service!r})"
        call = watch(health_pb2.HealthCheckRequest(service=service), timeout=c.timeout)
        try:
            try:
                first = next(call)
            except StopIteration:
                raise CaseFailure(f"{what}: stream ended without a message "
                                  f"(status {call.code().name})") from None
            expect(first.status == wanted, f"{what}: expected first message "
                                           f"{_serving_status_name(wanted)}, got "
                                           f"{_serving_status_name(first.status)}")
            # The health protocol keeps a watch open, even for unknown services.
            ended = threading.Event()
            if not call.add_callback(ended.set) or ended.wait(0.2):
                raise CaseFailure(f"{what}: server ended the stream ({describe_error(call)}) "
                                  "instead of keeping it open")
        finally:
            call.cancel()


def _one_line(message):
    return text_format.MessageToString(message, as_one_line=True)


def _reflect(c, version, requests):
    """Send requests on one reflection stream; returns one response per request."""
    module, path = REFLECTION_VERSIONS[version]
    responses = list(c.stream_stream(path, module.ServerReflectionResponse)(
        iter(requests), timeout=c.timeout))
    expect(len(responses) == len(requests),
           f"{version}: expected {len(requests)} responses, got {len(responses)}")
    for request, response in zip(requests, responses):
        expect(response.original_request == request,
               f"{version}: original_request {{{_one_line(response.original_request)}}} "
               f"does not echo the request {{{_one_line(request)}}}")
    return responses


def _describe_reflection_response(response):
    kind = response.WhichOneof("message_response")
    if kind == "error_response":
        return (f"error_response {response.error_response.error_code} "
                f"{response.error_response.error_message!r}")
    return kind or "no message_response"


def reflection_list_services(c):
    for version, (module, _) in REFLECTION_VERSIONS.items():
        # The reflection protocol says the content is not checked; send "".
        (response,) = _reflect(c, version, [module.ServerReflectionRequest(list_services="")])
        expect(response.WhichOneof("message_response") == "list_services_response",
               f"{version}: expected list_services_response, got "
               f"{_describe_reflection_response(response)}")
        names = {service.name for service in response.list_services_response.service}
        missing = sorted(REQUIRED_SERVICES - names)
        expect(not missing, f"{version}: services {missing} missing from {sorted(names)}")


def _build_pool(version, files):
    """Load the files, dependencies first, into a fresh pool; proves they are complete."""
    by_name = {f.name: f for f in files}
    missing = sorted({dep for f in files for dep in f.dependency} - by_name.keys())
    expect(not missing, f"{version}: dependencies {missing} not in the response "
                        f"(files: {sorted(by_name)})")
    pool = descriptor_pool.DescriptorPool()
    added = set()

    def add(name, path):
        expect(name not in path, f"{version}: import cycle through {name}")
        if name in added:
            return
        for dep in by_name[name].dependency:
            add(dep, path + (name,))
        try:
            pool.Add(by_name[name])
        except Exception as e:  # noqa: BLE001 - the pool raises TypeError and others
            raise CaseFailure(f"{version}: descriptor {name} does not load: {e}") from None
        added.add(name)

    for name in by_name:
        add(name, ())
    return pool


def reflection_file_containing_symbol(c):
    for version, (module, _) in REFLECTION_VERSIONS.items():
        found, not_found = _reflect(c, version, [
            module.ServerReflectionRequest(file_containing_symbol="grpc.testing.TestService"),
            module.ServerReflectionRequest(file_containing_symbol="no.such.Symbol"),
        ])

        what = f"{version} file_containing_symbol('grpc.testing.TestService')"
        expect(found.WhichOneof("message_response") == "file_descriptor_response",
               f"{what}: expected file_descriptor_response, got "
               f"{_describe_reflection_response(found)}")
        try:
            files = [descriptor_pb2.FileDescriptorProto.FromString(data)
                     for data in found.file_descriptor_response.file_descriptor_proto]
        except Exception as e:  # noqa: BLE001 - DecodeError
            raise CaseFailure(f"{what}: not a serialized FileDescriptorProto: {e}") from None
        defining = [f.name for f in files
                    if f.package == "grpc.testing" and any(s.name == "TestService" for s in f.service)]
        expect(len(defining) == 1, f"{what}: expected one file defining grpc.testing.TestService, "
                                   f"got {defining} among {[f.name for f in files]}")
        pool = _build_pool(what, files)
        expect(any(f.package == "grpc.testing" and any(m.name == "SimpleRequest" for m in f.message_type)
                   for f in files),
               f"{what}: no file defining grpc.testing.SimpleRequest among {[f.name for f in files]}")

        service = pool.FindServiceByName("grpc.testing.TestService")
        methods = {m.name: m for m in service.methods}
        for name, wanted in TEST_SERVICE_METHODS.items():
            expect(name in methods, f"{what}: method {name} missing from {sorted(methods)}")
            m = methods[name]
            got = (m.input_type.full_name, m.output_type.full_name,
                   m.client_streaming, m.server_streaming)
            expect(got == wanted, f"{what}: method {name} is {got}, expected {wanted}")

        what = f"{version} file_containing_symbol('no.such.Symbol')"
        expect(not_found.WhichOneof("message_response") == "error_response"
               and not_found.error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0],
               f"{what}: expected error_response with error_code 5 (NOT_FOUND), got "
               f"{_describe_reflection_response(not_found)}")


CASES = {case.__name__: case for case in (
    empty_unary,
    large_unary,
    client_compressed_unary,
    server_compressed_unary,
    client_streaming,
    server_streaming,
    ping_pong,
    empty_stream,
    custom_metadata,
    status_code_and_message,
    special_status_message,
    unimplemented_method,
    unimplemented_service,
    cancel_after_begin,
    cancel_after_first_response,
    timeout_on_sleeping_server,
    oversized_request,
    oversized_response,
    health_check,
    health_watch,
    reflection_list_services,
    reflection_file_containing_symbol,
)}


def run_case(args, name):
    """Run one case on a fresh channel; returns None on success, else a message."""
    client = Client(f"{args.server_host}:{args.server_port}", args.timeout)
    try:
        try:
            grpc.channel_ready_future(client.channel).result(timeout=args.connect_timeout)
        except grpc.FutureTimeoutError:
            return f"could not connect to {client.target} within {args.connect_timeout} s"
        CASES[name](client)
        return None
    except CaseFailure as e:
        return str(e)
    except grpc.RpcError as e:
        return f"unexpected RPC failure: {describe_error(e)}"
    except Exception:  # noqa: BLE001 - report client bugs as failures too
        return "client error:\n" + traceback.format_exc()
    finally:
        client.channel.close()


def main():
    return run_cases(__doc__, CASES, run_case)


if __name__ == "__main__":
    sys.exit(main())
