#!/usr/bin/python3
"""Trains small models on generated data and writes what the runtime tests compare against.

    /usr/bin/python3 tests/interop/python/runtime_reference.py xgboost \
        --objective binary:logistic --out DIR [--trees 30 --features 8 --depth 4 --seed 1]
    /usr/bin/python3 tests/interop/python/runtime_reference.py linear \
        --kind linear_regression|logistic_regression|multinomial --out DIR [--features 6 --seed 1]

Writes into DIR:
  model.json      xgboost: Booster.save_model's JSON; linear: our format (docs/runtimes/linear-model.md)
                  from scikit-learn's fitted coef_, intercept_ and classes_
  rows.f32        the held-out rows, float32 little-endian, row-major; NaN = missing (xgboost only)
  expected.f32    xgboost's own predictions (Booster.predict on a DMatrix), float32, row-major
  expected.f64    scikit-learn's predictions (predict, or predict_proba), float64, row-major
  meta.json       rows, features, values_per_row, labels, library versions and counts of what the
                  rows exercise (missing values, values equal to a split threshold)

Needs Debian's python3-xgboost, python3-numpy and python3-sklearn. Any failure goes to stderr
and makes the exit code 1.
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np


def features_for(rng, rows, features, missing):
    x = rng.normal(size=(rows, features)).astype(np.float32)
    if missing > 0:
        x[rng.random(x.shape) < missing] = np.nan
    return x


def xgboost_labels(objective, x, rng, classes):
    # The targets read NaN as 0, so a missing value carries information and the trees learn a side for it.
    z = np.nan_to_num(x.astype(np.float64))
    if objective == "reg:squarederror":
        # Large values, so that the comparison is relative, far from the base score.
        return 3000 + 1000 * np.sin(z[:, 0]) + 500 * z[:, 1] * z[:, 2] - 250 * np.abs(z[:, 3]) + rng.normal(scale=50, size=len(z))
    if objective == "binary:logistic":
        return ((z[:, 0] + z[:, 1] ** 2 - z[:, 2] + rng.normal(scale=0.3, size=len(z))) > 0.5).astype(np.float64)
    scores = np.stack([z[:, c % z.shape[1]] - 0.5 * z[:, (c + 1) % z.shape[1]] for c in range(classes)], axis=1)
    return np.argmax(scores + rng.normal(scale=0.3, size=scores.shape), axis=1).astype(np.float64)


def split_nodes(model):
    """(feature, threshold, default_left) of every split of every tree."""
    splits = []
    for tree in model["learner"]["gradient_booster"]["model"]["trees"]:
        for node, left in enumerate(tree["left_children"]):
            if left != -1:
                splits.append((tree["split_indices"][node], tree["split_conditions"][node], bool(tree["default_left"][node])))
    return splits


def train_xgboost(args):
    import xgboost as xgb

    rng = np.random.default_rng(args.seed)
    x_train = features_for(rng, args.train_rows, args.features, args.missing)
    y_train = xgboost_labels(args.objective, x_train, rng, args.classes)
    params = {"objective": args.objective, "max_depth": args.depth, "eta": 0.3, "seed": args.seed, "nthread": 1}
    if args.objective == "multi:softprob":
        params["num_class"] = args.classes
    if args.base_score is not None:
        params["base_score"] = args.base_score
    booster = xgb.train(params, xgb.DMatrix(x_train, label=y_train, missing=np.nan), num_boost_round=args.trees)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(out / "model.json"))
    model = json.loads((out / "model.json").read_text())

    x_test = features_for(rng, args.test_rows, args.features, args.missing)
    # Every fourth row gets one value exactly equal to a split's threshold: x < threshold must go right.
    splits = split_nodes(model)
    on_threshold = 0
    for row in range(0, args.test_rows, 4):
        feature, threshold, _ = splits[int(rng.integers(len(splits)))]
        x_test[row, feature] = np.float32(threshold)
        on_threshold += 1

    # The saved model, read back, predicts: what the runtime loads is what xgboost itself serves.
    saved = xgb.Booster(model_file=str(out / "model.json"))
    saved.set_param({"nthread": 1})
    expected = saved.predict(xgb.DMatrix(x_test, missing=np.nan)).astype(np.float32)
    if not np.array_equal(expected, booster.predict(xgb.DMatrix(x_test, missing=np.nan))):
        raise SystemExit("the saved model predicts otherwise than the trained booster")

    x_test.astype("<f4").tofile(out / "rows.f32")
    expected.astype("<f4").tofile(out / "expected.f32")
    values_per_row = args.classes if args.objective == "multi:softprob" else 1
    meta = {
        "rows": args.test_rows,
        "features": args.features,
        "values_per_row": values_per_row,
        "trees": len(model["learner"]["gradient_booster"]["model"]["trees"]),
        "missing_values": int(np.isnan(x_test).sum()),
        "values_on_a_threshold": on_threshold,
        "splits_missing_left": sum(1 for s in splits if s[2]),
        "splits_missing_right": sum(1 for s in splits if not s[2]),
        "xgboost": xgb.__version__,
    }
    (out / "meta.json").write_text(json.dumps(meta))
    print(json.dumps(meta))


def train_linear(args):
    import sklearn
    from sklearn.linear_model import LinearRegression, LogisticRegression

    rng = np.random.default_rng(args.seed)
    x_train = features_for(rng, args.train_rows, args.features, 0)
    x_test = features_for(rng, args.test_rows, args.features, 0)
    weights = rng.normal(size=(args.features, 3)) * np.array([1.0, 2.0, 0.5])
    scores = x_train.astype(np.float64) @ weights
    if args.kind == "linear_regression":
        y = 500 * scores[:, 0] + 20000 + rng.normal(scale=10, size=len(scores))
        estimator = LinearRegression().fit(x_train, y)
        document = {"type": "linear_regression", "coefficients": estimator.coef_.tolist(), "intercept": float(estimator.intercept_)}
        expected = estimator.predict(x_test.astype(np.float64)).reshape(-1, 1)
        labels = []
    elif args.kind == "logistic_regression":
        y = np.where(scores[:, 0] + rng.normal(scale=0.5, size=len(scores)) > 0, "spam", "ham")
        estimator = LogisticRegression(C=10.0, max_iter=1000).fit(x_train, y)
        document = {"type": "logistic_regression", "coefficients": estimator.coef_.tolist(), "intercept": estimator.intercept_.tolist(), "classes": estimator.classes_.tolist()}
        expected = estimator.predict_proba(x_test.astype(np.float64))[:, 1:2]
        labels = [str(estimator.classes_[1])]
    else:
        y = np.array(["red", "green", "blue"])[np.argmax(scores + rng.normal(scale=0.5, size=scores.shape), axis=1)]
        estimator = LogisticRegression(multi_class="multinomial", C=10.0, max_iter=1000).fit(x_train, y)
        document = {"type": "logistic_regression", "coefficients": estimator.coef_.tolist(), "intercept": estimator.intercept_.tolist(), "classes": estimator.classes_.tolist()}
        expected = estimator.predict_proba(x_test.astype(np.float64))
        labels = [str(c) for c in estimator.classes_]

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.json").write_text(json.dumps(document))
    x_test.astype("<f4").tofile(out / "rows.f32")
    expected.astype("<f8").tofile(out / "expected.f64")
    meta = {"rows": args.test_rows, "features": args.features, "values_per_row": expected.shape[1], "labels": labels, "sklearn": sklearn.__version__}
    (out / "meta.json").write_text(json.dumps(meta))
    print(json.dumps(meta))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    xgboost = commands.add_parser("xgboost")
    xgboost.add_argument("--objective", required=True, choices=["binary:logistic", "reg:squarederror", "multi:softprob"])
    xgboost.add_argument("--classes", type=int, default=4)
    xgboost.add_argument("--trees", type=int, default=30)
    xgboost.add_argument("--depth", type=int, default=4)
    xgboost.add_argument("--base-score", type=float)
    xgboost.add_argument("--missing", type=float, default=0.15, help="fraction of values set to NaN, in training and held-out rows")
    linear = commands.add_parser("linear")
    linear.add_argument("--kind", required=True, choices=["linear_regression", "logistic_regression", "multinomial"])
    for command in (xgboost, linear):
        command.add_argument("--out", required=True)
        command.add_argument("--features", type=int, default=8)
        command.add_argument("--train-rows", type=int, default=2000)
        command.add_argument("--test-rows", type=int, default=500)
        command.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.command == "xgboost":
        train_xgboost(args)
    else:
        train_linear(args)


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except Exception as error:  # noqa: BLE001 - one line on stderr and exit code 1, as documented
        print(f"runtime_reference: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
