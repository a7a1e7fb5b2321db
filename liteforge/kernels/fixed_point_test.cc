// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// fixed_point.h against double-precision math (tight tolerances over many
// points) and against exact raws computed independently (a Python model of
// the same integer algorithm) at chosen points.

#include "liteforge/kernels/fixed_point.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace liteforge::kernels::fixed_point {
namespace {

constexpr int32_t kMax32 = std::numeric_limits<int32_t>::max();
constexpr int32_t kMin32 = std::numeric_limits<int32_t>::min();

TEST(FixedPointPrimitivesTest, DoublingHighMul16) {
  EXPECT_EQ(DoublingHighMul(int16_t{-32768}, int16_t{-32768}), 32767);
  EXPECT_EQ(DoublingHighMul(int16_t{16384}, int16_t{16384}), 8192);
  // 3 * 5 * 2 / 65536 rounds to 0; -16384 * 3 * 2 / 65536 = -1.5 rounds up
  // to -1 (negative ties go toward zero), +1.5 to 2.
  EXPECT_EQ(DoublingHighMul(int16_t{3}, int16_t{5}), 0);
  EXPECT_EQ(DoublingHighMul(int16_t{-16384}, int16_t{3}), -1);
  EXPECT_EQ(DoublingHighMul(int16_t{16384}, int16_t{3}), 2);
}

TEST(FixedPointPrimitivesTest, SaturatingShiftLeftClampsAtTheThreshold) {
  // Threshold for shift 2 in int32: 2^29 - 1.
  EXPECT_EQ(SaturatingShiftLeft<int32_t>((1 << 29) - 1, 2), ((1 << 29) - 1) * 4);
  EXPECT_EQ(SaturatingShiftLeft<int32_t>(1 << 29, 2), kMax32);
  EXPECT_EQ(SaturatingShiftLeft<int32_t>(-(1 << 29) + 1, 2), (-(1 << 29) + 1) * 4);
  EXPECT_EQ(SaturatingShiftLeft<int32_t>(-(1 << 29), 2), kMin32);
  EXPECT_EQ(SaturatingShiftLeft<int16_t>(8191, 2), 32764);
  EXPECT_EQ(SaturatingShiftLeft<int16_t>(8192, 2), 32767);
  EXPECT_EQ(SaturatingShiftLeft<int16_t>(-8192, 2), -32768);
}

TEST(FixedPointPrimitivesTest, RoundingShiftAndHalfSum) {
  EXPECT_EQ(RoundingShiftRight<int32_t>(5, 1), 3);
  EXPECT_EQ(RoundingShiftRight<int32_t>(-5, 1), -3);
  EXPECT_EQ(RoundingShiftRight<int16_t>(int16_t{-6}, 2), -2);
  EXPECT_EQ(RoundingShiftRight<int16_t>(int16_t{6}, 2), 2);
  EXPECT_EQ(RoundingHalfSum<int32_t>(kMax32, kMax32), kMax32);
  EXPECT_EQ(RoundingHalfSum<int32_t>(3, 4), 4);
  EXPECT_EQ(RoundingHalfSum<int32_t>(-3, -4), -4);
  EXPECT_EQ(RoundingHalfSum<int16_t>(32767, 32767), 32767);
}

TEST(FixedPointPrimitivesTest, NarrowConstantRoundsBy16) {
  EXPECT_EQ(NarrowConstant<int32_t>(1895147668), 1895147668);
  EXPECT_EQ(NarrowConstant<int16_t>(1895147668), 28918);  // 1895147668 / 65536 = 28917.6
  EXPECT_EQ(NarrowConstant<int16_t>(242), 0);
  EXPECT_EQ(NarrowConstant<int16_t>(-1010580540), -15420);
}

TEST(FixedPointTypeTest, FormatsAndRescale) {
  using F5 = FixedPoint32<5>;
  EXPECT_EQ(F5::kFractionalBits, 26);
  EXPECT_EQ(F5::One().raw(), 1 << 26);
  EXPECT_EQ(FixedPoint32<0>::One().raw(), kMax32);
  EXPECT_EQ(FixedPoint16<0>::One().raw(), 32767);
  EXPECT_EQ(FixedPoint16<3>::One().raw(), 1 << 12);
  EXPECT_EQ(F5::PowerOfTwo<-2>().raw(), 1 << 24);
  EXPECT_DOUBLE_EQ(F5::FromDouble(-1.5).ToDouble(), -1.5);
  // 2.5 from 5 integer bits to 1: saturates just below 2.
  EXPECT_EQ(Rescale<1>(F5::FromDouble(2.5)).raw(), kMax32);
  EXPECT_DOUBLE_EQ(Rescale<7>(F5::FromDouble(2.5)).ToDouble(), 2.5);
  // Products add integer bits: 1.5 (Q2) * -0.25 (Q0) = -0.375 (Q2).
  const auto p = FixedPoint32<2>::FromDouble(1.5) * FixedPoint32<0>::FromDouble(-0.25);
  static_assert(decltype(p)::kIntegerBits == 2);
  EXPECT_DOUBLE_EQ(p.ToDouble(), -0.375);
  EXPECT_EQ(ExactMulByPot<1>(F5::FromDouble(3.0)).ToDouble(), 6.0);
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT<-1>(F5::FromRaw(3)).raw(), 2);
}

