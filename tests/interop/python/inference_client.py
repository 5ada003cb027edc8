#!/usr/bin/python3
"""An Open Inference Protocol v2 client on grpcio, built the way any KServe / Triton user builds one:
protoc compiles the repository's protos/inference/grpc_predict_v2.proto at run time, and the calls go
to /inference.GRPCInferenceService/<Method>. The server is expected to host the test models of
tests/Mlops.Inference.Tests (add, echo, half, warming).

    /usr/bin/python3 tests/interop/python/inference_client.py \
        --server_host 127.0.0.1 --server_port PORT --test_case NAME

NAME is a case name, a comma-separated list of them, or "all". Prints "PASS NAME" per passing case;
failures go to stderr and make the exit code 1.
"""

import atexit
import importlib
import math
import shutil
import struct
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import grpc

from case_runner import run_cases

PROTOC = "/usr/bin/protoc"
PROTO_ROOT = Path(__file__).resolve().parents[3] / "protos"
SERVICE = "/inference.GRPCInferenceService/"


def compile_protocol():
    out = Path(tempfile.mkdtemp(prefix="oip-py-"))
    atexit.register(shutil.rmtree, out, True)
    subprocess.run([PROTOC, f"-I{PROTO_ROOT}", f"--python_out={out}", "inference/grpc_predict_v2.proto"], check=True)
    sys.path.insert(0, str(out))
    return importlib.import_module("inference.grpc_predict_v2_pb2")


pb = compile_protocol()

# datatype -> (struct format of one element, InferTensorContents field, three sample values)
DATATYPES = {
    "BOOL": ("?", "bool_contents", [True, False, True]),
    "UINT8": ("B", "uint_contents", [0, 7, 255]),
    "UINT16": ("H", "uint_contents", [0, 300, 65535]),
    "UINT32": ("I", "uint_contents", [0, 70000, 2**32 - 1]),
    "UINT64": ("Q", "uint64_contents", [0, 5000000000, 2**64 - 1]),
    "INT8": ("b", "int_contents", [-128, -1, 127]),
    "INT16": ("h", "int_contents", [-32768, -300, 32767]),
    "INT32": ("i", "int_contents", [-2**31, -70000, 2**31 - 1]),
    "INT64": ("q", "int64_contents", [-2**63, -5000000000, 2**63 - 1]),
    "FP32": ("f", "fp32_contents", [-1.25, 1.5e38, 2.0**-20]),
    "FP64": ("d", "fp64_contents", [-1.25, 1.7e308, 5e-324]),
}
BYTES_VALUES = ["héllo".encode(), b"", b'{"k": 1}']


class Client:
    def __init__(self, channel, timeout):
        self.channel = channel
        self.timeout = timeout

    def call(self, method, request, response_type):
        stub = self.channel.unary_unary(SERVICE + method, request_serializer=type(request).SerializeToString,
                                        response_deserializer=response_type.FromString)
        return stub(request, timeout=self.timeout)

    def infer(self, request):
        return self.call("ModelInfer", request, pb.ModelInferResponse)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_status(action, code, *fragments):
    try:
        action()
    except grpc.RpcError as e:
        expect(e.code() == code, f"expected {code.name}, got {e.code().name}: {e.details()}")
        for fragment in fragments:
            expect(fragment in e.details(), f"expected {fragment!r} in the status detail {e.details()!r}")
        return
    raise AssertionError(f"expected {code.name}, the call succeeded")


def raw(fmt, values):
    return struct.pack(f"<{len(values)}{fmt}", *values)


def unraw(fmt, data):
    return list(struct.unpack(f"<{len(data) // struct.calcsize(fmt)}{fmt}", data))


def bytes_raw(values):
    return b"".join(struct.pack("<I", len(v)) + v for v in values)


def add_request(raw_contents=False, a=(1, 2, 3, 4), b=(10, 20, 30, 40)):
    request = pb.ModelInferRequest(model_name="add", id="py-1")
    for name, values in (("a", a), ("b", b)):
        tensor = request.inputs.add(name=name, datatype="FP32", shape=[2, 2])
        if raw_contents:
            request.raw_input_contents.append(raw("f", values))
        else:
            tensor.contents.fp32_contents.extend(values)
    return request


def case_server_live(c):
    expect(c.call("ServerLive", pb.ServerLiveRequest(), pb.ServerLiveResponse).live, "server not live")


