// hnswlib compiled for this machine (-O3 -march=native, so AVX/AVX-512 inner products), as a fairer reference
// than Debian's python3-hnswlib, which is built for generic x86-64 (SSE only). Header-only hnswlib from Debian's
// libhnswlib-dev. Same protocol as reference.py --serve: build, print READY, then one measuring round per
// "round" line on stdin (JSON lines, then END). Queries are answered one per call, like our C# loop.
//
// Build: g++ -O3 -march=native -std=c++17 -o hnswlib_native hnswlib_native.cpp
// Usage: hnswlib_native data.f32 queries.f32 truth.i32 k ef1,ef2,... [M efConstruction seed repeat]
#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

template <typename T>
static std::vector<T> read_matrix(const std::string& path, int& rows, int& cols) {
    std::ifstream in(path, std::ios::binary);
    if (!in) { std::cerr << "cannot open " << path << "\n"; std::exit(2); }
    int32_t header[2];
    in.read(reinterpret_cast<char*>(header), sizeof header);
    rows = header[0];
    cols = header[1];
    std::vector<T> values(static_cast<size_t>(rows) * cols);
    in.read(reinterpret_cast<char*>(values.data()), values.size() * sizeof(T));
    return values;
}

static void normalise(std::vector<float>& x, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
        double s = 0;
        for (int j = 0; j < cols; j++) s += double(x[size_t(i) * cols + j]) * x[size_t(i) * cols + j];
        float inv = float(1.0 / std::sqrt(s));
        for (int j = 0; j < cols; j++) x[size_t(i) * cols + j] *= inv;
    }
}

static double cpu_seconds() { return double(std::clock()) / CLOCKS_PER_SEC; }

int main(int argc, char** argv) {
    if (argc < 6) { std::cerr << "usage: hnswlib_native data queries truth k efs [M efC seed]\n"; return 2; }
    int n, d, nq, dq, nt, kt;
    auto data = read_matrix<float>(argv[1], n, d);
    auto queries = read_matrix<float>(argv[2], nq, dq);
    auto truth = read_matrix<int32_t>(argv[3], nt, kt);
    int k = std::atoi(argv[4]);
    std::vector<int> efs;
    { std::stringstream ss(argv[5]); std::string item; while (std::getline(ss, item, ',')) efs.push_back(std::stoi(item)); }
    int M = argc > 6 ? std::atoi(argv[6]) : 16, efc = argc > 7 ? std::atoi(argv[7]) : 200, seed = argc > 8 ? std::atoi(argv[8]) : 100;
    int repeat = argc > 9 ? std::max(1, std::atoi(argv[9])) : 1;  // passes through the queries per timing
    normalise(data, n, d);
    normalise(queries, nq, dq);

    hnswlib::InnerProductSpace space(d);
    hnswlib::HierarchicalNSW<float> index(&space, n, M, efc, seed);
    double build_cpu0 = cpu_seconds();
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; i++) index.addPoint(data.data() + size_t(i) * d, hnswlib::labeltype(i));
    double build = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double build_cpu = cpu_seconds() - build_cpu0;
    std::cerr << "hnswlib (native) build " << build << " s\n";
    std::cout << "READY" << std::endl;

    std::string line;
    while (std::getline(std::cin, line)) {
        if (line != "round") continue;
        for (int ef : efs) {
            index.setEf(ef);
            for (int i = 0; i < std::min(nq, 20); i++) index.searchKnn(queries.data() + size_t(i) * d, k);  // warm-up
            std::vector<std::vector<int>> found(nq);
            double c0 = cpu_seconds();
            auto w0 = std::chrono::steady_clock::now();
            for (int r = 0; r < repeat; r++) {
                for (int i = 0; i < nq; i++) {
                    auto result = index.searchKnn(queries.data() + size_t(i) * d, k);
                    found[i].clear();
                    while (!result.empty()) { found[i].push_back(int(result.top().second)); result.pop(); }
                }
            }
            double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
            double cpu = cpu_seconds() - c0;
            long hits = 0;
            for (int i = 0; i < nq; i++) {
                std::unordered_set<int> relevant(truth.begin() + size_t(i) * kt, truth.begin() + size_t(i) * kt + std::min(k, kt));
                for (int id : found[i]) hits += relevant.count(id);
            }
            double recall = double(hits) / (double(nq) * std::min(k, kt));
            std::printf("{\"library\": \"hnswlib-native\", \"index\": \"native\", \"parameter\": \"efSearch\", \"value\": %d, "
                        "\"buildSeconds\": %.4f, \"buildCpuSeconds\": %.4f, \"recall\": %.6f, \"qps\": %.3f, \"meanMicros\": %.3f, \"p99Micros\": \"NaN\", \"cpuQps\": %.3f}\n",
                        ef, build, build_cpu, recall, repeat * nq / wall, wall / (repeat * nq) * 1e6, cpu > 0 ? repeat * nq / cpu : 0.0);
        }
        std::cout << "END" << std::endl;
    }
    return 0;
}
