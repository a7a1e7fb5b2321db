// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// EXPAND_DIMS: inserts a dim of size 1 at `axis` (second input, an int32 or
// int64 scalar or one-element vector, in [-rank - 1, rank]; negative counts
// from the back of the output). An axis known only at run time makes the
// output dynamic. The bytes are unchanged.

#include <cstring>

#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

Result<Shape> Expanded(const Shape& in, int64_t axis) {
  LF_ASSIGN_OR_RETURN(const int at, NormalizeAxis(axis, in.rank() + 1, "axis"));
  std::vector<int32_t> dims = in.dims();
  dims.insert(dims.begin() + at, 1);
  return Shape(std::move(dims));
}

class ExpandDims final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* axis, RequiredInput(ctx, 1, "axis"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*axis, "axis", {DType::kInt32, DType::kInt64}));
    if (axis->num_elements() != 1) {
      return InvalidArgument("{} must hold one value, has shape {}", Describe(*axis, "axis"),
                             axis->shape.ToString());
    }
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    input_shape_ = input->shape;
    if (!axis->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(const Shape out, Expanded(input_shape_, ReadInts(*axis)[0]));
    return ctx.SetOutputShape(0, out);
  }

  Status Eval(EvalContext& ctx) const override {
    if (dynamic_) {
      LF_ASSIGN_OR_RETURN(const Shape out, Expanded(input_shape_, ReadInts(*ctx.input(1))[0]));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out));
    }
    const TensorView& input = *ctx.input(0);
    TensorView& output = ctx.output(0);
    if (input.bytes > 0 && output.data != input.data) std::memcpy(output.data, input.data, input.bytes);
    return Status::Ok();
  }

 private:
  bool dynamic_ = false;
  Shape input_shape_;
};

}  // namespace

void RegisterExpandDims(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kExpandDims, MakeKernel<ExpandDims>, 1, 1);
}

}  // namespace liteforge::ops
