// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIMD variants of the float32 activations that dominate float models
// after the convolutions: the RELU family (a clamp), HARD_SWISH and
// LOGISTIC. One variant per ISA carries all three (variants.inc), with the
// signatures of the reference kernels so an op swaps function pointers.
//
// Accuracy against reference.h:
//   clamp, hard_swish  bit-exact: the same IEEE operations in the same
//     order, and min/max operand order chosen so NaN and signed zeros come
//     out as std::min / std::max give them.
//   logistic  1 / (1 + e) with e = exp(-x) from a range reduction by ln 2
//     (split in two parts) and a degree-7 polynomial, then an exact
//     division. Measured over [-87, 88]: within 1.2 float epsilons
//     (relative) of the exact sigmoid, as is the reference, and within 2.2
//     of the reference; the test holds it to 4. Below x = -87.33 the exact
//     result is subnormal (under FLT_MIN) and the variants return 0: an
//     x86 core takes a microcode assist of ~100 cycles for every subnormal
//     result, which made a segmentation mask's background 12x slower than
//     its foreground. The reference returns the subnormal (0 below -88.7).
//     NaN gives NaN. (TFLite's own optimized kernel is an approximation too, Eigen's.)

#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "liteforge/base/cpu_features.h"

namespace liteforge::kernels {

struct F32ActivationVariant {
  const char* name;
  Isa isa;
  // out = min(max(in, lo), hi)
  void (*clamp)(const float* in, size_t n, float lo, float hi, float* out);
  // out = in * min(6, max(0, in + 3)) / 6
  void (*hard_swish)(const float* in, size_t n, float* out);
  // out = 1 / (1 + exp(-in))
  void (*logistic)(const float* in, size_t n, float* out);
};

// Every variant compiled into this build, best first.
std::span<const F32ActivationVariant> F32ActivationVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (always for Isa::kReference).
const F32ActivationVariant* SelectF32Activation(Isa max_isa);

// Below this many elements an activation stays on the calling thread: the
// vector kernels do one element in about a nanosecond or less, and handing
// work to the pool costs microseconds.
inline constexpr int64_t kActivationParallelMinElements = 16 * 1024;

// -log(FLT_MIN) rounded down: logistic(x) for x below minus this is
// subnormal, e^-x for x above it is finite.
inline constexpr float kLogisticSubnormalBelow = 87.33f;

// The kernels themselves (x86_avx512.cc, x86_avx2.cc), declared from
// variants.inc. Call one only where the CPU supports its ISA.
#define LF_F32_ACTIVATION(isa, clamp_fn, hard_swish_fn, logistic_fn)           \
  void clamp_fn(const float* in, size_t n, float lo, float hi, float* out); \
  void hard_swish_fn(const float* in, size_t n, float* out);                \
  void logistic_fn(const float* in, size_t n, float* out);
#include "liteforge/kernels/activation/variants.inc"
#undef LF_F32_ACTIVATION

}  // namespace liteforge::kernels
