#!/usr/bin/python3
"""Reference numbers for bench/Mlsd.Bench.Retrieval: hnswlib and FAISS on the same data, one thread.

Reads the files the C# benchmark writes (int32 rows, int32 cols, then little-endian float32 / int32 values),
L2-normalises data and queries (cosine = inner product of unit vectors, as our indexes do), and prints one JSON
object per operating point on stdout. Recall@k is scored against the C# exact search's ids (truth file), so both
sides are judged by the same ground truth.

Usage: /usr/bin/python3 reference.py data.f32 queries.f32 truth.i32 [--k 10] [--nlist 256]
       [--ef 10,16,32,64] [--nprobe 1,2,4,8] [--m 16] [--ef-construction 200]
Needs Debian's python3-hnswlib, python3-faiss and python3-numpy.
"""
import argparse
import json
import os
import sys
import time

# One thread everywhere, including the BLAS behind FAISS's flat index (set before numpy/faiss load it).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402


def read_matrix(path, dtype):
    header = np.fromfile(path, dtype="<i4", count=2)
    rows, cols = int(header[0]), int(header[1])
    values = np.fromfile(path, dtype=dtype, offset=8, count=rows * cols)
    return values.reshape(rows, cols)


def normalise(x):
    x = np.ascontiguousarray(x, dtype=np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def recall(found, truth, k):
    hits = 0
    for f, t in zip(found, truth):
        hits += len(set(int(i) for i in f[:k]) & set(int(i) for i in t[:k]))
    return hits / (len(truth) * min(k, truth.shape[1]))


def emit(library, index, parameter, value, build, rec, seconds, n_queries, cpu_seconds=float("nan")):
    # Batch calls: only the mean latency is known (total time / queries); p99 is not measurable from Python.
    row = {
        "library": library, "index": index, "parameter": parameter, "value": value,
        "buildSeconds": build, "recall": rec, "qps": n_queries / seconds,
        "meanMicros": seconds / n_queries * 1e6, "p99Micros": float("nan"),
        "cpuQps": n_queries / cpu_seconds,
    }
    # System.Text.Json reads NaN only as the string "NaN" (AllowNamedFloatingPointLiterals)
    row = {key: ("NaN" if isinstance(v, float) and v != v else v) for key, v in row.items()}
    print(json.dumps(row), flush=True)


def timed(fn, repeats=3):
    """Best of a few runs (the machine is shared, the minimum is the least disturbed), plus the best CPU time."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    timed.cpu = best_cpu
    return best, result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("queries")
    ap.add_argument("truth")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--nlist", type=int, default=256)
    ap.add_argument("--ef", default="10,16,32,64,128")
    ap.add_argument("--nprobe", default="1,2,4,8,16")
    ap.add_argument("--m", type=int, default=16)
    ap.add_argument("--ef-construction", type=int, default=200)
    ap.add_argument("--seed", type=int, default=100)
    ap.add_argument("--only", choices=["all", "hnsw", "ivf"], default="all")
    args = ap.parse_args()

    data = normalise(read_matrix(args.data, "<f4"))
    queries = normalise(read_matrix(args.queries, "<f4"))
    truth = read_matrix(args.truth, "<i4")

    if args.only in ("all", "hnsw"):
        run_hnswlib(args, data, queries, truth)
    if args.only in ("all", "ivf"):
        run_faiss(args, data, queries, truth)


def run_hnswlib(args, data, queries, truth):
    n, d = data.shape
    k = args.k
    import hnswlib
    index = hnswlib.Index(space="ip", dim=d)
    index.init_index(max_elements=n, M=args.m, ef_construction=args.ef_construction, random_seed=args.seed)
    index.set_num_threads(1)
    t0 = time.perf_counter()
    index.add_items(data, np.arange(n), num_threads=1)
    build = time.perf_counter() - t0
    print(f"hnswlib build {build:.2f} s", file=sys.stderr)
    for ef in [int(v) for v in args.ef.split(",")]:
        index.set_ef(ef)
        index.knn_query(queries[:20], k=k, num_threads=1)  # warm-up
        seconds, (labels, _) = timed(lambda: index.knn_query(queries, k=k, num_threads=1))
        emit("hnswlib", "hnswlib", "efSearch", ef, build, recall(labels, truth, k), seconds, len(queries), timed.cpu)


def run_faiss(args, data, queries, truth):
    n, d = data.shape
    k = args.k
    import faiss
    faiss.omp_set_num_threads(1)
    flat = faiss.IndexFlatIP(d)
    t0 = time.perf_counter()
    flat.add(data)
    build = time.perf_counter() - t0
    seconds, (_, labels) = timed(lambda: flat.search(queries, k))
    emit("faiss", "IndexFlatIP", "", 0, build, recall(labels, truth, k), seconds, len(queries), timed.cpu)
    # one query per call, like our sequential loop (FAISS's batch search turns into a BLAS matrix product)
    seconds, _ = timed(lambda: [flat.search(queries[i:i + 1], k) for i in range(len(queries))], repeats=1)
    emit("faiss", "IndexFlatIP 1q", "", 0, build, 1.0, seconds, len(queries))

    quantizer = faiss.IndexFlatIP(d)
    ivf = faiss.IndexIVFFlat(quantizer, d, args.nlist, faiss.METRIC_INNER_PRODUCT)
    ivf.cp.seed = args.seed
    t0 = time.perf_counter()
    ivf.train(data)
    ivf.add(data)
    build = time.perf_counter() - t0
    print(f"faiss IVF build {build:.2f} s", file=sys.stderr)
    for nprobe in [int(v) for v in args.nprobe.split(",")]:
        ivf.nprobe = nprobe
        seconds, (_, labels) = timed(lambda: ivf.search(queries, k))
        emit("faiss", "IndexIVFFlat", "nProbe", nprobe, build, recall(labels, truth, k), seconds, len(queries), timed.cpu)


if __name__ == "__main__":
    main()
