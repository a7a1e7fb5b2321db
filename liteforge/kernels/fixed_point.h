// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Fixed-point numbers and the transcendental functions TensorFlow Lite's
// integer kernels compute with them (softmax, logistic, tanh, L2 norm, the
// integer LSTM). The arithmetic is the "gemmlowp" fixed-point model that
// TFLite builds on, reproduced here bit for bit because integer outputs must
// match TFLite exactly:
//
//   FixedPoint<Raw, kIntegerBits> holds raw / 2^kFractionalBits, where Raw is
//   int32_t or int16_t and kFractionalBits = bits(Raw) - 1 - kIntegerBits.
//   Multiplying two values is a saturating rounding doubling high multiply
//   of the raws, and the integer bits of the operands add up. Addition and
//   subtraction wrap (the algorithms below never overflow on valid inputs).
//
// Constants are written as Q0.31-style int32 raws, the way the algorithms
// were designed; for int16 they are narrowed with a rounding shift by 16,
// which is how the 16-bit variants get their (slightly different) values.
//
// Everything is scalar, branch-based and header-only; SIMD kernels that need
// these functions must stay bit-exact with them.

#pragma once

#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels::fixed_point {

// ---------------------------------------------------------------------------
// Raw integer primitives (int32_t and int16_t).

template <typename Raw>
inline constexpr int kRawBits = static_cast<int>(8 * sizeof(Raw));

template <typename Raw>
concept FixedPointRaw = std::is_same_v<Raw, int32_t> || std::is_same_v<Raw, int16_t>;

// Two's complement wrap-around add, subtract and negate. Written through the
// unsigned type so overflow is defined behaviour.
template <FixedPointRaw Raw>
inline Raw WrappingAdd(Raw a, Raw b) {
  using U = std::make_unsigned_t<Raw>;
  return static_cast<Raw>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
}
template <FixedPointRaw Raw>
inline Raw WrappingSub(Raw a, Raw b) {
  using U = std::make_unsigned_t<Raw>;
  return static_cast<Raw>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b)));
}
template <FixedPointRaw Raw>
inline Raw WrappingNeg(Raw a) {
  return WrappingSub<Raw>(Raw{0}, a);
}

// Clamped add of two int16 values.
inline int16_t SaturatingAdd16(int16_t a, int16_t b) {
  const int32_t s = int32_t{a} + int32_t{b};
  return static_cast<int16_t>(s > 32767 ? 32767 : (s < -32768 ? -32768 : s));
}

// (a + b) / 2 computed in a wider type, ties rounded away from zero.
template <FixedPointRaw Raw>
inline Raw RoundingHalfSum(Raw a, Raw b) {
  const int64_t sum = int64_t{a} + int64_t{b};
  return static_cast<Raw>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

// Round-to-nearest high half of 2*a*b; -1 * -1 saturates to the max value.
inline int32_t DoublingHighMul(int32_t a, int32_t b) {
  return SaturatingRoundingDoublingHighMul(a, b);
}
inline int16_t DoublingHighMul(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) {
    return std::numeric_limits<int16_t>::max();
  }
  const int32_t product = int32_t{a} * int32_t{b};
  const int32_t nudge = product >= 0 ? (1 << 14) : (1 - (1 << 14));
  // C++ division truncates toward zero, which together with the signed
  // nudge rounds to nearest.
  return static_cast<int16_t>((product + nudge) / (1 << 15));
}

// x / 2^shift rounded to nearest, ties away from zero. shift in [0, 31].
template <FixedPointRaw Raw>
inline Raw RoundingShiftRight(Raw x, int shift) {
  if constexpr (std::is_same_v<Raw, int32_t>) {
    return RoundingDivideByPOT(x, shift);
  } else {
    // The int16 result equals the int32 computation on the widened value.
    return static_cast<Raw>(RoundingDivideByPOT(int32_t{x}, shift));
  }
}

// x * 2^shift for shift > 0, clamped to the range of Raw. The overflow test
// is TFLite's: |x| must not exceed 2^(bits - 1 - shift) - 1.
template <FixedPointRaw Raw>
inline Raw SaturatingShiftLeft(Raw x, int shift) {
  const int32_t limit = static_cast<int32_t>((int64_t{1} << (kRawBits<Raw> - 1 - shift)) - 1);
  if (x > limit) return std::numeric_limits<Raw>::max();
  if (x < -limit) return std::numeric_limits<Raw>::min();
  using U = std::make_unsigned_t<Raw>;
  return static_cast<Raw>(static_cast<U>(static_cast<U>(x) << shift));
}

