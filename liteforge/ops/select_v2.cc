// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SELECT_V2: out = condition ? x : y with NumPy broadcasting across all
// three operands.
//
// Values are copied bit for bit (quantization parameters are not looked
// at, as in TFLite), so any fixed-width dtype of 1, 2, 4 or 8 bytes works.

#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

class SelectV2 final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* cond, RequiredInput(ctx, 0, "condition"));
    LF_ASSIGN_OR_RETURN(const TensorView* x, RequiredInput(ctx, 1, "x"));
    LF_ASSIGN_OR_RETURN(const TensorView* y, RequiredInput(ctx, 2, "y"));
    LF_RETURN_IF_ERROR(ExpectDType(*cond, "condition", DType::kBool));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(
        *x, "x",
        {DType::kFloat32, DType::kInt32, DType::kInt64, DType::kUInt8, DType::kInt8,
         DType::kInt16, DType::kBool, DType::kUInt32, DType::kUInt16, DType::kUInt64,
         DType::kFloat16, DType::kBFloat16, DType::kFloat64, DType::kComplex64}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*x, "x", *y, "y"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*x, "x", ctx.output(0), "output"));
    element_size_ = DTypeSize(x->dtype);
    LF_ASSIGN_OR_RETURN(plan_, ew::MakeBroadcastPlan({&cond->shape, &x->shape, &y->shape}));
    return ctx.SetOutputShape(0, plan_.output_shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const bool* cond = ctx.input(0)->data_as<bool>();
    const uint8_t* x = ctx.input(1)->data;
    const uint8_t* y = ctx.input(2)->data;
    uint8_t* out = ctx.output(0).data;
    switch (element_size_) {
      case 1:
        ew::x8_select__reference(plan_, cond, x, y, out);
        break;
      case 2:
        ew::x16_select__reference(plan_, cond, reinterpret_cast<const uint16_t*>(x),
                                  reinterpret_cast<const uint16_t*>(y),
                                  reinterpret_cast<uint16_t*>(out));
        break;
      case 4:
        ew::x32_select__reference(plan_, cond, reinterpret_cast<const uint32_t*>(x),
                                  reinterpret_cast<const uint32_t*>(y),
                                  reinterpret_cast<uint32_t*>(out));
        break;
      default:
        ew::x64_select__reference(plan_, cond, reinterpret_cast<const uint64_t*>(x),
                                  reinterpret_cast<const uint64_t*>(y),
                                  reinterpret_cast<uint64_t*>(out));
        break;
    }
    return Status::Ok();
  }

 private:
  size_t element_size_ = 4;
  ew::BroadcastPlan plan_;
};

}  // namespace

void RegisterSelectV2(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kSelectV2, MakeKernel<SelectV2>, 1, 2);
}

}  // namespace liteforge::ops
