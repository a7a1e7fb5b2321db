// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every 8-bit conv GEMM variant the CPU runs (with its own packing) against
// the reference kernels,
// bit for bit: channel counts around the 16-lane vectors and 64-channel
// panels, patch sizes around the 4-byte groups, 1x1 (in place) and gathered
// patches with padding, strides and dilation, pixel counts around the
// 6-pixel tile, split pixel ranges, both rounding rules, int8 and uint8.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <span>
#include <utility>
#include <string>
#include <vector>

#include "liteforge/base/aligned_buffer.h"
#include "liteforge/kernels/conv/reference.h"
#include "liteforge/kernels/gemm_q8/q8_conv.h"

namespace liteforge::kernels {
namespace {

using Variant = Q8ConvVariant;

std::span<const Variant> Variants() { return Q8ConvVariants(); }

struct Shape {
  int batches, height, width, in_depth, out_depth, filter, stride, dilation, pad;
};

// How a case's quantization is drawn.
struct Quant {
  bool int8 = true;
  ConvRounding rounding = ConvRounding::kDoubleRoundingTiesUp;
  bool wide = true;  // every channel within the wide output stage
  int32_t input_zero_point = 0;
  int32_t filter_zero_point = 0;  // uint8, and int8 fully connected weights
  int32_t output_zero_point = 0;
  int32_t act_min = 0, act_max = 0;
  int32_t bias_limit = 200000;  // biases drawn from [-limit, limit]
};

std::string Describe(const Shape& s, const Quant& q) {
  return std::string(q.int8 ? "int8" : "uint8") + " " + std::to_string(s.batches) + "x" +
         std::to_string(s.height) + "x" + std::to_string(s.width) + "x" +
         std::to_string(s.in_depth) + " -> " + std::to_string(s.out_depth) + " filter " +
         std::to_string(s.filter) + " stride " + std::to_string(s.stride) + " dilation " +
         std::to_string(s.dilation) + " pad " + std::to_string(s.pad) +
         (q.rounding == ConvRounding::kDoubleRoundingTiesUp ? " ties-up" : " double") +
         (q.wide ? " wide" : " general") + " zp in/filter/out " +
         std::to_string(q.input_zero_point) + "/" + std::to_string(q.filter_zero_point) + "/" +
         std::to_string(q.output_zero_point) + " act [" + std::to_string(q.act_min) + ", " +
         std::to_string(q.act_max) + "] bias limit " + std::to_string(q.bias_limit);
}

void RunCase(const Variant& variant, const Shape& s, const Quant& q, uint32_t seed) {
  SCOPED_TRACE(Describe(s, q));
  std::mt19937 rng(seed);
  ConvGeometry g;
  g.batches = s.batches;
  g.input_height = s.height;
  g.input_width = s.width;
  g.input_depth = s.in_depth;
  g.filter_height = s.filter;
  g.filter_width = s.filter;
  g.filter_depth = s.in_depth;
  g.output_depth = s.out_depth;
  g.stride_height = g.stride_width = s.stride;
  g.dilation_height = g.dilation_width = s.dilation;
  g.pad_top = g.pad_left = s.pad;
  const int span = (s.filter - 1) * s.dilation + 1;
  g.output_height = (s.height + 2 * s.pad - span) / s.stride + 1;
  g.output_width = (s.width + 2 * s.pad - span) / s.stride + 1;
  ASSERT_GT(g.output_height, 0);

  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<uint8_t> input(static_cast<size_t>(s.batches) * s.height * s.width * s.in_depth);
  std::vector<uint8_t> filter(static_cast<size_t>(s.out_depth) * g.patch_size());
  for (auto& b : input) b = static_cast<uint8_t>(byte(rng));
  for (auto& b : filter) b = static_cast<uint8_t>(byte(rng));
  std::vector<int32_t> bias(static_cast<size_t>(s.out_depth));
  std::uniform_int_distribution<int32_t> bias_dist(-q.bias_limit, q.bias_limit);
  for (auto& b : bias) b = bias_dist(rng);

  std::vector<int32_t> multipliers(static_cast<size_t>(s.out_depth));
  std::vector<int32_t> exponents(static_cast<size_t>(s.out_depth));
  std::uniform_real_distribution<float> scale(0.002f, 0.08f);
  std::vector<float> filter_scales(static_cast<size_t>(s.out_depth));
  for (auto& f : filter_scales) f = scale(rng);
  ComputeChannelMultipliers(0.02f, filter_scales.data(), s.out_depth, 0.05f, s.out_depth,
                            multipliers.data(), exponents.data());
  if (!q.wide) {
    // One channel with a large scale: a positive exponent, which only the
    // general output stage handles.
    multipliers[0] = 1 << 30;
    exponents[0] = 2;
  } else if (s.out_depth > 2) {
    // The edges of the wide stage's shifts, and a zero multiplier.
    multipliers[1] = 1 << 30;
    exponents[1] = -1;
    multipliers[2] = 0;
    exponents[2] = 0;
  }

  ConvQuantParams p;
  p.input_offset = -q.input_zero_point;
  p.filter_offset = -q.filter_zero_point;
  p.output_offset = q.output_zero_point;
  p.multipliers = multipliers.data();
  p.exponents = exponents.data();
  p.act_min = q.act_min;
  p.act_max = q.act_max;
  p.rounding = q.rounding;
  ASSERT_TRUE(Q8ConvSupported(g, p));

  const size_t out_size =
      static_cast<size_t>(g.batches) * g.output_height * g.output_width * s.out_depth;
  std::vector<uint8_t> want(out_size), got(out_size, 0xEE);
  if (q.int8) {
    qs8_conv2d__reference(g, reinterpret_cast<const int8_t*>(input.data()),
                          reinterpret_cast<const int8_t*>(filter.data()), bias.data(), p, 0,
                          g.rows(), reinterpret_cast<int8_t*>(want.data()));
  } else {
    qu8_conv2d__reference(g, input.data(), filter.data(), bias.data(), p, 0, g.rows(),
                          want.data());
  }

  AlignedBuffer packed_memory(variant.packed_bytes(g));
  const Q8ConvPacked packed = variant.pack(g, q.int8, filter.data(), bias.data(), p,
                                           q.input_zero_point, packed_memory.data());
  // The biases of the wide cases are small enough for the wide stage (the
  // byte-group layout's).
  if (q.bias_limit <= 200000 && variant.pack == PackQ8ConvC4) {
    EXPECT_EQ(packed.wide_stage, q.wide);
  }
  AlignedBuffer scratch(variant.scratch_bytes(g));
  const int pixels = g.batches * g.output_height * g.output_width;
  const int panels = packed.panels;
  auto check = [&](const char* split) {
    int mismatches = 0;
    for (size_t i = 0; i < out_size && mismatches < 8; ++i) {
      if (want[i] != got[i]) {
        ++mismatches;
        ADD_FAILURE() << variant.name << " (" << split << "): output " << i << " (pixel "
                      << i / s.out_depth << ", channel " << i % s.out_depth << "): want "
                      << int(want[i]) << ", got " << int(got[i]);
      }
    }
  };
  // Three uneven pieces of pixels: results may not depend on the split.
  const int cut1 = pixels / 3, cut2 = pixels - pixels / 5;
  for (const Q8ConvWork& w : {Q8ConvWork{0, cut1, 0, panels}, Q8ConvWork{cut1, cut2, 0, panels},
                              Q8ConvWork{cut2, pixels, 0, panels}}) {
    variant.run(g, packed, input.data(), w, scratch.data(), got.data());
  }
  check("by pixels");
  // Then panel by panel, every pixel at once.
  std::fill(got.begin(), got.end(), 0xEE);
  for (int panel = 0; panel < panels; ++panel) {
    variant.run(g, packed, input.data(), Q8ConvWork{0, pixels, panel, panel + 1}, scratch.data(),
                got.data());
  }
  check("by panels");
}

Quant DefaultQuant(bool int8, ConvRounding r, bool wide, uint32_t seed) {
  Quant q;
  q.int8 = int8;
  q.rounding = r;
  q.wide = wide;
  q.input_zero_point = int8 ? -3 - static_cast<int>(seed % 100) : 117;
  q.filter_zero_point = int8 ? 0 : 131;
  q.output_zero_point = int8 ? 5 : 121;
  q.act_min = int8 ? -120 : 3;
  q.act_max = int8 ? 119 : 250;
  return q;
}

// Shapes around the tiles (6, 8, 12 and 24 pixels; panels of 1 to 4
// vectors of 16 channels), the 4-byte groups of the patch, 1x1 convs read
// in place and gathered patches with padding, strides and dilation.
const std::vector<Shape>& Shapes() {
  static const std::vector<Shape> shapes = {
      {1, 5, 7, 16, 16, 1, 1, 1, 0},   {1, 4, 4, 8, 1, 1, 1, 1, 0},
      {1, 6, 5, 32, 17, 1, 1, 1, 0},   {2, 5, 5, 12, 33, 1, 2, 1, 0},
      {1, 3, 9, 64, 64, 1, 1, 1, 0},   {1, 3, 3, 40, 65, 1, 1, 1, 0},
      {1, 4, 3, 24, 100, 1, 1, 1, 0},  {1, 2, 3, 20, 129, 1, 1, 1, 0},
      {1, 7, 7, 3, 16, 3, 2, 1, 1},    {1, 8, 8, 3, 32, 3, 2, 1, 0},
      {2, 6, 6, 5, 15, 3, 1, 1, 1},    {1, 9, 9, 8, 24, 3, 1, 2, 2},
      {1, 5, 5, 7, 48, 1, 1, 1, 0},    {1, 6, 6, 16, 31, 5, 1, 1, 2},
      {1, 1, 1, 300, 70, 1, 1, 1, 0},  {1, 4, 4, 130, 20, 2, 2, 1, 0},
      {1, 7, 7, 160, 96, 1, 1, 1, 0},  {1, 5, 5, 36, 112, 1, 1, 1, 0},
      {1, 3, 11, 4, 144, 1, 1, 1, 0},  {1, 1, 25, 28, 160, 1, 1, 1, 0},
      {1, 1, 49, 13, 80, 1, 1, 1, 0},  {3, 2, 9, 96, 24, 1, 1, 1, 0},
      {1, 12, 12, 3, 32, 3, 2, 1, 1},  {1, 9, 11, 66, 49, 1, 1, 1, 0},
  };
  return shapes;
}

TEST(Q8ConvVariantsTest, BitExactWithReference) {
  bool ran = false;
  for (const Variant& v : Variants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    ran = true;
    uint32_t seed = 1;
    for (const Shape& s : Shapes()) {
      for (bool int8 : {true, false}) {
        for (ConvRounding r : {ConvRounding::kDoubleRoundingTiesUp, ConvRounding::kDoubleRounding}) {
          for (bool wide : {true, false}) {
            RunCase(v, s, DefaultQuant(int8, r, wide, seed), seed);
            ++seed;
          }
        }
      }
    }
  }
  if (!ran) GTEST_SKIP() << "no 8-bit conv GEMM variant runs on this CPU";
}

// Fully connected layers run as 1x1 convs over batch rows: one row (the
// one-row tile), a few rows, and int8 weights with a zero point.
TEST(Q8ConvVariantsTest, FullyConnectedShapes) {
  const std::vector<Shape> shapes = {{1, 1, 1, 1280, 1001, 1, 1, 1, 0}, {1, 1, 1, 64, 10, 1, 1, 1, 0},
                                     {3, 1, 1, 100, 37, 1, 1, 1, 0},    {7, 1, 1, 7, 70, 1, 1, 1, 0},
                                     {1, 1, 1, 33, 200, 1, 1, 1, 0}};
  bool ran = false;
  for (const Variant& v : Variants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    ran = true;
    uint32_t seed = 2000;
    for (const Shape& s : shapes) {
      for (bool int8 : {true, false}) {
        for (ConvRounding r : {ConvRounding::kDoubleRoundingTiesUp, ConvRounding::kDoubleRounding}) {
          for (int32_t filter_zp : {0, int8 ? -7 : 255, int8 ? 127 : 0}) {
            Quant q = DefaultQuant(int8, r, true, seed);
            q.filter_zero_point = filter_zp;
            RunCase(v, s, q, seed++);
          }
        }
      }
    }
  }
  if (!ran) GTEST_SKIP() << "no 8-bit conv GEMM variant runs on this CPU";
}

// Zero points at the ends of their ranges, every activation range a fused
// activation produces, and biases large enough to wrap the accumulator
// (the wide stage must then stand aside).
TEST(Q8ConvVariantsTest, ExtremeZeroPointsActivationsAndBiases) {
  const std::vector<Shape> shapes = {
      {1, 5, 5, 16, 40, 1, 1, 1, 0}, {1, 6, 6, 3, 24, 3, 2, 1, 1}, {1, 3, 5, 9, 70, 1, 1, 1, 0}};
  bool ran = false;
  for (const Variant& v : Variants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    ran = true;
    uint32_t seed = 1000;
    for (const Shape& s : shapes) {
      for (bool int8 : {true, false}) {
        const int32_t lo = int8 ? -128 : 0;
        const int32_t hi = int8 ? 127 : 255;
        for (ConvRounding r : {ConvRounding::kDoubleRoundingTiesUp, ConvRounding::kDoubleRounding}) {
          for (int32_t zp_in : {lo, hi}) {
            for (int32_t zp_out : {lo, hi}) {
              Quant q = DefaultQuant(int8, r, true, seed);
              q.input_zero_point = zp_in;
              q.filter_zero_point = int8 ? 0 : (zp_in == lo ? 255 : 0);
              q.output_zero_point = zp_out;
              q.act_min = lo;
              q.act_max = hi;
              RunCase(v, s, q, seed++);
            }
          }
          // RELU, RELU6 and RELU_N1_TO_1 shaped ranges around the zero point.
          for (auto [amin, amax] : {std::pair{int8 ? 5 : 121, hi}, std::pair{int8 ? 5 : 121, int8 ? 60 : 180},
                                    std::pair{int8 ? -20 : 100, int8 ? 30 : 140}}) {
            Quant q = DefaultQuant(int8, r, true, seed);
            q.act_min = amin;
            q.act_max = amax;
            RunCase(v, s, q, seed++);
          }
          Quant q = DefaultQuant(int8, r, true, seed);
          q.bias_limit = 2147000000;
          RunCase(v, s, q, seed++);
        }
      }
    }
  }
  if (!ran) GTEST_SKIP() << "no 8-bit conv GEMM variant runs on this CPU";
}

// Tasks cover every (pixel, panel) once: pixel ranges for layers with
// rows to share, vector-balanced panel ranges for a single batch row.
TEST(Q8ConvSplitTest, CoversTheWorkOnceAndBalancesPanels) {
  for (bool uniform : {false, true}) {
    for (int n : {16, 100, 160, 1001}) {
      for (int pixels : {1, 3, 30, 49, 3136}) {
        for (int threads : {1, 2, 3, 4}) {
          Q8ConvPacked p;
          p.k4 = 320;
          p.n = n;
          p.n16 = (n + 15) / 16 * 16;
          p.uniform_panels = uniform;
          p.panels = uniform ? p.n16 / 16 : Q8PanelCount(p.n16);
          std::vector<Q8ConvWork> tasks(static_cast<size_t>(threads));
          const int count = Q8ConvSplit(p, pixels, threads, int64_t{1} << 16, tasks.data());
          SCOPED_TRACE("n " + std::to_string(n) + " pixels " + std::to_string(pixels) +
                       " threads " + std::to_string(threads) + (uniform ? " c2" : " c4"));
          ASSERT_GE(count, 1);
          ASSERT_LE(count, threads);
          std::vector<int> covered(static_cast<size_t>(pixels) * p.panels, 0);
          for (int t = 0; t < count; ++t) {
            const Q8ConvWork& w = tasks[static_cast<size_t>(t)];
            EXPECT_LT(w.pixel_begin, w.pixel_end);
            EXPECT_LT(w.panel_begin, w.panel_end);
            for (int m = w.pixel_begin; m < w.pixel_end; ++m) {
              for (int j = w.panel_begin; j < w.panel_end; ++j) ++covered[m * p.panels + j];
            }
          }
          for (int c : covered) ASSERT_EQ(c, 1);
        }
      }
    }
  }
  // 1280 -> 1001 for one batch row on two threads: 63 vectors in panels
  // of 4 (and one of 3) split 32 / 31.
  Q8ConvPacked fc;
  fc.k4 = 1280;
  fc.n = 1001;
  fc.n16 = 1008;
  fc.panels = Q8PanelCount(fc.n16);
  Q8ConvWork tasks[2];
  ASSERT_EQ(Q8ConvSplit(fc, 1, 2, int64_t{1} << 16, tasks), 2);
  EXPECT_EQ(tasks[0].panel_end, 8);
}

TEST(Q8ConvVariantsTest, ReferenceCeilingSelectsNothing) {
  EXPECT_EQ(SelectQ8Conv(Isa::kReference), nullptr);
}

TEST(Q8ConvVariantsTest, GroupedConvIsNotSupported) {
  ConvGeometry g;
  g.batches = 1;
  g.input_height = g.input_width = 4;
  g.input_depth = 8;
  g.filter_depth = 4;
  g.filter_height = g.filter_width = 1;
  g.output_height = g.output_width = 4;
  g.output_depth = 8;
  std::vector<int32_t> m(8, 1 << 30), e(8, -1);
  ConvQuantParams p;
  p.multipliers = m.data();
  p.exponents = e.data();
  EXPECT_FALSE(Q8ConvSupported(g, p));
  g.input_depth = 4;
  EXPECT_TRUE(Q8ConvSupported(g, p));
  e[3] = -40;  // beyond the vector output stage
  EXPECT_FALSE(Q8ConvSupported(g, p));
}

}  // namespace
}  // namespace liteforge::kernels
