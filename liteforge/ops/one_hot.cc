// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ONE_HOT: inputs indices (int32 or int64), depth (int32 scalar), on_value
// and off_value (scalars of the output's type: float32, int8, uint8, int16,
// int32, int64 or bool). Inserts a dim of size depth at `axis` (-1 = last):
// the element whose position along it equals the index is on_value, all
// others off_value. Indices outside [0, depth) give an all-off row, as in
// TFLite. A depth known only at run time makes the output dynamic.

#include "liteforge/kernels/gather/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class OneHot final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 4));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* indices, RequiredInput(ctx, 0, "indices"));
    LF_ASSIGN_OR_RETURN(const TensorView* depth, RequiredInput(ctx, 1, "depth"));
    LF_ASSIGN_OR_RETURN(const TensorView* on, RequiredInput(ctx, 2, "on_value"));
    LF_ASSIGN_OR_RETURN(const TensorView* off, RequiredInput(ctx, 3, "off_value"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*indices, "indices", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectDType(*depth, "depth", DType::kInt32));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(output, "output",
                                     {DType::kFloat32, DType::kInt8, DType::kUInt8, DType::kInt16,
                                      DType::kInt32, DType::kInt64, DType::kBool}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*on, "on_value", output, "output"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*off, "off_value", output, "output"));
    for (const TensorView* t : {depth, on, off}) {
      if (t->num_elements() != 1) {
        return InvalidArgument("{} must hold one value, has shape {}", Describe(*t, "input"),
                               t->shape.ToString());
      }
    }
    const int rank = indices->shape.rank();
    const int32_t raw_axis = ctx.options<ir::OneHotOptions>().axis;
    if (raw_axis < -1 || raw_axis > rank) {
      return InvalidArgument("axis {} must be in [-1, {}]", raw_axis, rank);
    }
    axis_ = raw_axis == -1 ? rank : raw_axis;
    indices_shape_ = indices->shape;
    elem_ = DTypeSize(output.dtype);
    index_width_ = static_cast<int>(DTypeSize(indices->dtype));
    if (!depth->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    Shape out;
    LF_RETURN_IF_ERROR(Plan(ReadInts(*depth)[0], &geometry_, &out));
    return ctx.SetOutputShape(0, out);
  }

  Status Eval(EvalContext& ctx) const override {
    kernels::OneHotGeometry g = geometry_;
    if (dynamic_) {
      Shape out;
      LF_RETURN_IF_ERROR(Plan(ReadInts(*ctx.input(1))[0], &g, &out));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out));
    }
    kernels::x8_one_hot__reference(g, {ctx.input(0)->data, index_width_}, ctx.input(2)->data,
                                   ctx.input(3)->data, elem_, ctx.output(0).data);
    return Status::Ok();
  }

 private:
  Status Plan(int64_t depth, kernels::OneHotGeometry* g, Shape* out) const {
    if (depth < 0 || depth > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("depth is {}, must be >= 0", depth);
    }
    std::vector<int32_t> dims = indices_shape_.dims();
    dims.insert(dims.begin() + axis_, static_cast<int32_t>(depth));
    g->prefix = indices_shape_.Product(0, axis_);
    g->depth = depth;
    g->suffix = indices_shape_.Product(axis_, indices_shape_.rank());
    *out = Shape(std::move(dims));
    return Status::Ok();
  }

  int axis_ = 0;
  size_t elem_ = 0;
  int index_width_ = 4;
  bool dynamic_ = false;
  Shape indices_shape_;
  kernels::OneHotGeometry geometry_;
};

}  // namespace

void RegisterOneHot(OpResolver& r) { r.AddBuiltin(ir::OpType::kOneHot, MakeKernel<OneHot>, 1, 1); }

}  // namespace liteforge::ops
