// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// FuseActivation: folds a RELU, RELU6 or RELU_N1_TO_1 into the op that
// produces its input, as that op's fused activation, and drops the
// activation op (one memory pass fewer; the producer clamps as it stores).
//
// Producers: CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, ADD, SUB, MUL,
// TRANSPOSE_CONV. A fusion happens only when
//   * the producer has no fused activation yet and one output;
//   * the intermediate tensor is read by the activation alone and is not a
//     subgraph output (nothing else may observe the unclamped values);
//   * input and output have the same dtype, float32, int8 or uint8; for the
//     8-bit types with the same per-tensor scale and zero point, so the
//     activation is a pure clamp that the producer's fused clamp
//     zp + round(bound / scale) reproduces exactly.
// The producer then writes the activation's output tensor.

#pragma once

#include "liteforge/ir/passes/pass_manager.h"

namespace liteforge::ir {

class FuseActivation final : public GraphPass {
 public:
  std::string_view name() const override { return "fuse-activation"; }
  Result<int> Run(Graph& graph) const override;
};

}  // namespace liteforge::ir
