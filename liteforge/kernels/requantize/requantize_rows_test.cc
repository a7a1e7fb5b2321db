// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The vector output stages against the scalar oracle: random accumulators,
// the int32 extremes, exact ties at every right shift, every exponent the
// vector path accepts, both rounding rules.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/quant_math.h"
#include "liteforge/kernels/requantize/requantize_rows.h"
#include "liteforge/kernels/requantize/shift_split.h"

namespace liteforge::kernels {
namespace {

struct Case {
  std::vector<int32_t> acc, multipliers, exponents;
};

Case MakeCase(uint32_t seed) {
  std::mt19937 rng(seed);
  Case c;
  const int32_t kMin = std::numeric_limits<int32_t>::min();
  const int32_t kMax = std::numeric_limits<int32_t>::max();
  for (int e = -31; e <= 30; ++e) {
    // Ties: accumulators whose scaled value sits exactly halfway.
    for (int32_t acc : {kMin, kMax, 0, 1, -1, 3, -3, 1 << 20, -(1 << 20), 12345, -12345}) {
      for (int32_t m : {1 << 30, (1 << 30) + 1, kMax, 1518500250, 0}) {
        c.acc.push_back(acc);
        c.multipliers.push_back(m);
        c.exponents.push_back(e);
      }
    }
  }
  std::uniform_int_distribution<int32_t> any(kMin, kMax);
  std::uniform_int_distribution<int32_t> small(-100000, 100000);
  std::uniform_int_distribution<int32_t> mult(1 << 30, kMax);
  std::uniform_int_distribution<int32_t> exp(-31, 30);
  for (int i = 0; i < 20000; ++i) {
    c.acc.push_back(i % 2 == 0 ? any(rng) : small(rng));
    c.multipliers.push_back(mult(rng));
    c.exponents.push_back(i % 3 == 0 ? exp(rng) : -(i % 12));
  }
  // A length that leaves a masked tail.
  c.acc.push_back(7);
  c.multipliers.push_back(1 << 30);
  c.exponents.push_back(-1);
  return c;
}

void ExpectSame(void (*fast)(const int32_t*, int, const RequantizeRowParams&, int32_t*),
                ConvRounding rounding, int32_t offset, int32_t lo, int32_t hi) {
  const Case c = MakeCase(17);
  ASSERT_TRUE(RequantizeParamsSupported(c.multipliers.data(), c.exponents.data(),
                                        static_cast<int>(c.acc.size())));
  RequantizeRowParams p;
  p.multipliers = c.multipliers.data();
  p.exponents = c.exponents.data();
  p.output_offset = offset;
  p.act_min = lo;
  p.act_max = hi;
  p.rounding = rounding;
  const int n = static_cast<int>(c.acc.size());
  std::vector<int32_t> want(c.acc.size()), got(c.acc.size(), 0x5a5a5a5a);
  qs32_requantize__reference(c.acc.data(), n, p, want.data());
  fast(c.acc.data(), n, p, got.data());
  int mismatches = 0;
  for (int i = 0; i < n && mismatches < 10; ++i) {
    if (want[i] != got[i]) {
      ++mismatches;
      ADD_FAILURE() << "element " << i << ": acc " << c.acc[i] << " multiplier "
                    << c.multipliers[i] << " exponent " << c.exponents[i] << ": want "
                    << want[i] << ", got " << got[i];
    }
  }
}

TEST(RequantizeRowsTest, Avx512SingleRoundingMatchesScalar) {
  if (!CpuFeatures::Get().Supports(Isa::kAvx512)) GTEST_SKIP() << "no AVX-512 on this CPU";
  ExpectSame(qs32_requantize__avx512, ConvRounding::kSingleRounding, 0,
             std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
  ExpectSame(qs32_requantize__avx512, ConvRounding::kSingleRounding, -5, -128, 127);
}

TEST(RequantizeRowsTest, Avx512DoubleRoundingMatchesScalar) {
  if (!CpuFeatures::Get().Supports(Isa::kAvx512)) GTEST_SKIP() << "no AVX-512 on this CPU";
  ExpectSame(qs32_requantize__avx512, ConvRounding::kDoubleRounding, 0,
             std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
  ExpectSame(qs32_requantize__avx512, ConvRounding::kDoubleRounding, 128, 0, 255);
}

}  // namespace
}  // namespace liteforge::kernels
