// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// LOGISTIC (sigmoid): out = 1 / (1 + exp(-x)), elementwise.
//
//   float32  1 / (1 + expf(-x)); the SIMD variants compute exp with a
//            polynomial, as accurate as expf (kernels/activation/activation_variants.h).
//   uint8 / int8  256-entry table built in Prepare from the float function
//            (TFLite's default kernel); the output scale must be 1/256.
//   int16    zero points 0, output scale 2^-15. Input scale 2^-12: gemmlowp
//            fixed-point logistic on Q3.12; other scales: TFLite's rescale
//            plus interpolation in its sigmoid table.

#include <array>

#include "liteforge/kernels/activation/reference.h"
#include "liteforge/kernels/lut.h"
#include "liteforge/ops/float_activation.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Logistic final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input",
                                     {DType::kFloat32, DType::kUInt8, DType::kInt8, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    dtype_ = input->dtype;
    f32_variant_ = dtype_ == DType::kFloat32 ? SelectF32Activation(ctx) : nullptr;
    if (dtype_ != DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
    }
    if (dtype_ == DType::kUInt8 || dtype_ == DType::kInt8) {
      if (output.scale() != 1.0f / 256.0f) {
        return InvalidArgument("{} has scale {}, expected 1/256", Describe(output, "output"),
                               output.scale());
      }
      if (dtype_ == DType::kUInt8) {
        kernels::BuildLut8(input->scale(), input->zero_point(), output.scale(),
                           output.zero_point(), kernels::LogisticForTable, u8_table_.data());
      } else {
        kernels::BuildLut8(input->scale(), input->zero_point(), output.scale(),
                           output.zero_point(), kernels::LogisticForTable, s8_table_.data());
      }
    } else if (dtype_ == DType::kInt16) {
      if (input->zero_point() != 0 || output.zero_point() != 0) {
        return InvalidArgument("int16 {} and {} must have zero point 0 (have {} and {})",
                               Describe(*input, "input"), Describe(output, "output"),
                               input->zero_point(), output.zero_point());
      }
      if (!kernels::MakeInt16LogisticParams(input->scale(), output.scale(), &int16_params_)) {
        return InvalidArgument("{} has scale {}, expected 2^-15 (1/32768)",
                               Describe(output, "output"), output.scale());
      }
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const size_t n = static_cast<size_t>(in.num_elements());
    switch (dtype_) {
      case DType::kFloat32:
        RunF32Logistic(ctx, f32_variant_, in.data_as<float>(), n, out.data_as<float>());
        break;
      case DType::kUInt8:
        kernels::ApplyLut8(in.data_as<uint8_t>(), n, u8_table_.data(), out.data_as<uint8_t>());
        break;
      case DType::kInt8:
        kernels::ApplyLut8(in.data_as<int8_t>(), n, s8_table_.data(), out.data_as<int8_t>());
        break;
      default:
        kernels::qs16_logistic__reference(in.data_as<int16_t>(), n, int16_params_,
                                           out.data_as<int16_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  const kernels::F32ActivationVariant* f32_variant_ = nullptr;  // null: reference
  std::array<uint8_t, kernels::kLut8Size> u8_table_{};
  std::array<int8_t, kernels::kLut8Size> s8_table_{};
  kernels::Int16SigmoidParams int16_params_;
};

}  // namespace

void RegisterLogistic(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kLogistic, MakeKernel<Logistic>, 1, 3);
}

}  // namespace liteforge::ops
