// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ABS: out = |x|, elementwise.
//
//   float32  fabsf.
//   int8     quantized: |q - in_zp|, rescaled by in_scale / out_scale when
//            the scales differ, plus the output zero point, clamped.
//   int16    quantized as int8 (zero points 0) when the tensor carries
//            quantization, otherwise a plain integer |x| (|-32768| wraps).
//   int32    plain integer |x|.

#include "liteforge/kernels/unary/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Abs final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(
        *input, "input", {DType::kFloat32, DType::kInt8, DType::kInt16, DType::kInt32}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    dtype_ = input->dtype;
    quantized_ = dtype_ == DType::kInt8 || (dtype_ == DType::kInt16 && !input->quant->empty());
    if (quantized_) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
      if (dtype_ == DType::kInt16 && (input->zero_point() != 0 || output.zero_point() != 0)) {
        return InvalidArgument("int16 {} and {} must have zero point 0 (have {} and {})",
                               Describe(*input, "input"), Describe(output, "output"),
                               input->zero_point(), output.zero_point());
      }
      params_ = kernels::MakeAbsQuantParams(input->scale(), input->zero_point(), output.scale(),
                                            output.zero_point());
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const size_t n = static_cast<size_t>(in.num_elements());
    switch (dtype_) {
      case DType::kFloat32:
        kernels::f32_abs__reference(in.data_as<float>(), n, out.data_as<float>());
        break;
      case DType::kInt8:
        kernels::qs8_abs__reference(in.data_as<int8_t>(), n, params_, out.data_as<int8_t>());
        break;
      case DType::kInt16:
        if (quantized_) {
          kernels::qs16_abs__reference(in.data_as<int16_t>(), n, params_,
                                       out.data_as<int16_t>());
        } else {
          kernels::s16_abs__reference(in.data_as<int16_t>(), n, out.data_as<int16_t>());
        }
        break;
      default:
        kernels::s32_abs__reference(in.data_as<int32_t>(), n, out.data_as<int32_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  bool quantized_ = false;
  kernels::AbsQuantParams params_;
};

}  // namespace

void RegisterAbs(OpResolver& r) { r.AddBuiltin(ir::OpType::kAbs, MakeKernel<Abs>, 1, 5); }

}  // namespace liteforge::ops
