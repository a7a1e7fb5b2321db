// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// MediaPipe's custom op "MaxPoolingWithArgmax2D" (float32): max pooling of
// an NHWC input that also outputs, per pooled value, where in its window
// the maximum was. Outputs: [0] pooled values, [1] indices (float32, same
// shape): fy * filter_w + fx + 0.1 for the window-relative row fy and
// column fx of the first maximum in row-major window order (padding rows
// and columns count in fy/fx). MaxUnpooling2D consumes these indices.
//
// Attributes: custom_options is a raw copy of TFLite's pooling parameter
// struct, little-endian int32s: padding (1 SAME, 2 VALID), stride_width,
// stride_height, filter_width, filter_height, activation (0 none, 1 RELU,
// 2 RELU_N1_TO_1, 3 RELU6; other values do not clamp), followed by
// computed padding this op ignores. Output size and padding follow
// MediaPipe: SAME gives ceil(in / stride), VALID (in - filter + stride) /
// stride, and padding before the data is max(0, ((out-1)*stride + filter -
// in) / 2).

#include <cstring>
#include <limits>
#include <vector>

#include "liteforge/kernels/pooling/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

// The leading fields of TFLite's pooling parameter struct.
struct RawPoolParams {
  int32_t padding = 0;
  int32_t stride_w = 0;
  int32_t stride_h = 0;
  int32_t filter_w = 0;
  int32_t filter_h = 0;
  int32_t activation = 0;
};

Result<RawPoolParams> ReadPoolParams(const std::vector<uint8_t>& bytes) {
  constexpr size_t kNeeded = 6 * sizeof(int32_t);
  if (bytes.size() < kNeeded) {
    return InvalidArgument(
        "custom_options has {} bytes, expected at least {} (padding, stride_width, "
        "stride_height, filter_width, filter_height, activation)",
        bytes.size(), kNeeded);
  }
  int32_t v[6];
  std::memcpy(v, bytes.data(), kNeeded);
  RawPoolParams p{v[0], v[1], v[2], v[3], v[4], v[5]};
  if (p.padding != 1 && p.padding != 2) {
    return InvalidArgument("custom_options padding is {}, expected 1 (SAME) or 2 (VALID)",
                           p.padding);
  }
  if (p.stride_h <= 0 || p.stride_w <= 0) {
    return InvalidArgument("custom_options strides must be positive, got {}x{} (h x w)",
                           p.stride_h, p.stride_w);
  }
  if (p.filter_h <= 0 || p.filter_w <= 0) {
    return InvalidArgument("custom_options filter must be positive, got {}x{} (h x w)",
                           p.filter_h, p.filter_w);
  }
  return p;
}

// MediaPipe's windowed output size and padding along one dim.
void SizeAxis(bool same, int in, int filter, int stride, int* out, int* pad) {
  *out = same ? (in + stride - 1) / stride : (in - filter + stride) / stride;
  if (*out < 0) *out = 0;
  const int total = (*out - 1) * stride + filter - in;
  *pad = total > 0 ? total / 2 : 0;
}

class MaxPoolingWithArgmax2D final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 2));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    LF_RETURN_IF_ERROR(ExpectDType(*input, "input", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(ctx.output(0), "output", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(ctx.output(1), "indices", DType::kFloat32));
    LF_ASSIGN_OR_RETURN(RawPoolParams p, ReadPoolParams(ctx.op().custom_options));

    g_.batches = input->shape.dim(0);
    g_.in_h = input->shape.dim(1);
    g_.in_w = input->shape.dim(2);
    g_.channels = input->shape.dim(3);
    g_.stride_h = p.stride_h;
    g_.stride_w = p.stride_w;
    g_.filter_h = p.filter_h;
    g_.filter_w = p.filter_w;
    const bool same = p.padding == 1;
    SizeAxis(same, g_.in_h, p.filter_h, p.stride_h, &g_.out_h, &g_.pad_h);
    SizeAxis(same, g_.in_w, p.filter_w, p.stride_w, &g_.out_w, &g_.pad_w);
    // TFLite's float activation bounds: finite limits, not infinities.
    act_min_ = std::numeric_limits<float>::lowest();
    act_max_ = std::numeric_limits<float>::max();
    if (p.activation == 1) act_min_ = 0.f;
    if (p.activation == 2) {
      act_min_ = -1.f;
      act_max_ = 1.f;
    }
    if (p.activation == 3) {
      act_min_ = 0.f;
      act_max_ = 6.f;
    }
    const Shape out({g_.batches, g_.out_h, g_.out_w, g_.channels});
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, out));
    return ctx.SetOutputShape(1, out);
  }

  Status Eval(EvalContext& ctx) const override {
    kernels::f32_maxpool2d_argmax__reference(g_, ctx.input(0)->data_as<float>(), act_min_,
                                             act_max_, ctx.output(0).data_as<float>(),
                                             ctx.output(1).data_as<float>());
    return Status::Ok();
  }

 private:
  kernels::Pool2DGeometry g_;
  float act_min_ = 0.f;
  float act_max_ = 0.f;
};

}  // namespace

void RegisterMaxPoolingWithArgmax2D(OpResolver& r) {
  r.AddCustom("MaxPoolingWithArgmax2D", MakeKernel<MaxPoolingWithArgmax2D>);
}

}  // namespace liteforge::ops