// x * 2^exponent: saturating for exponent > 0, rounding for exponent < 0.
template <FixedPointRaw Raw>
inline Raw SaturatingRoundingMulByPOT(Raw x, int exponent) {
  if (exponent > 0) return SaturatingShiftLeft(x, exponent);
  if (exponent < 0) return RoundingShiftRight(x, -exponent);
  return x;
}

// An int32 constant in the 32-bit encoding, narrowed to Raw's width.
template <FixedPointRaw Raw>
inline Raw NarrowConstant(int32_t q31_raw) {
  return static_cast<Raw>(RoundingDivideByPOT(q31_raw, 32 - kRawBits<Raw>));
}

// Leading zero bits of x (32 for zero).
inline int CountLeadingZeros32(uint32_t x) { return std::countl_zero(x); }

// ---------------------------------------------------------------------------
// The fixed-point value type.

template <FixedPointRaw Raw, int kIntBits>
class FixedPoint {
 public:
  using RawType = Raw;
  static constexpr int kTotalBits = kRawBits<Raw>;
  static constexpr int kIntegerBits = kIntBits;
  static constexpr int kFractionalBits = kTotalBits - 1 - kIntBits;
  static_assert(kIntBits >= 0 && kIntBits < kTotalBits, "integer bits out of range");

  constexpr FixedPoint() = default;

  static FixedPoint FromRaw(Raw raw) {
    FixedPoint f;
    f.raw_ = raw;
    return f;
  }
  // A constant given in the 32-bit encoding (see NarrowConstant).
  static FixedPoint FromQ31Constant(int32_t q31_raw) { return FromRaw(NarrowConstant<Raw>(q31_raw)); }
  static FixedPoint Zero() { return FromRaw(0); }
  // 1.0, which with no integer bits is not representable: the largest value.
  static FixedPoint One() {
    if constexpr (kIntBits == 0) {
      return FromRaw(std::numeric_limits<Raw>::max());
    } else {
      return FromRaw(static_cast<Raw>(Raw{1} << kFractionalBits));
    }
  }
  // 2^exponent, which must be exactly representable.
  template <int kExponent>
  static FixedPoint PowerOfTwo() {
    static_assert(kFractionalBits + kExponent >= 0 && kFractionalBits + kExponent < kTotalBits - 1,
                  "power of two not representable in this format");
    return FromRaw(static_cast<Raw>(Raw{1} << (kFractionalBits + kExponent)));
  }
  // Nearest representable value, clamped (for tests and table building).
  static FixedPoint FromDouble(double x) {
    double r = x * static_cast<double>(int64_t{1} << kFractionalBits);
    r = r < 0 ? -static_cast<double>(static_cast<int64_t>(-r + 0.5))
              : static_cast<double>(static_cast<int64_t>(r + 0.5));
    const double lo = static_cast<double>(std::numeric_limits<Raw>::min());
    const double hi = static_cast<double>(std::numeric_limits<Raw>::max());
    return FromRaw(static_cast<Raw>(r < lo ? lo : (r > hi ? hi : r)));
  }

  Raw raw() const { return raw_; }
  double ToDouble() const {
    return static_cast<double>(raw_) / static_cast<double>(int64_t{1} << kFractionalBits);
  }

  friend FixedPoint operator+(FixedPoint a, FixedPoint b) {
    return FromRaw(WrappingAdd<Raw>(a.raw_, b.raw_));
  }
  friend FixedPoint operator-(FixedPoint a, FixedPoint b) {
    return FromRaw(WrappingSub<Raw>(a.raw_, b.raw_));
  }
  friend FixedPoint operator-(FixedPoint a) { return FromRaw(WrappingNeg<Raw>(a.raw_)); }
  friend bool operator==(FixedPoint a, FixedPoint b) { return a.raw_ == b.raw_; }

 private:
  Raw raw_ = 0;
};

template <int kIntBits>
using FixedPoint32 = FixedPoint<int32_t, kIntBits>;
template <int kIntBits>
using FixedPoint16 = FixedPoint<int16_t, kIntBits>;

