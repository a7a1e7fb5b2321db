// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// EXP: out = exp(x), elementwise.
//
//   float32  expf.
//   int8     256-entry table of expf, built in Prepare.
//   int16    513-entry interpolated table (zero points 0), built in float,
//            as TFLite's EXP kernel does.

#include <array>

#include "liteforge/kernels/lut.h"
#include "liteforge/kernels/unary/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Exp final : public OpKernel {
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
    }
    if (dtype_ == DType::kInt8) {
      kernels::BuildLut8(input->scale(), input->zero_point(), output.scale(), output.zero_point(),
                         kernels::ExpForTable, s8_table_.data());
    } else if (dtype_ == DType::kInt16) {
      if (input->zero_point() != 0 || output.zero_point() != 0) {
        return InvalidArgument("int16 {} and {} must have zero point 0 (have {} and {})",
                               Describe(*input, "input"), Describe(output, "output"),
                               input->zero_point(), output.zero_point());
      }
      kernels::BuildLut16<float>(input->scale(), 0, output.scale(), 0, kernels::ExpForTable,
                                 s16_table_.data());
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const size_t n = static_cast<size_t>(in.num_elements());
    switch (dtype_) {
      case DType::kFloat32:
        kernels::f32_exp__reference(in.data_as<float>(), n, out.data_as<float>());
        break;
      case DType::kInt8:
        kernels::ApplyLut8(in.data_as<int8_t>(), n, s8_table_.data(), out.data_as<int8_t>());
        break;
      default:
        kernels::ApplyLut16(in.data_as<int16_t>(), n, s16_table_.data(), out.data_as<int16_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  std::array<int8_t, kernels::kLut8Size> s8_table_{};
  std::array<int16_t, kernels::kLut16Size> s16_table_{};
};

}  // namespace

void RegisterExp(OpResolver& r) { r.AddBuiltin(ir::OpType::kExp, MakeKernel<Exp>, 1, 2); }

}  // namespace liteforge::ops
