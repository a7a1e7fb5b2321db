// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// REDUCE_PROD: the product over the dims listed in `axis` (int32 or int64,
// scalar or 1-D; negative values count from the back; repeats are
// ignored). With keep_dims the reduced dims stay as 1, else they are
// removed. An axis known only at run time makes the output dynamic.
//
// float32, int32, int64 and unquantized uint8/int8/int16 multiply in their
// own type (integers wrap on overflow). Quantized int8 and int16
// (per-tensor; int16 with zero points of 0) follow TFLite's builtin kernel:
// each step multiplies the running int32 product by (x - in_zp) and
// rescales it by in_scale / out_scale^(1/count) (64-bit fixed-point
// multiply), the result is rescaled once more, offset by out_zp and
// clamped. Quantized uint8 is not supported by TFLite and is an error here.

#include <cmath>
#include <vector>

#include "liteforge/kernels/quant_math.h"
#include "liteforge/kernels/reduce/plan.h"
#include "liteforge/kernels/reduce/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

using kernels::QuantProdParams;
using kernels::ReducePlan;

class ReduceProd final : public OpKernel {
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
    quantized_ = input->quant != nullptr && !input->quant->empty();
    if (quantized_) {
      if (dtype_ != DType::kInt8 && dtype_ != DType::kInt16) {
        return Unimplemented("{} is quantized {}; quantized REDUCE_PROD supports int8 and int16",
                             Describe(*input, "input"), DTypeName(dtype_));
      }
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
      in_scale_ = input->scale();
      out_scale_ = output.scale();
      in_zp_ = input->zero_point();
      out_zp_ = output.zero_point();
      if (dtype_ == DType::kInt16 && (in_zp_ != 0 || out_zp_ != 0)) {
        return InvalidArgument(
            "int16 REDUCE_PROD needs zero points of 0, got input {} and output {}", in_zp_,
            out_zp_);
      }
    }
    dynamic_ = !axis->is_constant || axis->data == nullptr;
    if (dynamic_) {
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    Shape out_shape;
    LF_RETURN_IF_ERROR(Configure(input->shape, ReadInts(*axis), &plan_, &params_, &out_shape));
    if (quantized_) {
      scratch_id_ =
          ctx.RequestScratch(static_cast<size_t>(plan_.num_outputs) * sizeof(int32_t));
    }
    return ctx.SetOutputShape(0, out_shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    if (!dynamic_) {
      int32_t* running =
          scratch_id_ >= 0 ? reinterpret_cast<int32_t*>(ctx.scratch(scratch_id_)) : nullptr;
      Run(plan_, params_, input, running, ctx.output(0));
      return Status::Ok();
    }
    ReducePlan plan;
    QuantProdParams params;
    Shape out_shape;
    LF_RETURN_IF_ERROR(Configure(input.shape, ReadInts(*ctx.input(1)), &plan, &params, &out_shape));
    LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out_shape));
    std::vector<int32_t> running(quantized_ ? static_cast<size_t>(plan.num_outputs) : 0);
    Run(plan, params, input, running.data(), ctx.output(0));
    return Status::Ok();
  }

 private:
  Status Configure(const Shape& in_shape, const std::vector<int64_t>& axes, ReducePlan* plan,
                   QuantProdParams* params, Shape* out_shape) const {
    std::vector<int32_t> out_dims;
    LF_RETURN_IF_ERROR(
        kernels::PlanReduction(in_shape.dims(), axes, keep_dims_, &out_dims, plan));
    *out_shape = Shape(std::move(out_dims));
    if (!quantized_) return Status::Ok();
    *params = QuantProdParams{};
    params->input_zero_point = in_zp_;
    params->output_zero_point = out_zp_;
    if (plan->num_inputs == 0 || plan->num_outputs == 0) return Status::Ok();
    // Each of the `count` steps carries in_scale / out_scale^(1/count), so
    // the whole product carries in_scale^count / out_scale. TFLite takes
    // count as the input size over the output size.
    const int64_t count = plan->num_inputs / plan->num_outputs;
    const double scaling = static_cast<double>(in_scale_) /
                           std::pow(static_cast<double>(out_scale_), 1.0 / static_cast<double>(count));
    kernels::QuantizeMultiplier(scaling, &params->multiplier, &params->shift);
    if (params->shift < -31 || params->shift > 7) {
      return Unimplemented(
          "REDUCE_PROD rescale factor {} (scales {} and {} over {} values) is outside the range "
          "of the 64-bit fixed-point multiply",
          scaling, in_scale_, out_scale_, count);
    }
    return Status::Ok();
  }

  void Run(const ReducePlan& plan, const QuantProdParams& params, const TensorView& input,
           int32_t* running, TensorView& output) const {
    if (plan.num_outputs == 0) return;
    using kernels::ReduceKind;
    constexpr ReduceKind kProd = ReduceKind::kProd;
    if (quantized_) {
      if (dtype_ == DType::kInt8) {
        kernels::qs8_prod__reference(plan, params, input.data_as<int8_t>(), running,
                                     output.data_as<int8_t>());
      } else {
        kernels::qs16_prod__reference(plan, params, input.data_as<int16_t>(), running,
                                      output.data_as<int16_t>());
      }
      return;
    }
    switch (dtype_) {
      case DType::kFloat32:
        kernels::f32_reduce__reference(kProd, plan, input.data_as<float>(),
                                       output.data_as<float>());
        break;
      case DType::kInt32:
        kernels::s32_reduce__reference(kProd, plan, input.data_as<int32_t>(),
                                       output.data_as<int32_t>());
        break;
      case DType::kInt64:
        kernels::s64_reduce__reference(kProd, plan, input.data_as<int64_t>(),
                                       output.data_as<int64_t>());
        break;
      case DType::kUInt8:
        kernels::u8_reduce__reference(kProd, plan, input.data_as<uint8_t>(),
                                      output.data_as<uint8_t>());
        break;
      case DType::kInt8:
        kernels::s8_reduce__reference(kProd, plan, input.data_as<int8_t>(),
                                      output.data_as<int8_t>());
        break;
      default:
        kernels::s16_reduce__reference(kProd, plan, input.data_as<int16_t>(),
                                       output.data_as<int16_t>());
        break;
    }
  }

  DType dtype_ = DType::kFloat32;
  bool keep_dims_ = false;
  bool quantized_ = false;
  bool dynamic_ = false;  // the axis is read in Eval
  float in_scale_ = 1.f;
  float out_scale_ = 1.f;
  int32_t in_zp_ = 0;
  int32_t out_zp_ = 0;
  ReducePlan plan_;
  QuantProdParams params_;
  int scratch_id_ = -1;
};

}  // namespace

// Versions 1-2 as TFLite registers them (v2: quantized int8).
void RegisterReduceProd(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kReduceProd, MakeKernel<ReduceProd>, 1, 2);
}

}  // namespace liteforge::ops
