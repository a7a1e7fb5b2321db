// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RESIZE_NEAREST_NEIGHBOR: resizes the two spatial dims of an NHWC input to
// the [height, width] given by the int32 `size` input by copying the
// nearest source pixel. Attributes align_corners (round instead of floor,
// corners map to corners) and half_pixel_centers (sample at pixel centres).
// A `size` known only at run time makes the output dynamic.
//
// float32, int32, uint8, int8 and int16; values are copied unchanged. The
// source index rule is TFLite's: float scale and floor/round, except that
// its 8-bit kernel uses a 16.16 fixed-point scale when neither flag is set,
// which can pick a different pixel for some size ratios; this op follows
// the same split so 8-bit results match TFLite pixel for pixel.

#include <algorithm>
#include <vector>

#include "liteforge/kernels/resize/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/ops/row_split.h"

namespace liteforge::ops {
namespace {

// Output bytes a thread should get before the rows are split.
constexpr int64_t kMinBytesPerChunk = 64 * 1024;

class ResizeNearestNeighbor final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* size, RequiredInput(ctx, 1, "size"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(
        *input, "input",
        {DType::kFloat32, DType::kInt32, DType::kUInt8, DType::kInt8, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    LF_RETURN_IF_ERROR(ExpectDType(*size, "size", DType::kInt32));
    LF_RETURN_IF_ERROR(ExpectRank(*size, "size", 1));
    if (size->shape.dim(0) != 2) {
      return InvalidArgument("{} has {} elements, expected 2 (height, width)",
                             Describe(*size, "size"), size->shape.dim(0));
    }
    const auto& opts = ctx.options<ir::ResizeOptions>();
    element_size_ = DTypeSize(input->dtype);
    // TFLite's 8-bit kernel: fixed-point scale unless a flag asks for the
    // float rule.
    fixed_point_ = element_size_ == 1 && !opts.align_corners && !opts.half_pixel_centers;
    g_.batches = input->shape.dim(0);
    g_.in_h = input->shape.dim(1);
    g_.in_w = input->shape.dim(2);
    g_.channels = input->shape.dim(3);
    g_.align_corners = opts.align_corners;
    g_.half_pixel_centers = opts.half_pixel_centers;
    g_.out_h = 0;
    g_.out_w = 0;
    y_index_.clear();
    x_index_.clear();
    dynamic_ = !size->is_constant || size->data == nullptr;
    if (dynamic_) {
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    LF_RETURN_IF_ERROR(Plan(*input, *size, &g_, &y_index_, &x_index_));
    return ctx.SetOutputShape(0, Shape({g_.batches, g_.out_h, g_.out_w, g_.channels}));
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    if (dynamic_) {
      kernels::ResizeGeometry g = g_;
      std::vector<int32_t> ys;
      std::vector<int32_t> xs;
      LF_RETURN_IF_ERROR(Plan(input, *ctx.input(1), &g, &ys, &xs));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, Shape({g.batches, g.out_h, g.out_w, g.channels})));
      Run(ctx, g, ys.data(), xs.data(), input, ctx.output(0));
      return Status::Ok();
    }
    Run(ctx, g_, y_index_.data(), x_index_.data(), input, ctx.output(0));
    return Status::Ok();
  }

 private:
  // Output size from `size` and the source index of every output row/col.
  Status Plan(const TensorView& input, const TensorView& size, kernels::ResizeGeometry* g,
              std::vector<int32_t>* ys, std::vector<int32_t>* xs) const {
    const int32_t* v = size.data_as<int32_t>();
    if (v[0] <= 0 || v[1] <= 0) {
      return InvalidArgument("{} asks for a {}x{} output; both sizes must be positive",
                             Describe(size, "size"), v[0], v[1]);
    }
    if (g->in_h == 0 || g->in_w == 0) {
      return InvalidArgument("{} has an empty spatial dim {}; there is nothing to sample",
                             Describe(input, "input"), input.shape.ToString());
    }
    g->out_h = v[0];
    g->out_w = v[1];
    ys->resize(static_cast<size_t>(g->out_h));
    xs->resize(static_cast<size_t>(g->out_w));
    kernels::ComputeNearestIndices(g->in_h, g->out_h, g->align_corners, g->half_pixel_centers,
                                   fixed_point_, ys->data());
    kernels::ComputeNearestIndices(g->in_w, g->out_w, g->align_corners, g->half_pixel_centers,
                                   fixed_point_, xs->data());
    return Status::Ok();
  }

  void Run(EvalContext& ctx, const kernels::ResizeGeometry& g, const int32_t* ys, const int32_t* xs,
           const TensorView& input, TensorView& output) const {
    if (output.num_elements() == 0) return;
    // Rows are independent copies; split them once each chunk has enough.
    const int64_t row_bytes =
        static_cast<int64_t>(g.out_w) * g.channels * static_cast<int64_t>(element_size_);
    SplitRows(ctx, kernels::ResizeRows(g), row_bytes, kMinBytesPerChunk,
              [&](int64_t begin, int64_t end) {
                kernels::resize_nearest__reference(g, ys, xs, element_size_, input.data,
                                                   static_cast<int>(begin), static_cast<int>(end),
                                                   output.data);
              });
  }

  size_t element_size_ = 4;
  bool fixed_point_ = false;
  bool dynamic_ = false;  // the size is read in Eval
  kernels::ResizeGeometry g_;
  std::vector<int32_t> y_index_;
  std::vector<int32_t> x_index_;
};

}  // namespace

// Versions 1-4 as TFLite registers them: v2 int8, v3 half_pixel_centers,
// v4 int16.
void RegisterResizeNearestNeighbor(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kResizeNearestNeighbor, MakeKernel<ResizeNearestNeighbor>, 1, 4);
}

}  // namespace liteforge::ops
