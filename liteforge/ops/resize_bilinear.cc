// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RESIZE_BILINEAR: resizes the two spatial dims of an NHWC input to the
// [height, width] given by the int32 `size` input, by bilinear
// interpolation. Attributes: align_corners (corner pixels map to corner
// pixels) and half_pixel_centers (pixel centres at +0.5); both at once is
// an error, as in TFLite. A `size` known only at run time makes the output
// dynamic.
//
// float32, uint8, int8 and int16, each with TFLite's builtin arithmetic
// (see kernels/resize/reference.h): uint8 interpolates with float weights,
// int8/int16 with 10-bit fixed point. Values are interpolated in the raw
// quantized domain; input and output share quantization in TFLite's
// contract and nothing is rescaled. float32, uint8 and int8 run a SIMD
// variant (kernels/resize/resize_variants.h, bit-exact) picked in Prepare.

#include <algorithm>
#include <vector>

#include "liteforge/kernels/resize/reference.h"
#include "liteforge/kernels/resize/resize_variants.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/ops/row_split.h"

namespace liteforge::ops {
namespace {

// Output elements a thread should get before the rows are split.
constexpr int64_t kMinElementsPerChunk = 16 * 1024;

// Reads and checks the requested [height, width].
Status ReadSize(const TensorView& size, int* height, int* width) {
  const int32_t* v = size.data_as<int32_t>();
  if (v[0] <= 0 || v[1] <= 0) {
    return InvalidArgument("{} asks for a {}x{} output; both sizes must be positive",
                           Describe(size, "size"), v[0], v[1]);
  }
  *height = v[0];
  *width = v[1];
  return Status::Ok();
}

class ResizeBilinear final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* size, RequiredInput(ctx, 1, "size"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(
        *input, "input", {DType::kFloat32, DType::kUInt8, DType::kInt8, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    LF_RETURN_IF_ERROR(ExpectDType(*size, "size", DType::kInt32));
    LF_RETURN_IF_ERROR(ExpectRank(*size, "size", 1));
    if (size->shape.dim(0) != 2) {
      return InvalidArgument("{} has {} elements, expected 2 (height, width)",
                             Describe(*size, "size"), size->shape.dim(0));
    }
    const auto& opts = ctx.options<ir::ResizeOptions>();
    if (opts.align_corners && opts.half_pixel_centers) {
      return InvalidArgument("align_corners and half_pixel_centers cannot both be set");
    }
    dtype_ = input->dtype;
    g_.batches = input->shape.dim(0);
    g_.in_h = input->shape.dim(1);
    g_.in_w = input->shape.dim(2);
    g_.channels = input->shape.dim(3);
    g_.align_corners = opts.align_corners;
    g_.half_pixel_centers = opts.half_pixel_centers;
    g_.out_h = 0;
    g_.out_w = 0;
    variant_ = kernels::SelectResizeBilinear(ctx.max_isa());
    dynamic_ = !size->is_constant || size->data == nullptr;
    if (dynamic_) {
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    LF_RETURN_IF_ERROR(ReadSize(*size, &g_.out_h, &g_.out_w));
    if (g_.in_h == 0 || g_.in_w == 0) return EmptyInputError(*input);
    return ctx.SetOutputShape(0, Shape({g_.batches, g_.out_h, g_.out_w, g_.channels}));
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    kernels::ResizeGeometry g = g_;
    if (dynamic_) {
      // The size is known now.
      LF_RETURN_IF_ERROR(ReadSize(*ctx.input(1), &g.out_h, &g.out_w));
      if (g.in_h == 0 || g.in_w == 0) return EmptyInputError(input);
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, Shape({g.batches, g.out_h, g.out_w, g.channels})));
    }
    TensorView& output = ctx.output(0);
    if (output.num_elements() == 0) return Status::Ok();
    // Rows are independent; split them once there is enough work per chunk.
    const int64_t row_elements = static_cast<int64_t>(g.out_w) * g.channels;
    SplitRows(ctx, kernels::ResizeRows(g), row_elements, kMinElementsPerChunk,
              [&](int64_t begin, int64_t end) {
                const int b = static_cast<int>(begin), e = static_cast<int>(end);
                switch (dtype_) {
                  case DType::kFloat32:
                    (variant_ != nullptr ? variant_->f32 : kernels::f32_resize_bilinear__reference)(
                        g, input.data_as<float>(), b, e, output.data_as<float>());
                    break;
                  case DType::kUInt8:
                    (variant_ != nullptr ? variant_->qu8 : kernels::qu8_resize_bilinear__reference)(
                        g, input.data_as<uint8_t>(), b, e, output.data_as<uint8_t>());
                    break;
                  case DType::kInt8:
                    (variant_ != nullptr ? variant_->qs8 : kernels::qs8_resize_bilinear__reference)(
                        g, input.data_as<int8_t>(), b, e, output.data_as<int8_t>());
                    break;
                  default:
                    kernels::qs16_resize_bilinear__reference(g, input.data_as<int16_t>(), b, e,
                                                             output.data_as<int16_t>());
                    break;
                }
              });
    return Status::Ok();
  }

 private:
  static Status EmptyInputError(const TensorView& input) {
    return InvalidArgument("{} has an empty spatial dim {}; there is nothing to interpolate",
                           Describe(input, "input"), input.shape.ToString());
  }

  DType dtype_ = DType::kFloat32;
  bool dynamic_ = false;  // the size is read in Eval
  kernels::ResizeGeometry g_;
  // The SIMD kernels for float32 / uint8 / int8 (null: the reference kernels).
  const kernels::ResizeBilinearVariant* variant_ = nullptr;
};

}  // namespace

// Versions 1-4 as TFLite registers them: v2 int8, v3 half_pixel_centers,
// v4 int16.
void RegisterResizeBilinear(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kResizeBilinear, MakeKernel<ResizeBilinear>, 1, 4);
}

}  // namespace liteforge::ops
