// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ELU: out = x < 0 ? exp(x) - 1 : x, elementwise.
//
//   float32  expm1f for negative inputs.
//   int8     256-entry table built in Prepare from the float function, as
//            TFLite's default kernel does.

#include <array>

#include "liteforge/kernels/activation/reference.h"
#include "liteforge/kernels/lut.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Elu final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input", {DType::kFloat32, DType::kInt8}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    dtype_ = input->dtype;
    if (dtype_ == DType::kInt8) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
      kernels::BuildLut8(input->scale(), input->zero_point(), output.scale(), output.zero_point(),
                         kernels::EluForTable, table_.data());
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const size_t n = static_cast<size_t>(in.num_elements());
    if (dtype_ == DType::kFloat32) {
      kernels::f32_elu__reference(in.data_as<float>(), n, out.data_as<float>());
    } else {
      kernels::ApplyLut8(in.data_as<int8_t>(), n, table_.data(), out.data_as<int8_t>());
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  std::array<int8_t, kernels::kLut8Size> table_{};
};

}  // namespace

void RegisterElu(OpResolver& r) { r.AddBuiltin(ir::OpType::kElu, MakeKernel<Elu>, 1, 1); }

}  // namespace liteforge::ops
