// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// One time step of a long short-term memory cell (TFLite's LSTM family:
// UNIDIRECTIONAL_SEQUENCE_LSTM walks these steps over the sequence).
//
// Gates are indexed kGateInput, kGateForget, kGateCell, kGateOutput. With
// CIFG ("coupled input and forget gate") the input gate has no weights and is
// 1 - forget. Optional parts (peephole, layer norm, projection) are null
// pointers when absent.
//
//   gate_g   = act_g(LN_g(W_g x + R_g h + p_g . c) + b_g)   (b_g inside when no LN)
//   c'       = f . c + i . g          (clipped to +-cell_clip when > 0)
//   h'       = o . act(c')            (peephole of o sees c')
//   out      = projection ? clip(P h' + pb) : h'
//
// Two numeric variants:
//   f32_lstm_step__reference: float, TFLite's float evaluation order.
//   f32_qs8w_lstm_step_hybrid__reference: TFLite's hybrid LSTM: float
//     input, states, gates and biases; int8 weights (one scale per tensor).
//     Before each matrix product the float vector (input, output state,
//     hidden) is quantized to int8 per batch row, symmetrically or, with
//     asymmetric_inputs, with a zero point; the int32 dot product times
//     (vector scale x weight scale) is added to the float gate.
//   qs8_lstm_step__reference: TFLite's "8x8_16" integer LSTM: int8 input,
//     weights and output state, int16 cell state with a power-of-two scale,
//     int16 gates in Q3.12 (sigmoid) / tanh outputs in Q0.15, int32 biases
//     with the input/state zero points folded in ahead of time.

#pragma once

#include <cstdint>

#include "liteforge/kernels/rnn/activation.h"

