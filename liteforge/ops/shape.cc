// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SHAPE: the input's dims as a vector of out_type (int32, the default, or
// int64). Only the input's shape is read, never its values, so the result
// is computed in Eval from the shape the input has there (a dynamic input
// may change shape between invokes).

#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class ShapeOp final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(output, "output", {DType::kInt32, DType::kInt64}));
    const DType out_type = ctx.options<ir::OutputTypeOptions>().output_type;
    if (out_type != DType::kFloat32 && out_type != output.dtype) {
      return InvalidArgument("out_type is {} but {} is {}", DTypeName(out_type),
                             Describe(output, "output"), DTypeName(output.dtype));
    }
    return ctx.SetOutputShape(0, Shape({input->shape.rank()}));
  }

  Status Eval(EvalContext& ctx) const override {
    const Shape& in = ctx.input(0)->shape;
    TensorView& output = ctx.output(0);
    for (int d = 0; d < in.rank(); ++d) {
      if (output.dtype == DType::kInt64) {
        output.data_as<int64_t>()[d] = in.dim(d);
      } else {
        output.data_as<int32_t>()[d] = in.dim(d);
      }
    }
    return Status::Ok();
  }
};

}  // namespace

void RegisterShape(OpResolver& r) { r.AddBuiltin(ir::OpType::kShape, MakeKernel<ShapeOp>, 1, 1); }

}  // namespace liteforge::ops
