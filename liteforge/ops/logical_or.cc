// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// LOGICAL_OR: input1 OR input2 on bool tensors, with NumPy broadcasting.

#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

class LogicalOr final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* a, RequiredInput(ctx, 0, "input1"));
    LF_ASSIGN_OR_RETURN(const TensorView* b, RequiredInput(ctx, 1, "input2"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*a, "input1", {DType::kBool}));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*b, "input2", {DType::kBool}));
    LF_RETURN_IF_ERROR(ExpectDType(ctx.output(0), "output", DType::kBool));
    LF_ASSIGN_OR_RETURN(plan_, ew::MakeBroadcastPlan({&a->shape, &b->shape}));
    return ctx.SetOutputShape(0, plan_.output_shape);
  }

  Status Eval(EvalContext& ctx) const override {
    ew::bool_logical_or__reference(plan_, ctx.input(0)->data_as<bool>(),
                                 ctx.input(1)->data_as<bool>(), ctx.output(0).data_as<bool>());
    return Status::Ok();
  }

 private:
  ew::BroadcastPlan plan_;
};

}  // namespace

void RegisterLogicalOr(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kLogicalOr, MakeKernel<LogicalOr>, 1, 1);
}

}  // namespace liteforge::ops
