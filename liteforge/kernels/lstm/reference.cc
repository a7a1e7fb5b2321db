// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable LSTM steps. The integer step reproduces TensorFlow Lite's 8x8_16
// arithmetic operation by operation (each intermediate saturates or rounds
// exactly where TFLite's does), because the int8 output of every step feeds
// the next one and a single differing LSB propagates through the sequence.

#include "liteforge/kernels/lstm/reference.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "liteforge/kernels/conv/reference.h"
#include "liteforge/kernels/fixed_point.h"
#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {
namespace {

// ---------------------------------------------------------------------------
// float helpers

// out[b, r] += sum_c w[r, c] * x[b, c]; the dot product is formed on its own
// and then added, as TFLite's portable float kernel does.
void F32MatVecAccumulate(const float* w, int32_t rows, int32_t cols, const float* x,
                         int32_t n_batch, float* out) {
  for (int32_t b = 0; b < n_batch; ++b) {
    const float* xb = x + static_cast<int64_t>(b) * cols;
    float* ob = out + static_cast<int64_t>(b) * rows;
    const float* wr = w;
    for (int32_t r = 0; r < rows; ++r, wr += cols) {
      float dot = 0.f;
      for (int32_t c = 0; c < cols; ++c) dot += wr[c] * xb[c];
      ob[r] += dot;
    }
  }
}

// Per batch row: (x - mean) / sqrt(variance + 1e-8).
void F32NormalizeRows(float* v, int32_t n, int32_t n_batch) {
  for (int32_t b = 0; b < n_batch; ++b, v += n) {
    float sum = 0.f;
    for (int32_t i = 0; i < n; ++i) sum += v[i];
    const float mean = sum / static_cast<float>(n);
    float sq = 0.f;
    for (int32_t i = 0; i < n; ++i) sq += (v[i] - mean) * (v[i] - mean);
    const float inv = 1.f / std::sqrt(sq / static_cast<float>(n) + 1e-8f);
    for (int32_t i = 0; i < n; ++i) v[i] = (v[i] - mean) * inv;
  }
}

// act(x) through the stages' vector sigmoid / tanh where they have one.
void Activate(RecurrentActivation act, const LstmF32Stages* stages, const float* x, int64_t n,
              float* y) {
  if (stages != nullptr) {
    if (act == RecurrentActivation::kSigmoid && stages->sigmoid != nullptr) {
      stages->sigmoid(x, n, y);
      return;
    }
    if (act == RecurrentActivation::kTanh && stages->tanh != nullptr) {
      stages->tanh(x, n, y);
      return;
    }
  }
  ApplyRecurrentActivation(act, x, n, y);
}

void F32Gate(const LstmDims& d, const LstmF32Gate& g, const float* input, const float* output_state,
             const float* cell_state, RecurrentActivation act, const LstmF32Stages* stages,
             float* gate) {
  const int64_t n = static_cast<int64_t>(d.n_batch) * d.n_cell;
  if (g.layer_norm != nullptr) {
    std::fill(gate, gate + n, 0.f);
  } else {
    for (int32_t b = 0; b < d.n_batch; ++b) {
      std::copy(g.bias, g.bias + d.n_cell, gate + static_cast<int64_t>(b) * d.n_cell);
    }
  }
  F32MatVecAccumulate(g.input_weights, d.n_cell, d.n_input, input, d.n_batch, gate);
  F32MatVecAccumulate(g.recurrent_weights, d.n_cell, d.n_output, output_state, d.n_batch, gate);
  if (g.peephole != nullptr) {
    for (int32_t b = 0; b < d.n_batch; ++b) {
      const int64_t base = static_cast<int64_t>(b) * d.n_cell;
      for (int32_t i = 0; i < d.n_cell; ++i) gate[base + i] += g.peephole[i] * cell_state[base + i];
    }
  }
  if (g.layer_norm != nullptr) {
    F32NormalizeRows(gate, d.n_cell, d.n_batch);
    for (int32_t b = 0; b < d.n_batch; ++b) {
      float* row = gate + static_cast<int64_t>(b) * d.n_cell;
      for (int32_t i = 0; i < d.n_cell; ++i) row[i] = row[i] * g.layer_norm[i] + g.bias[i];
    }
  }
  Activate(act, stages, gate, n, gate);
}

// ---------------------------------------------------------------------------
// integer helpers (TFLite tensor_utils semantics)

// out[b, r] = sat<T>(out[b, r] + MBQM(bias[r] + sum_c w[r, c] * x[b, c]) + zp).
template <typename T>
void QMatVecAccumulate(const int8_t* x, const int32_t* bias, const int8_t* w, int32_t multiplier,
                       int shift, int32_t n_batch, int32_t cols, int32_t rows, int32_t out_zp,
                       T* out) {
  constexpr int32_t kLo = std::numeric_limits<T>::min();
  constexpr int32_t kHi = std::numeric_limits<T>::max();
  for (int32_t b = 0; b < n_batch; ++b) {
    const int8_t* xb = x + static_cast<int64_t>(b) * cols;
    T* ob = out + static_cast<int64_t>(b) * rows;
    const int8_t* wr = w;
    for (int32_t r = 0; r < rows; ++r, wr += cols) {
      int32_t acc = bias[r];
      for (int32_t c = 0; c < cols; ++c) {
        acc += static_cast<int32_t>(wr[c]) * static_cast<int32_t>(xb[c]);
      }
      acc = MultiplyByQuantizedMultiplier(acc, multiplier, shift) + out_zp + ob[r];
      ob[r] = static_cast<T>(std::clamp(acc, kLo, kHi));
    }
  }
}

// gate[b, i] = sat16(gate[b, i] + MBQM(w[i] * c[b, i])).
void QPeepholeAccumulate(const int16_t* w, const int16_t* cell, int32_t multiplier, int shift,
                         int32_t n_batch, int32_t n_cell, int16_t* gate) {
  for (int32_t b = 0; b < n_batch; ++b) {
    const int64_t base = static_cast<int64_t>(b) * n_cell;
    for (int32_t i = 0; i < n_cell; ++i) {
      const int32_t prod = MultiplyByQuantizedMultiplier(
          static_cast<int32_t>(w[i]) * static_cast<int32_t>(cell[base + i]), multiplier, shift);
      gate[base + i] = SaturateCast<int16_t>(prod + gate[base + i]);
    }
  }
}

// Integer layer normalization of each batch row of int16 gate values, then
// * weights + bias and a rescale by the coefficients' scale. The products
// below wrap in 32 bits exactly like TFLite's (its int32 expression), which
// only matters for out-of-range models.
void QLayerNorm(const LstmQs8Gate& g, int32_t n_batch, int32_t n, int16_t* v) {
  constexpr int64_t kTwoPow20 = int64_t{1} << 20;
  for (int32_t b = 0; b < n_batch; ++b, v += n) {
    int64_t sum = 0;
    int64_t sum_sq = 0;
    for (int32_t i = 0; i < n; ++i) {
      const int32_t x = v[i];
      sum += x;
      sum_sq += x * x;
    }
    const int32_t mean = static_cast<int32_t>(sum * 1024 / n);
    const int32_t per_elem = static_cast<int32_t>(kTwoPow20 / n);
    const int64_t variance = sum_sq * per_elem - static_cast<int64_t>(mean) * mean;
    int32_t var = static_cast<int32_t>(variance / kTwoPow20);
    if (var < 1) var = g.variance_guard;
    int32_t inv_a = 0;
    int inv_b = 0;
    fixed_point::GetInvSqrtQuantizedMultiplierExp(var, -1, &inv_a, &inv_b);
    for (int32_t i = 0; i < n; ++i) {
      const int32_t centered = 1024 * static_cast<int32_t>(v[i]) - mean;
      const int32_t normalized = MultiplyByQuantizedMultiplier(centered, inv_a, inv_b);
      const uint32_t wrapped = static_cast<uint32_t>(normalized) *
                                   static_cast<uint32_t>(static_cast<int32_t>(g.layer_norm[i])) +
                               static_cast<uint32_t>(g.layer_norm_bias[i]);
      const int64_t weighted = static_cast<int32_t>(wrapped);
      const int32_t down =
          static_cast<int32_t>((weighted > 0 ? weighted + 512 : weighted - 512) / 1024);
      const int32_t out =
          MultiplyByQuantizedMultiplier(down, g.layer_norm_multiplier, g.layer_norm_shift + 12);
      v[i] = SaturateCast<int16_t>(out);
    }
  }
}

// Q3.12 -> Q0.15 logistic (gemmlowp's 16-bit fixed-point logistic).
void QSigmoid(int16_t* v, int64_t n) {
  using F3 = fixed_point::FixedPoint16<3>;
  for (int64_t i = 0; i < n; ++i) v[i] = fixed_point::logistic(F3::FromRaw(v[i])).raw();
}

template <int kIntBits>
void QTanhImpl(const int16_t* in, int64_t n, int16_t* out) {
  using FX = fixed_point::FixedPoint16<kIntBits>;
  for (int64_t i = 0; i < n; ++i) out[i] = fixed_point::tanh(FX::FromRaw(in[i])).raw();
}

// Input with `int_bits` integer bits (0..6) -> Q0.15 tanh.
void QTanh(int int_bits, const int16_t* in, int64_t n, int16_t* out) {
  switch (int_bits) {
    case 0:
      QTanhImpl<0>(in, n, out);
      return;
    case 1:
      QTanhImpl<1>(in, n, out);
      return;
    case 2:
      QTanhImpl<2>(in, n, out);
      return;
    case 3:
      QTanhImpl<3>(in, n, out);
      return;
    case 4:
      QTanhImpl<4>(in, n, out);
      return;
    case 5:
      QTanhImpl<5>(in, n, out);
      return;
    case 6:
      QTanhImpl<6>(in, n, out);
      return;
    default:
      std::fill(out, out + n, int16_t{0});
      return;  // rejected in Prepare
  }
}

// out = (a * b) / 2^shift rounded; kept to 16 bits without saturation.
void QMulShift(const int16_t* a, const int16_t* b, int shift, int64_t n, int16_t* out) {
  for (int64_t i = 0; i < n; ++i) {
    const int32_t prod = static_cast<int32_t>(a[i]) * static_cast<int32_t>(b[i]);
    out[i] = static_cast<int16_t>(RoundingDivideByPOT(prod, shift));
  }
}

void QSaturatingAdd(const int16_t* a, const int16_t* b, int64_t n, int16_t* out) {
  for (int64_t i = 0; i < n; ++i) {
    out[i] = SaturateCast<int16_t>(static_cast<int32_t>(a[i]) + static_cast<int32_t>(b[i]));
  }
}

template <typename T>
void QClip(T* v, int64_t n, T limit) {
  const T lo = static_cast<T>(-limit);
  for (int64_t i = 0; i < n; ++i) v[i] = std::clamp(v[i], lo, limit);
}

// gate = both products of gate g, the reference loops.
void QGateProducts(const LstmDims& d, const LstmQs8Gate& g, const int8_t* input,
                   const int8_t* output_state, int16_t* gate) {
  const int64_t n = static_cast<int64_t>(d.n_batch) * d.n_cell;
  std::fill(gate, gate + n, int16_t{0});
  QMatVecAccumulate<int16_t>(input, g.input_effective_bias, g.input_weights, g.input_multiplier,
                             g.input_shift, d.n_batch, d.n_input, d.n_cell, 0, gate);
  QMatVecAccumulate<int16_t>(output_state, g.recurrent_effective_bias, g.recurrent_weights,
                             g.recurrent_multiplier, g.recurrent_shift, d.n_batch, d.n_output,
                             d.n_cell, 0, gate);
}

// Peephole, layer norm and activation of a gate holding its products.
void QGateFinish(const LstmDims& d, const LstmQs8Gate& g, const int16_t* cell_state,
                 bool is_cell_gate, const LstmQs8Stages& stages, int16_t* gate) {
  const int64_t n = static_cast<int64_t>(d.n_batch) * d.n_cell;
  if (g.peephole != nullptr) {
    QPeepholeAccumulate(g.peephole, cell_state, g.peephole_multiplier, g.peephole_shift, d.n_batch,
                        d.n_cell, gate);
  }
  if (g.layer_norm != nullptr) QLayerNorm(g, d.n_batch, d.n_cell, gate);
  if (is_cell_gate) {
    stages.tanh(3, gate, n, gate);
  } else {
    stages.sigmoid(gate, n, gate);
  }
}

}  // namespace

