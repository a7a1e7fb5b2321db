// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// EQUAL: input1 == input2 elementwise with NumPy broadcasting,
// giving bool. float32, int16, int32, int64, uint32 and bool compare raw
// values (int16 ignores quantization, as TFLite does). Quantized uint8 and
// int8 inputs are first brought onto a common footing the way TFLite does
// it, each rescaled by its own scale after removing its zero point (8-bit
// shift, fixed-point multiplier), so inputs with different quantization
// compare by real value; unquantized uint8 / int8 compare raw values.
// Strings are not supported: the runtime cannot hold string tensors.

#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/quantized.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

constexpr ew::CompareOp kOp = ew::CompareOp::kEqual;

bool HasQuant(const TensorView& t) { return t.quant != nullptr && !t.quant->empty(); }

class Equal final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* a, RequiredInput(ctx, 0, "input1"));
    LF_ASSIGN_OR_RETURN(const TensorView* b, RequiredInput(ctx, 1, "input2"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*a, "input1",
                                     {DType::kFloat32, DType::kInt32, DType::kInt64, DType::kUInt8,
                                      DType::kInt8, DType::kInt16, DType::kUInt32, DType::kBool}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", *b, "input2"));
    LF_RETURN_IF_ERROR(ExpectDType(ctx.output(0), "output", DType::kBool));
    dtype_ = a->dtype;
    LF_ASSIGN_OR_RETURN(plan_, ew::MakeBroadcastPlan({&a->shape, &b->shape}));
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, plan_.output_shape));

    rescale_ = (dtype_ == DType::kUInt8 || dtype_ == DType::kInt8) && HasQuant(*a) && HasQuant(*b);
    if (rescale_) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*a, "input1"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*b, "input2"));
      tables_ = ew::MakeQuantCompareTables({a->scale(), a->zero_point()},
                                           {b->scale(), b->zero_point()},
                                           /*is_signed=*/dtype_ == DType::kInt8);
    }
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& a = *ctx.input(0);
    const TensorView& b = *ctx.input(1);
    bool* out = ctx.output(0).data_as<bool>();
    switch (dtype_) {
      case DType::kFloat32:
        ew::f32_compare__reference(plan_, a.data_as<float>(), b.data_as<float>(), kOp, out);
        break;
      case DType::kInt32:
        ew::s32_compare__reference(plan_, a.data_as<int32_t>(), b.data_as<int32_t>(), kOp, out);
        break;
      case DType::kInt64:
        ew::s64_compare__reference(plan_, a.data_as<int64_t>(), b.data_as<int64_t>(), kOp, out);
        break;
      case DType::kInt16:
        ew::s16_compare__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(), kOp, out);
        break;
      case DType::kUInt32:
        ew::u32_compare__reference(plan_, a.data_as<uint32_t>(), b.data_as<uint32_t>(), kOp,
                                   out);
        break;
      case DType::kBool:
        ew::bool_compare__reference(plan_, a.data_as<bool>(), b.data_as<bool>(), kOp, out);
        break;
      case DType::kUInt8:
        if (rescale_) {
          ew::qu8_compare__reference(plan_, a.data_as<uint8_t>(), b.data_as<uint8_t>(), kOp,
                                     tables_, out);
        } else {
          ew::u8_compare__reference(plan_, a.data_as<uint8_t>(), b.data_as<uint8_t>(), kOp, out);
        }
        break;
      default:
        if (rescale_) {
          ew::qs8_compare__reference(plan_, a.data_as<int8_t>(), b.data_as<int8_t>(), kOp,
                                     tables_, out);
        } else {
          ew::s8_compare__reference(plan_, a.data_as<int8_t>(), b.data_as<int8_t>(), kOp, out);
        }
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  bool rescale_ = false;
  ew::BroadcastPlan plan_;
  ew::QuantCompareTables tables_{};
};

}  // namespace

void RegisterEqual(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kEqual, MakeKernel<Equal>, 1, 5);
}

}  // namespace liteforge::ops
