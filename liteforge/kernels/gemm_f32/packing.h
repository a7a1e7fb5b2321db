// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Packs a float32 weight matrix once (at Prepare time) into the panel layout
// the f32 GEMM micro-kernels (f32_gemm.h) read. Portable code.
//
// Source: W[N][K] row-major, each output channel one contiguous row of K
// floats: a CONV_2D filter in OHWI (K = filter_h * filter_w * filter_depth)
// or FULLY_CONNECTED weights [N, K].
//
// Packed, for a panel width NR: ceil(N / NR) panels, one after another, each
// NR * (K + 1) floats:
//   [bias[n0] ... bias[n0 + NR - 1]]                 the bias, folded in
//   [W[n0][0] ... W[n0 + NR - 1][0]]                 k = 0
//   ...
//   [W[n0][K-1] ... W[n0 + NR - 1][K-1]]             k = K - 1
// with n0 = panel * NR. Channels past N (the last panel's padding) hold
// zeros, so kernels may compute them and simply not store them. A null bias
// packs as zeros. With a 64-byte aligned destination and NR a multiple of 16
// every panel row is 64-byte aligned.

#pragma once

#include <cstddef>

namespace liteforge::kernels {

// A packed matrix: a view, the caller owns `data` (persistent memory of the
// op, or a test buffer).
struct F32PackedWeights {
  const float* data = nullptr;
  int n = 0;   // output channels (unpadded)
  int k = 0;   // depth
  int nr = 0;  // panel width the data was packed for

  size_t panels() const { return nr > 0 ? (static_cast<size_t>(n) + nr - 1) / nr : 0; }
  size_t panel_floats() const { return static_cast<size_t>(nr) * (static_cast<size_t>(k) + 1); }
  const float* panel(size_t p) const { return data + p * panel_floats(); }
};

// Floats of the packed form of an [n][k] matrix for panel width `nr`.
size_t F32GemmPackedFloats(int n, int k, int nr);

// Writes F32GemmPackedFloats(n, k, nr) floats to `packed`. `bias` may be null.
void F32GemmPackWeights(int n, int k, int nr, const float* weights, const float* bias,
                        float* packed);

}  // namespace liteforge::kernels
