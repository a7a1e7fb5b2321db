// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// PAD kernels, reference against every SIMD variant this CPU runs, at corpus
// shapes: MediaPipe face detection's float32 channel pads (NHWC, zeros after
// the channels, before a residual ADD) and the int8 spatial pads of TFLM's
// MobileNetV2 (pad value = zero point). Counter: output bytes per second.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/pad/pad_variants.h"
#include "liteforge/kernels/pad/reference.h"

namespace liteforge::kernels {
namespace {

struct PadShape {
  const char* name;
  std::vector<int32_t> dims;
  std::vector<int64_t> before, after;
  size_t elem;
  uint8_t value;
};

const PadShape kShapes[] = {
    {"f32_64x64x24_to_28", {1, 64, 64, 24}, {0, 0, 0, 0}, {0, 0, 0, 4}, 4, 0},
    {"f32_32x32x36_to_42", {1, 32, 32, 36}, {0, 0, 0, 0}, {0, 0, 0, 6}, 4, 0},
    {"f32_16x16x80_to_88", {1, 16, 16, 80}, {0, 0, 0, 0}, {0, 0, 0, 8}, 4, 0},
    {"s8_224x224x3_hw1", {1, 224, 224, 3}, {0, 1, 1, 0}, {0, 1, 1, 0}, 1, 0xF2},
    {"s8_112x112x32_hw1", {1, 112, 112, 32}, {0, 1, 1, 0}, {0, 1, 1, 0}, 1, 0xF3},
};

using PadFn = void (*)(const PadGeometry&, const uint8_t*, const uint8_t*, uint8_t*);

void Run(benchmark::State& state, const PadShape& s, PadFn fn) {
  const PadGeometry g = MakePadGeometry(s.dims, s.before, s.after, s.elem);
  size_t in_elems = 1, out_elems = 1;
  for (size_t d = 0; d < s.dims.size(); ++d) {
    in_elems *= static_cast<size_t>(s.dims[d]);
    out_elems *= static_cast<size_t>(s.dims[d] + s.before[d] + s.after[d]);
  }
  std::mt19937 rng(5);
  std::vector<uint8_t> input(in_elems * s.elem);
  for (uint8_t& b : input) b = static_cast<uint8_t>(rng());
  std::vector<uint8_t> element(g.element_bytes, s.value);
  std::vector<uint8_t> output(out_elems * s.elem);
  for (auto _ : state) {
    fn(g, input.data(), element.data(), output.data());
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(output.size()));
}

int RegisterAll() {
  for (const PadShape& s : kShapes) {
    benchmark::RegisterBenchmark((std::string("pad/") + s.name + "/reference").c_str(),
                                 [&s](benchmark::State& st) { Run(st, s, x8_pad__reference); });
    for (const PadVariant& v : PadVariants()) {
      if (!CpuFeatures::Get().Supports(v.isa)) continue;
      const PadFn fn = v.x8_pad;
      benchmark::RegisterBenchmark((std::string("pad/") + s.name + "/" + v.name).c_str(),
                                   [&s, fn](benchmark::State& st) { Run(st, s, fn); });
    }
  }
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace
}  // namespace liteforge::kernels
