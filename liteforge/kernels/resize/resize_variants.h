// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIMD variants of RESIZE_BILINEAR for float32, uint8 and int8, listed
// best first in variants.inc. Each has the reference kernels' signatures
// and computes output rows [row_begin, row_end) of the flattened (batch, y)
// range; a row's values do not depend on the range (any thread split gives
// the same output).
//   float32 (and uint8 in general): vectors run over channels; the sampling
//     positions come from the same portable code as the reference's
//     (ComputeBilinearAxis), the corner weights are the same products, and
//     every sum keeps the reference's operation order with no fused
//     multiply-add. The exact 2x float upscale is left to the reference
//     kernel (IsExactUpscale2x).
//   int8: the reference's 10-bit fixed-point sums, grouped as a vertical
//     then a horizontal blend (exact integers; ComputeQs8BilinearAxis).
//   uint8 when the reference's float arithmetic is exact (power-of-two
//     scales, DeepLab's 33 -> 513 align_corners...): the same in 7-bit
//     integers (ComputeQu8ExactBilinearAxes), otherwise as float32.
// All bit-exact with the reference kernels.

#pragma once

#include <cstdint>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/resize/reference.h"

namespace liteforge::kernels {

struct ResizeBilinearVariant {
  const char* name;
  Isa isa;
  void (*f32)(const ResizeGeometry& g, const float* input, int row_begin, int row_end,
              float* output);
  void (*qu8)(const ResizeGeometry& g, const uint8_t* input, int row_begin, int row_end,
              uint8_t* output);
  void (*qs8)(const ResizeGeometry& g, const int8_t* input, int row_begin, int row_end,
              int8_t* output);
};

// Every variant compiled into this build, best first.
std::span<const ResizeBilinearVariant> ResizeBilinearVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (always for Isa::kReference).
const ResizeBilinearVariant* SelectResizeBilinear(Isa max_isa);

#define LF_RESIZE_BILINEAR(isa, f32_fn, qu8_fn, qs8_fn)                                       \
  void f32_fn(const ResizeGeometry& g, const float* input, int row_begin, int row_end,        \
              float* output);                                                                 \
  void qu8_fn(const ResizeGeometry& g, const uint8_t* input, int row_begin, int row_end,      \
              uint8_t* output);                                                               \
  void qs8_fn(const ResizeGeometry& g, const int8_t* input, int row_begin, int row_end,       \
              int8_t* output);
#include "liteforge/kernels/resize/variants.inc"
#undef LF_RESIZE_BILINEAR

}  // namespace liteforge::kernels
