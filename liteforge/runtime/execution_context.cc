// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/runtime/execution_context.h"

#include <chrono>
#include <cstring>

#include "liteforge/runtime/step_prepare_context.h"

namespace liteforge::runtime {

// Runs subgraphs for IF/WHILE/CALL_ONCE, keeping one child context per
// callee so loops reuse their memory from iteration to iteration.
class ExecutionContext::Invoker final : public ops::SubgraphInvoker {
 public:
  Invoker(std::shared_ptr<PlanBuilder> builder, ThreadPool* pool)
      : builder_(std::move(builder)), pool_(pool) {}

  int num_subgraphs() const override {
    return static_cast<int>(builder_->graph().subgraphs.size());
  }

  Result<Views> Prepare(int subgraph, std::span<const Shape> shapes) override {
    if (subgraph < 0 || subgraph >= num_subgraphs()) {
      return InvalidArgument("subgraph {} does not exist", subgraph);
    }
    LF_ASSIGN_OR_RETURN(auto plan, builder_->GetPlan(subgraph, shapes));
    Views views;
    for (int32_t t : plan->inputs()) views.inputs.push_back(plan->tensors()[t].view);
    for (int32_t t : plan->outputs()) views.outputs.push_back(plan->tensors()[t].view);
    return views;
  }

  Result<std::vector<TensorView>> Invoke(int subgraph,
                                         std::span<const TensorView* const> inputs) override {
    if (subgraph < 0 || subgraph >= num_subgraphs()) {
      return InvalidArgument("subgraph {} does not exist", subgraph);
    }
    std::vector<Shape> shapes;
    shapes.reserve(inputs.size());
    for (const TensorView* in : inputs) shapes.push_back(in->shape);
    LF_ASSIGN_OR_RETURN(auto plan, builder_->GetPlan(subgraph, shapes));
    auto& child = children_[subgraph];
    if (child == nullptr || child->shared_plan() != plan) {
      LF_ASSIGN_OR_RETURN(child, ExecutionContext::Create(builder_, plan, pool_));
    }
    if (static_cast<int>(inputs.size()) != child->num_inputs()) {
      return InvalidArgument("subgraph {} takes {} inputs, got {}", subgraph, child->num_inputs(),
                             inputs.size());
    }
    for (size_t i = 0; i < inputs.size(); ++i) {
      TensorView& dst = child->input(static_cast<int>(i));
      if (dst.dtype != inputs[i]->dtype || dst.bytes != inputs[i]->bytes) {
        return InvalidArgument("subgraph {} input {} is {} {}, got {} {}", subgraph, i,
                               DTypeName(dst.dtype), dst.shape.ToString(),
                               DTypeName(inputs[i]->dtype), inputs[i]->shape.ToString());
      }
      if (dst.bytes > 0 && dst.data != inputs[i]->data) {
        std::memmove(dst.data, inputs[i]->data, dst.bytes);
      }
    }
    LF_RETURN_IF_ERROR_CTX(child->Invoke(), "in subgraph {}", subgraph);
    std::vector<TensorView> outputs;
    for (int i = 0; i < child->num_outputs(); ++i) outputs.push_back(child->output(i));
    return outputs;
  }

