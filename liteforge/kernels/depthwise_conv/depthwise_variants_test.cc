// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every SIMD depthwise variant this CPU supports against the reference
// kernels: bit-exact for int8, uint8 and float32. Shapes sit around the
// 8- and 16-channel tiles (1 to 103 channels; 2 and 4 for the float
// kernel that packs several pixels per vector), with depth multipliers,
// 3x3 / 5x5 / odd filters, strides, dilation, padding on every side,
// batches, and output rows computed in several pieces. Quantization covers
// extreme zero points, narrow activation ranges, the whole exponent range
// and both rounding rules. A variant whose ISA the CPU lacks is skipped.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/depthwise_conv/depthwise_variants.h"
#include "liteforge/kernels/depthwise_conv/layout.h"
#include "liteforge/kernels/depthwise_conv/reference.h"
#include "liteforge/kernels/requantize/shift_split.h"

namespace liteforge::kernels {
namespace {

struct Window {
  int height, width, depth;  // input
  int filter_height, filter_width, multiplier;
  int stride, dilation;
  int pad_top, pad_left, pad_bottom, pad_right;
  int batches = 1;
};

DepthwiseGeometry MakeGeometry(const Window& w) {
  DepthwiseGeometry g;
  g.batches = w.batches;
  g.input_height = w.height;
  g.input_width = w.width;
  g.input_depth = w.depth;
  g.filter_height = w.filter_height;
  g.filter_width = w.filter_width;
  g.depth_multiplier = w.multiplier;
  g.output_depth = w.depth * w.multiplier;
  g.stride_height = w.stride;
  g.stride_width = w.stride;
  g.dilation_height = w.dilation;
  g.dilation_width = w.dilation;
  g.pad_top = w.pad_top;
  g.pad_left = w.pad_left;
  const int span_h = (w.filter_height - 1) * w.dilation + 1;
  const int span_w = (w.filter_width - 1) * w.dilation + 1;
  g.output_height = std::max(0, (w.height + w.pad_top + w.pad_bottom - span_h) / w.stride + 1);
  g.output_width = std::max(0, (w.width + w.pad_left + w.pad_right - span_w) / w.stride + 1);
  return g;
}

std::string Describe(const DepthwiseGeometry& g) {
  return "in " + std::to_string(g.batches) + "x" + std::to_string(g.input_height) + "x" +
         std::to_string(g.input_width) + "x" + std::to_string(g.input_depth) + " filter " +
         std::to_string(g.filter_height) + "x" + std::to_string(g.filter_width) + " mult " +
         std::to_string(g.depth_multiplier) + " stride " + std::to_string(g.stride_height) +
         " dilation " + std::to_string(g.dilation_height) + " pad " + std::to_string(g.pad_top) +
         "," + std::to_string(g.pad_left) + " out " + std::to_string(g.output_height) + "x" +
         std::to_string(g.output_width) + "x" + std::to_string(g.output_depth);
}

std::vector<DepthwiseGeometry> Geometries() {
  std::vector<Window> w;
  for (int c : {1, 2, 4, 8, 15, 16, 17, 32, 33, 96 + 7}) {
    w.push_back({9, 11, c, 3, 3, 1, 1, 1, 1, 1, 1, 1});    // SAME, stride 1
    w.push_back({10, 9, c, 3, 3, 1, 2, 1, 0, 0, 1, 1});    // SAME, stride 2
    w.push_back({8, 8, c, 5, 5, 1, 1, 1, 2, 2, 2, 2, 2});  // 5x5, batch 2
    w.push_back({7, 9, c, 3, 3, 2, 1, 1, 1, 1, 1, 1});     // depth multiplier 2
    w.push_back({11, 12, c, 5, 5, 1, 2, 1, 1, 2, 2, 1});   // 5x5 stride 2
  }
  w.push_back({12, 10, 17, 3, 3, 1, 1, 2, 2, 2, 2, 2});     // dilation 2
  w.push_back({13, 13, 33, 3, 3, 1, 2, 2, 2, 2, 2, 2, 2});  // dilation 2, stride 2, batch 2
  w.push_back({12, 12, 16, 5, 5, 2, 1, 2, 4, 4, 4, 4});     // dilation 2, 5x5, multiplier 2
  w.push_back({8, 9, 19, 3, 5, 1, 1, 1, 1, 2, 1, 2});       // 3x5
  w.push_back({6, 7, 24, 1, 1, 1, 1, 1, 0, 0, 0, 0});       // 1x1
  w.push_back({9, 6, 9, 7, 1, 1, 1, 1, 3, 0, 3, 0});        // 7x1
  w.push_back({6, 6, 40, 2, 2, 1, 2, 1, 0, 0, 0, 0});       // 2x2 stride 2, VALID
  w.push_back({5, 6, 5, 3, 3, 3, 1, 1, 1, 1, 1, 1});        // multiplier 3
  w.push_back({6, 5, 1, 3, 3, 8, 2, 1, 1, 1, 1, 1});        // one channel, multiplier 8
  w.push_back({5, 5, 33, 3, 3, 2, 1, 1, 1, 1, 1, 1});       // multiplier 2, 66 outputs
  w.push_back({2, 2, 17, 3, 3, 1, 1, 1, 3, 3, 3, 3});       // pixels with no tap inside
  w.push_back({3, 1, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1});       // one column
  w.push_back({9, 9, 16, 3, 3, 1, 1, 1, 2, 0, 0, 2});       // padding top and right only
  w.push_back({9, 9, 48, 3, 3, 1, 1, 1, 0, 2, 2, 0});       // padding left and bottom only
  w.push_back({30, 40, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1});     // long interior rows
  w.push_back({4, 4, 32, 3, 3, 1, 1, 1, 0, 0, 0, 0});       // VALID, every pixel interior
  std::vector<DepthwiseGeometry> out;
  for (const Window& x : w) out.push_back(MakeGeometry(x));
  return out;
}

// Row pieces: a few random cuts, sometimes empty pieces.
std::vector<int> RowCuts(int rows, std::mt19937& rng) {
  std::vector<int> cuts = {0, rows};
  std::uniform_int_distribution<int> any(0, rows);
  for (int i = 0; i < 3; ++i) cuts.push_back(any(rng));
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

template <typename T>
std::vector<T> RandomInts(size_t n, int lo, int hi, std::mt19937& rng) {
  std::uniform_int_distribution<int> d(lo, hi);
  std::vector<T> v(n);
  for (T& x : v) x = static_cast<T>(d(rng));
  return v;
}

// Guard elements after the output catch writes past its end.
constexpr size_t kGuard = 64;

template <typename T>
void ExpectSameOutputs(const DepthwiseGeometry& g, const std::vector<T>& want,
                       const std::vector<T>& got, const std::string& what) {
  const size_t n = want.size();
  ASSERT_EQ(got.size(), n + kGuard);
  int reported = 0;
  for (size_t i = 0; i < n && reported < 5; ++i) {
    if (std::memcmp(&want[i], &got[i], sizeof(T)) != 0) {
      const size_t depth = static_cast<size_t>(g.output_depth);
      const size_t pixel = i / depth;
      ADD_FAILURE() << what << ": " << Describe(g) << ": row " << pixel / g.output_width
                    << " column " << pixel % g.output_width << " channel " << i % depth << ": want "
                    << +want[i] << ", got " << +got[i];
      ++reported;
    }
  }
  for (size_t i = n; i < n + kGuard; ++i) {
    if (std::memcmp(&got[i], &got[n], sizeof(T)) != 0) {
      ADD_FAILURE() << what << ": " << Describe(g) << ": wrote past the output";
      break;
    }
  }
}

struct QuantCase {
  int32_t input_zero_point;
  int32_t filter_zero_point;  // uint8 only
  int32_t output_zero_point;
  int32_t act_min, act_max;
  bool bias;
  bool extreme_exponents;  // the whole range the vector output stage accepts
};

template <typename T, typename V>
void RunQuantCase(const DepthwiseGeometry& g, const QuantCase& qc, ConvRounding rounding,
                  const std::vector<const V*>& variants, uint32_t seed) {
  constexpr bool kSigned = std::is_signed_v<T>;
  std::mt19937 rng(seed);
  const int lo = std::numeric_limits<T>::min();
  const int hi = std::numeric_limits<T>::max();
  const size_t in_n =
      static_cast<size_t>(g.batches) * g.input_height * g.input_width * g.input_depth;
  const size_t taps = static_cast<size_t>(g.filter_height) * g.filter_width;
  const size_t depth = static_cast<size_t>(g.output_depth);
  const size_t out_n = static_cast<size_t>(g.rows()) * g.output_width * depth;
  const std::vector<T> input = RandomInts<T>(in_n, lo, hi, rng);
  const std::vector<T> filter = RandomInts<T>(taps * depth, lo, hi, rng);
  std::vector<int32_t> bias = RandomInts<int32_t>(depth, -(1 << 12), 1 << 12, rng);
  // Sums that wrap around int32 (the reference's arithmetic wraps too).
  if (depth > 2) bias[2] = std::numeric_limits<int32_t>::max() - 3;
  if (depth > 3) bias[3] = std::numeric_limits<int32_t>::min() + 5;
  std::vector<int32_t> multipliers(depth), exponents(depth);
  std::uniform_int_distribution<int32_t> mult(1 << 30, std::numeric_limits<int32_t>::max());
  // Scales that spread typical sums over the 8-bit range, so that few
  // outputs clamp and rounding decides many of them.
  std::uniform_int_distribution<int32_t> realistic(-11, -6);
  std::uniform_int_distribution<int32_t> extreme(-31, 30);
  for (size_t o = 0; o < depth; ++o) {
    // 2^30 makes every other product an exact tie for the high multiply.
    multipliers[o] = o % 11 == 5 ? 0 : o % 7 == 3 ? (1 << 30) : mult(rng);
    exponents[o] = qc.extreme_exponents ? extreme(rng) : realistic(rng);
  }
  ASSERT_TRUE(
      RequantizeParamsSupported(multipliers.data(), exponents.data(), static_cast<int>(depth)));
  DepthwiseQuantParams p;
  p.input_offset = -qc.input_zero_point;
  p.filter_offset = kSigned ? 0 : -qc.filter_zero_point;
  p.output_offset = qc.output_zero_point;
  p.multipliers = multipliers.data();
  p.exponents = exponents.data();
  p.act_min = qc.act_min;
  p.act_max = qc.act_max;
  p.rounding = rounding;
  const int32_t* b = qc.bias ? bias.data() : nullptr;

  std::vector<T> want(out_n);
  if constexpr (kSigned) {
    qs8_depthwise_conv2d__reference(g, input.data(), filter.data(), b, p, 0, g.rows(), want.data());
  } else {
    qu8_depthwise_conv2d__reference(g, input.data(), filter.data(), b, p, 0, g.rows(), want.data());
  }
  for (const auto* v : variants) {
    std::vector<int32_t> packed(QuantDepthwisePackedBytes(g, v->lanes) / sizeof(int32_t));
    if constexpr (kSigned) {
      PackQs8Depthwise(g, v->lanes, filter.data(), b, p, packed.data());
    } else {
      PackQu8Depthwise(g, v->lanes, filter.data(), b, p, packed.data());
    }
    std::vector<T> got(out_n + kGuard, static_cast<T>(0x5A));
    const std::vector<int> cuts = RowCuts(g.rows(), rng);
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
      v->run(g, input.data(), packed.data(), p, cuts[i], cuts[i + 1], got.data());
    }
    ExpectSameOutputs(g, want, got,
                      std::string(v->name) + " zp " + std::to_string(qc.input_zero_point) + "/" +
                          std::to_string(qc.filter_zero_point) + "/" +
                          std::to_string(qc.output_zero_point) + " act [" +
                          std::to_string(qc.act_min) + "," + std::to_string(qc.act_max) + "]" +
                          (rounding == ConvRounding::kDoubleRounding ? " double" : " ties-up") +
                          (qc.extreme_exponents ? " extreme exponents" : ""));
  }
}

template <typename V>
std::vector<const V*> Supported(std::span<const V> all) {
  std::vector<const V*> out;
  for (const V& v : all) {
    if (CpuFeatures::Get().Supports(v.isa)) out.push_back(&v);
  }
  return out;
}

TEST(DepthwiseVariantsTest, Qs8MatchesReference) {
  const auto variants = Supported(Qs8DepthwiseVariants());
  if (variants.empty()) GTEST_SKIP() << "no int8 depthwise variant runs on this CPU";
  const QuantCase cases[] = {
      {3, 0, -2, -128, 127, true, false},
      {-128, 0, 127, -128, 127, true, false},
      {127, 0, -128, -128, 127, false, false},
      {-5, 0, -128, -128, -100, true, false},  // RELU-like at the bottom
      {0, 0, 10, -3, 4, true, false},          // narrow range
      {-7, 0, 1, -128, 127, true, true},
      {100, 0, -100, -128, 127, false, true},
  };
  uint32_t seed = 1;
  for (const DepthwiseGeometry& g : Geometries()) {
    for (const QuantCase& qc : cases) {
      for (ConvRounding r : {ConvRounding::kDoubleRounding, ConvRounding::kDoubleRoundingTiesUp}) {
        RunQuantCase<int8_t>(g, qc, r, variants, seed++);
      }
    }
    if (HasFailure()) return;
  }
}

TEST(DepthwiseVariantsTest, Qu8MatchesReference) {
  const auto variants = Supported(Qu8DepthwiseVariants());
  if (variants.empty()) GTEST_SKIP() << "no uint8 depthwise variant runs on this CPU";
  const QuantCase cases[] = {
      {128, 127, 128, 0, 255, true, false},  {0, 0, 0, 0, 255, true, false},
      {255, 255, 255, 0, 255, false, false}, {0, 255, 0, 0, 6, true, false},
      {255, 0, 77, 77, 255, true, false},    {17, 200, 3, 0, 255, true, true},
      {250, 5, 250, 0, 255, false, true},
  };
  uint32_t seed = 1000;
  for (const DepthwiseGeometry& g : Geometries()) {
    for (const QuantCase& qc : cases) {
      for (ConvRounding r : {ConvRounding::kDoubleRounding, ConvRounding::kDoubleRoundingTiesUp}) {
        RunQuantCase<uint8_t>(g, qc, r, variants, seed++);
      }
    }
    if (HasFailure()) return;
  }
}

TEST(DepthwiseVariantsTest, F32MatchesReferenceExactly) {
  const auto variants = Supported(F32DepthwiseVariants());
  if (variants.empty()) GTEST_SKIP() << "no float depthwise variant runs on this CPU";
  struct Range {
    const char* name;
    float lo, hi;
  };
  const Range ranges[] = {
      {"none", std::numeric_limits<float>::lowest(), std::numeric_limits<float>::max()},
      {"relu6", 0.f, 6.f},
      {"[-0.25, 0.5]", -0.25f, 0.5f}};
  uint32_t seed = 2000;
  for (const DepthwiseGeometry& g : Geometries()) {
    for (const Range& range : ranges) {
      for (bool with_bias : {true, false}) {
        std::mt19937 rng(seed++);
        std::uniform_real_distribution<float> d(-2.f, 2.f);
        const size_t in_n =
            static_cast<size_t>(g.batches) * g.input_height * g.input_width * g.input_depth;
        const size_t taps = static_cast<size_t>(g.filter_height) * g.filter_width;
        const size_t depth = static_cast<size_t>(g.output_depth);
        const size_t out_n = static_cast<size_t>(g.rows()) * g.output_width * depth;
        std::vector<float> input(in_n), filter(taps * depth), bias(depth);
        for (float& x : input) x = d(rng);
        for (float& x : filter) x = d(rng);
        for (float& x : bias) x = d(rng);
        // Without a bias, also an infinite corner weight in the last tile:
        // a padding tap must skip it (no 0 * inf = NaN), as the reference.
        if (!with_bias) filter[depth - 1] = std::numeric_limits<float>::infinity();
        const float* b = with_bias ? bias.data() : nullptr;
        std::vector<float> want(out_n);
        f32_depthwise_conv2d__reference(g, input.data(), filter.data(), b, range.lo, range.hi, 0,
                                        g.rows(), want.data());
        for (const auto* v : variants) {
          std::vector<float> packed(F32DepthwisePackedBytes(g, v->lanes) / sizeof(float));
          PackF32Depthwise(g, v->lanes, filter.data(), b, packed.data());
          std::vector<float> got(out_n + kGuard, -12345.f);
          const std::vector<int> cuts = RowCuts(g.rows(), rng);
          for (size_t i = 0; i + 1 < cuts.size(); ++i) {
            v->run(g, input.data(), packed.data(), range.lo, range.hi, cuts[i], cuts[i + 1],
                   got.data());
          }
          ExpectSameOutputs(
              g, want, got,
              std::string(v->name) + " activation " + range.name + (with_bias ? "" : ", no bias"));
        }
      }
    }
    if (HasFailure()) return;
  }
}

TEST(DepthwiseVariantsTest, SelectHonoursTheCeiling) {
  EXPECT_EQ(SelectQs8Depthwise(Isa::kReference), nullptr);
  EXPECT_EQ(SelectQu8Depthwise(Isa::kReference), nullptr);
  EXPECT_EQ(SelectF32Depthwise(Isa::kReference), nullptr);
  for (Isa ceiling : {Isa::kAvx2, Isa::kAvx512, Isa::kAvx512Vnni}) {
    const Qs8DepthwiseVariant* v = SelectQs8Depthwise(ceiling);
    if (v == nullptr) continue;
    EXPECT_LE(static_cast<int>(v->isa), static_cast<int>(ceiling)) << v->name;
    EXPECT_TRUE(CpuFeatures::Get().Supports(v->isa)) << v->name;
    // Best first: nothing better that also qualifies comes later.
    for (const Qs8DepthwiseVariant& other : Qs8DepthwiseVariants()) {
      if (&other == v) break;
      EXPECT_FALSE(static_cast<int>(other.isa) <= static_cast<int>(ceiling) &&
                   CpuFeatures::Get().Supports(other.isa))
          << other.name << " precedes " << v->name;
    }
  }
  if (CpuFeatures::Get().Supports(Isa::kAvx2)) {
    const F32DepthwiseVariant* v = SelectF32Depthwise(Isa::kAvx2);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->isa, Isa::kAvx2);
  }
}

TEST(DepthwiseLayoutTest, InteriorColumnsAreExactlyThoseWithoutPaddingTaps) {
  for (const DepthwiseGeometry& g : Geometries()) {
    const ColumnSpan span = InteriorColumns(g);
    for (int ox = 0; ox < g.output_width; ++ox) {
      bool inside = true;
      for (int fx = 0; fx < g.filter_width; ++fx) {
        const int ix = ox * g.stride_width - g.pad_left + fx * g.dilation_width;
        inside = inside && ix >= 0 && ix < g.input_width;
      }
      EXPECT_EQ(inside, ox >= span.begin && ox < span.end) << Describe(g) << " column " << ox;
    }
  }
}

}  // namespace
}  // namespace liteforge::kernels
