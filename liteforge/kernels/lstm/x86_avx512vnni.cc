// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 VNNI int8 and hybrid LSTM gate products (lstm_variants.h): 16 stacked rows
// per tile, 4 columns per vpdpbusd. The input bytes are made unsigned by
// adding 128 (x ^ 0x80); the 128 * row sum this adds is taken off the
// biases at Prepare (LstmQs8Layout::input_offset), so the int32 sums equal
// the reference's (wrapping the same way).

#include <immintrin.h>

#include <cstdint>
#include <cstring>

#include "liteforge/kernels/lstm/lstm_variants.h"
#include "liteforge/kernels/lstm/x86_avx512_lstm_stage.h"

namespace liteforge::kernels {
namespace {

// Input bytes 4k .. 4k + 3 plus 128 each, as unsigned bytes of one lane
// (bytes past the end are 0x80; their weights are zero).
inline int32_t QuadAt(const int8_t* x, int32_t k, int32_t cols) {
  uint32_t v = 0;
  const int32_t c = 4 * k;
  std::memcpy(&v, x + c, static_cast<size_t>(cols - c >= 4 ? 4 : cols - c));
  return static_cast<int32_t>(v ^ 0x80808080u);
}

inline __m512i QuadDot(const int8_t* w, const int8_t* x, int32_t cols) {
  const int32_t quads = (cols + 3) / 4;
  __m512i acc0 = _mm512_setzero_si512();
  __m512i acc1 = _mm512_setzero_si512();
  __m512i acc2 = _mm512_setzero_si512();
  __m512i acc3 = _mm512_setzero_si512();
  const int32_t full = cols / 4;  // quads read without a bounds check
  int32_t k = 0;
  for (; k + 4 <= full; k += 4) {
    uint32_t q[4];
    std::memcpy(q, x + 4 * k, sizeof(q));
    acc0 = _mm512_dpbusd_epi32(acc0, _mm512_set1_epi32(static_cast<int32_t>(q[0] ^ 0x80808080u)),
                               _mm512_loadu_si512(w + k * 64));
    acc1 = _mm512_dpbusd_epi32(acc1, _mm512_set1_epi32(static_cast<int32_t>(q[1] ^ 0x80808080u)),
                               _mm512_loadu_si512(w + (k + 1) * 64));
    acc2 = _mm512_dpbusd_epi32(acc2, _mm512_set1_epi32(static_cast<int32_t>(q[2] ^ 0x80808080u)),
                               _mm512_loadu_si512(w + (k + 2) * 64));
    acc3 = _mm512_dpbusd_epi32(acc3, _mm512_set1_epi32(static_cast<int32_t>(q[3] ^ 0x80808080u)),
                               _mm512_loadu_si512(w + (k + 3) * 64));
  }
  for (; k < quads; ++k) {
    acc0 = _mm512_dpbusd_epi32(acc0, _mm512_set1_epi32(QuadAt(x, k, cols)),
                               _mm512_loadu_si512(w + k * 64));
  }
  return _mm512_add_epi32(_mm512_add_epi32(acc0, acc1), _mm512_add_epi32(acc2, acc3));
}

}  // namespace

void qs8_lstm_gates_16x4c__avx512vnni(const LstmQs8Stacked& s, int32_t n_input, int32_t n_output,
                                      const int8_t* input, const int8_t* output_state,
                                      int16_t* gates) {
  const auto* w_in = static_cast<const int8_t*>(s.input_weights);
  const auto* w_rec = static_cast<const int8_t*>(s.recurrent_weights);
  const int64_t in_tile = int64_t{16} * ((n_input + 3) / 4 * 4);
  const int64_t rec_tile = int64_t{16} * ((n_output + 3) / 4 * 4);
  for (int32_t row = 0, t = 0; row < s.rows; row += 16, ++t) {
    const __m512i dot_in = QuadDot(w_in + t * in_tile, input, n_input);
    const __m512i dot_rec = QuadDot(w_rec + t * rec_tile, output_state, n_output);
    avx512::StoreLstmGateRows(s, row, dot_in, dot_rec, gates);
  }
}

void f32_qs8w_lstm_gates_16x4c__avx512vnni(const LstmHybridStacked& s, int32_t n_input,
                                           int32_t n_output, LstmHybridVector input,
                                           LstmHybridVector output_state, float* gates) {
  const auto* w_in = static_cast<const int8_t*>(s.input_weights);
  const auto* w_rec = static_cast<const int8_t*>(s.recurrent_weights);
  const int64_t in_tile = int64_t{16} * ((n_input + 3) / 4 * 4);
  const int64_t rec_tile = int64_t{16} * ((n_output + 3) / 4 * 4);
  for (int32_t row = 0, t = 0; row < s.rows; row += 16, ++t) {
    const __m512i dot_in = QuadDot(w_in + t * in_tile, input.values, n_input);
    const __m512i dot_rec = QuadDot(w_rec + t * rec_tile, output_state.values, n_output);
    avx512::AddHybridGateRows(s, row, 128, dot_in, input, dot_rec, output_state, gates);
  }
}

}  // namespace liteforge::kernels
