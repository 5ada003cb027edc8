#!/usr/bin/python3
"""The README's deployment walk-through, runnable: a model trained in Python travels from its approval in the
registry, through staging, its checks and a human gate, to a canary rollout in production, where a plain grpcio
Open Inference Protocol client (as tritonclient would) gets the same answers as XGBoost itself.

    /usr/bin/python3 tests/interop/python/deployment_walkthrough.py \
        --registry 127.0.0.1:5101 --deployment 127.0.0.1:5201 --rest http://127.0.0.1:5200 --model fraud-detector

People are told apart by the development headers x-mlops-user and x-mlops-groups (honoured only in Development,
as under the AppHost): priya (platform) sets up the endpoints and the route, alice (data-science) trains and
registers, bob (risk-approvers) approves the version, dave (release-managers) passes the promotion's gate. Running
it again on the same model promotes the next version, replacing the last one by canary. Prints one JSON line of
what happened; any unexpected answer goes to stderr and makes the exit code 1.
"""

import argparse
import hashlib
import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import grpc
import numpy as np
import xgboost as xgb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mlops_contract import deployment, inference, registry, stub  # noqa: E402
from expectations import check, refused  # noqa: E402

models = registry("registry")
approvals = registry("approvals")
endpoints = deployment("deployment")
promotions = deployment("promotions")
oip = inference()

PRIYA = [("x-mlops-user", "priya"), ("x-mlops-groups", "platform")]
ALICE = [("x-mlops-user", "alice"), ("x-mlops-groups", "data-science")]
BOB = [("x-mlops-user", "bob"), ("x-mlops-groups", "risk-approvers")]
DAVE = [("x-mlops-user", "dave"), ("x-mlops-groups", "release-managers")]

FEATURES = 8
CANARY = [10, 50, 100]
DEPLOYMENT = "mlops.deployment.v1"


def exists_already(call, *args, **kwargs):
    """Creates something unless a previous run did; True when this run created it."""
    try:
        call(*args, **kwargs)
        return True
    except grpc.RpcError as e:
        if e.code() != grpc.StatusCode.ALREADY_EXISTS:
            raise
        return False


