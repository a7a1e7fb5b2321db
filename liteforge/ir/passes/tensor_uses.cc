// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ir/passes/tensor_uses.h"

namespace liteforge::ir {

TensorUses::TensorUses(const Subgraph& subgraph)
    : producer_(subgraph.tensors.size(), -1),
      consumers_(subgraph.tensors.size(), 0),
      output_(subgraph.tensors.size(), false) {
  const auto valid = [&](int32_t t) { return t >= 0 && static_cast<size_t>(t) < producer_.size(); };
  for (size_t i = 0; i < subgraph.ops.size(); ++i) {
    const Op& op = subgraph.ops[i];
    for (int32_t t : op.inputs) {
      if (valid(t)) ++consumers_[static_cast<size_t>(t)];
    }
    for (int32_t t : op.intermediates) {
      if (valid(t)) ++consumers_[static_cast<size_t>(t)];
    }
    for (int32_t t : op.outputs) {
      if (valid(t)) producer_[static_cast<size_t>(t)] = static_cast<int>(i);
    }
  }
  for (int32_t t : subgraph.outputs) {
    if (valid(t)) output_[static_cast<size_t>(t)] = true;
  }
}

bool TensorUses::IsPrivateIntermediate(const Subgraph& subgraph, int32_t tensor) const {
  if (tensor < 0 || static_cast<size_t>(tensor) >= producer_.size()) return false;
  const Tensor& t = subgraph.tensors[static_cast<size_t>(tensor)];
  return consumers(tensor) == 1 && !is_subgraph_output(tensor) && !t.is_variable &&
         !t.data.has_value();
}

void EraseOps(Subgraph& subgraph, const std::vector<bool>& dead) {
  size_t kept = 0;
  for (size_t i = 0; i < subgraph.ops.size(); ++i) {
    if (i < dead.size() && dead[i]) continue;
    if (kept != i) subgraph.ops[kept] = std::move(subgraph.ops[i]);
    ++kept;
  }
  subgraph.ops.resize(kept);
}

}  // namespace liteforge::ir
