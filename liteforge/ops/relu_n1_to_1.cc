// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RELU_N1_TO_1: out = min(max(x, -1), 1), elementwise.
// The arithmetic per dtype is ClampActivationOp's (clamp_activation.h).
//
// TFLite's builtin kernel accepts int16 for RELU and RELU6 only; int16 here
// applies the same arithmetic (an extension, not a TFLite behaviour).

#include "liteforge/ops/clamp_activation.h"

namespace liteforge::ops {
namespace {

struct ReluN1To1Bounds {
  static constexpr float kLower = -1.0f;
  static constexpr float kUpper = 1.0f;
};

}  // namespace

void RegisterReluN1To1(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kReluN1To1, MakeKernel<ClampActivationOp<ReluN1To1Bounds>>, 1, 1);
}

}  // namespace liteforge::ops
