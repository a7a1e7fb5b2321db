// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Who writes and who reads each tensor of one subgraph: what fusion passes
// check before they fold two ops into one (an intermediate tensor may
// disappear only when nothing else can observe it).

#pragma once

#include <cstdint>
#include <vector>

#include "liteforge/ir/graph.h"

namespace liteforge::ir {

class TensorUses {
 public:
  explicit TensorUses(const Subgraph& subgraph);

  // Index of the op that writes `tensor`, or -1 (input, constant, orphan).
  int producer(int32_t tensor) const { return producer_[static_cast<size_t>(tensor)]; }
  // Times `tensor` appears among the ops' inputs and intermediates (an op
  // reading it twice counts twice).
  int consumers(int32_t tensor) const { return consumers_[static_cast<size_t>(tensor)]; }
  bool is_subgraph_output(int32_t tensor) const { return output_[static_cast<size_t>(tensor)]; }
  // True when `tensor` is read exactly once, is not a subgraph output and
  // is neither a variable nor a constant: an intermediate a fusion may drop.
  bool IsPrivateIntermediate(const Subgraph& subgraph, int32_t tensor) const;

  // Keeps the table current after a pass moved `tensor`'s producer.
  void SetProducer(int32_t tensor, int op) { producer_[static_cast<size_t>(tensor)] = op; }

 private:
  std::vector<int> producer_;
  std::vector<int> consumers_;
  std::vector<bool> output_;
};

// Removes the ops whose `dead` flag is set, keeping the others' order.
void EraseOps(Subgraph& subgraph, const std::vector<bool>& dead);

}  // namespace liteforge::ir
