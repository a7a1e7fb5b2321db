// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIGN: out = -1, 0 or 1 by the sign of x, elementwise, on float32, float64
// and int32. NaN stays NaN.

#include "liteforge/kernels/unary/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Sign final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*input, "input", {DType::kFloat32, DType::kFloat64, DType::kInt32}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    dtype_ = input->dtype;
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const size_t n = static_cast<size_t>(in.num_elements());
    switch (dtype_) {
      case DType::kFloat32:
        kernels::f32_sign__reference(in.data_as<float>(), n, out.data_as<float>());
        break;
      case DType::kFloat64:
        kernels::f64_sign__reference(in.data_as<double>(), n, out.data_as<double>());
        break;
      default:
        kernels::s32_sign__reference(in.data_as<int32_t>(), n, out.data_as<int32_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
};

}  // namespace

void RegisterSign(OpResolver& r) { r.AddBuiltin(ir::OpType::kSign, MakeKernel<Sign>, 1, 2); }

}  // namespace liteforge::ops
