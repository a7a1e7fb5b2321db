// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// GELU: out = x * Phi(x), elementwise; GeluOptions::approximate selects the
// tanh approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
//
//   float32  the exact form through erfc, or the approximation.
//   uint8 / int8  256-entry table of the chosen float function, built in
//            Prepare as TFLite's default kernel does.

#include <array>

#include "liteforge/kernels/activation/reference.h"
#include "liteforge/kernels/lut.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Gelu final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*input, "input", {DType::kFloat32, DType::kUInt8, DType::kInt8}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    dtype_ = input->dtype;
    approximate_ = ctx.options<ir::GeluOptions>().approximate;
    if (dtype_ != DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
      float (*fn)(float) =
          approximate_ ? kernels::GeluApproximateForTable : kernels::GeluForTable;
      if (dtype_ == DType::kUInt8) {
        kernels::BuildLut8(input->scale(), input->zero_point(), output.scale(),
                           output.zero_point(), fn, u8_table_.data());
      } else {
        kernels::BuildLut8(input->scale(), input->zero_point(), output.scale(),
                           output.zero_point(), fn, s8_table_.data());
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
        kernels::f32_gelu__reference(in.data_as<float>(), n, approximate_, out.data_as<float>());
        break;
      case DType::kUInt8:
        kernels::ApplyLut8(in.data_as<uint8_t>(), n, u8_table_.data(), out.data_as<uint8_t>());
        break;
      default:
        kernels::ApplyLut8(in.data_as<int8_t>(), n, s8_table_.data(), out.data_as<int8_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  bool approximate_ = false;
  std::array<uint8_t, kernels::kLut8Size> u8_table_{};
  std::array<int8_t, kernels::kLut8Size> s8_table_{};
};

}  // namespace

void RegisterGelu(OpResolver& r) { r.AddBuiltin(ir::OpType::kGelu, MakeKernel<Gelu>, 1, 2); }

}  // namespace liteforge::ops
