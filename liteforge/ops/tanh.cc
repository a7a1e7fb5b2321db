// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TANH: out = tanh(x), elementwise.
//
//   float32  tanhf(x).
//   uint8 / int8  256-entry table built in Prepare from the float function
//            (TFLite's default kernel); any output scale.
//   int16    zero points 0, output scale 2^-15. Input scale 2^-12 or 2^-11:
//            gemmlowp fixed-point tanh on Q3.12; other scales: TFLite's rescale
//            plus interpolation in its sigmoid table.

#include <array>

#include "liteforge/kernels/activation/reference.h"
#include "liteforge/kernels/lut.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Tanh final : public OpKernel {
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
    if (dtype_ != DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
    }
    if (dtype_ == DType::kUInt8 || dtype_ == DType::kInt8) {
      if (dtype_ == DType::kUInt8) {
        kernels::BuildLut8(input->scale(), input->zero_point(), output.scale(),
                           output.zero_point(), kernels::TanhForTable, u8_table_.data());
      } else {
        kernels::BuildLut8(input->scale(), input->zero_point(), output.scale(),
                           output.zero_point(), kernels::TanhForTable, s8_table_.data());
      }
    } else if (dtype_ == DType::kInt16) {
      if (input->zero_point() != 0 || output.zero_point() != 0) {
        return InvalidArgument("int16 {} and {} must have zero point 0 (have {} and {})",
                               Describe(*input, "input"), Describe(output, "output"),
                               input->zero_point(), output.zero_point());
      }
      if (!kernels::MakeInt16TanhParams(input->scale(), output.scale(), &int16_params_)) {
        return InvalidArgument("{} has scale {}, expected a power of two equal to 2^-15",
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
        kernels::f32_tanh__reference(in.data_as<float>(), n, out.data_as<float>());
        break;
      case DType::kUInt8:
        kernels::ApplyLut8(in.data_as<uint8_t>(), n, u8_table_.data(), out.data_as<uint8_t>());
        break;
      case DType::kInt8:
        kernels::ApplyLut8(in.data_as<int8_t>(), n, s8_table_.data(), out.data_as<int8_t>());
        break;
      default:
        kernels::qs16_tanh__reference(in.data_as<int16_t>(), n, int16_params_,
                                           out.data_as<int16_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  std::array<uint8_t, kernels::kLut8Size> u8_table_{};
  std::array<int8_t, kernels::kLut8Size> s8_table_{};
  kernels::Int16SigmoidParams int16_params_;
};

}  // namespace

void RegisterTanh(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kTanh, MakeKernel<Tanh>, 1, 3);
}

}  // namespace liteforge::ops
