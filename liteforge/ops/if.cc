// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// IF: runs the then- or else-subgraph on inputs 1..N according to the bool
// input 0, and returns that branch's outputs. When the branches produce
// different shapes the outputs are dynamic.

#include <vector>

#include "liteforge/ops/control_flow.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class If final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    const auto& opts = ctx.options<ir::IfOptions>();
    then_ = opts.then_subgraph;
    else_ = opts.else_subgraph;
    if (ctx.num_inputs() < 1) return InvalidArgument("needs a condition input");
    LF_ASSIGN_OR_RETURN(const TensorView* cond, RequiredInput(ctx, 0, "condition"));
    if (cond->dtype != DType::kBool || cond->shape.NumElements() != 1) {
      return InvalidArgument("{} must be a single bool, is {} {}", Describe(*cond, "condition"),
                             DTypeName(cond->dtype), cond->shape.ToString());
    }
    SubgraphInvoker* sub = ctx.subgraphs();
    if (sub == nullptr) return Internal("no subgraph invoker");
    std::vector<Shape> shapes;
    std::vector<TensorView> inputs;
    for (int i = 1; i < ctx.num_inputs(); ++i) {
      LF_ASSIGN_OR_RETURN(const TensorView* in, RequiredInput(ctx, i, "branch input"));
      shapes.push_back(in->shape);
      inputs.push_back(*in);
    }
    std::vector<TensorView> outputs;
    for (int i = 0; i < ctx.num_outputs(); ++i) outputs.push_back(ctx.output(i));
    LF_ASSIGN_OR_RETURN(auto then_views, sub->Prepare(then_, shapes));
    LF_ASSIGN_OR_RETURN(auto else_views, sub->Prepare(else_, shapes));
    LF_RETURN_IF_ERROR(CheckDTypesMatch(inputs, then_views.inputs, "IF input vs then-branch input"));
    LF_RETURN_IF_ERROR(CheckDTypesMatch(inputs, else_views.inputs, "IF input vs else-branch input"));
    LF_RETURN_IF_ERROR(CheckDTypesMatch(then_views.outputs, outputs, "IF then-branch output"));
    LF_RETURN_IF_ERROR(CheckDTypesMatch(else_views.outputs, outputs, "IF else-branch output"));
    dynamic_ = !SameShapes(then_views.outputs, else_views.outputs);
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      if (dynamic_) {
        ctx.MarkOutputDynamic(i);
      } else {
        LF_RETURN_IF_ERROR(ctx.SetOutputShape(i, then_views.outputs[i].shape));
      }
    }
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    const bool take_then = ctx.input(0)->data[0] != 0;
    std::vector<const TensorView*> inputs;
    for (int i = 1; i < ctx.num_inputs(); ++i) inputs.push_back(ctx.input(i));
    LF_ASSIGN_OR_RETURN(auto results, ctx.subgraphs()->Invoke(take_then ? then_ : else_, inputs));
    return CopyToOutputs(ctx, results, 0, dynamic_);
  }

  bool HasSideEffects() const override { return true; }

 private:
  int then_ = 0;
  int else_ = 0;
  bool dynamic_ = false;
};

}  // namespace

void RegisterIf(OpResolver& r) { r.AddBuiltin(ir::OpType::kIf, MakeKernel<If>, 1, 1); }

}  // namespace liteforge::ops
