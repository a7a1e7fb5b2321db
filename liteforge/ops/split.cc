// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SPLIT: cuts a tensor into num_splits equal parts along an axis. Note the
// input order: input 0 is the axis (an int32 scalar), input 1 the tensor.
// A run-time axis makes the outputs dynamic. Values are moved as bytes, so
// quantized parts keep the input's values unchanged, as in TFLite.

#include "liteforge/kernels/data_movement/data_movement_variants.h"
#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Split final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    variant_ = kernels::SelectDataMovement(ctx.max_isa());
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_ASSIGN_OR_RETURN(const TensorView* axis, RequiredInput(ctx, 0, "axis"));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 1, "input"));
    const int parts = ctx.num_outputs();
    if (parts < 1) return InvalidArgument("has no outputs");
    const int32_t num_splits = ctx.options<ir::SplitOptions>().num_splits;
    if (num_splits != 0 && num_splits != parts) {
      return InvalidArgument("num_splits is {} but the op has {} outputs", num_splits, parts);
    }
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*axis, "axis", {DType::kInt32, DType::kInt64}));
    if (axis->num_elements() != 1) {
      return InvalidArgument("{} must hold one value, has shape {}", Describe(*axis, "axis"),
                             axis->shape.ToString());
    }
    for (int i = 0; i < parts; ++i) {
      LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(i), "output"));
    }
    elem_ = DTypeSize(input->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    input_shape_ = input->shape;
    if (!axis->is_constant) {
      dynamic_ = true;
      for (int i = 0; i < parts; ++i) ctx.MarkOutputDynamic(i);
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(geometry_, Plan(ReadInts(*axis)[0], parts));
    for (int i = 0; i < parts; ++i) LF_RETURN_IF_ERROR(ctx.SetOutputShape(i, geometry_.part));
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    const int parts = ctx.num_outputs();
    Geometry g = geometry_;
    if (dynamic_) {
      LF_ASSIGN_OR_RETURN(g, Plan(ReadInts(*ctx.input(0))[0], parts));
      for (int i = 0; i < parts; ++i) LF_RETURN_IF_ERROR(ctx.ResizeOutput(i, g.part));
    }
    std::vector<uint8_t*> outs(static_cast<size_t>(parts));
    for (int i = 0; i < parts; ++i) outs[i] = ctx.output(i).data;
    const std::vector<size_t> blocks(static_cast<size_t>(parts), g.block_bytes);
    if (g.block_bytes > 0) {
      (variant_ != nullptr ? variant_->x8_split : kernels::x8_split__reference)(
          g.outer, ctx.input(1)->data, outs, blocks);
    }
    return Status::Ok();
  }

 private:
  struct Geometry {
    Shape part;
    int64_t outer = 1;
    size_t block_bytes = 0;  // bytes of one part per outer repeat
  };

  // Works out the part shape and the block geometry for `raw_axis`.
  Result<Geometry> Plan(int64_t raw_axis, int parts) const {
    const int rank = input_shape_.rank();
    LF_ASSIGN_OR_RETURN(const int axis, NormalizeAxis(raw_axis, rank, "axis"));
    const int32_t dim = input_shape_.dim(axis);
    if (dim % parts != 0) {
      return InvalidArgument("dim {} of size {} does not split into {} equal parts", axis, dim,
                             parts);
    }
    Geometry g;
    g.part = input_shape_;
    g.part.dim(axis) = dim / parts;
    g.outer = input_shape_.Product(0, axis);
    g.block_bytes = static_cast<size_t>(g.part.Product(axis, rank)) * elem_;
    return g;
  }

  Shape input_shape_;
  size_t elem_ = 0;
  bool dynamic_ = false;
  Geometry geometry_;
  const kernels::DataMovementVariant* variant_ = nullptr;  // null: the reference kernels
};

}  // namespace

void RegisterSplit(OpResolver& r) { r.AddBuiltin(ir::OpType::kSplit, MakeKernel<Split>, 1, 4); }

}  // namespace liteforge::ops
