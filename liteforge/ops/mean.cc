// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// MEAN: the average over the dims listed in `axis` (int32 or int64, scalar
// or 1-D; negative values count from the back; repeats are ignored). With
// keep_dims the reduced dims stay as 1, else they are removed. An axis
// known only at run time makes the output dynamic.
//
// float32 (float sum / count), int32 and int64 (int64 sum, truncating
// division), and quantized uint8, int8 and int16 (per-tensor; int16 needs
// zero points of 0), where input and output scales may differ. TFLite's
// builtin kernel has two integer paths and this op takes the same one:
//   * uint8/int8, keep_dims, 4-D input, axes exactly {1, 2} (a global
//     spatial average): the raw int32 sum is scaled by
//     in_scale / (H * W * out_scale) (computed in float, then encoded as a
//     fixed-point multiplier) and a bias
//     out_zp - round_half_away(in_zp * in_scale / out_scale) is added;
//   * otherwise: the multiplier for in_scale / out_scale is folded with
//     1 / count (shifted left by floor(log2 count), at most 32 and keeping
//     the final shift >= -31, then divided by count), applied to
//     sum - in_zp * count, plus out_zp. An empty axis list copies the input.
// Both clamp to the output type. An empty input gives zeros (NaN for float).

#include <algorithm>
#include <bit>
#include <vector>

#include "liteforge/kernels/quant_math.h"
#include "liteforge/kernels/reduce/plan.h"
#include "liteforge/kernels/reduce/reduce_variants.h"
#include "liteforge/kernels/reduce/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

using kernels::QuantMeanParams;
using kernels::ReducePlan;

bool IsQuantizedType(DType t) {
  return t == DType::kUInt8 || t == DType::kInt8 || t == DType::kInt16;
}

class Mean final : public OpKernel {
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
      in_scale_ = input->scale();
      out_scale_ = output.scale();
      in_zp_ = input->zero_point();
      out_zp_ = output.zero_point();
      if (dtype_ == DType::kInt16 && (in_zp_ != 0 || out_zp_ != 0)) {
        return InvalidArgument("int16 MEAN needs zero points of 0, got input {} and output {}",
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
    const size_t acc_bytes = dtype_ == DType::kFloat32 ? 0
                             : IsQuantizedType(dtype_) ? sizeof(int32_t)
                                                       : sizeof(int64_t);
    scratch_id_ = acc_bytes == 0 ? -1
                                 : ctx.RequestScratch(static_cast<size_t>(plan_.num_outputs) *
                                                      acc_bytes);
    return ctx.SetOutputShape(0, out_shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    if (!dynamic_) {
      uint8_t* scratch = scratch_id_ >= 0 ? ctx.scratch(scratch_id_) : nullptr;
      Run(plan_, params_, input, scratch, ctx.output(0));
      return Status::Ok();
    }
    ReducePlan plan;
    QuantMeanParams params;
    Shape out_shape;
    LF_RETURN_IF_ERROR(Configure(input.shape, ReadInts(*ctx.input(1)), &plan, &params, &out_shape));
    LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out_shape));
    std::vector<int64_t> scratch(static_cast<size_t>(plan.num_outputs));
    Run(plan, params, input, reinterpret_cast<uint8_t*>(scratch.data()), ctx.output(0));
    return Status::Ok();
  }

 private:
  // The plan, the output shape and (for quantized types) the integer
  // constants of the path TFLite takes for these axes.
  Status Configure(const Shape& in_shape, const std::vector<int64_t>& axes, ReducePlan* plan,
                   QuantMeanParams* params, Shape* out_shape) const {
    std::vector<int32_t> out_dims;
    LF_RETURN_IF_ERROR(
        kernels::PlanReduction(in_shape.dims(), axes, keep_dims_, &out_dims, plan));
    *out_shape = Shape(std::move(out_dims));
    if (!IsQuantizedType(dtype_)) return Status::Ok();
    *params = QuantMeanParams{};
    if (IsSpatialMean(in_shape, axes)) {
      // TFLite's 4-D spatial path, computed in float exactly as it does.
      const float count = static_cast<float>(in_shape.dim(1) * in_shape.dim(2));
      if (count == 0.f) return Status::Ok();  // empty input: zeros
      float zp_shift = static_cast<float>(in_zp_) * in_scale_ / out_scale_;
      zp_shift = zp_shift > 0 ? zp_shift + 0.5f : zp_shift - 0.5f;
      const float real_scale = in_scale_ / (count * out_scale_);
      kernels::QuantizeMultiplier(static_cast<double>(real_scale), &params->multiplier,
                                  &params->shift);
      params->subtract = 0;
      params->add = out_zp_ - static_cast<int32_t>(zp_shift);
      return Status::Ok();
    }
    if (plan->no_axes) {
      params->copy = true;
      return Status::Ok();
    }
    const int64_t count = plan->reduce_count;
    if (count == 0) return Status::Ok();  // empty input: zeros
    int32_t multiplier = 0;
    int shift = 0;
    kernels::QuantizeMultiplier(
        static_cast<double>(in_scale_) / static_cast<double>(out_scale_), &multiplier, &shift);
    // Fold 1/count into the multiplier, keeping as many bits as possible.
    int fold = 63 - std::countl_zero(static_cast<uint64_t>(count));
    fold = std::min(fold, 32);
    fold = std::min(fold, 31 + shift);
    params->multiplier =
        static_cast<int32_t>((static_cast<int64_t>(multiplier) << fold) / count);
    params->shift = shift - fold;
    params->subtract = static_cast<int64_t>(in_zp_) * count;
    params->add = out_zp_;
    return Status::Ok();
  }

