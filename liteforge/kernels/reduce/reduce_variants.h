// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIMD summation for MEAN and SUM (float32 sums, int32 sums of raw uint8 /
// int8 values), listed best first in variants.inc. A variant computes the
// sums exactly as the reference's walk does and the op finishes with the
// reference's divide / requantize step (reference.h), so MEAN and SUM stay
// bit-exact with the reference for every type:
//   * reduced dims followed by kept ones, [outer kept][reduced][kept] (the
//     spatial mean of NHWC): one vector lane per kept element, rows added
//     in memory order, which is the reference's float order per output;
//   * 8-bit with the reduced dims innermost, [kept][reduced] or a full
//     reduction: integer sums, exact in any order (int32 wraps alike).
// Any other layout (and float with the reduced dims innermost, whose
// sequential order a vector cannot keep) returns false and the caller runs
// the reference. Plans must have reduce_count > 0.

#pragma once

#include <cstdint>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/reduce/plan.h"

namespace liteforge::kernels {

struct ReduceSumVariant {
  const char* name;
  Isa isa;
  // false: layout not handled, nothing written.
  bool (*f32_sum)(const ReducePlan& p, const float* in, float* out);
  bool (*u8_sum)(const ReducePlan& p, const uint8_t* in, int32_t* sums);
  bool (*s8_sum)(const ReducePlan& p, const int8_t* in, int32_t* sums);
};

// Every variant compiled into this build, best first.
std::span<const ReduceSumVariant> ReduceSumVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (always for Isa::kReference).
const ReduceSumVariant* SelectReduceSum(Isa max_isa);

// The plan as [outer][reduced][kept] with outer and kept kept (outer may be
// 1); false for any other layout.
inline bool ReducedThenKept(const ReducePlan& p, int64_t* outer, int64_t* reduced,
                            int64_t* kept) {
  const size_t n = p.dims.size();
  if (n == 2 && p.reduced[0] && !p.reduced[1]) {
    *outer = 1;
  } else if (n == 3 && !p.reduced[0] && p.reduced[1] && !p.reduced[2]) {
    *outer = p.dims[0];
  } else {
    return false;
  }
  *reduced = p.dims[n - 2];
  *kept = p.dims[n - 1];
  return true;
}

// The plan as [rows][reduced] (rows may be 1: a full reduction); false for
// any other layout.
inline bool KeptThenReduced(const ReducePlan& p, int64_t* rows, int64_t* reduced) {
  const size_t n = p.dims.size();
  if (n == 1 && p.reduced[0]) {
    *rows = 1;
  } else if (n == 2 && !p.reduced[0] && p.reduced[1]) {
    *rows = p.dims[0];
  } else {
    return false;
  }
  *reduced = p.dims[n - 1];
  return true;
}

#define LF_REDUCE_SUM(isa, f32_sum, u8_sum, s8_sum)                       \
  bool f32_sum(const ReducePlan& p, const float* in, float* out);         \
  bool u8_sum(const ReducePlan& p, const uint8_t* in, int32_t* sums);     \
  bool s8_sum(const ReducePlan& p, const int8_t* in, int32_t* sums);
#include "liteforge/kernels/reduce/variants.inc"
#undef LF_REDUCE_SUM

}  // namespace liteforge::kernels
