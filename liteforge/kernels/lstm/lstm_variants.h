// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIMD stages of the LSTM steps (reference.h: LstmQs8Stages,
// LstmF32Stages), one variant per ISA listed best first in variants.inc:
// the stacked gates' matrix-vector products over weights packed once for
// the variant's tile, and the gate activations.
//
// Accuracy against the reference kernels:
//   integer products, requantization and the Q3.12 logistic / tanh of the
//     int16 gates: bit-exact (the activations are tested on every int16
//     input for every integer-bit count);
//   hybrid products: the int32 dot products are exact and the float
//     scaling and accumulation are the reference's operations in its order
//     (no contraction): bit-exact;
//   float products: the same terms summed per row in column order, input
//     then recurrent, with fused multiply-adds onto the bias: within a few
//     float epsilons of the reference's separately rounded sums;
//   float tanh: an odd polynomial below |x| = 0.0625, else 1 - 2 / (e^2x + 1)
//     from a degree-6 exp; float sigmoid: the activation family's
//     (activation_variants.h). Both within kF32ActivationTolerance
//     (absolute) of the reference's std::tanh / 1 / (1 + std::exp(-x)).

#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/lstm/reference.h"

namespace liteforge::kernels {

// Absolute error bound of the float activations (tested).
inline constexpr float kF32ActivationTolerance = 4e-7f;

// How a variant lays out int8 weights of `rows` x `cols`: tiles of
// tile_rows rows; within a tile, groups of `group` consecutive columns, each
// group stored row after row (tile_rows x group elements); elements are
// int8 (element_bytes 1) or sign-extended to int16 (2). Rows and columns
// past the end are zero.
struct LstmQs8Layout {
  int32_t tile_rows = 16;
  int32_t group = 4;
  int32_t element_bytes = 1;
  // Added to every input byte by the kernel (128: unsigned x signed
  // products); offset * row sum is taken off the biases at Prepare.
  int32_t input_offset = 0;
};

struct LstmVariant {
  const char* name;
  Isa isa;
  LstmQs8Layout qs8_layout;
  LstmQs8GateProductsFn qs8_gate_products;
  LstmHybridGateProductsFn hybrid_gate_products;  // same layout as qs8
  LstmQs16ActivationFn qs16_sigmoid;
  LstmQs16TanhFn qs16_tanh;
  // Float weights: tiles of f32_tile_rows rows, each column's tile_rows
  // values together.
  int32_t f32_tile_rows;
  LstmF32GateProductsFn f32_gate_products;
  LstmF32ActivationFn f32_sigmoid;
  LstmF32ActivationFn f32_tanh;
};

// Every variant compiled into this build, best first.
std::span<const LstmVariant> LstmVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (always for Isa::kReference).
const LstmVariant* SelectLstm(Isa max_isa);

// Bytes of `rows` x `cols` int8 weights in `layout`.
size_t LstmQs8PackedBytes(const LstmQs8Layout& layout, int32_t rows, int32_t cols);

// Packs the matrices mats[0..n_mats) ([rows_per_mat, cols] each, stacked
// in that order) into `out` (LstmQs8PackedBytes of the stacked rows).
void PackLstmQs8(const LstmQs8Layout& layout, const int8_t* const* mats, int n_mats,
                 int32_t rows_per_mat, int32_t cols, void* out);

// Floats of `rows` stacked float rows of n_input + n_output columns.
size_t LstmF32PackedFloats(int32_t tile_rows, int32_t rows, int32_t n_input, int32_t n_output);

// Packs gate g's input weights in_mats[g] ([rows_per_mat, n_input]) beside
// its recurrent weights rec_mats[g] ([rows_per_mat, n_output]), gates
// stacked, into `out`.
void PackLstmF32(int32_t tile_rows, const float* const* in_mats, const float* const* rec_mats,
                 int n_mats, int32_t rows_per_mat, int32_t n_input, int32_t n_output, float* out);

// Stages for a step of `d` with parameters `p` (weights and effective
// biases bound) on variant `v`: the stacked weights packed and the per-row
// requantization laid out in `memory` (LstmQs8StagesBytes, 64-byte
// aligned), which must outlive the stages. False (stages untouched) when a
// multiplier or shift is outside the range the vector requantization
// handles exactly; the step then runs the reference loops.
size_t LstmQs8StagesBytes(const LstmVariant& v, const LstmDims& d);
bool PrepareLstmQs8Stages(const LstmVariant& v, const LstmDims& d, const LstmQs8Params& p,
                          void* memory, LstmQs8Stages* stages);

// The same for the hybrid step (weights symmetric int8, one scale per
// tensor; the row sums come from the weights).
size_t LstmHybridStagesBytes(const LstmVariant& v, const LstmDims& d);
void PrepareLstmHybridStages(const LstmVariant& v, const LstmDims& d, const LstmHybridParams& p,
                             void* memory, LstmHybridStages* stages);

// The same for the float step (bias of each gate, zero with layer norm).
size_t LstmF32StagesBytes(const LstmVariant& v, const LstmDims& d);
void PrepareLstmF32Stages(const LstmVariant& v, const LstmDims& d, const LstmF32Params& p,
                          void* memory, LstmF32Stages* stages);

// The kernels (x86_*.cc, arm_*.cc), declared from variants.inc. Call one only where
// the CPU supports its ISA.
#define LF_LSTM(isa, qs8_tile_rows, qs8_group, qs8_bytes, qs8_offset, qs8_products,               \
                hybrid_products, qs16_sigmoid, qs16_tanh, f32_tile_rows, f32_products, f32_sigmoid, \
                f32_tanh)                                                                         \
  void qs8_products(const LstmQs8Stacked& s, int32_t n_input, int32_t n_output,                 \
                    const int8_t* input, const int8_t* output_state, int16_t* gates);           \
  void hybrid_products(const LstmHybridStacked& s, int32_t n_input, int32_t n_output,           \
                       LstmHybridVector input, LstmHybridVector output_state, float* gates);    \
  void qs16_sigmoid(const int16_t* in, int64_t n, int16_t* out);                                \
  void qs16_tanh(int int_bits, const int16_t* in, int64_t n, int16_t* out);                     \
  void f32_products(const LstmF32Stacked& s, int32_t n_input, int32_t n_output,                 \
                    const float* input, const float* output_state, float* gates);               \
  void f32_sigmoid(const float* in, int64_t n, float* out);                                     \
  void f32_tanh(const float* in, int64_t n, float* out);
#include "liteforge/kernels/lstm/variants.inc"
#undef LF_LSTM

}  // namespace liteforge::kernels
