// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SOFTMAX kernels, reference against every SIMD variant this CPU runs, one
// thread: a 1001-class classifier head (MobileNet's uint8/int8/float32
// SOFTMAX) and attention-like score rows (64 rows x 128 keys, float32 and
// int8). Counter: values per second.

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/softmax/reference.h"
#include "liteforge/kernels/softmax/softmax_variants.h"

namespace liteforge::kernels {
namespace {

struct Rows {
  int outer;
  int depth;
  const char* name;
};

constexpr Rows kClassifier = {1, 1001, "1x1001"};
constexpr Rows kAttention = {64, 128, "64x128"};

template <typename In, typename Out, typename Kernel>
void Run(benchmark::State& state, Rows rows, Kernel kernel) {
  std::mt19937 rng(5);
  const size_t n = static_cast<size_t>(rows.outer) * rows.depth;
  std::vector<In> input(n);
  std::vector<Out> output(n);
  if constexpr (std::is_same_v<In, float>) {
    std::normal_distribution<float> d(0.f, 4.f);
    for (float& x : input) x = d(rng);
  } else {
    for (In& x : input) x = static_cast<In>(rng());
  }
  // MobileNet's 8-bit head: logits scale ~0.1, output 1/256.
  std::array<float, 256> table{};
  BuildSoftmaxExpTable(0.1f, 1.0f, table.data());
  Softmax8Params p;
  p.table = table.data();
  p.output_scale = 1.0f / 256;
  p.output_zero_point = std::is_signed_v<Out> ? -128 : 0;
  for (auto _ : state) {
    if constexpr (std::is_same_v<In, float>) {
      kernel(input.data(), rows.outer, rows.depth, 1.0f, output.data());
    } else {
      kernel(input.data(), rows.outer, rows.depth, p, output.data());
    }
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  state.counters["values"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}

template <typename In, typename Out, typename Kernel>
void Register(const std::string& dtype, Rows rows, const std::string& kernel_name, Kernel kernel) {
  benchmark::RegisterBenchmark(
      ("softmax/" + dtype + "/" + rows.name + "/" + kernel_name).c_str(),
      [rows, kernel](benchmark::State& s) { Run<In, Out>(s, rows, kernel); });
}

[[maybe_unused]] const bool kRegistered = [] {
  for (Rows rows : {kClassifier, kAttention}) {
    Register<float, float>("f32", rows, "reference", f32_softmax__reference);
    Register<uint8_t, uint8_t>("qu8", rows, "reference", qu8_softmax__reference);
    Register<int8_t, int8_t>("qs8", rows, "reference", qs8_softmax__reference);
    for (const SoftmaxVariant& v : SoftmaxVariants()) {
      if (!CpuFeatures::Get().Supports(v.isa)) continue;
      const std::string isa(IsaName(v.isa));
      Register<float, float>("f32", rows, isa, v.f32);
      Register<uint8_t, uint8_t>("qu8", rows, isa, v.qu8);
      Register<int8_t, int8_t>("qs8", rows, isa, v.qs8);
    }
  }
  return true;
}();

}  // namespace
}  // namespace liteforge::kernels
