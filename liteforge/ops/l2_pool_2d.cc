// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// L2_POOL_2D: sqrt(mean of squares) over each filter_h x filter_w window of
// an NHWC input (padding pixels not counted), then the fused activation.
// float32 only, like TFLite, which has no quantized L2 pooling; other
// dtypes are a clear Unimplemented error.

#include "liteforge/kernels/pooling/reference.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/ops/padding.h"

namespace liteforge::ops {
namespace {

class L2Pool2D final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input", {DType::kFloat32}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));

    const auto& opts = ctx.options<ir::Pool2DOptions>();
    if (opts.stride_h <= 0 || opts.stride_w <= 0) {
      return InvalidArgument("strides must be positive, got {}x{}", opts.stride_h, opts.stride_w);
    }
    if (opts.filter_h <= 0 || opts.filter_w <= 0) {
      return InvalidArgument("filter size must be positive, got {}x{}", opts.filter_h,
                             opts.filter_w);
    }
    const Shape& in = input->shape;
    g_.batches = in.dim(0);
    g_.in_h = in.dim(1);
    g_.in_w = in.dim(2);
    g_.channels = in.dim(3);
    g_.stride_h = opts.stride_h;
    g_.stride_w = opts.stride_w;
    g_.filter_h = opts.filter_h;
    g_.filter_w = opts.filter_w;
    const WindowPadding pad =
        ComputeWindowPadding(opts.padding, opts.stride_h, opts.stride_w, 1, 1, g_.in_h, g_.in_w,
                             opts.filter_h, opts.filter_w, &g_.out_h, &g_.out_w);
    g_.pad_h = pad.height;
    g_.pad_w = pad.width;
    if (!kernels::EveryPoolWindowNonEmpty(g_)) {
      return InvalidArgument(
          "a {}x{} window with strides {}x{} over a {}x{} input has a window with no input "
          "pixels",
          opts.filter_h, opts.filter_w, opts.stride_h, opts.stride_w, g_.in_h, g_.in_w);
    }
    LF_ASSIGN_OR_RETURN(FloatRange r, ActivationRangeFloat(opts.activation));
    act_min_ = r.min;
    act_max_ = r.max;
    return ctx.SetOutputShape(0, Shape({g_.batches, g_.out_h, g_.out_w, g_.channels}));
  }

  Status Eval(EvalContext& ctx) const override {
    kernels::f32_l2pool2d__reference(g_, ctx.input(0)->data_as<float>(), act_min_, act_max_,
                                     ctx.output(0).data_as<float>());
    return Status::Ok();
  }

 private:
  kernels::Pool2DGeometry g_;
  float act_min_ = 0.f;
  float act_max_ = 0.f;
};

}  // namespace

void RegisterL2Pool2D(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kL2Pool2D, MakeKernel<L2Pool2D>, 1, 1);
}

}  // namespace liteforge::ops
