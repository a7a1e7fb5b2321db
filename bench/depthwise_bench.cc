// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// DEPTHWISE_CONV_2D kernels at MobileNetV2's 3x3 depthwise shapes and
// MediaPipe's (SAME padding, depth multiplier 1): the reference kernels against every SIMD
// variant (kernels/depthwise_conv/variants.inc) this CPU runs, for int8,
// uint8 and float32, on one thread. Reports MACs per second.
//
//   lf_depthwise_bench --benchmark_filter=qs8

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/depthwise_conv/depthwise_variants.h"
#include "liteforge/kernels/depthwise_conv/layout.h"
#include "liteforge/kernels/depthwise_conv/reference.h"

namespace liteforge::kernels {
namespace {

struct Shape {
  const char* name;
  int size;  // input height = width
  int channels;
  int stride;
  int filter = 3;  // height = width
};

// The depthwise layers of MobileNetV2 1.0 at 224x224 (one of each kind),
// then MediaPipe's pose and hand landmark models: few channels on a large
// image, and 5x5 filters.
constexpr Shape kShapes[] = {
    {"112x112x96/s2", 112, 96, 2},       {"56x56x144/s1", 56, 144, 1},
    {"28x28x192/s1", 28, 192, 1},        {"14x14x576/s1", 14, 576, 1},
    {"7x7x960/s1", 7, 960, 1},           {"256x256x8/s1", 256, 8, 1},
    {"16x16x528/s1/5x5", 16, 528, 1, 5}, {"28x28x144/s1/5x5", 28, 144, 1, 5},
};

DepthwiseGeometry Geometry(const Shape& s) {
  DepthwiseGeometry g;
  g.batches = 1;
  g.input_height = g.input_width = s.size;
  g.input_depth = g.output_depth = s.channels;
  g.filter_height = g.filter_width = s.filter;
  g.stride_height = g.stride_width = s.stride;
  g.output_height = g.output_width = (s.size + s.stride - 1) / s.stride;
  // SAME: total padding max(0, (out - 1) * stride + filter - in), the odd
  // one after.
  const int total = std::max(0, (g.output_height - 1) * s.stride + s.filter - s.size);
  g.pad_top = g.pad_left = total / 2;
  return g;
}

int64_t Macs(const DepthwiseGeometry& g) {
  return static_cast<int64_t>(g.rows()) * g.output_width * g.output_depth * g.filter_height *
         g.filter_width;
}

void SetRate(benchmark::State& state, const DepthwiseGeometry& g) {
  state.counters["MACs"] = benchmark::Counter(static_cast<double>(Macs(g)),
                                              benchmark::Counter::kIsIterationInvariantRate);
}

template <typename T>
std::vector<T> RandomBytes(size_t n, std::mt19937& rng) {
  std::uniform_int_distribution<int> d(0, 255);
  std::vector<T> v(n);
  for (T& x : v) x = static_cast<T>(d(rng));
  return v;
}

struct QuantData {
  std::vector<int32_t> bias, multipliers, exponents;
  DepthwiseQuantParams params;
};

QuantData MakeQuant(const DepthwiseGeometry& g, bool is_signed, std::mt19937& rng) {
  QuantData q;
  const size_t depth = static_cast<size_t>(g.output_depth);
  std::uniform_int_distribution<int32_t> bias(-5000, 5000);
  std::uniform_int_distribution<int32_t> mult(1 << 30, 0x7FFFFFFF);
  for (size_t o = 0; o < depth; ++o) {
    q.bias.push_back(bias(rng));
    q.multipliers.push_back(mult(rng));
    q.exponents.push_back(-8);
  }
  q.params.input_offset = is_signed ? 3 : -120;
  q.params.filter_offset = is_signed ? 0 : -128;
  q.params.output_offset = is_signed ? -1 : 128;
  q.params.multipliers = q.multipliers.data();
  q.params.exponents = q.exponents.data();
  q.params.act_min = is_signed ? -128 : 0;
  q.params.act_max = is_signed ? 127 : 255;
  q.params.rounding = ConvRounding::kDoubleRounding;
  return q;
}

// variant == nullptr: the reference kernel.
template <typename T, typename V>
void BenchQuant(benchmark::State& state, const Shape& shape, const V* variant) {
  constexpr bool kSigned = std::is_signed_v<T>;
  const DepthwiseGeometry g = Geometry(shape);
  std::mt19937 rng(7);
  const std::vector<T> input =
      RandomBytes<T>(static_cast<size_t>(g.input_height) * g.input_width * g.input_depth, rng);
  const std::vector<T> filter =
      RandomBytes<T>(static_cast<size_t>(DepthwiseTaps(g)) * g.output_depth, rng);
  const QuantData q = MakeQuant(g, kSigned, rng);
  std::vector<T> output(static_cast<size_t>(g.rows()) * g.output_width * g.output_depth);
  std::vector<int32_t> packed;
  if (variant != nullptr) {
    packed.resize(QuantDepthwisePackedBytes(g, variant->lanes) / sizeof(int32_t));
    if constexpr (kSigned) {
      PackQs8Depthwise(g, variant->lanes, filter.data(), q.bias.data(), q.params, packed.data());
    } else {
      PackQu8Depthwise(g, variant->lanes, filter.data(), q.bias.data(), q.params, packed.data());
    }
  }
  for (auto _ : state) {
    if (variant != nullptr) {
      variant->run(g, input.data(), packed.data(), q.params, 0, g.rows(), output.data());
    } else if constexpr (kSigned) {
      qs8_depthwise_conv2d__reference(g, input.data(), filter.data(), q.bias.data(), q.params, 0,
                                      g.rows(), output.data());
    } else {
      qu8_depthwise_conv2d__reference(g, input.data(), filter.data(), q.bias.data(), q.params, 0,
                                      g.rows(), output.data());
    }
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  SetRate(state, g);
}

void BenchF32(benchmark::State& state, const Shape& shape, const F32DepthwiseVariant* variant) {
  const DepthwiseGeometry g = Geometry(shape);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> d(-1.f, 1.f);
  std::vector<float> input(static_cast<size_t>(g.input_height) * g.input_width * g.input_depth);
  std::vector<float> filter(static_cast<size_t>(DepthwiseTaps(g)) * g.output_depth);
  std::vector<float> bias(static_cast<size_t>(g.output_depth));
  for (float& x : input) x = d(rng);
  for (float& x : filter) x = d(rng);
  for (float& x : bias) x = d(rng);
  std::vector<float> output(static_cast<size_t>(g.rows()) * g.output_width * g.output_depth);
  std::vector<float> packed;
  if (variant != nullptr) {
    packed.resize(F32DepthwisePackedBytes(g, variant->lanes) / sizeof(float));
    PackF32Depthwise(g, variant->lanes, filter.data(), bias.data(), packed.data());
  }
  for (auto _ : state) {
    if (variant != nullptr) {
      variant->run(g, input.data(), packed.data(), 0.f, 6.f, 0, g.rows(), output.data());
    } else {
      f32_depthwise_conv2d__reference(g, input.data(), filter.data(), bias.data(), 0.f, 6.f, 0,
                                      g.rows(), output.data());
    }
    benchmark::DoNotOptimize(output.data());
    benchmark::ClobberMemory();
  }
  SetRate(state, g);
}

template <typename V, typename Bench>
void RegisterAll(const char* dtype, std::span<const V> variants, Bench bench) {
  for (const Shape& shape : kShapes) {
    const std::string prefix = std::string(dtype) + "/" + shape.name + "/";
    benchmark::RegisterBenchmark(
        (prefix + "reference").c_str(),
        [shape, bench](benchmark::State& s) { bench(s, shape, static_cast<const V*>(nullptr)); });
    for (const V& v : variants) {
      if (!CpuFeatures::Get().Supports(v.isa)) continue;
      const V* vp = &v;
      benchmark::RegisterBenchmark(
          (prefix + v.name).c_str(),
          [shape, vp, bench](benchmark::State& s) { bench(s, shape, vp); });
    }
  }
}

}  // namespace
}  // namespace liteforge::kernels

int main(int argc, char** argv) {
  using namespace liteforge::kernels;
  RegisterAll("qs8", Qs8DepthwiseVariants(),
              [](benchmark::State& s, const Shape& shape, const Qs8DepthwiseVariant* v) {
                BenchQuant<int8_t>(s, shape, v);
              });
  RegisterAll("qu8", Qu8DepthwiseVariants(),
              [](benchmark::State& s, const Shape& shape, const Qu8DepthwiseVariant* v) {
                BenchQuant<uint8_t>(s, shape, v);
              });
  RegisterAll("f32", F32DepthwiseVariants(),
              [](benchmark::State& s, const Shape& shape, const F32DepthwiseVariant* v) {
                BenchF32(s, shape, v);
              });
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
