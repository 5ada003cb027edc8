#!/usr/bin/python3
"""Times XGBoost's own prediction of a saved model, inside Python, for bench/xgboost.

    /usr/bin/python3 bench/xgboost/xgboost_timing.py --model model.json --rows rows.f32 --features 20 \
        [--batch 10000 --seconds 3 --warmup 1]

rows.f32: float32 little-endian, row-major, NaN = missing (as runtime_reference.py writes it).
Measures, each for --seconds after --warmup seconds:
  single_inplace   Booster.inplace_predict of one row (a 1 x F array), one call at a time: p50, p99, calls/s
  single_dmatrix   DMatrix of one row, then Booster.predict: p50, p99, calls/s
  batch_inplace    Booster.inplace_predict of --batch rows: rows/s, with nthread 1 and with every core
  batch_dmatrix    DMatrix of --batch rows, then Booster.predict: rows/s, nthread 1
Prints one JSON object on stdout.
"""

import argparse
import json
import os
import time

import numpy as np
import xgboost as xgb


def percentile(sorted_ns, quantile):
    # Nearest rank, as the .NET side computes it.
    index = min(max(int(np.ceil(quantile * len(sorted_ns))) - 1, 0), len(sorted_ns) - 1)
    return sorted_ns[index] / 1e6


def single(call, rows, warmup, seconds):
    count = len(rows)
    end = time.perf_counter() + warmup
    i = 0
    while time.perf_counter() < end:
        call(rows[i % count : i % count + 1])
        i += 1
    latencies = []
    started = time.perf_counter()
    end = started + seconds
    while True:
        row = rows[i % count : i % count + 1]
        t0 = time.perf_counter_ns()
        call(row)
        latencies.append(time.perf_counter_ns() - t0)
        i += 1
        if time.perf_counter() >= end:
            break
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"p50_ms": percentile(latencies, 0.50), "p99_ms": percentile(latencies, 0.99), "calls_per_s": len(latencies) / elapsed, "calls": len(latencies)}


def batch(call, rows, warmup, seconds):
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        call(rows)
    batches = 0
    started = time.perf_counter()
    while True:
        call(rows)
        batches += 1
        if time.perf_counter() - started >= seconds:
            break
    elapsed = time.perf_counter() - started
    return {"rows_per_s": batches * len(rows) / elapsed, "batches": batches, "ms_per_batch": elapsed * 1e3 / batches}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--rows", required=True)
    parser.add_argument("--features", type=int, required=True)
    parser.add_argument("--batch", type=int, default=10000)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--warmup", type=float, default=1)
    args = parser.parse_args()

    rows = np.fromfile(args.rows, dtype="<f4").reshape(-1, args.features)
    batch_rows = np.ascontiguousarray(np.resize(rows, (args.batch, args.features)))
    booster = xgb.Booster(model_file=args.model)

    booster.set_param({"nthread": 1})
    result = {"xgboost": xgb.__version__, "cores": os.cpu_count()}
    result["single_inplace"] = single(lambda r: booster.inplace_predict(r, missing=np.nan), rows, args.warmup, args.seconds)
    result["single_dmatrix"] = single(lambda r: booster.predict(xgb.DMatrix(r, missing=np.nan, nthread=1)), rows, args.warmup, args.seconds)
    result["batch_inplace"] = batch(lambda r: booster.inplace_predict(r, missing=np.nan), batch_rows, args.warmup, args.seconds)
    result["batch_dmatrix"] = batch(lambda r: booster.predict(xgb.DMatrix(r, missing=np.nan, nthread=1)), batch_rows, args.warmup, args.seconds)
    booster.set_param({"nthread": os.cpu_count()})
    result["batch_inplace_all_cores"] = batch(lambda r: booster.inplace_predict(r, missing=np.nan), batch_rows, args.warmup, args.seconds)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
