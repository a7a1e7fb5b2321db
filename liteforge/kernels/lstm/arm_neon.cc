// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON LSTM stages (lstm_variants.h) for every AArch64 CPU: int8 gate
// products over weights sign-extended to int16, one column of 8 rows at a
// time (SMLAL by a broadcast input value; exact int32 sums) with the
// reference's requantization (arm_neon_lstm_stage.h), hybrid gate products
// on the same layout, the int16 fixed-point logistic / tanh 8 lanes at a
// time (fixed_point16_lanes.h), float gate products (8 rows per tile, fused
// multiply-adds) and float sigmoid / tanh.

#include <arm_neon.h>

#include <cstdint>
#include <cstring>

#include "liteforge/kernels/lstm/arm_neon_lstm_stage.h"
#include "liteforge/kernels/lstm/fixed_point16_lanes.h"
#include "liteforge/kernels/lstm/lstm_variants.h"

namespace liteforge::kernels {
namespace {

// ---------------------------------------------------------------------------
// int16 lanes for fixed_point16_lanes.h (masks are all-ones lanes)

struct Lanes128 {
  using V = int16x8_t;
  using M = uint16x8_t;
  static constexpr int64_t kLanes = 8;
  static V Splat(int16_t v) { return vdupq_n_s16(v); }
  static V Add(V a, V b) { return vaddq_s16(a, b); }
  static V Sub(V a, V b) { return vsubq_s16(a, b); }
  static V AddSat(V a, V b) { return vqaddq_s16(a, b); }
  static V And(V a, V b) { return vandq_s16(a, b); }
  // SQRDMULH is the scalar DoublingHighMul exactly: floor((2ab + 2^15) /
  // 2^16), saturating only -32768 * -32768, to 32767.
  static V Mul(V a, V b) { return vqrdmulhq_s16(a, b); }
  template <int s>
  static V Srai(V a) {
    return vshrq_n_s16(a, s);
  }
  template <int s>
  static V Srli(V a) {
    return vreinterpretq_s16_u16(vshrq_n_u16(vreinterpretq_u16_s16(a), s));
  }
  template <int s>
  static V Slli(V a) {
    return vshlq_n_s16(a, s);
  }
  static M Gt(V a, V b) { return vcgtq_s16(a, b); }
  static M Eq(V a, V b) { return vceqq_s16(a, b); }
  static M AnyBit(V a, V b) { return vtstq_s16(a, b); }
  static V Select(M m, V if_set, V if_clear) { return vbslq_s16(m, if_set, if_clear); }
  static V Load(const int16_t* p) { return vld1q_s16(p); }
  static void Store(int16_t* p, V v) { vst1q_s16(p, v); }
  static V LoadPartial(const int16_t* p, int64_t n) {
    int16_t buf[8] = {};
    std::memcpy(buf, p, static_cast<size_t>(n) * sizeof(int16_t));
    return Load(buf);
  }
  static void StorePartial(int16_t* p, int64_t n, V v) {
    int16_t buf[8];
    Store(buf, v);
    std::memcpy(p, buf, static_cast<size_t>(n) * sizeof(int16_t));
  }
};

// ---------------------------------------------------------------------------
// int8 products on int16 columns: tile t, column c holds 8 rows' int16.

struct Dot8 {
  int32x4_t lo;  // rows 0..3
  int32x4_t hi;  // rows 4..7
};

inline Dot8 ColumnDot(const int16_t* w, const int8_t* x, int32_t cols) {
  int32x4_t lo0 = vdupq_n_s32(0), hi0 = vdupq_n_s32(0);
  int32x4_t lo1 = vdupq_n_s32(0), hi1 = vdupq_n_s32(0);
  int32_t c = 0;
  for (; c + 8 <= cols; c += 8) {
    const int16x8_t xv = vmovl_s8(vld1_s8(x + c));
    const int16_t* wc = w + c * 8;
    int16x8_t w0 = vld1q_s16(wc), w1 = vld1q_s16(wc + 8);
    lo0 = vmlal_laneq_s16(lo0, vget_low_s16(w0), xv, 0);
    hi0 = vmlal_high_laneq_s16(hi0, w0, xv, 0);
    lo1 = vmlal_laneq_s16(lo1, vget_low_s16(w1), xv, 1);
    hi1 = vmlal_high_laneq_s16(hi1, w1, xv, 1);
    w0 = vld1q_s16(wc + 16), w1 = vld1q_s16(wc + 24);
    lo0 = vmlal_laneq_s16(lo0, vget_low_s16(w0), xv, 2);
    hi0 = vmlal_high_laneq_s16(hi0, w0, xv, 2);
    lo1 = vmlal_laneq_s16(lo1, vget_low_s16(w1), xv, 3);
    hi1 = vmlal_high_laneq_s16(hi1, w1, xv, 3);
    w0 = vld1q_s16(wc + 32), w1 = vld1q_s16(wc + 40);
    lo0 = vmlal_laneq_s16(lo0, vget_low_s16(w0), xv, 4);
    hi0 = vmlal_high_laneq_s16(hi0, w0, xv, 4);
    lo1 = vmlal_laneq_s16(lo1, vget_low_s16(w1), xv, 5);
    hi1 = vmlal_high_laneq_s16(hi1, w1, xv, 5);
    w0 = vld1q_s16(wc + 48), w1 = vld1q_s16(wc + 56);
    lo0 = vmlal_laneq_s16(lo0, vget_low_s16(w0), xv, 6);
    hi0 = vmlal_high_laneq_s16(hi0, w0, xv, 6);
    lo1 = vmlal_laneq_s16(lo1, vget_low_s16(w1), xv, 7);
    hi1 = vmlal_high_laneq_s16(hi1, w1, xv, 7);
  }
  for (; c < cols; ++c) {
    const int16x8_t wc = vld1q_s16(w + c * 8);
    lo0 = vmlal_n_s16(lo0, vget_low_s16(wc), x[c]);
    hi0 = vmlal_high_n_s16(hi0, wc, x[c]);
  }
  return {vaddq_s32(lo0, lo1), vaddq_s32(hi0, hi1)};
}

// ---------------------------------------------------------------------------
// float

// e^x for x in [-86, 87] (clamped there): x = n ln2 + r, e^r from its
// degree-7 Taylor polynomial, times 2^n built in the exponent field.
inline float32x4_t Exp(float32x4_t x) {
  x = vminq_f32(vmaxq_f32(x, vdupq_n_f32(-86.f)), vdupq_n_f32(87.f));
  const float32x4_t n = vrndnq_f32(vmulq_n_f32(x, 1.44269504f));
  float32x4_t r = vfmsq_n_f32(x, n, 0.693145752f);
  r = vfmsq_n_f32(r, n, 1.42860677e-6f);
  float32x4_t p = vdupq_n_f32(1.f / 5040.f);
  p = vfmaq_f32(vdupq_n_f32(1.f / 720.f), p, r);
  p = vfmaq_f32(vdupq_n_f32(1.f / 120.f), p, r);
  p = vfmaq_f32(vdupq_n_f32(1.f / 24.f), p, r);
  p = vfmaq_f32(vdupq_n_f32(1.f / 6.f), p, r);
  p = vfmaq_f32(vdupq_n_f32(0.5f), p, r);
  p = vfmaq_f32(vdupq_n_f32(1.f), p, r);
  p = vfmaq_f32(vdupq_n_f32(1.f), p, r);
  const int32x4_t bits = vshlq_n_s32(vaddq_s32(vcvtq_s32_f32(n), vdupq_n_s32(127)), 23);
  return vmulq_f32(p, vreinterpretq_f32_s32(bits));
}

inline float32x4_t Sigmoid(float32x4_t x) {
  const float32x4_t one = vdupq_n_f32(1.f);
  return vdivq_f32(one, vaddq_f32(one, Exp(vnegq_f32(x))));
}

// As the x86 tanh: 1 - 2 / (e^(2|x|) + 1), the odd polynomial below 1/16,
// the sign of x put back.
inline float32x4_t Tanh(float32x4_t x) {
  const float32x4_t a = vabsq_f32(x);
  const float32x4_t one = vdupq_n_f32(1.f);
  const float32x4_t e = Exp(vaddq_f32(a, a));
  const float32x4_t large = vsubq_f32(one, vdivq_f32(vdupq_n_f32(2.f), vaddq_f32(e, one)));
  const float32x4_t a2 = vmulq_f32(a, a);
  float32x4_t p = vdupq_n_f32(-17.f / 315.f);
  p = vfmaq_f32(vdupq_n_f32(2.f / 15.f), p, a2);
  p = vfmaq_f32(vdupq_n_f32(-1.f / 3.f), p, a2);
  const float32x4_t small = vfmaq_f32(a, vmulq_f32(p, a2), a);
  const float32x4_t t = vbslq_f32(vcltq_f32(a, vdupq_n_f32(0.0625f)), small, large);
  const uint32x4_t sign = vandq_u32(vreinterpretq_u32_f32(x), vdupq_n_u32(0x80000000u));
  return vreinterpretq_f32_u32(vorrq_u32(vreinterpretq_u32_f32(t), sign));
}

template <typename F>
void ApplyF32(const float* in, int64_t n, float* out, F f) {
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) vst1q_f32(out + i, f(vld1q_f32(in + i)));
  if (i < n) {
    const int32_t left = static_cast<int32_t>(n - i);
    neon::StoreQuad(out + i, left, f(neon::LoadQuad(in + i, left)));
  }
}

// acc += w[c] * x[c] over the columns of one 8-row tile (two halves).
inline void TileDot(const float* w, const float* x, int32_t cols, float32x4_t* lo,
                    float32x4_t* hi) {
  float32x4_t lo0 = *lo, hi0 = *hi;
  float32x4_t lo1 = vdupq_n_f32(0.f), hi1 = vdupq_n_f32(0.f);
  int32_t c = 0;
  for (; c + 2 <= cols; c += 2) {
    const float* wc = w + c * 8;
    lo0 = vfmaq_n_f32(lo0, vld1q_f32(wc), x[c]);
    hi0 = vfmaq_n_f32(hi0, vld1q_f32(wc + 4), x[c]);
    lo1 = vfmaq_n_f32(lo1, vld1q_f32(wc + 8), x[c + 1]);
    hi1 = vfmaq_n_f32(hi1, vld1q_f32(wc + 12), x[c + 1]);
  }
  if (c < cols) {
    lo0 = vfmaq_n_f32(lo0, vld1q_f32(w + c * 8), x[c]);
    hi0 = vfmaq_n_f32(hi0, vld1q_f32(w + c * 8 + 4), x[c]);
  }
  *lo = vaddq_f32(lo0, lo1);
  *hi = vaddq_f32(hi0, hi1);
}

}  // namespace

