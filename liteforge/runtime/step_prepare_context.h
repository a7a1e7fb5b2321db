// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The PrepareContext one op sees, over a TensorStore. Used while building a
// plan, and by the ExecutionContext for ops it must prepare again on every
// invoke because an input's shape is only known at run time.

#pragma once

#include <vector>

#include "liteforge/base/aligned_buffer.h"
#include "liteforge/ir/graph.h"
#include "liteforge/ops/op_kernel.h"
#include "liteforge/runtime/step_eval_context.h"

namespace liteforge::runtime {

class StepPrepareContext final : public ops::PrepareContext {
 public:
  StepPrepareContext(const ir::Subgraph& subgraph, const ir::Op& op, TensorStore& store,
                     std::vector<AlignedBuffer>* persistent, Isa max_isa, int num_threads,
                     ops::SubgraphInvoker* invoker)
      : subgraph_(subgraph), op_(op), store_(store), persistent_(persistent), max_isa_(max_isa),
        num_threads_(num_threads), invoker_(invoker),
        dynamic_outputs_(op.outputs.size(), false) {}

  const ir::Op& op() const override { return op_; }
  const ir::Subgraph& subgraph() const override { return subgraph_; }
  int num_inputs() const override { return static_cast<int>(op_.inputs.size()); }
  int num_outputs() const override { return static_cast<int>(op_.outputs.size()); }
  const TensorView* input(int i) const override {
    if (i < 0 || i >= num_inputs() || op_.inputs[i] < 0) return nullptr;
    return &store_.view(op_.inputs[i]);
  }
  const TensorView& output(int i) const override { return store_.view(op_.outputs[i]); }
  Status SetOutputShape(int i, const Shape& shape) override;
  void MarkOutputDynamic(int i) override {
    if (i >= 0 && i < num_outputs()) dynamic_outputs_[i] = true;
  }
  const TensorView* intermediate(int i) const override {
    if (i < 0 || i >= static_cast<int>(op_.intermediates.size())) return nullptr;
    const int t = op_.intermediates[i];
    if (t < 0 || t >= static_cast<int>(subgraph_.tensors.size())) return nullptr;
    return &store_.view(t);
  }
  int RequestScratch(size_t bytes) override {
    scratch_bytes_.push_back(bytes);
    return static_cast<int>(scratch_bytes_.size()) - 1;
  }
  uint8_t* AllocatePersistent(size_t bytes) override;
  Isa max_isa() const override { return max_isa_; }
  int num_threads() const override { return num_threads_; }
  ops::SubgraphInvoker* subgraphs() override { return invoker_; }

  const std::vector<size_t>& scratch_bytes() const { return scratch_bytes_; }
  const std::vector<bool>& dynamic_outputs() const { return dynamic_outputs_; }

 private:
  const ir::Subgraph& subgraph_;
  const ir::Op& op_;
  TensorStore& store_;
  std::vector<AlignedBuffer>* persistent_;
  Isa max_isa_;
  int num_threads_;
  ops::SubgraphInvoker* invoker_;
  std::vector<size_t> scratch_bytes_;
  std::vector<bool> dynamic_outputs_;
};

// Bytes for `shape` of `dtype`, or an error when it overflows or exceeds the
// per-tensor limit.
Result<size_t> TensorBytes(DType dtype, const Shape& shape, const TensorView& for_errors);

}  // namespace liteforge::runtime
