// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// GATHER_ND: each row of indices (its last dim, depth) addresses a slice of
// params by its first `depth` coordinates. Output shape:
//   indices[:-1] + params[depth:].
// Indices are int16, int32 or int64. A coordinate outside its dim is an
// error at Eval (checked per coordinate; TFLite only checks that the flat
// offset stays inside params). Values are moved as bytes.

#include "liteforge/kernels/gather/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class GatherNd final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* params, RequiredInput(ctx, 0, "params"));
    LF_ASSIGN_OR_RETURN(const TensorView* indices, RequiredInput(ctx, 1, "indices"));
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*indices, "indices", {DType::kInt16, DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*params, "params", ctx.output(0), "output"));
    const size_t elem = DTypeSize(params->dtype);
    if (elem == 0) {
      return Unimplemented("{} is {}, which has no fixed element size",
                           Describe(*params, "params"), DTypeName(params->dtype));
    }
    const Shape& p = params->shape;
    const Shape& ix = indices->shape;
    if (ix.rank() < 1) {
      return InvalidArgument("{} is a scalar; it needs a last dim of coordinates",
                             Describe(*indices, "indices"));
    }
    const int depth = ix.dim(ix.rank() - 1);
    if (depth > p.rank()) {
      return InvalidArgument("{} rows have {} coordinates but params has rank {}",
                             Describe(*indices, "indices"), depth, p.rank());
    }
    std::vector<int32_t> dims(ix.dims().begin(), ix.dims().end() - 1);
    dims.insert(dims.end(), p.dims().begin() + depth, p.dims().end());
    const int64_t slice = p.Product(depth, p.rank());
    geometry_.num_slices = ix.Product(0, ix.rank() - 1);
    geometry_.dims.assign(p.dims().begin(), p.dims().begin() + depth);
    geometry_.strides.assign(static_cast<size_t>(depth), 1);
    for (int k = depth - 1; k > 0; --k) geometry_.strides[k - 1] = geometry_.strides[k] * p.dim(k);
    geometry_.slice_bytes = static_cast<size_t>(slice) * elem;
    index_width_ = static_cast<int>(DTypeSize(indices->dtype));
    return ctx.SetOutputShape(0, Shape(std::move(dims)));
  }

  Status Eval(EvalContext& ctx) const override {
    const kernels::IndexView view{ctx.input(1)->data, index_width_};
    const int64_t bad =
        kernels::x8_gather_nd__reference(geometry_, ctx.input(0)->data, view, ctx.output(0).data);
    if (bad >= 0) {
      const size_t depth = geometry_.dims.size();
      const size_t k = static_cast<size_t>(bad) % depth;
      return OutOfRange("index row {} has coordinate {} = {}, outside params dim of size {}",
                        static_cast<size_t>(bad) / depth, k, view[bad], geometry_.dims[k]);
    }
    return Status::Ok();
  }

 private:
  int index_width_ = 4;
  kernels::GatherNdGeometry geometry_;
};

}  // namespace

void RegisterGatherNd(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kGatherNd, MakeKernel<GatherNd>, 1, 5);
}

}  // namespace liteforge::ops
