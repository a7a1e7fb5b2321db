// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// LOGICAL_NOT: elementwise negation of a bool tensor.

#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

class LogicalNot final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* in, RequiredInput(ctx, 0, "input"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*in, "input", {DType::kBool}));
    LF_RETURN_IF_ERROR(ExpectDType(ctx.output(0), "output", DType::kBool));
    return ctx.SetOutputShape(0, in->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    ew::bool_logical_not__reference(in.data_as<bool>(), static_cast<size_t>(in.num_elements()),
                                    ctx.output(0).data_as<bool>());
    return Status::Ok();
  }
};

}  // namespace

void RegisterLogicalNot(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kLogicalNot, MakeKernel<LogicalNot>, 1, 1);
}

}  // namespace liteforge::ops
