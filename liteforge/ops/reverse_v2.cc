// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// REVERSE_V2: reverses the order of elements along each dim listed in the
// axis input (int32 or int64 vector; negative entries count from the back).
// TFLite accepts only a contiguous run of axes; liteforge accepts any set
// of distinct axes. The axis may be known only at run time (the output
// shape never depends on it). Values are moved as bytes.

#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

Result<kernels::StridedCopyPlan> PlanReverse(const Shape& in, const std::vector<int64_t>& axes,
                                             size_t elem) {
  const int rank = in.rank();
  std::vector<int64_t> strides(static_cast<size_t>(rank)), counts(static_cast<size_t>(rank));
  kernels::RowMajorStrides(in.dims(), strides);
  std::vector<bool> flip(static_cast<size_t>(rank), false);
  for (int64_t a : axes) {
    LF_ASSIGN_OR_RETURN(const int d, NormalizeAxis(a, rank, "axis"));
    if (flip[d]) return InvalidArgument("axis {} is listed twice", d);
    flip[d] = true;
  }
  int64_t base = 0;
  for (int d = 0; d < rank; ++d) {
    counts[d] = in.dim(d);
    if (flip[d] && counts[d] > 0) {
      base += (counts[d] - 1) * strides[d];
      strides[d] = -strides[d];
    }
  }
  kernels::StridedCopyPlan plan;
  if (!kernels::MakeStridedCopyPlan(counts, strides, base, elem, &plan)) {
    return Unimplemented("cannot plan the copy: too many dims or elements");
  }
  return plan;
}

class ReverseV2 final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* axis, RequiredInput(ctx, 1, "axis"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*axis, "axis", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectRank(*axis, "axis", 1));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    elem_ = DTypeSize(input->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    input_shape_ = input->shape;
    runtime_axis_ = !axis->is_constant;
    if (!runtime_axis_) {
      LF_ASSIGN_OR_RETURN(plan_, PlanReverse(input_shape_, ReadInts(*axis), elem_));
    }
    return ctx.SetOutputShape(0, input_shape_);
  }

  Status Eval(EvalContext& ctx) const override {
    const kernels::StridedCopyPlan* plan = &plan_;
    kernels::StridedCopyPlan runtime_plan;
    if (runtime_axis_) {
      LF_ASSIGN_OR_RETURN(runtime_plan, PlanReverse(input_shape_, ReadInts(*ctx.input(1)), elem_));
      plan = &runtime_plan;
    }
    kernels::SelectStridedCopy(*plan)(*plan, ctx.input(0)->data, ctx.output(0).data);
    return Status::Ok();
  }

 private:
  size_t elem_ = 0;
  bool runtime_axis_ = false;
  Shape input_shape_;
  kernels::StridedCopyPlan plan_;
};

}  // namespace

void RegisterReverseV2(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kReverseV2, MakeKernel<ReverseV2>, 1, 3);
}

}  // namespace liteforge::ops
