// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every RESIZE_BILINEAR variant this CPU runs against the reference
// kernels, bit for bit: float32 and uint8, channel counts around the 8-
// and 16-lane steps, up- and downscales by integer and odd factors,
// align_corners and half_pixel_centers, two batches, rows computed in
// several pieces.

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
  const int sizes[][4] = {{5, 7, 9, 13}, {33, 33, 65, 65}, {4, 4, 8, 8},
                          {9, 6, 4, 3},  {2, 3, 7, 5},     {1, 1, 3, 2}};
  for (int c : {1, 3, 8, 15, 16, 17, 21, 40}) {
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

TEST(ResizeBilinearVariantsTest, SelectHonoursTheCeiling) {
  EXPECT_EQ(SelectResizeBilinear(Isa::kReference), nullptr);
  const ResizeBilinearVariant* v = SelectResizeBilinear(Isa::kAvx2);
  if (CpuFeatures::Get().Supports(Isa::kAvx2)) {
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->isa, Isa::kAvx2);
  }
}

}  // namespace
}  // namespace liteforge::kernels
