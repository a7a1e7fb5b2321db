// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIMD variants of ARG_MAX / ARG_MIN for float32, uint8, int8 and int32
// inputs with int32 or int64 indices (the kernels of reference.h with the
// same signatures), listed best first in variants.inc.
//
// Over the innermost axis (inner == 1, the common case: a segmentation
// map's 21 classes per pixel) a variant takes one row at a time and finds
// its best element with vector reductions (the ISA files say how); over
// any other axis (x86) a vector holds one inner position per lane and
// walks the axis. Either way the result is the reference's: a later value
// replaces the best only when strictly greater / smaller, float compares
// are ordered (a NaN never replaces; a leading NaN keeps index 0), ties
// keep the first index. The NEON variant leaves other axes, and every
// variant axes of 2^31 or more elements, to the reference kernel.

#pragma once

#include <cstdint>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/arg_minmax/reference.h"

namespace liteforge::kernels {

struct ArgMinMaxVariant {
  const char* name;
  Isa isa;
  void (*f32_i32)(const ArgMinMaxShape& s, bool is_max, const float* in, int32_t* out);
  void (*f32_i64)(const ArgMinMaxShape& s, bool is_max, const float* in, int64_t* out);
  void (*u8_i32)(const ArgMinMaxShape& s, bool is_max, const uint8_t* in, int32_t* out);
  void (*u8_i64)(const ArgMinMaxShape& s, bool is_max, const uint8_t* in, int64_t* out);
  void (*s8_i32)(const ArgMinMaxShape& s, bool is_max, const int8_t* in, int32_t* out);
  void (*s8_i64)(const ArgMinMaxShape& s, bool is_max, const int8_t* in, int64_t* out);
  void (*s32_i32)(const ArgMinMaxShape& s, bool is_max, const int32_t* in, int32_t* out);
  void (*s32_i64)(const ArgMinMaxShape& s, bool is_max, const int32_t* in, int64_t* out);
};

// Every variant compiled into this build, best first.
std::span<const ArgMinMaxVariant> ArgMinMaxVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (always for Isa::kReference).
const ArgMinMaxVariant* SelectArgMinMax(Isa max_isa);

// Each name is one overload set: (int32 indices) and (int64 indices).
#define LF_ARG_MINMAX(isa, f32, u8, s8, s32)                                                 \
  void f32(const ArgMinMaxShape& s, bool is_max, const float* in, int32_t* out);            \
  void f32(const ArgMinMaxShape& s, bool is_max, const float* in, int64_t* out);            \
  void u8(const ArgMinMaxShape& s, bool is_max, const uint8_t* in, int32_t* out);           \
  void u8(const ArgMinMaxShape& s, bool is_max, const uint8_t* in, int64_t* out);           \
  void s8(const ArgMinMaxShape& s, bool is_max, const int8_t* in, int32_t* out);            \
  void s8(const ArgMinMaxShape& s, bool is_max, const int8_t* in, int64_t* out);            \
  void s32(const ArgMinMaxShape& s, bool is_max, const int32_t* in, int32_t* out);          \
  void s32(const ArgMinMaxShape& s, bool is_max, const int32_t* in, int64_t* out);
#include "liteforge/kernels/arg_minmax/variants.inc"
#undef LF_ARG_MINMAX

}  // namespace liteforge::kernels
