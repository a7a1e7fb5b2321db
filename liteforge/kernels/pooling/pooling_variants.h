// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIMD variants of MAX_POOL_2D and AVERAGE_POOL_2D for float32, uint8 and
// int8 (the kernels of reference.h with the same signatures), listed best
// first in variants.inc. Vectors run over the innermost (channel) axis;
// windows are clipped by the same PoolWindowAt as the reference's.
//
// All of them match the reference bit for bit:
//   * max pooling is exact by nature; float keeps the reference's operand
//     order (acc < v ? v : acc), so NaN and signed zeros agree too;
//   * float average sums the window pixels in the reference's row-major
//     order, one lane per channel, then divides by the count (IEEE, exact);
//   * integer average sums in int32 and applies the reference's half-away-
//     from-zero rounding, (sum +/- count/2) / count truncated. The division
//     runs in float, which truncates to the exact integer quotient while
//     |sum| + count/2 < 2^24; that holds for 8-bit inputs whenever the
//     filter has at most kMaxExactAverageTaps taps, and larger filters take
//     the reference kernel.

#pragma once

#include <cstdint>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/pooling/reference.h"

namespace liteforge::kernels {

// 255.5 * 65535 < 2^24 - 1: the float division of an 8-bit window sum is
// exact up to this many taps.
constexpr int64_t kMaxExactAverageTaps = 65535;

struct Pool2DVariant {
  const char* name;
  Isa isa;
  void (*f32_max)(const Pool2DGeometry& g, const float* input, float act_min, float act_max,
                  int row_begin, int row_end, float* output);
  void (*qu8_max)(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                  int32_t act_max, int row_begin, int row_end, uint8_t* output);
  void (*qs8_max)(const Pool2DGeometry& g, const int8_t* input, int32_t act_min, int32_t act_max,
                  int row_begin, int row_end, int8_t* output);
  void (*f32_avg)(const Pool2DGeometry& g, const float* input, float act_min, float act_max,
                  int row_begin, int row_end, float* output);
  void (*qu8_avg)(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                  int32_t act_max, int row_begin, int row_end, uint8_t* output);
  void (*qs8_avg)(const Pool2DGeometry& g, const int8_t* input, int32_t act_min, int32_t act_max,
                  int row_begin, int row_end, int8_t* output);
};

// Every variant compiled into this build, best first.
std::span<const Pool2DVariant> Pool2DVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (always for Isa::kReference).
const Pool2DVariant* SelectPool2D(Isa max_isa);

#define LF_POOL_2D(isa, f32_max, qu8_max, qs8_max, f32_avg, qu8_avg, qs8_avg)                    \
  void f32_max(const Pool2DGeometry& g, const float* input, float act_min, float act_max,       \
               int row_begin, int row_end, float* output);                                      \
  void qu8_max(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min, int32_t act_max, \
               int row_begin, int row_end, uint8_t* output);                                    \
  void qs8_max(const Pool2DGeometry& g, const int8_t* input, int32_t act_min, int32_t act_max,  \
               int row_begin, int row_end, int8_t* output);                                     \
  void f32_avg(const Pool2DGeometry& g, const float* input, float act_min, float act_max,       \
               int row_begin, int row_end, float* output);                                      \
  void qu8_avg(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min, int32_t act_max, \
               int row_begin, int row_end, uint8_t* output);                                    \
  void qs8_avg(const Pool2DGeometry& g, const int8_t* input, int32_t act_min, int32_t act_max,  \
               int row_begin, int row_end, int8_t* output);
#include "liteforge/kernels/pooling/variants.inc"
#undef LF_POOL_2D

}  // namespace liteforge::kernels
