// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Weight packing for the f32 GEMM micro-kernels (layout in packing.h).

#include "liteforge/kernels/gemm_f32/packing.h"

#include <algorithm>

namespace liteforge::kernels {

size_t F32GemmPackedFloats(int n, int k, int nr) {
  if (n <= 0 || nr <= 0 || k < 0) return 0;
  const size_t panels = (static_cast<size_t>(n) + nr - 1) / nr;
  return panels * static_cast<size_t>(nr) * (static_cast<size_t>(k) + 1);
}

void F32GemmPackWeights(int n, int k, int nr, const float* weights, const float* bias,
                        float* packed) {
  const size_t total = F32GemmPackedFloats(n, k, nr);
  if (total == 0) return;
  // Padding channels must read as zero.
  std::fill(packed, packed + total, 0.f);
  const size_t depth = static_cast<size_t>(k);
  const size_t width = static_cast<size_t>(nr);
  const size_t panels = (static_cast<size_t>(n) + width - 1) / width;
  for (size_t p = 0; p < panels; ++p) {
    float* dst = packed + p * width * (depth + 1);
    const size_t n0 = p * width;
    const size_t valid = std::min(width, static_cast<size_t>(n) - n0);
    if (bias != nullptr) std::copy(bias + n0, bias + n0 + valid, dst);
    // Transpose the panel's rows: W[n0 + j][kk] -> dst[(1 + kk) * NR + j].
    // Reading each source row once keeps the reads sequential.
    for (size_t j = 0; j < valid; ++j) {
      const float* src = weights + (n0 + j) * depth;
      float* col = dst + width + j;
      for (size_t kk = 0; kk < depth; ++kk) col[kk * width] = src[kk];
    }
  }
}

}  // namespace liteforge::kernels