def case_server_ready(c):
    expect(c.call("ServerReady", pb.ServerReadyRequest(), pb.ServerReadyResponse).ready, "server not ready")


def case_server_metadata(c):
    metadata = c.call("ServerMetadata", pb.ServerMetadataRequest(), pb.ServerMetadataResponse)
    expect((metadata.name, metadata.version) == ("mlops-test", "0.1.0"), f"server metadata {metadata}")


def case_model_ready(c):
    ready = lambda name, version="": c.call("ModelReady", pb.ModelReadyRequest(name=name, version=version), pb.ModelReadyResponse).ready
    expect(ready("add") and ready("add", "1"), "add not ready")
    expect(not ready("warming"), "warming ready")
    expect_status(lambda: ready("nope"), grpc.StatusCode.NOT_FOUND, "'nope'")


def case_model_metadata(c):
    metadata = c.call("ModelMetadata", pb.ModelMetadataRequest(name="add"), pb.ModelMetadataResponse)
    expect(metadata.name == "add" and list(metadata.versions) == ["1"] and metadata.platform == "mlops_test", str(metadata))
    tensors = [(t.name, t.datatype, list(t.shape)) for t in list(metadata.inputs) + list(metadata.outputs)]
    expect(tensors == [("a", "FP32", [-1, 2]), ("b", "FP32", [-1, 2]), ("sum", "FP32", [-1, 2]),
                       ("difference", "FP32", [-1, 2])], f"tensors {tensors}")


def case_infer_typed(c):
    response = c.infer(add_request())
    expect((response.model_name, response.model_version, response.id) == ("add", "1", "py-1"), str(response))
    expect(len(response.raw_output_contents) == 0, "typed request answered raw")
    outputs = {o.name: (list(o.shape), o.datatype, list(o.contents.fp32_contents)) for o in response.outputs}
    expect(outputs == {"sum": ([2, 2], "FP32", [11, 22, 33, 44]), "difference": ([2, 2], "FP32", [-9, -18, -27, -36])},
           f"outputs {outputs}")


def case_infer_raw(c):
    # What tritonclient sends: raw_input_contents, and it reads raw_output_contents.
    response = c.infer(add_request(raw_contents=True))
    expect([o.name for o in response.outputs] == ["sum", "difference"], str(response))
    expect(not any(o.HasField("contents") for o in response.outputs), "raw request answered typed")
    expect(unraw("f", response.raw_output_contents[0]) == [11, 22, 33, 44], "sum")
    expect(unraw("f", response.raw_output_contents[1]) == [-9, -18, -27, -36], "difference")


def case_infer_requested_outputs(c):
    request = add_request()
    request.outputs.add(name="difference")
    response = c.infer(request)
    expect([o.name for o in response.outputs] == ["difference"], str(response))


def echo_request(raw_contents):
    request = pb.ModelInferRequest(model_name="echo")
    for datatype, (fmt, field, values) in DATATYPES.items():
        tensor = request.inputs.add(name=datatype.lower(), datatype=datatype, shape=[3])
        if raw_contents:
            request.raw_input_contents.append(raw(fmt, values))
        else:
            getattr(tensor.contents, field).extend(values)
    tensor = request.inputs.add(name="bytes", datatype="BYTES", shape=[3])
    if raw_contents:
        request.raw_input_contents.append(bytes_raw(BYTES_VALUES))
    else:
        tensor.contents.bytes_contents.extend(BYTES_VALUES)
    return request


def same(expected, actual):
    return all(e == a or (isinstance(e, float) and math.isclose(e, a, rel_tol=1e-7)) for e, a in zip(expected, actual)) \
        and len(expected) == len(actual)


def case_infer_every_datatype_typed(c):
    response = c.infer(echo_request(raw_contents=False))
    outputs = {o.name: o for o in response.outputs}
    for datatype, (_, field, values) in DATATYPES.items():
        output = outputs[datatype.lower()]
        expect(output.datatype == datatype and list(output.shape) == [3], f"{datatype}: {output}")
        expect(same(values, list(getattr(output.contents, field))), f"{datatype}: {list(getattr(output.contents, field))}")
    expect(list(outputs["bytes"].contents.bytes_contents) == BYTES_VALUES, "BYTES")


