// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIMD variants of the CONCATENATION / SPLIT kernels of reference.h (same
// signatures), listed best first in variants.inc:
//   * x8_concat / x8_split move the same blocks as the reference with
//     inline vector copies (no library call per block, which dominates
//     channel concatenations of NHWC maps: one block per pixel);
//   * qu8 / qs8_concat_requant rescale inputs whose quantization differs
//     from the output's, bit-exact with the reference: the same float
//     product, rounded, then the same add; round half away from zero as
//     trunc(x) plus sign(x) when |x - trunc(x)| >= 0.5 (x - trunc(x) is
//     exact in float). The clamp to [act_min, act_max] moves before the
//     rounding, to [act_min - zp, act_max - zp]: rounding is monotone and
//     keeps integers, so the result is the same, and values the reference
//     could not convert to int32 saturate instead;
//   * x8_strided_copy takes plans of 1-byte units (TRANSPOSE and the other
//     strided copies of reference.h) and speeds up the ones it recognises,
//     running x8_strided_copy__reference on the rest.

#pragma once

#include <cstdint>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/data_movement/reference.h"

namespace liteforge::kernels {

struct DataMovementVariant {
  const char* name;
  Isa isa;
  void (*x8_concat)(int64_t outer, std::span<const uint8_t* const> inputs,
                    std::span<const size_t> block_bytes, uint8_t* output);
  void (*x8_split)(int64_t outer, const uint8_t* input, std::span<uint8_t* const> outputs,
                   std::span<const size_t> block_bytes);
  void (*qu8_concat_requant)(int64_t outer, std::span<const uint8_t* const> inputs,
                             std::span<const size_t> block_elems,
                             std::span<const ConcatRequant> requant, int32_t act_min,
                             int32_t act_max, uint8_t* output);
  void (*qs8_concat_requant)(int64_t outer, std::span<const int8_t* const> inputs,
                             std::span<const size_t> block_elems,
                             std::span<const ConcatRequant> requant, int32_t act_min,
                             int32_t act_max, int8_t* output);
  void (*x8_strided_copy)(const StridedCopyPlan& plan, const void* input, void* output);
};

// Every variant compiled into this build, best first.
std::span<const DataMovementVariant> DataMovementVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (always for Isa::kReference).
const DataMovementVariant* SelectDataMovement(Isa max_isa);

#define LF_DATA_MOVEMENT(isa, x8_concat, x8_split, qu8_concat_requant, qs8_concat_requant,        \
                         x8_strided_copy)                                                         \
  void x8_concat(int64_t outer, std::span<const uint8_t* const> inputs,                           \
                 std::span<const size_t> block_bytes, uint8_t* output);                           \
  void x8_split(int64_t outer, const uint8_t* input, std::span<uint8_t* const> outputs,           \
                std::span<const size_t> block_bytes);                                             \
  void qu8_concat_requant(                                                                        \
      int64_t outer, std::span<const uint8_t* const> inputs, std::span<const size_t> block_elems, \
      std::span<const ConcatRequant> requant, int32_t act_min, int32_t act_max, uint8_t* output); \
  void qs8_concat_requant(                                                                        \
      int64_t outer, std::span<const int8_t* const> inputs, std::span<const size_t> block_elems,  \
      std::span<const ConcatRequant> requant, int32_t act_min, int32_t act_max, int8_t* output);  \
  void x8_strided_copy(const StridedCopyPlan& plan, const void* input, void* output);
#include "liteforge/kernels/data_movement/variants.inc"
#undef LF_DATA_MOVEMENT

}  // namespace liteforge::kernels
