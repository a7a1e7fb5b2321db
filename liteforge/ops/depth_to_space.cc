// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// DEPTH_TO_SPACE: NHWC [N, H, W, C] -> [N, H*b, W*b, C/(b*b)], moving
// channel blocks into b x b spatial tiles in TFLite's (and TensorFlow's
// default "DCR") order: output[n, h*b + i, w*b + j, c] =
// input[n, h, w, (i*b + j) * C/(b*b) + c]. Values are moved as bytes.

#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class DepthToSpace final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    const size_t elem = DTypeSize(input->dtype);
    if (elem == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    const int64_t b = ctx.options<ir::BlockSizeOptions>().block_size;
    const int64_t n = input->shape.dim(0), h = input->shape.dim(1), w = input->shape.dim(2),
                  c = input->shape.dim(3);
    if (b < 1) return InvalidArgument("block_size is {}, must be at least 1", b);
    if (c % (b * b) != 0) {
      return InvalidArgument("{} has {} channels, not a multiple of block_size^2 = {}",
                             Describe(*input, "input"), c, b * b);
    }
    const int64_t co = c / (b * b);
    if (h * b > std::numeric_limits<int32_t>::max() || w * b > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("block_size {} makes the output too large", b);
    }
    const int64_t counts[] = {n, h, b, w, b, co};
    const int64_t strides[] = {h * w * c, w * c, b * co, c, co, 1};
    if (!kernels::MakeStridedCopyPlan(counts, strides, 0, elem, &plan_)) {
      return Unimplemented("cannot plan the copy: too many dims or elements");
    }
    return ctx.SetOutputShape(0, Shape({static_cast<int32_t>(n), static_cast<int32_t>(h * b),
                                        static_cast<int32_t>(w * b), static_cast<int32_t>(co)}));
  }

  Status Eval(EvalContext& ctx) const override {
    kernels::SelectStridedCopy(plan_)(plan_, ctx.input(0)->data, ctx.output(0).data);
    return Status::Ok();
  }

 private:
  kernels::StridedCopyPlan plan_;
};

}  // namespace

void RegisterDepthToSpace(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kDepthToSpace, MakeKernel<DepthToSpace>, 1, 2);
}

}  // namespace liteforge::ops
