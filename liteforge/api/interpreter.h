// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The stable facade the CLI, Python module and services use to run a model:
// load, (optionally) resize inputs, allocate, fill inputs, invoke, read
// outputs. It owns the graph, the plan builder, the thread pool and one
// execution context for the main subgraph.

#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/base/status.h"
#include "liteforge/base/thread_pool.h"
#include "liteforge/ir/graph.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/runtime/delegate.h"
#include "liteforge/runtime/execution_context.h"
#include "liteforge/runtime/memory_planner.h"

namespace liteforge {

struct InterpreterOptions {
  int num_threads = 1;
  // The highest ISA kernels may use; unset means DefaultMaxIsa().
  std::optional<Isa> max_isa;
  runtime::PlannerKind planner = runtime::PlannerKind::kGreedy;
  // Null means every op this build ships (ops::BuiltinOpResolver()).
  const ops::OpResolver* resolver = nullptr;
  // Shared libraries speaking delegate_abi.h, as "path.so[?options]", or
  // "xnnpack[?threads=N]" for the built-in XNNPACK delegate (when built).
  std::vector<std::string> delegates;
  // Delegates created beforehand (CreateDelegate; Python's load_delegate),
  // applied after `delegates`. Shared: one delegate may serve several
  // interpreters.
  std::vector<std::shared_ptr<runtime::Delegate>> loaded_delegates;
  bool fold_constants = true;
  // Run the graph fusion passes (ir/passes: PAD into the following conv,
  // RELU / RELU6 / RELU_N1_TO_1 into their producer) on the interpreter's
  // own copy of the graph before planning. graph() still returns the graph
  // as given. Fusion is skipped when a delegate is configured (delegates see
  // the model's own ops), and undone by SetObserver: an observer must see
  // every op's outputs, so the interpreter re-plans the unfused graph.
  bool fuse_ops = true;
};

// "path.so[?options]" (a shared library speaking delegate_abi.h) or
// "xnnpack[?threads=N]" (the built-in XNNPACK delegate, when built).
Result<std::shared_ptr<runtime::Delegate>> CreateDelegate(const std::string& spec);

class Interpreter {
 public:
  static Result<std::unique_ptr<Interpreter>> FromFile(const std::string& path,
                                                       const InterpreterOptions& options = {});
  static Result<std::unique_ptr<Interpreter>> FromGraph(std::shared_ptr<const ir::Graph> graph,
                                                        const InterpreterOptions& options = {});
  ~Interpreter();

  // The graph as given (or read from the file), whatever the fusion.
  const ir::Graph& graph() const { return *graph_; }
  const std::shared_ptr<const ir::Graph>& shared_graph() const { return graph_; }
  // The graph the plan runs: graph() after the fusion passes, or graph().
  // Tensor indices are the same in both; op indices are not.
  const ir::Graph& run_graph() const { return builder_->graph(); }
  bool fused() const { return builder_->shared_graph() != graph_; }

  int num_inputs() const;
  int num_outputs() const;
  // Tensor indices in the main subgraph.
  int input_tensor_index(int i) const;
  int output_tensor_index(int i) const;

  // Changes input i's shape; takes effect at the next AllocateTensors().
  Status ResizeInput(int i, const Shape& shape);
  // The shape input i has after the next AllocateTensors() (the last
  // ResizeInput, or the model's).
  const Shape& requested_input_shape(int i) const { return input_shapes_[i]; }
  // True when a resize is pending: views from input()/tensor() are stale.
  bool needs_allocation() const { return dirty_ || context_ == nullptr; }
  // Plans memory and prepares every op (errors name the op at fault).
  // Invoke() calls it when needed.
  Status AllocateTensors();
  Status Invoke();

  // Views of the main subgraph's inputs/outputs; valid after
  // AllocateTensors() until the next resize.
  TensorView& input(int i);
  const TensorView& output(int i) const;
  // Copies bytes into input i after checking dtype and size.
  Status SetInput(int i, DType dtype, const Shape& shape, std::span<const uint8_t> data);

  // Any tensor of the main subgraph by index (for debugging tools); data
  // may be null for tensors that are not live after the run.
  const TensorView& tensor(int index) const;

  // A separate context running subgraph `s` (e.g. a signature's) with these
  // input shapes (empty: the model's). It shares this interpreter's plans,
  // delegates and thread pool, and must not outlive the interpreter.
  Result<std::unique_ptr<runtime::ExecutionContext>> CreateSubgraphContext(
      int s, std::span<const Shape> input_shapes = {});

  runtime::ExecutionContext& context() { return *context_; }
  const runtime::ExecutionPlan& plan() const { return context_->plan(); }
  size_t arena_bytes() const { return context_ ? context_->plan().arena_bytes() : 0; }
  // With fusion on (fused()), a non-null observer makes the interpreter
  // re-plan the unfused graph right away (inputs already set are kept), so
  // the observer sees every op of the model.
  void SetObserver(runtime::TensorObserver* observer);
  void SetProfiling(bool on);
  ThreadPool* thread_pool() { return pool_.get(); }

 private:
  Interpreter() = default;
  // (Re)creates the plan builder over `graph` with this interpreter's options.
  void MakeBuilder(std::shared_ptr<const ir::Graph> graph);

  std::shared_ptr<const ir::Graph> graph_;
  InterpreterOptions options_;
  std::shared_ptr<runtime::PlanBuilder> builder_;
  std::vector<std::shared_ptr<runtime::Delegate>> delegates_;
  std::unique_ptr<ThreadPool> pool_;
  std::vector<Shape> input_shapes_;
  bool dirty_ = true;
  std::unique_ptr<runtime::ExecutionContext> context_;
  runtime::TensorObserver* observer_ = nullptr;
  bool profiling_ = false;
};

}  // namespace liteforge