TEST(FixedPointExpTest, ExactValues) {
  EXPECT_EQ(exp_on_negative_values(FixedPoint32<5>::FromRaw(0)).raw(), kMax32);
  EXPECT_EQ(exp_on_negative_values(FixedPoint32<5>::FromRaw(-1)).raw(), 2147483124);
  EXPECT_EQ(exp_on_negative_values(FixedPoint32<5>::FromRaw(-(1 << 26))).raw(), 790015308);
  EXPECT_EQ(exp_on_negative_values(FixedPoint32<5>::FromRaw(-(1 << 25))).raw(), 1302515042);
  EXPECT_EQ(exp_on_negative_values(FixedPoint32<5>::FromRaw(-123456789)).raw(), 341177383);
  EXPECT_EQ(exp_on_negative_values(FixedPoint32<5>::FromRaw(kMin32)).raw(), 0);
  EXPECT_EQ(exp_on_negative_values(FixedPoint32<0>::FromRaw(-(1 << 29))).raw(), 1672462419);
  EXPECT_EQ(exp_on_negative_values(FixedPoint32<0>::FromRaw(kMin32 + 1)).raw(), 790015308);
  EXPECT_EQ(exp_on_negative_values(FixedPoint16<3>::FromRaw(-4096)).raw(), 12055);
  EXPECT_EQ(exp_on_negative_values(FixedPoint16<0>::FromRaw(-16384)).raw(), 19875);
}

template <int kIntBits>
void CheckExpAgainstDouble(double tolerance) {
  using F = FixedPoint32<kIntBits>;
  const double lo = -std::ldexp(1.0, kIntBits);
  for (int i = 0; i <= 4000; ++i) {
    const double x = lo * i / 4000.0;
    const F in = F::FromDouble(x);
    const double got = exp_on_negative_values(in).ToDouble();
    ASSERT_NEAR(got, std::exp(in.ToDouble()), tolerance) << "x=" << x;
  }
}

TEST(FixedPointExpTest, MatchesDoubleOnManyPoints) {
  CheckExpAgainstDouble<0>(1e-6);
  CheckExpAgainstDouble<3>(1e-6);
  CheckExpAgainstDouble<5>(1e-6);
  CheckExpAgainstDouble<6>(1e-6);  // includes the flush below -32
  CheckExpAgainstDouble<12>(1e-6);
}

TEST(FixedPointExpTest, Int16MatchesDouble) {
  for (int raw = -32768; raw <= 0; raw += 7) {
    const auto in = FixedPoint16<3>::FromRaw(static_cast<int16_t>(raw));
    ASSERT_NEAR(exp_on_negative_values(in).ToDouble(), std::exp(in.ToDouble()), 3.5e-4)
        << raw;
  }
}

