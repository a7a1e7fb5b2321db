// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// PRELU: x >= 0 ? x : x * alpha, alpha broadcast against x (typically one
// slope per channel). The broadcast shape must be x's own shape, as TFLite
// requires. float32, and uint8 / int8 quantized with TFLite's two
// multipliers (sx / so for the identity side, sx * salpha / so for the
// slope side), output clamped to the dtype's range.

#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/quantized.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

class Prelu final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* x, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* alpha, RequiredInput(ctx, 1, "alpha"));
    const TensorView& out = ctx.output(0);
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*x, "input", {DType::kFloat32, DType::kUInt8, DType::kInt8}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*x, "input", *alpha, "alpha"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*x, "input", out, "output"));
    dtype_ = x->dtype;
    LF_ASSIGN_OR_RETURN(plan_, ew::MakeBroadcastPlan({&x->shape, &alpha->shape}));
    if (plan_.output_shape != x->shape) {
      return InvalidArgument("{} shape {} broadcast against {} shape {} gives {}; PRELU needs the "
                             "input's own shape",
                             Describe(*alpha, "alpha"), alpha->shape.ToString(),
                             Describe(*x, "input"), x->shape.ToString(),
                             plan_.output_shape.ToString());
    }
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, plan_.output_shape));
    if (dtype_ == DType::kFloat32) return Status::Ok();

    for (const auto& [t, role] : {std::pair{x, "input"}, {alpha, "alpha"}, {&out, "output"}}) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*t, role));
      LF_RETURN_IF_ERROR(ExpectZeroPointInRange(*t, role));
    }
    quant_ = ew::MakeQuantPreluParams({x->scale(), x->zero_point()},
                                      {alpha->scale(), alpha->zero_point()},
                                      {out.scale(), out.zero_point()});
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& x = *ctx.input(0);
    const TensorView& alpha = *ctx.input(1);
    TensorView& out = ctx.output(0);
    switch (dtype_) {
      case DType::kFloat32:
        ew::f32_prelu__reference(plan_, x.data_as<float>(), alpha.data_as<float>(),
                                 out.data_as<float>());
        break;
      case DType::kUInt8:
        ew::qu8_prelu__reference(plan_, x.data_as<uint8_t>(), alpha.data_as<uint8_t>(),
                                 out.data_as<uint8_t>(), quant_);
        break;
      default:
        ew::qs8_prelu__reference(plan_, x.data_as<int8_t>(), alpha.data_as<int8_t>(),
                                 out.data_as<int8_t>(), quant_);
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  ew::BroadcastPlan plan_;
  ew::QuantPreluParams quant_;
};

}  // namespace

void RegisterPrelu(OpResolver& r) { r.AddBuiltin(ir::OpType::kPrelu, MakeKernel<Prelu>, 1, 1); }

}  // namespace liteforge::ops
