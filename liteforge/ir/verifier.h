// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Structural checks every ir::Graph must pass before anything plans or runs
// it: indices in range, shapes and element counts that fit, constant bytes
// that match shape x dtype, sane quantization, each tensor written once and
// before it is read, control-flow ops pointing at real subgraphs. A graph
// from untrusted bytes goes through here; op-specific rules (a conv filter
// has 4 dims) are the op's Prepare's job.

#pragma once

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"

namespace liteforge::ir {

// Returns the first violation found, naming the subgraph, op and tensor.
Status VerifyGraph(const Graph& graph);

}  // namespace liteforge::ir
