// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TRANSPOSE: output dim k is input dim perm[k]. perm is an int32 or int64
// vector holding a permutation of [0, rank); a perm known only at run time
// makes the output dynamic. Any rank and any fixed-size dtype (moved as
// bytes). The copy walks the output in order; dims that stay adjacent are
// merged, so e.g. NHWC -> NCHW becomes a 3-dim walk. Copies of 1-byte
// elements run the SIMD strided copy (kernels/data_movement/
// data_movement_variants.h; identical bytes) picked in Prepare.

#include <fmt/ranges.h>

#include "liteforge/kernels/data_movement/data_movement_variants.h"
#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

struct TransposeGeometry {
  Shape output;
  kernels::StridedCopyPlan plan;
};

Result<TransposeGeometry> PlanTranspose(const Shape& in, const std::vector<int64_t>& perm,
                                        size_t elem) {
  const int rank = in.rank();
  if (static_cast<int>(perm.size()) != rank) {
    return InvalidArgument("perm has {} entries but the input has rank {}", perm.size(), rank);
  }
  std::vector<int64_t> in_strides(static_cast<size_t>(rank));
  kernels::RowMajorStrides(in.dims(), in_strides);
  std::vector<bool> used(static_cast<size_t>(rank), false);
  std::vector<int64_t> counts(static_cast<size_t>(rank)), strides(static_cast<size_t>(rank));
  std::vector<int32_t> out_dims(static_cast<size_t>(rank));
  for (int k = 0; k < rank; ++k) {
    int64_t p = perm[k];
    if (p < 0) p += rank;  // TFLite accepts negative entries
    if (p < 0 || p >= rank || used[p]) {
      return InvalidArgument("perm {} is not a permutation of 0..{}", fmt::join(perm, ","), rank - 1);
    }
    used[p] = true;
    out_dims[k] = in.dim(static_cast<int>(p));
    counts[k] = out_dims[k];
    strides[k] = in_strides[p];
  }
  TransposeGeometry g;
  g.output = Shape(std::move(out_dims));
  if (!kernels::MakeStridedCopyPlan(counts, strides, 0, elem, &g.plan)) {
    return Unimplemented("cannot plan the copy: too many dims or elements");
  }
  return g;
}

class Transpose final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    variant_ = kernels::SelectDataMovement(ctx.max_isa());
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* perm, RequiredInput(ctx, 1, "perm"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*perm, "perm", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectRank(*perm, "perm", 1));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    elem_ = DTypeSize(input->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    input_shape_ = input->shape;
    if (!perm->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(geometry_, PlanTranspose(input_shape_, ReadInts(*perm), elem_));
    return ctx.SetOutputShape(0, geometry_.output);
  }

  Status Eval(EvalContext& ctx) const override {
    const TransposeGeometry* g = &geometry_;
    TransposeGeometry dynamic_geometry;
    if (dynamic_) {
      LF_ASSIGN_OR_RETURN(dynamic_geometry,
                          PlanTranspose(input_shape_, ReadInts(*ctx.input(1)), elem_));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, dynamic_geometry.output));
      g = &dynamic_geometry;
    }
    const kernels::StridedCopyFn copy = variant_ != nullptr && g->plan.unit_bytes == 1
                                            ? variant_->x8_strided_copy
                                            : kernels::SelectStridedCopy(g->plan);
    copy(g->plan, ctx.input(0)->data, ctx.output(0).data);
    return Status::Ok();
  }

 private:
  size_t elem_ = 0;
  bool dynamic_ = false;
  Shape input_shape_;
  TransposeGeometry geometry_;
  const kernels::DataMovementVariant* variant_ = nullptr;  // null: the reference kernels
};

}  // namespace

void RegisterTranspose(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kTranspose, MakeKernel<Transpose>, 1, 7);
}

}  // namespace liteforge::ops