namespace {

// The float-state part of a step, shared by the float and hybrid LSTMs:
// `gate(g, act, out)` computes gate g into out, `project(hidden, out)`
// writes the projected output state.
template <typename GateFn, typename ProjectFn>
void FloatStateStep(const LstmDims& d, bool cifg, bool has_projection, RecurrentActivation act,
                    float cell_clip, float proj_clip, GateFn gate, ProjectFn project,
                    float* output_state, float* cell_state, float* scratch,
                    const LstmF32Stages* stages = nullptr) {
  const int64_t n = static_cast<int64_t>(d.n_batch) * d.n_cell;
  float* input_gate = scratch;
  float* forget_gate = scratch + n;
  float* cell_gate = scratch + 2 * n;
  float* output_gate = scratch + 3 * n;
  float* hidden = scratch + 4 * n;

  if (!cifg) gate(kGateInput, RecurrentActivation::kSigmoid, input_gate);
  gate(kGateForget, RecurrentActivation::kSigmoid, forget_gate);
  gate(kGateCell, act, cell_gate);

  // c' = f * c + i * g, with i = 1 - f under CIFG.
  for (int64_t i = 0; i < n; ++i) {
    const float in_gate = cifg ? 1.f - forget_gate[i] : input_gate[i];
    cell_state[i] = forget_gate[i] * cell_state[i] + cell_gate[i] * in_gate;
  }
  if (cell_clip > 0.f) {
    for (int64_t i = 0; i < n; ++i) {
      cell_state[i] = std::max(-cell_clip, std::min(cell_clip, cell_state[i]));
    }
  }

  gate(kGateOutput, RecurrentActivation::kSigmoid, output_gate);
  Activate(act, stages, cell_state, n, hidden);
  for (int64_t i = 0; i < n; ++i) hidden[i] *= output_gate[i];

  const int64_t n_out = static_cast<int64_t>(d.n_batch) * d.n_output;
  if (has_projection) {
    project(hidden, output_state);
    if (proj_clip > 0.f) {
      for (int64_t i = 0; i < n_out; ++i) {
        output_state[i] = std::max(-proj_clip, std::min(proj_clip, output_state[i]));
      }
    }
  } else {
    std::copy(hidden, hidden + n_out, output_state);
  }
}

// Rows of `out` [n_batch, rows] set to `bias` (or zero).
void FillRows(const float* bias, int32_t rows, int32_t n_batch, float* out) {
  for (int32_t b = 0; b < n_batch; ++b) {
    float* row = out + static_cast<int64_t>(b) * rows;
    if (bias != nullptr) {
      std::copy(bias, bias + rows, row);
    } else {
      std::fill(row, row + rows, 0.f);
    }
  }
}

// A float vector batch quantized per row for the hybrid products.
struct QuantizedRows {
  int8_t* values = nullptr;  // [n_batch, cols]
  float* scales = nullptr;   // [n_batch]
  int32_t* zero_points = nullptr;
};

void QuantizeRows(const float* x, int32_t n_batch, int32_t cols, bool asymmetric, QuantizedRows q) {
  for (int32_t b = 0; b < n_batch; ++b) {
    const float* xb = x + static_cast<int64_t>(b) * cols;
    int8_t* qb = q.values + static_cast<int64_t>(b) * cols;
    if (asymmetric) {
      q.scales[b] = HybridQuantizeAsymmetric(xb, cols, qb, &q.zero_points[b]);
    } else {
      q.scales[b] = HybridQuantizeSymmetric(xb, cols, qb);
      q.zero_points[b] = 0;
    }
  }
}

// out[b, r] += (sum_c w[r, c] * (x[b, c] - zp[b])) * (x_scale[b] * w_scale):
// the int32 dot product, the zero point removed through the row sums, then
// one float multiply-add, as TFLite's hybrid kernels order it.
void HybridMatVecAccumulate(const LstmHybridWeights& w, int32_t rows, int32_t cols,
                            const QuantizedRows& x, int32_t n_batch, bool asymmetric, float* out) {
  for (int32_t b = 0; b < n_batch; ++b) {
    const int8_t* xb = x.values + static_cast<int64_t>(b) * cols;
    const float factor = x.scales[b] * w.scale;
    float* ob = out + static_cast<int64_t>(b) * rows;
    const int8_t* wr = w.data;
    for (int32_t r = 0; r < rows; ++r, wr += cols) {
      int32_t dot = 0;
      for (int32_t c = 0; c < cols; ++c) dot += static_cast<int32_t>(wr[c]) * xb[c];
      if (asymmetric) dot -= w.row_sums[r] * x.zero_points[b];
      ob[r] += static_cast<float>(dot) * factor;
    }
  }
}

void AddPeepholeAndNormalize(const LstmDims& d, const float* peephole, const float* layer_norm,
                             const float* bias, const float* cell_state, float* gate) {
  if (peephole != nullptr) {
    for (int32_t b = 0; b < d.n_batch; ++b) {
      const int64_t base = static_cast<int64_t>(b) * d.n_cell;
      for (int32_t i = 0; i < d.n_cell; ++i) gate[base + i] += peephole[i] * cell_state[base + i];
    }
  }
  if (layer_norm != nullptr) {
    F32NormalizeRows(gate, d.n_cell, d.n_batch);
    for (int32_t b = 0; b < d.n_batch; ++b) {
      float* row = gate + static_cast<int64_t>(b) * d.n_cell;
      for (int32_t i = 0; i < d.n_cell; ++i) row[i] = row[i] * layer_norm[i] + bias[i];
    }
  }
}

int64_t AlignedBytes(int64_t bytes) { return (bytes + 63) / 64 * 64; }

}  // namespace

