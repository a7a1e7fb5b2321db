// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Single-thread float32 transposed convolution: the portable reference
// kernels against the GEMM driver (kernels/gemm_f32/f32_transpose_conv.h)
// for every f32 GEMM variant this CPU runs. Shapes: MediaPipe selfie
// segmentation's final 2x2 / stride 2 Convolution2DTransposeBias (the direct
// path), a wider 2x2 upsampling, and overlapping 3x3 and 4x4 stride-2
// filters (the col2im path). FLOPS counts 2 * input pixels * K * filter
// taps * N per run, e.g.
//   lf_f32_transpose_conv_bench --benchmark_filter='selfie'

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "liteforge/base/aligned_buffer.h"
#include "liteforge/kernels/gemm_f32/f32_transpose_conv.h"
#include "liteforge/kernels/transpose_conv/reference.h"

namespace {

using liteforge::AlignedBuffer;
namespace k = liteforge::kernels;

struct TcShape {
  const char* name;
  int size, in_depth, out_depth, filter, stride;  // square input, SAME-style padding
};

const TcShape kShapes[] = {
    {"selfie_segment_2x2s2_128x128x16_1", 128, 16, 1, 2, 2},
    {"upsample_2x2s2_64x64x32_16", 64, 32, 16, 2, 2},
    {"deconv_3x3s2_32x32x64_32", 32, 64, 32, 3, 2},
    {"deconv_4x4s2_32x32x64_32", 32, 64, 32, 4, 2},
};

k::TransposeConvGeometry Geometry(const TcShape& s) {
  k::TransposeConvGeometry g;
  g.batches = 1;
  g.input_height = g.input_width = s.size;
  g.input_depth = s.in_depth;
  g.output_depth = s.out_depth;
  g.filter_height = g.filter_width = s.filter;
  g.stride_height = g.stride_width = s.stride;
  g.output_height = g.output_width = s.size * s.stride;
  const int total = (s.size - 1) * s.stride + s.filter - g.output_height;
  g.pad_top = g.pad_left = total > 0 ? total / 2 : 0;
  return g;
}

std::vector<float> Random(size_t n) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> d(-1.f, 1.f);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

// gemm == nullptr: the reference kernel (MediaPipe's bias-first order).
void BM_TransposeConv(benchmark::State& state, TcShape shape, const k::F32Gemm* gemm) {
  const k::TransposeConvGeometry g = Geometry(shape);
  const std::vector<float> input =
      Random(static_cast<size_t>(g.input_height) * g.input_width * g.input_depth);
  const std::vector<float> weights = Random(static_cast<size_t>(g.output_depth) * g.filter_height *
                                            g.filter_width * g.input_depth);
  const std::vector<float> bias = Random(g.output_depth);
  std::vector<float> output(static_cast<size_t>(g.output_height) * g.output_width * g.output_depth);
  AlignedBuffer packed;
  AlignedBuffer scratch(k::F32TransposeConvScratchBytes(g) + 64);
  k::F32TransposeConvPacked w;
  if (gemm != nullptr) {
    packed.Resize(k::F32TransposeConvPackedBytes(g, *gemm));
    w = k::F32TransposeConvPackWeights(g, *gemm, weights.data(), bias.data(), packed.data());
  }
  const float inf = std::numeric_limits<float>::infinity();
  for (auto _ : state) {
    if (gemm == nullptr) {
      k::f32_transpose_conv_bias_first__reference(g, input.data(), weights.data(), bias.data(),
                                                  output.data());
    } else {
      k::F32TransposeConvRun(*gemm, g, input.data(), w, bias.data(), -inf, inf, 0,
                             k::F32TransposeConvRows(g), scratch.data(), output.data());
    }
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  state.counters["FLOPS"] = benchmark::Counter(
      2.0 * g.input_height * g.input_width * static_cast<double>(g.input_depth) * g.filter_height *
          g.filter_width * g.output_depth,
      benchmark::Counter::kIsIterationInvariantRate);
}

int RegisterAll() {
  std::vector<const k::F32Gemm*> impls = {nullptr};
  for (const k::F32Gemm& v : k::F32GemmVariants()) {
    if (k::F32GemmRunnable(v)) impls.push_back(&v);
  }
  for (const TcShape& s : kShapes) {
    for (const k::F32Gemm* gemm : impls) {
      const std::string impl = gemm == nullptr ? "f32_transpose_conv_bias_first__reference" : gemm->name;
      benchmark::RegisterBenchmark(("f32_transpose_conv/" + std::string(s.name) + "/" + impl).c_str(),
                                   BM_TransposeConv, s, gemm)
          ->Unit(benchmark::kMicrosecond);
    }
  }
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace

BENCHMARK_MAIN();
