// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Fast float32 FULLY_CONNECTED on the f32 GEMM micro-kernels:
//   out[b][o] = clamp(bias[o] + sum_k in[b][k] * w[o][k])
// with the [N][K] weights and the bias packed once (packing.h). The input
// rows are read in place; no scratch.
//
// Work can be split over batch rows, over weight panels (groups of
// gemm.nr output channels: the useful split for a single batch row), or
// both; each output is computed the same way whatever the split, so results
// are bit-identical across splits and thread counts. Accuracy as in
// f32_gemm.h: within 2 * (K + 1) * 2^-24 * (|bias| + sum |x * w|) of
// f32_fully_connected__reference.

#pragma once

#include <cstddef>

#include "liteforge/kernels/fully_connected/reference.h"
#include "liteforge/kernels/gemm_f32/f32_gemm.h"
#include "liteforge/kernels/gemm_f32/packing.h"

namespace liteforge::kernels {

// Bytes of the packed weights + bias of an FC with `dims` for `gemm`.
size_t F32FullyConnectedPackedBytes(const FcDims& dims, const F32Gemm& gemm);

// Packs `weights` ([output_depth][input_depth]) and the nullable `bias` for
// `gemm` into `packed` (F32FullyConnectedPackedBytes bytes, ideally 64-byte
// aligned); returns the view of it the run function takes.
F32PackedWeights F32FullyConnectedPackWeights(const FcDims& dims, const F32Gemm& gemm,
                                              const float* weights, const float* bias,
                                              void* packed);

// Computes out[b][o] for batch rows [row_begin, row_end) and the output
// channels of panels [panel_begin, panel_end) (panel p covers channels
// [p * gemm.nr, min((p + 1) * gemm.nr, N)); weights.panels() in all).
// `input` is [batches][K] and `output` [batches][N], both row-major.
void F32FullyConnectedRun(const F32Gemm& gemm, const F32PackedWeights& weights,
                          const float* input, float act_min, float act_max, int row_begin,
                          int row_end, size_t panel_begin, size_t panel_end, float* output);

// All output channels of rows [row_begin, row_end).
inline void F32FullyConnectedRunRows(const F32Gemm& gemm, const F32PackedWeights& weights,
                                     const float* input, float act_min, float act_max,
                                     int row_begin, int row_end, float* output) {
  F32FullyConnectedRun(gemm, weights, input, act_min, act_max, row_begin, row_end, 0,
                       weights.panels(), output);
}

}  // namespace liteforge::kernels
