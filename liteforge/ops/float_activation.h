// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// How the float32 activation ops (the RELU family, HARD_SWISH, LOGISTIC)
// run their elementwise kernel: the SIMD variant the op selected in Prepare
// (kernels/activation/activation_variants.h; null: the reference kernel),
// over contiguous ranges on the thread pool once the tensor is large enough
// to pay for the hand-off. Elementwise, so any split gives the same result.

#pragma once

#include <cstddef>

#include "liteforge/kernels/activation/activation_variants.h"
#include "liteforge/ops/op_kernel.h"

namespace liteforge::ops {

// Picked once in Prepare, under the ISA ceiling.
inline const kernels::F32ActivationVariant* SelectF32Activation(const PrepareContext& ctx) {
  return kernels::SelectF32Activation(ctx.max_isa());
}

// out = min(max(in, lo), hi)
void RunF32Clamp(EvalContext& ctx, const kernels::F32ActivationVariant* variant, const float* in,
                 size_t n, float lo, float hi, float* out);
void RunF32HardSwish(EvalContext& ctx, const kernels::F32ActivationVariant* variant,
                     const float* in, size_t n, float* out);
void RunF32Logistic(EvalContext& ctx, const kernels::F32ActivationVariant* variant,
                    const float* in, size_t n, float* out);

}  // namespace liteforge::ops