// Product: the integer bits of the operands add up.
template <FixedPointRaw Raw, int kA, int kB>
inline FixedPoint<Raw, kA + kB> operator*(FixedPoint<Raw, kA> a, FixedPoint<Raw, kB> b) {
  return FixedPoint<Raw, kA + kB>::FromRaw(DoublingHighMul(a.raw(), b.raw()));
}

// Same raw, reinterpreted with kExponent more integer bits: exactly
// x * 2^kExponent.
template <int kExponent, FixedPointRaw Raw, int kIntBits>
inline FixedPoint<Raw, kIntBits + kExponent> ExactMulByPot(FixedPoint<Raw, kIntBits> x) {
  return FixedPoint<Raw, kIntBits + kExponent>::FromRaw(x.raw());
}

// x * 2^kExponent in the same format (saturating up, rounding down).
template <int kExponent, FixedPointRaw Raw, int kIntBits>
inline FixedPoint<Raw, kIntBits> SaturatingRoundingMultiplyByPOT(FixedPoint<Raw, kIntBits> x) {
  return FixedPoint<Raw, kIntBits>::FromRaw(SaturatingRoundingMulByPOT<Raw>(x.raw(), kExponent));
}

// The same value in a format with kDstBits integer bits.
template <int kDstBits, FixedPointRaw Raw, int kSrcBits>
inline FixedPoint<Raw, kDstBits> Rescale(FixedPoint<Raw, kSrcBits> x) {
  return FixedPoint<Raw, kDstBits>::FromRaw(
      SaturatingRoundingMulByPOT<Raw>(x.raw(), kSrcBits - kDstBits));
}

template <FixedPointRaw Raw, int kIntBits>
inline FixedPoint<Raw, kIntBits> RoundingHalfSum(FixedPoint<Raw, kIntBits> a,
                                                 FixedPoint<Raw, kIntBits> b) {
  return FixedPoint<Raw, kIntBits>::FromRaw(RoundingHalfSum<Raw>(a.raw(), b.raw()));
}

// Plain add for int32; clamped add for int16 (where the algorithms rely on
// it to stay in range).
template <FixedPointRaw Raw, int kIntBits>
inline FixedPoint<Raw, kIntBits> AddSaturatingIf16Bit(FixedPoint<Raw, kIntBits> a,
                                                      FixedPoint<Raw, kIntBits> b) {
  if constexpr (std::is_same_v<Raw, int16_t>) {
    return FixedPoint<Raw, kIntBits>::FromRaw(SaturatingAdd16(a.raw(), b.raw()));
  } else {
    return a + b;
  }
}

// ---------------------------------------------------------------------------
// exp, 1/(1+x), (1-x)/(1+x), tanh, logistic.

// exp(a) for a in [-1/4, 0): a degree-4 Taylor polynomial around -1/8.
template <FixedPointRaw Raw>
inline FixedPoint<Raw, 0> exp_on_interval_between_negative_one_quarter_and_0_excl(
    FixedPoint<Raw, 0> a) {
  using F0 = FixedPoint<Raw, 0>;
  const F0 exp_minus_one_eighth = F0::FromQ31Constant(1895147668);  // exp(-1/8)
  const F0 one_third = F0::FromQ31Constant(715827883);
  const F0 t = a + F0::template PowerOfTwo<-3>();  // t = a + 1/8, in [-1/8, 1/8)
  const F0 t2 = t * t;
  const F0 t3 = t2 * t;
  const F0 t4 = t2 * t2;
  const F0 t4_over_4 = SaturatingRoundingMultiplyByPOT<-2>(t4);
  // (t^4/4 + t^3) / 3 + t^2, halved: t^4/24 + t^3/6 + t^2/2.
  const F0 higher_terms = SaturatingRoundingMultiplyByPOT<-1>((t4_over_4 + t3) * one_third + t2);
  return AddSaturatingIf16Bit(exp_minus_one_eighth, exp_minus_one_eighth * (t + higher_terms));
}

