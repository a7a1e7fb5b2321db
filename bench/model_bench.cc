// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Invoke latency of every runnable model in ../shared/testdata/models, once
// with the default (best) kernels and once capped at the reference kernels.
// `liteforge bench` is the user-facing tool; this is for comparing builds
// with Google Benchmark's statistics and filters, e.g.
//   lf_model_bench --benchmark_filter=mobilenet_v2 --benchmark_repetitions=5

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>

#include "liteforge/api/interpreter.h"

namespace {

namespace fs = std::filesystem;

void FillInputs(liteforge::Interpreter& interp) {
  std::mt19937 rng(99);
  for (int i = 0; i < interp.num_inputs(); ++i) {
    liteforge::TensorView& in = interp.input(i);
    if (in.dtype == liteforge::DType::kFloat32) {
      std::uniform_real_distribution<float> d(-1.f, 1.f);
      for (int64_t k = 0; k < in.num_elements(); ++k) in.data_as<float>()[k] = d(rng);
    } else if (in.dtype == liteforge::DType::kInt32 || in.dtype == liteforge::DType::kInt64) {
      std::fill(in.data, in.data + in.bytes, 0);
    } else {
      for (size_t k = 0; k < in.bytes; ++k) in.data[k] = static_cast<uint8_t>(rng());
    }
  }
}

void BM_Invoke(benchmark::State& state, const std::string& path, liteforge::Isa isa) {
  liteforge::InterpreterOptions options;
  options.max_isa = isa;
  auto interp = liteforge::Interpreter::FromFile(path, options);
  if (!interp.ok()) {
    state.SkipWithError(interp.status().message().c_str());
    return;
  }
  FillInputs(**interp);
  for (auto _ : state) {
    const liteforge::Status s = (*interp)->Invoke();
    if (!s.ok()) {
      state.SkipWithError(s.message().c_str());
      break;
    }
  }
  state.counters["arena_bytes"] = static_cast<double>((*interp)->arena_bytes());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = std::string(LITEFORGE_TESTDATA_DIR) + "/models";
  if (fs::is_directory(dir)) {
    std::vector<fs::path> models;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() == ".tflite") models.push_back(e.path());
    }
    std::sort(models.begin(), models.end());
    const liteforge::Isa best = liteforge::DefaultMaxIsa();
    for (const auto& m : models) {
      const std::string name = m.stem().string();
      benchmark::RegisterBenchmark((name + "/default").c_str(), BM_Invoke, m.string(), best)
          ->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark((name + "/reference").c_str(), BM_Invoke, m.string(),
                                   liteforge::Isa::kReference)
          ->Unit(benchmark::kMillisecond);
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
