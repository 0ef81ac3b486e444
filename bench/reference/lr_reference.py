"""scikit-learn reference for `dotnet run -c Release --project bench/Mlsd.Bench -- lr`.

Reads the hashed sparse features the C# benchmark exported in svmlight format (default /tmp/mlsd_bench, or
$MLSD_BENCH_DIR) and fits scikit-learn's LogisticRegression (L2, C = 1, lbfgs to convergence): the batch optimum
of the objective our FTRL-Proximal model approaches online. Prints one RESULT line.

    /usr/bin/python3 bench/reference/lr_reference.py [--C 1.0]
"""
import argparse
import os
import time

from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--features", type=int, default=1 << 20)
    args = parser.parse_args()
    directory = os.environ.get("MLSD_BENCH_DIR", "/tmp/mlsd_bench")
    x_train, y_train = load_svmlight_file(os.path.join(directory, "ctr_hashed_train.svm"), n_features=args.features, zero_based=True)
    x_test, y_test = load_svmlight_file(os.path.join(directory, "ctr_hashed_test.svm"), n_features=args.features, zero_based=True)
    model = LogisticRegression(C=args.C, solver="lbfgs", max_iter=2000, tol=1e-6)
    wall, cpu = time.perf_counter(), time.process_time()
    model.fit(x_train, y_train)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    p = model.predict_proba(x_test)[:, 1]
    print(f"RESULT sklearn-lr C={args.C} auc={roc_auc_score(y_test, p):.5f} logloss={log_loss(y_test, p):.5f} "
          f"fit_seconds={wall:.3f} cpu_seconds={cpu:.3f} iterations={model.n_iter_[0]}")


if __name__ == "__main__":
    main()