// exp(a) for a <= 0 (exp(0) gives the largest Q0 value). The input is split
// as a = r - k/4 with r in [-1/4, 0); exp(r) comes from the polynomial and
// each set bit of k multiplies in a constant exp(-2^j).
template <FixedPointRaw Raw, int kIntBits>
inline FixedPoint<Raw, 0> exp_on_negative_values(FixedPoint<Raw, kIntBits> a) {
  using In = FixedPoint<Raw, kIntBits>;
  using F0 = FixedPoint<Raw, 0>;
  constexpr int kFrac = In::kFractionalBits;
  const In quarter = In::template PowerOfTwo<-2>();
  const Raw low_bits_mask = static_cast<Raw>(quarter.raw() - 1);
  const In r_in = In::FromRaw(static_cast<Raw>(a.raw() & low_bits_mask)) - quarter;
  F0 result = exp_on_interval_between_negative_one_quarter_and_0_excl(Rescale<0>(r_in));
  const Raw k_bits = (r_in - a).raw();  // = k/4 in the input format, >= 0

  // exp(-2^j) for j = -2..4 in the 32-bit encoding; entry j applies only
  // when the input format can hold 2^j (kIntBits > j).
  constexpr int32_t kExpOfMinusPow2[7] = {1672461947, 1302514674, 790015084, 290630308,
                                          39332535,   720401,     242};
  for (int j = -2; j <= 4; ++j) {
    if (kIntBits > j) {
      const int bit = kFrac + j;
      if ((k_bits & static_cast<Raw>(Raw{1} << bit)) != 0) {
        result = result * F0::FromQ31Constant(kExpOfMinusPow2[j + 2]);
      }
    }
  }
  if constexpr (kIntBits > 5) {
    // Below -32 the result is flushed to zero.
    const In minus_32 = In::FromQ31Constant(-(int32_t{1} << (36 - kIntBits)));
    if (a.raw() < minus_32.raw()) result = F0::Zero();
  }
  if (a.raw() == 0) result = F0::One();
  return result;
}

namespace detail {
// Newton-Raphson for 1 / (2 * half_denominator), half_denominator in
// [1/2, 1): returns x ~ 1/half_denominator in Q2 (three iterations from
// the 48/17 - 32/17 * d starting point).
template <FixedPointRaw Raw>
inline FixedPoint<Raw, 2> ReciprocalOfHalfDenominator(FixedPoint<Raw, 0> half_denominator) {
  using F2 = FixedPoint<Raw, 2>;
  const F2 c48_17 = F2::FromQ31Constant(1515870810);
  const F2 c_neg32_17 = F2::FromQ31Constant(-1010580540);
  F2 x = c48_17 + half_denominator * c_neg32_17;
  for (int iteration = 0; iteration < 3; ++iteration) {
    const F2 error = F2::One() - half_denominator * x;
    x = x + Rescale<2>(x * error);
  }
  return x;
}
}  // namespace detail

// 1 / (1 + a) for a in [0, 1).
template <FixedPointRaw Raw>
inline FixedPoint<Raw, 0> one_over_one_plus_x_for_x_in_0_1(FixedPoint<Raw, 0> a) {
  using F0 = FixedPoint<Raw, 0>;
  const F0 half_denominator = RoundingHalfSum(a, F0::One());
  const FixedPoint<Raw, 2> x = detail::ReciprocalOfHalfDenominator(half_denominator);
  // x approximates 2 / (1 + a); halve it exactly, then move to Q0.
  return Rescale<0>(ExactMulByPot<-1>(x));
}

// (1 - a) / (1 + a) for a in [0, 1).
template <FixedPointRaw Raw>
inline FixedPoint<Raw, 0> one_minus_x_over_one_plus_x_for_x_in_0_1(FixedPoint<Raw, 0> a) {
  using F0 = FixedPoint<Raw, 0>;
  using F2 = FixedPoint<Raw, 2>;
  const F0 half_denominator = RoundingHalfSum(a, F0::One());
  const F2 x = detail::ReciprocalOfHalfDenominator(half_denominator);
  // 2/(1+a) - 1 = (1-a)/(1+a).
  return Rescale<0>(x - F2::One());
}

// -tanh(a) = (1 - e^(2a)) / (1 + e^(2a)) for a <= 0.
template <FixedPointRaw Raw, int kIntBits>
inline FixedPoint<Raw, 0> neg_tanh_on_negative_values(FixedPoint<Raw, kIntBits> a) {
  return one_minus_x_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(ExactMulByPot<1>(a)));
}

