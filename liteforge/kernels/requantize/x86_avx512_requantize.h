// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 output stages for the quantized kernels: 16 int32 accumulators
// scaled by per-lane fixed-point multipliers, bit-exact with the scalar
// ConvScale (liteforge/kernels/conv/requantize.h) for both rounding rules.
// Included only by x86_avx512*.cc files (it needs their ISA flags).
//
// Lane parameters come from SplitExponent: a multiplier in [2^30, 2^31)
// (or 0) and the exponent split into a left shift in [0, 31] and a right
// shift in [0, 31]. Callers check RequantizeShiftsSupported at Prepare and
// keep the scalar path for anything outside that range.

#pragma once

#include <immintrin.h>

#include <cstdint>

#include "liteforge/kernels/conv/requantize.h"

namespace liteforge::kernels::avx512 {

// 32-bit lanes with the 64-bit results of even and odd lanes recombined:
// the low half of each 64-bit even result and of each odd result.
inline __m512i CombineEvenOdd(__m512i even64, __m512i odd64) {
  return _mm512_mask_blend_epi32(static_cast<__mmask16>(0xAAAA), even64,
                                 _mm512_slli_epi64(odd64, 32));
}

// gemmlowp's SaturatingRoundingDoublingHighMul of the left-shifted
// accumulator (the shift wraps, as the scalar code's). The saturating case
// (both operands INT32_MIN) cannot occur: multipliers are non-negative.
// The scalar form adds 2^30 to a non-negative product p and 1 - 2^30 to a
// negative one, then divides by 2^31 truncating towards zero; for p < 0
// that equals floor((p + 2^30) / 2^31), the expression for p >= 0, so one
// arithmetic shift serves both signs.
inline __m512i ShiftedHighMul(__m512i acc, __m512i multiplier, __m512i left_shift) {
  const __m512i shifted = _mm512_sllv_epi32(acc, left_shift);
  const __m512i even = _mm512_mul_epi32(shifted, multiplier);
  const __m512i odd =
      _mm512_mul_epi32(_mm512_srli_epi64(shifted, 32), _mm512_srli_epi64(multiplier, 32));
  const __m512i nudge = _mm512_set1_epi64(int64_t{1} << 30);
  return CombineEvenOdd(_mm512_srai_epi64(_mm512_add_epi64(even, nudge), 31),
                        _mm512_srai_epi64(_mm512_add_epi64(odd, nudge), 31));
}

// TFLite's reference rule: the high multiply, then a rounding divide by
// 2^right with ties away from zero.
inline __m512i ScaleDoubleRounding(__m512i acc, __m512i multiplier, __m512i left_shift,
                                   __m512i right_shift) {
  const __m512i x = ShiftedHighMul(acc, multiplier, left_shift);
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, right_shift), one);
  const __m512i remainder = _mm512_and_si512(x, mask);
  const __m512i threshold = _mm512_add_epi32(_mm512_srai_epi32(mask, 1), _mm512_srli_epi32(x, 31));
  const __mmask16 round_up = _mm512_cmpgt_epi32_mask(remainder, threshold);
  const __m512i q = _mm512_srav_epi32(x, right_shift);
  return _mm512_mask_add_epi32(q, round_up, q, one);
}

// ruy's rule: the high multiply, then a rounding shift with ties towards
// +infinity: floor(x / 2^r) plus bit r - 1 of x, which is
// (x + 2^(r-1)) >> r without the overflow of the sum (the bit is moved to
// the top by a left shift of 32 - r, which gives 0 for r = 0).
inline __m512i ScaleDoubleRoundingTiesUp(__m512i acc, __m512i multiplier, __m512i left_shift,
                                         __m512i right_shift) {
  const __m512i x = ShiftedHighMul(acc, multiplier, left_shift);
  const __m512i half_bit = _mm512_srli_epi32(
      _mm512_sllv_epi32(x, _mm512_sub_epi32(_mm512_set1_epi32(32), right_shift)), 31);
  return _mm512_add_epi32(_mm512_srav_epi32(x, right_shift), half_bit);
}

template <ConvRounding kRounding>
inline __m512i Scale(__m512i acc, __m512i multiplier, __m512i left_shift, __m512i right_shift) {
  if constexpr (kRounding == ConvRounding::kDoubleRoundingTiesUp) {
    return ScaleDoubleRoundingTiesUp(acc, multiplier, left_shift, right_shift);
  } else {
    return ScaleDoubleRounding(acc, multiplier, left_shift, right_shift);
  }
}

// Scale, add the output zero point and clamp to [act_min, act_max].
template <ConvRounding kRounding>
inline __m512i Requantize(__m512i acc, __m512i multiplier, __m512i left_shift,
                          __m512i right_shift, __m512i output_offset, __m512i act_min,
                          __m512i act_max) {
  __m512i v = Scale<kRounding>(acc, multiplier, left_shift, right_shift);
  v = _mm512_add_epi32(v, output_offset);
  return _mm512_min_epi32(_mm512_max_epi32(v, act_min), act_max);
}

}  // namespace liteforge::kernels::avx512
