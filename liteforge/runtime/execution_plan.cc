// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/runtime/execution_plan.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "liteforge/runtime/delegate.h"
#include "liteforge/runtime/step_prepare_context.h"

namespace liteforge::runtime {
namespace {

// Control flow may nest (a WHILE body containing an IF ...) but a model that
// recurses into itself must fail cleanly rather than exhaust the stack.
constexpr int kMaxSubgraphDepth = 16;

// The plan's tensors as a TensorStore, for ops evaluated while planning.
class PlanTensorStore final : public TensorStore {
 public:
  PlanTensorStore(std::vector<TensorPlan>& tensors, std::vector<AlignedBuffer>& persistent)
      : tensors_(tensors), persistent_(persistent) {}
  TensorView& view(int t) override { return tensors_[t].view; }
  Status AllocateDynamic(int t, const Shape& shape) override {
    TensorView& v = tensors_[t].view;
    LF_ASSIGN_OR_RETURN(size_t bytes, TensorBytes(v.dtype, shape, v));
    AlignedBuffer buffer;
    if (!buffer.Resize(std::max<size_t>(bytes, 1))) {
      return ResourceExhausted("cannot allocate {} bytes for tensor {}", bytes, t);
    }
    v.shape = shape;
    v.bytes = bytes;
    v.data = buffer.data();
    persistent_.push_back(std::move(buffer));
    return Status::Ok();
  }

 private:
  std::vector<TensorPlan>& tensors_;
  std::vector<AlignedBuffer>& persistent_;
};

// While planning, control-flow ops may ask what a callee produces for given
// input shapes; running it has to wait for an ExecutionContext.
class PlanTimeInvoker final : public ops::SubgraphInvoker {
 public:
  explicit PlanTimeInvoker(PlanBuilder& builder) : builder_(builder) {}
  int num_subgraphs() const override { return static_cast<int>(builder_.graph().subgraphs.size()); }
  Result<Views> Prepare(int subgraph, std::span<const Shape> shapes) override {
    if (subgraph < 0 || subgraph >= num_subgraphs()) {
      return InvalidArgument("subgraph {} does not exist", subgraph);
    }
    LF_ASSIGN_OR_RETURN(auto plan, builder_.GetPlan(subgraph, shapes));
    Views views;
    for (int32_t t : plan->inputs()) views.inputs.push_back(plan->tensors()[t].view);
    for (int32_t t : plan->outputs()) views.outputs.push_back(plan->tensors()[t].view);
    for (auto& v : views.inputs) v.data = nullptr;
    for (auto& v : views.outputs) {
      if (!v.is_constant) v.data = nullptr;
    }
    return views;
  }
  Result<std::vector<TensorView>> Invoke(int, std::span<const TensorView* const>) override {
    return FailedPrecondition("subgraphs cannot run while a plan is being built");
  }