template <FixedPointRaw Raw, int kIntBits>
inline FixedPoint<Raw, 0> tanh(FixedPoint<Raw, kIntBits> a) {
  using F0 = FixedPoint<Raw, 0>;
  if (a.raw() == 0) return F0::Zero();
  const bool negative = a.raw() < 0;
  const F0 magnitude = neg_tanh_on_negative_values(negative ? a : -a);  // tanh(|a|)
  return negative ? -magnitude : magnitude;
}

// 1 / (1 + e^-a) for a >= 0.
template <FixedPointRaw Raw, int kIntBits>
inline FixedPoint<Raw, 0> logistic_on_positive_values(FixedPoint<Raw, kIntBits> a) {
  return one_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(-a));
}

template <FixedPointRaw Raw, int kIntBits>
inline FixedPoint<Raw, 0> logistic(FixedPoint<Raw, kIntBits> a) {
  using F0 = FixedPoint<Raw, 0>;
  if (a.raw() == 0) return F0::FromQ31Constant(int32_t{1} << 30);  // 1/2
  const bool positive = a.raw() > 0;
  const F0 of_magnitude = logistic_on_positive_values(positive ? a : -a);
  return positive ? of_magnitude : F0::One() - of_magnitude;
}

// ---------------------------------------------------------------------------
// Helpers TFLite's integer kernels build on these.

// For x > 0 holding a value with `x_integer_digits` integer bits: returns a
// Q0.31 scale s in [1/2, 1] and sets *num_bits_over_unit so that
// 1/x ~= s * 2^-(*num_bits_over_unit). (Softmax's reciprocal of the sum.)
inline int32_t GetReciprocal(int32_t x, int x_integer_digits, int* num_bits_over_unit) {
  const int headroom_plus_one = CountLeadingZeros32(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_digits - headroom_plus_one;
  // x normalized to [1, 2), minus one, as Q0.31 (x == 0 is not meaningful;
  // it is kept free of undefined shifts).
  const uint32_t normalized =
      headroom_plus_one < 32 ? static_cast<uint32_t>(x) << headroom_plus_one : 0u;
  const int32_t fraction = static_cast<int32_t>(normalized - (uint32_t{1} << 31));
  return one_over_one_plus_x_for_x_in_0_1(FixedPoint32<0>::FromRaw(fraction)).raw();
}

// 1/sqrt(input) as a quantized multiplier (*output_inv_sqrt, Q0.31) and a
// shift, for input >= 0. reverse_shift = -1 yields a TFLite-style exponent
// (negative = right shift); +1 keeps the right-shift-positive convention.
// Inputs 0 and 1 both give (INT32_MAX, 0). Used by L2 normalization and the
// integer LSTM's layer norm.
inline void GetInvSqrtQuantizedMultiplierExp(int32_t input, int reverse_shift,
                                             int32_t* output_inv_sqrt, int* output_shift) {
  if (input <= 1) {
    *output_inv_sqrt = std::numeric_limits<int32_t>::max();
    *output_shift = 0;
    return;
  }
  int shift = 11;
  while (input >= (1 << 29)) {
    input /= 4;
    ++shift;
  }
  // Scale by an even power of two into [2^27, 2^29).
  const int spare_pairs = (CountLeadingZeros32(static_cast<uint32_t>(input)) - 1) / 2 - 1;
  shift -= spare_pairs;
  input <<= 2 * spare_pairs;

  using F3 = FixedPoint32<3>;
  using F0 = FixedPoint32<0>;
  const F3 v = F3::FromRaw(input >> 1);
  const F3 half_v = SaturatingRoundingMultiplyByPOT<-1>(v);
  const F3 three_halves = F3::FromRaw((1 << 28) + (1 << 27));
  // Newton-Raphson for 1/sqrt(v): y <- y * (3/2 - v/2 * y^2), from y = 1.
  F3 y = F3::One();
  for (int iteration = 0; iteration < 5; ++iteration) {
    const F3 y_cubed = Rescale<3>(y * y * y);
    y = Rescale<3>(three_halves * y - half_v * y_cubed);
  }
  const F0 sqrt_half = F0::FromRaw(1518500250);
  y = y * sqrt_half;
  int32_t multiplier = y.raw();
  if (shift < 0) {
    multiplier = static_cast<int32_t>(static_cast<uint32_t>(multiplier) << -shift);
    shift = 0;
  }
  *output_inv_sqrt = multiplier;
  *output_shift = shift * reverse_shift;
}

}  // namespace liteforge::kernels::fixed_point
