// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The AVX2 output stage over an array, 8 lanes at a time with a masked
// tail (vpmaskmovd neither reads nor writes the lanes it leaves out).

#include <immintrin.h>

#include "liteforge/kernels/requantize/requantize_rows.h"
#include "liteforge/kernels/requantize/x86_avx2_requantize.h"

namespace liteforge::kernels {
namespace {

template <ConvRounding kRounding>
void RequantizeRow(const int32_t* acc, int n, const RequantizeRowParams& p, int32_t* out) {
  const __m256i offset = _mm256_set1_epi32(p.output_offset);
  const __m256i lo = _mm256_set1_epi32(p.act_min);
  const __m256i hi = _mm256_set1_epi32(p.act_max);
  const __m256i zero = _mm256_setzero_si256();
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  for (int i = 0; i < n; i += 8) {
    const __m256i m = _mm256_cmpgt_epi32(_mm256_set1_epi32(n - i), lane);
    const __m256i a = _mm256_maskload_epi32(acc + i, m);
    const __m256i mult = _mm256_maskload_epi32(p.multipliers + i, m);
    const __m256i e = _mm256_maskload_epi32(p.exponents + i, m);
    const __m256i left = _mm256_max_epi32(e, zero);
    const __m256i right = _mm256_max_epi32(_mm256_sub_epi32(zero, e), zero);
    const __m256i v = avx2::Requantize<kRounding>(a, mult, left, right, offset, lo, hi);
    _mm256_maskstore_epi32(out + i, m, v);
  }
}

}  // namespace

void qs32_requantize__avx2(const int32_t* acc, int n, const RequantizeRowParams& p, int32_t* out) {
  if (p.rounding == ConvRounding::kDoubleRoundingTiesUp) {
    RequantizeRow<ConvRounding::kDoubleRoundingTiesUp>(acc, n, p, out);
  } else {
    RequantizeRow<ConvRounding::kDoubleRounding>(acc, n, p, out);
  }
}

}  // namespace liteforge::kernels
