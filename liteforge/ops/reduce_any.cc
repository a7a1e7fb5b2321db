// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// REDUCE_ANY: logical OR over the dims listed in `axis` (int32 or int64,
// scalar or 1-D; negative values count from the back; repeats are
// ignored) of a bool tensor. With keep_dims the reduced dims stay as 1,
// else they are removed. An output over an empty dim is false. An axis
// known only at run time makes the output dynamic.

#include <vector>

#include "liteforge/kernels/reduce/plan.h"
#include "liteforge/kernels/reduce/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

using kernels::ReduceKind;
using kernels::ReducePlan;

constexpr ReduceKind kKind = ReduceKind::kAny;

class ReduceLogical final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* axis, RequiredInput(ctx, 1, "axis"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input", {DType::kBool}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*axis, "axis", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectRankBetween(*axis, "axis", 0, 1));
    keep_dims_ = ctx.options<ir::ReducerOptions>().keep_dims;
    dynamic_ = !axis->is_constant || axis->data == nullptr;
    if (dynamic_) {
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    Shape out_shape;
    LF_RETURN_IF_ERROR(Configure(input->shape, ReadInts(*axis), &plan_, &out_shape));
    return ctx.SetOutputShape(0, out_shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    if (!dynamic_) {
      Run(plan_, input, ctx.output(0));
      return Status::Ok();
    }
    ReducePlan plan;
    Shape out_shape;
    LF_RETURN_IF_ERROR(Configure(input.shape, ReadInts(*ctx.input(1)), &plan, &out_shape));
    LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out_shape));
    Run(plan, input, ctx.output(0));
    return Status::Ok();
  }

 private:
  Status Configure(const Shape& in_shape, const std::vector<int64_t>& axes, ReducePlan* plan,
                   Shape* out_shape) const {
    std::vector<int32_t> out_dims;
    LF_RETURN_IF_ERROR(
        kernels::PlanReduction(in_shape.dims(), axes, keep_dims_, &out_dims, plan));
    *out_shape = Shape(std::move(out_dims));
    return Status::Ok();
  }

  static void Run(const ReducePlan& plan, const TensorView& input, TensorView& output) {
    if (plan.num_outputs == 0) return;
    kernels::b8_reduce__reference(kKind, plan, input.data_as<bool>(), output.data_as<bool>());
  }

  bool keep_dims_ = false;
  bool dynamic_ = false;  // the axis is read in Eval
  ReducePlan plan_;
};

}  // namespace

void RegisterReduceAny(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kReduceAny, MakeKernel<ReduceLogical>, 1, 1);
}

}  // namespace liteforge::ops
