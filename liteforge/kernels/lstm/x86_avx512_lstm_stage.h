// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The output stage of the AVX-512 integer gate products (x86_avx512.cc and
// x86_avx512vnni.cc): 16 stacked rows' input and recurrent dot products
// turned into int16 gate values exactly as the reference's two
// QMatVecAccumulate calls do. Included only by x86_avx512*.cc files.

#pragma once

#include <immintrin.h>

#include <cstdint>

#include "liteforge/kernels/lstm/reference.h"
#include "liteforge/kernels/requantize/x86_avx512_requantize.h"

namespace liteforge::kernels::avx512 {

// Rows [row, row + 16) (fewer at the end) of gates:
//   sat16(sat16(MBQM_in(bias_in + dot_in)) + MBQM_rec(bias_rec + dot_rec)).
inline void StoreLstmGateRows(const LstmQs8Stacked& s, int32_t row, __m512i dot_in,
                              __m512i dot_rec, int16_t* gates) {
  const int32_t left = s.rows - row;
  const __mmask16 m = left >= 16 ? static_cast<__mmask16>(0xFFFF)
                                 : static_cast<__mmask16>((1u << left) - 1);
  const int32_t rows = s.rows;
  auto scale = [&](const int32_t* sc, const int32_t* bias, __m512i dot) {
    const __m512i acc = _mm512_add_epi32(dot, _mm512_maskz_loadu_epi32(m, bias + row));
    return ScaleDoubleRounding(acc, _mm512_maskz_loadu_epi32(m, sc + row),
                               _mm512_maskz_loadu_epi32(m, sc + rows + row),
                               _mm512_maskz_loadu_epi32(m, sc + 2 * rows + row));
  };
  __m512i v = scale(s.input_scale, s.input_bias, dot_in);
  v = _mm512_min_epi32(_mm512_max_epi32(v, _mm512_set1_epi32(INT16_MIN)),
                       _mm512_set1_epi32(INT16_MAX));
  v = _mm512_add_epi32(scale(s.recurrent_scale, s.recurrent_bias, dot_rec), v);
  _mm512_mask_cvtsepi32_storeu_epi16(gates + row, m, v);
}

}  // namespace liteforge::kernels::avx512
