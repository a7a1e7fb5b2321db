// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Fast float32 transposed convolution (TRANSPOSE_CONV, MediaPipe's
// Convolution2DTransposeBias) on the f32 GEMM micro-kernels.
//
// Each input pixel x scatters x . W[o][ky][kx][:] to output pixel
// (iy * stride_h - pad_top + ky, ix * stride_w - pad_left + kx). For one
// input row and one filter row ky, the products for every (ix, kx, o) are
// one GEMM: rows = the row's input pixels (read in place), K = input depth,
// N = filter_width * output_depth, with the weights packed once per ky as
// a [N][K] matrix (n = kx * output_depth + o).
//   * Direct: filter == stride and no padding (MediaPipe's 2x2 / stride 2
//     upsampling) - every output pixel receives exactly one product, so the
//     GEMM writes the output in place (its C rows are the output pixels
//     ix * stride_w + kx, stride_w * output_depth floats apart), with the
//     bias folded into the packed weights and the activation in the GEMM's
//     clamp. No scratch.
//   * Otherwise (col2im): output rows start at their bias; for each input
//     row that reaches them, in increasing order, the GEMM of each filter
//     row landing there goes to scratch and is added to the output; the
//     activation clamps at the end.
// The work is split by rows (F32TransposeConvRows): output rows in general,
// input rows in the direct case. An output element always receives its
// products in increasing input row, then input column, order, and each
// GEMM output is computed the same way whatever the split (f32_gemm.h), so
// results do not depend on the split or the thread count.
//
// Accuracy: against f32_transpose_conv__reference (products added one at a
// time, bias last) only the summation order and FMA rounding differ:
// |fast - reference| <= 2 * (T * (K + 1) + 1) * 2^-24 * (|bias| +
// sum |x * w|) with T the number of input pixels reaching the output
// (ceil(filter / stride) per dim) and K the input depth.

#pragma once

#include <cstddef>

#include "liteforge/kernels/gemm_f32/f32_gemm.h"
#include "liteforge/kernels/gemm_f32/packing.h"
#include "liteforge/kernels/transpose_conv/reference.h"

namespace liteforge::kernels {

// Per filter row ky, one packed [filter_width * output_depth][input_depth]
// matrix, `ky_floats` apart.
struct F32TransposeConvPacked {
  const float* data = nullptr;
  size_t ky_floats = 0;
  int n = 0;
  int k = 0;
  int nr = 0;
  bool direct = false;

  F32PackedWeights filter_row(int ky) const {
    F32PackedWeights w;
    w.data = data + static_cast<size_t>(ky) * ky_floats;
    w.n = n;
    w.k = k;
    w.nr = nr;
    return w;
  }
};

// True when the fast driver handles `g` (non-empty, positive strides).
bool F32TransposeConvSupported(const TransposeConvGeometry& g);

// Whether `g` takes the in-place path (see above).
bool F32TransposeConvDirect(const TransposeConvGeometry& g);

// Bytes of the packed weights for `gemm` (allocate 64-byte aligned).
size_t F32TransposeConvPackedBytes(const TransposeConvGeometry& g, const F32Gemm& gemm);

// Packs the OHWI `weights` (and, on the direct path, the nullable `bias`)
// into `packed`; the returned view points into it.
F32TransposeConvPacked F32TransposeConvPackWeights(const TransposeConvGeometry& g,
                                                   const F32Gemm& gemm, const float* weights,
                                                   const float* bias, void* packed);

// The rows F32TransposeConvRun splits: batches * output_height, or
// batches * input_height on the direct path.
int F32TransposeConvRows(const TransposeConvGeometry& g);

// Scratch one F32TransposeConvRun call needs (64-byte multiple; 0 on the
// direct path). Concurrent calls each need their own.
size_t F32TransposeConvScratchBytes(const TransposeConvGeometry& g);

// Computes rows [row_begin, row_end) (see F32TransposeConvRows) of the NHWC
// output, with the nullable `bias` (used off the direct path; the direct
// path has it packed) and the clamp [act_min, act_max].
void F32TransposeConvRun(const F32Gemm& gemm, const TransposeConvGeometry& g, const float* input,
                         const F32TransposeConvPacked& weights, const float* bias, float act_min,
                         float act_max, int row_begin, int row_end, void* scratch, float* output);

}  // namespace liteforge::kernels
