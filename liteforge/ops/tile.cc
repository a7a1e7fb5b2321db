// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TILE: repeats the input multiples[d] times along each dim d (multiples is
// an int32 or int64 vector, one non-negative entry per dim). Multiples known
// only at run time make the output dynamic. The output of a [d0, d1] input
// tiled by [m0, m1] is the row-major walk of [m0, d0, m1, d1] with zero
// strides on the repeat dims, so the whole op is one strided copy.

#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

struct TileGeometry {
  Shape output;
  kernels::StridedCopyPlan plan;
};

Result<TileGeometry> PlanTile(const Shape& in, const std::vector<int64_t>& multiples, size_t elem) {
  const int rank = in.rank();
  if (static_cast<int>(multiples.size()) != rank) {
    return InvalidArgument("multiples has {} entries but the input has rank {}", multiples.size(),
                           rank);
  }
  std::vector<int64_t> in_strides(static_cast<size_t>(rank));
  kernels::RowMajorStrides(in.dims(), in_strides);
  std::vector<int64_t> counts, strides;
  std::vector<int32_t> out_dims(static_cast<size_t>(rank));
  for (int d = 0; d < rank; ++d) {
    const int64_t m = multiples[d];
    if (m < 0) return InvalidArgument("multiples[{}] is {}", d, m);
    const int64_t size = m * in.dim(d);
    if (size > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("dim {} would have {} elements", d, size);
    }
    out_dims[d] = static_cast<int32_t>(size);
    counts.push_back(m);
    strides.push_back(0);
    counts.push_back(in.dim(d));
    strides.push_back(in_strides[d]);
  }
  TileGeometry g;
  g.output = Shape(std::move(out_dims));
  if (!kernels::MakeStridedCopyPlan(counts, strides, 0, elem, &g.plan)) {
    return Unimplemented("cannot plan the copy: too many dims or elements");
  }
  return g;
}

class Tile final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* multiples, RequiredInput(ctx, 1, "multiples"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*multiples, "multiples", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectRank(*multiples, "multiples", 1));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    elem_ = DTypeSize(input->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    input_shape_ = input->shape;
    if (!multiples->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(geometry_, PlanTile(input_shape_, ReadInts(*multiples), elem_));
    return ctx.SetOutputShape(0, geometry_.output);
  }

  Status Eval(EvalContext& ctx) const override {
    const TileGeometry* g = &geometry_;
    TileGeometry dynamic_geometry;
    if (dynamic_) {
      LF_ASSIGN_OR_RETURN(dynamic_geometry, PlanTile(input_shape_, ReadInts(*ctx.input(1)), elem_));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, dynamic_geometry.output));
      g = &dynamic_geometry;
    }
    kernels::SelectStridedCopy(g->plan)(g->plan, ctx.input(0)->data, ctx.output(0).data);
    return Status::Ok();
  }

 private:
  size_t elem_ = 0;
  bool dynamic_ = false;
  Shape input_shape_;
  TileGeometry geometry_;
};

}  // namespace

void RegisterTile(OpResolver& r) { r.AddBuiltin(ir::OpType::kTile, MakeKernel<Tile>, 1, 3); }

}  // namespace liteforge::ops
