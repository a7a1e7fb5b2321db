// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every elementwise SIMD variant (variants.inc) against the broadcasting
// reference kernels, bit for bit: 8-bit quantized ADD and MUL with
// MobileNet-like and extreme scales and zero points and fused activation
// ranges, float32 ADD and MUL with every activation and IEEE specials.
// Same-shape rows, a scalar on either side and broadcasts of contiguous
// rows run through RunBinaryVariant at lengths around the vector widths,
// whole and split into ranges that cut rows. Data is random from a fixed
// seed, with each dtype's extremes at both ends. One test instance per ISA;
// an ISA the CPU lacks is skipped.

#include "liteforge/kernels/elementwise/elementwise_variants.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "liteforge/kernels/elementwise/reference.h"

namespace liteforge::kernels::elementwise {
namespace {

constexpr size_t kLengths[] = {0, 1, 15, 16, 17, 63, 64, 65, 1003};

template <typename V>
const V* FindVariant(std::span<const V> variants, Isa isa) {
  for (const V& v : variants) {
    if (v.isa == isa) return &v;
  }
  return nullptr;
}

// Random bytes with the dtype's minimum and maximum at both ends.
template <typename T>
std::vector<T> RandomBytes(size_t n, std::mt19937& rng) {
  std::uniform_int_distribution<int> dist(std::numeric_limits<T>::min(),
                                          std::numeric_limits<T>::max());
  std::vector<T> v(n);
  for (T& x : v) x = static_cast<T>(dist(rng));
  const T extremes[] = {std::numeric_limits<T>::min(), std::numeric_limits<T>::max()};
  for (size_t i = 0; i < n && i < 2; ++i) v[i] = extremes[i];
  for (size_t i = 0; i < n && i < 2; ++i) v[n - 1 - i] = extremes[i];
  return v;
}

BroadcastPlan Plan(const Shape& a, const Shape& b) {
  Result<BroadcastPlan> plan = MakeBroadcastPlan({&a, &b});
  EXPECT_TRUE(plan.ok());
  return plan.ok() ? *plan : BroadcastPlan{};
}

int64_t Elements(const Shape& s) { return s.NumElements(); }

// The shape pairs each case runs: same shape, scalar on the right and on the
// left (as rank 0 and as [1]), and broadcasts whose innermost rows are
// contiguous or scalar.
std::vector<std::pair<Shape, Shape>> ShapePairs(int32_t n) {
  return {
      {Shape{n}, Shape{n}},
      {Shape{n}, Shape{}},
      {Shape{1}, Shape{n}},
      {Shape{3, n}, Shape{n}},
      {Shape{n}, Shape{2, 3, n}},
      {Shape{2, 1, n}, Shape{1, 3, n}},
      {Shape{n, 1}, Shape{1, 3}},
      {Shape{3, 1}, Shape{3, n}},
  };
}

// Runs `v` over the plan whole and in three ranges cutting rows, and
// checks both against `expected`.
template <typename T, typename Params>
void ExpectVariantMatches(const BinaryVariant<T, Params>& v, const BroadcastPlan& plan,
                          const std::vector<T>& a, const std::vector<T>& b, const Params& p,
                          const std::vector<T>& expected) {
  const int64_t total = plan.num_elements;
  std::vector<T> whole(static_cast<size_t>(total));
  RunBinaryVariant(v, plan, a.data(), b.data(), whole.data(), p, SwapInputs(p), 0, total);
  std::vector<T> pieces(static_cast<size_t>(total));
  const int64_t cut1 = total / 3, cut2 = total - total / 5;
  RunBinaryVariant(v, plan, a.data(), b.data(), pieces.data(), p, SwapInputs(p), 0, cut1);
  RunBinaryVariant(v, plan, a.data(), b.data(), pieces.data(), p, SwapInputs(p), cut1, cut2);
  RunBinaryVariant(v, plan, a.data(), b.data(), pieces.data(), p, SwapInputs(p), cut2, total);
  for (int64_t i = 0; i < total; ++i) {
    const size_t k = static_cast<size_t>(i);
    ASSERT_EQ(0, std::memcmp(&whole[k], &expected[k], sizeof(T)))
        << "element " << i << " of " << total << ": got " << +whole[k] << ", expected "
        << +expected[k];
    ASSERT_EQ(0, std::memcmp(&pieces[k], &expected[k], sizeof(T))) << "split run, element " << i;
  }
}

class ElementwiseVariantsTest : public ::testing::TestWithParam<Isa> {
 protected:
  void SetUp() override {
    if (!CpuFeatures::Get().Supports(GetParam())) {
      GTEST_SKIP() << "the CPU lacks " << IsaName(GetParam());
    }
  }
};

// ---------------------------------------------------------------------------
// Quantized ADD

struct AddCase {
  QuantOperand a, b, out;
};

// Scales and zero points for int8; uint8 shifts the zero points by 128.
const AddCase kAddCases[] = {
    {{0.0235f, -1}, {0.0183f, 5}, {0.0301f, -3}},  // MobileNetV2 residual-like
    {{0.5f, 0}, {0.5f, 0}, {1.0f, 0}},             // equal scales
    {{0.00392f, -128}, {0.1f, 20}, {0.1f, -5}},    // very different inputs
    {{0.02f, 127}, {0.03f, -128}, {0.011f, 100}},  // extreme zero points
    {{0.0471f, 12}, {0.0471f, 12}, {0.09f, -128}}, // same input twice
};

// Activation ranges on an output zero point: none, RELU, RELU6-like and
// a narrow one.
std::vector<std::pair<int32_t, int32_t>> ActRanges(int32_t zp, int32_t lo, int32_t hi) {
  return {{lo, hi},
          {std::max(lo, zp), hi},
          {std::max(lo, zp), std::min(hi, zp + 60)},
          {std::max(lo, zp - 10), std::min(hi, zp + 20)}};
}

template <typename T, typename RefFn>
void CheckQuantAdd(const BinaryVariant<T, QuantAddParams>& v, RefFn reference) {
  constexpr bool kSigned = std::is_signed_v<T>;
  constexpr int32_t kLo = std::numeric_limits<T>::min(), kHi = std::numeric_limits<T>::max();
  std::mt19937 rng(1234);
  for (const AddCase& base : kAddCases) {
    AddCase c = base;
    if (!kSigned) {
      c.a.zero_point += 128;
      c.b.zero_point += 128;
      c.out.zero_point += 128;
    }
    for (const auto& [act_min, act_max] : ActRanges(c.out.zero_point, kLo, kHi)) {
      Result<QuantAddParams> made = MakeQuantAddParams(c.a, c.b, c.out, 20, false, act_min,
                                                       act_max);
      ASSERT_TRUE(made.ok());
      const QuantAddParams& p = *made;
      ASSERT_TRUE(QuantAddVectorizable(p));
      const QuantAdd8Tables tables = MakeQuantAdd8Tables(p, kSigned);
      for (size_t n : kLengths) {
        for (const auto& [sa, sb] : ShapePairs(static_cast<int32_t>(n))) {
          SCOPED_TRACE("scales " + std::to_string(c.a.scale) + "/" + std::to_string(c.b.scale) +
                       "/" + std::to_string(c.out.scale) + " act [" + std::to_string(act_min) +
                       ", " + std::to_string(act_max) + "] shapes " + sa.ToString() + " + " +
                       sb.ToString());
          const BroadcastPlan plan = Plan(sa, sb);
          ASSERT_TRUE(BinaryPlanVectorizable(plan));
          const auto a = RandomBytes<T>(static_cast<size_t>(Elements(sa)), rng);
          const auto b = RandomBytes<T>(static_cast<size_t>(Elements(sb)), rng);
          std::vector<T> expected(static_cast<size_t>(plan.num_elements));
          reference(plan, a.data(), b.data(), expected.data(), p, tables);
          ExpectVariantMatches(v, plan, a, b, p, expected);
        }
      }
    }
  }
}

TEST_P(ElementwiseVariantsTest, Qs8AddMatchesReference) {
  const Qs8AddVariant* v = FindVariant(Qs8AddVariants(), GetParam());
  if (v == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  CheckQuantAdd(*v, qs8_add__reference);
}

TEST_P(ElementwiseVariantsTest, Qu8AddMatchesReference) {
  const Qu8AddVariant* v = FindVariant(Qu8AddVariants(), GetParam());
  if (v == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  CheckQuantAdd(*v, qu8_add__reference);
}

// Every pair of bytes, one full sweep: the rescaling tables of ADD and
// the products of MUL see all 65536 combinations.
TEST_P(ElementwiseVariantsTest, Qs8AddAndMulEveryBytePair) {
  const Qs8AddVariant* add = FindVariant(Qs8AddVariants(), GetParam());
  const Qs8MulVariant* mul = FindVariant(Qs8MulVariants(), GetParam());
  if (add == nullptr || mul == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  std::vector<int8_t> a(65536), b(65536);
  for (int i = 0; i < 65536; ++i) {
    a[static_cast<size_t>(i)] = static_cast<int8_t>(i & 0xFF);
    b[static_cast<size_t>(i)] = static_cast<int8_t>(i >> 8);
  }
  const BroadcastPlan plan = Plan(Shape{65536}, Shape{65536});
  std::vector<int8_t> expected(65536);
  const QuantAddParams pa =
      *MakeQuantAddParams({0.0235f, -1}, {0.0183f, 5}, {0.0301f, -3}, 20, false, -128, 127);
  qs8_add__reference(plan, a.data(), b.data(), expected.data(), pa, MakeQuantAdd8Tables(pa, true));
  ExpectVariantMatches(*add, plan, a, b, pa, expected);
  const QuantMulParams pm = MakeQuantMulParams({0.5f, 3}, {0.25f, -7}, {0.01f, 2}, -128, 127);
  qs8_mul__reference(plan, a.data(), b.data(), expected.data(), pm);
  ExpectVariantMatches(*mul, plan, a, b, pm, expected);
}

// ---------------------------------------------------------------------------
// Quantized MUL

// Real multipliers sa * sb / so from about 1e-5 to 1e3, so exponents run
// from well below zero to positive (a left shift before the high multiply).
const AddCase kMulCases[] = {
    {{0.0235f, -1}, {0.0183f, 5}, {0.0301f, -3}},
    {{0.5f, 3}, {0.25f, -7}, {0.01f, 2}},
    {{0.1f, 0}, {0.1f, 0}, {0.0001f, 0}},
    {{0.003f, -128}, {0.004f, 127}, {0.9f, 0}},
    {{0.00392f, -128}, {0.00392f, -128}, {0.00392f, -128}},
};

template <typename T, typename RefFn>
void CheckQuantMul(const BinaryVariant<T, QuantMulParams>& v, RefFn reference) {
  constexpr bool kSigned = std::is_signed_v<T>;
  constexpr int32_t kLo = std::numeric_limits<T>::min(), kHi = std::numeric_limits<T>::max();
  std::mt19937 rng(5678);
  for (const AddCase& base : kMulCases) {
    AddCase c = base;
    if (!kSigned) {
      c.a.zero_point += 128;
      c.b.zero_point += 128;
      c.out.zero_point += 128;
    }
    for (const auto& [act_min, act_max] : ActRanges(c.out.zero_point, kLo, kHi)) {
      const QuantMulParams p = MakeQuantMulParams(c.a, c.b, c.out, act_min, act_max);
      ASSERT_TRUE(QuantMulVectorizable(p));
      for (size_t n : kLengths) {
        for (const auto& [sa, sb] : ShapePairs(static_cast<int32_t>(n))) {
          SCOPED_TRACE("multiplier " + std::to_string(p.output_multiplier) + " exponent " +
                       std::to_string(p.output_shift) + " act [" + std::to_string(act_min) +
                       ", " + std::to_string(act_max) + "] shapes " + sa.ToString() + " + " +
                       sb.ToString());
          const BroadcastPlan plan = Plan(sa, sb);
          const auto a = RandomBytes<T>(static_cast<size_t>(Elements(sa)), rng);
          const auto b = RandomBytes<T>(static_cast<size_t>(Elements(sb)), rng);
          std::vector<T> expected(static_cast<size_t>(plan.num_elements));
          reference(plan, a.data(), b.data(), expected.data(), p);
          ExpectVariantMatches(v, plan, a, b, p, expected);
        }
      }
    }
  }
}

TEST_P(ElementwiseVariantsTest, Qs8MulMatchesReference) {
  const Qs8MulVariant* v = FindVariant(Qs8MulVariants(), GetParam());
  if (v == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  CheckQuantMul(*v, qs8_mul__reference);
}

TEST_P(ElementwiseVariantsTest, Qu8MulMatchesReference) {
  const Qu8MulVariant* v = FindVariant(Qu8MulVariants(), GetParam());
  if (v == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  CheckQuantMul(*v, qu8_mul__reference);
}

// ---------------------------------------------------------------------------
// float32 ADD and MUL

// Random values with IEEE specials. NaNs go only into `a`, so no element
// combines two NaNs (whose payload choice is the instruction's, not the
// arithmetic's).
std::vector<float> RandomFloats(size_t n, std::mt19937& rng, bool with_nan) {
  std::uniform_real_distribution<float> dist(-10.f, 10.f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  constexpr float kInf = std::numeric_limits<float>::infinity();
  const float specials[] = {0.f,   -0.f,  kInf, -kInf, std::numeric_limits<float>::max(),
                            -3e38f, 1e-40f, 6.f,  -1.f,  std::numeric_limits<float>::quiet_NaN()};
  const size_t count = with_nan ? std::size(specials) : std::size(specials) - 1;
  for (size_t i = 0; i < count && 3 * i < n; ++i) v[3 * i] = specials[i];
  return v;
}

template <typename RefFn>
void CheckF32(const BinaryVariant<float, Bounds<float>>& v, RefFn reference) {
  std::mt19937 rng(91011);
  for (int act = 0; act <= 3; ++act) {
    const Bounds<float> bounds = ActivationBounds<float>(act);
    for (size_t n : kLengths) {
      for (const auto& [sa, sb] : ShapePairs(static_cast<int32_t>(n))) {
        SCOPED_TRACE("activation " + std::to_string(act) + " shapes " + sa.ToString() + " + " +
                     sb.ToString());
        const BroadcastPlan plan = Plan(sa, sb);
        const auto a = RandomFloats(static_cast<size_t>(Elements(sa)), rng, true);
        const auto b = RandomFloats(static_cast<size_t>(Elements(sb)), rng, false);
        std::vector<float> expected(static_cast<size_t>(plan.num_elements));
        reference(plan, a.data(), b.data(), expected.data(), bounds.lo, bounds.hi);
        ExpectVariantMatches(v, plan, a, b, bounds, expected);
      }
    }
  }
}

TEST_P(ElementwiseVariantsTest, F32AddMatchesReference) {
  const F32AddVariant* v = FindVariant(F32AddVariants(), GetParam());
  if (v == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  CheckF32(*v, f32_add__reference);
}

TEST_P(ElementwiseVariantsTest, F32MulMatchesReference) {
  const F32MulVariant* v = FindVariant(F32MulVariants(), GetParam());
  if (v == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  CheckF32(*v, f32_mul__reference);
}

// Zero-length rows must not touch their (here null) operands.
TEST_P(ElementwiseVariantsTest, EmptyRowsReadNothing) {
  const Qs8AddVariant* add = FindVariant(Qs8AddVariants(), GetParam());
  const F32MulVariant* mul = FindVariant(F32MulVariants(), GetParam());
  if (add == nullptr || mul == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  const QuantAddParams p =
      *MakeQuantAddParams({0.5f, 0}, {0.5f, 0}, {1.0f, 0}, 20, false, -128, 127);
  add->vector(0, nullptr, nullptr, nullptr, p);
  add->scalar(0, nullptr, nullptr, nullptr, p);
  mul->vector(0, nullptr, nullptr, nullptr, Bounds<float>{-1.f, 1.f});
  mul->scalar(0, nullptr, nullptr, nullptr, Bounds<float>{-1.f, 1.f});
}

// ---------------------------------------------------------------------------
// Selection

TEST(ElementwiseVariantSelection, ReferenceCeilingSelectsNothing) {
  EXPECT_EQ(SelectQs8Add(Isa::kReference), nullptr);
  EXPECT_EQ(SelectQu8Mul(Isa::kReference), nullptr);
  EXPECT_EQ(SelectF32Add(Isa::kReference), nullptr);
}

TEST(ElementwiseVariantSelection, RespectsTheCeiling) {
  for (Isa ceiling : {Isa::kAvx2, Isa::kAvx512, Isa::kAvx512Vnni}) {
    const Qs8AddVariant* v = SelectQs8Add(ceiling);
    if (v == nullptr) continue;
    EXPECT_LE(static_cast<int>(v->isa), static_cast<int>(ceiling)) << v->name;
    EXPECT_TRUE(CpuFeatures::Get().Supports(v->isa)) << v->name;
  }
}

TEST(ElementwiseVariantSelection, UnusualParametersAreNotVectorized) {
  QuantAddParams add =
      *MakeQuantAddParams({0.5f, 0}, {0.5f, 0}, {1.0f, 0}, 20, false, -128, 127);
  EXPECT_TRUE(QuantAddVectorizable(add));
  add.output_shift = 1;  // ScaleBelowOne's shift wrap-around: reference only
  EXPECT_FALSE(QuantAddVectorizable(add));
  add.output_shift = 0;
  add.left_shift = 15;
  EXPECT_FALSE(QuantAddVectorizable(add));
  QuantMulParams mul = MakeQuantMulParams({0.5f, 0}, {0.5f, 0}, {1.0f, 0}, -128, 127);
  EXPECT_TRUE(QuantMulVectorizable(mul));
  mul.input1_offset = 300;
  EXPECT_FALSE(QuantMulVectorizable(mul));
  // Size-1 dims are dropped from plans, so the innermost dim of a
  // two-operand plan always has strides 0 or 1: every broadcast vectorizes.
  EXPECT_TRUE(BinaryPlanVectorizable(Plan(Shape{4, 3, 1}, Shape{3, 1})));
  EXPECT_TRUE(BinaryPlanVectorizable(Plan(Shape{4, 1, 5}, Shape{1, 3, 1})));
}

INSTANTIATE_TEST_SUITE_P(Isas, ElementwiseVariantsTest,
                         ::testing::Values(Isa::kAvx512, Isa::kAvx2, Isa::kNeon),
                         [](const ::testing::TestParamInfo<Isa>& info) {
                           return std::string(IsaName(info.param));
                         });

}  // namespace
}  // namespace liteforge::kernels::elementwise