def train(seed):
    """A small fraud classifier on synthetic payments, with some values missing; held-out rows and XGBoost's answers."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(4000, FEATURES)).astype(np.float32)
    y = ((x[:, 0] + x[:, 1] ** 2 - x[:, 2] + rng.normal(scale=0.3, size=len(x))) > 0.5).astype(np.float32)
    x[rng.random(x.shape) < 0.05] = np.nan
    booster = xgb.train({"objective": "binary:logistic", "max_depth": 4, "eta": 0.3, "seed": seed},
                        xgb.DMatrix(x[:3000], label=y[:3000]), num_boost_round=30)
    held_out = x[3000:3016]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.json"
        booster.save_model(str(path))
        artifact = path.read_bytes()
    return artifact, held_out, booster.predict(xgb.DMatrix(held_out))


def infer_request_json(rows):
    """An Open Inference Protocol REST request body (missing values as "NaN"): the input example, and what REST clients send."""
    return {"inputs": [{"name": "features", "datatype": "FP32", "shape": list(rows.shape),
                        "data": ["NaN" if np.isnan(v) else float(v) for v in rows.reshape(-1)]}]}


def register(channel, model, artifact, example):
    create_version = stub(channel, "ModelRegistry", "CreateModelVersion", models.CreateModelVersionRequest,
                          models.ModelVersion, "stream_unary")
    signature = models.ModelSignature(
        inputs=[models.TensorSpec(name="features", datatype="FP32", shape=[-1, FEATURES])],
        outputs=[models.TensorSpec(name="probability", datatype="FP32", shape=[-1])])

    def requests():
        yield models.CreateModelVersionRequest(header=models.ModelVersionHeader(
            model_name=model, artifact_sha256=hashlib.sha256(artifact).hexdigest(), artifact_size_bytes=len(artifact),
            artifact_file_name="model.json", flavor="xgboost", framework="xgboost", framework_version=xgb.__version__,
            signature=signature, input_example=json.dumps(example)))
        yield models.CreateModelVersionRequest(chunk=artifact)

    return create_version(requests(), metadata=ALICE, timeout=60)


def wait_for(what, get, condition, timeout_s=180):
    deadline = time.monotonic() + timeout_s
    while True:
        value = get()
        if condition(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; last seen: {value}")
        time.sleep(0.25)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registry", required=True)
    parser.add_argument("--deployment", required=True)
    parser.add_argument("--rest", required=True, help="the deployment service's HTTP base address")
    parser.add_argument("--model", default="fraud-detector")
    parser.add_argument("--bake-seconds", type=int, default=2)
    args = parser.parse_args()
    staging, production = f"{args.model}-staging", args.model

    with grpc.insecure_channel(args.registry) as reg, grpc.insecure_channel(args.deployment) as dep:
        create_model = stub(reg, "ModelRegistry", "CreateModel", models.CreateModelRequest, models.Model)
        set_policy = stub(reg, "ModelApprovals", "SetApprovalPolicy", approvals.SetApprovalPolicyRequest, approvals.ApprovalPolicy)
        approve_version = stub(reg, "ModelApprovals", "ApproveModelVersion", approvals.ApproveModelVersionRequest, approvals.ApprovalOutcome)
        create_endpoint = stub(dep, "Endpoints", "CreateEndpoint", endpoints.CreateEndpointRequest, endpoints.Endpoint, package=DEPLOYMENT)
        get_traffic = stub(dep, "Endpoints", "GetTraffic", endpoints.GetTrafficRequest, endpoints.Traffic, package=DEPLOYMENT)
        create_route = stub(dep, "Promotions", "CreateRoute", promotions.CreateRouteRequest, promotions.PromotionRoute, package=DEPLOYMENT)
        list_promotions = stub(dep, "Promotions", "ListPromotions", promotions.ListPromotionsRequest, promotions.ListPromotionsResponse, package=DEPLOYMENT)
        get_promotion = stub(dep, "Promotions", "GetPromotion", promotions.GetPromotionRequest, promotions.Promotion, package=DEPLOYMENT)
        approve_promotion = stub(dep, "Promotions", "ApprovePromotion", promotions.DecidePromotionRequest, promotions.Promotion, package=DEPLOYMENT)

        # 1. Priya, of the platform team, sets up where fraud-detector's versions go: a staging endpoint, a production
        #    endpoint that takes new versions by canary (10% -> 50% -> 100%, each step baked), and the route between
        #    them, whose gate only release managers pass.
        exists_already(create_endpoint, endpoints.CreateEndpointRequest(
            name=staging, environment="staging", description="fraud-detector under test", p95_latency_limit_ms=250), metadata=PRIYA, timeout=30)
        exists_already(create_endpoint, endpoints.CreateEndpointRequest(
            name=production, environment="production", description="scores every payment", p95_latency_limit_ms=250,
            rollout=endpoints.RolloutStrategy(kind=endpoints.ROLLOUT_KIND_CANARY, canary_steps=CANARY, bake_seconds=args.bake_seconds)),
            metadata=PRIYA, timeout=30)
        exists_already(create_route, promotions.CreateRouteRequest(route=promotions.PromotionRoute(
            model_name=args.model, staging_endpoint=staging, production_endpoint=production,
            approvers=["group:release-managers"], gate_timeout_seconds=3600)), metadata=PRIYA, timeout=30)

        # 2. Alice trains a model and registers it with its signature and an input example; Bob approves it.
        created = exists_already(create_model, models.CreateModelRequest(name=args.model), metadata=ALICE, timeout=30)
        if created:
            set_policy(approvals.SetApprovalPolicyRequest(policy=approvals.ApprovalPolicy(
                model_name=args.model, required_approvals=1, approvers=["group:risk-approvers"])), metadata=ALICE, timeout=30)
        artifact, rows, expected = train(seed=int(time.time()) % 100000)
        version = register(reg, args.model, artifact, infer_request_json(rows[:1])).version
        approve_version(approvals.ApproveModelVersionRequest(model_name=args.model, version=version, comment="AUC 0.95 on holdout"),
                        metadata=BOB, timeout=30)

        # 3. The approval starts a promotion: staging, the staging checks, then the gate.
        def this_promotion():
            page = list_promotions(promotions.ListPromotionsRequest(model_name=args.model), metadata=ALICE, timeout=30)
            return next((p for p in page.promotions if p.version == version), None)

        promotion = wait_for("the promotion to reach the gate", this_promotion,
                             lambda p: p is not None and (p.step == promotions.PROMOTION_STEP_APPROVAL or p.state != promotions.PROMOTION_STATE_RUNNING))
        at_gate = get_promotion(promotions.GetPromotionRequest(id=promotion.id), metadata=ALICE, timeout=30)
        check(promotion.state == promotions.PROMOTION_STATE_RUNNING and promotion.step == promotions.PROMOTION_STEP_APPROVAL,
              f"the promotion did not wait at the gate: {at_gate}")
        checks = {e.detail.split(":")[0]: e.kind for e in at_gate.history if e.kind.startswith("CHECK_")}

        # 4. The requester may not pass her own gate; Dave, a release manager, approves with a comment.
        requester_refused = refused(grpc.StatusCode.PERMISSION_DENIED, approve_promotion,
                                    promotions.DecidePromotionRequest(id=promotion.id, comment="ship it"), metadata=ALICE, timeout=30)
        approve_promotion(promotions.DecidePromotionRequest(id=promotion.id, comment="staging checks green, canary approved"),
                          metadata=DAVE, timeout=30)

        # 5. The canary moves production's traffic in steps; the promotion succeeds once the version takes it all.
        splits = []

        def progress():
            current = get_promotion(promotions.GetPromotionRequest(id=promotion.id), metadata=ALICE, timeout=30)
            weights = dict(get_traffic(endpoints.GetTrafficRequest(endpoint=production), timeout=30).weights)
            share = weights.get(current.production_deployment)
            if current.production_deployment and share is not None and (not splits or splits[-1] != share):
                splits.append(share)
            return current

        done = wait_for("the rollout", progress, lambda p: p.state != promotions.PROMOTION_STATE_RUNNING,
                        timeout_s=120 + len(CANARY) * args.bake_seconds)
        check(done.state == promotions.PROMOTION_STATE_SUCCEEDED, f"the promotion ended {promotions.PromotionState.Name(done.state)}: {done.reason}")
        final_split = dict(get_traffic(endpoints.GetTrafficRequest(endpoint=production), timeout=30).weights)
        check(final_split == {done.production_deployment: 100}, f"production's split is {final_split}")

    # 6. Any Open Inference Protocol client now gets the model's answers from production: plain grpcio with the
    #    protocol's proto (raw little-endian contents, as tritonclient sends them), and REST.
    with grpc.insecure_channel(args.deployment) as gateway:
        infer = gateway.unary_unary("/inference.GRPCInferenceService/ModelInfer", request_serializer=oip.ModelInferRequest.SerializeToString,
                                    response_deserializer=oip.ModelInferResponse.FromString)
        request = oip.ModelInferRequest(model_name=production, id="walkthrough-1",
                                        inputs=[oip.ModelInferRequest.InferInputTensor(name="features", datatype="FP32", shape=list(rows.shape))],
                                        raw_input_contents=[rows.astype("<f4").tobytes()])
        response = infer(request, timeout=30)
        grpc_answers = np.frombuffer(response.raw_output_contents[0], dtype="<f4") if response.raw_output_contents \
            else np.array(response.outputs[0].contents.fp32_contents, dtype=np.float32)
    check(response.id == "walkthrough-1", f"the response's id is {response.id!r}")
    grpc_difference = float(np.max(np.abs(grpc_answers - expected)))
    check(grpc_difference <= 1e-6, f"gRPC answers differ from XGBoost's by {grpc_difference}")

    body = json.dumps(infer_request_json(rows)).encode()
    rest_request = urllib.request.Request(f"{args.rest.rstrip('/')}/v2/models/{production}/infer", data=body,
                                          headers={"content-type": "application/json"}, method="POST")
    with urllib.request.urlopen(rest_request, timeout=30) as rest_response:
        rest = json.load(rest_response)
    rest_difference = float(np.max(np.abs(np.array(rest["outputs"][0]["data"], dtype=np.float32) - expected)))
    check(rest_difference <= 1e-6, f"REST answers differ from XGBoost's by {rest_difference}")

    print(json.dumps({
        "model": args.model,
        "version": version,
        "promotion": done.id,
        "trigger": done.trigger,
        "requested_by": done.requested_by,
        "staging_deployment": done.staging_deployment,
        "production_deployment": done.production_deployment,
        "checks": checks,
        "requester_refused": requester_refused,
        "canary_splits": splits,
        "final_split": final_split,
        "history": [f"{promotions.PromotionStep.Name(e.step)} {e.kind} {e.actor}" for e in done.history],
        "state": promotions.PromotionState.Name(done.state),
        "rows": int(rows.shape[0]),
        "grpc_output": response.outputs[0].name,
        "grpc_max_difference": grpc_difference,
        "rest_max_difference": rest_difference,
    }))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - report anything to the caller
        print(f"walkthrough failed: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
