// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 output stages for the quantized kernels: 8 int32 accumulators scaled
// by per-lane fixed-point multipliers, bit-exact with the scalar ConvScale
// (liteforge/kernels/conv/requantize.h) for both rounding rules. The 8-lane
// twin of x86_avx512_requantize.h; included only by x86_avx2*.cc files.
//
// Lane parameters as there: a multiplier in [2^30, 2^31) (or 0), the
// exponent split by LeftShiftOf / RightShiftOf (shift_split.h) into shifts
// in [0, 31]; callers keep the scalar path where RequantizeParamsSupported
// says no. AVX2 has no 64-bit arithmetic shift, which shapes the high
// multiply below.

#pragma once

#include <immintrin.h>

#include <cstdint>

#include "liteforge/kernels/conv/requantize.h"

namespace liteforge::kernels::avx2 {

// The 64-bit products of the even lanes and of the odd lanes of a and b.
struct WideProducts {
  __m256i even;
  __m256i odd;
};
inline WideProducts MultiplyWide(__m256i a, __m256i b) {
  return {_mm256_mul_epi32(a, b),
          _mm256_mul_epi32(_mm256_srli_epi64(a, 32), _mm256_srli_epi64(b, 32))};
}

// Even lanes from the low halves of `even`, odd lanes from the low halves
// of `odd` (each a vector of 64-bit results).
inline __m256i CombineEvenOdd(__m256i even, __m256i odd) {
  return _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
}

// TFLite's SaturatingRoundingDoublingHighMul for a multiplier >= 0 (so the
// saturating INT32_MIN * INT32_MIN case cannot arise). The scalar form adds
// 2^30 to a non-negative product and 1 - 2^30 to a negative one, then
// divides by 2^31 truncating towards zero. For a negative product p that is
// floor((p + 1 - 2^30 + 2^31 - 1) / 2^31) = floor((p + 2^30) / 2^31), the
// same expression as for p >= 0, so one floor shift serves both signs. The
// result fits 32 bits: bits 31..62 of the sum, which need no sign fill.
inline __m256i RoundingDoublingHighMul(__m256i a, __m256i multiplier) {
  const WideProducts p = MultiplyWide(a, multiplier);
  const __m256i nudge = _mm256_set1_epi64x(int64_t{1} << 30);
  const __m256i even = _mm256_srli_epi64(_mm256_add_epi64(p.even, nudge), 31);
  // For the odd lanes the same bits move up to the lane's upper half.
  const __m256i odd = _mm256_slli_epi64(_mm256_add_epi64(p.odd, nudge), 1);
  return _mm256_blend_epi32(even, odd, 0xAA);
}

// x / 2^exponent rounded to nearest, ties away from zero (exponent in
// [0, 31] per lane): RoundingDivideByPOT of quant_math.h lane by lane.
inline __m256i RoundingDivideByPOT(__m256i x, __m256i exponent) {
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, exponent), one);
  const __m256i remainder = _mm256_and_si256(x, mask);
  const __m256i threshold = _mm256_add_epi32(_mm256_srai_epi32(mask, 1), _mm256_srli_epi32(x, 31));
  const __m256i round_up = _mm256_cmpgt_epi32(remainder, threshold);  // -1 where true
  return _mm256_sub_epi32(_mm256_srav_epi32(x, exponent), round_up);
}

// TFLite's reference rule: rounding doubling high multiply, then a rounding
// divide by 2^right.
inline __m256i ScaleDoubleRounding(__m256i acc, __m256i multiplier, __m256i left_shift,
                                   __m256i right_shift) {
  const __m256i high = RoundingDoublingHighMul(_mm256_sllv_epi32(acc, left_shift), multiplier);
  return RoundingDivideByPOT(high, right_shift);
}

// ruy's rule: rounding doubling high multiply, then a rounding shift with
// ties towards +infinity: floor(x / 2^r) plus bit r - 1 of x, i.e.
// (x + 2^(r-1)) >> r without the overflow of the sum (a left shift by
// 32 - r moves that bit to the top; it gives 0 for r = 0).
inline __m256i ScaleDoubleRoundingTiesUp(__m256i acc, __m256i multiplier, __m256i left_shift,
                                         __m256i right_shift) {
  const __m256i x = RoundingDoublingHighMul(_mm256_sllv_epi32(acc, left_shift), multiplier);
  const __m256i half_bit = _mm256_srli_epi32(
      _mm256_sllv_epi32(x, _mm256_sub_epi32(_mm256_set1_epi32(32), right_shift)), 31);
  return _mm256_add_epi32(_mm256_srav_epi32(x, right_shift), half_bit);
}

template <ConvRounding kRounding>
inline __m256i Scale(__m256i acc, __m256i multiplier, __m256i left_shift, __m256i right_shift) {
  if constexpr (kRounding == ConvRounding::kDoubleRoundingTiesUp) {
    return ScaleDoubleRoundingTiesUp(acc, multiplier, left_shift, right_shift);
  } else {
    return ScaleDoubleRounding(acc, multiplier, left_shift, right_shift);
  }
}

// Scale, add the output zero point (wrapping) and clamp to [act_min, act_max].
template <ConvRounding kRounding>
inline __m256i Requantize(__m256i acc, __m256i multiplier, __m256i left_shift, __m256i right_shift,
                          __m256i output_offset, __m256i act_min, __m256i act_max) {
  __m256i v = Scale<kRounding>(acc, multiplier, left_shift, right_shift);
  v = _mm256_add_epi32(v, output_offset);
  return _mm256_min_epi32(_mm256_max_epi32(v, act_min), act_max);
}

}  // namespace liteforge::kernels::avx2
