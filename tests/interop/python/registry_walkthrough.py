#!/usr/bin/python3
"""The README's walk-through, runnable: register a model version from Python, have it approved by someone else,
and point the protected `production` alias at it.

    /usr/bin/python3 tests/interop/python/registry_walkthrough.py --target 127.0.0.1:5101 --model fraud-detector

Callers are told apart by the development headers x-mlops-user and x-mlops-groups (honoured only while the
registry runs in Development, as under the AppHost): alice (data-science) registers, bob (risk-approvers)
approves, carol (no group) only reads. Running it again on the same model registers the next version and moves
`production` to it. Prints one JSON line with what happened; any unexpected answer goes to stderr and makes the
exit code 1.
"""

import argparse
import hashlib
import json
import sys
from pathlib import Path

import grpc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mlops_contract import registry, stub  # noqa: E402
from expectations import check, refused  # noqa: E402

models = registry("registry")
approvals = registry("approvals")
aliases = registry("aliases")

ALICE = [("x-mlops-user", "alice"), ("x-mlops-groups", "data-science")]
BOB = [("x-mlops-user", "bob"), ("x-mlops-groups", "risk-approvers")]
CAROL = [("x-mlops-user", "carol")]

APPROVERS = ["group:risk-approvers"]
PROTECTED = ["production"]


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
    uri = f"models:/{args.model}@production"

    with grpc.insecure_channel(args.target) as channel:
        create_model = stub(channel, "ModelRegistry", "CreateModel", models.CreateModelRequest, models.Model)
        get_version = stub(channel, "ModelRegistry", "GetModelVersion", models.GetModelVersionRequest, models.ModelVersion)
        get_policy = stub(channel, "ModelApprovals", "GetApprovalPolicy", approvals.GetApprovalPolicyRequest, approvals.ApprovalPolicy)
        set_policy = stub(channel, "ModelApprovals", "SetApprovalPolicy", approvals.SetApprovalPolicyRequest, approvals.ApprovalPolicy)
        approve = stub(channel, "ModelApprovals", "ApproveModelVersion", approvals.ApproveModelVersionRequest, approvals.ApprovalOutcome)
        set_alias = stub(channel, "ModelAliases", "SetAlias", aliases.SetAliasRequest, aliases.ModelAlias)
        resolve = stub(channel, "ModelAliases", "ResolveModelUri", aliases.ResolveModelUriRequest, aliases.ResolveModelUriResponse)

        # 1. Alice, a data scientist, creates the model and says who approves it and which alias they guard. Once the
        #    policy names approvers only they may change it, so a second run finds it set and leaves it alone.
        try:
            create_model(models.CreateModelRequest(name=args.model, description="flags fraudulent payments"),
                         metadata=ALICE, timeout=30)
            created = True
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.ALREADY_EXISTS:
                raise
            created = False
        policy = get_policy(approvals.GetApprovalPolicyRequest(model_name=args.model), metadata=ALICE, timeout=30)
        if (list(policy.approvers), list(policy.protected_aliases), policy.required_approvals) != (APPROVERS, PROTECTED, 1):
            policy = set_policy(approvals.SetApprovalPolicyRequest(policy=approvals.ApprovalPolicy(
                model_name=args.model, required_approvals=1, approvers=APPROVERS, protected_aliases=PROTECTED)),
                metadata=ALICE, timeout=30)
        check(list(policy.approvers) == APPROVERS and list(policy.protected_aliases) == PROTECTED,
              f"the approval policy is {policy}")

        # 2. Alice registers a version: READY once the whole artifact is stored, and waiting for approval.
        version = register_version(channel, args.model, json.dumps({"trees": 100}).encode())
        check(version.status == models.MODEL_VERSION_STATUS_READY, f"registered {version}")
        check(version.approval_status == approvals.APPROVAL_STATUS_PENDING_MANUAL_APPROVAL, f"registered {version}")
        number = version.version

        # 3. Alice may not approve her own version, and not even an approver may put an unapproved one in production.
        self_approval = refused(
            grpc.StatusCode.PERMISSION_DENIED, approve,
            approvals.ApproveModelVersionRequest(model_name=args.model, version=number, comment="looks good to me"),
            metadata=ALICE, timeout=30)
        check("separation of duties" in self_approval, f"alice was refused for another reason: {self_approval}")
        unapproved_production = refused(
            grpc.StatusCode.FAILED_PRECONDITION, set_alias,
            aliases.SetAliasRequest(model_name=args.model, alias="production", version=number), metadata=BOB, timeout=30)

        # 4. Bob, a risk approver, approves it with a comment.
        outcome = approve(approvals.ApproveModelVersionRequest(
            model_name=args.model, version=number, comment="holdout AUC 0.94, bias report reviewed"),
            metadata=BOB, timeout=30)
        check(outcome.approval_status == approvals.APPROVAL_STATUS_APPROVED, f"bob's approval answered {outcome}")

        # 5. Only an approver moves the protected alias: Carol may not, Bob does; anyone can then resolve it.
        non_approver = refused(
            grpc.StatusCode.PERMISSION_DENIED, set_alias,
            aliases.SetAliasRequest(model_name=args.model, alias="production", version=number), metadata=CAROL, timeout=30)
        production = set_alias(aliases.SetAliasRequest(model_name=args.model, alias="production", version=number),
                               metadata=BOB, timeout=30)
        check(production.version == number and production.protected, f"SetAlias answered {production}")
        resolved = resolve(aliases.ResolveModelUriRequest(uri=uri), metadata=CAROL, timeout=30)
        check(resolved.model_version.version == number, f"{uri} resolved to {resolved}")
        final = get_version(models.GetModelVersionRequest(model_name=args.model, version=number), metadata=CAROL, timeout=30)
        check(final.approval_status == approvals.APPROVAL_STATUS_APPROVED and "production" in final.aliases,
              f"GetModelVersion answered {final}")

    print(json.dumps({
        "model": args.model,
        "model_created": created,
        "version": number,
        "status": models.ModelVersionStatus.Name(version.status),
        "artifact_sha256": version.artifact_sha256,
        "approvers": list(policy.approvers),
        "protected_aliases": list(policy.protected_aliases),
        "status_at_registration": approvals.ApprovalStatus.Name(version.approval_status),
        "self_approval_refused": self_approval,
        "unapproved_production_refused": unapproved_production,
        "status_after_approval": approvals.ApprovalStatus.Name(outcome.approval_status),
        "approvals": f"{outcome.approval_count}/{outcome.required_approvals}",
        "non_approver_alias_refused": non_approver,
        "uri": uri,
        "production_resolves_to": resolved.model_version.version,
        "resolved_sha256": resolved.model_version.artifact_sha256,
        "aliases": list(final.aliases),
    }))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - report anything to the caller
        print(f"walkthrough failed: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
