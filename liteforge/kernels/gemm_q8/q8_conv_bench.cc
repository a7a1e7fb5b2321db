// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The 8-bit conv GEMM variants (VNNI and AVX2) against the reference
// kernel at MobileNetV2 shapes (int8, 1 thread). Counters: GOPS = 2 * MACs
// per second.

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "liteforge/base/aligned_buffer.h"
#include "liteforge/kernels/conv/reference.h"
#include "liteforge/kernels/gemm_q8/q8_conv.h"

namespace liteforge::kernels {
namespace {

struct Problem {
  ConvGeometry g;
  std::vector<uint8_t> input, filter, output;
  std::vector<int32_t> bias, multipliers, exponents;
  ConvQuantParams p;
};

Problem MakeProblem(const benchmark::State& state) {
  Problem pr;
  ConvGeometry& g = pr.g;
  const int size = static_cast<int>(state.range(0));
  const int in_depth = static_cast<int>(state.range(1));
  const int out_depth = static_cast<int>(state.range(2));
  const int filter = static_cast<int>(state.range(3));
  const int stride = static_cast<int>(state.range(4));
  g.batches = 1;
  g.input_height = g.input_width = size;
  g.input_depth = g.filter_depth = in_depth;
  g.filter_height = g.filter_width = filter;
  g.output_depth = out_depth;
  g.stride_height = g.stride_width = stride;
  g.pad_top = g.pad_left = filter / 2;
  g.output_height = g.output_width = (size + stride - 1) / stride;
  std::mt19937 rng(3);
  pr.input.resize(static_cast<size_t>(size) * size * in_depth);
  pr.filter.resize(static_cast<size_t>(out_depth) * g.patch_size());
  for (auto& b : pr.input) b = static_cast<uint8_t>(rng());
  for (auto& b : pr.filter) b = static_cast<uint8_t>(rng());
  pr.output.resize(static_cast<size_t>(g.output_height) * g.output_width * out_depth);
  pr.bias.assign(static_cast<size_t>(out_depth), 1000);
  pr.multipliers.assign(static_cast<size_t>(out_depth), 1 << 30);
  pr.exponents.assign(static_cast<size_t>(out_depth), -9);
  pr.p.input_offset = 128;
  pr.p.output_offset = -128;
  pr.p.multipliers = pr.multipliers.data();
  pr.p.exponents = pr.exponents.data();
  pr.p.act_min = -128;
  pr.p.act_max = 127;
  pr.p.rounding = ConvRounding::kDoubleRoundingTiesUp;
  return pr;
}

void SetCounters(benchmark::State& state, const ConvGeometry& g) {
  const double macs = static_cast<double>(g.output_height) * g.output_width * g.output_depth *
                      g.patch_size();
  state.counters["GOPS"] =
      benchmark::Counter(2 * macs, benchmark::Counter::kIsIterationInvariantRate,
                         benchmark::Counter::kIs1000);
}

void BM_Qs8ConvReference(benchmark::State& state) {
  Problem pr = MakeProblem(state);
  for (auto _ : state) {
    qs8_conv2d__reference(pr.g, reinterpret_cast<const int8_t*>(pr.input.data()),
                          reinterpret_cast<const int8_t*>(pr.filter.data()), pr.bias.data(), pr.p,
                          0, pr.g.rows(), reinterpret_cast<int8_t*>(pr.output.data()));
    benchmark::DoNotOptimize(pr.output.data());
  }
  SetCounters(state, pr.g);
}

// The variant with this ISA, run on its own packing.
void RunVariant(benchmark::State& state, Isa isa) {
  Problem pr = MakeProblem(state);
  const Q8ConvVariant* variant = nullptr;
  for (const Q8ConvVariant& v : Q8ConvVariants()) {
    if (v.isa == isa) variant = &v;
  }
  if (variant == nullptr || !CpuFeatures::Get().Supports(isa)) {
    state.SkipWithError("no 8-bit conv GEMM variant for this ISA on this CPU");
    return;
  }
  AlignedBuffer packed_memory(variant->packed_bytes(pr.g));
  const Q8ConvPacked packed = variant->pack(pr.g, true, pr.filter.data(), pr.bias.data(), pr.p,
                                            -128, packed_memory.data());
  AlignedBuffer scratch(variant->scratch_bytes(pr.g));
  const int pixels = pr.g.output_height * pr.g.output_width;
  for (auto _ : state) {
    variant->run(pr.g, packed, pr.input.data(), Q8ConvWork{0, pixels, 0, packed.panels},
                 scratch.data(), pr.output.data());
    benchmark::DoNotOptimize(pr.output.data());
  }
  SetCounters(state, pr.g);
}

void BM_Qs8ConvGemm(benchmark::State& state) { RunVariant(state, Isa::kAvx512Vnni); }
void BM_Qs8ConvGemmAvx2(benchmark::State& state) { RunVariant(state, Isa::kAvx2); }

// {input size, input depth, output depth, filter, stride}
void MobileNetV2Shapes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"hw", "cin", "cout", "f", "s"});
  b->Args({224, 3, 32, 3, 2});     // first conv
  b->Args({112, 32, 16, 1, 1});    // block 1 project
  b->Args({112, 16, 96, 1, 1});    // block 2 expand
  b->Args({56, 24, 144, 1, 1});    // expand
  b->Args({56, 144, 24, 1, 1});    // project
  b->Args({28, 32, 192, 1, 1});
  b->Args({28, 192, 32, 1, 1});
  b->Args({14, 64, 384, 1, 1});
  b->Args({14, 384, 64, 1, 1});
  b->Args({14, 96, 576, 1, 1});
  b->Args({14, 576, 96, 1, 1});
  b->Args({7, 160, 960, 1, 1});
  b->Args({7, 960, 160, 1, 1});
  b->Args({7, 320, 1280, 1, 1});   // last conv
}

BENCHMARK(BM_Qs8ConvReference)->Apply(MobileNetV2Shapes);
BENCHMARK(BM_Qs8ConvGemm)->Apply(MobileNetV2Shapes);
BENCHMARK(BM_Qs8ConvGemmAvx2)->Apply(MobileNetV2Shapes);

}  // namespace
}  // namespace liteforge::kernels
