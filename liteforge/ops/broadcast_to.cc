// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// BROADCAST_TO: expands the input to the shape given by the second input
// (int32 or int64 vector) with NumPy rules: dims align from the back and
// each input dim equals the target dim or is 1. A shape known only at run
// time makes the output dynamic. Versions 2-3, as TFLite registers (version
// 1 was withdrawn from the format).

#include <fmt/ranges.h>

#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

struct BroadcastGeometry {
  Shape output;
  kernels::StridedCopyPlan plan;
};

Result<BroadcastGeometry> PlanBroadcast(const Shape& in, const std::vector<int64_t>& target,
                                        size_t elem) {
  const int in_rank = in.rank();
  const int out_rank = static_cast<int>(target.size());
  if (in_rank > out_rank) {
    return InvalidArgument("cannot broadcast shape {} to rank {}", in.ToString(), out_rank);
  }
  std::vector<int64_t> in_strides(static_cast<size_t>(in_rank));
  kernels::RowMajorStrides(in.dims(), in_strides);
  std::vector<int64_t> counts(static_cast<size_t>(out_rank)), strides(static_cast<size_t>(out_rank), 0);
  std::vector<int32_t> out_dims(static_cast<size_t>(out_rank));
  for (int k = 0; k < out_rank; ++k) {
    const int64_t t = target[k];
    if (t < 0 || t > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("target shape entry {} is {}", k, t);
    }
    out_dims[k] = static_cast<int32_t>(t);
    counts[k] = t;
    const int d = k - (out_rank - in_rank);
    if (d < 0) continue;
    if (in.dim(d) == t) {
      strides[k] = in_strides[d];
    } else if (in.dim(d) != 1) {
      return InvalidArgument("cannot broadcast shape {} to [{}]: dim {} is {}, target {}",
                             in.ToString(), fmt::join(target, ", "), d, in.dim(d), t);
    }
  }
  BroadcastGeometry g;
  g.output = Shape(std::move(out_dims));
  if (!kernels::MakeStridedCopyPlan(counts, strides, 0, elem, &g.plan)) {
    return Unimplemented("cannot plan the copy: too many dims or elements");
  }
  return g;
}

class BroadcastTo final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* shape, RequiredInput(ctx, 1, "shape"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*shape, "shape", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectRank(*shape, "shape", 1));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    elem_ = DTypeSize(input->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    input_shape_ = input->shape;
    if (!shape->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(geometry_, PlanBroadcast(input_shape_, ReadInts(*shape), elem_));
    return ctx.SetOutputShape(0, geometry_.output);
  }

  Status Eval(EvalContext& ctx) const override {
    const BroadcastGeometry* g = &geometry_;
    BroadcastGeometry dynamic_geometry;
    if (dynamic_) {
      LF_ASSIGN_OR_RETURN(dynamic_geometry,
                          PlanBroadcast(input_shape_, ReadInts(*ctx.input(1)), elem_));
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
  BroadcastGeometry geometry_;
};

}  // namespace

void RegisterBroadcastTo(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kBroadcastTo, MakeKernel<BroadcastTo>, 2, 3);
}

}  // namespace liteforge::ops
