// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// MEAN kernels over H and W of NHWC (the global average pool), reference
// against every SIMD summation variant this CPU runs (plus the reference's
// finishing step), one thread: MobileNetV2's 7x7x1280 (uint8 and int8) and
// float32 squeeze-excite shapes of the size MediaPipe's selfie segmenter
// uses. Counter: input elements per second.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/reduce/plan.h"
#include "liteforge/kernels/reduce/reduce_variants.h"
#include "liteforge/kernels/reduce/reference.h"

namespace liteforge::kernels {
namespace {

ReducePlan SpatialPlan(int h, int w, int c) {
  ReducePlan p;
  std::vector<int32_t> out_dims;
  const int32_t dims[] = {1, h, w, c};
  const int64_t axes[] = {1, 2};
  (void)PlanReduction(dims, axes, true, &out_dims, &p);
  return p;
}

QuantMeanParams Params(const ReducePlan& p) {
  QuantMeanParams q;
  q.multiplier = 1402006042;
  q.shift = -6;
  q.subtract = 0;
  q.add = 3;
  (void)p;
  return q;
}

template <typename T, typename Fn>
void Run(benchmark::State& state, const ReducePlan& p, Fn fn) {
  std::mt19937 rng(9);
  std::vector<T> input(static_cast<size_t>(p.num_inputs));
  for (T& x : input) x = static_cast<T>(static_cast<int>(rng() % 200) - 100);
  std::vector<T> output(static_cast<size_t>(p.num_outputs));
  std::vector<int32_t> sums(output.size());
  for (auto _ : state) {
    fn(input.data(), sums.data(), output.data());
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  state.counters["elements"] = benchmark::Counter(static_cast<double>(input.size()),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}

const ReducePlan kMobileNet = SpatialPlan(7, 7, 1280);
const ReducePlan kSelfie1 = SpatialPlan(18, 32, 96);
const ReducePlan kSelfie2 = SpatialPlan(9, 16, 128);

void Register(const std::string& name, const ReduceSumVariant* v) {
  const QuantMeanParams q = Params(kMobileNet);
  benchmark::RegisterBenchmark(("mean/qu8/7x7x1280/" + name).c_str(), [v, q](benchmark::State& s) {
    Run<uint8_t>(s, kMobileNet, [&](const uint8_t* in, int32_t* sums, uint8_t* out) {
      if (v == nullptr) return qu8_mean__reference(kMobileNet, q, in, sums, out);
      v->u8_sum(kMobileNet, in, sums);
      qu8_mean_requantize__reference(kMobileNet, q, sums, out);
    });
  });
  benchmark::RegisterBenchmark(("mean/qs8/7x7x1280/" + name).c_str(), [v, q](benchmark::State& s) {
    Run<int8_t>(s, kMobileNet, [&](const int8_t* in, int32_t* sums, int8_t* out) {
      if (v == nullptr) return qs8_mean__reference(kMobileNet, q, in, sums, out);
      v->s8_sum(kMobileNet, in, sums);
      qs8_mean_requantize__reference(kMobileNet, q, sums, out);
    });
  });
  for (const ReducePlan* p : {&kSelfie1, &kSelfie2}) {
    const std::string shape = p == &kSelfie1 ? "18x32x96" : "9x16x128";
    benchmark::RegisterBenchmark(("mean/f32/" + shape + "/" + name).c_str(),
                                 [v, p](benchmark::State& s) {
                                   Run<float>(s, *p, [&](const float* in, int32_t*, float* out) {
                                     if (v == nullptr) return f32_mean__reference(*p, in, out);
                                     v->f32_sum(*p, in, out);
                                     f32_mean_divide__reference(*p, out);
                                   });
                                 });
  }
}

[[maybe_unused]] const bool kRegistered = [] {
  Register("reference", nullptr);
  for (const ReduceSumVariant& v : ReduceSumVariants()) {
    if (CpuFeatures::Get().Supports(v.isa)) Register(v.name, &v);
  }
  return true;
}();

}  // namespace
}  // namespace liteforge::kernels
