// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SPLIT_V: cuts a tensor along an axis into parts of the sizes given by
// size_splits (int32 or int64, one entry per output, at most one -1 that
// takes what is left). Inputs: tensor, size_splits, axis (scalar). When
// size_splits or the axis are known only at run time the outputs are
// dynamic. Values are moved as bytes.

#include "liteforge/kernels/data_movement/data_movement_variants.h"
#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class SplitV final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    variant_ = kernels::SelectDataMovement(ctx.max_isa());
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* sizes, RequiredInput(ctx, 1, "size_splits"));
    LF_ASSIGN_OR_RETURN(const TensorView* axis, RequiredInput(ctx, 2, "axis"));
    const int parts = ctx.num_outputs();
    if (parts < 1) return InvalidArgument("has no outputs");
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*sizes, "size_splits", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*axis, "axis", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectRank(*sizes, "size_splits", 1));
    if (sizes->shape.dim(0) != parts) {
      return InvalidArgument("{} has {} entries but the op has {} outputs",
                             Describe(*sizes, "size_splits"), sizes->shape.dim(0), parts);
    }
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
    if (!sizes->is_constant || !axis->is_constant) {
      dynamic_ = true;
      for (int i = 0; i < parts; ++i) ctx.MarkOutputDynamic(i);
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(geometry_, Plan(ReadInts(*sizes), ReadInts(*axis)[0]));
    for (int i = 0; i < parts; ++i) LF_RETURN_IF_ERROR(ctx.SetOutputShape(i, geometry_.shapes[i]));
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    const int parts = ctx.num_outputs();
    Geometry dynamic_geometry;
    const Geometry* g = &geometry_;
    if (dynamic_) {
      LF_ASSIGN_OR_RETURN(dynamic_geometry,
                          Plan(ReadInts(*ctx.input(1)), ReadInts(*ctx.input(2))[0]));
      g = &dynamic_geometry;
      for (int i = 0; i < parts; ++i) LF_RETURN_IF_ERROR(ctx.ResizeOutput(i, g->shapes[i]));
    }
    std::vector<uint8_t*> outs(static_cast<size_t>(parts));
    for (int i = 0; i < parts; ++i) outs[i] = ctx.output(i).data;
    if (g->outer > 0) {
      (variant_ != nullptr ? variant_->x8_split : kernels::x8_split__reference)(
          g->outer, ctx.input(0)->data, outs, g->block_bytes);
    }
    return Status::Ok();
  }

 private:
  struct Geometry {
    std::vector<Shape> shapes;
    int64_t outer = 1;
    std::vector<size_t> block_bytes;
  };

  Result<Geometry> Plan(std::vector<int64_t> sizes, int64_t raw_axis) const {
    const int rank = input_shape_.rank();
    LF_ASSIGN_OR_RETURN(const int axis, NormalizeAxis(raw_axis, rank, "axis"));
    const int64_t dim = input_shape_.dim(axis);
    int stretch = -1;
    int64_t known = 0;
    for (size_t i = 0; i < sizes.size(); ++i) {
      if (sizes[i] == -1) {
        if (stretch >= 0) return InvalidArgument("size_splits has more than one -1");
        stretch = static_cast<int>(i);
      } else if (sizes[i] < 0) {
        return InvalidArgument("size_splits[{}] is {}", i, sizes[i]);
      } else {
        known += sizes[i];
        if (known > dim) break;
      }
    }
    if (stretch >= 0 && known <= dim) sizes[stretch] = dim - known;
    if (known > dim || (stretch < 0 && known != dim)) {
      return InvalidArgument("size_splits add up to {} but dim {} has size {}", known, axis, dim);
    }
    Geometry g;
    g.outer = input_shape_.Product(0, axis);
    const int64_t inner = input_shape_.Product(axis + 1, rank);
    for (int64_t s : sizes) {
      Shape part = input_shape_;
      part.dim(axis) = static_cast<int32_t>(s);
      g.shapes.push_back(std::move(part));
      g.block_bytes.push_back(static_cast<size_t>(s * inner) * elem_);
    }
    return g;
  }

  Shape input_shape_;
  const kernels::DataMovementVariant* variant_ = nullptr;  // null: the reference kernels
  size_t elem_ = 0;
  bool dynamic_ = false;
  Geometry geometry_;
};

}  // namespace

void RegisterSplitV(OpResolver& r) { r.AddBuiltin(ir::OpType::kSplitV, MakeKernel<SplitV>, 1, 2); }

}  // namespace liteforge::ops
