// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SUM: the sum over the dims listed in `axis` (int32 or int64, scalar or
// 1-D; negative values count from the back; repeats are ignored). With
// keep_dims the reduced dims stay as 1, else they are removed. An axis
// known only at run time makes the output dynamic.
//
// float32, int32 and int64 add in their own type (integers wrap on
// overflow, as TFLite's). uint8, int8 and int16 are quantized (per-tensor)
// and may change scale: like TFLite's builtin kernel, the raw values are
// summed in int32 and the result is requantized in float,
//   round_half_away(sum * s + b) + out_zp, clamped to the output type,
// with s = in_scale / out_scale and b = -in_zp * s * count (float).

#include <vector>

#include "liteforge/kernels/reduce/plan.h"
#include "liteforge/kernels/reduce/reduce_variants.h"
#include "liteforge/kernels/reduce/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

using kernels::QuantSumParams;
using kernels::ReducePlan;

bool IsQuantizedType(DType t) {
  return t == DType::kUInt8 || t == DType::kInt8 || t == DType::kInt16;
}

class Sum final : public OpKernel {
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
    dtype_ = input->dtype;
    keep_dims_ = ctx.options<ir::ReducerOptions>().keep_dims;
    sum_variant_ = kernels::SelectReduceSum(ctx.max_isa());
    if (IsQuantizedType(dtype_)) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
      scale_ = input->scale() / output.scale();
      in_zp_ = input->zero_point();
      out_zp_ = output.zero_point();
      if (dtype_ == DType::kInt16 && (in_zp_ != 0 || out_zp_ != 0)) {
        return InvalidArgument("int16 SUM needs zero points of 0, got input {} and output {}",
                               in_zp_, out_zp_);
      }
    }
    dynamic_ = !axis->is_constant || axis->data == nullptr;
    if (dynamic_) {
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    Shape out_shape;
    LF_RETURN_IF_ERROR(Configure(input->shape, ReadInts(*axis), &plan_, &params_, &out_shape));
    if (IsQuantizedType(dtype_)) {
      scratch_id_ =
          ctx.RequestScratch(static_cast<size_t>(plan_.num_outputs) * sizeof(int32_t));
    }
    return ctx.SetOutputShape(0, out_shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    if (!dynamic_) {
      int32_t* sums =
          scratch_id_ >= 0 ? reinterpret_cast<int32_t*>(ctx.scratch(scratch_id_)) : nullptr;
      Run(plan_, params_, input, sums, ctx.output(0));
      return Status::Ok();
    }
    ReducePlan plan;
    QuantSumParams params;
    Shape out_shape;
    LF_RETURN_IF_ERROR(Configure(input.shape, ReadInts(*ctx.input(1)), &plan, &params, &out_shape));
    LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out_shape));
    std::vector<int32_t> sums(IsQuantizedType(dtype_) ? static_cast<size_t>(plan.num_outputs) : 0);
    Run(plan, params, input, sums.data(), ctx.output(0));
    return Status::Ok();
  }

 private:
  Status Configure(const Shape& in_shape, const std::vector<int64_t>& axes, ReducePlan* plan,
                   QuantSumParams* params, Shape* out_shape) const {
    std::vector<int32_t> out_dims;
    LF_RETURN_IF_ERROR(
        kernels::PlanReduction(in_shape.dims(), axes, keep_dims_, &out_dims, plan));
    *out_shape = Shape(std::move(out_dims));
    params->scale = scale_;
    // In float, in TFLite's order: (-in_zp * scale) * count.
    params->bias = static_cast<float>(-in_zp_) * scale_ * static_cast<float>(plan->reduce_count);
    params->output_zero_point = out_zp_;
    return Status::Ok();
  }

  // The SIMD summation where the variant takes the layout (then the
  // reference's requantize step); the reference kernel otherwise.
  void Run(const ReducePlan& plan, const QuantSumParams& params, const TensorView& input,
           int32_t* sums, TensorView& output) const {
    if (plan.num_outputs == 0) return;
    using kernels::ReduceKind;
    const kernels::ReduceSumVariant* v = plan.reduce_count > 0 ? sum_variant_ : nullptr;
    switch (dtype_) {
      case DType::kFloat32: {
        const float* in = input.data_as<float>();
        float* out = output.data_as<float>();
        if (v == nullptr || !v->f32_sum(plan, in, out)) {
          kernels::f32_reduce__reference(ReduceKind::kSum, plan, in, out);
        }
        break;
      }
      case DType::kInt32:
        kernels::s32_reduce__reference(ReduceKind::kSum, plan, input.data_as<int32_t>(),
                                       output.data_as<int32_t>());
        break;
      case DType::kInt64:
        kernels::s64_reduce__reference(ReduceKind::kSum, plan, input.data_as<int64_t>(),
                                       output.data_as<int64_t>());
        break;
      case DType::kUInt8: {
        const uint8_t* in = input.data_as<uint8_t>();
        uint8_t* out = output.data_as<uint8_t>();
        if (v != nullptr && v->u8_sum(plan, in, sums)) {
          kernels::qu8_sum_requantize__reference(plan, params, sums, out);
        } else {
          kernels::qu8_sum__reference(plan, params, in, sums, out);
        }
        break;
      }
      case DType::kInt8: {
        const int8_t* in = input.data_as<int8_t>();
        int8_t* out = output.data_as<int8_t>();
        if (v != nullptr && v->s8_sum(plan, in, sums)) {
          kernels::qs8_sum_requantize__reference(plan, params, sums, out);
        } else {
          kernels::qs8_sum__reference(plan, params, in, sums, out);
        }
        break;
      }
      default:
        kernels::qs16_sum__reference(plan, params, input.data_as<int16_t>(), sums,
                                     output.data_as<int16_t>());
        break;
    }
  }

  DType dtype_ = DType::kFloat32;
  bool keep_dims_ = false;
  bool dynamic_ = false;  // the axis is read in Eval
  float scale_ = 1.f;
  int32_t in_zp_ = 0;
  int32_t out_zp_ = 0;
  ReducePlan plan_;
  QuantSumParams params_;
  int scratch_id_ = -1;
  const kernels::ReduceSumVariant* sum_variant_ = nullptr;  // null: reference only
};

}  // namespace

// Versions 1-2 as TFLite registers them (v2: int8).
void RegisterSum(OpResolver& r) { r.AddBuiltin(ir::OpType::kSum, MakeKernel<Sum>, 1, 2); }

}  // namespace liteforge::ops