def case_infer_every_datatype_raw(c):
    response = c.infer(echo_request(raw_contents=True))
    contents = dict(zip((o.name for o in response.outputs), response.raw_output_contents))
    for datatype, (fmt, _, values) in DATATYPES.items():
        expect(same(values, unraw(fmt, contents[datatype.lower()])), f"{datatype}: {unraw(fmt, contents[datatype.lower()])}")
    expect(contents["bytes"] == bytes_raw(BYTES_VALUES), "BYTES")

    half = pb.ModelInferRequest(model_name="half")
    half.inputs.add(name="fp16", datatype="FP16", shape=[3])
    half.raw_input_contents.append(raw("e", [-1.5, 0.5, 65504.0]))
    response = c.infer(half)
    expect(unraw("e", response.raw_output_contents[0]) == [-1.5, 0.5, 65504.0], "FP16")


def case_error_unknown_model(c):
    request = add_request()
    request.model_name = "nope"
    expect_status(lambda: c.infer(request), grpc.StatusCode.NOT_FOUND, "'nope'")
    request = add_request()
    request.model_version = "9"
    expect_status(lambda: c.infer(request), grpc.StatusCode.NOT_FOUND, "'add' version '9'")


def case_error_model_not_ready(c):
    request = pb.ModelInferRequest(model_name="warming")
    request.inputs.add(name="x", datatype="FP32", shape=[1]).contents.fp32_contents.append(1)
    expect_status(lambda: c.infer(request), grpc.StatusCode.UNAVAILABLE, "'warming' is not ready")


def case_error_missing_input(c):
    request = add_request()
    del request.inputs[1]
    expect_status(lambda: c.infer(request), grpc.StatusCode.INVALID_ARGUMENT, "Missing input 'b'")


def case_error_wrong_datatype(c):
    request = add_request()
    request.inputs[1].datatype = "FP64"
    request.inputs[1].contents.Clear()
    request.inputs[1].contents.fp64_contents.extend([1, 2, 3, 4])
    expect_status(lambda: c.infer(request), grpc.StatusCode.INVALID_ARGUMENT, "Input 'b'", "FP64", "FP32")
    request = add_request()
    request.inputs[0].datatype = "fp32"
    expect_status(lambda: c.infer(request), grpc.StatusCode.INVALID_ARGUMENT, "Input 'a'", "'fp32'")


def case_error_wrong_shape(c):
    request = add_request()
    request.inputs[0].shape[:] = [1, 4]
    expect_status(lambda: c.infer(request), grpc.StatusCode.INVALID_ARGUMENT, "Input 'a'", "[-1, 2]")


def case_error_data_length(c):
    request = add_request()
    request.inputs[0].contents.fp32_contents.pop()
    expect_status(lambda: c.infer(request), grpc.StatusCode.INVALID_ARGUMENT, "Input 'a'", "4 elements")
    request = add_request(raw_contents=True)
    request.raw_input_contents[1] = request.raw_input_contents[1][:-1]
    expect_status(lambda: c.infer(request), grpc.StatusCode.INVALID_ARGUMENT, "Input 'b'", "15 bytes")
    request = add_request(raw_contents=True)
    del request.raw_input_contents[1]
    expect_status(lambda: c.infer(request), grpc.StatusCode.INVALID_ARGUMENT, "raw_input_contents")


def case_error_unknown_output(c):
    request = add_request()
    request.outputs.add(name="product")
    expect_status(lambda: c.infer(request), grpc.StatusCode.INVALID_ARGUMENT, "Unknown output 'product'")


CASES = {name[len("case_"):]: function for name, function in globals().items() if name.startswith("case_")}


def run_case(args, name):
    channel = grpc.insecure_channel(f"{args.server_host}:{args.server_port}")
    try:
        grpc.channel_ready_future(channel).result(timeout=args.connect_timeout)
        CASES[name](Client(channel, args.timeout))
        return None
    except AssertionError as e:
        return str(e)
    except grpc.RpcError as e:
        return f"unexpected RPC failure: {e.code().name}: {e.details()}"
    except Exception:  # noqa: BLE001 - report client bugs as failures too
        return "client error:\n" + traceback.format_exc()
    finally:
        channel.close()


def main():
    return run_cases(__doc__, CASES, run_case)


if __name__ == "__main__":
    sys.exit(main())
