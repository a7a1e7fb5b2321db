// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SQUARED_DIFFERENCE: (input1 - input2)^2 with NumPy broadcasting.
// float32; int32 (wrapping); int8 quantized with TFLite's rescaling (each
// input rescaled onto twice the larger input scale with a 7-bit shift, the
// difference squared and rescaled to the output, clamped to int8).

#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/quantized.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

class SquaredDifference final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* a, RequiredInput(ctx, 0, "input1"));
    LF_ASSIGN_OR_RETURN(const TensorView* b, RequiredInput(ctx, 1, "input2"));
    const TensorView& out = ctx.output(0);
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*a, "input1", {DType::kFloat32, DType::kInt32, DType::kInt8}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", *b, "input2"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", out, "output"));
    dtype_ = a->dtype;
    LF_ASSIGN_OR_RETURN(plan_, ew::MakeBroadcastPlan({&a->shape, &b->shape}));
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, plan_.output_shape));
    if (dtype_ != DType::kInt8) return Status::Ok();

    for (const auto& [t, role] : {std::pair{a, "input1"}, {b, "input2"}, {&out, "output"}}) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*t, role));
      LF_RETURN_IF_ERROR(ExpectZeroPointInRange(*t, role));
    }
    LF_ASSIGN_OR_RETURN(quant_, ew::MakeQuantSquaredDifferenceParams(
                                    {a->scale(), a->zero_point()}, {b->scale(), b->zero_point()},
                                    {out.scale(), out.zero_point()}));
    tables_ = ew::MakeQuantAdd8Tables(quant_, /*is_signed=*/true);
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& a = *ctx.input(0);
    const TensorView& b = *ctx.input(1);
    TensorView& out = ctx.output(0);
    switch (dtype_) {
      case DType::kFloat32:
        ew::f32_squared_difference__reference(plan_, a.data_as<float>(), b.data_as<float>(),
                                              out.data_as<float>());
        break;
      case DType::kInt32:
        ew::s32_squared_difference__reference(plan_, a.data_as<int32_t>(), b.data_as<int32_t>(),
                                              out.data_as<int32_t>());
        break;
      default:
        ew::qs8_squared_difference__reference(plan_, a.data_as<int8_t>(), b.data_as<int8_t>(),
                                              out.data_as<int8_t>(), quant_, tables_);
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  ew::BroadcastPlan plan_;
  ew::QuantAddParams quant_;
  ew::QuantAdd8Tables tables_{};
};

}  // namespace

void RegisterSquaredDifference(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kSquaredDifference, MakeKernel<SquaredDifference>, 1, 2);
}

}  // namespace liteforge::ops
