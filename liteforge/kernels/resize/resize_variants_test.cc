// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every RESIZE_BILINEAR variant this CPU runs against the reference
// kernels, bit for bit: float32, uint8 and int8, channel counts around the
// 4-, 8-, 16- and 32-lane steps, up- and downscales by power-of-two (the
// integer uint8 path), odd and align_corners-dyadic factors (DeepLab's
// 33 -> 513 kind), align_corners and half_pixel_centers, two batches, rows
// computed in several pieces (as threads would).

#include "liteforge/kernels/resize/resize_variants.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/resize/reference.h"

namespace liteforge::kernels {
namespace {

std::vector<ResizeGeometry> Geometries() {
  std::vector<ResizeGeometry> out;
  const int sizes[][4] = {{5, 7, 9, 13},  {33, 33, 65, 65}, {4, 4, 8, 8},   {9, 6, 4, 3},
                          {2, 3, 7, 5},   {1, 1, 3, 2},     {3, 5, 33, 65}, {6, 5, 12, 10},
                          {8, 12, 2, 3},  {3, 3, 3, 3},     {1, 1, 4, 4}};
  for (int c : {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 21, 24, 31, 32, 33, 40, 48, 63, 64, 65, 70}) {
    for (const auto& s : sizes) {
      for (int mode = 0; mode < 3; ++mode) {
        ResizeGeometry g;
        g.batches = 2;
        g.in_h = s[0];
        g.in_w = s[1];
        g.out_h = s[2];
        g.out_w = s[3];
        g.channels = c;
        g.align_corners = mode == 1;
        g.half_pixel_centers = mode == 2;
        out.push_back(g);
      }
    }
  }
  return out;
}

std::string Describe(const ResizeGeometry& g) {
  return std::to_string(g.in_h) + "x" + std::to_string(g.in_w) + "x" +
         std::to_string(g.channels) + " -> " + std::to_string(g.out_h) + "x" +
         std::to_string(g.out_w) + (g.align_corners ? " align_corners" : "") +
         (g.half_pixel_centers ? " half_pixel_centers" : "");
}

template <typename T, typename Reference, typename Pick>
void CheckAll(Reference reference, Pick pick, std::mt19937& rng) {
  for (const ResizeGeometry& g : Geometries()) {
    const size_t in_n = static_cast<size_t>(g.batches) * g.in_h * g.in_w * g.channels;
    const size_t out_n = static_cast<size_t>(g.batches) * g.out_h * g.out_w * g.channels;
    std::vector<T> input(in_n);
    if constexpr (std::is_same_v<T, float>) {
      std::uniform_real_distribution<float> d(-100.f, 100.f);
      for (float& x : input) x = d(rng);
    } else {
      for (T& x : input) x = static_cast<T>(rng());
    }
    std::vector<T> want(out_n);
    reference(g, input.data(), 0, ResizeRows(g), want.data());
    for (const ResizeBilinearVariant& v : ResizeBilinearVariants()) {
      if (!CpuFeatures::Get().Supports(v.isa)) continue;
      std::vector<T> got(out_n + 16, T{7});
      const int rows = ResizeRows(g);
      const int cuts[] = {0, rows / 3, rows / 3, rows - 1, rows};
      for (int i = 0; i + 1 < 5; ++i) {
        if (cuts[i] < cuts[i + 1]) pick(v)(g, input.data(), cuts[i], cuts[i + 1], got.data());
      }
      ASSERT_EQ(std::memcmp(want.data(), got.data(), out_n * sizeof(T)), 0)
          << v.name << ": " << Describe(g);
      for (size_t i = out_n; i < got.size(); ++i) {
        ASSERT_EQ(got[i], T{7}) << v.name << " wrote past the output: " << Describe(g);
      }
    }
  }
}

TEST(ResizeBilinearVariantsTest, Float32MatchesReferenceBitForBit) {
  std::mt19937 rng(5);
  CheckAll<float>(f32_resize_bilinear__reference,
                  [](const ResizeBilinearVariant& v) { return v.f32; }, rng);
}

TEST(ResizeBilinearVariantsTest, Uint8MatchesReferenceBitForBit) {
  std::mt19937 rng(6);
  CheckAll<uint8_t>(qu8_resize_bilinear__reference,
                    [](const ResizeBilinearVariant& v) { return v.qu8; }, rng);
}

TEST(ResizeBilinearVariantsTest, Int8MatchesReferenceBitForBit) {
  std::mt19937 rng(7);
  CheckAll<int8_t>(qs8_resize_bilinear__reference,
                   [](const ResizeBilinearVariant& v) { return v.qs8; }, rng);
}

// Extreme values in every corner: saturation and the rounding of ties.
TEST(ResizeBilinearVariantsTest, Int8AndUint8ExtremesMatchReference) {
  ResizeGeometry g;
  g.batches = 1;
  g.in_h = 3;
  g.in_w = 4;
  g.out_h = 11;
  g.out_w = 16;
  for (int c : {1, 16, 21, 33}) {
    g.channels = c;
    for (int mode = 0; mode < 3; ++mode) {
      g.align_corners = mode == 1;
      g.half_pixel_centers = mode == 2;
      const size_t in_n = static_cast<size_t>(g.in_h) * g.in_w * c;
      const size_t out_n = static_cast<size_t>(g.out_h) * g.out_w * c;
      std::vector<int8_t> s8(in_n);
      std::vector<uint8_t> u8(in_n);
      for (size_t i = 0; i < in_n; ++i) {
        s8[i] = static_cast<int8_t>(i % 3 == 0 ? -128 : (i % 3 == 1 ? 127 : -1));
        u8[i] = static_cast<uint8_t>(i % 2 == 0 ? 255 : 0);
      }
      std::vector<int8_t> s8_want(out_n), s8_got(out_n);
      std::vector<uint8_t> u8_want(out_n), u8_got(out_n);
      qs8_resize_bilinear__reference(g, s8.data(), 0, ResizeRows(g), s8_want.data());
      qu8_resize_bilinear__reference(g, u8.data(), 0, ResizeRows(g), u8_want.data());
      for (const ResizeBilinearVariant& v : ResizeBilinearVariants()) {
        if (!CpuFeatures::Get().Supports(v.isa)) continue;
        v.qs8(g, s8.data(), 0, ResizeRows(g), s8_got.data());
        v.qu8(g, u8.data(), 0, ResizeRows(g), u8_got.data());
        EXPECT_EQ(s8_want, s8_got) << v.name << ": " << Describe(g);
        EXPECT_EQ(u8_want, u8_got) << v.name << ": " << Describe(g);
      }
    }
  }
}

// The uint8 integer path applies exactly where the float arithmetic is exact.
TEST(ResizeBilinearVariantsTest, Uint8ExactAxesWhereFloatIsExact) {
  const auto exact = [](int in, int out, bool align, bool half) {
    ResizeGeometry g;
    g.batches = 1;
    g.in_h = g.in_w = in;
    g.out_h = g.out_w = out;
    g.channels = 1;
    g.align_corners = align;
    g.half_pixel_centers = half;
    std::vector<IntegerAxisSample> rows(static_cast<size_t>(out)), columns(rows);
    return ComputeQu8ExactBilinearAxes(g, rows.data(), columns.data());
  };
  EXPECT_TRUE(exact(33, 513, true, false));   // DeepLabV3: steps of 1/16
  EXPECT_TRUE(exact(64, 128, false, true));   // 2x half-pixel: 1/4, 3/4, -1/4 at the border
  EXPECT_TRUE(exact(6, 48, false, false));    // 8x
  EXPECT_TRUE(exact(33, 33, true, false));    // identity
  EXPECT_FALSE(exact(5, 7, false, false));    // 5/7 is not dyadic
  EXPECT_FALSE(exact(33, 65, false, true));
  EXPECT_FALSE(exact(2, 512, false, false));  // 1/256 steps: finer than 2^-7
}

TEST(ResizeBilinearVariantsTest, SelectHonoursTheCeiling) {
  EXPECT_EQ(SelectResizeBilinear(Isa::kReference), nullptr);
  // Every ISA with a variant line gets it when the CPU has the ISA.
  for (Isa isa : {Isa::kAvx2, Isa::kAvx512, Isa::kNeon}) {
    if (!CpuFeatures::Get().Supports(isa)) continue;
    const ResizeBilinearVariant* v = SelectResizeBilinear(isa);
    ASSERT_NE(v, nullptr) << static_cast<int>(isa);
    EXPECT_EQ(v->isa, isa) << v->name;
  }
}

}  // namespace
}  // namespace liteforge::kernels
