// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// GATHER: picks slices of params along `axis` at the positions in indices
// (int16, int32 or int64). With batch_dims = k the first k dims of params
// and indices are matched batch dims (negative batch_dims counts from the
// back of indices). Output shape:
//   params[:axis] + indices[batch_dims:] + params[axis + 1:].
// An index outside [0, dim) is an error at Eval (TFLite: "gather index out
// of bounds"), reported with its position; nothing is written. Values are
// moved as bytes, so quantized params keep their values, as in TFLite.

#include "liteforge/kernels/gather/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Gather final : public OpKernel {
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
    const auto& opts = ctx.options<ir::GatherOptions>();
    const Shape& p = params->shape;
    const Shape& ix = indices->shape;
    LF_ASSIGN_OR_RETURN(axis_, NormalizeAxis(opts.axis, p.rank(), "axis"));
    int batch_dims = opts.batch_dims < 0 ? opts.batch_dims + ix.rank() : opts.batch_dims;
    if (batch_dims < 0 || batch_dims > ix.rank() || batch_dims > axis_) {
      return InvalidArgument("batch_dims {} must be in [0, min(axis {}, indices rank {})]",
                             opts.batch_dims, axis_, ix.rank());
    }
    for (int d = 0; d < batch_dims; ++d) {
      if (p.dim(d) != ix.dim(d)) {
        return InvalidArgument("batch dim {} is {} in params but {} in indices", d, p.dim(d),
                               ix.dim(d));
      }
    }
    std::vector<int32_t> dims(p.dims().begin(), p.dims().begin() + axis_);
    dims.insert(dims.end(), ix.dims().begin() + batch_dims, ix.dims().end());
    dims.insert(dims.end(), p.dims().begin() + axis_ + 1, p.dims().end());
    geometry_.batch = p.Product(0, batch_dims);
    geometry_.outer = p.Product(batch_dims, axis_);
    geometry_.axis_size = p.dim(axis_);
    geometry_.indices_per_batch = ix.Product(batch_dims, ix.rank());
    geometry_.inner_bytes = static_cast<size_t>(p.Product(axis_ + 1, p.rank())) * elem;
    index_width_ = static_cast<int>(DTypeSize(indices->dtype));
    return ctx.SetOutputShape(0, Shape(std::move(dims)));
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& indices = *ctx.input(1);
    const kernels::IndexView view{indices.data, index_width_};
    const int64_t bad =
        kernels::x8_gather__reference(geometry_, ctx.input(0)->data, view, ctx.output(0).data);
    if (bad >= 0) {
      return OutOfRange("indices[{}] = {} is outside [0, {}) (params dim {})", bad, view[bad],
                        geometry_.axis_size, axis_);
    }
    return Status::Ok();
  }

 private:
  int axis_ = 0;
  int index_width_ = 4;
  kernels::GatherGeometry geometry_;
};

}  // namespace

void RegisterGather(OpResolver& r) { r.AddBuiltin(ir::OpType::kGather, MakeKernel<Gather>, 1, 7); }

}  // namespace liteforge::ops
