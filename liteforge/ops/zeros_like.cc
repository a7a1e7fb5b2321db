// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ZEROS_LIKE: a tensor of the input's shape and dtype filled with zero bits
// (0, 0.0, false). TFLite handles int32, int64 and float32; liteforge any
// fixed-size dtype. For a quantized tensor this is the raw value 0, as in
// TFLite, not the zero point.

#include <cstring>

#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class ZerosLike final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    if (DTypeSize(input->dtype) == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    TensorView& output = ctx.output(0);
    if (output.bytes > 0) std::memset(output.data, 0, output.bytes);
    return Status::Ok();
  }
};

}  // namespace

void RegisterZerosLike(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kZerosLike, MakeKernel<ZerosLike>, 1, 1);
}

}  // namespace liteforge::ops
