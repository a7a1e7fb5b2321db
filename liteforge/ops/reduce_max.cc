// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// REDUCE_MAX: the maximum over the dims listed in `axis` (int32 or int64,
// scalar or 1-D; negative values count from the back; repeats are
// ignored). With keep_dims the reduced dims stay as 1, else they are
// removed. An axis known only at run time makes the output dynamic.
//
// float32, int32, int64, uint8, int8 and int16. Values are compared raw, so
// quantized input and output must share scale and zero point (TFLite
// requires the same and does not rescale). An output over an empty dim is
// the type's lowest value.

#include <vector>

#include "liteforge/kernels/reduce/plan.h"
#include "liteforge/kernels/reduce/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

using kernels::ReduceKind;
using kernels::ReducePlan;

constexpr ReduceKind kKind = ReduceKind::kMax;

// Same scale and zero point, or neither tensor quantized.
Status ExpectSameQuantization(const TensorView& input, const TensorView& output) {
  const bool in_q = input.quant != nullptr && !input.quant->empty();
  const bool out_q = output.quant != nullptr && !output.quant->empty();
  if (!in_q && !out_q) return Status::Ok();
  if (in_q != out_q || input.scale() != output.scale() ||
      input.zero_point() != output.zero_point()) {
    return InvalidArgument("{} and {} must have the same quantization ({} vs {})",
                           Describe(input, "input"), Describe(output, "output"),
                           in_q ? input.quant->ToString() : "none",
                           out_q ? output.quant->ToString() : "none");
  }
  return Status::Ok();
}

class ReduceExtremum final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* axis, RequiredInput(ctx, 1, "axis"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input",
                                     {DType::kFloat32, DType::kInt32, DType::kInt64,
                                      DType::kUInt8, DType::kInt8, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*axis, "axis", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectRankBetween(*axis, "axis", 0, 1));
    if (input->dtype == DType::kUInt8 || input->dtype == DType::kInt8 ||
        input->dtype == DType::kInt16) {
      LF_RETURN_IF_ERROR(ExpectSameQuantization(*input, output));
    }
    dtype_ = input->dtype;
    keep_dims_ = ctx.options<ir::ReducerOptions>().keep_dims;
    dynamic_ = !axis->is_constant || axis->data == nullptr;
    if (dynamic_) {
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    Shape out_shape;
    LF_RETURN_IF_ERROR(Configure(input->shape, ReadInts(*axis), &plan_, &out_shape));
    return ctx.SetOutputShape(0, out_shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    if (!dynamic_) {
      Run(plan_, input, ctx.output(0));
      return Status::Ok();
    }
    ReducePlan plan;
    Shape out_shape;
    LF_RETURN_IF_ERROR(Configure(input.shape, ReadInts(*ctx.input(1)), &plan, &out_shape));
    LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out_shape));
    Run(plan, input, ctx.output(0));
    return Status::Ok();
  }

 private:
  Status Configure(const Shape& in_shape, const std::vector<int64_t>& axes, ReducePlan* plan,
                   Shape* out_shape) const {
    std::vector<int32_t> out_dims;
    LF_RETURN_IF_ERROR(
        kernels::PlanReduction(in_shape.dims(), axes, keep_dims_, &out_dims, plan));
    *out_shape = Shape(std::move(out_dims));
    return Status::Ok();
  }

  void Run(const ReducePlan& plan, const TensorView& input, TensorView& output) const {
    if (plan.num_outputs == 0) return;
    switch (dtype_) {
      case DType::kFloat32:
        kernels::f32_reduce__reference(kKind, plan, input.data_as<float>(),
                                       output.data_as<float>());
        break;
      case DType::kInt32:
        kernels::s32_reduce__reference(kKind, plan, input.data_as<int32_t>(),
                                       output.data_as<int32_t>());
        break;
      case DType::kInt64:
        kernels::s64_reduce__reference(kKind, plan, input.data_as<int64_t>(),
                                       output.data_as<int64_t>());
        break;
      case DType::kUInt8:
        kernels::u8_reduce__reference(kKind, plan, input.data_as<uint8_t>(),
                                      output.data_as<uint8_t>());
        break;
      case DType::kInt8:
        kernels::s8_reduce__reference(kKind, plan, input.data_as<int8_t>(),
                                      output.data_as<int8_t>());
        break;
      default:
        kernels::s16_reduce__reference(kKind, plan, input.data_as<int16_t>(),
                                       output.data_as<int16_t>());
        break;
    }
  }

  DType dtype_ = DType::kFloat32;
  bool keep_dims_ = false;
  bool dynamic_ = false;  // the axis is read in Eval
  ReducePlan plan_;
};

}  // namespace

// Versions 1-3 as TFLite registers them: v2 int8, v3 int16.
void RegisterReduceMax(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kReduceMax, MakeKernel<ReduceExtremum>, 1, 3);
}

}  // namespace liteforge::ops
