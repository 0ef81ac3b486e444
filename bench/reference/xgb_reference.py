"""XGBoost reference for `dotnet run -c Release --project bench/Mlsd.Bench -- gbdt`.

Reads the identical CSV tables the C# benchmark wrote (default /tmp/mlsd_bench, or $MLSD_BENCH_DIR) and fits
XGBoost with the same settings: hist, 200 trees, depth 6, eta 0.1, lambda 1, min_child_weight 1, 255 bins,
base_score = training click rate. Prints one RESULT line per thread count.

    /usr/bin/python3 bench/reference/xgb_reference.py [--threads 2,1] [--trees 200] [--repeat 1]
"""
import argparse
import os
import time

import numpy as np
import xgboost as xgb
from sklearn.metrics import log_loss, roc_auc_score


def load(path):
    # empty fields (missing user_age) become NaN, which XGBoost treats as missing
    data = np.genfromtxt(path, delimiter=",", skip_header=1, dtype=np.float32, filling_values=np.nan)
    return data[:, :-1], data[:, -1].astype(np.int32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", default="2,1")
    parser.add_argument("--trees", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1, help="fit this many times and report the fastest")
    args = parser.parse_args()
    directory = os.environ.get("MLSD_BENCH_DIR", "/tmp/mlsd_bench")
    x_train, y_train = load(os.path.join(directory, "ctr_train.csv"))
    x_test, y_test = load(os.path.join(directory, "ctr_test.csv"))
    print(f"xgboost {xgb.__version__}: {x_train.shape[0]} train / {x_test.shape[0]} test rows, {x_train.shape[1]} features")
    for threads in (int(t) for t in args.threads.split(",")):
        params = {
            "objective": "binary:logistic", "tree_method": "hist", "max_depth": 6, "eta": 0.1,
            "lambda": 1.0, "min_child_weight": 1.0, "max_bin": 255, "nthread": threads,
            "base_score": float(y_train.mean()), "seed": 1,
        }
        train = xgb.DMatrix(x_train, label=y_train, missing=np.nan, nthread=threads)
        test = xgb.DMatrix(x_test, missing=np.nan, nthread=threads)
        wall, cpu = float("inf"), float("inf")
        for _ in range(args.repeat):
            w0, c0 = time.perf_counter(), time.process_time()
            booster = xgb.train(params, train, num_boost_round=args.trees)
            wall, cpu = min(wall, time.perf_counter() - w0), min(cpu, time.process_time() - c0)
        p = booster.predict(test)
        print(f"RESULT xgboost threads={threads} trees={args.trees} auc={roc_auc_score(y_test, p):.5f} "
              f"logloss={log_loss(y_test, p):.5f} fit_seconds={wall:.3f} cpu_seconds={cpu:.3f}")


if __name__ == "__main__":
    main()
