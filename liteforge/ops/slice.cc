// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SLICE: input[begin : begin + size] per dim; size -1 means "to the end of
// the dim". begin and size are int32 or int64 vectors with one entry per
// input dim; when either is known only at run time the output is dynamic.
// Out-of-range slices are errors (as in TFLite, which reports "Invalid
// begin and size"). Values are moved as bytes.

#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

struct SliceGeometry {
  Shape output;
  kernels::StridedCopyPlan plan;
};

Result<SliceGeometry> PlanSlice(const Shape& in, const std::vector<int64_t>& begin,
                                const std::vector<int64_t>& size, size_t elem) {
  const int rank = in.rank();
  if (static_cast<int>(begin.size()) != rank || static_cast<int>(size.size()) != rank) {
    return InvalidArgument("begin and size have {} and {} entries but the input has rank {}",
                           begin.size(), size.size(), rank);
  }
  std::vector<int64_t> strides(static_cast<size_t>(rank)), counts(static_cast<size_t>(rank));
  kernels::RowMajorStrides(in.dims(), strides);
  std::vector<int32_t> out_dims(static_cast<size_t>(rank));
  int64_t base = 0;
  for (int d = 0; d < rank; ++d) {
    const int64_t dim = in.dim(d);
    if (begin[d] < 0 || begin[d] > dim) {
      return InvalidArgument("begin[{}] = {} is outside dim {} of size {}", d, begin[d], d, dim);
    }
    int64_t n = size[d];
    if (n == -1) {
      n = dim - begin[d];
    } else if (n < 0 || begin[d] + n > dim) {
      return InvalidArgument("size[{}] = {} from begin {} does not fit dim {} of size {}", d, n,
                             begin[d], d, dim);
    }
    counts[d] = n;
    out_dims[d] = static_cast<int32_t>(n);
    base += begin[d] * strides[d];
  }
  SliceGeometry g;
  g.output = Shape(std::move(out_dims));
  if (!kernels::MakeStridedCopyPlan(counts, strides, base, elem, &g.plan)) {
    return Unimplemented("cannot plan the copy: too many dims or elements");
  }
  return g;
}

class Slice final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* begin, RequiredInput(ctx, 1, "begin"));
    LF_ASSIGN_OR_RETURN(const TensorView* size, RequiredInput(ctx, 2, "size"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*begin, "begin", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*size, "size", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectRank(*begin, "begin", 1));
    LF_RETURN_IF_ERROR(ExpectRank(*size, "size", 1));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    elem_ = DTypeSize(input->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    input_shape_ = input->shape;
    if (!begin->is_constant || !size->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(geometry_, PlanSlice(input_shape_, ReadInts(*begin), ReadInts(*size), elem_));
    return ctx.SetOutputShape(0, geometry_.output);
  }

  Status Eval(EvalContext& ctx) const override {
    const SliceGeometry* g = &geometry_;
    SliceGeometry dynamic_geometry;
    if (dynamic_) {
      LF_ASSIGN_OR_RETURN(dynamic_geometry, PlanSlice(input_shape_, ReadInts(*ctx.input(1)),
                                                      ReadInts(*ctx.input(2)), elem_));
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
  SliceGeometry geometry_;
};

}  // namespace

void RegisterSlice(OpResolver& r) { r.AddBuiltin(ir::OpType::kSlice, MakeKernel<Slice>, 1, 7); }

}  // namespace liteforge::ops
