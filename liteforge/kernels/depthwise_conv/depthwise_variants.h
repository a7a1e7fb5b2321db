// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The SIMD depthwise kernels and how an op picks one: a function-pointer
// entry per kernel, listed best-first in variants.inc, and Select* returning
// the best entry the CPU supports at or below an ISA ceiling (null means:
// use the reference kernel of reference.h).
//
// Every variant reads parameters packed once by layout.h for its `lanes`
// and computes output rows [row_begin, row_end) of the flattened (batch,
// output_y) range, like the reference kernels. Quantized variants are
// bit-exact with qs8/qu8_depthwise_conv2d__reference; float variants are
// bit-exact with f32_depthwise_conv2d__reference (same summation order:
// taps in (fy, fx) order with separate multiply and add, then the bias; the
// reference is built for the baseline ISA, where nothing fuses them).
//
// Run-time use of DepthwiseQuantParams: input_offset, output_offset,
// act_min, act_max and rounding. The per-channel multipliers, exponents,
// the filter offset and the bias are already in the packed parameters.
// Precondition: RequantizeParamsSupported(multipliers, exponents) held when
// they were packed.

#pragma once

#include <cstdint>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/depthwise_conv/reference.h"

namespace liteforge::kernels {

using F32DepthwiseFn = void (*)(const DepthwiseGeometry& g, const float* input, const float* packed,
                                float act_min, float act_max, int row_begin, int row_end,
                                float* output);
using Qs8DepthwiseFn = void (*)(const DepthwiseGeometry& g, const int8_t* input,
                                const int32_t* packed, const DepthwiseQuantParams& p, int row_begin,
                                int row_end, int8_t* output);
using Qu8DepthwiseFn = void (*)(const DepthwiseGeometry& g, const uint8_t* input,
                                const int32_t* packed, const DepthwiseQuantParams& p, int row_begin,
                                int row_end, uint8_t* output);

template <typename Fn>
struct DepthwiseVariant {
  const char* name;
  Isa isa;    // what the CPU must support
  int lanes;  // the channel tile its packed parameters are laid out for
  Fn run;
};

using F32DepthwiseVariant = DepthwiseVariant<F32DepthwiseFn>;
using Qs8DepthwiseVariant = DepthwiseVariant<Qs8DepthwiseFn>;
using Qu8DepthwiseVariant = DepthwiseVariant<Qu8DepthwiseFn>;

// Every variant compiled into this build, best first (variants.inc).
std::span<const F32DepthwiseVariant> F32DepthwiseVariants();
std::span<const Qs8DepthwiseVariant> Qs8DepthwiseVariants();
std::span<const Qu8DepthwiseVariant> Qu8DepthwiseVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (or max_isa is Isa::kReference).
const F32DepthwiseVariant* SelectF32Depthwise(Isa max_isa);
const Qs8DepthwiseVariant* SelectQs8Depthwise(Isa max_isa);
const Qu8DepthwiseVariant* SelectQu8Depthwise(Isa max_isa);

// The kernels themselves (x86_avx512.cc, x86_avx2.cc), declared from
// variants.inc. Call one only where the CPU supports its ISA.
#define LF_F32_DEPTHWISE(name, isa, lanes)                                                      \
  void name(const DepthwiseGeometry& g, const float* input, const float* packed, float act_min, \
            float act_max, int row_begin, int row_end, float* output);
#define LF_QS8_DEPTHWISE(name, isa, lanes)                                          \
  void name(const DepthwiseGeometry& g, const int8_t* input, const int32_t* packed, \
            const DepthwiseQuantParams& p, int row_begin, int row_end, int8_t* output);
#define LF_QU8_DEPTHWISE(name, isa, lanes)                                           \
  void name(const DepthwiseGeometry& g, const uint8_t* input, const int32_t* packed, \
            const DepthwiseQuantParams& p, int row_begin, int row_end, uint8_t* output);
#include "liteforge/kernels/depthwise_conv/variants.inc"
#undef LF_F32_DEPTHWISE
#undef LF_QS8_DEPTHWISE
#undef LF_QU8_DEPTHWISE

}  // namespace liteforge::kernels
