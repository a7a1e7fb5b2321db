// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SVDF: inputs input [batch, input_size], weights_feature [F, input_size],
// weights_time [F, memory_size], optional bias [F / rank], and the state
// [batch, memory_size * F], a variable tensor the op updates on every
// invoke. Output [batch, F / rank]. See kernels/svdf/reference.h.
//
// Supported as TFLite's builtin kernel computes them:
//   float32 (any fused activation);
//   int8 input and weights_feature, int16 weights_time and state, int32
//   bias, int8 output, RELU only (TFLite's integer kernel requires RELU and
//   relies on the output's quantization for it).
// Hybrid SVDF (float input with int8 weights, versions 2 and 4) is a clear
// Unimplemented error.

#include "liteforge/kernels/quant_math.h"
#include "liteforge/kernels/svdf/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

using kernels::RecurrentActivation;

RecurrentActivation ToRecurrentActivation(ir::Activation a) {
  switch (a) {
    case ir::Activation::kNone: return RecurrentActivation::kNone;
    case ir::Activation::kRelu: return RecurrentActivation::kRelu;
    case ir::Activation::kReluN1To1: return RecurrentActivation::kReluN1To1;
    case ir::Activation::kRelu6: return RecurrentActivation::kRelu6;
    case ir::Activation::kTanh: return RecurrentActivation::kTanh;
    case ir::Activation::kSignBit: return RecurrentActivation::kSignBit;
  }
  return RecurrentActivation::kNone;
}

Status ExpectVariable(const PrepareContext& ctx, const TensorView& t, std::string_view role) {
  const auto& tensors = ctx.subgraph().tensors;
  if (t.index < 0 || static_cast<size_t>(t.index) >= tensors.size() ||
      !tensors[static_cast<size_t>(t.index)].is_variable) {
    return InvalidArgument("{} must be a variable tensor (the op keeps its state there)",
                           Describe(t, role));
  }
  return Status::Ok();
}

Status ExpectDims(const TensorView& t, std::string_view role, std::initializer_list<int32_t> dims) {
  const Shape expected(dims);
  if (t.shape != expected) {
    return InvalidArgument("{} has shape {}, expected {}", Describe(t, role), t.shape.ToString(),
                           expected.ToString());
  }
  return Status::Ok();
}

