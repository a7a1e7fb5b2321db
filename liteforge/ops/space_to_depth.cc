// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SPACE_TO_DEPTH: NHWC [N, H, W, C] -> [N, H/b, W/b, C*b*b], the inverse of
// DEPTH_TO_SPACE: output[n, h, w, (i*b + j) * C + c] =
// input[n, h*b + i, w*b + j, c]. H and W must be multiples of b. Values are
// moved as bytes.

#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class SpaceToDepth final : public OpKernel {
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
    if (h % b != 0 || w % b != 0) {
      return InvalidArgument("{} has height {} and width {}, not multiples of block_size {}",
                             Describe(*input, "input"), h, w, b);
    }
    if (c * b * b > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("block_size {} makes the output too deep", b);
    }
    const int64_t ho = h / b, wo = w / b;
    const int64_t counts[] = {n, ho, wo, b, b, c};
    const int64_t strides[] = {h * w * c, b * w * c, b * c, w * c, c, 1};
    if (!kernels::MakeStridedCopyPlan(counts, strides, 0, elem, &plan_)) {
      return Unimplemented("cannot plan the copy: too many dims or elements");
    }
    return ctx.SetOutputShape(0, Shape({static_cast<int32_t>(n), static_cast<int32_t>(ho),
                                        static_cast<int32_t>(wo), static_cast<int32_t>(c * b * b)}));
  }

  Status Eval(EvalContext& ctx) const override {
    kernels::SelectStridedCopy(plan_)(plan_, ctx.input(0)->data, ctx.output(0).data);
    return Status::Ok();
  }

 private:
  kernels::StridedCopyPlan plan_;
};

}  // namespace

void RegisterSpaceToDepth(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kSpaceToDepth, MakeKernel<SpaceToDepth>, 1, 2);
}

}  // namespace liteforge::ops
