#!/usr/bin/python3
"""The README's walk-through, runnable: register a model version from Python, have it approved by someone else,
and point the protected `production` alias at it.

    /usr/bin/python3 tests/interop/python/registry_walkthrough.py --target 127.0.0.1:5101 --model fraud-detector

Callers are told apart by the development headers x-mlops-user and x-mlops-groups (honoured only while the
registry runs in Development, as under the AppHost). Prints one JSON line with what happened; any failure goes
to stderr and makes the exit code 1.
"""

import argparse
import hashlib
import json
import sys
from pathlib import Path

import grpc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mlops_contract import registry, stub  # noqa: E402

models = registry("registry")
approvals = registry("approvals")
aliases = registry("aliases")

ALICE = [("x-mlops-user", "alice"), ("x-mlops-groups", "data-science")]
BOB = [("x-mlops-user", "bob"), ("x-mlops-groups", "risk-approvers")]


def register_version(channel, model, artifact):
    create_version = stub(channel, "ModelRegistry", "CreateModelVersion", models.CreateModelVersionRequest,
                          models.ModelVersion, "stream_unary")

    def requests():
        yield models.CreateModelVersionRequest(header=models.ModelVersionHeader(
            model_name=model, artifact_sha256=hashlib.sha256(artifact).hexdigest(),
            artifact_size_bytes=len(artifact), artifact_file_name="model.json",
            description="gradient-boosted trees, trained on 2026-11 data"))
        for start in range(0, len(artifact), 1024 * 1024):
            yield models.CreateModelVersionRequest(chunk=artifact[start:start + 1024 * 1024])

    return create_version(requests(), metadata=ALICE, timeout=60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--model", default="fraud-detector")
    args = parser.parse_args()

    with grpc.insecure_channel(args.target) as channel:
        create_model = stub(channel, "ModelRegistry", "CreateModel", models.CreateModelRequest, models.Model)
        get_version = stub(channel, "ModelRegistry", "GetModelVersion", models.GetModelVersionRequest, models.ModelVersion)
        set_policy = stub(channel, "ModelApprovals", "SetApprovalPolicy", approvals.SetApprovalPolicyRequest, approvals.ApprovalPolicy)
        approve = stub(channel, "ModelApprovals", "ApproveModelVersion", approvals.ApproveModelVersionRequest, approvals.ApprovalOutcome)
        set_alias = stub(channel, "ModelAliases", "SetAlias", aliases.SetAliasRequest, aliases.ModelAlias)
        resolve = stub(channel, "ModelAliases", "ResolveModelUri", aliases.ResolveModelUriRequest, aliases.ResolveModelUriResponse)

        # 1. Alice, a data scientist, creates the model, says who approves it, and registers a version.
        create_model(models.CreateModelRequest(name=args.model, description="flags fraudulent payments"),
                     metadata=ALICE, timeout=30)
        set_policy(approvals.SetApprovalPolicyRequest(policy=approvals.ApprovalPolicy(
            model_name=args.model, required_approvals=1, approvers=["group:risk-approvers"])), metadata=ALICE, timeout=30)
        version = register_version(channel, args.model, json.dumps({"trees": 100}).encode())
        pending = approvals.ApprovalStatus.Name(version.approval_status)

        # 2. A new version waits for approval. Alice may not approve her own work, nor move `production` yet.
        try:
            approve(approvals.ApproveModelVersionRequest(model_name=args.model, version=version.version,
                                                         comment="looks good to me"), metadata=ALICE, timeout=30)
            raise AssertionError("the author approved her own version")
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.PERMISSION_DENIED:
                raise
            self_approval = e.details()

        # 3. Bob, a risk approver, approves it with a comment.
        outcome = approve(approvals.ApproveModelVersionRequest(
            model_name=args.model, version=version.version, comment="holdout AUC 0.94, bias report reviewed"),
            metadata=BOB, timeout=30)

        # 4. Bob points the protected alias `production` at the approved version; anyone can now resolve it.
        set_alias(aliases.SetAliasRequest(model_name=args.model, alias="production", version=version.version),
                  metadata=BOB, timeout=30)
        resolved = resolve(aliases.ResolveModelUriRequest(uri=f"models:/{args.model}@production"), metadata=ALICE, timeout=30)
        final = get_version(models.GetModelVersionRequest(model_name=args.model, version=version.version),
                            metadata=ALICE, timeout=30)

    print(json.dumps({
        "model": args.model,
        "version": version.version,
        "status_at_registration": pending,
        "self_approval_refused": self_approval,
        "status_after_approval": approvals.ApprovalStatus.Name(outcome.approval_status),
        "production_resolves_to": resolved.model_version.version,
        "aliases": list(final.aliases),
    }))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - report anything to the caller
        print(f"walkthrough failed: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