 private:
  PlanBuilder& builder_;
};

bool IsAligned(const void* p, size_t alignment) {
  return reinterpret_cast<uintptr_t>(p) % alignment == 0;
}

}  // namespace

PlanBuilder::PlanBuilder(std::shared_ptr<const ir::Graph> graph, const ops::OpResolver* resolver,
                         PlanOptions options, std::vector<std::shared_ptr<Delegate>> delegates)
    : graph_(std::move(graph)),
      resolver_(resolver != nullptr ? resolver : &ops::BuiltinOpResolver()),
      options_(options),
      delegates_(std::move(delegates)) {}

Result<std::shared_ptr<const ExecutionPlan>> PlanBuilder::GetPlan(int subgraph,
                                                                  std::span<const Shape> shapes) {
  if (subgraph < 0 || subgraph >= static_cast<int>(graph_->subgraphs.size())) {
    return InvalidArgument("subgraph {} does not exist (the model has {})", subgraph,
                           graph_->subgraphs.size());
  }
  std::vector<std::vector<int32_t>> key_shapes;
  for (const Shape& s : shapes) key_shapes.push_back(s.dims());
  auto key = std::make_pair(subgraph, std::move(key_shapes));
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  if (depth_ >= kMaxSubgraphDepth) {
    return InvalidArgument("control flow nests subgraphs deeper than {} (is the model recursive?)",
                           kMaxSubgraphDepth);
  }
  ++depth_;
  auto plan = Build(subgraph, shapes);
  --depth_;
  if (!plan.ok()) return plan.status();
  cache_.emplace(std::move(key), *plan);
  return *plan;
}

Result<std::shared_ptr<const ExecutionPlan>> PlanBuilder::Build(int s,
                                                                std::span<const Shape> shapes) {
  auto plan = std::shared_ptr<ExecutionPlan>(new ExecutionPlan());
  plan->graph_ = graph_;
  plan->subgraph_ = s;
  plan->options_ = options_;
  const ir::Subgraph& sg = graph_->subgraphs[s];
  const int num_tensors = static_cast<int>(sg.tensors.size());
  auto& tensors = plan->tensors_;
  tensors.resize(sg.tensors.size());
  std::vector<bool> sparse(sg.tensors.size(), false);

  // Tensor views as the model declares them.
  for (int t = 0; t < num_tensors; ++t) {
    const ir::Tensor& it = sg.tensors[t];
    TensorPlan& tp = tensors[t];
    tp.view.dtype = it.dtype;
    tp.view.shape = it.shape;
    tp.view.quant = &it.quant;
    tp.view.name = it.name;
    tp.view.index = t;
    if (it.is_variable) {
      tp.home = TensorHome::kVariable;
    } else if (it.data) {
      tp.home = TensorHome::kConstant;
      tp.view.is_constant = true;
      tp.view.bytes = it.data->size();
      sparse[t] = it.sparsity.has_value();
      const size_t align = std::min<size_t>(std::max<size_t>(DTypeSize(it.dtype), 1), 8);
      if (IsAligned(it.data->data(), align)) {
        tp.view.data = const_cast<uint8_t*>(it.data->data());
      } else {
        // Kernels read elements in place; a misaligned constant (a file
        // not written by a TFLite-compatible writer) gets an aligned copy.
        AlignedBuffer copy(std::max<size_t>(it.data->size(), 1));
        if (copy.data() == nullptr) return ResourceExhausted("cannot copy constant tensor {}", t);
        std::memcpy(copy.data(), it.data->data(), it.data->size());
        tp.view.data = copy.data();
        plan->persistent_.push_back(std::move(copy));
      }
    }
    if (tp.home != TensorHome::kConstant) {
      if (auto bytes = tp.view.shape.CheckedNumElements()) {
        tp.view.bytes = DTypeBytes(it.dtype, *bytes).value_or(0);
      }
    }
  }

  if (!shapes.empty()) {
    if (shapes.size() != sg.inputs.size()) {
      return InvalidArgument("subgraph {} has {} inputs, but {} input shapes were given", s,
                             sg.inputs.size(), shapes.size());
    }
    for (size_t i = 0; i < shapes.size(); ++i) {
      TensorView& v = tensors[sg.inputs[i]].view;
      LF_ASSIGN_OR_RETURN(v.bytes, TensorBytes(v.dtype, shapes[i], v));
      v.shape = shapes[i];
    }
  }
  for (int32_t t : sg.inputs) {
    if (tensors[t].home == TensorHome::kNone) tensors[t].home = TensorHome::kArena;
  }

  // Delegates claim the ops they can run before liteforge's kernels do.
  std::vector<DelegatedPartition> partitions;
  for (const auto& delegate : delegates_) {
    LF_ASSIGN_OR_RETURN(auto claimed, delegate->Partition(*graph_, s, partitions));
    for (auto& p : claimed) partitions.push_back(std::move(p));
  }
  std::vector<int> partition_of_op(sg.ops.size(), -1);
  for (size_t p = 0; p < partitions.size(); ++p) {
    for (int o : partitions[p].ops) partition_of_op[o] = static_cast<int>(p);
  }

  PlanTensorStore store(tensors, plan->persistent_);
  PlanTimeInvoker invoker(*this);
  std::vector<bool> dynamic(sg.tensors.size(), false);
  auto& steps = plan->steps_;
  steps.reserve(sg.ops.size());

  for (int o = 0; o < static_cast<int>(sg.ops.size()); ++o) {
    const ir::Op& op = sg.ops[o];
    if (partition_of_op[o] >= 0 && partitions[partition_of_op[o]].ops.front() != o) continue;
    Step step;
    step.op_index = o;
    step.description = ir::DescribeOp(*graph_, s, o);
    step.node = &op;
    if (partition_of_op[o] >= 0) {
      const DelegatedPartition& part = partitions[partition_of_op[o]];
      step.owned_node = std::make_shared<const ir::Op>(part.node);
      step.node = step.owned_node.get();
      step.factory = part.factory;
      step.description = fmt::format("{} (delegate '{}', {} ops)", step.description,
                                     part.delegate_name, part.ops.size());
    } else {
      auto factory = resolver_->Find(op);
      if (!factory.ok()) return Status(factory.status()).AddContext(step.description);
      step.factory = *factory;
    }
    const ir::Op* node = step.node;
    bool any_dynamic = false;
    bool all_constant = true;
    int present_inputs = 0;
    for (int32_t t : node->inputs) {
      if (t < 0) continue;
      ++present_inputs;
      if (sparse[t] && op.type != ir::OpType::kDensify) {
        return InvalidArgument("{}: input {} is a sparse constant; only DENSIFY reads sparse tensors",
                               step.description, ir::DescribeTensor(*graph_, s, t));
      }
      any_dynamic |= dynamic[t];
      all_constant &= tensors[t].home == TensorHome::kConstant || tensors[t].home == TensorHome::kFolded;
    }
    if (any_dynamic) {
      // Shapes are unknown until run time: prepare on every invoke.
      step.reprepare = true;
      for (int32_t t : node->outputs) {
        dynamic[t] = true;
        tensors[t].home = TensorHome::kDynamic;
      }
      steps.push_back(std::move(step));
      continue;
    }
    step.kernel = step.factory();
    if (step.kernel == nullptr) return Internal("{}: kernel factory returned null", step.description);
    StepPrepareContext ctx(sg, *node, store, &plan->persistent_, options_.max_isa,
                           options_.num_threads, &invoker);
    LF_RETURN_IF_ERROR_CTX(step.kernel->Prepare(ctx), "{}", step.description);
    step.scratch_bytes = ctx.scratch_bytes();
    bool has_dynamic_output = false;
    for (size_t i = 0; i < node->outputs.size(); ++i) {
      const int32_t t = node->outputs[i];
      if (ctx.dynamic_outputs()[i]) {
        dynamic[t] = true;
        has_dynamic_output = true;
        tensors[t].home = TensorHome::kDynamic;
      } else {
        tensors[t].home = TensorHome::kArena;
      }
    }

    const bool fold = options_.fold_constants && all_constant && present_inputs > 0 &&
                      !step.kernel->HasSideEffects() && partition_of_op[o] < 0;
    if (fold) {
      for (int32_t t : node->outputs) {
        if (dynamic[t]) continue;
        TensorView& v = tensors[t].view;
        AlignedBuffer buffer;
        if (!buffer.Resize(std::max<size_t>(v.bytes, 1))) {
          return ResourceExhausted("{}: cannot allocate {} bytes", step.description, v.bytes);
        }
        v.data = buffer.data();
        plan->persistent_.push_back(std::move(buffer));
      }
      std::vector<AlignedBuffer> scratch_buffers;
      std::vector<uint8_t*> scratch;
      for (size_t bytes : step.scratch_bytes) {
        scratch_buffers.emplace_back(std::max<size_t>(bytes, 1));
        scratch.push_back(scratch_buffers.back().data());
      }
      StepEvalContext eval(*node, store, scratch, nullptr, &invoker);
      LF_RETURN_IF_ERROR_CTX(step.kernel->Eval(eval), "{} (evaluated ahead of time)",
                             step.description);
      for (int32_t t : node->outputs) {
        tensors[t].home = TensorHome::kFolded;
        tensors[t].view.is_constant = true;
        dynamic[t] = false;
      }
      step.folded = true;
      step.kernel.reset();
      step.scratch_bytes.clear();
    }
    (void)has_dynamic_output;
    steps.push_back(std::move(step));
  }

  // Ops that only reinterpret their input's bytes (RESHAPE, SQUEEZE,
  // EXPAND_DIMS) get their output placed over their input, as TensorFlow
  // Lite does: their kernels copy nothing when the two alias, and the
  // buffer lives until the last reader of either. Graph inputs and outputs
  // keep bytes of their own (callers write and read them between runs).
  // The linear planner, for debugging, shares nothing.
  std::vector<int32_t> owner(sg.tensors.size());
  for (int t = 0; t < num_tensors; ++t) owner[t] = t;
  if (options_.planner != PlannerKind::kLinear) {
    std::vector<bool> graph_io(sg.tensors.size(), false);
    for (int32_t t : sg.inputs) graph_io[t] = true;
    for (int32_t t : sg.outputs) graph_io[t] = true;
    for (const Step& step : steps) {
      if (step.folded || step.reprepare || step.owned_node != nullptr) continue;
      const ir::OpType type = step.node->type;
      if (type != ir::OpType::kReshape && type != ir::OpType::kSqueeze &&
          type != ir::OpType::kExpandDims) {
        continue;
      }
      if (step.node->inputs.empty() || step.node->outputs.empty()) continue;
      const int32_t in = step.node->inputs[0], out = step.node->outputs[0];
      if (in < 0 || out < 0 || graph_io[in] || graph_io[out]) continue;
      if (tensors[in].home != TensorHome::kArena || tensors[out].home != TensorHome::kArena) continue;
      if (tensors[in].view.bytes != tensors[out].view.bytes) continue;
      owner[out] = owner[in];
    }
  }

  // Lifetimes of arena buffers, in steps. Graph inputs and outputs stay
  // alive for the whole run so callers can read and re-run them.
  const int num_steps = static_cast<int>(steps.size());
  std::vector<int> first(sg.tensors.size(), -1), last(sg.tensors.size(), -1);
  auto touch = [&](int32_t t, int step) {
    if (t < 0 || tensors[t].home != TensorHome::kArena) return;
    t = owner[t];
    if (first[t] < 0 || step < first[t]) first[t] = step;
    last[t] = std::max(last[t], step);
  };
  for (int32_t t : sg.inputs) {
    touch(t, 0);
    touch(t, num_steps);
  }
  for (int i = 0; i < num_steps; ++i) {
    const Step& step = steps[i];
    if (step.folded) continue;
    for (int32_t t : step.node->inputs) touch(t, i);
    for (int32_t t : step.node->outputs) touch(t, i);
  }
  for (int32_t t : sg.outputs) touch(t, num_steps);

  std::vector<BufferRequest> requests;
  std::vector<std::pair<int, int>> owners;  // (tensor, -1) or (step, scratch id) as (-1 - step, id)
  for (int t = 0; t < num_tensors; ++t) {
    if (tensors[t].home != TensorHome::kArena || owner[t] != t) continue;
    if (first[t] < 0) {  // produced by nobody we run and read by nobody
      first[t] = last[t] = 0;
    }
    requests.push_back({tensors[t].view.bytes, first[t], last[t]});
    owners.emplace_back(t, -1);
  }
  for (int i = 0; i < num_steps; ++i) {
    for (size_t k = 0; k < steps[i].scratch_bytes.size(); ++k) {
      requests.push_back({steps[i].scratch_bytes[k], i, i});
      owners.emplace_back(-1 - i, static_cast<int>(k));
    }
  }
  const MemoryPlan memory = MakePlanner(options_.planner)->Plan(requests);
  for (size_t r = 0; r < requests.size(); ++r) {
    if (owners[r].second < 0) {
      tensors[owners[r].first].arena_offset = memory.offsets[r];
    } else {
      Step& step = steps[-1 - owners[r].first];
      step.scratch_offsets.resize(step.scratch_bytes.size());
      step.scratch_offsets[owners[r].second] = memory.offsets[r];
    }
  }
  for (int t = 0; t < num_tensors; ++t) {
    if (tensors[t].home == TensorHome::kArena && owner[t] != t) {
      tensors[t].arena_offset = tensors[owner[t]].arena_offset;
    }
  }
  plan->arena_lower_bound_ = ArenaLowerBound(requests);
  plan->arena_strategy_ = memory.strategy;
  plan->arena_bytes_ = memory.arena_bytes;
  for (const auto& b : plan->persistent_) plan->persistent_bytes_ += b.size();
  return std::shared_ptr<const ExecutionPlan>(plan);
}

}  // namespace liteforge::runtime
