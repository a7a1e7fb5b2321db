// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 LSTM stages (lstm_variants.h): int8 and hybrid gate products on
// int16 weight pairs (vpmaddwd, 16 rows per tile), the int16 fixed-point
// logistic / tanh 32 lanes at a time, float gate products (16 rows per
// tile, fused multiply-adds) and float sigmoid / tanh.

#include <immintrin.h>

#include <cstdint>
#include <cstring>

#include "liteforge/kernels/lstm/fixed_point16_lanes.h"
#include "liteforge/kernels/lstm/lstm_variants.h"
#include "liteforge/kernels/lstm/x86_avx512_lstm_stage.h"

namespace liteforge::kernels {
namespace {

// ---------------------------------------------------------------------------
// int16 lanes for fixed_point16_lanes.h

struct Lanes512 {
  using V = __m512i;
  using M = __mmask32;
  static constexpr int64_t kLanes = 32;
  static V Splat(int16_t v) { return _mm512_set1_epi16(v); }
  static V Add(V a, V b) { return _mm512_add_epi16(a, b); }
  static V Sub(V a, V b) { return _mm512_sub_epi16(a, b); }
  static V AddSat(V a, V b) { return _mm512_adds_epi16(a, b); }
  static V And(V a, V b) { return _mm512_and_si512(a, b); }
  // vpmulhrsw is floor((a * b + 2^14) / 2^15), which equals the scalar
  // rounding for both signs; it wraps only for -32768 * -32768 (giving
  // -32768, which no other product gives), where the scalar saturates.
  static V Mul(V a, V b) {
    const V r = _mm512_mulhrs_epi16(a, b);
    return _mm512_mask_mov_epi16(r, _mm512_cmpeq_epi16_mask(r, Splat(INT16_MIN)),
                                 Splat(INT16_MAX));
  }
  template <int s>
  static V Srai(V a) {
    return _mm512_srai_epi16(a, s);
  }
  template <int s>
  static V Srli(V a) {
    return _mm512_srli_epi16(a, s);
  }
  template <int s>
  static V Slli(V a) {
    return _mm512_slli_epi16(a, s);
  }
  static M Gt(V a, V b) { return _mm512_cmpgt_epi16_mask(a, b); }
  static M Eq(V a, V b) { return _mm512_cmpeq_epi16_mask(a, b); }
  static M AnyBit(V a, V b) { return _mm512_test_epi16_mask(a, b); }
  static V Select(M m, V if_set, V if_clear) { return _mm512_mask_mov_epi16(if_clear, m, if_set); }
  static V Load(const int16_t* p) { return _mm512_loadu_si512(p); }
  static void Store(int16_t* p, V v) { _mm512_storeu_si512(p, v); }
  static __mmask32 Tail(int64_t n) { return static_cast<__mmask32>((uint64_t{1} << n) - 1); }
  static V LoadPartial(const int16_t* p, int64_t n) { return _mm512_maskz_loadu_epi16(Tail(n), p); }
  static void StorePartial(int16_t* p, int64_t n, V v) { _mm512_mask_storeu_epi16(p, Tail(n), v); }
};

// ---------------------------------------------------------------------------
// int8 products on int16 pairs: tile t, pair k holds rows x 2 int16.

// Input bytes c, c + 1 sign-extended into the two halves of a 32-bit lane
// (a missing c + 1 is zero; its weights are zero too).
inline int32_t PairAt(const int8_t* x, int32_t c, int32_t cols) {
  const int32_t lo = static_cast<uint16_t>(static_cast<int16_t>(x[c]));
  const int32_t hi = c + 1 < cols ? static_cast<int32_t>(static_cast<uint16_t>(
                                        static_cast<int16_t>(x[c + 1])))
                                  : 0;
  return static_cast<int32_t>(static_cast<uint32_t>(lo) | (static_cast<uint32_t>(hi) << 16));
}

inline __m512i PairDot(const int16_t* w, const int8_t* x, int32_t cols) {
  const int32_t pairs = (cols + 1) / 2;
  __m512i acc0 = _mm512_setzero_si512();
  __m512i acc1 = _mm512_setzero_si512();
  int32_t k = 0;
  for (; k + 2 <= pairs; k += 2) {
    acc0 = _mm512_add_epi32(acc0, _mm512_madd_epi16(_mm512_loadu_si512(w + k * 32),
                                                    _mm512_set1_epi32(PairAt(x, 2 * k, cols))));
    acc1 = _mm512_add_epi32(
        acc1, _mm512_madd_epi16(_mm512_loadu_si512(w + (k + 1) * 32),
                                _mm512_set1_epi32(PairAt(x, 2 * k + 2, cols))));
  }
  if (k < pairs) {
    acc0 = _mm512_add_epi32(acc0, _mm512_madd_epi16(_mm512_loadu_si512(w + k * 32),
                                                    _mm512_set1_epi32(PairAt(x, 2 * k, cols))));
  }
  return _mm512_add_epi32(acc0, acc1);
}

// ---------------------------------------------------------------------------
// float

// e^x for x in [-86, 87] (clamped there): x = n ln2 + r, |r| <= ln2 / 2,
// e^r from its degree-7 Taylor polynomial, times 2^n.
inline __m512 Exp(__m512 x) {
  x = _mm512_min_ps(_mm512_max_ps(x, _mm512_set1_ps(-86.f)), _mm512_set1_ps(87.f));
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504f)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145752f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.42860677e-6f), r);
  __m512 p = _mm512_set1_ps(1.f / 5040.f);
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.f / 720.f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.f / 120.f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.f / 24.f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.f / 6.f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.f));
  return _mm512_scalef_ps(p, n);
}

