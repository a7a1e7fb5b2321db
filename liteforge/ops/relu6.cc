// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RELU6: out = min(max(x, 0), 6), elementwise.
// The arithmetic per dtype is ClampActivationOp's (clamp_activation.h).

#include "liteforge/ops/clamp_activation.h"

namespace liteforge::ops {
namespace {

struct Relu6Bounds {
  static constexpr float kLower = 0.0f;
  static constexpr float kUpper = 6.0f;
};

}  // namespace

void RegisterRelu6(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kRelu6, MakeKernel<ClampActivationOp<Relu6Bounds>>, 1, 3);
}

}  // namespace liteforge::ops
