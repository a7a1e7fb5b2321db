// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON dot-product (ARMv8.2-A SDOT) LSTM gate products (lstm_variants.h):
// int8 weights in tiles of 16 rows x groups of 4 columns, each SDOT adding
// four rows' 4-term signed byte products to their int32 sums (exact; no
// input offset needed, both operands are signed), with the reference's
// requantization, and the hybrid products on the same layout. The
// activations and float products are arm_neon.cc's (variants.inc).

#include <arm_neon.h>

#include <cstdint>
#include <cstring>

#include "liteforge/kernels/lstm/arm_neon_lstm_stage.h"
#include "liteforge/kernels/lstm/lstm_variants.h"

namespace liteforge::kernels {
namespace {

struct Dot16 {
  int32x4_t q[4];  // rows 4j..4j+3
};

// Four input bytes x[c..c+4) (zero past cols) broadcast to every lane.
inline int8x16_t Quad(const int8_t* x, int32_t c, int32_t cols) {
  int32_t word = 0;
  if (c + 4 <= cols) {
    std::memcpy(&word, x + c, 4);
  } else {
    int8_t b[4] = {};
    std::memcpy(b, x + c, static_cast<size_t>(cols - c));
    std::memcpy(&word, b, 4);
  }
  return vreinterpretq_s8_s32(vdupq_n_s32(word));
}

inline Dot16 GroupDot(const int8_t* w, const int8_t* x, int32_t cols) {
  Dot16 d;
  for (auto& q : d.q) q = vdupq_n_s32(0);
  const int32_t groups = (cols + 3) / 4;
  for (int32_t k = 0; k < groups; ++k) {
    const int8x16_t xv = Quad(x, 4 * k, cols);
    const int8_t* wk = w + k * 64;
    d.q[0] = vdotq_s32(d.q[0], vld1q_s8(wk), xv);
    d.q[1] = vdotq_s32(d.q[1], vld1q_s8(wk + 16), xv);
    d.q[2] = vdotq_s32(d.q[2], vld1q_s8(wk + 32), xv);
    d.q[3] = vdotq_s32(d.q[3], vld1q_s8(wk + 48), xv);
  }
  return d;
}

}  // namespace

void qs8_lstm_gates_16x4c__neondot(const LstmQs8Stacked& s, int32_t n_input, int32_t n_output,
                                   const int8_t* input, const int8_t* output_state,
                                   int16_t* gates) {
  const auto* w_in = static_cast<const int8_t*>(s.input_weights);
  const auto* w_rec = static_cast<const int8_t*>(s.recurrent_weights);
  const int64_t in_tile = int64_t{16} * ((n_input + 3) / 4 * 4);
  const int64_t rec_tile = int64_t{16} * ((n_output + 3) / 4 * 4);
  for (int32_t row = 0, t = 0; row < s.rows; row += 16, ++t) {
    const Dot16 in = GroupDot(w_in + t * in_tile, input, n_input);
    const Dot16 rec = GroupDot(w_rec + t * rec_tile, output_state, n_output);
    for (int j = 0; j < 4; ++j) neon::StoreLstmGateQuad(s, row + 4 * j, in.q[j], rec.q[j], gates);
  }
}

void f32_qs8w_lstm_gates_16x4c__neondot(const LstmHybridStacked& s, int32_t n_input,
                                        int32_t n_output, LstmHybridVector input,
                                        LstmHybridVector output_state, float* gates) {
  const auto* w_in = static_cast<const int8_t*>(s.input_weights);
  const auto* w_rec = static_cast<const int8_t*>(s.recurrent_weights);
  const int64_t in_tile = int64_t{16} * ((n_input + 3) / 4 * 4);
  const int64_t rec_tile = int64_t{16} * ((n_output + 3) / 4 * 4);
  for (int32_t row = 0, t = 0; row < s.rows; row += 16, ++t) {
    const Dot16 in = GroupDot(w_in + t * in_tile, input.values, n_input);
    const Dot16 rec = GroupDot(w_rec + t * rec_tile, output_state.values, n_output);
    for (int j = 0; j < 4; ++j) {
      neon::AddHybridGateQuad(s, row + 4 * j, in.q[j], rec.q[j], input, output_state, gates);
    }
  }
}

}  // namespace liteforge::kernels
