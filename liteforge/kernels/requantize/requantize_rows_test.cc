// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every vector output stage (AVX2, AVX-512; NEON on ARM) against the scalar oracle
// qs32_requantize__reference: the int32 extremes, exact ties of both
// roundings at every shift, every exponent the vector path accepts, random
// accumulators, and every length up to two vectors plus one (each masked
// tail), with a sentinel that catches a write past the end. A stage the CPU
// lacks is skipped.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/requantize/requantize_rows.h"
#include "liteforge/kernels/requantize/shift_split.h"

namespace liteforge::kernels {
namespace {

constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
constexpr int32_t kMax = std::numeric_limits<int32_t>::max();

using RequantizeFn = void (*)(const int32_t*, int, const RequantizeRowParams&, int32_t*);

struct Stage {
  std::string name;
  Isa isa;
  RequantizeFn fn;
};

struct Inputs {
  std::vector<int32_t> acc, multipliers, exponents;
  void Add(int32_t a, int32_t m, int32_t e) {
    acc.push_back(a);
    multipliers.push_back(m);
    exponents.push_back(e);
  }
};

Inputs MakeInputs() {
  Inputs in;
  for (int32_t e = -31; e <= 30; ++e) {
    for (int32_t a : {kMin, kMin + 1, kMax, kMax - 1, 0, 1, -1, 2, -2, 3, -3, 1 << 20, -(1 << 20),
                      12345, -12345, 65025 * 9, -65025 * 9}) {
      for (int32_t m : {0, 1 << 30, (1 << 30) + 1, kMax, kMax - 1, 1518500250}) {
        in.Add(a, m, e);
      }
    }
  }
  // Exact ties. With multiplier 2^30 the high multiply of an odd a is a
  // tie, and of a = 2x it is x, so x = (2k + 1) * 2^(r - 1) makes the final
  // shift by r a tie too: where ties away from zero and ties up part, for
  // negative k. (2k + 1) * 2^r lands halfway in the exact product.
  for (int32_t r = 0; r <= 31; ++r) {
    for (int64_t k : {0, 1, 2, 5, -1, -2, -6}) {
      const int64_t half = r == 0 ? 0 : int64_t{1} << (r - 1);
      const int64_t x = (2 * k + 1) * half;
      if (2 * x >= kMin && 2 * x <= kMax) in.Add(static_cast<int32_t>(2 * x), 1 << 30, -r);
      const int64_t a = (2 * k + 1) * (int64_t{1} << r);
      if (a >= kMin && a <= kMax) in.Add(static_cast<int32_t>(a), 1 << 30, -r);
      in.Add(static_cast<int32_t>(2 * k + 1), 1 << 30, -r);
    }
  }
  std::mt19937 rng(29);
  std::uniform_int_distribution<int32_t> any(kMin, kMax);
  std::uniform_int_distribution<int32_t> small(-200000, 200000);
  std::uniform_int_distribution<int32_t> mult(1 << 30, kMax);
  std::uniform_int_distribution<int32_t> exp(-31, 30);
  std::uniform_int_distribution<int32_t> typical(-12, 0);
  for (int i = 0; i < 30000; ++i) {
    in.Add(i % 2 == 0 ? any(rng) : small(rng), mult(rng), i % 3 == 0 ? exp(rng) : typical(rng));
  }
  return in;
}

class RequantizeRowsTest : public ::testing::TestWithParam<Stage> {
 protected:
  void ExpectMatchesReference(ConvRounding rounding, int32_t offset, int32_t lo, int32_t hi) {
    const Stage& stage = GetParam();
    if (!CpuFeatures::Get().Supports(stage.isa)) GTEST_SKIP() << "the CPU lacks " << stage.name;
    const Inputs in = MakeInputs();
    RequantizeRowParams p;
    p.multipliers = in.multipliers.data();
    p.exponents = in.exponents.data();
    p.output_offset = offset;
    p.act_min = lo;
    p.act_max = hi;
    p.rounding = rounding;
    const int total = static_cast<int>(in.acc.size());
    ASSERT_TRUE(RequantizeParamsSupported(p.multipliers, p.exponents, total));
    std::vector<int32_t> want(in.acc.size());
    qs32_requantize__reference(in.acc.data(), total, p, want.data());
    // Every length from 1 to 33 (each tail of both vector widths), then all.
    for (int n = 1; n <= total; n = n < 33 ? n + 1 : total) {
      std::vector<int32_t> got(static_cast<size_t>(n) + 1, 0x5A5A5A5A);
      stage.fn(in.acc.data(), n, p, got.data());
      int reported = 0;
      for (int i = 0; i < n && reported < 10; ++i) {
        if (got[i] != want[i]) {
          ++reported;
          ADD_FAILURE() << stage.name << " n " << n << " element " << i << ": acc " << in.acc[i]
                        << " multiplier " << in.multipliers[i] << " exponent "
                        << in.exponents[i] << ": want " << want[i] << ", got " << got[i];
        }
      }
      EXPECT_EQ(got[n], 0x5A5A5A5A) << stage.name << " n " << n << ": wrote past the end";
      if (n == total) break;
    }
  }
};

TEST_P(RequantizeRowsTest, TiesUpRoundingMatchesReference) {
  ExpectMatchesReference(ConvRounding::kDoubleRoundingTiesUp, 0, kMin, kMax);
  ExpectMatchesReference(ConvRounding::kDoubleRoundingTiesUp, -5, -128, 127);
  ExpectMatchesReference(ConvRounding::kDoubleRoundingTiesUp, 200, 0, 255);
}

TEST_P(RequantizeRowsTest, DoubleRoundingMatchesReference) {
  ExpectMatchesReference(ConvRounding::kDoubleRounding, 0, kMin, kMax);
  ExpectMatchesReference(ConvRounding::kDoubleRounding, 128, 0, 255);
  ExpectMatchesReference(ConvRounding::kDoubleRounding, -128, -128, 127);
}

// The offset is added after scaling with wrapping int32 arithmetic, in the
// oracle as in the vector stages: a saturated accumulator plus an offset
// must not be undefined behaviour.
TEST(RequantizeReferenceTest, OutputOffsetWraps) {
  const int32_t acc[] = {kMax, kMin};
  const int32_t multipliers[] = {kMax, kMax};
  const int32_t exponents[] = {0, 0};
  RequantizeRowParams p;
  p.multipliers = multipliers;
  p.exponents = exponents;
  p.output_offset = 10;
  p.act_min = kMin;
  p.act_max = kMax;
  p.rounding = ConvRounding::kDoubleRoundingTiesUp;
  int32_t out[2];
  qs32_requantize__reference(acc, 2, p, out);
  // kMax * (kMax / 2^31) rounds to kMax - 1; + 10 wraps.
  EXPECT_EQ(out[0], static_cast<int32_t>(static_cast<uint32_t>(kMax - 1) + 10u));
  EXPECT_EQ(out[1], kMin + 1 + 10);
}

// The two rules by hand: 0.25 * acc with multiplier 2^30 (0.5) and
// exponent -1. -2 * 0.25 = -0.5 is a tie after the high multiply gives -1:
// ties away from zero -> -1, ties up -> 0; +2 gives 1 both ways; 3 * 0.25
// (0.75) gives 1; -6 * 0.25 = -1.5 gives -2 away, -1 up.
TEST(ConvScaleTest, TiesAwayAndTiesUpByHand) {
  const int32_t m = 1 << 30;
  EXPECT_EQ(ConvScale(-2, m, -1, ConvRounding::kDoubleRounding), -1);
  EXPECT_EQ(ConvScale(-2, m, -1, ConvRounding::kDoubleRoundingTiesUp), 0);
  EXPECT_EQ(ConvScale(2, m, -1, ConvRounding::kDoubleRounding), 1);
  EXPECT_EQ(ConvScale(2, m, -1, ConvRounding::kDoubleRoundingTiesUp), 1);
  EXPECT_EQ(ConvScale(3, m, -1, ConvRounding::kDoubleRoundingTiesUp), 1);
  EXPECT_EQ(ConvScale(-6, m, -1, ConvRounding::kDoubleRounding), -2);
  EXPECT_EQ(ConvScale(-6, m, -1, ConvRounding::kDoubleRoundingTiesUp), -1);
  // Near INT32_MAX the ties-up nudge must not wrap: the high multiply of
  // kMax by kMax is kMax - 1, and (kMax - 1 + 2) / 4 rounds to 2^29.
  EXPECT_EQ(ConvScale(kMax, kMax, -2, ConvRounding::kDoubleRoundingTiesUp), 1 << 29);
}

// The stages this build compiles (cmake drops the other CPU family's files).
std::vector<Stage> Stages() {
#if defined(__x86_64__)
  return {Stage{"avx2", Isa::kAvx2, qs32_requantize__avx2},
          Stage{"avx512", Isa::kAvx512, qs32_requantize__avx512}};
#elif defined(__aarch64__)
  return {Stage{"neon", Isa::kNeon, qs32_requantize__neon}};
#else
  return {};
#endif
}

INSTANTIATE_TEST_SUITE_P(Stages, RequantizeRowsTest, ::testing::ValuesIn(Stages()),
                         [](const ::testing::TestParamInfo<Stage>& info) {
                           return info.param.name;
                         });

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RequantizeRowsTest);

}  // namespace
}  // namespace liteforge::kernels
