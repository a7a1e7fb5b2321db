// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// FusePadIntoConv: folds a PAD into the CONV_2D or DEPTHWISE_CONV_2D that
// reads its output, as the conv's explicit input padding
// (ir::ExplicitPadding), and drops the PAD (no padded copy of the input is
// written; the conv treats the extra rows and columns like its own SAME
// padding). A fusion happens only when
//   * the PAD's paddings are a constant [4, 2] tensor that pads H and W only
//     (batch and channel amounts 0), with non-negative amounts;
//   * the padded tensor is read by the conv alone (as its input, not its
//     filter) and is not a subgraph output;
//   * the values padded in are what the conv's padding contributes: PAD
//     fills with 0 (float32) or the zero point, so float32 input, or int8 /
//     uint8 / int16 with identical per-tensor quantization on both sides of
//     the PAD;
//   * the conv is not hybrid (float input, integer filter): it quantizes its
//     input per run from the values' range, which the padded zeros change;
//   * the conv carries no explicit padding yet.
// ExplicitPadding has no .tflite form: this pass runs on the runtime's copy
// of a graph only.

#pragma once

#include "liteforge/ir/passes/pass_manager.h"

namespace liteforge::ir {

class FusePadIntoConv final : public GraphPass {
 public:
  std::string_view name() const override { return "fuse-pad-into-conv"; }
  Result<int> Run(Graph& graph) const override;
};

}  // namespace liteforge::ir
