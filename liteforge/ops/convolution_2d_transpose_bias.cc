// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// MediaPipe's custom op "Convolution2DTransposeBias": a float32 transposed
// convolution with a bias, used by MediaPipe's segmentation models. Inputs:
// input NHWC, weights OHWI, bias [O]; no output_shape input.
//
// Attributes: custom_options holds a raw copy of TFLite's transpose-conv
// parameter struct, three little-endian int32s:
//   padding (TfLitePadding: 0 unknown, 1 SAME, 2 VALID), stride_width,
//   stride_height.
// MediaPipe pads only for SAME (anything else means no padding):
//   total = max(0, filter - (in - 1) % stride - 1), before = total / 2,
//   out = stride * (in - 1) + filter - total.
// The reference kernel starts each output at its bias and adds the products
// one at a time in MediaPipe's loop order; with constant weights and a SIMD
// ISA the GEMM path (kernels/gemm_f32/f32_transpose_conv.h) runs instead,
// split over the thread pool, within the float tolerance stated there.

#include <algorithm>
#include <limits>
#include <vector>

#include "liteforge/kernels/transpose_conv/reference.h"
#include "liteforge/ops/f32_transpose_conv_gemm.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

using kernels::TransposeConvGeometry;

// One spatial dim: padding before the data and the output length.
struct AxisSize {
  int pad_before = 0;
  int64_t out = 0;
};

AxisSize SizeAxis(bool same, int in, int filter, int stride) {
  int total = 0;
  if (same && in > 0) total = std::max(0, filter - (in - 1) % stride - 1);
  AxisSize a;
  a.pad_before = total / 2;
  a.out = static_cast<int64_t>(stride) * (in - 1) + filter - total;
  return a;
}

class Convolution2DTransposeBias final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* weights, RequiredInput(ctx, 1, "weights"));
    LF_ASSIGN_OR_RETURN(const TensorView* bias, RequiredInput(ctx, 2, "bias"));
    const TensorView& output = ctx.output(0);

    const std::vector<uint8_t>& attrs = ctx.op().custom_options;
    if (attrs.size() < 12) {
      return InvalidArgument(
          "custom_options has {} bytes, expected 12 (padding, stride_width, stride_height)",
          attrs.size());
    }
    int32_t fields[3];
    for (int i = 0; i < 3; ++i) {
      // Little-endian int32s, as MediaPipe's converter wrote them.
      const uint8_t* b = attrs.data() + 4 * i;
      fields[i] = static_cast<int32_t>(static_cast<uint32_t>(b[0]) |
                                       (static_cast<uint32_t>(b[1]) << 8) |
                                       (static_cast<uint32_t>(b[2]) << 16) |
                                       (static_cast<uint32_t>(b[3]) << 24));
    }
    const int32_t padding = fields[0];
    const int32_t stride_w = fields[1];
    const int32_t stride_h = fields[2];
    if (padding < 0 || padding > 2) {
      return InvalidArgument("custom_options padding is {}, expected 0, 1 (SAME) or 2 (VALID)",
                             padding);
    }
    if (stride_w <= 0 || stride_h <= 0) {
      return InvalidArgument("custom_options strides must be positive, got {}x{} (h x w)",
                             stride_h, stride_w);
    }

    LF_RETURN_IF_ERROR(ExpectDType(*input, "input", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(*weights, "weights", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    LF_RETURN_IF_ERROR(ExpectRank(*weights, "weights", 4));
    LF_RETURN_IF_ERROR(ExpectRank(*bias, "bias", 1));
    if (bias->shape.dim(0) != weights->shape.dim(0)) {
      return InvalidArgument("{} has {} elements, expected {} (weights' output channels)",
                             Describe(*bias, "bias"), bias->shape.dim(0), weights->shape.dim(0));
    }
    if (input->shape.dim(3) != weights->shape.dim(3)) {
      return InvalidArgument("{} has {} channels but {} expects {}", Describe(*input, "input"),
                             input->shape.dim(3), Describe(*weights, "weights"),
                             weights->shape.dim(3));
    }

    TransposeConvGeometry& g = geometry_;
    g = TransposeConvGeometry{};
    g.batches = input->shape.dim(0);
    g.input_height = input->shape.dim(1);
    g.input_width = input->shape.dim(2);
    g.input_depth = input->shape.dim(3);
    g.output_depth = weights->shape.dim(0);
    g.filter_height = weights->shape.dim(1);
    g.filter_width = weights->shape.dim(2);
    g.stride_height = stride_h;
    g.stride_width = stride_w;
    const bool same = padding == 1;
    const AxisSize h = SizeAxis(same, g.input_height, g.filter_height, stride_h);
    const AxisSize w = SizeAxis(same, g.input_width, g.filter_width, stride_w);
    if (h.out < 0 || w.out < 0 || h.out > std::numeric_limits<int32_t>::max() ||
        w.out > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("{} {} with a {}x{} filter and stride {}x{} gives no valid output",
                             Describe(*input, "input"), input->shape.ToString(), g.filter_height,
                             g.filter_width, stride_h, stride_w);
    }
    g.output_height = static_cast<int>(h.out);
    g.output_width = static_cast<int>(w.out);
    g.pad_top = h.pad_before;
    g.pad_left = w.pad_before;
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(
        0, Shape({g.batches, g.output_height, g.output_width, g.output_depth})));
    return f32_gemm_.Prepare(ctx, g, *weights, bias);
  }

  Status Eval(EvalContext& ctx) const override {
    TensorView& output = ctx.output(0);
    if (output.num_elements() == 0) return Status::Ok();
    if (f32_gemm_.active()) {
      constexpr float kInf = std::numeric_limits<float>::infinity();
      f32_gemm_.Run(ctx, geometry_, ctx.input(0)->data_as<float>(), ctx.input(2)->data_as<float>(),
                    -kInf, kInf, output.data_as<float>());
      return Status::Ok();
    }
    kernels::f32_transpose_conv_bias_first__reference(
        geometry_, ctx.input(0)->data_as<float>(), ctx.input(1)->data_as<float>(),
        ctx.input(2)->data_as<float>(), output.data_as<float>());
    return Status::Ok();
  }

 private:
  TransposeConvGeometry geometry_;
  F32TransposeConvGemm f32_gemm_;  // constant weights and bias, a SIMD GEMM allowed
};

}  // namespace

void RegisterConvolution2DTransposeBias(OpResolver& r) {
  r.AddCustom("Convolution2DTransposeBias", MakeKernel<Convolution2DTransposeBias>);
}

}  // namespace liteforge::ops
