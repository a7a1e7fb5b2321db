// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// DIV: input1 / input2 with NumPy broadcasting and a fused activation.
//
//   float32: IEEE division, then the activation clamp, whose default
//     bounds are +-FLT_MAX: x / 0 gives +-FLT_MAX (0 / 0 stays NaN), as in
//     TFLite.
//   int32: quotient rounded toward zero, clamped. A zero divisor fails the
//     invoke with an error (TFLite reports it and then divides anyway,
//     which traps).
//   uint8 (quantized): TFLite's fixed-point reciprocal path. A divisor
//     equal to its zero point (real value 0) fails the invoke likewise.

#include "liteforge/kernels/elementwise/activation_bounds.h"
#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/quantized.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

ew::QuantOperand Operand(const TensorView& t) { return {t.scale(), t.zero_point()}; }

// Index of the first element of `t` equal to `zero`, or -1.
template <typename T>
int64_t FindZero(const TensorView& t, T zero) {
  const T* data = t.data_as<T>();
  const int64_t n = t.num_elements();
  for (int64_t i = 0; i < n; ++i) {
    if (data[i] == zero) return i;
  }
  return -1;
}

class Div final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* a, RequiredInput(ctx, 0, "input1"));
    LF_ASSIGN_OR_RETURN(const TensorView* b, RequiredInput(ctx, 1, "input2"));
    const TensorView& out = ctx.output(0);
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*a, "input1", {DType::kFloat32, DType::kInt32, DType::kUInt8}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", *b, "input2"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", out, "output"));
    LF_ASSIGN_OR_RETURN(plan_, ew::MakeBroadcastPlan({&a->shape, &b->shape}));
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, plan_.output_shape));

    const ir::Activation activation = ctx.options<ir::FusedActivationOptions>().activation;
    dtype_ = a->dtype;
    switch (dtype_) {
      case DType::kFloat32: {
        const auto bounds = ew::ActivationBounds<float>(static_cast<int>(activation));
        f_lo_ = bounds.lo;
        f_hi_ = bounds.hi;
        return Status::Ok();
      }
      case DType::kInt32: {
        const auto bounds = ew::ActivationBounds<int32_t>(static_cast<int>(activation));
        i_lo_ = bounds.lo;
        i_hi_ = bounds.hi;
        return Status::Ok();
      }
      default: {
        LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*a, "input1"));
        LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*b, "input2"));
        LF_RETURN_IF_ERROR(ExpectPerTensorQuant(out, "output"));
        for (const auto& [t, role] : {std::pair{a, "input1"}, {b, "input2"}, {&out, "output"}}) {
          LF_RETURN_IF_ERROR(ExpectZeroPointInRange(*t, role));
        }
        LF_ASSIGN_OR_RETURN(const QuantRange range, ActivationRangeQuantized(activation, out));
        quant_ =
            ew::MakeQuantDivParams(Operand(*a), Operand(*b), Operand(out), range.min, range.max);
        return Status::Ok();
      }
    }
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& a = *ctx.input(0);
    const TensorView& b = *ctx.input(1);
    TensorView& out = ctx.output(0);
    switch (dtype_) {
      case DType::kFloat32:
        ew::f32_div__reference(plan_, a.data_as<float>(), b.data_as<float>(),
                               out.data_as<float>(), f_lo_, f_hi_);
        return Status::Ok();
      case DType::kInt32: {
        if (const int64_t i = FindZero<int32_t>(b, 0); i >= 0) {
          return InvalidArgument("division by zero: {} element {} is 0", Describe(b, "input2"), i);
        }
        ew::s32_div__reference(plan_, a.data_as<int32_t>(), b.data_as<int32_t>(),
                               out.data_as<int32_t>(), i_lo_, i_hi_);
        return Status::Ok();
      }
      default: {
        const auto zero = static_cast<uint8_t>(b.zero_point());
        if (const int64_t i = FindZero<uint8_t>(b, zero); i >= 0) {
          return InvalidArgument("division by zero: {} element {} is its zero point {}",
                                 Describe(b, "input2"), i, b.zero_point());
        }
        ew::qu8_div__reference(plan_, a.data_as<uint8_t>(), b.data_as<uint8_t>(),
                               out.data_as<uint8_t>(), quant_);
        return Status::Ok();
      }
    }
  }

 private:
  DType dtype_ = DType::kFloat32;
  ew::BroadcastPlan plan_;
  float f_lo_ = 0.f, f_hi_ = 0.f;
  int32_t i_lo_ = 0, i_hi_ = 0;
  ew::QuantDivParams quant_;
};

}  // namespace

void RegisterDiv(OpResolver& r) { r.AddBuiltin(ir::OpType::kDiv, MakeKernel<Div>, 1, 2); }

}  // namespace liteforge::ops
