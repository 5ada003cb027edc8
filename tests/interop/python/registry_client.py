#!/usr/bin/python3
"""A Python grpcio client of the model registry, as a user would write one.

    /usr/bin/python3 tests/interop/python/registry_client.py \
        --target 127.0.0.1:PORT --model NAME --size-mb 50

Creates the model (an existing one is fine), registers a version whose
artifact is SIZE_MB of pseudo-random bytes streamed in 1 MiB chunks with
its SHA-256, reads the version back, downloads the artifact by server
streaming and checks its digest and length. Also checks that a wrong digest
is refused with INVALID_ARGUMENT. Prints one JSON line with the result;
any failure goes to stderr and makes the exit code 1.
"""

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

import grpc

CHUNK = 1024 * 1024

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mlops_contract import registry, stub as contract_stub  # noqa: E402

pb = registry("registry")


def artifact_chunks(size, seed):
    rng = random.Random(seed)
    remaining = size
    while remaining > 0:
        n = min(CHUNK, remaining)
        yield rng.randbytes(n)
        remaining -= n


def digest_of(size, seed):
    sha = hashlib.sha256()
    for chunk in artifact_chunks(size, seed):
        sha.update(chunk)
    return sha.hexdigest()


def stub(channel, method, request_type, response_type, kind):
    return contract_stub(channel, "ModelRegistry", method, request_type, response_type, kind)


def upload(create_version, model, size, seed, sha256):
    def requests():
        yield pb.CreateModelVersionRequest(header=pb.ModelVersionHeader(
            model_name=model, artifact_sha256=sha256, artifact_size_bytes=size,
            artifact_file_name="model.bin", description="registered from Python", tags={"client": "python-grpcio"}))
        for chunk in artifact_chunks(size, seed):
            yield pb.CreateModelVersionRequest(chunk=chunk)
    return create_version(requests(), timeout=300)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--size-mb", type=int, default=50)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    size = args.size_mb * 1024 * 1024

    with grpc.insecure_channel(args.target) as channel:
        create_model = stub(channel, "CreateModel", pb.CreateModelRequest, pb.Model, "unary_unary")
        create_version = stub(channel, "CreateModelVersion", pb.CreateModelVersionRequest, pb.ModelVersion, "stream_unary")
        get_version = stub(channel, "GetModelVersion", pb.GetModelVersionRequest, pb.ModelVersion, "unary_unary")
        download = stub(channel, "DownloadModelVersionArtifact", pb.DownloadModelVersionArtifactRequest, pb.ArtifactChunk, "unary_stream")

        try:
            create_model(pb.CreateModelRequest(name=args.model, description="created by the Python client"), timeout=30)
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.ALREADY_EXISTS:
                raise

        # A wrong digest must be refused, and leave no version behind.
        try:
            upload(create_version, args.model, 3 * CHUNK, args.seed, "0" * 64)
            raise AssertionError("a wrong digest was accepted")
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.INVALID_ARGUMENT:
                raise
            wrong_digest_error = e.details()

        expected = digest_of(size, args.seed)
        version = upload(create_version, args.model, size, args.seed, expected)
        if version.artifact_sha256 != expected or version.artifact_size_bytes != size:
            raise AssertionError(f"registered {version.artifact_sha256}/{version.artifact_size_bytes}, sent {expected}/{size}")

        fetched = get_version(pb.GetModelVersionRequest(model_name=args.model, version=version.version), timeout=30)
        if fetched.artifact_sha256 != expected or fetched.status != pb.MODEL_VERSION_STATUS_READY:
            raise AssertionError(f"GetModelVersion answered {fetched}")

        sha = hashlib.sha256()
        received = 0
        largest_chunk = 0
        for chunk in download(pb.DownloadModelVersionArtifactRequest(model_name=args.model, version=version.version), timeout=300):
            sha.update(chunk.data)
            received += len(chunk.data)
            largest_chunk = max(largest_chunk, len(chunk.data))
        if sha.hexdigest() != expected or received != size:
            raise AssertionError(f"downloaded {sha.hexdigest()}/{received} bytes, expected {expected}/{size}")

    print(json.dumps({
        "model": args.model,
        "version": version.version,
        "sha256": expected,
        "size": size,
        "downloaded_sha256": sha.hexdigest(),
        "largest_chunk": largest_chunk,
        "wrong_digest_error": wrong_digest_error,
    }))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - report anything to the test
        print(f"registry client failed: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
