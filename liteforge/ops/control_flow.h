// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Shared pieces of the control-flow ops (WHILE, IF): checking that tensors
// passed between subgraphs agree, and copying a callee's results into the
// op's outputs, resizing dynamic outputs.

#pragma once

#include <span>
#include <vector>

#include "liteforge/ops/op_kernel.h"

namespace liteforge::ops {

// Each of `from` must have the dtype of the matching `to` view; `what`
// names the boundary in errors ("WHILE body output").
Status CheckDTypesMatch(std::span<const TensorView> from, std::span<const TensorView> to,
                        std::string_view what);

// True when every pair of shapes is equal.
bool SameShapes(std::span<const TensorView> a, std::span<const TensorView> b);

// Copies `values[i]` into output i of the op, resizing outputs that were
// marked dynamic; a static output of the wrong size is an error.
Status CopyToOutputs(EvalContext& ctx, std::span<const TensorView> values, int first_output,
                     bool dynamic);
Status CopyToOutputs(EvalContext& ctx, std::span<const TensorView* const> values,
                     int first_output, bool dynamic);

}  // namespace liteforge::ops
