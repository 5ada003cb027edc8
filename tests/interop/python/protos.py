"""Python message modules for the gRPC test protos, generated at run time.

Debian's protoc compiles the official .proto files from /usr/share/grpc-proto
into a cache folder next to this file (.gen/). The generated modules are loaded
by file path rather than imported as packages: their natural package name,
`grpc`, would collide with the grpcio library.

Several processes may start at once (interop clients, test servers), so the
cache is built in a private temp folder and renamed into place atomically; a
STAMP file identifies the inputs it was built from.
"""

import errno
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import types
import uuid
from pathlib import Path

PROTOC = "/usr/bin/protoc"
PROTO_ROOT = Path("/usr/share/grpc-proto")
GEN_DIR = Path(__file__).resolve().parent / ".gen"

# Attribute name on the returned namespace -> .proto path under PROTO_ROOT.
# None of these import another .proto, so each module loads on its own.
PROTO_FILES = {
    "empty": "grpc/testing/empty.proto",
    "messages": "grpc/testing/messages.proto",
    "health": "grpc/health/v1/health.proto",
    "reflection_v1": "grpc/reflection/v1/reflection.proto",
    "reflection_v1alpha": "grpc/reflection/v1alpha/reflection.proto",
}

# Bump when the layout of the generated folder changes.
_FORMAT = "1"

_loaded = None


def _fingerprint():
    digest = hashlib.sha256()
    digest.update(_FORMAT.encode())
    protoc = os.stat(PROTOC)
    digest.update(f"{protoc.st_size}:{protoc.st_mtime_ns}".encode())
    for rel in PROTO_FILES.values():
        digest.update(rel.encode() + b"\0")
        digest.update((PROTO_ROOT / rel).read_bytes())
    return digest.hexdigest()


def _module_path(gen_dir, rel):
    return gen_dir / (rel[: -len(".proto")] + "_pb2.py")


def _is_current(gen_dir, stamp):
    try:
        if (gen_dir / "STAMP").read_text() != stamp:
            return False
    except OSError:
        return False
    return all(_module_path(gen_dir, rel).is_file() for rel in PROTO_FILES.values())


def _generate(stamp):
    tmp = Path(tempfile.mkdtemp(prefix=".gen-tmp-", dir=GEN_DIR.parent))
    try:
        cmd = [PROTOC, f"-I{PROTO_ROOT}", f"--python_out={tmp}", *PROTO_FILES.values()]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(
                f"protoc failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr}")
        # STAMP is written last; the folder only becomes visible as .gen/ by
        # the rename below, so a reader never sees a half-written cache.
        (tmp / "STAMP").write_text(stamp)
        for _ in range(5):
            try:
                os.rename(tmp, GEN_DIR)
                return
            except OSError as e:
                if e.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
            if _is_current(GEN_DIR, stamp):
                return  # another process won the race with identical content
            # A stale cache is in the way: move it aside (only one process
            # can succeed at that), then retry.
            stale = GEN_DIR.parent / f".gen-stale-{uuid.uuid4().hex}"
            try:
                os.rename(GEN_DIR, stale)
            except FileNotFoundError:
                continue
            shutil.rmtree(stale, ignore_errors=True)
        raise RuntimeError(f"could not install generated protos into {GEN_DIR}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load():
    """Return a namespace with the generated modules (see PROTO_FILES)."""
    global _loaded
    if _loaded is not None:
        return _loaded
    stamp = _fingerprint()
    if not _is_current(GEN_DIR, stamp):
        _generate(stamp)
    modules = {}
    for attr, rel in PROTO_FILES.items():
        name = "_interop_gen_" + rel[: -len(".proto")].replace("/", "_") + "_pb2"
        spec = importlib.util.spec_from_file_location(name, _module_path(GEN_DIR, rel))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        modules[attr] = module
    _loaded = types.SimpleNamespace(**modules)
    return _loaded
