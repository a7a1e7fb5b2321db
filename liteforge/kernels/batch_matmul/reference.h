// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable single-matrix products for BATCH_MATMUL. One call multiplies
// lhs [rows, depth] by rhs [depth, cols] given as rhs_t [cols, depth] (the
// RHS transposed, so both operands are read along contiguous depth), and
// writes out [rows, cols] row-major. The op layer transposes operands as
// adj_x / adj_y require, walks the broadcast batch dimensions and
// precomputes the multipliers.
//
// Integer kernels follow TFLite's reference BatchMatMul (the builtin BATCH_MATMUL
// kernel): int8 accumulates in int32 and rescales with
// MultiplyByQuantizedMultiplier; int16 accumulates in int64 and uses the
// int64 variant.

#pragma once

#include <cstddef>
#include <cstdint>

namespace liteforge::kernels {

struct MatMulDims {
  int rows = 0;   // A: rows of lhs and of the output
  int depth = 0;  // K
  int cols = 0;   // C: columns of rhs and of the output
};

// Sums k in increasing order from 0.
void f32_matmul__reference(const MatMulDims& dims, const float* lhs, const float* rhs_t,
                           float* out);

struct MatMulQuantParams {
  int32_t lhs_offset = 0;  // added to lhs values (-zero point)
  int32_t rhs_offset = 0;  // added to rhs values
  int32_t output_offset = 0;
  int32_t multiplier = 0;
  int32_t exponent = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
};

void qs8_matmul__reference(const MatMulDims& dims, const int8_t* lhs, const int8_t* rhs_t,
                           const MatMulQuantParams& params, int8_t* out);
// int8 operands, raw int32 output (no offsets, no rescaling), as TFLite
// computes an int8 x int8 -> int32 BATCH_MATMUL.
void qs8_matmul_s32__reference(const MatMulDims& dims, const int8_t* lhs, const int8_t* rhs_t,
                               int32_t* out);
void qs16_matmul__reference(const MatMulDims& dims, const int16_t* lhs, const int16_t* rhs_t,
                            const MatMulQuantParams& params, int16_t* out);
// int16 lhs, int8 rhs, int16 output.
void qs16_qs8_matmul__reference(const MatMulDims& dims, const int16_t* lhs, const int8_t* rhs_t,
                                const MatMulQuantParams& params, int16_t* out);

// Hybrid: float lhs, int8 rhs with a float scale per output column, float
// output. Each lhs row is quantized on the fly (see QuantizeRowForHybrid in
// kernels/fully_connected/reference.h); `col_sums[c]` = sum_k rhs_t[c][k]
// is needed when `asymmetric`; `quantized` is scratch of `depth` bytes.
void f32_qs8w_matmul_hybrid__reference(const MatMulDims& dims, const float* lhs,
                                       const int8_t* rhs_t, const float* col_scales,
                                       const int32_t* col_sums, bool asymmetric,
                                       int8_t* quantized, float* out);

// Copies a row-major [rows, cols] matrix of `elem_size`-byte elements to its
// transpose [cols, rows].
void TransposeMatrix(const uint8_t* in, int rows, int cols, size_t elem_size, uint8_t* out);

}  // namespace liteforge::kernels
