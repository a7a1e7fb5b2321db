// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// WHILE: runs the body subgraph on the loop state for as long as the
// condition subgraph returns true. The op's outputs hold the state between
// iterations (so a callee re-planned for new shapes never leaves us
// pointing at freed memory); when the body changes shapes the outputs are
// dynamic.

#include <vector>

#include "liteforge/ops/control_flow.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

// Bound on iterations so a model whose condition never turns false fails
// instead of hanging forever.
constexpr int64_t kMaxIterations = int64_t{1} << 31;

class While final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    const auto& opts = ctx.options<ir::WhileOptions>();
    cond_ = opts.cond_subgraph;
    body_ = opts.body_subgraph;
    if (ctx.num_inputs() != ctx.num_outputs()) {
      return InvalidArgument("has {} inputs but {} outputs; WHILE carries the same tensors",
                             ctx.num_inputs(), ctx.num_outputs());
    }
    SubgraphInvoker* sub = ctx.subgraphs();
    if (sub == nullptr) return Internal("no subgraph invoker");
    std::vector<Shape> shapes;
    std::vector<TensorView> inputs;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      LF_ASSIGN_OR_RETURN(const TensorView* in, RequiredInput(ctx, i, "loop variable"));
      shapes.push_back(in->shape);
      inputs.push_back(*in);
    }
    LF_ASSIGN_OR_RETURN(auto cond, sub->Prepare(cond_, shapes));
    LF_RETURN_IF_ERROR(CheckDTypesMatch(inputs, cond.inputs, "WHILE input vs condition input"));
    if (cond.outputs.size() != 1 || cond.outputs[0].dtype != DType::kBool ||
        cond.outputs[0].shape.NumElements() != 1) {
      return InvalidArgument("condition subgraph {} must return one bool element", cond_);
    }
    LF_ASSIGN_OR_RETURN(auto body, sub->Prepare(body_, shapes));
    LF_RETURN_IF_ERROR(CheckDTypesMatch(inputs, body.inputs, "WHILE input vs body input"));
    LF_RETURN_IF_ERROR(CheckDTypesMatch(body.outputs, body.inputs, "WHILE body output"));
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      if (ctx.output(i).dtype != inputs[i].dtype) {
        return InvalidArgument("output {} is {} but loop variable {} is {}", i,
                               DTypeName(ctx.output(i).dtype), i, DTypeName(inputs[i].dtype));
      }
    }
    // Shapes that survive one trip through the body are fixed for good.
    dynamic_ = !SameShapes(body.outputs, inputs);
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      if (dynamic_) {
        ctx.MarkOutputDynamic(i);
      } else {
        LF_RETURN_IF_ERROR(ctx.SetOutputShape(i, shapes[i]));
      }
    }
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    SubgraphInvoker* sub = ctx.subgraphs();
    const int n = ctx.num_outputs();
    std::vector<const TensorView*> state(n);
    for (int i = 0; i < n; ++i) state[i] = ctx.input(i);
    LF_RETURN_IF_ERROR(CopyToOutputs(ctx, state, 0, dynamic_));
    for (int i = 0; i < n; ++i) state[i] = &ctx.output(i);
    for (int64_t iteration = 0;; ++iteration) {
      if (iteration >= kMaxIterations) {
        return ResourceExhausted("WHILE did not finish after {} iterations", kMaxIterations);
      }
      LF_ASSIGN_OR_RETURN(auto cond, sub->Invoke(cond_, state));
      if (cond.empty() || cond[0].data == nullptr) return Internal("condition produced no value");
      if (cond[0].data[0] == 0) break;
      LF_ASSIGN_OR_RETURN(auto next, sub->Invoke(body_, state));
      LF_RETURN_IF_ERROR(CopyToOutputs(ctx, next, 0, dynamic_));
      for (int i = 0; i < n; ++i) state[i] = &ctx.output(i);
    }
    return Status::Ok();
  }

  bool HasSideEffects() const override { return true; }

 private:
  int cond_ = 0;
  int body_ = 0;
  bool dynamic_ = false;
};

}  // namespace

void RegisterWhile(OpResolver& r) { r.AddBuiltin(ir::OpType::kWhile, MakeKernel<While>, 1, 1); }

}  // namespace liteforge::ops
