"""XGBoost reference for `dotnet run -c Release --project bench/Mlsd.Bench -- gbdt`.

Reads the identical CSV tables the C# benchmark wrote (default /tmp/mlsd_bench, or $MLSD_BENCH_DIR) and fits
XGBoost with the same settings: hist, 200 trees, depth 6, eta 0.1, lambda 1, min_child_weight 1, 256 bins,
base_score = training click rate; then predicts the test table (inplace_predict on the NumPy array: no DMatrix,
no prediction cache, so the trees are really walked). Prints one RESULT line per thread count.

    /usr/bin/python3 bench/reference/xgb_reference.py [--threads 2,1] [--trees 200] [--bins 256] [--repeat 1]
    /usr/bin/python3 bench/reference/xgb_reference.py --serve [--threads 1] ...

--serve: load the data, print READY, then answer each "round" line on stdin with one RESULT line per thread count
(and END), until stdin closes. The C# benchmark alternates its own rounds with these, so both sides are timed under
the same background load on a shared machine.
"""
import argparse
import os
import sys
import time

import numpy as np
import xgboost as xgb
from sklearn.metrics import log_loss, roc_auc_score


def load(path):
    # empty fields (missing user_age) become NaN, which XGBoost treats as missing
    data = np.genfromtxt(path, delimiter=",", skip_header=1, dtype=np.float32, filling_values=np.nan)
    return np.ascontiguousarray(data[:, :-1]), data[:, -1].astype(np.int32)


def measure(args, threads, x_train, y_train, x_test, y_test):
    params = {
        "objective": "binary:logistic", "tree_method": "hist", "max_depth": 6, "eta": 0.1,
        "lambda": 1.0, "min_child_weight": 1.0, "max_bin": args.bins, "nthread": threads,
        "base_score": float(y_train.mean()), "seed": 1,
    }
    train = xgb.DMatrix(x_train, label=y_train, missing=np.nan, nthread=threads)
    fit_wall, fit_cpu, predict_wall, predict_cpu = (float("inf"),) * 4
    for _ in range(args.repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        booster = xgb.train(params, train, num_boost_round=args.trees)
        fit_wall, fit_cpu = min(fit_wall, time.perf_counter() - w0), min(fit_cpu, time.process_time() - c0)
        w0, c0 = time.perf_counter(), time.process_time()
        p = booster.inplace_predict(x_test, missing=np.nan)
        predict_wall, predict_cpu = min(predict_wall, time.perf_counter() - w0), min(predict_cpu, time.process_time() - c0)
    print(f"RESULT xgboost threads={threads} trees={args.trees} auc={roc_auc_score(y_test, p):.5f} "
          f"logloss={log_loss(y_test, p):.5f} fit_seconds={fit_wall:.3f} cpu_seconds={fit_cpu:.3f} "
          f"predict_seconds={predict_wall:.4f} predict_cpu_seconds={predict_cpu:.4f}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", default="2,1")
    parser.add_argument("--trees", type=int, default=200)
    parser.add_argument("--bins", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=1, help="fit this many times and report the fastest")
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()
    directory = os.environ.get("MLSD_BENCH_DIR", "/tmp/mlsd_bench")
    x_train, y_train = load(os.path.join(directory, "ctr_train.csv"))
    x_test, y_test = load(os.path.join(directory, "ctr_test.csv"))
    print(f"xgboost {xgb.__version__}: {x_train.shape[0]} train / {x_test.shape[0]} test rows, {x_train.shape[1]} features", flush=True)
    thread_counts = [int(t) for t in args.threads.split(",")]
    if not args.serve:
        for threads in thread_counts:
            measure(args, threads, x_train, y_train, x_test, y_test)
        return
    print("READY", flush=True)
    for line in sys.stdin:
        if line.strip() != "round":
            continue
        for threads in thread_counts:
            measure(args, threads, x_train, y_train, x_test, y_test)
        print("END", flush=True)


if __name__ == "__main__":
    main()
