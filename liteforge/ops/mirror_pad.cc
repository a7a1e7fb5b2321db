// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// MIRROR_PAD: pads each dim with mirrored copies of the input.
//   REFLECT    [a b c d], 2 before -> [c b | a b c d]  (edge not repeated;
//              padding <= dim - 1)
//   SYMMETRIC  [a b c d], 2 before -> [b a | a b c d]  (edge repeated;
//              padding <= dim)
// paddings is an int32 or int64 [rank, 2] tensor; known only at run time it
// makes the output dynamic. Values are moved as bytes.

#include "liteforge/kernels/pad/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class MirrorPad final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* paddings, RequiredInput(ctx, 1, "paddings"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*paddings, "paddings", {DType::kInt32, DType::kInt64}));
    const int rank = input->shape.rank();
    if (paddings->shape.rank() != 2 || paddings->shape.dim(0) != rank ||
        paddings->shape.dim(1) != 2) {
      return InvalidArgument("{} has shape {}, expected [{}, 2]", Describe(*paddings, "paddings"),
                             paddings->shape.ToString(), rank);
    }
    elem_ = DTypeSize(input->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    symmetric_ = ctx.options<ir::MirrorPadOptions>().mode == ir::MirrorPadMode::kSymmetric;
    input_shape_ = input->shape;
    if (!paddings->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    Shape out;
    LF_RETURN_IF_ERROR(Plan(ReadInts(*paddings), &geometry_, &out));
    return ctx.SetOutputShape(0, out);
  }

  Status Eval(EvalContext& ctx) const override {
    const kernels::MirrorPadGeometry* g = &geometry_;
    kernels::MirrorPadGeometry dynamic_geometry;
    if (dynamic_) {
      Shape out;
      LF_RETURN_IF_ERROR(Plan(ReadInts(*ctx.input(1)), &dynamic_geometry, &out));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out));
      g = &dynamic_geometry;
    }
    kernels::x8_mirror_pad__reference(*g, ctx.input(0)->data, ctx.output(0).data);
    return Status::Ok();
  }

 private:
  Status Plan(const std::vector<int64_t>& values, kernels::MirrorPadGeometry* g, Shape* out) const {
    const int rank = input_shape_.rank();
    std::vector<int64_t> before(static_cast<size_t>(rank)), after(static_cast<size_t>(rank));
    std::vector<int32_t> dims(static_cast<size_t>(rank));
    const int64_t slack = symmetric_ ? 0 : 1;
    for (int d = 0; d < rank; ++d) {
      const int64_t b = values[2 * d], a = values[2 * d + 1];
      const int64_t size = input_shape_.dim(d);
      const int64_t limit = size - slack;
      if (b < 0 || a < 0 || b > limit || a > limit) {
        return InvalidArgument(
            "paddings [{}, {}] for dim {} of size {}: {} padding must be in [0, {}]", b, a, d,
            size, symmetric_ ? "SYMMETRIC" : "REFLECT", std::max<int64_t>(limit, 0));
      }
      before[d] = b;
      after[d] = a;
      dims[d] = static_cast<int32_t>(size + b + a);
    }
    *out = Shape(std::move(dims));
    *g = kernels::MakeMirrorPadGeometry(input_shape_.dims(), before, after, symmetric_, elem_);
    return Status::Ok();
  }

  size_t elem_ = 0;
  bool symmetric_ = false;
  bool dynamic_ = false;
  Shape input_shape_;
  kernels::MirrorPadGeometry geometry_;
};

}  // namespace

void RegisterMirrorPad(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kMirrorPad, MakeKernel<MirrorPad>, 1, 3);
}

}  // namespace liteforge::ops
