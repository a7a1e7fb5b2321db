// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RELU: out = max(x, 0), elementwise.
// The arithmetic per dtype is ClampActivationOp's (clamp_activation.h).

#include <limits>

#include "liteforge/ops/clamp_activation.h"

namespace liteforge::ops {
namespace {

struct ReluBounds {
  static constexpr float kLower = 0.0f;
  static constexpr float kUpper = std::numeric_limits<float>::infinity();
};

}  // namespace

void RegisterRelu(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kRelu, MakeKernel<ClampActivationOp<ReluBounds>>, 1, 3);
}

}  // namespace liteforge::ops
