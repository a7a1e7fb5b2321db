// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 LSTM stages (lstm_variants.h): int8 gate products on int16 weight
// pairs (vpmaddwd, 8 rows per tile) with the reference's requantization,
// hybrid gate products on the same layout,
// the int16 fixed-point logistic / tanh 16 lanes at a time, float gate
// products (8 rows per tile, fused multiply-adds) and float sigmoid / tanh.

#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "liteforge/kernels/lstm/fixed_point16_lanes.h"
#include "liteforge/kernels/lstm/lstm_variants.h"
#include "liteforge/kernels/requantize/x86_avx2_requantize.h"

namespace liteforge::kernels {
namespace {

// ---------------------------------------------------------------------------
// int16 lanes for fixed_point16_lanes.h (masks are all-ones lanes)

struct Lanes256 {
  using V = __m256i;
  using M = __m256i;
  static constexpr int64_t kLanes = 16;
  static V Splat(int16_t v) { return _mm256_set1_epi16(v); }
  static V Add(V a, V b) { return _mm256_add_epi16(a, b); }
  static V Sub(V a, V b) { return _mm256_sub_epi16(a, b); }
  static V AddSat(V a, V b) { return _mm256_adds_epi16(a, b); }
  static V And(V a, V b) { return _mm256_and_si256(a, b); }
  // vpmulhrsw rounds as the scalar code does; it wraps only for
  // -32768 * -32768 (to -32768, which no other product gives), where the
  // scalar saturates to 32767: flipping all bits of exactly that lane fixes it.
  static V Mul(V a, V b) {
    const V r = _mm256_mulhrs_epi16(a, b);
    return _mm256_xor_si256(r, _mm256_cmpeq_epi16(r, Splat(INT16_MIN)));
  }
  template <int s>
  static V Srai(V a) {
    return _mm256_srai_epi16(a, s);
  }
  template <int s>
  static V Srli(V a) {
    return _mm256_srli_epi16(a, s);
  }
  template <int s>
  static V Slli(V a) {
    return _mm256_slli_epi16(a, s);
  }
  static M Gt(V a, V b) { return _mm256_cmpgt_epi16(a, b); }
  static M Eq(V a, V b) { return _mm256_cmpeq_epi16(a, b); }
  static M AnyBit(V a, V b) {
    return _mm256_xor_si256(_mm256_cmpeq_epi16(_mm256_and_si256(a, b), _mm256_setzero_si256()),
                            _mm256_set1_epi16(-1));
  }
  static V Select(M m, V if_set, V if_clear) { return _mm256_blendv_epi8(if_clear, if_set, m); }
  static V Load(const int16_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static void Store(int16_t* p, V v) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }
  static V LoadPartial(const int16_t* p, int64_t n) {
    int16_t buf[16] = {};
    std::memcpy(buf, p, static_cast<size_t>(n) * sizeof(int16_t));
    return Load(buf);
  }
  static void StorePartial(int16_t* p, int64_t n, V v) {
    int16_t buf[16];
    Store(buf, v);
    std::memcpy(p, buf, static_cast<size_t>(n) * sizeof(int16_t));
  }
};

// ---------------------------------------------------------------------------
// int8 products on int16 pairs: tile t, pair k holds 8 rows x 2 int16.

inline int32_t PairAt(const int8_t* x, int32_t c, int32_t cols) {
  const uint32_t lo = static_cast<uint16_t>(static_cast<int16_t>(x[c]));
  const uint32_t hi = c + 1 < cols ? static_cast<uint16_t>(static_cast<int16_t>(x[c + 1])) : 0u;
  return static_cast<int32_t>(lo | (hi << 16));
}

inline __m256i PairDot(const int16_t* w, const int8_t* x, int32_t cols) {
  const int32_t pairs = (cols + 1) / 2;
  __m256i acc0 = _mm256_setzero_si256();
  __m256i acc1 = _mm256_setzero_si256();
  auto load = [&](int32_t k) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + k * 16));
  };
  int32_t k = 0;
  for (; k + 2 <= pairs; k += 2) {
    acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(load(k), _mm256_set1_epi32(PairAt(x, 2 * k, cols))));
    acc1 = _mm256_add_epi32(
        acc1, _mm256_madd_epi16(load(k + 1), _mm256_set1_epi32(PairAt(x, 2 * k + 2, cols))));
  }
  if (k < pairs) {
    acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(load(k), _mm256_set1_epi32(PairAt(x, 2 * k, cols))));
  }
  return _mm256_add_epi32(acc0, acc1);
}

// 8 int32 values from p[0..n) (n <= 8), zero beyond.
inline __m256i LoadRows(const int32_t* p, int32_t n) {
  if (n >= 8) return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  int32_t buf[8] = {};
  std::memcpy(buf, p, static_cast<size_t>(n) * sizeof(int32_t));
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(buf));
}

