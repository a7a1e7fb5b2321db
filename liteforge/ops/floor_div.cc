// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// FLOOR_DIV: floor(input1 / input2) with NumPy broadcasting. float32 and
// raw int32 / int16 / int8 values (quantization parameters, if any, are
// not used, as in TFLite). A zero divisor, float ones included, fails the
// invoke with an error, as TFLite does.

#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

template <typename T>
int64_t FindZero(const TensorView& t) {
  const T* data = t.data_as<T>();
  const int64_t n = t.num_elements();
  for (int64_t i = 0; i < n; ++i) {
    if (data[i] == T{0}) return i;
  }
  return -1;
}

class FloorDiv final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* a, RequiredInput(ctx, 0, "input1"));
    LF_ASSIGN_OR_RETURN(const TensorView* b, RequiredInput(ctx, 1, "input2"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(
        *a, "input1", {DType::kFloat32, DType::kInt32, DType::kInt16, DType::kInt8}));
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
        LF_RETURN_IF_ERROR(CheckDivisor<float>(b));
        ew::f32_floor_div__reference(plan_, a.data_as<float>(), b.data_as<float>(),
                                     out.data_as<float>());
        break;
      case DType::kInt32:
        LF_RETURN_IF_ERROR(CheckDivisor<int32_t>(b));
        ew::s32_floor_div__reference(plan_, a.data_as<int32_t>(), b.data_as<int32_t>(),
                                     out.data_as<int32_t>());
        break;
      case DType::kInt16:
        LF_RETURN_IF_ERROR(CheckDivisor<int16_t>(b));
        ew::s16_floor_div__reference(plan_, a.data_as<int16_t>(), b.data_as<int16_t>(),
                                     out.data_as<int16_t>());
        break;
      default:
        LF_RETURN_IF_ERROR(CheckDivisor<int8_t>(b));
        ew::s8_floor_div__reference(plan_, a.data_as<int8_t>(), b.data_as<int8_t>(),
                                    out.data_as<int8_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  template <typename T>
  static Status CheckDivisor(const TensorView& b) {
    if (const int64_t i = FindZero<T>(b); i >= 0) {
      return InvalidArgument("division by zero: {} element {} is 0", Describe(b, "input2"), i);
    }
    return Status::Ok();
  }

  DType dtype_ = DType::kFloat32;
  ew::BroadcastPlan plan_;
};

}  // namespace

void RegisterFloorDiv(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kFloorDiv, MakeKernel<FloorDiv>, 1, 3);
}

}  // namespace liteforge::ops
