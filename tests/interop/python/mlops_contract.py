"""The platform's public contracts compiled with Debian's protoc, as any Python client would do it.

    from mlops_contract import registry, deployment, inference, stub
    pb = registry("registry")            # mlops/registry/v1/registry_pb2
    dep = deployment("deployment")       # mlops/deployment/v1/deployment_pb2
    oip = inference()                    # inference/grpc_predict_v2_pb2 (the Open Inference Protocol)
"""

import atexit
import importlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROTOC = "/usr/bin/protoc"
REPO = Path(__file__).resolve().parents[3]
PROTO_ROOT = REPO / "protos"
PACKAGES = ["mlops/registry/v1", "mlops/deployment/v1", "inference"]

_out = None


def _compile():
    global _out
    if _out is None:
        _out = Path(tempfile.mkdtemp(prefix="mlops-contract-py-"))
        atexit.register(shutil.rmtree, _out, True)
        protos = sorted(str(p.relative_to(PROTO_ROOT)) for package in PACKAGES for p in (PROTO_ROOT / package).glob("*.proto"))
        subprocess.run([PROTOC, f"-I{PROTO_ROOT}", "-I/usr/include", f"--python_out={_out}", *protos], check=True, cwd=REPO)
        sys.path.insert(0, str(_out))
    return _out


def registry(name):
    """The generated module of protos/mlops/registry/v1/<name>.proto."""
    _compile()
    return importlib.import_module(f"mlops.registry.v1.{name}_pb2")


def deployment(name):
    """The generated module of protos/mlops/deployment/v1/<name>.proto."""
    _compile()
    return importlib.import_module(f"mlops.deployment.v1.{name}_pb2")


def inference():
    """The generated module of protos/inference/grpc_predict_v2.proto."""
    _compile()
    return importlib.import_module("inference.grpc_predict_v2_pb2")


def stub(channel, service, method, request_type, response_type, kind="unary_unary", package="mlops.registry.v1"):
    """A callable for /<package>.<service>/<method>; kind is grpcio's unary_unary, stream_unary, ..."""
    factory = getattr(channel, kind)
    return factory(f"/{package}.{service}/{method}", request_serializer=request_type.SerializeToString,
                   response_deserializer=response_type.FromString)