void f32_lstm_step__reference(const LstmDims& d, const LstmF32Params& p, const float* input,
                              float* output_state, float* cell_state, float* scratch) {
  const bool cifg = p.gates[kGateInput].input_weights == nullptr;
  FloatStateStep(
      d, cifg, p.projection_weights != nullptr, p.activation, p.cell_clip, p.proj_clip,
      [&](int g, RecurrentActivation act, float* out) {
        F32Gate(d, p.gates[g], input, output_state, cell_state, act, nullptr, out);
      },
      [&](const float* hidden, float* out) {
        FillRows(p.projection_bias, d.n_output, d.n_batch, out);
        F32MatVecAccumulate(p.projection_weights, d.n_output, d.n_cell, hidden, d.n_batch, out);
      },
      output_state, cell_state, scratch);
}

void f32_lstm_step(const LstmDims& d, const LstmF32Params& p, const LstmF32Stages& stages,
                   const float* input, float* output_state, float* cell_state, float* scratch) {
  if (stages.gate_products == nullptr) {
    FloatStateStep(
        d, p.gates[kGateInput].input_weights == nullptr, p.projection_weights != nullptr,
        p.activation, p.cell_clip, p.proj_clip,
        [&](int g, RecurrentActivation act, float* out) {
          F32Gate(d, p.gates[g], input, output_state, cell_state, act, &stages, out);
        },
        [&](const float* hidden, float* out) {
          FillRows(p.projection_bias, d.n_output, d.n_batch, out);
          F32MatVecAccumulate(p.projection_weights, d.n_output, d.n_cell, hidden, d.n_batch, out);
        },
        output_state, cell_state, scratch, &stages);
    return;
  }
  // Every stacked gate's products up front (they read only the input and
  // the old output state), gate-major like FloatStateStep's scratch.
  const int64_t n = static_cast<int64_t>(d.n_batch) * d.n_cell;
  const LstmF32Stacked& s = stages.stacked;
  float* rows = scratch + 5 * n;
  for (int32_t b = 0; b < d.n_batch; ++b) {
    const float* x = input + static_cast<int64_t>(b) * d.n_input;
    const float* h = output_state + static_cast<int64_t>(b) * d.n_output;
    if (d.n_batch == 1) {
      stages.gate_products(s, d.n_input, d.n_output, x, h, scratch + s.first_gate * n);
      continue;
    }
    stages.gate_products(s, d.n_input, d.n_output, x, h, rows);
    for (int g = s.first_gate; g < 4; ++g) {
      const float* src = rows + static_cast<int64_t>(g - s.first_gate) * d.n_cell;
      std::copy(src, src + d.n_cell, scratch + g * n + static_cast<int64_t>(b) * d.n_cell);
    }
  }
  FloatStateStep(
      d, s.first_gate != kGateInput, p.projection_weights != nullptr, p.activation, p.cell_clip,
      p.proj_clip,
      [&](int g, RecurrentActivation act, float* out) {
        const LstmF32Gate& gate = p.gates[g];
        AddPeepholeAndNormalize(d, gate.peephole, gate.layer_norm, gate.bias, cell_state, out);
        Activate(act, &stages, out, n, out);
      },
      [&](const float* hidden, float* out) {
        FillRows(p.projection_bias, d.n_output, d.n_batch, out);
        F32MatVecAccumulate(p.projection_weights, d.n_output, d.n_cell, hidden, d.n_batch, out);
      },
      output_state, cell_state, scratch, &stages);
}

