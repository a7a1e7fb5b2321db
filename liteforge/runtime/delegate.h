// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Delegates in C++: a Delegate decides which ops of a subgraph it runs and
// supplies one kernel per partition (a run of consecutive ops). The plan
// builder replaces each partition by a single step whose node carries the
// partition's external inputs and outputs. LoadDelegate wraps a shared
// library that speaks the C ABI in delegate_abi.h.

#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"
#include "liteforge/ops/op_kernel.h"

namespace liteforge::runtime {

struct DelegatedPartition {
  // Op indices in execution order, consecutive except that ops computing
  // only constants (which the plan folds, such as a DEQUANTIZE of weights)
  // may be skipped over: the partition runs at its first op's position.
  std::vector<int> ops;
  ir::Op node;           // synthetic: inputs/outputs crossing the boundary
  std::function<std::unique_ptr<ops::OpKernel>()> factory;
  std::string delegate_name;
};

class Delegate {
 public:
  virtual ~Delegate() = default;
  virtual const std::string& name() const = 0;
  // Partitions of subgraph `s`, avoiding ops already in `taken`.
  virtual Result<std::vector<DelegatedPartition>> Partition(
      const ir::Graph& graph, int s, const std::vector<DelegatedPartition>& taken) = 0;
};

// Loads "path.so" or "path.so?options" exporting liteforge_delegate_create.
Result<std::shared_ptr<Delegate>> LoadDelegate(const std::string& spec);

// Builds the synthetic node for ops [first, last] of subgraph `s`: inputs
// are tensors read inside but produced outside (in first-use order);
// outputs are tensors produced inside and read after it or returned by
// the subgraph.
ir::Op MakePartitionNode(const ir::Graph& graph, int s, const std::vector<int>& ops);

}  // namespace liteforge::runtime