TEST(FixedPointReciprocalTest, ExactValues) {
  using F0 = FixedPoint32<0>;
  EXPECT_EQ(one_over_one_plus_x_for_x_in_0_1(F0::FromRaw(0)).raw(), kMax32);
  EXPECT_EQ(one_over_one_plus_x_for_x_in_0_1(F0::FromRaw(1 << 30)).raw(), 1431655762);
  EXPECT_EQ(one_over_one_plus_x_for_x_in_0_1(F0::FromRaw(kMax32)).raw(), 1073741820);
  EXPECT_EQ(one_over_one_plus_x_for_x_in_0_1(F0::FromRaw(123456789)).raw(), 2030738432);
  EXPECT_EQ(one_minus_x_over_one_plus_x_for_x_in_0_1(F0::FromRaw(1 << 30)).raw(), 715827876);
  EXPECT_EQ(one_minus_x_over_one_plus_x_for_x_in_0_1(F0::FromRaw(123456789)).raw(), 1913993216);
}

TEST(FixedPointReciprocalTest, MatchesDoubleOnManyPoints) {
  using F0 = FixedPoint32<0>;
  for (int i = 0; i < 5000; ++i) {
    const F0 a = F0::FromDouble(i / 5000.0);
    ASSERT_NEAR(one_over_one_plus_x_for_x_in_0_1(a).ToDouble(), 1.0 / (1.0 + a.ToDouble()), 2e-8);
    ASSERT_NEAR(one_minus_x_over_one_plus_x_for_x_in_0_1(a).ToDouble(),
                (1.0 - a.ToDouble()) / (1.0 + a.ToDouble()), 2e-8);
  }
}

TEST(FixedPointLogisticTanhTest, ExactValues) {
  using F4 = FixedPoint32<4>;
  EXPECT_EQ(logistic(F4::FromRaw(0)).raw(), 1 << 30);
  EXPECT_EQ(tanh(F4::FromRaw(0)).raw(), 0);
  EXPECT_EQ(logistic(F4::FromRaw(123456789)).raw(), 1535464548);
  EXPECT_EQ(logistic(F4::FromRaw(-123456789)).raw(), 612019099);
  EXPECT_EQ(tanh(F4::FromRaw(123456789)).raw(), 1558674772);
  EXPECT_EQ(tanh(F4::FromRaw(-123456789)).raw(), -1558674772);
  EXPECT_EQ(logistic(F4::FromRaw(kMax32)).raw(), 2147483406);
  EXPECT_EQ(logistic(F4::FromRaw(kMin32)).raw(), 241);
  EXPECT_EQ(tanh(F4::FromRaw(kMax32)).raw(), kMax32);
  EXPECT_EQ(tanh(F4::FromRaw(kMin32)).raw(), -kMax32);
  EXPECT_EQ(logistic(FixedPoint32<0>::FromRaw(1 << 30)).raw(), 1336721090);
  EXPECT_EQ(tanh(FixedPoint32<0>::FromRaw(1 << 30)).raw(), 992388804);
  EXPECT_EQ(logistic(FixedPoint32<2>::FromRaw(-5000000)).raw(), 1068741773);
  EXPECT_EQ(tanh(FixedPoint32<2>::FromRaw(-5000000)).raw(), -19999528);
  EXPECT_EQ(logistic(FixedPoint32<6>::FromRaw(1 << 27)).raw(), 2108858542);
  EXPECT_EQ(tanh(FixedPoint32<6>::FromRaw(1 << 27)).raw(), 2146043336);
  // int16, as the integer LSTM uses them.
  EXPECT_EQ(logistic(FixedPoint16<3>::FromRaw(4096)).raw(), 23952);
  EXPECT_EQ(tanh(FixedPoint16<3>::FromRaw(4096)).raw(), 24964);
  EXPECT_EQ(logistic(FixedPoint16<3>::FromRaw(-20000)).raw(), 243);
  EXPECT_EQ(tanh(FixedPoint16<3>::FromRaw(-20000)).raw(), -32767);
  EXPECT_EQ(logistic(FixedPoint16<0>::FromRaw(16384)).raw(), 20400);
  EXPECT_EQ(logistic(FixedPoint16<0>::FromRaw(-16384)).raw(), 12367);
  EXPECT_EQ(tanh(FixedPoint16<0>::FromRaw(-16384)).raw(), -15136);
  EXPECT_EQ(logistic(FixedPoint16<3>::FromRaw(0)).raw(), 16384);
}

