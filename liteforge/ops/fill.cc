// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// FILL: a tensor of shape `dims` (int32 or int64 vector) with every element
// equal to the scalar `value`; the output takes the value's dtype (any
// fixed size; quantized values are copied as raw bits, as in TFLite). Dims
// known only at run time make the output dynamic.

#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

Result<Shape> FillShape(const std::vector<int64_t>& dims) {
  std::vector<int32_t> out(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] < 0 || dims[i] > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("dims[{}] is {}", i, dims[i]);
    }
    out[i] = static_cast<int32_t>(dims[i]);
  }
  return Shape(std::move(out));
}

class Fill final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* dims, RequiredInput(ctx, 0, "dims"));
    LF_ASSIGN_OR_RETURN(const TensorView* value, RequiredInput(ctx, 1, "value"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*dims, "dims", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectRank(*dims, "dims", 1));
    LF_RETURN_IF_ERROR(ExpectSameDType(*value, "value", ctx.output(0), "output"));
    if (value->num_elements() != 1) {
      return InvalidArgument("{} must hold one value, has shape {}", Describe(*value, "value"),
                             value->shape.ToString());
    }
    elem_ = DTypeSize(value->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*value, "value"),
                           DTypeName(value->dtype));
    }
    if (!dims->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(const Shape out, FillShape(ReadInts(*dims)));
    return ctx.SetOutputShape(0, out);
  }

  Status Eval(EvalContext& ctx) const override {
    if (dynamic_) {
      LF_ASSIGN_OR_RETURN(const Shape out, FillShape(ReadInts(*ctx.input(0))));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out));
    }
    TensorView& output = ctx.output(0);
    kernels::x8_fill_pattern__reference(output.data, output.num_elements(), ctx.input(1)->data,
                                        elem_);
    return Status::Ok();
  }

 private:
  size_t elem_ = 0;
  bool dynamic_ = false;
};

}  // namespace

void RegisterFill(OpResolver& r) { r.AddBuiltin(ir::OpType::kFill, MakeKernel<Fill>, 1, 4); }

}  // namespace liteforge::ops
