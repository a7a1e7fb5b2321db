// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ExecutionPlan: everything decided before the first inference of one
// subgraph for one set of input shapes, and immutable afterwards — the op
// order, one prepared kernel per op, every tensor's shape and home
// (constant bytes, an arena offset, a variable, or allocated on the fly),
// the arena size, and persistent data (packed weights, tables, tensors
// computed ahead of time because all their inputs are constant).
//
// Plans are built and cached by a PlanBuilder, which owns the graph, the op
// resolver and the options; ExecutionContext runs a plan.

#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "liteforge/base/aligned_buffer.h"
#include "liteforge/base/cpu_features.h"
#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"
#include "liteforge/ops/op_kernel.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/runtime/memory_planner.h"

namespace liteforge::runtime {

class Delegate;

enum class TensorHome : uint8_t {
  kNone,      // never read or written at run time (e.g. op intermediates)
  kConstant,  // the model's constant bytes (zero-copy)
  kFolded,    // computed while planning; lives in the plan
  kArena,     // planned offset in the context's arena
  kDynamic,   // shape known only while running; allocated by the context
  kVariable,  // persistent state owned by the context (LSTM, SVDF)
};

struct TensorPlan {
  TensorView view;  // dtype, shape, quant, name; data for constant/folded
  TensorHome home = TensorHome::kNone;
  size_t arena_offset = 0;
};

struct Step {
  int op_index = -1;
  std::string description;  // "subgraph 0, op 3 'x' (ADD)" for errors/profiles
  // The op as the kernel sees it: the model's op, or for a delegated
  // partition a synthetic node owned by `owned_node`.
  const ir::Op* node = nullptr;
  std::shared_ptr<const ir::Op> owned_node;
  std::unique_ptr<ops::OpKernel> kernel;
  std::function<std::unique_ptr<ops::OpKernel>()> factory;
  // Computed while planning; nothing to run.
  bool folded = false;
  // Reads a dynamic tensor: prepared again on every invoke by the context.
  bool reprepare = false;
  std::vector<size_t> scratch_offsets;
  std::vector<size_t> scratch_bytes;
};

struct PlanOptions {
  Isa max_isa = Isa::kReference;
  int num_threads = 1;
  PlannerKind planner = PlannerKind::kGreedy;
  // Evaluate ops whose inputs are all constant while planning.
  bool fold_constants = true;
};

class PlanBuilder;

class ExecutionPlan {
 public:
  const ir::Graph& graph() const { return *graph_; }
  int subgraph_index() const { return subgraph_; }
  const ir::Subgraph& subgraph() const { return graph_->subgraphs[subgraph_]; }
  std::span<const TensorPlan> tensors() const { return tensors_; }
  std::span<const Step> steps() const { return steps_; }
  size_t arena_bytes() const { return arena_bytes_; }
  // The most bytes live at any one step: no plan of these tensors and
  // scratch buffers can be smaller than this.
  size_t arena_lower_bound() const { return arena_lower_bound_; }
  // The planner strategy that produced the arena layout.
  std::string_view arena_strategy() const { return arena_strategy_; }
  // Memory the plan itself owns: packed weights, tables, folded constants,
  // aligned copies of misaligned constants.
  size_t persistent_bytes() const { return persistent_bytes_; }
  const std::vector<int32_t>& inputs() const { return subgraph().inputs; }
  const std::vector<int32_t>& outputs() const { return subgraph().outputs; }
  const PlanOptions& options() const { return options_; }

 private:
  friend class PlanBuilder;
  friend class PlanPrepareContext;
  std::shared_ptr<const ir::Graph> graph_;
  int subgraph_ = 0;
  PlanOptions options_;
  std::vector<TensorPlan> tensors_;
  std::vector<Step> steps_;
  size_t arena_bytes_ = 0;
  size_t arena_lower_bound_ = 0;
  std::string_view arena_strategy_;
  size_t persistent_bytes_ = 0;
  std::vector<AlignedBuffer> persistent_;
};

// Owns a graph and builds (and caches) its plans. Thread-compatible: build
// plans from one thread; finished plans may be shared freely.
class PlanBuilder {
 public:
  PlanBuilder(std::shared_ptr<const ir::Graph> graph, const ops::OpResolver* resolver,
              PlanOptions options, std::vector<std::shared_ptr<Delegate>> delegates = {});

  // The plan for `subgraph` with these input shapes (empty: the model's).
  Result<std::shared_ptr<const ExecutionPlan>> GetPlan(int subgraph,
                                                       std::span<const Shape> input_shapes = {});

  const ir::Graph& graph() const { return *graph_; }
  const std::shared_ptr<const ir::Graph>& shared_graph() const { return graph_; }
  const ops::OpResolver& resolver() const { return *resolver_; }
  const PlanOptions& options() const { return options_; }

 private:
  friend class PlanPrepareContext;
  Result<std::shared_ptr<const ExecutionPlan>> Build(int subgraph, std::span<const Shape> shapes);

  std::shared_ptr<const ir::Graph> graph_;
  const ops::OpResolver* resolver_;
  PlanOptions options_;
  std::vector<std::shared_ptr<Delegate>> delegates_;
  std::map<std::pair<int, std::vector<std::vector<int32_t>>>,
           std::shared_ptr<const ExecutionPlan>> cache_;
  int depth_ = 0;  // nesting of plans built for control flow
};

}  // namespace liteforge::runtime
