// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ROUND: out = x rounded to the nearest integer, elementwise. float32 only, as in TFLite's builtin
// kernel.
// Ties go to the even integer (2.5 -> 2, -0.5 -> -0), TFLite's rounding for
// this op.

#include "liteforge/kernels/unary/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Round final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input", {DType::kFloat32}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    kernels::f32_round__reference(in.data_as<float>(), static_cast<size_t>(in.num_elements()),
                                  ctx.output(0).data_as<float>());
    return Status::Ok();
  }
};

}  // namespace

void RegisterRound(OpResolver& r) { r.AddBuiltin(ir::OpType::kRound, MakeKernel<Round>, 1, 1); }

}  // namespace liteforge::ops
