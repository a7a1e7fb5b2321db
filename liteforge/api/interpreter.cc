// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/api/interpreter.h"

#include <cstring>

#include "liteforge/format/tflite/reader.h"
#include "liteforge/ir/passes/pass_manager.h"
#if defined(LITEFORGE_HAVE_XNNPACK)
#include "liteforge/delegates/xnnpack/xnnpack_delegate.h"
#endif

namespace liteforge {

// "xnnpack[?options]" names the built-in XNNPACK delegate; anything else is
// a shared library speaking delegate_abi.h.
Result<std::shared_ptr<runtime::Delegate>> CreateDelegate(const std::string& spec) {
  const size_t q = spec.find('?');
  if (spec.substr(0, q) != "xnnpack") return runtime::LoadDelegate(spec);
#if defined(LITEFORGE_HAVE_XNNPACK)
  return delegates::xnnpack::CreateXnnpackDelegate(
      q == std::string::npos ? std::string_view() : std::string_view(spec).substr(q + 1));
#else
  return Unimplemented("this liteforge was built without XNNPACK: install libxnnpack-dev and "
                       "libpthreadpool-dev (scripts/setup.sh) and rebuild");
#endif
}

Interpreter::~Interpreter() = default;

Result<std::unique_ptr<Interpreter>> Interpreter::FromFile(const std::string& path,
                                                           const InterpreterOptions& options) {
  LF_ASSIGN_OR_RETURN(ir::Graph graph, tflite_format::ReadTfliteFile(path));
  return FromGraph(std::make_shared<const ir::Graph>(std::move(graph)), options);
}

Result<std::unique_ptr<Interpreter>> Interpreter::FromGraph(std::shared_ptr<const ir::Graph> graph,
                                                            const InterpreterOptions& options) {
  if (graph == nullptr || graph->subgraphs.empty()) {
    return InvalidArgument("the model has no subgraphs");
  }
  if (options.num_threads < 1 || options.num_threads > 256) {
    return InvalidArgument("--threads must be between 1 and 256, got {}", options.num_threads);
  }
  std::unique_ptr<Interpreter> interp(new Interpreter());
  interp->graph_ = std::move(graph);
  interp->options_ = options;
  for (const std::string& spec : options.delegates) {
    LF_ASSIGN_OR_RETURN(auto d, CreateDelegate(spec));
    interp->delegates_.push_back(std::move(d));
  }
  for (const auto& d : options.loaded_delegates) {
    if (d == nullptr) return InvalidArgument("a loaded delegate is null");
    interp->delegates_.push_back(d);
  }
  std::shared_ptr<const ir::Graph> run_graph = interp->graph_;
  if (options.fuse_ops && interp->delegates_.empty()) {
    // The passes edit a copy: constants stay shared with the original.
    auto fused = std::make_shared<ir::Graph>(*interp->graph_);
    LF_RETURN_IF_ERROR(ir::FusionPasses().Run(*fused).status());
    run_graph = std::move(fused);
  }
  interp->MakeBuilder(std::move(run_graph));
  if (options.num_threads > 1) interp->pool_ = std::make_unique<ThreadPool>(options.num_threads);
  const ir::Subgraph& main = interp->graph_->subgraphs[0];
  for (int32_t t : main.inputs) interp->input_shapes_.push_back(main.tensors[t].shape);
  LF_RETURN_IF_ERROR(interp->AllocateTensors());
  return interp;
}

void Interpreter::MakeBuilder(std::shared_ptr<const ir::Graph> graph) {
  runtime::PlanOptions plan_options;
  plan_options.max_isa = options_.max_isa.value_or(DefaultMaxIsa());
  plan_options.num_threads = options_.num_threads;
  plan_options.planner = options_.planner;
  plan_options.fold_constants = options_.fold_constants;
  builder_ = std::make_shared<runtime::PlanBuilder>(std::move(graph), options_.resolver,
                                                    plan_options, delegates_);
  dirty_ = true;
}

int Interpreter::num_inputs() const { return static_cast<int>(graph_->subgraphs[0].inputs.size()); }
int Interpreter::num_outputs() const { return static_cast<int>(graph_->subgraphs[0].outputs.size()); }
int Interpreter::input_tensor_index(int i) const { return graph_->subgraphs[0].inputs[i]; }
int Interpreter::output_tensor_index(int i) const { return graph_->subgraphs[0].outputs[i]; }

Status Interpreter::ResizeInput(int i, const Shape& shape) {
  if (i < 0 || i >= num_inputs()) {
    return OutOfRange("input {} does not exist (the model has {} inputs)", i, num_inputs());
  }
  for (int d = 0; d < shape.rank(); ++d) {
    if (shape.dim(d) < 0) return InvalidArgument("input {}: shape {} has a negative dimension", i, shape.ToString());
  }
  if (input_shapes_[i] != shape) {
    input_shapes_[i] = shape;
    dirty_ = true;
  }
  return Status::Ok();
}

Status Interpreter::AllocateTensors() {
  if (!dirty_ && context_ != nullptr) return Status::Ok();
  LF_ASSIGN_OR_RETURN(auto plan, builder_->GetPlan(0, input_shapes_));
  LF_ASSIGN_OR_RETURN(context_, runtime::ExecutionContext::Create(builder_, plan, pool_.get()));
  context_->set_observer(observer_);
  context_->set_profiling(profiling_);
  dirty_ = false;
  return Status::Ok();
}

Status Interpreter::Invoke() {
  LF_RETURN_IF_ERROR(AllocateTensors());
  return context_->Invoke();
}

Result<std::unique_ptr<runtime::ExecutionContext>> Interpreter::CreateSubgraphContext(
    int s, std::span<const Shape> input_shapes) {
  if (s < 0 || s >= static_cast<int>(graph_->subgraphs.size())) {
    return OutOfRange("subgraph {} does not exist (the model has {} subgraphs)", s,
                      graph_->subgraphs.size());
  }
  LF_ASSIGN_OR_RETURN(auto plan, builder_->GetPlan(s, input_shapes));
  LF_ASSIGN_OR_RETURN(auto context, runtime::ExecutionContext::Create(builder_, plan, pool_.get()));
  context->set_observer(observer_);
  return context;
}

TensorView& Interpreter::input(int i) { return context_->input(i); }
const TensorView& Interpreter::output(int i) const { return context_->output(i); }
const TensorView& Interpreter::tensor(int index) const {
  return const_cast<runtime::ExecutionContext&>(*context_).view(index);
}

Status Interpreter::SetInput(int i, DType dtype, const Shape& shape, std::span<const uint8_t> data) {
  if (i < 0 || i >= num_inputs()) {
    return OutOfRange("input {} does not exist (the model has {} inputs)", i, num_inputs());
  }
  LF_RETURN_IF_ERROR(AllocateTensors());
  TensorView& dst = context_->input(i);
  const std::string name(dst.name);
  if (dtype != dst.dtype) {
    return InvalidArgument("input {} '{}' is {}, but the data given is {}", i, name,
                           DTypeName(dst.dtype), DTypeName(dtype));
  }
  if (shape != dst.shape) {
    // Same element count with a different but compatible layout (e.g. a
    // missing batch dim) is accepted; anything else is a clear error.
    if (shape.NumElements() != dst.shape.NumElements()) {
      return InvalidArgument("input {} '{}' has shape {}, but the data given has shape {}", i,
                             name, dst.shape.ToString(), shape.ToString());
    }
  }
  if (data.size() != dst.bytes) {
    return InvalidArgument("input {} '{}' needs {} bytes, got {}", i, name, dst.bytes, data.size());
  }
  if (!data.empty()) std::memcpy(dst.data, data.data(), data.size());
  return Status::Ok();
}

void Interpreter::SetObserver(runtime::TensorObserver* observer) {
  observer_ = observer;
  if (observer != nullptr && fused()) {
    // Re-plan the graph as given, carrying over the inputs already set. If
    // planning fails here, the next AllocateTensors() reports it.
    std::vector<std::vector<uint8_t>> inputs;
    if (context_) {
      for (int i = 0; i < num_inputs(); ++i) {
        const TensorView& v = context_->input(i);
        const auto* bytes = static_cast<const uint8_t*>(v.data);
        inputs.emplace_back(bytes, bytes + (bytes != nullptr ? v.bytes : 0));
      }
    }
    MakeBuilder(graph_);
    context_.reset();
    if (AllocateTensors().ok()) {
      for (size_t i = 0; i < inputs.size(); ++i) {
        TensorView& v = context_->input(static_cast<int>(i));
        if (v.data != nullptr && v.bytes == inputs[i].size() && !inputs[i].empty()) {
          std::memcpy(v.data, inputs[i].data(), v.bytes);
        }
      }
    }
    return;
  }
  if (context_) context_->set_observer(observer);
}

void Interpreter::SetProfiling(bool on) {
  profiling_ = on;
  if (context_) context_->set_profiling(on);
}

}  // namespace liteforge