// Rows [row, row + 8) of gates, as the reference's two QMatVecAccumulate.
void StoreGateRows(const LstmQs8Stacked& s, int32_t row, __m256i dot_in, __m256i dot_rec,
                   int16_t* gates) {
  const int32_t n = std::min(8, s.rows - row);
  const int32_t rows = s.rows;
  auto scale = [&](const int32_t* sc, const int32_t* bias, __m256i dot) {
    const __m256i acc = _mm256_add_epi32(dot, LoadRows(bias + row, n));
    return avx2::ScaleDoubleRounding(acc, LoadRows(sc + row, n), LoadRows(sc + rows + row, n),
                                     LoadRows(sc + 2 * rows + row, n));
  };
  __m256i v = scale(s.input_scale, s.input_bias, dot_in);
  v = _mm256_min_epi32(_mm256_max_epi32(v, _mm256_set1_epi32(INT16_MIN)),
                       _mm256_set1_epi32(INT16_MAX));
  v = _mm256_add_epi32(scale(s.recurrent_scale, s.recurrent_bias, dot_rec), v);
  // Saturating pack of the two 128-bit halves, 8 int16 in order.
  const __m128i packed =
      _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  if (n == 8) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(gates + row), packed);
  } else {
    int16_t buf[8];
    _mm_storeu_si128(reinterpret_cast<__m128i*>(buf), packed);
    std::memcpy(gates + row, buf, static_cast<size_t>(n) * sizeof(int16_t));
  }
}

// ---------------------------------------------------------------------------
// float

// e^x for x in [-86, 87] (clamped there): x = n ln2 + r, e^r from its
// degree-7 Taylor polynomial, times 2^n built in the exponent field.
inline __m256 Exp(__m256 x) {
  x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-86.f)), _mm256_set1_ps(87.f));
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504f)),
                                   _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693145752f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(1.42860677e-6f), r);
  __m256 p = _mm256_set1_ps(1.f / 5040.f);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.f / 720.f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.f / 120.f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.f / 24.f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.f / 6.f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.f));
  const __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  return _mm256_mul_ps(p, _mm256_castsi256_ps(bits));
}

inline __m256 Sigmoid(__m256 x) {
  const __m256 one = _mm256_set1_ps(1.f);
  return _mm256_div_ps(one, _mm256_add_ps(one, Exp(_mm256_sub_ps(_mm256_setzero_ps(), x))));
}

// As the AVX-512 tanh: 1 - 2 / (e^(2|x|) + 1), the odd polynomial below 1/16.
inline __m256 Tanh(__m256 x) {
  const __m256 sign_mask = _mm256_castsi256_ps(_mm256_set1_epi32(INT32_MIN));
  const __m256 a = _mm256_andnot_ps(sign_mask, x);
  const __m256 one = _mm256_set1_ps(1.f);
  const __m256 e = Exp(_mm256_add_ps(a, a));
  const __m256 large = _mm256_sub_ps(one, _mm256_div_ps(_mm256_set1_ps(2.f), _mm256_add_ps(e, one)));
  const __m256 a2 = _mm256_mul_ps(a, a);
  __m256 p = _mm256_set1_ps(-17.f / 315.f);
  p = _mm256_fmadd_ps(p, a2, _mm256_set1_ps(2.f / 15.f));
  p = _mm256_fmadd_ps(p, a2, _mm256_set1_ps(-1.f / 3.f));
  const __m256 small = _mm256_fmadd_ps(_mm256_mul_ps(p, a2), a, a);
  const __m256 t = _mm256_blendv_ps(large, small, _mm256_cmp_ps(a, _mm256_set1_ps(0.0625f), _CMP_LT_OQ));
  return _mm256_or_ps(t, _mm256_and_ps(x, sign_mask));
}

inline __m256i TailMask(int64_t n) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int32_t>(n)),
                            _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

template <typename F>
void ApplyF32(const float* in, int64_t n, float* out, F f) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, f(_mm256_loadu_ps(in + i)));
  if (i < n) {
    const __m256i m = TailMask(n - i);
    _mm256_maskstore_ps(out + i, m, f(_mm256_maskload_ps(in + i, m)));
  }
}

inline __m256 TileDot(const float* w, const float* x, int32_t cols, __m256 acc0) {
  __m256 acc1 = _mm256_setzero_ps();
  __m256 acc2 = _mm256_setzero_ps();
  __m256 acc3 = _mm256_setzero_ps();
  int32_t c = 0;
  for (; c + 4 <= cols; c += 4) {
    acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(w + c * 8), _mm256_set1_ps(x[c]), acc0);
    acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(w + (c + 1) * 8), _mm256_set1_ps(x[c + 1]), acc1);
    acc2 = _mm256_fmadd_ps(_mm256_loadu_ps(w + (c + 2) * 8), _mm256_set1_ps(x[c + 2]), acc2);
    acc3 = _mm256_fmadd_ps(_mm256_loadu_ps(w + (c + 3) * 8), _mm256_set1_ps(x[c + 3]), acc3);
  }
  for (; c < cols; ++c) {
    acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(w + c * 8), _mm256_set1_ps(x[c]), acc0);
  }
  return _mm256_add_ps(_mm256_add_ps(acc0, acc1), _mm256_add_ps(acc2, acc3));
}

}  // namespace