int64_t HybridLstmScratchBytes(const LstmDims& d) {
  const int64_t n = static_cast<int64_t>(d.n_batch) * d.n_cell;
  const int64_t widest = std::max<int64_t>({d.n_input, d.n_output, d.n_cell});
  return AlignedBytes(5 * n * static_cast<int64_t>(sizeof(float))) +
         3 * AlignedBytes(static_cast<int64_t>(d.n_batch) * widest) +
         3 * AlignedBytes(static_cast<int64_t>(d.n_batch) * 8);
}

void HybridLstmRowSums(const int8_t* w, int32_t rows, int32_t cols, int32_t* sums) {
  for (int32_t r = 0; r < rows; ++r) {
    int32_t s = 0;
    for (int32_t c = 0; c < cols; ++c) s += w[static_cast<int64_t>(r) * cols + c];
    sums[r] = s;
  }
}

void f32_qs8w_lstm_step_hybrid__reference(const LstmDims& d, const LstmHybridParams& p,
                                          const float* input, float* output_state,
                                          float* cell_state, uint8_t* scratch) {
  f32_qs8w_lstm_step_hybrid(d, p, LstmHybridStages{}, input, output_state, cell_state, scratch);
}

int64_t HybridLstmStagedScratchBytes(const LstmDims& d) {
  return HybridLstmScratchBytes(d) +
         (d.n_batch > 1 ? AlignedBytes(4 * int64_t{d.n_cell} * int64_t{sizeof(float)}) : 0);
}