inline __m512 Sigmoid(__m512 x) {
  const __m512 one = _mm512_set1_ps(1.f);
  return _mm512_div_ps(one, _mm512_add_ps(one, Exp(_mm512_sub_ps(_mm512_setzero_ps(), x))));
}

// tanh(|x|) = 1 - 2 / (e^(2|x|) + 1), or the odd Taylor polynomial below
// |x| = 1/16 (where the subtraction would cancel); the sign copied back.
inline __m512 Tanh(__m512 x) {
  const __m512 sign_mask = _mm512_castsi512_ps(_mm512_set1_epi32(INT32_MIN));
  const __m512 a = _mm512_andnot_ps(sign_mask, x);
  const __m512 one = _mm512_set1_ps(1.f);
  const __m512 e = Exp(_mm512_add_ps(a, a));
  const __m512 large = _mm512_sub_ps(one, _mm512_div_ps(_mm512_set1_ps(2.f), _mm512_add_ps(e, one)));
  const __m512 a2 = _mm512_mul_ps(a, a);
  __m512 p = _mm512_set1_ps(-17.f / 315.f);
  p = _mm512_fmadd_ps(p, a2, _mm512_set1_ps(2.f / 15.f));
  p = _mm512_fmadd_ps(p, a2, _mm512_set1_ps(-1.f / 3.f));
  const __m512 small = _mm512_fmadd_ps(_mm512_mul_ps(p, a2), a, a);
  const __mmask16 is_small = _mm512_cmp_ps_mask(a, _mm512_set1_ps(0.0625f), _CMP_LT_OQ);
  const __m512 t = _mm512_mask_mov_ps(large, is_small, small);
  return _mm512_or_ps(t, _mm512_and_ps(x, sign_mask));
}

template <typename F>
void ApplyF32(const float* in, int64_t n, float* out, F f) {
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) _mm512_storeu_ps(out + i, f(_mm512_loadu_ps(in + i)));
  if (i < n) {
    const __mmask16 m = static_cast<__mmask16>((1u << (n - i)) - 1);
    _mm512_mask_storeu_ps(out + i, m, f(_mm512_maskz_loadu_ps(m, in + i)));
  }
}

