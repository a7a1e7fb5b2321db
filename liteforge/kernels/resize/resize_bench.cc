// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RESIZE_BILINEAR kernels, reference against every SIMD variant this CPU
// runs, one thread, at the corpus's shapes: DeepLabV3's uint8 logits
// upscale (33x33x21 -> 513x513, align_corners), the int8 selfie
// segmentation and MoveNet decoders' 2x half-pixel upscales, and
// MediaPipe pose landmark's float32 ones. Counter: output elements per
// second.

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

enum class Kind { kF32, kQu8, kQs8 };

struct Case {
  const char* model;
  Kind kind;
  int in, out, channels;
  bool align, half;
};

constexpr Case kCases[] = {
    {"deeplabv3", Kind::kQu8, 33, 513, 21, true, false},
    {"selfie_int8", Kind::kQs8, 16, 32, 128, false, true},
    {"selfie_int8", Kind::kQs8, 32, 64, 24, false, true},
    {"selfie_int8", Kind::kQs8, 64, 128, 16, false, true},
    {"movenet", Kind::kQs8, 24, 48, 24, false, true},
    {"pose_landmark", Kind::kF32, 32, 64, 48, false, true},
    {"pose_landmark", Kind::kF32, 128, 256, 8, false, true},
    {"selfie", Kind::kF32, 64, 128, 16, false, true},
};

ResizeGeometry Geometry(const Case& c) {
  ResizeGeometry g;
  g.batches = 1;
  g.in_h = g.in_w = c.in;
  g.out_h = g.out_w = c.out;
  g.channels = c.channels;
  g.align_corners = c.align;
  g.half_pixel_centers = c.half;
  return g;
}

template <typename T, typename Fn>
void Run(benchmark::State& state, const ResizeGeometry& g, Fn fn) {
  std::mt19937 rng(3);
  std::vector<T> input(static_cast<size_t>(g.in_h) * g.in_w * g.channels);
  for (T& x : input) x = static_cast<T>(static_cast<int>(rng() % 200) - 100);
  std::vector<T> output(static_cast<size_t>(g.out_h) * g.out_w * g.channels);
  for (auto _ : state) {
    fn(g, input.data(), 0, ResizeRows(g), output.data());
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  state.counters["elements"] = benchmark::Counter(static_cast<double>(output.size()),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}

std::string Name(const Case& c, const char* kernel) {
  const char* dtype = c.kind == Kind::kF32 ? "f32" : (c.kind == Kind::kQu8 ? "qu8" : "qs8");
  return std::string("resize_bilinear/") + c.model + "/" + dtype + "/" + std::to_string(c.in) +
         "x" + std::to_string(c.in) + "x" + std::to_string(c.channels) + "->" +
         std::to_string(c.out) + (c.align ? "_align" : "") + (c.half ? "_half" : "") + "/" +
         kernel;
}

// The reference's and one variant's kernels as a pseudo-variant.
void Register(const Case& c, const char* kernel, const ResizeBilinearVariant& v) {
  const ResizeGeometry g = Geometry(c);
  switch (c.kind) {
    case Kind::kF32:
      benchmark::RegisterBenchmark(Name(c, kernel).c_str(), [g, f = v.f32](benchmark::State& s) {
        Run<float>(s, g, f);
      });
      break;
    case Kind::kQu8:
      benchmark::RegisterBenchmark(Name(c, kernel).c_str(), [g, f = v.qu8](benchmark::State& s) {
        Run<uint8_t>(s, g, f);
      });
      break;
    case Kind::kQs8:
      benchmark::RegisterBenchmark(Name(c, kernel).c_str(), [g, f = v.qs8](benchmark::State& s) {
        Run<int8_t>(s, g, f);
      });
      break;
  }
}

[[maybe_unused]] const bool kRegistered = [] {
  const ResizeBilinearVariant reference{"reference", Isa::kReference,
                                        &f32_resize_bilinear__reference,
                                        &qu8_resize_bilinear__reference,
                                        &qs8_resize_bilinear__reference};
  for (const Case& c : kCases) {
    Register(c, "reference", reference);
    for (const ResizeBilinearVariant& v : ResizeBilinearVariants()) {
      // The table names a variant by its float32 kernel; the ISA suffix
      // names it for every dtype.
      const std::string name(v.name);
      const size_t isa = name.rfind("__");
      const std::string label = isa == std::string::npos ? name : name.substr(isa + 2);
      if (CpuFeatures::Get().Supports(v.isa)) Register(c, label.c_str(), v);
    }
  }
  return true;
}();

}  // namespace
}  // namespace liteforge::kernels
