// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Single-thread float32 CONV_2D and FULLY_CONNECTED throughput at MobileNet
// v1/v2 (224x224) layer shapes: the portable reference kernels against
// every f32 GEMM variant this CPU runs (kernels/gemm_f32). The FLOPS column
// counts 2 * pixels * K * N per run (multiply and add), e.g.
//   lf_f32_conv_bench --benchmark_filter='pw1_112'

#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/aligned_buffer.h"
#include "liteforge/kernels/conv/reference.h"
#include "liteforge/kernels/fully_connected/reference.h"
#include "liteforge/kernels/gemm_f32/f32_conv.h"
#include "liteforge/kernels/gemm_f32/f32_fully_connected.h"

namespace {

using liteforge::AlignedBuffer;
namespace k = liteforge::kernels;

struct ConvShape {
  const char* name;
  int size, in_depth, out_depth, filter, stride;  // square image, SAME padding
};

const ConvShape kConvShapes[] = {
    {"mbv1_conv0_3x3s2_224x224x3_32", 224, 3, 32, 3, 2},
    {"mbv1_pw1_1x1_112x112x32_64", 112, 32, 64, 1, 1},
    {"mbv1_pw_1x1_56x56x128_128", 56, 128, 128, 1, 1},
    {"mbv1_pw_1x1_14x14x512_512", 14, 512, 512, 1, 1},
    {"mbv1_pw_1x1_7x7x1024_1024", 7, 1024, 1024, 1, 1},
    {"mbv2_expand_1x1_56x56x24_144", 56, 24, 144, 1, 1},
    {"resnet_3x3_28x28x128_128", 28, 128, 128, 3, 1},
};

k::ConvGeometry Geometry(const ConvShape& s) {
  k::ConvGeometry g;
  g.batches = 1;
  g.input_height = g.input_width = s.size;
  g.input_depth = g.filter_depth = s.in_depth;
  g.filter_height = g.filter_width = s.filter;
  g.output_depth = s.out_depth;
  g.stride_height = g.stride_width = s.stride;
  g.output_height = g.output_width = (s.size + s.stride - 1) / s.stride;
  const int pad = std::max((g.output_height - 1) * s.stride + s.filter - s.size, 0);
  g.pad_top = g.pad_left = pad / 2;
  return g;
}

std::vector<float> Random(size_t n) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> d(-1.f, 1.f);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

double ConvFlops(const k::ConvGeometry& g) {
  return 2.0 * g.rows() * g.output_width * static_cast<double>(g.patch_size()) * g.output_depth;
}

// gemm == nullptr: the reference conv kernel.
void BM_Conv(benchmark::State& state, ConvShape shape, const k::F32Gemm* gemm) {
  const k::ConvGeometry g = Geometry(shape);
  const std::vector<float> input =
      Random(static_cast<size_t>(g.input_height) * g.input_width * g.input_depth);
  const std::vector<float> filter = Random(static_cast<size_t>(g.patch_size()) * g.output_depth);
  const std::vector<float> bias = Random(g.output_depth);
  std::vector<float> output(static_cast<size_t>(g.rows()) * g.output_width * g.output_depth);
  AlignedBuffer packed;
  AlignedBuffer scratch(k::F32ConvScratchBytes(g));
  k::F32PackedWeights weights;
  if (gemm != nullptr) {
    packed.Resize(k::F32ConvPackedBytes(g, *gemm));
    weights = k::F32ConvPackWeights(g, *gemm, filter.data(), bias.data(), packed.data());
  }
  for (auto _ : state) {
    if (gemm == nullptr) {
      k::f32_conv2d__reference(g, input.data(), filter.data(), bias.data(), 0.f, 6.f, 0, g.rows(),
                               output.data());
    } else {
      k::F32ConvRun(*gemm, g, input.data(), weights, 0.f, 6.f, 0, g.rows(), scratch.data(),
                    output.data());
    }
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  state.counters["FLOPS"] =
      benchmark::Counter(ConvFlops(g), benchmark::Counter::kIsIterationInvariantRate);
}

struct FcShape {
  const char* name;
  int batches, input_depth, output_depth;
};

const FcShape kFcShapes[] = {
    {"mbv1_logits_1x1024_1001", 1, 1024, 1001},
    {"mbv2_logits_1x1280_1001", 1, 1280, 1001},
    {"batch32_512_512", 32, 512, 512},
};

void BM_FullyConnected(benchmark::State& state, FcShape shape, const k::F32Gemm* gemm) {
  const k::FcDims d{shape.batches, shape.input_depth, shape.output_depth};
  const std::vector<float> input = Random(static_cast<size_t>(d.batches) * d.input_depth);
  const std::vector<float> weights = Random(static_cast<size_t>(d.output_depth) * d.input_depth);
  const std::vector<float> bias = Random(d.output_depth);
  std::vector<float> output(static_cast<size_t>(d.batches) * d.output_depth);
  AlignedBuffer packed;
  k::F32PackedWeights w;
  if (gemm != nullptr) {
    packed.Resize(k::F32FullyConnectedPackedBytes(d, *gemm));
    w = k::F32FullyConnectedPackWeights(d, *gemm, weights.data(), bias.data(), packed.data());
  }
  const float inf = std::numeric_limits<float>::infinity();
  for (auto _ : state) {
    if (gemm == nullptr) {
      k::f32_fully_connected__reference(d, input.data(), weights.data(), bias.data(), -inf, inf,
                                        output.data());
    } else {
      k::F32FullyConnectedRunRows(*gemm, w, input.data(), -inf, inf, 0, d.batches,
                                  output.data());
    }
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  state.counters["FLOPS"] = benchmark::Counter(
      2.0 * d.batches * static_cast<double>(d.input_depth) * d.output_depth,
      benchmark::Counter::kIsIterationInvariantRate);
}

// Registers each shape against the reference kernel and every runnable
// variant, e.g. "f32_conv/mbv1_pw1_1x1_112x112x32_64/f32_gemm_minmax_8x32__avx512".
int RegisterAll() {
  std::vector<const k::F32Gemm*> impls = {nullptr};
  for (const k::F32Gemm& v : k::F32GemmVariants()) {
    if (k::F32GemmRunnable(v)) impls.push_back(&v);
  }
  for (const ConvShape& s : kConvShapes) {
    for (const k::F32Gemm* gemm : impls) {
      const std::string impl = gemm == nullptr ? "f32_conv2d__reference" : gemm->name;
      benchmark::RegisterBenchmark(("f32_conv/" + std::string(s.name) + "/" + impl).c_str(),
                                   BM_Conv, s, gemm)
          ->Unit(benchmark::kMicrosecond);
    }
  }
  for (const FcShape& s : kFcShapes) {
    for (const k::F32Gemm* gemm : impls) {
      const std::string impl = gemm == nullptr ? "f32_fully_connected__reference" : gemm->name;
      benchmark::RegisterBenchmark(("f32_fc/" + std::string(s.name) + "/" + impl).c_str(),
                                   BM_FullyConnected, s, gemm)
          ->Unit(benchmark::kMicrosecond);
    }
  }
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace

BENCHMARK_MAIN();
