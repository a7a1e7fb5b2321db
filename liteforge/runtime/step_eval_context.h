// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The EvalContext one op sees while it runs, over a TensorStore: the
// ExecutionContext's tensors during inference, or the plan's own tensors
// when an op is evaluated ahead of time while planning.

#pragma once

#include <span>
#include <vector>

#include "liteforge/ir/graph.h"
#include "liteforge/ops/op_kernel.h"

namespace liteforge::runtime {

// Where an op's tensors live while it runs.
class TensorStore {
 public:
  virtual ~TensorStore() = default;
  virtual TensorView& view(int tensor_index) = 0;
  // Sets the shape of a dynamic tensor and gives it memory of that size.
  virtual Status AllocateDynamic(int tensor_index, const Shape& shape) = 0;
};

class StepEvalContext final : public ops::EvalContext {
 public:
  StepEvalContext(const ir::Op& op, TensorStore& store, std::span<uint8_t* const> scratch,
                  ThreadPool* pool, ops::SubgraphInvoker* invoker)
      : op_(op), store_(store), scratch_(scratch), pool_(pool), invoker_(invoker) {}

  const TensorView* input(int i) const override {
    if (i < 0 || i >= static_cast<int>(op_.inputs.size()) || op_.inputs[i] < 0) return nullptr;
    return &store_.view(op_.inputs[i]);
  }
  TensorView& output(int i) override { return store_.view(op_.outputs[i]); }
  int num_inputs() const override { return static_cast<int>(op_.inputs.size()); }
  int num_outputs() const override { return static_cast<int>(op_.outputs.size()); }
  uint8_t* scratch(int id) override {
    return id >= 0 && id < static_cast<int>(scratch_.size()) ? scratch_[id] : nullptr;
  }
  ThreadPool* thread_pool() override { return pool_; }
  Status ResizeOutput(int i, const Shape& shape) override {
    if (i < 0 || i >= num_outputs()) return Internal("ResizeOutput({}) out of range", i);
    return store_.AllocateDynamic(op_.outputs[i], shape);
  }
  ops::SubgraphInvoker* subgraphs() override { return invoker_; }

 private:
  const ir::Op& op_;
  TensorStore& store_;
  std::span<uint8_t* const> scratch_;
  ThreadPool* pool_;
  ops::SubgraphInvoker* invoker_;
};

}  // namespace liteforge::runtime
