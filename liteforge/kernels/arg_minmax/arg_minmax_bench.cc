// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ARG_MAX kernels, reference against every SIMD variant this CPU runs, one
// thread, at DeepLabV3's shape: the class index of each of 513x513 pixels
// over 21 class scores (uint8 in the Coral model, int64 indices), and the
// same map as int8 and float32; and MoveNet's int8 keypoint search over
// 48x48 heatmap positions for 17 keypoints (axis 1 of [1, 2304, 17], not
// innermost). Counter: output positions per second.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/arg_minmax/arg_minmax_variants.h"
#include "liteforge/kernels/arg_minmax/reference.h"

namespace liteforge::kernels {
namespace {

const ArgMinMaxShape kDeeplab{513 * 513, 21, 1};
const ArgMinMaxShape kMovenet{1, 2304, 17};

template <typename T, typename Fn>
void Run(benchmark::State& state, Fn fn, const ArgMinMaxShape& shape = kDeeplab) {
  std::mt19937 rng(5);
  std::vector<T> input(static_cast<size_t>(shape.outer * shape.axis_size * shape.inner));
  for (T& x : input) x = static_cast<T>(static_cast<int>(rng() % 200) - 100);
  std::vector<int64_t> output(static_cast<size_t>(shape.outer * shape.inner));
  for (auto _ : state) {
    fn(shape, true, input.data(), output.data());
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  state.counters["positions"] = benchmark::Counter(static_cast<double>(output.size()),
                                                   benchmark::Counter::kIsIterationInvariantRate);
}

template <typename T>
using Kernel = void (*)(const ArgMinMaxShape&, bool, const T*, int64_t*);

void BM_U8Reference(benchmark::State& s) {
  Run<uint8_t>(s, static_cast<Kernel<uint8_t>>(u8_argminmax__reference));
}
void BM_S8Reference(benchmark::State& s) {
  Run<int8_t>(s, static_cast<Kernel<int8_t>>(s8_argminmax__reference));
}
void BM_F32Reference(benchmark::State& s) {
  Run<float>(s, static_cast<Kernel<float>>(f32_argminmax__reference));
}
BENCHMARK(BM_U8Reference)->Name("arg_max/u8/513x513x21/reference");
BENCHMARK(BM_S8Reference)->Name("arg_max/s8/513x513x21/reference");
void BM_S8MovenetReference(benchmark::State& s) {
  Run<int8_t>(s, static_cast<Kernel<int8_t>>(s8_argminmax__reference), kMovenet);
}
BENCHMARK(BM_F32Reference)->Name("arg_max/f32/513x513x21/reference");
BENCHMARK(BM_S8MovenetReference)->Name("arg_max/s8/2304x17-axis1/reference");

[[maybe_unused]] const bool kRegistered = [] {
  for (const ArgMinMaxVariant& v : ArgMinMaxVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    const ArgMinMaxVariant* vp = &v;
    benchmark::RegisterBenchmark((std::string("arg_max/u8/513x513x21/") + v.name).c_str(),
                                 [vp](benchmark::State& s) { Run<uint8_t>(s, vp->u8_i64); });
    benchmark::RegisterBenchmark((std::string("arg_max/s8/513x513x21/") + v.name).c_str(),
                                 [vp](benchmark::State& s) { Run<int8_t>(s, vp->s8_i64); });
    benchmark::RegisterBenchmark((std::string("arg_max/f32/513x513x21/") + v.name).c_str(),
                                 [vp](benchmark::State& s) { Run<float>(s, vp->f32_i64); });
    benchmark::RegisterBenchmark(
        (std::string("arg_max/s8/2304x17-axis1/") + v.name).c_str(),
        [vp](benchmark::State& s) { Run<int8_t>(s, vp->s8_i64, kMovenet); });
  }
  return true;
}();

}  // namespace
}  // namespace liteforge::kernels