 private:
  std::shared_ptr<PlanBuilder> builder_;
  ThreadPool* pool_;
  std::map<int, std::unique_ptr<ExecutionContext>> children_;
};

ExecutionContext::ExecutionContext(std::shared_ptr<PlanBuilder> builder,
                                   std::shared_ptr<const ExecutionPlan> plan, ThreadPool* pool)
    : builder_(std::move(builder)), plan_(std::move(plan)), pool_(pool),
      invoker_(std::make_unique<Invoker>(builder_, pool)) {}

ExecutionContext::~ExecutionContext() = default;

Result<std::unique_ptr<ExecutionContext>> ExecutionContext::Create(
    std::shared_ptr<PlanBuilder> builder, std::shared_ptr<const ExecutionPlan> plan,
    ThreadPool* pool) {
  std::unique_ptr<ExecutionContext> ctx(
      new ExecutionContext(std::move(builder), std::move(plan), pool));
  LF_RETURN_IF_ERROR(ctx->Bind());
  return ctx;
}

Status ExecutionContext::Bind() {
  // Vector kernels outside liteforge's control (XNNPACK's, through its
  // delegate) may load up to 16 bytes past the end of an input tensor; a
  // little slack after the last tensor keeps those loads inside the arena.
  constexpr size_t kTailSlack = 64;
  const size_t bytes = plan_->arena_bytes();
  if (!arena_.Resize(bytes == 0 ? 0 : bytes + kTailSlack)) {
    return ResourceExhausted("cannot allocate a {} byte arena", plan_->arena_bytes());
  }
  const auto tensors = plan_->tensors();
  views_.resize(tensors.size());
  variables_.resize(tensors.size());
  dynamic_.resize(tensors.size());
  for (size_t t = 0; t < tensors.size(); ++t) {
    views_[t] = tensors[t].view;
    switch (tensors[t].home) {
      case TensorHome::kArena:
        views_[t].data = arena_.data() == nullptr ? nullptr : arena_.data() + tensors[t].arena_offset;
        break;
      case TensorHome::kVariable: {
        if (!variables_[t].Resize(std::max<size_t>(views_[t].bytes, 1))) {
          return ResourceExhausted("cannot allocate variable tensor {}", t);
        }
        views_[t].data = variables_[t].data();
        break;
      }
      case TensorHome::kDynamic:
      case TensorHome::kNone:
        views_[t].data = nullptr;
        break;
      case TensorHome::kConstant:
      case TensorHome::kFolded:
        break;
    }
  }
  ResetVariables();
  timings_.assign(plan_->steps().size(), StepTiming{});
  for (size_t i = 0; i < plan_->steps().size(); ++i) {
    const Step& step = plan_->steps()[i];
    timings_[i].op_index = step.op_index;
    timings_[i].op_name = step.owned_node ? "DELEGATE" : step.node->DisplayName();
    timings_[i].description = step.description;
  }
  return Status::Ok();
}

void ExecutionContext::ResetVariables() {
  const auto& sg = plan_->subgraph();
  for (size_t t = 0; t < variables_.size(); ++t) {
    if (variables_[t].data() == nullptr) continue;
    const ir::Tensor& it = sg.tensors[t];
    // TFLite starts an int8 variable (e.g. an LSTM's output state) at its
    // zero point, i.e. at real value 0; every other type starts at 0 bits.
    int fill = 0;
    if (it.dtype == DType::kInt8 && !it.quant.zero_point.empty()) {
      fill = static_cast<int>(it.quant.zero_point[0]);
    }
    std::memset(variables_[t].data(), fill, variables_[t].size());
    if (it.data && it.data->size() == views_[t].bytes) {
      std::memcpy(variables_[t].data(), it.data->data(), it.data->size());
    }
  }
}

void ExecutionContext::ClearTimings() {
  for (auto& t : timings_) {
    t.total_ns = 0;
    t.runs = 0;
  }
}

Status ExecutionContext::AllocateDynamic(int t, const Shape& shape) {
  TensorView& v = views_[t];
  LF_ASSIGN_OR_RETURN(size_t bytes, TensorBytes(v.dtype, shape, v));
  AlignedBuffer& buffer = dynamic_[t];
  if (buffer.data() == nullptr || buffer.size() < bytes) {
    if (!buffer.Resize(std::max<size_t>(bytes, 1))) {
      return ResourceExhausted("cannot allocate {} bytes for tensor {}", bytes, t);
    }
  }
  v.shape = shape;
  v.bytes = bytes;
  v.data = buffer.data();
  return Status::Ok();
}

Status ExecutionContext::RunRepreparedStep(const Step& step) {
  const ir::Subgraph& sg = plan_->subgraph();
  auto kernel = step.factory();
  if (kernel == nullptr) return Internal("{}: kernel factory returned null", step.description);
  std::vector<AlignedBuffer> persistent;
  StepPrepareContext prepare(sg, *step.node, *this, &persistent, plan_->options().max_isa,
                             plan_->options().num_threads, invoker_.get());
  LF_RETURN_IF_ERROR_CTX(kernel->Prepare(prepare), "{}", step.description);
  for (size_t i = 0; i < step.node->outputs.size(); ++i) {
    if (prepare.dynamic_outputs()[i]) continue;
    const int32_t t = step.node->outputs[i];
    LF_RETURN_IF_ERROR_CTX(AllocateDynamic(t, views_[t].shape), "{}", step.description);
  }
  step_scratch_.resize(prepare.scratch_bytes().size());
  std::vector<uint8_t*> scratch;
  for (size_t k = 0; k < prepare.scratch_bytes().size(); ++k) {
    if (step_scratch_[k].size() < prepare.scratch_bytes()[k] || step_scratch_[k].data() == nullptr) {
      if (!step_scratch_[k].Resize(std::max<size_t>(prepare.scratch_bytes()[k], 1))) {
        return ResourceExhausted("{}: cannot allocate scratch", step.description);
      }
    }
    scratch.push_back(step_scratch_[k].data());
  }
  StepEvalContext eval(*step.node, *this, scratch, pool_, invoker_.get());
  LF_RETURN_IF_ERROR_CTX(kernel->Eval(eval), "{}", step.description);
  return Status::Ok();
}

Status ExecutionContext::RunStep(size_t i) {
  const Step& step = plan_->steps()[i];
  if (step.folded) return Status::Ok();
  if (step.reprepare) return RunRepreparedStep(step);
  uint8_t* scratch_ptrs[16];
  std::vector<uint8_t*> many;
  std::span<uint8_t* const> scratch;
  const size_t n = step.scratch_offsets.size();
  if (n <= 16) {
    for (size_t k = 0; k < n; ++k) scratch_ptrs[k] = arena_.data() + step.scratch_offsets[k];
    scratch = {scratch_ptrs, n};
  } else {
    for (size_t k = 0; k < n; ++k) many.push_back(arena_.data() + step.scratch_offsets[k]);
    scratch = many;
  }
  StepEvalContext eval(*step.node, *this, scratch, pool_, invoker_.get());
  Status status = step.kernel->Eval(eval);
  if (!status.ok()) return std::move(status).AddContext(step.description);
  return Status::Ok();
}

Status ExecutionContext::Invoke() {
  const auto steps = plan_->steps();
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].folded) continue;  // computed while planning
    if (profiling_) {
      const auto start = std::chrono::steady_clock::now();
      LF_RETURN_IF_ERROR(RunStep(i));
      const auto end = std::chrono::steady_clock::now();
      timings_[i].total_ns +=
          std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count();
      ++timings_[i].runs;
    } else {
      LF_RETURN_IF_ERROR(RunStep(i));
    }
    if (observer_ != nullptr) {
      const ir::Op& node = *steps[i].node;
      const TensorView* outs[64];
      const size_t n = std::min<size_t>(node.outputs.size(), 64);
      for (size_t k = 0; k < n; ++k) outs[k] = &views_[node.outputs[k]];
      observer_->OnOpOutputs(plan_->subgraph_index(), steps[i].op_index, node, {outs, n});
    }
  }
  return Status::Ok();
}

}  // namespace liteforge::runtime
