// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every MAX_POOL_2D / AVERAGE_POOL_2D variant this CPU runs against the
// reference kernels, bit for bit (float32 included: the variants keep the
// reference's operation order): channel counts around the 8-, 16-, 32- and
// 64-lane steps, windows with and without padding, strides 1 and 2, global
// pooling, full and narrow activation ranges, two batches, rows computed in
// several pieces.

#include "liteforge/kernels/pooling/pooling_variants.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/pooling/reference.h"

namespace liteforge::kernels {
namespace {

// {in_h, in_w, filter_h, filter_w, stride_h, stride_w, pad_h, pad_w}
constexpr int kShapes[][8] = {
    {6, 6, 2, 2, 2, 2, 0, 0},  // MobileNet-style 2x2/2
    {7, 9, 3, 3, 2, 2, 1, 1},  // SAME 3x3/2
    {5, 5, 3, 3, 1, 1, 1, 1},  // SAME 3x3/1
    {7, 7, 7, 7, 1, 1, 0, 0},  // global
    {4, 5, 1, 1, 1, 1, 0, 0},  // 1x1
    {6, 4, 5, 3, 2, 1, 2, 1},  // asymmetric
    {3, 2, 4, 4, 3, 3, 1, 2},  // windows sticking out on both sides
};

std::vector<Pool2DGeometry> Geometries() {
  std::vector<Pool2DGeometry> out;
  for (int c : {1, 15, 16, 17, 63, 64, 65, 130}) {
    for (const auto& s : kShapes) {
      Pool2DGeometry g;
      g.batches = 2;
      g.in_h = s[0];
      g.in_w = s[1];
      g.channels = c;
      g.filter_h = s[2];
      g.filter_w = s[3];
      g.stride_h = s[4];
      g.stride_w = s[5];
      g.pad_h = s[6];
      g.pad_w = s[7];
      g.out_h = (g.in_h + 2 * g.pad_h - g.filter_h) / g.stride_h + 1;
      g.out_w = (g.in_w + 2 * g.pad_w - g.filter_w) / g.stride_w + 1;
      out.push_back(g);
    }
  }
  return out;
}

std::string Describe(const Pool2DGeometry& g) {
  return std::to_string(g.in_h) + "x" + std::to_string(g.in_w) + "x" + std::to_string(g.channels) +
         " filter " + std::to_string(g.filter_h) + "x" + std::to_string(g.filter_w) + " stride " +
         std::to_string(g.stride_h) + "x" + std::to_string(g.stride_w) + " pad " +
         std::to_string(g.pad_h) + "," + std::to_string(g.pad_w);
}

// Activation bounds for T: the whole range and a narrow one.
template <typename T>
std::vector<std::pair<T, T>> Bounds() {
  if constexpr (std::is_same_v<T, float>) {
    return {{std::numeric_limits<float>::lowest(), std::numeric_limits<float>::max()}, {0.f, 6.f}};
  } else if constexpr (std::is_signed_v<T>) {
    return {{-128, 127}, {-20, 90}};
  } else {
    return {{0, 255}, {10, 200}};
  }
}

template <typename T, typename Reference, typename Pick>
void CheckAll(Reference reference, Pick pick, bool with_nan, std::mt19937& rng) {
  for (const Pool2DGeometry& g : Geometries()) {
    const size_t in_n = static_cast<size_t>(g.batches) * g.in_h * g.in_w * g.channels;
    const size_t out_n = static_cast<size_t>(g.batches) * g.out_h * g.out_w * g.channels;
    std::vector<T> input(in_n);
    if constexpr (std::is_same_v<T, float>) {
      std::uniform_real_distribution<float> d(-10.f, 10.f);
      for (float& x : input) x = d(rng);
      if (with_nan) {
        for (size_t i = 0; i < in_n; i += 37) input[i] = std::numeric_limits<float>::quiet_NaN();
        for (size_t i = 5; i < in_n; i += 41) input[i] = -0.f;
      }
    } else {
      for (T& x : input) x = static_cast<T>(rng());
    }
    for (const auto& [lo, hi] : Bounds<T>()) {
      std::vector<T> want(out_n);
      reference(g, input.data(), lo, hi, 0, PoolRows(g), want.data());
      for (const Pool2DVariant& v : Pool2DVariants()) {
        if (!CpuFeatures::Get().Supports(v.isa)) continue;
        std::vector<T> got(out_n + 64, T{7});
        const int rows = PoolRows(g);
        const int cuts[] = {0, rows / 3, rows / 3, rows - 1, rows};
        for (int i = 0; i + 1 < 5; ++i) {
          if (cuts[i] < cuts[i + 1])
            pick(v)(g, input.data(), lo, hi, cuts[i], cuts[i + 1], got.data());
        }
        ASSERT_EQ(std::memcmp(want.data(), got.data(), out_n * sizeof(T)), 0)
            << v.name << ": " << Describe(g) << " bounds " << +lo << ".." << +hi;
        for (size_t i = out_n; i < got.size(); ++i) {
          ASSERT_EQ(got[i], T{7}) << v.name << " wrote past the output: " << Describe(g);
        }
      }
    }
  }
}

TEST(Pool2DVariantsTest, Uint8MaxMatchesReference) {
  std::mt19937 rng(1);
  CheckAll<uint8_t>(
      qu8_maxpool2d__reference, [](const Pool2DVariant& v) { return v.qu8_max; }, false, rng);
}

TEST(Pool2DVariantsTest, Int8MaxMatchesReference) {
  std::mt19937 rng(2);
  CheckAll<int8_t>(
      qs8_maxpool2d__reference, [](const Pool2DVariant& v) { return v.qs8_max; }, false, rng);
}

TEST(Pool2DVariantsTest, Float32MaxMatchesReferenceIncludingNaNAndSignedZero) {
  std::mt19937 rng(3);
  CheckAll<float>(
      f32_maxpool2d__reference, [](const Pool2DVariant& v) { return v.f32_max; }, true, rng);
}

TEST(Pool2DVariantsTest, Float32AverageMatchesReferenceBitForBit) {
  std::mt19937 rng(4);
  CheckAll<float>(
      f32_avgpool2d__reference, [](const Pool2DVariant& v) { return v.f32_avg; }, false, rng);
}

TEST(Pool2DVariantsTest, Uint8AverageMatchesReferenceRounding) {
  std::mt19937 rng(5);
  CheckAll<uint8_t>(
      qu8_avgpool2d__reference, [](const Pool2DVariant& v) { return v.qu8_avg; }, false, rng);
}

TEST(Pool2DVariantsTest, Int8AverageMatchesReferenceRounding) {
  std::mt19937 rng(6);
  CheckAll<int8_t>(
      qs8_avgpool2d__reference, [](const Pool2DVariant& v) { return v.qs8_avg; }, false, rng);
}

// Sums that land exactly on .5 before rounding, both signs, every count a
// clipped 3x3 window can have (1..9 taps): the half-away-from-zero cases.
TEST(Pool2DVariantsTest, Int8AverageRoundsHalvesAwayFromZero) {
  Pool2DGeometry g;
  g.batches = 1;
  g.in_h = 4;
  g.in_w = 4;
  g.channels = 70;
  g.filter_h = 3;
  g.filter_w = 3;
  g.stride_h = 1;
  g.stride_w = 1;
  g.pad_h = 1;
  g.pad_w = 1;
  g.out_h = 4;
  g.out_w = 4;
  std::vector<int8_t> input(static_cast<size_t>(16) * g.channels);
  for (size_t i = 0; i < input.size(); ++i) {
    const int c = static_cast<int>(i % g.channels);
    input[i] = static_cast<int8_t>((c % 2 == 0 ? 1 : -1) * ((i / g.channels) % 2 == 0 ? c : 127));
  }
  std::vector<int8_t> want(input.size());
  qs8_avgpool2d__reference(g, input.data(), -128, 127, 0, PoolRows(g), want.data());
  for (const Pool2DVariant& v : Pool2DVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    std::vector<int8_t> got(input.size());
    v.qs8_avg(g, input.data(), -128, 127, 0, PoolRows(g), got.data());
    EXPECT_EQ(want, got) << v.name;
  }
}

// Filters with more taps than the float division is exact for take the
// reference path; the result is the same either way.
TEST(Pool2DVariantsTest, HugeFilterAverageMatchesReference) {
  Pool2DGeometry g;
  g.batches = 1;
  g.in_h = 3;
  g.in_w = 3;
  g.channels = 17;
  g.filter_h = 300;
  g.filter_w = 300;
  g.pad_h = 298;
  g.pad_w = 298;
  g.out_h = 1;
  g.out_w = 1;
  std::vector<uint8_t> input(static_cast<size_t>(9) * g.channels);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<uint8_t>(i * 29);
  std::vector<uint8_t> want(g.channels);
  qu8_avgpool2d__reference(g, input.data(), 0, 255, 0, 1, want.data());
  for (const Pool2DVariant& v : Pool2DVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    std::vector<uint8_t> got(g.channels);
    v.qu8_avg(g, input.data(), 0, 255, 0, 1, got.data());
    EXPECT_EQ(want, got) << v.name;
  }
}

TEST(Pool2DVariantsTest, SelectHonoursTheCeiling) {
  EXPECT_EQ(SelectPool2D(Isa::kReference), nullptr);
  // Every ISA with a variant line gets it when the CPU has the ISA.
  for (Isa isa : {Isa::kAvx2, Isa::kAvx512, Isa::kNeon}) {
    if (!CpuFeatures::Get().Supports(isa)) continue;
    const Pool2DVariant* v = SelectPool2D(isa);
    ASSERT_NE(v, nullptr) << static_cast<int>(isa);
    EXPECT_EQ(v->isa, isa) << v->name;
  }
}

}  // namespace
}  // namespace liteforge::kernels
