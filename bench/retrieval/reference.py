#!/usr/bin/python3
"""Reference numbers for bench/Mlsd.Bench.Retrieval: hnswlib and FAISS on the same data, one thread.

Reads the files the C# benchmark writes (int32 rows, int32 cols, then little-endian float32 / int32 values),
L2-normalises data and queries (cosine = inner product of unit vectors, as our indexes do), builds
hnswlib (space "ip") and FAISS IndexFlatIP / IndexIVFFlat (METRIC_INNER_PRODUCT), and scores recall@k against
the C# exact search's ids (truth file), so both sides are judged by the same ground truth.

Two modes:
  one-shot (default): build, run one measuring round, print one JSON object per operating point, exit.
  --serve: build, print READY, then run one measuring round per "round" line read from stdin (ending each with
           END) until stdin closes. The C# driver alternates its own rounds with these, so both libraries are
           timed under the same background load on a shared machine.

Usage: /usr/bin/python3 reference.py data.f32 queries.f32 truth.i32 [--k 10] [--nlist 256]
       [--ef 10,16,32,64] [--nprobe 1,2,4,8] [--m 16] [--ef-construction 200] [--only all|hnsw|ivf] [--repeat 1] [--serve]
Needs Debian's python3-hnswlib, python3-faiss and python3-numpy; FAISS's flat index and k-means call BLAS, so install an
optimised one too (libopenblas0-pthread) — with Debian's default reference BLAS, IndexFlatIP is ~15× slower.
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


def emit(library, index, parameter, value, build, rec, seconds, cpu_seconds, n_queries, build_cpu=float("nan")):
    # Batch calls: only the mean latency is known (total time / queries); p99 is not measurable from Python.
    row = {
        "library": library, "index": index, "parameter": parameter, "value": value,
        "buildSeconds": build, "recall": rec, "qps": n_queries / seconds,
        "meanMicros": seconds / n_queries * 1e6, "p99Micros": float("nan"),
        "cpuQps": n_queries / cpu_seconds if cpu_seconds > 0 else float("nan"),
        "buildCpuSeconds": build_cpu,
    }
    # System.Text.Json reads NaN only as the string "NaN" (AllowNamedFloatingPointLiterals)
    row = {key: ("NaN" if isinstance(v, float) and v != v else v) for key, v in row.items()}
    print(json.dumps(row), flush=True)


def timed(fn):
    c0, t0 = time.process_time(), time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, time.process_time() - c0, result


class Hnsw:
    def __init__(self, args, data):
        import hnswlib
        n, d = data.shape
        self.index = hnswlib.Index(space="ip", dim=d)
        self.index.init_index(max_elements=n, M=args.m, ef_construction=args.ef_construction, random_seed=args.seed)
        self.index.set_num_threads(1)
        c0, t0 = time.process_time(), time.perf_counter()
        self.index.add_items(data, np.arange(n), num_threads=1)
        self.build = time.perf_counter() - t0
        self.build_cpu = time.process_time() - c0
        self.efs = [int(v) for v in args.ef.split(",")]

    def round(self, queries, truth, k, repeat):
        for ef in self.efs:
            self.index.set_ef(ef)
            self.index.knn_query(queries[:20], k=k, num_threads=1)  # warm-up
            seconds, cpu, (labels, _) = timed(lambda: [self.index.knn_query(queries, k=k, num_threads=1) for _ in range(repeat)][-1])
            emit("hnswlib", "hnswlib", "efSearch", ef, self.build, recall(labels, truth, k), seconds, cpu, repeat * len(queries), self.build_cpu)


class Faiss:
    def __init__(self, args, data):
        import faiss
        faiss.omp_set_num_threads(1)
        n, d = data.shape
        self.flat = faiss.IndexFlatIP(d)
        t0 = time.perf_counter()
        self.flat.add(data)
        self.flat_build = time.perf_counter() - t0
        quantizer = faiss.IndexFlatIP(d)
        self.ivf = faiss.IndexIVFFlat(quantizer, d, args.nlist, faiss.METRIC_INNER_PRODUCT)
        self.ivf.cp.seed = args.seed
        c0, t0 = time.process_time(), time.perf_counter()
        self.ivf.train(data)
        self.ivf.add(data)
        self.ivf_build = time.perf_counter() - t0
        self.ivf_build_cpu = time.process_time() - c0
        self.quantizer = quantizer
        self.nprobes = [int(v) for v in args.nprobe.split(",")]

    def round(self, queries, truth, k, repeat):
        seconds, cpu, (_, labels) = timed(lambda: [self.flat.search(queries, k) for _ in range(repeat)][-1])
        emit("faiss", "IndexFlatIP", "", 0, self.flat_build, recall(labels, truth, k), seconds, cpu, repeat * len(queries))
        # one query per call, like our sequential loop (a batch turns into one BLAS matrix product)
        seconds, cpu, _ = timed(lambda: [self.flat.search(queries[i:i + 1], k) for i in range(len(queries))])
        emit("faiss", "IndexFlatIP 1q", "", 0, self.flat_build, 1.0, seconds, cpu, len(queries))
        for nprobe in self.nprobes:
            self.ivf.nprobe = nprobe
            seconds, cpu, (_, labels) = timed(lambda: [self.ivf.search(queries, k) for _ in range(repeat)][-1])
            emit("faiss", "IndexIVFFlat", "nProbe", nprobe, self.ivf_build, recall(labels, truth, k), seconds, cpu, repeat * len(queries),
                 self.ivf_build_cpu)


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
    ap.add_argument("--repeat", type=int, default=1, help="passes through the queries per timing")
    ap.add_argument("--serve", action="store_true")
    args = ap.parse_args()

    data = normalise(read_matrix(args.data, "<f4"))
    queries = normalise(read_matrix(args.queries, "<f4"))
    truth = read_matrix(args.truth, "<i4")

    runners = []
    if args.only in ("all", "hnsw"):
        runners.append(Hnsw(args, data))
        print(f"hnswlib build {runners[-1].build:.2f} s", file=sys.stderr)
    if args.only in ("all", "ivf"):
        runners.append(Faiss(args, data))
        print(f"faiss IVF build {runners[-1].ivf_build:.2f} s", file=sys.stderr)

    if not args.serve:
        for r in runners:
            r.round(queries, truth, args.k, args.repeat)
        return
    print("READY", flush=True)
    for line in sys.stdin:
        if line.strip() != "round":
            continue
        for r in runners:
            r.round(queries, truth, args.k, args.repeat)
        print("END", flush=True)


if __name__ == "__main__":
    main()
