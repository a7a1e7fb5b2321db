// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The float32 FULLY_CONNECTED driver: batch rows x packed weights through
// the f32 GEMM runner (see f32_fully_connected.h).

#include "liteforge/kernels/gemm_f32/f32_fully_connected.h"

namespace liteforge::kernels {

size_t F32FullyConnectedPackedBytes(const FcDims& dims, const F32Gemm& gemm) {
  return F32GemmPackedFloats(dims.output_depth, dims.input_depth, gemm.nr) * sizeof(float);
}

F32PackedWeights F32FullyConnectedPackWeights(const FcDims& dims, const F32Gemm& gemm,
                                              const float* weights, const float* bias,
                                              void* packed) {
  float* dst = static_cast<float*>(packed);
  F32GemmPackWeights(dims.output_depth, dims.input_depth, gemm.nr, weights, bias, dst);
  F32PackedWeights view;
  view.data = dst;
  view.n = dims.output_depth;
  view.k = dims.input_depth;
  view.nr = gemm.nr;
  return view;
}

void F32FullyConnectedRun(const F32Gemm& gemm, const F32PackedWeights& weights,
                          const float* input, float act_min, float act_max, int row_begin,
                          int row_end, size_t panel_begin, size_t panel_end, float* output) {
  if (row_begin >= row_end || panel_begin >= panel_end) return;
  const size_t k = static_cast<size_t>(weights.k);
  const size_t n = static_cast<size_t>(weights.n);
  const size_t first = static_cast<size_t>(row_begin);
  F32GemmRun(gemm, static_cast<size_t>(row_end - row_begin), input + first * k, k, weights,
             panel_begin, panel_end, output + first * n, n, F32MinMax{act_min, act_max});
}

}  // namespace liteforge::kernels
