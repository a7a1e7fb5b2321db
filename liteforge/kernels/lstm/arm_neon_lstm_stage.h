// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The output stages of the NEON integer and hybrid gate products
// (arm_neon.cc, arm_neondot.cc), four stacked rows at a time: the rows'
// input and recurrent int32 dot products turned into int16 gates exactly as
// the reference's two QMatVecAccumulate calls do, or into the hybrid step's
// float gate sums in the reference's order. Included only by arm_*.cc
// files; everything sits in an anonymous namespace because the two files
// compile with different -march flags (see arm_neon_requantize.h).

#pragma once

#include <arm_neon.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "liteforge/kernels/lstm/reference.h"
#include "liteforge/kernels/requantize/arm_neon_requantize.h"

namespace liteforge::kernels::neon {
namespace {

// p[0..n) (n <= 4) as four lanes, zero beyond.
inline int32x4_t LoadQuad(const int32_t* p, int32_t n) {
  if (n >= 4) return vld1q_s32(p);
  int32_t buf[4] = {};
  std::memcpy(buf, p, static_cast<size_t>(n) * sizeof(int32_t));
  return vld1q_s32(buf);
}

inline float32x4_t LoadQuad(const float* p, int32_t n) {
  if (n >= 4) return vld1q_f32(p);
  float buf[4] = {};
  std::memcpy(buf, p, static_cast<size_t>(n) * sizeof(float));
  return vld1q_f32(buf);
}

inline void StoreQuad(float* p, int32_t n, float32x4_t v) {
  if (n >= 4) return vst1q_f32(p, v);
  float buf[4];
  vst1q_f32(buf, v);
  std::memcpy(p, buf, static_cast<size_t>(n) * sizeof(float));
}

// Rows [row, row + 4) (fewer at the end; none past s.rows) of gates:
//   sat16(sat16(MBQM_in(bias_in + dot_in)) + MBQM_rec(bias_rec + dot_rec)).
inline void StoreLstmGateQuad(const LstmQs8Stacked& s, int32_t row, int32x4_t dot_in,
                              int32x4_t dot_rec, int16_t* gates) {
  const int32_t n = std::min(4, s.rows - row);
  if (n <= 0) return;
  const int32_t rows = s.rows;
  auto scale = [&](const int32_t* sc, const int32_t* bias, int32x4_t dot) {
    const int32x4_t acc = vaddq_s32(dot, LoadQuad(bias + row, n));
    return Scale<ConvRounding::kDoubleRounding>(acc, LoadQuad(sc + row, n),
                                                LoadQuad(sc + rows + row, n),
                                                vnegq_s32(LoadQuad(sc + 2 * rows + row, n)));
  };
  int32x4_t v = scale(s.input_scale, s.input_bias, dot_in);
  v = vminq_s32(vmaxq_s32(v, vdupq_n_s32(INT16_MIN)), vdupq_n_s32(INT16_MAX));
  v = vaddq_s32(scale(s.recurrent_scale, s.recurrent_bias, dot_rec), v);
  const int16x4_t packed = vqmovn_s32(v);
  if (n == 4) {
    vst1_s16(gates + row, packed);
  } else {
    int16_t buf[4];
    vst1_s16(buf, packed);
    std::memcpy(gates + row, buf, static_cast<size_t>(n) * sizeof(int16_t));
  }
}

// Rows [row, row + 4) of the hybrid step's gates, as the reference: each
// product is (dot - row sum * zero point) times (vector scale * weight
// scale), rounded, then added to the gate; input, then recurrent.
inline void AddHybridGateQuad(const LstmHybridStacked& s, int32_t row, int32x4_t dot_in,
                              int32x4_t dot_rec, const LstmHybridVector& input,
                              const LstmHybridVector& output_state, float* gates) {
  const int32_t n = std::min(4, s.rows - row);
  if (n <= 0) return;
  auto product = [&](int32x4_t dot, const int32_t* sums, const float* w_scale,
                     const LstmHybridVector& v) {
    const int32x4_t correction = vmulq_n_s32(LoadQuad(sums + row, n), v.zero_point);
    const float32x4_t factor = vmulq_n_f32(LoadQuad(w_scale + row, n), v.scale);
    float32x4_t p = vmulq_f32(vcvtq_f32_s32(vsubq_s32(dot, correction)), factor);
    // Rounded before the add, as in the reference (no fused multiply-add).
    __asm__("" : "+w"(p));
    return p;
  };
  float32x4_t g = LoadQuad(gates + row, n);
  g = vaddq_f32(g, product(dot_in, s.input_row_sums, s.input_weight_scale, input));
  g = vaddq_f32(g, product(dot_rec, s.recurrent_row_sums, s.recurrent_weight_scale, output_state));
  StoreQuad(gates + row, n, g);
}

}  // namespace
}  // namespace liteforge::kernels::neon
