// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEG: out = -x, elementwise, on float32, int8, int16, int32 and int64.
// Integers are negated as raw values (TFLite ignores quantization here);
// the minimum value wraps to itself.

#include "liteforge/kernels/unary/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Neg final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input",
                                     {DType::kFloat32, DType::kInt8, DType::kInt16,
                                      DType::kInt32, DType::kInt64}));
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
        kernels::f32_neg__reference(in.data_as<float>(), n, out.data_as<float>());
        break;
      case DType::kInt8:
        kernels::s8_neg__reference(in.data_as<int8_t>(), n, out.data_as<int8_t>());
        break;
      case DType::kInt16:
        kernels::s16_neg__reference(in.data_as<int16_t>(), n, out.data_as<int16_t>());
        break;
      case DType::kInt32:
        kernels::s32_neg__reference(in.data_as<int32_t>(), n, out.data_as<int32_t>());
        break;
      default:
        kernels::s64_neg__reference(in.data_as<int64_t>(), n, out.data_as<int64_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
};

}  // namespace

void RegisterNeg(OpResolver& r) { r.AddBuiltin(ir::OpType::kNeg, MakeKernel<Neg>, 1, 1); }

}  // namespace liteforge::ops
