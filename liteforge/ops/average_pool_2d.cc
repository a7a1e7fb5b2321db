// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVERAGE_POOL_2D: the mean of each filter_h x filter_w window of an NHWC
// input, windows stepping by the strides, SAME or VALID padding, then the
// fused activation. Padding pixels are not counted: a border window divides
// by the number of input pixels it covers.
//
// float32, uint8, int8 and int16. Integer inputs are averaged in the raw
// quantized domain, exactly as TFLite's builtin kernels do: int32 sum,
// division rounding half away from zero, clamp to the activation range.
// Input and output are expected to share scale and zero point; TFLite does
// not rescale (it only debug-checks that), and neither does this op.
// float32, uint8 and int8 run a SIMD variant (kernels/pooling/
// pooling_variants.h, bit-exact, rounding included) picked in Prepare.

#include <algorithm>

#include "liteforge/kernels/pooling/pooling_variants.h"
#include "liteforge/kernels/pooling/reference.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/ops/padding.h"
#include "liteforge/ops/row_split.h"

namespace liteforge::ops {
namespace {

// Window taps (output elements x filter size) a thread should get before
// the output rows are split.
constexpr int64_t kMinWorkPerChunk = 64 * 1024;

class AveragePool2D final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(
        *input, "input", {DType::kFloat32, DType::kUInt8, DType::kInt8, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    dtype_ = input->dtype;

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
          "pixels to average",
          opts.filter_h, opts.filter_w, opts.stride_h, opts.stride_w, g_.in_h, g_.in_w);
    }

    if (dtype_ == DType::kFloat32) {
      LF_ASSIGN_OR_RETURN(FloatRange r, ActivationRangeFloat(opts.activation));
      float_min_ = r.min;
      float_max_ = r.max;
    } else {
      LF_ASSIGN_OR_RETURN(QuantRange r, ActivationRangeQuantized(opts.activation, output));
      quant_min_ = r.min;
      quant_max_ = r.max;
    }
    variant_ = kernels::SelectPool2D(ctx.max_isa());
    return ctx.SetOutputShape(0, Shape({g_.batches, g_.out_h, g_.out_w, g_.channels}));
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    TensorView& output = ctx.output(0);
    // Rows are independent; split them once a chunk has enough windows.
    const int64_t row_work =
        static_cast<int64_t>(g_.out_w) * g_.channels * g_.filter_h * g_.filter_w;
    SplitRows(
        ctx, kernels::PoolRows(g_), row_work, kMinWorkPerChunk, [&](int64_t begin, int64_t end) {
          const int rb = static_cast<int>(begin), re = static_cast<int>(end);
          switch (dtype_) {
            case DType::kFloat32:
              (variant_ != nullptr ? variant_->f32_avg : kernels::f32_avgpool2d__reference)(
                  g_, input.data_as<float>(), float_min_, float_max_, rb, re,
                  output.data_as<float>());
              break;
            case DType::kUInt8:
              (variant_ != nullptr ? variant_->qu8_avg : kernels::qu8_avgpool2d__reference)(
                  g_, input.data_as<uint8_t>(), quant_min_, quant_max_, rb, re,
                  output.data_as<uint8_t>());
              break;
            case DType::kInt8:
              (variant_ != nullptr ? variant_->qs8_avg : kernels::qs8_avgpool2d__reference)(
                  g_, input.data_as<int8_t>(), quant_min_, quant_max_, rb, re,
                  output.data_as<int8_t>());
              break;
            default:
              kernels::qs16_avgpool2d__reference(g_, input.data_as<int16_t>(), quant_min_,
                                                 quant_max_, rb, re, output.data_as<int16_t>());
              break;
          }
        });
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  kernels::Pool2DGeometry g_;
  float float_min_ = 0.f;
  float float_max_ = 0.f;
  int32_t quant_min_ = 0;
  int32_t quant_max_ = 0;
  // The SIMD kernels for float32/uint8/int8 (bit-exact with the reference);
  // null runs the reference kernels.
  const kernels::Pool2DVariant* variant_ = nullptr;
};

}  // namespace

// Versions 1-3 as TFLite registers them: v2 adds int8, v3 int16.
void RegisterAveragePool2D(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kAveragePool2D, MakeKernel<AveragePool2D>, 1, 3);
}

}  // namespace liteforge::ops
