// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIMD variants of per-tensor QUANTIZE (float32 -> int8 / uint8) and
// DEQUANTIZE (int8 / uint8 -> float32), listed best-first in variants.inc,
// with the same signatures as the reference kernels (reference.h) so an op
// swaps one function pointer for the other. Both are bit-exact with the
// reference:
//   QUANTIZE divides in double, rounds half away from zero, converts with
//     x86's truncating conversion (NaN and out-of-range give INT32_MIN),
//     adds the zero point wrapping and clamps: the reference's steps.
//   DEQUANTIZE multiplies in float. The reference multiplies in double and
//     rounds to float, but (q - zero_point) has at most 24 significant bits
//     here, so the double product of it and a float scale is exact and
//     both round the same exact value once.
//   8-bit requantization (QUANTIZE between uint8 and int8) runs the
//     reference's MultiplyByQuantizedMultiplier as the vector ConvScale of
//     requantize/ (exact for Q8RequantizeVectorizable parameters); when the
//     scales are equal (multiplier 2^30, shift 1: exactly x1) it is an
//     add of the zero-point difference and a saturating narrow.

#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/quantize/reference.h"

namespace liteforge::kernels {

using F32QuantizeQs8Fn = void (*)(const float* in, size_t n, float scale, int32_t zero_point,
                                  int8_t* out);
using F32QuantizeQu8Fn = void (*)(const float* in, size_t n, float scale, int32_t zero_point,
                                  uint8_t* out);
using Qs8DequantizeFn = void (*)(const int8_t* in, size_t n, float scale, int32_t zero_point,
                                 float* out);
using Qu8DequantizeFn = void (*)(const uint8_t* in, size_t n, float scale, int32_t zero_point,
                                 float* out);

template <typename Fn>
struct QuantizeVariant {
  const char* name;
  Isa isa;
  Fn fn;
};

// Every variant compiled into this build, best first.
std::span<const QuantizeVariant<F32QuantizeQs8Fn>> F32QuantizeQs8Variants();
std::span<const QuantizeVariant<F32QuantizeQu8Fn>> F32QuantizeQu8Variants();
std::span<const QuantizeVariant<Qs8DequantizeFn>> Qs8DequantizeVariants();
std::span<const QuantizeVariant<Qu8DequantizeFn>> Qu8DequantizeVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (always for Isa::kReference).
const QuantizeVariant<F32QuantizeQs8Fn>* SelectF32QuantizeQs8(Isa max_isa);
const QuantizeVariant<F32QuantizeQu8Fn>* SelectF32QuantizeQu8(Isa max_isa);
const QuantizeVariant<Qs8DequantizeFn>* SelectQs8Dequantize(Isa max_isa);
const QuantizeVariant<Qu8DequantizeFn>* SelectQu8Dequantize(Isa max_isa);

// 8-bit -> 8-bit requantization, the reference's RequantizeFn signature.
struct Q8RequantizeVariant {
  const char* name;
  Isa isa;
  DType from;
  DType to;
  RequantizeFn fn;
};
std::span<const Q8RequantizeVariant> Q8RequantizeVariants();
// The best variant for (from, to) with isa <= max_isa that this CPU
// supports, or null; call it only with Q8RequantizeVectorizable params.
const Q8RequantizeVariant* SelectQ8Requantize(DType from, DType to, Isa max_isa);
// The vector output stage's range: a non-negative multiplier and a shift
// in [-31, 30].
inline bool Q8RequantizeVectorizable(const RequantizeParams& p) {
  return p.multiplier >= 0 && p.shift <= 30 && p.shift >= -31;
}

// The DEQUANTIZE variants are exact while q - zero_point stays within
// 24 bits, i.e. for zero points inside +-2^23 (any real model's).
inline bool DequantizeVectorizable(int32_t zero_point) {
  return zero_point > -(1 << 23) && zero_point < (1 << 23);
}

// The kernels themselves (x86_avx512.cc, x86_avx2.cc), declared from
// variants.inc. Call one only where the CPU supports its ISA.
#define LF_F32_QUANTIZE_QS8(isa, fn) \
  void fn(const float* in, size_t n, float scale, int32_t zero_point, int8_t* out);
#define LF_F32_QUANTIZE_QU8(isa, fn) \
  void fn(const float* in, size_t n, float scale, int32_t zero_point, uint8_t* out);
#define LF_QS8_DEQUANTIZE(isa, fn) \
  void fn(const int8_t* in, size_t n, float scale, int32_t zero_point, float* out);
#define LF_QU8_DEQUANTIZE(isa, fn) \
  void fn(const uint8_t* in, size_t n, float scale, int32_t zero_point, float* out);
#define LF_Q8_REQUANTIZE(isa, from, to, fn) \
  void fn(const void* in, size_t n, const RequantizeParams& p, void* out);
#include "liteforge/kernels/quantize/variants.inc"
#undef LF_F32_QUANTIZE_QS8
#undef LF_F32_QUANTIZE_QU8
#undef LF_QS8_DEQUANTIZE
#undef LF_QU8_DEQUANTIZE
#undef LF_Q8_REQUANTIZE

}  // namespace liteforge::kernels
