// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// A hook called after every op that runs, with the op's outputs: how the
// calibrator records activation ranges and the layer debugger compares
// float and quantized layers. Observers must not modify the views.

#pragma once

#include <span>

#include "liteforge/ir/graph.h"
#include "liteforge/tensor/tensor_view.h"

namespace liteforge::runtime {

class TensorObserver {
 public:
  virtual ~TensorObserver() = default;
  // `op_index` is the op's index in `subgraph` (the first op of a
  // delegated partition). Ops evaluated ahead of time while planning
  // (constant folding) are not reported; plan with folding off to see them.
  virtual void OnOpOutputs(int subgraph, int op_index, const ir::Op& op,
                           std::span<const TensorView* const> outputs) = 0;
};

}  // namespace liteforge::runtime