void qs8_lstm_gates_8x__neon(const LstmQs8Stacked& s, int32_t n_input, int32_t n_output,
                             const int8_t* input, const int8_t* output_state, int16_t* gates) {
  const auto* w_in = static_cast<const int16_t*>(s.input_weights);
  const auto* w_rec = static_cast<const int16_t*>(s.recurrent_weights);
  const int64_t in_tile = int64_t{8} * n_input;
  const int64_t rec_tile = int64_t{8} * n_output;
  for (int32_t row = 0, t = 0; row < s.rows; row += 8, ++t) {
    const Dot8 in = ColumnDot(w_in + t * in_tile, input, n_input);
    const Dot8 rec = ColumnDot(w_rec + t * rec_tile, output_state, n_output);
    neon::StoreLstmGateQuad(s, row, in.lo, rec.lo, gates);
    neon::StoreLstmGateQuad(s, row + 4, in.hi, rec.hi, gates);
  }
}

void f32_qs8w_lstm_gates_8x__neon(const LstmHybridStacked& s, int32_t n_input, int32_t n_output,
                                  LstmHybridVector input, LstmHybridVector output_state,
                                  float* gates) {
  const auto* w_in = static_cast<const int16_t*>(s.input_weights);
  const auto* w_rec = static_cast<const int16_t*>(s.recurrent_weights);
  const int64_t in_tile = int64_t{8} * n_input;
  const int64_t rec_tile = int64_t{8} * n_output;
  for (int32_t row = 0, t = 0; row < s.rows; row += 8, ++t) {
    const Dot8 in = ColumnDot(w_in + t * in_tile, input.values, n_input);
    const Dot8 rec = ColumnDot(w_rec + t * rec_tile, output_state.values, n_output);
    neon::AddHybridGateQuad(s, row, in.lo, rec.lo, input, output_state, gates);
    neon::AddHybridGateQuad(s, row + 4, in.hi, rec.hi, input, output_state, gates);
  }
}

