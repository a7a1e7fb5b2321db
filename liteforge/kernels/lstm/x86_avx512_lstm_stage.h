// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The output stages of the AVX-512 integer and hybrid gate products (x86_avx512.cc and
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

// Rows [row, row + 16) of the hybrid gates: the dot products of inputs
// that carried `offset` (0 or 128) less the row sums times (offset + zero
// point), each scaled and added in the reference's order.
inline void AddHybridGateRows(const LstmHybridStacked& s, int32_t row, int32_t offset,
                              __m512i dot_in, LstmHybridVector x, __m512i dot_rec,
                              LstmHybridVector h, float* gates) {
  const int32_t left = s.rows - row;
  const __mmask16 m = left >= 16 ? static_cast<__mmask16>(0xFFFF)
                                 : static_cast<__mmask16>((1u << left) - 1);
  auto product = [&](__m512i dot, const int32_t* sums, const float* w_scale,
                     const LstmHybridVector& v) {
    const __m512i correction = _mm512_mullo_epi32(_mm512_maskz_loadu_epi32(m, sums + row),
                                                  _mm512_set1_epi32(offset + v.zero_point));
    const __m512 factor =
        _mm512_mul_ps(_mm512_set1_ps(v.scale), _mm512_maskz_loadu_ps(m, w_scale + row));
    __m512 product = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_sub_epi32(dot, correction)), factor);
    // Rounded on its own before the add, as in the reference: GCC's default
    // -ffp-contract=fast would fuse the two (intrinsics included).
    __asm__("" : "+v"(product));
    return product;
  };
  __m512 g = _mm512_maskz_loadu_ps(m, gates + row);
  g = _mm512_add_ps(g, product(dot_in, s.input_row_sums, s.input_weight_scale, x));
  g = _mm512_add_ps(g, product(dot_rec, s.recurrent_row_sums, s.recurrent_weight_scale, h));
  _mm512_mask_storeu_ps(gates + row, m, g);
}

}  // namespace liteforge::kernels::avx512
