// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ops/float_activation.h"

#include <cstdint>

#include "liteforge/kernels/activation/reference.h"

namespace liteforge::ops {
namespace {

// fn(in + begin, count, out + begin) over [0, n), split over the pool.
template <typename Fn>
void Split(EvalContext& ctx, const float* in, size_t n, float* out, const Fn& fn) {
  ParallelFor(ctx.thread_pool(), static_cast<int64_t>(n), kernels::kActivationParallelMinElements,
              [&](int64_t begin, int64_t end) {
                fn(in + begin, static_cast<size_t>(end - begin), out + begin);
              });
}

}  // namespace

void RunF32Clamp(EvalContext& ctx, const kernels::F32ActivationVariant* variant, const float* in,
                 size_t n, float lo, float hi, float* out) {
  const auto clamp = variant != nullptr ? variant->clamp : kernels::f32_clamp__reference;
  Split(ctx, in, n, out, [&](const float* x, size_t count, float* y) { clamp(x, count, lo, hi, y); });
}

void RunF32HardSwish(EvalContext& ctx, const kernels::F32ActivationVariant* variant,
                     const float* in, size_t n, float* out) {
  Split(ctx, in, n, out,
        variant != nullptr ? variant->hard_swish : kernels::f32_hard_swish__reference);
}

void RunF32Logistic(EvalContext& ctx, const kernels::F32ActivationVariant* variant,
                    const float* in, size_t n, float* out) {
  Split(ctx, in, n, out, variant != nullptr ? variant->logistic : kernels::f32_logistic__reference);
}

}  // namespace liteforge::ops