TEST(FixedPointLogisticTanhTest, MatchesDoubleOnManyPoints) {
  using F4 = FixedPoint32<4>;
  for (int i = -4000; i <= 4000; ++i) {
    const F4 a = F4::FromDouble(i * 16.0 / 4000.0);
    const double x = a.ToDouble();
    ASSERT_NEAR(logistic(a).ToDouble(), 1.0 / (1.0 + std::exp(-x)), 3e-7) << x;
    ASSERT_NEAR(tanh(a).ToDouble(), std::tanh(x), 6e-7) << x;
  }
  for (int raw = -32768; raw <= 32767; raw += 3) {
    const auto a = FixedPoint16<3>::FromRaw(static_cast<int16_t>(raw));
    const double x = a.ToDouble();
    ASSERT_NEAR(logistic(a).ToDouble(), 1.0 / (1.0 + std::exp(-x)), 4e-4) << raw;
    ASSERT_NEAR(tanh(a).ToDouble(), std::tanh(x), 8e-4) << raw;
  }
}

TEST(FixedPointHelpersTest, GetReciprocal) {
  int bits = 0;
  EXPECT_EQ(GetReciprocal(4096, 12, &bits), kMax32);
  EXPECT_EQ(bits, -7);
  EXPECT_EQ(GetReciprocal(3 << 20, 12, &bits), 1431655762);
  EXPECT_EQ(bits, 2);
  EXPECT_EQ(GetReciprocal(12345678, 12, &bits), 1459166394);
  EXPECT_EQ(bits, 4);
  // The decoded value is 1/x for x with 12 integer bits (19 fraction bits).
  for (int32_t x : {1 << 19, 777777, 5 << 19, 123456789, kMax32}) {
    const int32_t s = GetReciprocal(x, 12, &bits);
    const double value = std::ldexp(static_cast<double>(s), -31 - bits);
    const double expected = 1.0 / std::ldexp(static_cast<double>(x), -19);
    EXPECT_NEAR(value / expected, 1.0, 1e-8) << x;
  }
}

TEST(FixedPointHelpersTest, GetInvSqrtQuantizedMultiplierExp) {
  struct Case {
    int32_t input;
    int32_t multiplier;
    int shift;
  };
  for (const Case& c : {Case{0, kMax32, 0}, Case{1, kMax32, 0}, Case{2, 1518498372, 0},
                        Case{4, 1073741828, 0}, Case{100, 214748363, 0},
                        Case{65536, 268435457, -5}, Case{123456789, 197912100, -10},
                        Case{kMax32, 189812531, -12}, Case{1 << 28, 268435457, -11}}) {
    int32_t m = 0;
    int shift = 0;
    GetInvSqrtQuantizedMultiplierExp(c.input, -1, &m, &shift);
    EXPECT_EQ(m, c.multiplier) << c.input;
    EXPECT_EQ(shift, c.shift) << c.input;
  }
  // Decoded: m * 2^(shift - 31) ~= 1/sqrt(input).
  for (int32_t input : {3, 17, 1000, 99999, 1 << 20, 987654321}) {
    int32_t m = 0;
    int shift = 0;
    GetInvSqrtQuantizedMultiplierExp(input, -1, &m, &shift);
    const double value = std::ldexp(static_cast<double>(m), shift - 31);
    EXPECT_NEAR(value * std::sqrt(static_cast<double>(input)), 1.0, 1e-6) << input;
  }
  int32_t m = 0;
  int shift = 0;
  GetInvSqrtQuantizedMultiplierExp(65536, 1, &m, &shift);
  EXPECT_EQ(shift, 5);
}

}  // namespace
}  // namespace liteforge::kernels::fixed_point