void qs16_lstm_sigmoid_8x__neon(const int16_t* in, int64_t n, int16_t* out) {
  lstm_lanes::Apply<Lanes128>(in, n, out, lstm_lanes::Logistic<Lanes128>);
}

void qs16_lstm_tanh_8x__neon(int int_bits, const int16_t* in, int64_t n, int16_t* out) {
  lstm_lanes::TanhArray<Lanes128>(int_bits, in, n, out);
}

void f32_lstm_gates_8x__neon(const LstmF32Stacked& s, int32_t n_input, int32_t n_output,
                             const float* input, const float* output_state, float* gates) {
  const int64_t cols = int64_t{n_input} + n_output;
  for (int32_t row = 0, t = 0; row < s.rows; row += 8, ++t) {
    const int32_t n_lo = std::min(4, s.rows - row);
    const int32_t n_hi = s.rows - row - 4;
    const float* w = s.weights + t * cols * 8;
    float32x4_t lo = neon::LoadQuad(s.bias + row, n_lo);
    float32x4_t hi = n_hi > 0 ? neon::LoadQuad(s.bias + row + 4, n_hi) : vdupq_n_f32(0.f);
    TileDot(w, input, n_input, &lo, &hi);
    TileDot(w + int64_t{n_input} * 8, output_state, n_output, &lo, &hi);
    neon::StoreQuad(gates + row, n_lo, lo);
    if (n_hi > 0) neon::StoreQuad(gates + row + 4, n_hi, hi);
  }
}

void f32_lstm_sigmoid_4x__neon(const float* in, int64_t n, float* out) {
  ApplyF32(in, n, out, Sigmoid);
}

void f32_lstm_tanh_4x__neon(const float* in, int64_t n, float* out) {
  ApplyF32(in, n, out, Tanh);
}

}  // namespace liteforge::kernels
