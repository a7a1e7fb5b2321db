// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The portable f32 GEMM micro-kernel (4 rows x 8 channels): the fallback
// variant on CPUs without a SIMD variant, and the plain statement of what the
// SIMD micro-kernels compute.

#include <algorithm>

#include "liteforge/kernels/gemm_f32/f32_gemm.h"

namespace liteforge::kernels {

// GCC's loop vectoriser would vectorise across k (shuffling the panel);
// with it off, the fully unrolled row/channel body is vectorised as
// straight-line code with the accumulators in registers.
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-vectorize")))
#endif
void f32_gemm_minmax_4x8__reference(size_t mr, size_t nc, size_t kc, const float* a,
                                    size_t a_stride, const float* w, float* c, size_t c_stride,
                                    F32MinMax act) {
  constexpr size_t kMr = 4;
  constexpr size_t kNr = 8;
  float acc[kMr][kNr];
  for (size_t m = 0; m < kMr; ++m) {
    for (size_t j = 0; j < kNr; ++j) acc[m][j] = w[j];
  }
  w += kNr;
  // Rows past mr are computed on row 0's data and never stored, which keeps
  // the inner loops fixed-length.
  const float* rows[kMr];
  for (size_t m = 0; m < kMr; ++m) rows[m] = a + (m < mr ? m : 0) * a_stride;
  // The row and channel loops are unrolled completely: straight-line code
  // over the accumulators.
  for (size_t k = 0; k < kc; ++k) {
#pragma GCC unroll 4
    for (size_t m = 0; m < kMr; ++m) {
      const float x = rows[m][k];
#pragma GCC unroll 8
      for (size_t j = 0; j < kNr; ++j) acc[m][j] += x * w[j];
    }
    w += kNr;
  }
  for (size_t m = 0; m < mr; ++m) {
    float* out = c + m * c_stride;
    for (size_t j = 0; j < nc; ++j) out[j] = std::min(std::max(acc[m][j], act.min), act.max);
  }
}

}  // namespace liteforge::kernels