void f32_qs8w_lstm_step_hybrid(const LstmDims& d, const LstmHybridParams& p,
                               const LstmHybridStages& stages, const float* input,
                               float* output_state, float* cell_state, uint8_t* scratch) {
  const int64_t n = static_cast<int64_t>(d.n_batch) * d.n_cell;
  const int64_t widest = std::max<int64_t>({d.n_input, d.n_output, d.n_cell});
  auto* gates_scratch = reinterpret_cast<float*>(scratch);
  uint8_t* next = scratch + AlignedBytes(5 * n * static_cast<int64_t>(sizeof(float)));
  auto rows = [&](int64_t width) {
    QuantizedRows q;
    q.values = reinterpret_cast<int8_t*>(next);
    next += AlignedBytes(static_cast<int64_t>(d.n_batch) * width);
    return q;
  };
  QuantizedRows qx = rows(widest), qh = rows(widest), qp = rows(widest);
  for (QuantizedRows* q : {&qx, &qh, &qp}) {
    q->scales = reinterpret_cast<float*>(next);
    q->zero_points = reinterpret_cast<int32_t*>(next) + d.n_batch;
    next += AlignedBytes(static_cast<int64_t>(d.n_batch) * 8);
  }
  const bool asym = p.asymmetric_inputs;
  // Both vectors are quantized once per step, before any gate reads them.
  QuantizeRows(input, d.n_batch, d.n_input, asym, qx);
  QuantizeRows(output_state, d.n_batch, d.n_output, asym, qh);

  const bool cifg = p.gates[kGateInput].input_weights.data == nullptr;
  if (stages.gate_products != nullptr) {
    // Every stacked gate's products up front, gate-major; each batch row's
    // gates start from their bias (0 with layer norm), as FillRows does.
    const LstmHybridStacked& s = stages.stacked;
    auto* temp = reinterpret_cast<float*>(next);  // [rows], only for n_batch > 1
    for (int32_t b = 0; b < d.n_batch; ++b) {
      float* out = d.n_batch == 1 ? gates_scratch + s.first_gate * n : temp;
      for (int g = s.first_gate; g < 4; ++g) {
        const LstmHybridGate& gate = p.gates[g];
        FillRows(gate.layer_norm != nullptr ? nullptr : gate.bias, d.n_cell, 1,
                 out + static_cast<int64_t>(g - s.first_gate) * d.n_cell);
      }
      const LstmHybridVector x{qx.values + static_cast<int64_t>(b) * d.n_input, qx.scales[b],
                               qx.zero_points[b]};
      const LstmHybridVector h{qh.values + static_cast<int64_t>(b) * d.n_output, qh.scales[b],
                               qh.zero_points[b]};
      stages.gate_products(s, d.n_input, d.n_output, x, h, out);
      if (d.n_batch == 1) continue;
      for (int g = s.first_gate; g < 4; ++g) {
        const float* src = temp + static_cast<int64_t>(g - s.first_gate) * d.n_cell;
        std::copy(src, src + d.n_cell,
                  gates_scratch + g * n + static_cast<int64_t>(b) * d.n_cell);
      }
    }
  }
  const LstmF32Stages activations{nullptr, {}, stages.sigmoid, stages.tanh};
  FloatStateStep(
      d, cifg, p.projection_weights.data != nullptr, p.activation, p.cell_clip, p.proj_clip,
      [&](int gi, RecurrentActivation act, float* out) {
        const LstmHybridGate& g = p.gates[gi];
        if (stages.gate_products == nullptr) {
          FillRows(g.layer_norm != nullptr ? nullptr : g.bias, d.n_cell, d.n_batch, out);
          HybridMatVecAccumulate(g.input_weights, d.n_cell, d.n_input, qx, d.n_batch, asym, out);
          HybridMatVecAccumulate(g.recurrent_weights, d.n_cell, d.n_output, qh, d.n_batch, asym,
                                 out);
        }
        AddPeepholeAndNormalize(d, g.peephole, g.layer_norm, g.bias, cell_state, out);
        Activate(act, &activations, out, n, out);
      },
      [&](const float* hidden, float* out) {
        FillRows(p.projection_bias, d.n_output, d.n_batch, out);
        QuantizeRows(hidden, d.n_batch, d.n_cell, asym, qp);
        HybridMatVecAccumulate(p.projection_weights, d.n_output, d.n_cell, qp, d.n_batch, asym, out);
      },
      output_state, cell_state, gates_scratch, &activations);
}

