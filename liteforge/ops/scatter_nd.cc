// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SCATTER_ND: builds a zero tensor of the given shape and adds each slice
// of updates at the place its row of indices names; repeated indices
// accumulate (bool ORs), as in TFLite's reference ScatterNd. Inputs:
// indices (int32 or int64, last dim = coordinates), updates (float32, int32,
// int64, int8, uint8 or bool; raw values, no rescaling) and shape (int32 or
// int64). The output takes the updates' dtype; a shape known only at run
// time makes it dynamic. A coordinate outside its dim is an error at Eval.

#include "liteforge/kernels/gather/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class ScatterNd final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* indices, RequiredInput(ctx, 0, "indices"));
    LF_ASSIGN_OR_RETURN(const TensorView* updates, RequiredInput(ctx, 1, "updates"));
    LF_ASSIGN_OR_RETURN(const TensorView* shape, RequiredInput(ctx, 2, "shape"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*indices, "indices", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*shape, "shape", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*updates, "updates",
                                     {DType::kFloat32, DType::kInt32, DType::kInt64, DType::kInt8,
                                      DType::kUInt8, DType::kBool}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*updates, "updates", ctx.output(0), "output"));
    LF_RETURN_IF_ERROR(ExpectRank(*shape, "shape", 1));
    if (indices->shape.rank() < 1 || updates->shape.rank() < 1) {
      return InvalidArgument("indices and updates must have rank >= 1, have {} and {}",
                             indices->shape.rank(), updates->shape.rank());
    }
    dtype_ = updates->dtype;
    indices_shape_ = indices->shape;
    updates_shape_ = updates->shape;
    index_width_ = static_cast<int>(DTypeSize(indices->dtype));
    if (!shape->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    Shape out;
    LF_RETURN_IF_ERROR(Plan(ReadInts(*shape), &geometry_, &out));
    return ctx.SetOutputShape(0, out);
  }

  Status Eval(EvalContext& ctx) const override {
    const kernels::ScatterNdGeometry* g = &geometry_;
    kernels::ScatterNdGeometry dynamic_geometry;
    if (dynamic_) {
      Shape out;
      LF_RETURN_IF_ERROR(Plan(ReadInts(*ctx.input(2)), &dynamic_geometry, &out));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out));
      g = &dynamic_geometry;
    }
    const kernels::IndexView ix{ctx.input(0)->data, index_width_};
    const uint8_t* u = ctx.input(1)->data;
    uint8_t* o = ctx.output(0).data;
    int64_t bad = -1;
    switch (dtype_) {
      case DType::kFloat32:
        bad = kernels::f32_scatter_nd__reference(*g, ix, reinterpret_cast<const float*>(u),
                                                 reinterpret_cast<float*>(o));
        break;
      case DType::kInt32:
        bad = kernels::s32_scatter_nd__reference(*g, ix, reinterpret_cast<const int32_t*>(u),
                                                 reinterpret_cast<int32_t*>(o));
        break;
      case DType::kInt64:
        bad = kernels::s64_scatter_nd__reference(*g, ix, reinterpret_cast<const int64_t*>(u),
                                                 reinterpret_cast<int64_t*>(o));
        break;
      case DType::kInt8:
        bad = kernels::s8_scatter_nd__reference(*g, ix, reinterpret_cast<const int8_t*>(u),
                                                reinterpret_cast<int8_t*>(o));
        break;
      case DType::kUInt8:
        bad = kernels::u8_scatter_nd__reference(*g, ix, u, o);
        break;
      default:
        bad = kernels::bool_scatter_nd__reference(*g, ix, reinterpret_cast<const bool*>(u),
                                                  reinterpret_cast<bool*>(o));
        break;
    }
    if (bad >= 0) {
      const size_t depth = g->dims.size();
      const size_t k = static_cast<size_t>(bad) % depth;
      return OutOfRange("index row {} has coordinate {} = {}, outside output dim of size {}",
                        static_cast<size_t>(bad) / depth, k, ix[bad], g->dims[k]);
    }
    return Status::Ok();
  }

 private:
  Status Plan(const std::vector<int64_t>& shape, kernels::ScatterNdGeometry* g, Shape* out) const {
    const int outer = indices_shape_.rank() - 1;
    const int depth = indices_shape_.dim(outer);
    const int out_rank = static_cast<int>(shape.size());
    std::vector<int32_t> dims(static_cast<size_t>(out_rank));
    for (int k = 0; k < out_rank; ++k) {
      if (shape[k] < 0 || shape[k] > std::numeric_limits<int32_t>::max()) {
        return InvalidArgument("shape[{}] is {}", k, shape[k]);
      }
      dims[k] = static_cast<int32_t>(shape[k]);
    }
    const Shape target(dims);
    const auto mismatch = [&] {
      return InvalidArgument("updates shape {} does not match indices {} and shape {}",
                             updates_shape_.ToString(), indices_shape_.ToString(),
                             target.ToString());
    };
    if (depth > out_rank || updates_shape_.rank() - outer != out_rank - depth) return mismatch();
    for (int d = 0; d < outer; ++d) {
      if (indices_shape_.dim(d) != updates_shape_.dim(d)) return mismatch();
    }
    for (int d = 0; d + outer < updates_shape_.rank(); ++d) {
      if (updates_shape_.dim(d + outer) != dims[depth + d]) return mismatch();
    }
    g->num_slices = indices_shape_.Product(0, outer);
    g->slice_elems = target.Product(depth, out_rank);
    g->output_elems = target.NumElements();
    g->dims.assign(shape.begin(), shape.begin() + depth);
    g->strides.assign(static_cast<size_t>(depth), g->slice_elems);
    for (int k = depth - 1; k > 0; --k) g->strides[k - 1] = g->strides[k] * shape[k];
    *out = target;
    return Status::Ok();
  }

  DType dtype_ = DType::kFloat32;
  int index_width_ = 4;
  bool dynamic_ = false;
  Shape indices_shape_, updates_shape_;
  kernels::ScatterNdGeometry geometry_;
};

}  // namespace

void RegisterScatterNd(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kScatterNd, MakeKernel<ScatterNd>, 1, 1);
}

}  // namespace liteforge::ops
