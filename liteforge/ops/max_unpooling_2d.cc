// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// MediaPipe's custom op "MaxUnpooling2D" (float32): the inverse of
// MaxPoolingWithArgmax2D. Inputs: [0] pooled values [N, H, W, C], [1] their
// indices (float32, same shape; fy * filter_w + fx as written by the
// pooling op, truncated to int here). The output is
// [N, H * filter_h, W * filter_w, C], zero except where an index points:
// value (y, x) lands at row y * stride_h - pad_h + idx / filter_w and
// column x * stride_w - pad_w + idx % filter_w; positions outside the
// output are skipped, and a later write to the same position wins.
//
// Attributes: custom_options is a raw copy of TFLite's pooling parameter
// struct (little-endian int32 padding, stride_width, stride_height,
// filter_width, filter_height, activation, ...). As in MediaPipe, the
// padding mode and activation are ignored: the padding is
// max(0, ((H - 1) * stride + filter - H * filter) / 2) per dim.

#include <cstring>
#include <limits>
#include <vector>

#include "liteforge/kernels/pooling/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class MaxUnpooling2D final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* indices, RequiredInput(ctx, 1, "indices"));
    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    LF_RETURN_IF_ERROR(ExpectRank(*indices, "indices", 4));
    LF_RETURN_IF_ERROR(ExpectDType(*input, "input", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(*indices, "indices", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(ctx.output(0), "output", DType::kFloat32));
    if (indices->shape != input->shape) {
      return InvalidArgument("{} has shape {}, expected the input's shape {}",
                             Describe(*indices, "indices"), indices->shape.ToString(),
                             input->shape.ToString());
    }
    const std::vector<uint8_t>& attrs = ctx.op().custom_options;
    constexpr size_t kNeeded = 5 * sizeof(int32_t);
    if (attrs.size() < kNeeded) {
      return InvalidArgument(
          "custom_options has {} bytes, expected at least {} (padding, stride_width, "
          "stride_height, filter_width, filter_height)",
          attrs.size(), kNeeded);
    }
    int32_t v[5];
    std::memcpy(v, attrs.data(), kNeeded);
    const int32_t stride_w = v[1], stride_h = v[2], filter_w = v[3], filter_h = v[4];
    if (stride_h <= 0 || stride_w <= 0) {
      return InvalidArgument("custom_options strides must be positive, got {}x{} (h x w)",
                             stride_h, stride_w);
    }
    if (filter_h <= 0 || filter_w <= 0) {
      return InvalidArgument("custom_options filter must be positive, got {}x{} (h x w)",
                             filter_h, filter_w);
    }
    // The geometry of the pooling being undone: its input is our output.
    g_.batches = input->shape.dim(0);
    g_.out_h = input->shape.dim(1);
    g_.out_w = input->shape.dim(2);
    g_.channels = input->shape.dim(3);
    const int64_t unpooled_h = int64_t{g_.out_h} * filter_h;
    const int64_t unpooled_w = int64_t{g_.out_w} * filter_w;
    if (unpooled_h > std::numeric_limits<int32_t>::max() ||
        unpooled_w > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("output size {}x{} is too large", unpooled_h, unpooled_w);
    }
    g_.in_h = static_cast<int>(unpooled_h);
    g_.in_w = static_cast<int>(unpooled_w);
    g_.stride_h = stride_h;
    g_.stride_w = stride_w;
    g_.filter_h = filter_h;
    g_.filter_w = filter_w;
    const int64_t total_h = (int64_t{g_.out_h} - 1) * stride_h + filter_h - g_.in_h;
    const int64_t total_w = (int64_t{g_.out_w} - 1) * stride_w + filter_w - g_.in_w;
    g_.pad_h = total_h > 0 ? static_cast<int>(total_h / 2) : 0;
    g_.pad_w = total_w > 0 ? static_cast<int>(total_w / 2) : 0;
    return ctx.SetOutputShape(0, Shape({g_.batches, g_.in_h, g_.in_w, g_.channels}));
  }

  Status Eval(EvalContext& ctx) const override {
    kernels::f32_maxunpool2d__reference(g_, ctx.input(0)->data_as<float>(),
                                        ctx.input(1)->data_as<float>(),
                                        ctx.output(0).data_as<float>());
    return Status::Ok();
  }

 private:
  kernels::Pool2DGeometry g_;
};

}  // namespace

void RegisterMaxUnpooling2D(OpResolver& r) {
  r.AddCustom("MaxUnpooling2D", MakeKernel<MaxUnpooling2D>);
}

}  // namespace liteforge::ops
