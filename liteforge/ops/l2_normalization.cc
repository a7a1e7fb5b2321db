// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// L2_NORMALIZATION over the last axis: out = x / max(||x||_2, 1e-6), any
// rank >= 1. The fused activation must be NONE (TFLite implements no other).
//
//   float32.
//   uint8 / int8: integer only, TFLite's fixed-point inverse square root of
//            the sum of squares. The output must have scale 1/128 and zero
//            point 128 (uint8) or 0 (int8).

#include "liteforge/kernels/softmax/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

constexpr float kEpsilon = 1e-6f;

class L2Normalization final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*input, "input", {DType::kFloat32, DType::kUInt8, DType::kInt8}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    if (input->shape.rank() < 1) {
      return InvalidArgument("{} is a scalar; L2_NORMALIZATION needs at least one dimension",
                             Describe(*input, "input"));
    }
    const ir::Activation activation = ctx.options<ir::FusedActivationOptions>().activation;
    if (activation != ir::Activation::kNone) {
      return Unimplemented("fused activation {} is not supported (only NONE)",
                           ir::ActivationName(activation));
    }
    dtype_ = input->dtype;
    if (dtype_ != DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
      const int32_t expected_zp = dtype_ == DType::kUInt8 ? 128 : 0;
      if (output.scale() != 1.0f / 128.0f || output.zero_point() != expected_zp) {
        return InvalidArgument("{} must have scale 1/128 and zero point {} (has {} and {})",
                               Describe(output, "output"), expected_zp, output.scale(),
                               output.zero_point());
      }
      input_zero_point_ = input->zero_point();
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const int depth = in.shape.dim(in.shape.rank() - 1);
    if (depth == 0 || in.num_elements() == 0) return Status::Ok();
    const int outer = static_cast<int>(in.num_elements() / depth);
    switch (dtype_) {
      case DType::kFloat32:
        kernels::f32_l2_normalization__reference(in.data_as<float>(), outer, depth, kEpsilon,
                                                 out.data_as<float>());
        break;
      case DType::kUInt8:
        kernels::qu8_l2_normalization__reference(in.data_as<uint8_t>(), outer, depth,
                                                 input_zero_point_, out.data_as<uint8_t>());
        break;
      default:
        kernels::qs8_l2_normalization__reference(in.data_as<int8_t>(), outer, depth,
                                                 input_zero_point_, out.data_as<int8_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  int32_t input_zero_point_ = 0;
};

}  // namespace

void RegisterL2Normalization(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kL2Normalization, MakeKernel<L2Normalization>, 1, 2);
}

}  // namespace liteforge::ops
