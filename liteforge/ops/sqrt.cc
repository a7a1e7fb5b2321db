// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SQRT: out = sqrt(x), elementwise.
//
//   float32  sqrtf.
//   int8 / int16  dequantize, sqrtf, divide by the output scale and
//            truncate toward zero (TFLite does not round here), add the
//            output zero point, clamp. A negative input is a run-time error,
//            as in TFLite. int16 needs zero points 0.

#include "liteforge/kernels/unary/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Sqrt final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*input, "input", {DType::kFloat32, DType::kInt8, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    dtype_ = input->dtype;
    if (dtype_ != DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
      if (dtype_ == DType::kInt16 && (input->zero_point() != 0 || output.zero_point() != 0)) {
        return InvalidArgument("int16 {} and {} must have zero point 0 (have {} and {})",
                               Describe(*input, "input"), Describe(output, "output"),
                               input->zero_point(), output.zero_point());
      }
      params_ = {input->scale(), input->zero_point(), output.scale(), output.zero_point()};
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const size_t n = static_cast<size_t>(in.num_elements());
    size_t bad = n;
    switch (dtype_) {
      case DType::kFloat32:
        kernels::f32_sqrt__reference(in.data_as<float>(), n, out.data_as<float>());
        break;
      case DType::kInt8:
        bad = kernels::qs8_sqrt__reference(in.data_as<int8_t>(), n, params_, out.data_as<int8_t>());
        break;
      default:
        bad = kernels::qs16_sqrt__reference(in.data_as<int16_t>(), n, params_,
                                            out.data_as<int16_t>());
        break;
    }
    if (bad != n) {
      return InvalidArgument("SQRT of a negative value: {} element {} is below the zero point",
                             Describe(in, "input"), bad);
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  kernels::SqrtQuantParams params_;
};

}  // namespace

void RegisterSqrt(OpResolver& r) { r.AddBuiltin(ir::OpType::kSqrt, MakeKernel<Sqrt>, 1, 2); }

}  // namespace liteforge::ops
