// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every PAD variant this CPU runs against x8_pad__reference, byte for byte,
// with guard bytes after the output: ranks 1-5, random paddings on every
// axis (zero pads and unpadded runs included, so the collapse merges dims in
// all patterns), row lengths around the 16/32/64-byte steps, empty dims,
// element sizes 1/2/4/8, and pad values with equal bytes (zero, a zero
// point) and unequal ones (the reference fallback).

#include "liteforge/kernels/pad/pad_variants.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/kernels/pad/reference.h"

namespace liteforge::kernels {
namespace {

constexpr size_t kGuard = 80;

struct Case {
  std::vector<int32_t> dims;
  std::vector<int64_t> before, after;
  size_t elem = 1;
  std::vector<uint8_t> value;  // one element
};

std::string Describe(const Case& c) {
  std::string s = "dims [";
  for (size_t d = 0; d < c.dims.size(); ++d) {
    s += std::to_string(c.dims[d]) + "(" + std::to_string(c.before[d]) + "," +
         std::to_string(c.after[d]) + ") ";
  }
  return s + "] elem " + std::to_string(c.elem) + " value[0] " + std::to_string(c.value[0]);
}

void Check(const PadVariant& v, const Case& c, std::mt19937& rng) {
  const PadGeometry g = MakePadGeometry(c.dims, c.before, c.after, c.elem);
  size_t in_elems = 1, out_elems = 1;
  for (size_t d = 0; d < c.dims.size(); ++d) {
    in_elems *= static_cast<size_t>(c.dims[d]);
    out_elems *= static_cast<size_t>(c.dims[d] + c.before[d] + c.after[d]);
  }
  std::vector<uint8_t> input(in_elems * c.elem + 1);
  for (uint8_t& b : input) b = static_cast<uint8_t>(rng());
  std::vector<uint8_t> element(std::max<size_t>(g.element_bytes, 1));
  x8_fill_pattern__reference(element.data(), static_cast<int64_t>(g.fold), c.value.data(), c.elem);
  const size_t out_bytes = out_elems * c.elem;
  std::vector<uint8_t> want(out_bytes + kGuard, 0xA5), got(out_bytes + kGuard, 0xA5);
  x8_pad__reference(g, input.data(), element.data(), want.data());
  v.x8_pad(g, input.data(), element.data(), got.data());
  ASSERT_EQ(want, got) << v.name << " " << Describe(c);
}

TEST(PadVariants, MatchReferenceOnRandomShapes) {
  std::mt19937 rng(7);
  std::vector<Case> cases;
  // MediaPipe face detection's channel pads, and NHWC spatial pads.
  cases.push_back({{1, 64, 64, 24}, {0, 0, 0, 0}, {0, 0, 0, 4}, 4, {0, 0, 0, 0}});
  cases.push_back({{1, 16, 16, 48}, {0, 0, 0, 0}, {0, 0, 0, 16}, 4, {0, 0, 0, 0}});
  cases.push_back({{1, 7, 9, 3}, {0, 1, 1, 0}, {0, 2, 1, 0}, 1, {128}});
  cases.push_back({{2, 5, 5, 8}, {0, 0, 0, 0}, {0, 0, 0, 0}, 4, {0, 0, 0, 0}});
  for (int i = 0; i < 600; ++i) {
    Case c;
    const int rank = 1 + static_cast<int>(rng() % 5);
    for (int d = 0; d < rank; ++d) {
      // Mostly small dims; now and then a long row or an empty dim.
      const uint32_t kind = rng() % 16;
      int32_t n = static_cast<int32_t>(1 + rng() % 5);
      if (kind == 0) n = 0;
      if (kind == 1 && d == rank - 1) n = static_cast<int32_t>(20 + rng() % 150);
      c.dims.push_back(n);
      const bool padded = rng() % 2 == 0;
      c.before.push_back(padded ? static_cast<int64_t>(rng() % 4) : 0);
      c.after.push_back(padded ? static_cast<int64_t>(rng() % 4) : 0);
    }
    const size_t sizes[] = {1, 2, 4, 8};
    c.elem = sizes[rng() % 4];
    c.value.resize(c.elem);
    switch (rng() % 3) {
      case 0:
        std::fill(c.value.begin(), c.value.end(), 0);
        break;
      case 1:
        std::fill(c.value.begin(), c.value.end(), static_cast<uint8_t>(rng()));
        break;
      default:
        for (uint8_t& b : c.value) b = static_cast<uint8_t>(rng());
        break;
    }
    cases.push_back(c);
  }
  int ran = 0;
  for (const PadVariant& v : PadVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    ++ran;
    for (const Case& c : cases) Check(v, c, rng);
  }
  if (ran == 0) GTEST_SKIP() << "no PAD variant runs on this CPU";
}

TEST(PadVariants, RowLengthsAroundVectorSteps) {
  std::mt19937 rng(11);
  int ran = 0;
  for (const PadVariant& v : PadVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    ++ran;
    for (int32_t n : {1, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 3000}) {
      for (int64_t b : {0, 1, 5, 16, 33, 64, 70}) {
        for (int64_t a : {0, 1, 9, 32, 65}) {
          if (b == 0 && a == 0) continue;
          Check(v, {{3, n}, {0, b}, {1, a}, 1, {9}}, rng);
        }
      }
    }
  }
  if (ran == 0) GTEST_SKIP() << "no PAD variant runs on this CPU";
}

TEST(PadVariants, SelectHonoursTheCeiling) {
  EXPECT_EQ(SelectPad(Isa::kReference), nullptr);
  const PadVariant* best = SelectPad(Isa::kAvx512Vnni);
  if (best != nullptr) {
    EXPECT_TRUE(CpuFeatures::Get().Supports(best->isa));
  }
  // Every ISA with a variant line gets it when the CPU has the ISA.
  for (Isa isa : {Isa::kAvx2, Isa::kAvx512, Isa::kNeon}) {
    if (!CpuFeatures::Get().Supports(isa)) continue;
    const PadVariant* v = SelectPad(isa);
    ASSERT_NE(v, nullptr) << static_cast<int>(isa);
    EXPECT_EQ(v->isa, isa) << v->name;
  }
}

}  // namespace
}  // namespace liteforge::kernels
