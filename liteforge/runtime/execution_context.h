// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ExecutionContext: the mutable half of running a model — the arena the
// plan's tensors live in, variables (persistent state across invokes),
// tensors whose shapes are only known while running, and the contexts of
// subgraphs called by control-flow ops. One context runs one invoke at a
// time; several contexts may share one plan.

#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "liteforge/base/aligned_buffer.h"
#include "liteforge/base/thread_pool.h"
#include "liteforge/runtime/execution_plan.h"
#include "liteforge/runtime/step_eval_context.h"
#include "liteforge/runtime/tensor_observer.h"

namespace liteforge::runtime {

struct StepTiming {
  int op_index = -1;
  std::string op_name;      // "CONV_2D" or the custom/delegate name
  std::string description;  // "subgraph 0, op 3 'name' (CONV_2D)"
  int64_t total_ns = 0;
  int64_t runs = 0;
};

class ExecutionContext final : public TensorStore {
 public:
  // `builder` plans called subgraphs; `pool` may be null (one thread).
  static Result<std::unique_ptr<ExecutionContext>> Create(
      std::shared_ptr<PlanBuilder> builder, std::shared_ptr<const ExecutionPlan> plan,
      ThreadPool* pool);
  ~ExecutionContext() override;

  const ExecutionPlan& plan() const { return *plan_; }
  const std::shared_ptr<const ExecutionPlan>& shared_plan() const { return plan_; }

  int num_inputs() const { return static_cast<int>(plan_->inputs().size()); }
  int num_outputs() const { return static_cast<int>(plan_->outputs().size()); }
  // Write input data through input(i).data (input(i).bytes long).
  TensorView& input(int i) { return views_[plan_->inputs()[i]]; }
  const TensorView& output(int i) const { return views_[plan_->outputs()[i]]; }

  Status Invoke();
  // Restores every variable to its initial value (zero unless the model
  // gives one).
  void ResetVariables();

  void set_observer(TensorObserver* observer) { observer_ = observer; }
  void set_profiling(bool on) { profiling_ = on; }
  const std::vector<StepTiming>& timings() const { return timings_; }
  void ClearTimings();

  size_t arena_bytes() const { return arena_.size(); }

  // TensorStore.
  TensorView& view(int tensor_index) override { return views_[tensor_index]; }
  Status AllocateDynamic(int tensor_index, const Shape& shape) override;

 private:
  class Invoker;
  ExecutionContext(std::shared_ptr<PlanBuilder> builder, std::shared_ptr<const ExecutionPlan> plan,
                   ThreadPool* pool);
  Status Bind();
  Status RunStep(size_t i);
  Status RunRepreparedStep(const Step& step);

  std::shared_ptr<PlanBuilder> builder_;
  std::shared_ptr<const ExecutionPlan> plan_;
  ThreadPool* pool_;
  AlignedBuffer arena_;
  std::vector<TensorView> views_;
  std::vector<AlignedBuffer> variables_;  // by tensor index (empty if not a variable)
  std::vector<AlignedBuffer> dynamic_;    // by tensor index
  std::vector<AlignedBuffer> step_scratch_;  // heap scratch for re-prepared steps
  std::unique_ptr<Invoker> invoker_;
  TensorObserver* observer_ = nullptr;
  bool profiling_ = false;
  std::vector<StepTiming> timings_;  // by step
};

}  // namespace liteforge::runtime