  // keep_dims, a 4-D uint8/int8 input and axes that are exactly {1, 2}.
  bool IsSpatialMean(const Shape& in_shape, const std::vector<int64_t>& axes) const {
    if (dtype_ == DType::kInt16 || !keep_dims_ || in_shape.rank() != 4) return false;
    std::vector<int64_t> resolved;
    for (int64_t a : axes) {
      const int64_t r = a < 0 ? a + 4 : a;
      if (std::find(resolved.begin(), resolved.end(), r) == resolved.end()) resolved.push_back(r);
    }
    return resolved.size() == 2 &&
           ((resolved[0] == 1 && resolved[1] == 2) || (resolved[0] == 2 && resolved[1] == 1));
  }

  // The SIMD summation where the variant takes the layout, finished by the
  // reference's divide / requantize step; the reference kernel otherwise.
  void Run(const ReducePlan& plan, const QuantMeanParams& params, const TensorView& input,
           uint8_t* scratch, TensorView& output) const {
    if (plan.num_outputs == 0) return;
    const kernels::ReduceSumVariant* v = plan.reduce_count > 0 ? sum_variant_ : nullptr;
    int32_t* sums = reinterpret_cast<int32_t*>(scratch);
    switch (dtype_) {
      case DType::kFloat32: {
        const float* in = input.data_as<float>();
        float* out = output.data_as<float>();
        if (v != nullptr && v->f32_sum(plan, in, out)) {
          kernels::f32_mean_divide__reference(plan, out);
        } else {
          kernels::f32_mean__reference(plan, in, out);
        }
        break;
      }
      case DType::kInt32:
        kernels::s32_mean__reference(plan, input.data_as<int32_t>(),
                                     reinterpret_cast<int64_t*>(scratch),
                                     output.data_as<int32_t>());
        break;
      case DType::kInt64:
        kernels::s64_mean__reference(plan, input.data_as<int64_t>(),
                                     reinterpret_cast<int64_t*>(scratch),
                                     output.data_as<int64_t>());
        break;
      case DType::kUInt8: {
        const uint8_t* in = input.data_as<uint8_t>();
        uint8_t* out = output.data_as<uint8_t>();
        if (v != nullptr && !params.copy && v->u8_sum(plan, in, sums)) {
          kernels::qu8_mean_requantize__reference(plan, params, sums, out);
        } else {
          kernels::qu8_mean__reference(plan, params, in, sums, out);
        }
        break;
      }
      case DType::kInt8: {
        const int8_t* in = input.data_as<int8_t>();
        int8_t* out = output.data_as<int8_t>();
        if (v != nullptr && !params.copy && v->s8_sum(plan, in, sums)) {
          kernels::qs8_mean_requantize__reference(plan, params, sums, out);
        } else {
          kernels::qs8_mean__reference(plan, params, in, sums, out);
        }
        break;
      }
      default:
        kernels::qs16_mean__reference(plan, params, input.data_as<int16_t>(), sums,
                                      output.data_as<int16_t>());
        break;
    }
  }

  DType dtype_ = DType::kFloat32;
  bool keep_dims_ = false;
  bool dynamic_ = false;  // the axis is read in Eval
  float in_scale_ = 1.f;
  float out_scale_ = 1.f;
  int32_t in_zp_ = 0;
  int32_t out_zp_ = 0;
  ReducePlan plan_;
  QuantMeanParams params_;
  int scratch_id_ = -1;
  const kernels::ReduceSumVariant* sum_variant_ = nullptr;  // null: reference only
};

}  // namespace

// Versions 1-3 as TFLite registers them: v2 int8, v3 int16.
void RegisterMean(OpResolver& r) { r.AddBuiltin(ir::OpType::kMean, MakeKernel<Mean>, 1, 3); }

}  // namespace liteforge::ops
