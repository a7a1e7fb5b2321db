// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The AVX-512 output stage over an array, 16 lanes at a time with a masked
// tail.

#include <immintrin.h>

#include "liteforge/kernels/requantize/requantize_rows.h"
#include "liteforge/kernels/requantize/x86_avx512_requantize.h"

namespace liteforge::kernels {
namespace {

template <ConvRounding kRounding>
void RequantizeRow(const int32_t* acc, int n, const RequantizeRowParams& p, int32_t* out) {
  const __m512i offset = _mm512_set1_epi32(p.output_offset);
  const __m512i lo = _mm512_set1_epi32(p.act_min);
  const __m512i hi = _mm512_set1_epi32(p.act_max);
  const __m512i zero = _mm512_setzero_si512();
  for (int i = 0; i < n; i += 16) {
    const __mmask16 m = n - i >= 16 ? static_cast<__mmask16>(0xFFFF)
                                    : static_cast<__mmask16>((1u << (n - i)) - 1);
    const __m512i a = _mm512_maskz_loadu_epi32(m, acc + i);
    const __m512i mult = _mm512_maskz_loadu_epi32(m, p.multipliers + i);
    const __m512i e = _mm512_maskz_loadu_epi32(m, p.exponents + i);
    const __m512i left = _mm512_max_epi32(e, zero);
    const __m512i right = _mm512_max_epi32(_mm512_sub_epi32(zero, e), zero);
    const __m512i v = avx512::Requantize<kRounding>(a, mult, left, right, offset, lo, hi);
    _mm512_mask_storeu_epi32(out + i, m, v);
  }
}

}  // namespace

void qs32_requantize__avx512(const int32_t* acc, int n, const RequantizeRowParams& p,
                             int32_t* out) {
  if (p.rounding == ConvRounding::kDoubleRoundingTiesUp) {
    RequantizeRow<ConvRounding::kDoubleRoundingTiesUp>(acc, n, p, out);
  } else {
    RequantizeRow<ConvRounding::kDoubleRounding>(acc, n, p, out);
  }
}

}  // namespace liteforge::kernels
