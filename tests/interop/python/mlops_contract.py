"""The registry's public contract compiled with Debian's protoc, as any Python client would do it.

    from mlops_contract import registry, stub
    pb = registry("registry", "aliases")     # mlops/registry/v1/registry_pb2, aliases_pb2
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
PACKAGE = "mlops/registry/v1"

_out = None


def _compile():
    global _out
    if _out is None:
        _out = Path(tempfile.mkdtemp(prefix="mlops-contract-py-"))
        atexit.register(shutil.rmtree, _out, True)
        protos = sorted(str(p.relative_to(PROTO_ROOT)) for p in (PROTO_ROOT / PACKAGE).glob("*.proto"))
        subprocess.run([PROTOC, f"-I{PROTO_ROOT}", "-I/usr/include", f"--python_out={_out}", *protos], check=True, cwd=REPO)
        sys.path.insert(0, str(_out))
    return _out


def registry(name):
    """The generated module of protos/mlops/registry/v1/<name>.proto."""
    _compile()
    return importlib.import_module(f"{PACKAGE.replace('/', '.')}.{name}_pb2")


def stub(channel, service, method, request_type, response_type, kind="unary_unary"):
    """A callable for /mlops.registry.v1.<service>/<method>; kind is grpcio's unary_unary, stream_unary, ..."""
    factory = getattr(channel, kind)
    return factory(f"/mlops.registry.v1.{service}/{method}", request_serializer=request_type.SerializeToString,
                   response_deserializer=response_type.FromString)