namespace liteforge::kernels {

inline constexpr int kGateInput = 0;
inline constexpr int kGateForget = 1;
inline constexpr int kGateCell = 2;
inline constexpr int kGateOutput = 3;

struct LstmDims {
  int32_t n_batch = 0;
  int32_t n_input = 0;
  int32_t n_cell = 0;
  int32_t n_output = 0;
};

// ---------------------------------------------------------------------------
// float32

struct LstmF32Gate {
  const float* input_weights = nullptr;      // [n_cell, n_input]; null: CIFG input gate
  const float* recurrent_weights = nullptr;  // [n_cell, n_output]
  const float* peephole = nullptr;           // [n_cell] or null
  const float* layer_norm = nullptr;         // [n_cell] or null
  const float* bias = nullptr;               // [n_cell]
};

struct LstmF32Params {
  LstmF32Gate gates[4];
  const float* projection_weights = nullptr;  // [n_output, n_cell] or null
  const float* projection_bias = nullptr;     // [n_output] or null
  RecurrentActivation activation = RecurrentActivation::kTanh;
  float cell_clip = 0.f;  // 0: none
  float proj_clip = 0.f;  // 0: none
};

// Floats of scratch f32_lstm_step__reference needs.
inline int64_t F32LstmScratchElements(const LstmDims& d) {
  return 5 * static_cast<int64_t>(d.n_batch) * d.n_cell;
}

// input [n_batch, n_input]; output_state [n_batch, n_output] and cell_state
// [n_batch, n_cell] are read and updated in place (the new output_state is
// the step's output).
void f32_lstm_step__reference(const LstmDims& dims, const LstmF32Params& p, const float* input,
                              float* output_state, float* cell_state, float* scratch);

// ---------------------------------------------------------------------------
// int8 input/weights/state, int16 cell ("8x8_16")

struct LstmQs8Gate {
  const int8_t* input_weights = nullptr;  // null: CIFG input gate
  const int8_t* recurrent_weights = nullptr;
  // bias (when there is no layer norm) - input_zp * row sums of input_weights.
  const int32_t* input_effective_bias = nullptr;
  // -output_state_zp * row sums of recurrent_weights.
  const int32_t* recurrent_effective_bias = nullptr;
  int32_t input_multiplier = 0;
  int input_shift = 0;
  int32_t recurrent_multiplier = 0;
  int recurrent_shift = 0;
  const int16_t* peephole = nullptr;  // [n_cell] or null
  int32_t peephole_multiplier = 0;
  int peephole_shift = 0;
  const int16_t* layer_norm = nullptr;  // [n_cell] or null
  const int32_t* layer_norm_bias = nullptr;
  int32_t layer_norm_multiplier = 0;
  int layer_norm_shift = 0;
  int32_t variance_guard = 1;
};

struct LstmQs8Params {
  LstmQs8Gate gates[4];
  int cell_scale_log2 = -15;      // cell state scale is 2^cell_scale_log2
  int16_t cell_clip = 0;          // 0: none
  int8_t proj_clip = 0;           // 0: none
  int32_t hidden_multiplier = 0;  // o (Q0.15) * tanh(c) (Q0.15) -> hidden int8
  int hidden_shift = 0;
  int32_t hidden_zero_point = 0;
  const int8_t* projection_weights = nullptr;  // [n_output, n_cell] or null
  const int32_t* projection_effective_bias = nullptr;
  int32_t projection_multiplier = 0;
  int projection_shift = 0;
  int32_t output_state_zero_point = 0;
};

// int16 elements of scratch qs8_lstm_step__reference needs (it also keeps an
// int8 hidden vector there).
inline int64_t Qs8LstmScratchElements(const LstmDims& d) {
  return 5 * static_cast<int64_t>(d.n_batch) * d.n_cell;
}

// Same contract as the float step; cell_state is int16 at 2^cell_scale_log2.
void qs8_lstm_step__reference(const LstmDims& dims, const LstmQs8Params& p, const int8_t* input,
                              int8_t* output_state, int16_t* cell_state, int16_t* scratch);

// The integer step's activations: Q3.12 -> Q0.15 logistic, and tanh of an
// input with `int_bits` integer bits (0..6; 16 - 1 - int_bits fractional)
// -> Q0.15. `in` and `out` may be the same array.
void qs16_sigmoid__reference(const int16_t* in, int64_t n, int16_t* out);
void qs16_tanh__reference(int int_bits, const int16_t* in, int64_t n, int16_t* out);

// ---------------------------------------------------------------------------
// Steps with SIMD stages (the variants of lstm_variants.h). The gates that
// have weights (all four, or three under CIFG) are "stacked": their rows
// follow one another gate by gate, so one matrix-vector product per input
// vector covers every gate. The weights are packed once, in Prepare, into
// the layout of the variant that runs them.

// Integer: both products of every stacked row, requantized per row exactly
// as qs8_lstm_step__reference does it:
//   gates[r] = sat16(sat16(MBQM_in(input_bias[r] + W[r] . (x + offset)))
//                    + MBQM_rec(recurrent_bias[r] + R[r] . (h + offset)))
// where `offset` is the variant's input offset (128 for kernels that
// multiply unsigned by signed bytes; its row sums are folded into the
// biases) and MBQM takes the per-row multiplier, left and right shift.
struct LstmQs8Stacked {
  int32_t rows = 0;
  int first_gate = kGateInput;  // kGateForget under CIFG
  const void* input_weights = nullptr;      // packed [rows x n_input]
  const void* recurrent_weights = nullptr;  // packed [rows x n_output]
  const int32_t* input_bias = nullptr;      // [rows]
  const int32_t* recurrent_bias = nullptr;  // [rows]
  // [3 * rows]: multipliers, left shifts, right shifts.
  const int32_t* input_scale = nullptr;
  const int32_t* recurrent_scale = nullptr;
};

using LstmQs8GateProductsFn = void (*)(const LstmQs8Stacked& s, int32_t n_input, int32_t n_output,
                                       const int8_t* input, const int8_t* output_state,
                                       int16_t* gates);
using LstmQs16ActivationFn = void (*)(const int16_t* in, int64_t n, int16_t* out);
using LstmQs16TanhFn = void (*)(int int_bits, const int16_t* in, int64_t n, int16_t* out);

struct LstmQs8Stages {
  LstmQs8GateProductsFn gate_products = nullptr;  // null: the reference loops
  LstmQs8Stacked stacked;
  LstmQs16ActivationFn sigmoid = qs16_sigmoid__reference;
  LstmQs16TanhFn tanh = qs16_tanh__reference;
};

// int16 elements of scratch qs8_lstm_step needs: the reference's, plus
// one batch row of stacked gates when there are several rows (one row's
// products land in place).
inline int64_t Qs8LstmStagedScratchElements(const LstmDims& d) {
  return Qs8LstmScratchElements(d) + (d.n_batch > 1 ? 4 * static_cast<int64_t>(d.n_cell) : 0);
}

// qs8_lstm_step__reference with the given stages; bit-exact with it.
void qs8_lstm_step(const LstmDims& dims, const LstmQs8Params& p, const LstmQs8Stages& stages,
                   const int8_t* input, int8_t* output_state, int16_t* cell_state,
                   int16_t* scratch);

// Float: gates[r] = bias[r] + W[r] . x + R[r] . h over the stacked rows,
// the weights of each row packed as one row of n_input + n_output columns
// (bias zero with layer norm, which adds it after normalizing).
struct LstmF32Stacked {
  int32_t rows = 0;
  int first_gate = kGateInput;
  const float* weights = nullptr;  // packed [rows x (n_input + n_output)]
  const float* bias = nullptr;     // [rows]
};

using LstmF32GateProductsFn = void (*)(const LstmF32Stacked& s, int32_t n_input, int32_t n_output,
                                       const float* input, const float* output_state,
                                       float* gates);
using LstmF32ActivationFn = void (*)(const float* in, int64_t n, float* out);

struct LstmF32Stages {
  LstmF32GateProductsFn gate_products = nullptr;  // null: the reference loops
  LstmF32Stacked stacked;
  LstmF32ActivationFn sigmoid = nullptr;  // null: the reference's
  LstmF32ActivationFn tanh = nullptr;
};

// Floats of scratch f32_lstm_step needs (as Qs8LstmStagedScratchElements).
inline int64_t F32LstmStagedScratchElements(const LstmDims& d) {
  return F32LstmScratchElements(d) + (d.n_batch > 1 ? 4 * static_cast<int64_t>(d.n_cell) : 0);
}

// f32_lstm_step__reference with the given stages: the products sum in a
// different order (and with fused multiply-adds) and the activations are
// approximations, so results agree within a tolerance (lstm_variants.h).
void f32_lstm_step(const LstmDims& dims, const LstmF32Params& p, const LstmF32Stages& stages,
                   const float* input, float* output_state, float* cell_state, float* scratch);

// ---------------------------------------------------------------------------
// hybrid: float activations, int8 weights

struct LstmHybridWeights {
  const int8_t* data = nullptr;  // [rows, cols] or null
  float scale = 0.f;
  const int32_t* row_sums = nullptr;  // [rows]; needed with asymmetric_inputs
};

struct LstmHybridGate {
  LstmHybridWeights input_weights;      // null data: CIFG input gate
  LstmHybridWeights recurrent_weights;
  const float* peephole = nullptr;      // [n_cell] dequantized, or null
  const float* layer_norm = nullptr;    // [n_cell] or null
  const float* bias = nullptr;          // [n_cell]
};

struct LstmHybridParams {
  LstmHybridGate gates[4];
  LstmHybridWeights projection_weights;    // [n_output, n_cell] or null data
  const float* projection_bias = nullptr;  // [n_output] or null
  RecurrentActivation activation = RecurrentActivation::kTanh;
  float cell_clip = 0.f;
  float proj_clip = 0.f;
  bool asymmetric_inputs = false;
};

// Bytes of scratch f32_qs8w_lstm_step_hybrid__reference needs (64-byte
// aligned blocks).
int64_t HybridLstmScratchBytes(const LstmDims& d);

// Row sums of int8 weights [rows, cols] (for the zero-point correction).
void HybridLstmRowSums(const int8_t* w, int32_t rows, int32_t cols, int32_t* sums);

// Hybrid: the int32 dot products of every stacked row with the quantized
// input and output state, zero points removed through the row sums, each
// added to its gate as float(dot) * (vector scale * weight scale) - the
// reference's operations in its order, so the products are bit-exact:
//   gates[r] = (gates[r] + float(W[r] . x - sum_W[r] * zp_x) * (sx * sw[r]))
//              + float(R[r] . h - sum_R[r] * zp_h) * (sh * sr[r])
// (gates[r] holding the bias, or 0 with layer norm). Weights packed as for
// the integer step; the row sums are the unpacked weights'.
struct LstmHybridStacked {
  int32_t rows = 0;
  int first_gate = kGateInput;
  const void* input_weights = nullptr;
  const void* recurrent_weights = nullptr;
  const int32_t* input_row_sums = nullptr;      // [rows]
  const int32_t* recurrent_row_sums = nullptr;  // [rows]
  const float* input_weight_scale = nullptr;    // [rows]: the gate's scale
  const float* recurrent_weight_scale = nullptr;
};

// One batch row's quantized vector.
struct LstmHybridVector {
  const int8_t* values = nullptr;
  float scale = 0.f;
  int32_t zero_point = 0;
};

using LstmHybridGateProductsFn = void (*)(const LstmHybridStacked& s, int32_t n_input,
                                          int32_t n_output, LstmHybridVector input,
                                          LstmHybridVector output_state, float* gates);

struct LstmHybridStages {
  LstmHybridGateProductsFn gate_products = nullptr;  // null: the reference loops
  LstmHybridStacked stacked;
  LstmF32ActivationFn sigmoid = nullptr;  // null: the reference's
  LstmF32ActivationFn tanh = nullptr;
};

// Bytes of scratch f32_qs8w_lstm_step_hybrid needs.
int64_t HybridLstmStagedScratchBytes(const LstmDims& d);

// f32_qs8w_lstm_step_hybrid__reference with the given stages: products
// bit-exact, activations within the float variants' tolerance.
void f32_qs8w_lstm_step_hybrid(const LstmDims& dims, const LstmHybridParams& p,
                               const LstmHybridStages& stages, const float* input,
                               float* output_state, float* cell_state, uint8_t* scratch);

// Same contract as the float step.
void f32_qs8w_lstm_step_hybrid__reference(const LstmDims& dims, const LstmHybridParams& p,
                                          const float* input, float* output_state,
                                          float* cell_state, uint8_t* scratch);

}  // namespace liteforge::kernels