// acc + sum_c w[c] x[c] over one tile's columns (16 rows per column).
inline __m512 TileDot(const float* w, const float* x, int32_t cols, __m512 acc0) {
  __m512 acc1 = _mm512_setzero_ps();
  __m512 acc2 = _mm512_setzero_ps();
  __m512 acc3 = _mm512_setzero_ps();
  int32_t c = 0;
  for (; c + 4 <= cols; c += 4) {
    acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(w + c * 16), _mm512_set1_ps(x[c]), acc0);
    acc1 = _mm512_fmadd_ps(_mm512_loadu_ps(w + (c + 1) * 16), _mm512_set1_ps(x[c + 1]), acc1);
    acc2 = _mm512_fmadd_ps(_mm512_loadu_ps(w + (c + 2) * 16), _mm512_set1_ps(x[c + 2]), acc2);
    acc3 = _mm512_fmadd_ps(_mm512_loadu_ps(w + (c + 3) * 16), _mm512_set1_ps(x[c + 3]), acc3);
  }
  for (; c < cols; ++c) {
    acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(w + c * 16), _mm512_set1_ps(x[c]), acc0);
  }
  return _mm512_add_ps(_mm512_add_ps(acc0, acc1), _mm512_add_ps(acc2, acc3));
}

}  // namespace

void qs8_lstm_gates_16x2c__avx512(const LstmQs8Stacked& s, int32_t n_input, int32_t n_output,
                                  const int8_t* input, const int8_t* output_state,
                                  int16_t* gates) {
  const auto* w_in = static_cast<const int16_t*>(s.input_weights);
  const auto* w_rec = static_cast<const int16_t*>(s.recurrent_weights);
  const int64_t in_tile = int64_t{16} * ((n_input + 1) / 2 * 2);
  const int64_t rec_tile = int64_t{16} * ((n_output + 1) / 2 * 2);
  for (int32_t row = 0, t = 0; row < s.rows; row += 16, ++t) {
    const __m512i dot_in = PairDot(w_in + t * in_tile, input, n_input);
    const __m512i dot_rec = PairDot(w_rec + t * rec_tile, output_state, n_output);
    avx512::StoreLstmGateRows(s, row, dot_in, dot_rec, gates);
  }
}

void f32_qs8w_lstm_gates_16x2c__avx512(const LstmHybridStacked& s, int32_t n_input,
                                       int32_t n_output, LstmHybridVector input,
                                       LstmHybridVector output_state, float* gates) {
  const auto* w_in = static_cast<const int16_t*>(s.input_weights);
  const auto* w_rec = static_cast<const int16_t*>(s.recurrent_weights);
  const int64_t in_tile = int64_t{16} * ((n_input + 1) / 2 * 2);
  const int64_t rec_tile = int64_t{16} * ((n_output + 1) / 2 * 2);
  for (int32_t row = 0, t = 0; row < s.rows; row += 16, ++t) {
    const __m512i dot_in = PairDot(w_in + t * in_tile, input.values, n_input);
    const __m512i dot_rec = PairDot(w_rec + t * rec_tile, output_state.values, n_output);
    avx512::AddHybridGateRows(s, row, 0, dot_in, input, dot_rec, output_state, gates);
  }
}

void qs16_lstm_sigmoid_32x__avx512(const int16_t* in, int64_t n, int16_t* out) {
  lstm_lanes::Apply<Lanes512>(in, n, out, lstm_lanes::Logistic<Lanes512>);
}

void qs16_lstm_tanh_32x__avx512(int int_bits, const int16_t* in, int64_t n, int16_t* out) {
  lstm_lanes::TanhArray<Lanes512>(int_bits, in, n, out);
}

void f32_lstm_gates_16x__avx512(const LstmF32Stacked& s, int32_t n_input, int32_t n_output,
                                const float* input, const float* output_state, float* gates) {
  const int64_t cols = int64_t{n_input} + n_output;
  for (int32_t row = 0, t = 0; row < s.rows; row += 16, ++t) {
    const int32_t left = s.rows - row;
    const __mmask16 m = left >= 16 ? static_cast<__mmask16>(0xFFFF)
                                   : static_cast<__mmask16>((1u << left) - 1);
    const float* w = s.weights + t * cols * 16;
    __m512 acc = _mm512_maskz_loadu_ps(m, s.bias + row);
    acc = TileDot(w, input, n_input, acc);
    acc = TileDot(w + int64_t{n_input} * 16, output_state, n_output, acc);
    _mm512_mask_storeu_ps(gates + row, m, acc);
  }
}

void f32_lstm_sigmoid_16x__avx512(const float* in, int64_t n, float* out) {
  ApplyF32(in, n, out, Sigmoid);
}

void f32_lstm_tanh_16x__avx512(const float* in, int64_t n, float* out) {
  ApplyF32(in, n, out, Tanh);
}

}  // namespace liteforge::kernels