void qs8_lstm_gates_8x2c__avx2(const LstmQs8Stacked& s, int32_t n_input, int32_t n_output,
                               const int8_t* input, const int8_t* output_state, int16_t* gates) {
  const auto* w_in = static_cast<const int16_t*>(s.input_weights);
  const auto* w_rec = static_cast<const int16_t*>(s.recurrent_weights);
  const int64_t in_tile = int64_t{8} * ((n_input + 1) / 2 * 2);
  const int64_t rec_tile = int64_t{8} * ((n_output + 1) / 2 * 2);
  for (int32_t row = 0, t = 0; row < s.rows; row += 8, ++t) {
    const __m256i dot_in = PairDot(w_in + t * in_tile, input, n_input);
    const __m256i dot_rec = PairDot(w_rec + t * rec_tile, output_state, n_output);
    StoreGateRows(s, row, dot_in, dot_rec, gates);
  }
}

void f32_qs8w_lstm_gates_8x2c__avx2(const LstmHybridStacked& s, int32_t n_input, int32_t n_output,
                                    LstmHybridVector input, LstmHybridVector output_state,
                                    float* gates) {
  const auto* w_in = static_cast<const int16_t*>(s.input_weights);
  const auto* w_rec = static_cast<const int16_t*>(s.recurrent_weights);
  const int64_t in_tile = int64_t{8} * ((n_input + 1) / 2 * 2);
  const int64_t rec_tile = int64_t{8} * ((n_output + 1) / 2 * 2);
  for (int32_t row = 0, t = 0; row < s.rows; row += 8, ++t) {
    const __m256i dot_in = PairDot(w_in + t * in_tile, input.values, n_input);
    const __m256i dot_rec = PairDot(w_rec + t * rec_tile, output_state.values, n_output);
    const __m256i m = TailMask(s.rows - row);
    // As the reference: dot less row sum * zero point, times
    // (vector scale * weight scale), added to the gate; input then recurrent.
    auto product = [&](__m256i dot, const int32_t* sums, const float* w_scale,
                       const LstmHybridVector& v) {
      const __m256i correction = _mm256_mullo_epi32(_mm256_maskload_epi32(sums + row, m),
                                                    _mm256_set1_epi32(v.zero_point));
      const __m256 factor =
          _mm256_mul_ps(_mm256_set1_ps(v.scale), _mm256_maskload_ps(w_scale + row, m));
      __m256 product =
          _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(dot, correction)), factor);
      // Rounded before the add, as in the reference (GCC's default
      // -ffp-contract=fast fuses intrinsics too).
      __asm__("" : "+x"(product));
      return product;
    };
    __m256 g = _mm256_maskload_ps(gates + row, m);
    g = _mm256_add_ps(g, product(dot_in, s.input_row_sums, s.input_weight_scale, input));
    g = _mm256_add_ps(g, product(dot_rec, s.recurrent_row_sums, s.recurrent_weight_scale,
                                 output_state));
    _mm256_maskstore_ps(gates + row, m, g);
  }
}

void qs16_lstm_sigmoid_16x__avx2(const int16_t* in, int64_t n, int16_t* out) {
  lstm_lanes::Apply<Lanes256>(in, n, out, lstm_lanes::Logistic<Lanes256>);
}

void qs16_lstm_tanh_16x__avx2(int int_bits, const int16_t* in, int64_t n, int16_t* out) {
  lstm_lanes::TanhArray<Lanes256>(int_bits, in, n, out);
}

void f32_lstm_gates_8x__avx2(const LstmF32Stacked& s, int32_t n_input, int32_t n_output,
                             const float* input, const float* output_state, float* gates) {
  const int64_t cols = int64_t{n_input} + n_output;
  for (int32_t row = 0, t = 0; row < s.rows; row += 8, ++t) {
    const __m256i m = TailMask(s.rows - row);
    const float* w = s.weights + t * cols * 8;
    __m256 acc = _mm256_maskload_ps(s.bias + row, m);
    acc = TileDot(w, input, n_input, acc);
    acc = TileDot(w + int64_t{n_input} * 8, output_state, n_output, acc);
    _mm256_maskstore_ps(gates + row, m, acc);
  }
}

void f32_lstm_sigmoid_8x__avx2(const float* in, int64_t n, float* out) {
  ApplyF32(in, n, out, Sigmoid);
}

void f32_lstm_tanh_8x__avx2(const float* in, int64_t n, float* out) {
  ApplyF32(in, n, out, Tanh);
}

}  // namespace liteforge::kernels
