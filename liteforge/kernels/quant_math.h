// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The fixed-point arithmetic every integer kernel shares. These functions
// define liteforge's integer numerics and follow TensorFlow Lite's integer
// semantics exactly (round-half-away-from-zero when encoding multipliers,
// "doubling high multiply" with round-to-nearest, rounding right shifts that
// round half away from zero), because bit-exact agreement with TFLite's
// int8/uint8/int16 results depends on every one of these details.
//
// A real multiplier M is encoded as a Q31 mantissa q in [2^30, 2^31) and a
// power-of-two exponent e with M ~= q * 2^(e - 31).

#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace liteforge::kernels {

// Encodes `real` (>= 0) as (quantized_multiplier, exponent). Zero encodes
// as (0, 0); multipliers too small for Q31 flush to zero; too large ones
// saturate at exponent 30.
inline void QuantizeMultiplier(double real, int32_t* quantized_multiplier, int* exponent) {
  if (real == 0.0) {
    *quantized_multiplier = 0;
    *exponent = 0;
    return;
  }
  int e = 0;
  const double mantissa = std::frexp(real, &e);  // in [0.5, 1)
  int64_t q = static_cast<int64_t>(std::round(mantissa * static_cast<double>(1ll << 31)));
  if (q == (1ll << 31)) {  // rounding reached 1.0: renormalize
    q /= 2;
    ++e;
  }
  if (e < -31) {
    e = 0;
    q = 0;
  }
  if (e > 30) {
    e = 30;
    q = (1ll << 31) - 1;
  }
  *quantized_multiplier = static_cast<int32_t>(q);
  *exponent = e;
}

// High 32 bits of 2*a*b, rounded to nearest; saturates the single overflow
// case a == b == INT32_MIN.
inline int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min()) {
    return std::numeric_limits<int32_t>::max();
  }
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  return static_cast<int32_t>((ab + nudge) / (1ll << 31));
}

// x / 2^exponent rounded to nearest, ties away from zero. exponent in [0, 31].
inline int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((1ll << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * M for M encoded by QuantizeMultiplier (exponent may be positive).
inline int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t quantized_multiplier,
                                             int exponent) {
  const int left_shift = exponent > 0 ? exponent : 0;
  const int right_shift = exponent > 0 ? 0 : -exponent;
  return RoundingDivideByPOT(
      SaturatingRoundingDoublingHighMul(
          static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift), quantized_multiplier),
      right_shift);
}

// For M < 1 (exponent <= 0).
inline int32_t MultiplyByQuantizedMultiplierSmallerThanOneExp(int32_t x,
                                                               int32_t quantized_multiplier,
                                                               int exponent) {
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x, quantized_multiplier),
                             -exponent);
}

// For M >= 1 (exponent >= 0).
inline int32_t MultiplyByQuantizedMultiplierGreaterThanOne(int32_t x,
                                                            int32_t quantized_multiplier,
                                                            int exponent) {
  return SaturatingRoundingDoublingHighMul(
      static_cast<int32_t>(static_cast<uint32_t>(x) << exponent), quantized_multiplier);
}

// The 64-bit accumulator variant used by int16-activation kernels: the Q31
// multiplier is reduced to Q15 (rounded) and applied with one rounding
// shift. Matches TFLite's int64 overload.
inline int32_t MultiplyByQuantizedMultiplier(int64_t x, int32_t quantized_multiplier,
                                             int exponent) {
  const int32_t reduced =
      quantized_multiplier < 0x7FFF0000 ? ((quantized_multiplier + (1 << 15)) >> 16) : 0x7FFF;
  const int total_shift = 15 - exponent;
  const int64_t rounded = x * static_cast<int64_t>(reduced) + (int64_t{1} << (total_shift - 1));
  return static_cast<int32_t>(rounded >> total_shift);
}

template <typename T>
inline T SaturateCast(int32_t v) {
  return static_cast<T>(std::clamp<int32_t>(v, std::numeric_limits<T>::min(),
                                            std::numeric_limits<T>::max()));
}

// round(x) with ties away from zero, as TFLite's TfLiteRound.
inline float RoundHalfAway(float x) { return std::round(x); }

// The output zero point added to a scaled accumulator. int32 arithmetic that
// wraps, as TFLite's `acc += output_offset` does on every real target and as
// the vector output stages (vpaddd) do; only hostile scales get near it.
inline int32_t AddOutputOffset(int32_t scaled, int32_t output_offset) {
  return static_cast<int32_t>(static_cast<uint32_t>(scaled) + static_cast<uint32_t>(output_offset));
}

}  // namespace liteforge::kernels
