// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// CAST: converts every element to the output's type; any pair among
// float32, float16, float64, int8, uint8, int16, uint16, int32, uint32,
// int64 and bool. The types come from the tensors (CastOptions are kept
// only for round trips, as in TFLite).
//
// Semantics are TFLite's: a static_cast per element (float -> integer
// truncates toward zero; -> bool is x != 0; bool -> 0 / 1), except that
// float32 -> int32 / int16 / uint8 saturate. Other out-of-range float ->
// integer values are undefined in C++; they get what x86-64 builds of
// TFLite produce. Quantization parameters are ignored.

#include "liteforge/kernels/quantize/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Cast final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    cast_ = kernels::FindCast(input->dtype, output.dtype);
    if (cast_ == nullptr) {
      return Unimplemented("casting {} ({}) to {} ({}) is not supported",
                           Describe(*input, "input"), DTypeName(input->dtype),
                           Describe(output, "output"), DTypeName(output.dtype));
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    cast_(in.data, static_cast<size_t>(in.num_elements()), ctx.output(0).data);
    return Status::Ok();
  }

 private:
  kernels::CastFn cast_ = nullptr;
};

}  // namespace

void RegisterCast(OpResolver& r) { r.AddBuiltin(ir::OpType::kCast, MakeKernel<Cast>, 1, 7); }

}  // namespace liteforge::ops