class Svdf final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    const auto& opts = ctx.options<ir::SvdfOptions>();
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 5));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* wf, RequiredInput(ctx, 1, "weights_feature"));
    LF_ASSIGN_OR_RETURN(const TensorView* wt, RequiredInput(ctx, 2, "weights_time"));
    const TensorView* bias = ctx.input(3);
    LF_ASSIGN_OR_RETURN(const TensorView* state, RequiredInput(ctx, 4, "state"));
    const TensorView& output = ctx.output(0);

    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 2));
    LF_RETURN_IF_ERROR(ExpectRank(*wf, "weights_feature", 2));
    LF_RETURN_IF_ERROR(ExpectRank(*wt, "weights_time", 2));
    LF_RETURN_IF_ERROR(ExpectRank(*state, "state", 2));
    LF_RETURN_IF_ERROR(ExpectVariable(ctx, *state, "state"));
    if (opts.rank <= 0) return InvalidArgument("rank is {}, must be positive", opts.rank);

    dims_.batches = input->shape.dim(0);
    dims_.input_size = input->shape.dim(1);
    dims_.num_filters = wf->shape.dim(0);
    dims_.rank = opts.rank;
    if (dims_.num_filters % dims_.rank != 0) {
      return InvalidArgument("{} has {} filters, not a multiple of rank {}",
                             Describe(*wf, "weights_feature"), dims_.num_filters, dims_.rank);
    }
    dims_.num_units = dims_.num_filters / dims_.rank;
    dims_.memory_size = wt->shape.dim(1);
    LF_RETURN_IF_ERROR(ExpectDims(*wf, "weights_feature", {dims_.num_filters, dims_.input_size}));
    LF_RETURN_IF_ERROR(ExpectDims(*wt, "weights_time", {dims_.num_filters, dims_.memory_size}));
    if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDims(*bias, "bias", {dims_.num_units}));
    const int64_t state_width = static_cast<int64_t>(dims_.memory_size) * dims_.num_filters;
    if (state->shape.dim(0) != dims_.batches || state->shape.dim(1) != state_width) {
      return InvalidArgument("{} has shape {}, expected [{}, {}] (batch, memory_size * filters)",
                             Describe(*state, "state"), state->shape.ToString(), dims_.batches,
                             state_width);
    }
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, Shape({dims_.batches, dims_.num_units})));

    if (input->dtype == DType::kFloat32 && wf->dtype == DType::kFloat32) {
      return PrepareFloat(ctx, *wt, bias, *state, output, opts.activation);
    }
    if (input->dtype == DType::kFloat32) {
      return Unimplemented("hybrid SVDF (float32 input, {} {}) is not supported",
                           DTypeName(wf->dtype), Describe(*wf, "weights_feature"));
    }
    if (input->dtype == DType::kInt8) {
      return PrepareInt8(ctx, *input, *wf, *wt, bias, *state, output, opts.activation);
    }
    return ExpectDTypeIn(*input, "input", {DType::kFloat32, DType::kInt8});
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    const TensorView& wf = *ctx.input(1);
    const TensorView& wt = *ctx.input(2);
    const TensorView* bias = ctx.input(3);
    // The state is a variable: the op may write it through the view.
    uint8_t* state = ctx.input(4)->data;
    TensorView& output = ctx.output(0);
    if (is_float_) {
      kernels::f32_svdf__reference(
          dims_, input.data_as<float>(), wf.data_as<float>(), wt.data_as<float>(),
          bias != nullptr ? bias->data_as<float>() : nullptr, activation_,
          reinterpret_cast<float*>(state), reinterpret_cast<float*>(ctx.scratch(scratch_)),
          output.data_as<float>());
    } else {
      kernels::qs8_svdf__reference(
          dims_, quant_, input.data_as<int8_t>(), wf.data_as<int8_t>(), wt.data_as<int16_t>(),
          bias != nullptr ? bias->data_as<int32_t>() : nullptr, reinterpret_cast<int16_t*>(state),
          reinterpret_cast<int32_t*>(ctx.scratch(scratch_)), output.data_as<int8_t>());
    }
    return Status::Ok();
  }

  bool HasSideEffects() const override { return true; }

 private:
  Status PrepareFloat(PrepareContext& ctx, const TensorView& wt, const TensorView* bias,
                      const TensorView& state, const TensorView& output,
                      ir::Activation activation) {
    LF_RETURN_IF_ERROR(ExpectDType(wt, "weights_time", DType::kFloat32));
    if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(state, "state", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kFloat32));
    is_float_ = true;
    activation_ = ToRecurrentActivation(activation);
    scratch_ = ctx.RequestScratch(ScratchElements() * sizeof(float));
    return Status::Ok();
  }

  Status PrepareInt8(PrepareContext& ctx, const TensorView& input, const TensorView& wf,
                     const TensorView& wt, const TensorView* bias, const TensorView& state,
                     const TensorView& output, ir::Activation activation) {
    LF_RETURN_IF_ERROR(ExpectDType(wf, "weights_feature", DType::kInt8));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(wt, "weights_time", {DType::kInt16}));
    if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kInt32));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(state, "state", {DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kInt8));
    if (activation != ir::Activation::kRelu) {
      return Unimplemented("integer SVDF supports only the RELU activation, got {}",
                           ir::ActivationName(activation));
    }
    const std::pair<const TensorView*, std::string_view> quantized[] = {
        {&input, "input"}, {&wf, "weights_feature"}, {&wt, "weights_time"},
        {&state, "state"}, {&output, "output"}};
    for (const auto& [t, role] : quantized) {
      LF_RETURN_IF_ERROR(ExpectQuantized(*t, role));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*t, role));
    }
    if (state.zero_point() != 0) {
      return Unimplemented("{} has zero point {}; the integer kernel needs a symmetric state",
                           Describe(state, "state"), state.zero_point());
    }
    const double feature_scale = static_cast<double>(input.scale()) *
                                 static_cast<double>(wf.scale()) /
                                 static_cast<double>(state.scale());
    const double output_scale = static_cast<double>(state.scale()) *
                                static_cast<double>(wt.scale()) /
                                static_cast<double>(output.scale());
    kernels::QuantizeMultiplier(feature_scale, &quant_.feature_multiplier,
                                &quant_.feature_exponent);
    kernels::QuantizeMultiplier(output_scale, &quant_.output_multiplier, &quant_.output_exponent);
    quant_.input_zero_point = input.zero_point();
    quant_.output_zero_point = output.zero_point();
    is_float_ = false;
    scratch_ = ctx.RequestScratch(ScratchElements() * sizeof(int32_t));
    return Status::Ok();
  }

  size_t ScratchElements() const {
    return static_cast<size_t>(dims_.batches) * static_cast<size_t>(dims_.num_filters);
  }

  kernels::SvdfDims dims_;
  kernels::SvdfQuantParams quant_;
  RecurrentActivation activation_ = RecurrentActivation::kNone;
  bool is_float_ = true;
  int scratch_ = -1;
};

}  // namespace

void RegisterSvdf(OpResolver& r) { r.AddBuiltin(ir::OpType::kSvdf, MakeKernel<Svdf>, 1, 4); }

}  // namespace liteforge::ops
