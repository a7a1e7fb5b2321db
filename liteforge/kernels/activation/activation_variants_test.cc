// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every float32 activation variant the CPU runs against reference.h: clamp
// and hard_swish bit for bit (NaN, infinities, signed zeros, the clamp
// bounds themselves), logistic within the bound stated in
// activation_variants.h over the whole float range; every length up to
// three vectors plus one, so each masked tail runs, with a sentinel past
// the end.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "liteforge/kernels/activation/activation_variants.h"
#include "liteforge/kernels/activation/reference.h"

namespace liteforge::kernels {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kSentinel = 12345.0f;

std::vector<float> Inputs() {
  std::vector<float> v = {0.0f, -0.0f, 1.0f, -1.0f, 3.0f, -3.0f, 6.0f, -6.0f, 2.999999f,
                          -3.000001f, 0.5f, 1e-30f, -1e-30f, 1e-45f, 87.0f, -87.0f, 88.7f,
                          -88.7f, 89.0f, -89.0f, 100.0f, -100.0f, 1e30f, -1e30f, kInf,
                          -kInf, kNaN, std::numeric_limits<float>::max(),
                          std::numeric_limits<float>::lowest()};
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> typical(-12.0f, 12.0f);
  std::uniform_real_distribution<float> wide(-120.0f, 120.0f);
  for (int i = 0; i < 20000; ++i) v.push_back(i % 4 == 0 ? wide(rng) : typical(rng));
  return v;
}

bool SameBits(float a, float b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  uint32_t x, y;
  std::memcpy(&x, &a, 4);
  std::memcpy(&y, &b, 4);
  return x == y;
}

class F32ActivationTest : public ::testing::TestWithParam<const F32ActivationVariant*> {
 protected:
  // Runs `fast` on every prefix length up to 49 and on the whole input and
  // calls check(i, want, got) for every element.
  template <typename Fast, typename Ref, typename Check>
  void Compare(const Fast& fast, const Ref& ref, const Check& check) {
    if (!CpuFeatures::Get().Supports(GetParam()->isa)) GTEST_SKIP() << "CPU lacks the ISA";
    const std::vector<float> in = Inputs();
    std::vector<float> want(in.size());
    ref(in.data(), in.size(), want.data());
    const size_t total = in.size();
    for (size_t n = 1; n <= total; n = n < 49 ? n + 1 : total) {
      std::vector<float> got(n + 1, kSentinel);
      fast(in.data(), n, got.data());
      for (size_t i = 0; i < n; ++i) {
        if (!check(in[i], want[i], got[i])) {
          FAIL() << GetParam()->name << " n " << n << " element " << i << " (x = " << in[i]
                 << "): want " << want[i] << ", got " << got[i];
        }
      }
      ASSERT_EQ(got[n], kSentinel) << "n " << n << ": wrote past the end";
      if (n == total) break;
    }
  }
};

TEST_P(F32ActivationTest, ClampIsBitExact) {
  const auto exact = [](float, float want, float got) { return SameBits(want, got); };
  for (const auto& [lo, hi] : {std::pair{0.0f, kInf}, {0.0f, 6.0f}, {-1.0f, 1.0f}, {0.0f, 1.0f}}) {
    Compare([&](const float* x, size_t n, float* y) { GetParam()->clamp(x, n, lo, hi, y); },
            [&](const float* x, size_t n, float* y) { f32_clamp__reference(x, n, lo, hi, y); },
            exact);
  }
}

TEST_P(F32ActivationTest, HardSwishIsBitExact) {
  Compare(GetParam()->hard_swish, f32_hard_swish__reference,
          [](float, float want, float got) { return SameBits(want, got); });
}

TEST_P(F32ActivationTest, LogisticIsWithinFourEpsilons) {
  Compare(GetParam()->logistic, f32_logistic__reference, [](float x, float want, float got) {
    if (std::isnan(want) || std::isnan(got)) return std::isnan(want) && std::isnan(got);
    const float bound = 4.0f * std::numeric_limits<float>::epsilon() * std::fabs(want) +
                        (x < -kLogisticSubnormalBelow ? 1.18e-38f : 0.0f);
    // Never a subnormal: each costs a microcode assist.
    return std::fabs(got - want) <= bound && got >= 0.0f && got <= 1.0f &&
           std::fpclassify(got) != FP_SUBNORMAL;
  });
}

std::vector<const F32ActivationVariant*> AllVariants() {
  std::vector<const F32ActivationVariant*> v;
  for (const F32ActivationVariant& variant : F32ActivationVariants()) v.push_back(&variant);
  return v;
}

INSTANTIATE_TEST_SUITE_P(Variants, F32ActivationTest, ::testing::ValuesIn(AllVariants()),
                         [](const ::testing::TestParamInfo<const F32ActivationVariant*>& info) {
                           return std::string(info.param->name);
                         });

// Builds for a CPU family without variants have none to instantiate.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(F32ActivationTest);

// The ceiling is honoured: nothing above it, nothing at all for reference.
TEST(F32ActivationSelectTest, RespectsTheIsaCeiling) {
  EXPECT_EQ(SelectF32Activation(Isa::kReference), nullptr);
  for (Isa isa : {Isa::kAvx2, Isa::kAvx512}) {
    const F32ActivationVariant* v = SelectF32Activation(isa);
    if (v != nullptr) {
      EXPECT_LE(v->isa, isa);
      EXPECT_TRUE(CpuFeatures::Get().Supports(v->isa));
    }
  }
}

}  // namespace
}  // namespace liteforge::kernels
