// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RELU_0_TO_1: out = min(max(x, 0), 1), elementwise.
// The arithmetic per dtype is ClampActivationOp's (clamp_activation.h).
//
// TFLite's builtin kernel accepts int16 for RELU and RELU6 only; int16 here
// applies the same arithmetic (an extension, not a TFLite behaviour).

#include "liteforge/ops/clamp_activation.h"

namespace liteforge::ops {
namespace {

struct Relu0To1Bounds {
  static constexpr float kLower = 0.0f;
  static constexpr float kUpper = 1.0f;
};

}  // namespace

void RegisterRelu0To1(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kRelu0To1, MakeKernel<ClampActivationOp<Relu0To1Bounds>>, 1, 1);
}

}  // namespace liteforge::ops
