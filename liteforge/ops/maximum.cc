// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// MAXIMUM: elementwise maximum of input1 and input2 with NumPy
// broadcasting, on float32, uint8, int8, int16, int32 and int64. Quantized
// tensors compare their stored integers and the output keeps them, as in
// TFLite (which assumes inputs and output share quantization). Float:
// input1 > input2 ? input1 : input2, so a NaN in input1 yields input2's value.

#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

class Maximum final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* a, RequiredInput(ctx, 0, "input1"));
    LF_ASSIGN_OR_RETURN(const TensorView* b, RequiredInput(ctx, 1, "input2"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*a, "input1",
                                     {DType::kFloat32, DType::kUInt8, DType::kInt8, DType::kInt16,
                                      DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", *b, "input2"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", ctx.output(0), "output"));
    dtype_ = a->dtype;
    LF_ASSIGN_OR_RETURN(plan_, ew::MakeBroadcastPlan({&a->shape, &b->shape}));
    return ctx.SetOutputShape(0, plan_.output_shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& a = *ctx.input(0);
    const TensorView& b = *ctx.input(1);
    TensorView& out = ctx.output(0);
    switch (dtype_) {
      case DType::kFloat32:
        ew::f32_maximum__reference(plan_, a.data_as<float>(), b.data_as<float>(),
                                    out.data_as<float>());
        break;
      case DType::kUInt8:
        ew::u8_maximum__reference(plan_, a.data_as<uint8_t>(), b.data_as<uint8_t>(),
                                   out.data_as<uint8_t>());
        break;
      case DType::kInt8:
        ew::s8_maximum__reference(plan_, a.data_as<int8_t>(), b.data_as<int8_t>(),
                                   out.data_as<int8_t>());
        break;
      case DType::kInt16:
        ew::s16_maximum__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(),
                                    out.data_as<int16_t>());
        break;
      case DType::kInt32:
        ew::s32_maximum__reference(plan_, a.data_as<int32_t>(), b.data_as<int32_t>(),
                                    out.data_as<int32_t>());
        break;
      default:
        ew::s64_maximum__reference(plan_, a.data_as<int64_t>(), b.data_as<int64_t>(),
                                    out.data_as<int64_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  ew::BroadcastPlan plan_;
};

}  // namespace

void RegisterMaximum(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kMaximum, MakeKernel<Maximum>, 1, 4);
}

}  // namespace liteforge::ops