void qs16_sigmoid__reference(const int16_t* in, int64_t n, int16_t* out) {
  if (in != out) std::copy(in, in + n, out);
  QSigmoid(out, n);
}

void qs16_tanh__reference(int int_bits, const int16_t* in, int64_t n, int16_t* out) {
  QTanh(int_bits, in, n, out);
}

void qs8_lstm_step__reference(const LstmDims& d, const LstmQs8Params& p, const int8_t* input,
                              int8_t* output_state, int16_t* cell_state, int16_t* scratch) {
  qs8_lstm_step(d, p, LstmQs8Stages{}, input, output_state, cell_state, scratch);
}

void qs8_lstm_step(const LstmDims& d, const LstmQs8Params& p, const LstmQs8Stages& stages,
                   const int8_t* input, int8_t* output_state, int16_t* cell_state,
                   int16_t* scratch) {
  const int64_t n = static_cast<int64_t>(d.n_batch) * d.n_cell;
  int16_t* input_gate = scratch;
  int16_t* forget_gate = scratch + n;
  int16_t* cell_gate = scratch + 2 * n;
  int16_t* output_gate = scratch + 3 * n;
  int16_t* temp = scratch + 4 * n;
  const bool cifg = p.gates[kGateInput].input_weights == nullptr;

  // The products read only the input and the old output state, so the
  // stages compute all of them up front (the output gate's too), one batch
  // row at a time; the gates stay gate-major ([gate][batch][cell]).
  if (stages.gate_products != nullptr) {
    const LstmQs8Stacked& s = stages.stacked;
    int16_t* rows = scratch + 5 * n;  // [stacked rows] of one batch row
    for (int32_t b = 0; b < d.n_batch; ++b) {
      const int8_t* x = input + static_cast<int64_t>(b) * d.n_input;
      const int8_t* h = output_state + static_cast<int64_t>(b) * d.n_output;
      if (d.n_batch == 1) {
        stages.gate_products(s, d.n_input, d.n_output, x, h, scratch + s.first_gate * n);
        continue;
      }
      stages.gate_products(s, d.n_input, d.n_output, x, h, rows);
      for (int g = s.first_gate; g < 4; ++g) {
        const int16_t* src = rows + static_cast<int64_t>(g - s.first_gate) * d.n_cell;
        std::copy(src, src + d.n_cell, scratch + g * n + static_cast<int64_t>(b) * d.n_cell);
      }
    }
  }
  // Without peepholes and layer norm every gate is its activation of its
  // products, so with the products ready all four are activated at once:
  // the input and forget gates are adjacent, one sigmoid call covers both
  // (longer vector runs; the values are the same element by element).
  bool plain = stages.gate_products != nullptr;
  for (const LstmQs8Gate& g : p.gates) {
    plain = plain && g.peephole == nullptr && g.layer_norm == nullptr;
  }
  auto gate = [&](int g, bool is_cell_gate, int16_t* out) {
    if (plain) return;
    if (stages.gate_products == nullptr) QGateProducts(d, p.gates[g], input, output_state, out);
    QGateFinish(d, p.gates[g], cell_state, is_cell_gate, stages, out);
  };
  if (plain) {
    stages.sigmoid(cifg ? forget_gate : input_gate, cifg ? n : 2 * n,
                   cifg ? forget_gate : input_gate);
    stages.tanh(3, cell_gate, n, cell_gate);
    stages.sigmoid(output_gate, n, output_gate);
  }

  if (!cifg) gate(kGateInput, false, input_gate);
  gate(kGateForget, false, forget_gate);
  gate(kGateCell, true, cell_gate);

  // c' = sat16(f * c >> 15 + i * g >> (30 + cell_scale_log2)); i = 1 - f under
  // CIFG (32767 standing for 1.0 in Q0.15).
  QMulShift(forget_gate, cell_state, 15, n, cell_state);
  if (cifg) {
    for (int64_t i = 0; i < n; ++i) temp[i] = static_cast<int16_t>(32767 - forget_gate[i]);
    QMulShift(temp, cell_gate, 30 + p.cell_scale_log2, n, temp);
  } else {
    QMulShift(input_gate, cell_gate, 30 + p.cell_scale_log2, n, temp);
  }
  QSaturatingAdd(cell_state, temp, n, cell_state);
  if (p.cell_clip > 0) QClip<int16_t>(cell_state, n, p.cell_clip);

  gate(kGateOutput, false, output_gate);

  // hidden = o * tanh(c'), requantized to int8 at the hidden scale. TFLite
  // offsets it by +zero_point when it is the output, but by -zero_point when
  // it feeds the projection (whose folded bias adds +zero_point * row sums).
  stages.tanh(15 + p.cell_scale_log2, cell_state, n, temp);
  const bool projection = p.projection_weights != nullptr;
  const int32_t hidden_offset = projection ? -p.hidden_zero_point : p.hidden_zero_point;
  int8_t* hidden = reinterpret_cast<int8_t*>(cell_gate);  // the cell gate is spent
  for (int64_t i = 0; i < n; ++i) {
    int32_t v = static_cast<int32_t>(output_gate[i]) * static_cast<int32_t>(temp[i]);
    v = MultiplyByQuantizedMultiplier(v, p.hidden_multiplier, p.hidden_shift) + hidden_offset;
    hidden[i] = static_cast<int8_t>(std::clamp<int32_t>(v, -128, 127));
  }

  const int64_t n_out = static_cast<int64_t>(d.n_batch) * d.n_output;
  if (projection) {
    std::fill(output_state, output_state + n_out, int8_t{0});
    QMatVecAccumulate<int8_t>(hidden, p.projection_effective_bias, p.projection_weights,
                              p.projection_multiplier, p.projection_shift, d.n_batch, d.n_cell,
                              d.n_output, p.output_state_zero_point, output_state);
    if (p.proj_clip > 0) QClip<int8_t>(output_state, n_out, p.proj_clip);
  } else {
    std::memcpy(output_state, hidden, static_cast<size_t>(n_out));
  }
}

}  // namespace liteforge::kernels
