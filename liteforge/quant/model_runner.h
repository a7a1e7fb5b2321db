// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The main subgraph of a model on liteforge's runtime, for the quantizer's
// own runs: calibration (with a tensor observer) and the load check of the
// model it wrote. quant sits below api, so this talks to the runtime's
// PlanBuilder and ExecutionContext directly.

#pragma once

#include <memory>
#include <span>

#include "liteforge/base/status.h"
#include "liteforge/base/thread_pool.h"
#include "liteforge/ir/graph.h"
#include "liteforge/runtime/execution_context.h"
#include "liteforge/runtime/execution_plan.h"
#include "liteforge/runtime/tensor_observer.h"

namespace liteforge::quant {

class ModelRunner {
 public:
  // Plans and prepares subgraph 0 with the model's input shapes on the
  // default (fastest) kernels. Errors name the op that fails to prepare.
  static Result<std::unique_ptr<ModelRunner>> Create(std::shared_ptr<const ir::Graph> graph,
                                                     int num_threads, bool fold_constants);

  int num_inputs() const { return context_->num_inputs(); }
  // Copies `data` (exactly input i's bytes) into input i.
  Status SetInput(int i, std::span<const uint8_t> data);
  Status Invoke() { return context_->Invoke(); }
  void set_observer(runtime::TensorObserver* observer) { context_->set_observer(observer); }

 private:
  ModelRunner() = default;
  std::shared_ptr<runtime::PlanBuilder> builder_;
  std::unique_ptr<ThreadPool> pool_;
  std::unique_ptr<runtime::ExecutionContext> context_;
};

}  // namespace liteforge::quant
