// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RESIZE_BILINEAR kernels, reference against every SIMD variant this CPU
// runs, one thread, at corpus shapes: DeepLabV3's uint8 logits upscale
// (33x33x21 -> 513x513, align_corners) and a float32 half-pixel 2x upscale
// of a MediaPipe-sized feature map. Counter: output elements per second.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/resize/reference.h"
#include "liteforge/kernels/resize/resize_variants.h"

namespace liteforge::kernels {
namespace {

ResizeGeometry Geometry(int in, int out, int channels, bool align, bool half) {
  ResizeGeometry g;
  g.batches = 1;
  g.in_h = g.in_w = in;
  g.out_h = g.out_w = out;
  g.channels = channels;
  g.align_corners = align;
  g.half_pixel_centers = half;
  return g;
}

template <typename T, typename Fn>
void Run(benchmark::State& state, const ResizeGeometry& g, Fn fn) {
  std::mt19937 rng(3);
  std::vector<T> input(static_cast<size_t>(g.in_h) * g.in_w * g.channels);
  for (T& x : input) x = static_cast<T>(rng() % 200);
  std::vector<T> output(static_cast<size_t>(g.out_h) * g.out_w * g.channels);
  for (auto _ : state) {
    fn(g, input.data(), 0, ResizeRows(g), output.data());
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  state.counters["elements"] = benchmark::Counter(static_cast<double>(output.size()),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}

const ResizeGeometry kDeeplab = Geometry(33, 513, 21, true, false);
const ResizeGeometry kFloat2x = Geometry(64, 128, 32, false, true);

void BM_Qu8Reference(benchmark::State& s) { Run<uint8_t>(s, kDeeplab, qu8_resize_bilinear__reference); }
void BM_F32Reference(benchmark::State& s) { Run<float>(s, kFloat2x, f32_resize_bilinear__reference); }
BENCHMARK(BM_Qu8Reference)->Name("resize_bilinear/qu8/33x33x21->513/reference");
BENCHMARK(BM_F32Reference)->Name("resize_bilinear/f32/64x64x32->128/reference");

[[maybe_unused]] const bool kRegistered = [] {
  for (const ResizeBilinearVariant& v : ResizeBilinearVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    const ResizeBilinearVariant* vp = &v;
    benchmark::RegisterBenchmark(
        (std::string("resize_bilinear/qu8/33x33x21->513/") + v.name).c_str(),
        [vp](benchmark::State& s) { Run<uint8_t>(s, kDeeplab, vp->qu8); });
    benchmark::RegisterBenchmark(
        (std::string("resize_bilinear/f32/64x64x32->128/") + v.name).c_str(),
        [vp](benchmark::State& s) { Run<float>(s, kFloat2x, vp->f32); });
  }
  return true;
}();

}  // namespace
}  // namespace liteforge::kernels
