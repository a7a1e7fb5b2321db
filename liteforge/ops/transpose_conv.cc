// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TRANSPOSE_CONV: the gradient of CONV_2D with respect to its input, used as
// a learned upsampling. Inputs: output_shape (int32 [4]), weights OHWI,
// input NHWC, optional bias [O]. The output shape is the value of the first
// input; when that tensor is not constant the output is dynamic and sized at
// Eval. Padding is what a forward convolution from the output back to the
// input would use (SAME: total = (in - 1) * stride + filter - out, the odd
// row or column after the data).
//
// Supported as TFLite's builtin kernel computes them: float32; uint8
// (per-tensor); int8 with per-tensor or per-channel weights; int16
// activations x int8 weights with an int64 (or int32) bias. Integer outputs
// are rescaled with TFLite's MultiplyByQuantizedMultiplier (the int64
// variant for int64 accumulators). Hybrid (float input, int8 weights) is a
// clear Unimplemented error.

#include <cmath>
#include <vector>

#include "liteforge/kernels/quant_math.h"
#include "liteforge/kernels/transpose_conv/reference.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/f32_transpose_conv_gemm.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/ops/padding.h"

namespace liteforge::ops {
namespace {

using kernels::TransposeConvGeometry;

enum class TcMode : uint8_t { kFloat, kQs8, kQu8, kQs16 };

class TransposeConv final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3, 4));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* shape, RequiredInput(ctx, 0, "output_shape"));
    LF_ASSIGN_OR_RETURN(const TensorView* weights, RequiredInput(ctx, 1, "weights"));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 2, "input"));
    const TensorView* bias = ctx.input(3);
    const TensorView& output = ctx.output(0);
    const auto& opts = ctx.options<ir::TransposeConvOptions>();
    padding_ = opts.padding;

    LF_RETURN_IF_ERROR(ExpectRank(*shape, "output_shape", 1));
    LF_RETURN_IF_ERROR(ExpectDType(*shape, "output_shape", DType::kInt32));
    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    LF_RETURN_IF_ERROR(ExpectRank(*weights, "weights", 4));
    if (opts.stride_h <= 0 || opts.stride_w <= 0) {
      return InvalidArgument("strides must be positive, got {}x{}", opts.stride_h, opts.stride_w);
    }
    LF_RETURN_IF_ERROR(SelectMode(*input, *weights, bias, output));
    if (input->shape.dim(3) != weights->shape.dim(3)) {
      return InvalidArgument("{} has {} channels but {} expects {}", Describe(*input, "input"),
                             input->shape.dim(3), Describe(*weights, "weights"),
                             weights->shape.dim(3));
    }
    const int32_t out_channels = weights->shape.dim(0);
    if (bias != nullptr && bias->num_elements() != out_channels) {
      return InvalidArgument("{} has {} elements, expected {} (weights' output channels)",
                             Describe(*bias, "bias"), bias->num_elements(), out_channels);
    }

    geometry_ = TransposeConvGeometry{};
    geometry_.batches = input->shape.dim(0);
    geometry_.input_height = input->shape.dim(1);
    geometry_.input_width = input->shape.dim(2);
    geometry_.input_depth = input->shape.dim(3);
    geometry_.output_depth = out_channels;
    geometry_.filter_height = weights->shape.dim(1);
    geometry_.filter_width = weights->shape.dim(2);
    geometry_.stride_height = opts.stride_h;
    geometry_.stride_width = opts.stride_w;

    if (mode_ == TcMode::kFloat) {
      LF_ASSIGN_OR_RETURN(const FloatRange range, ActivationRangeFloat(opts.activation));
      float_min_ = range.min;
      float_max_ = range.max;
    } else {
      LF_RETURN_IF_ERROR(PrepareQuantized(*input, *weights, bias, output, opts));
    }

    dynamic_ = !(shape->is_constant && shape->data != nullptr);
    acc_scratch_ = -1;
    if (dynamic_) {
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(const Shape out, OutputShape(*shape));
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, out));
    SetOutputGeometry(out, &geometry_);
    if (mode_ == TcMode::kFloat) {
      LF_RETURN_IF_ERROR(f32_gemm_.Prepare(ctx, geometry_, *weights, bias));
    } else {
      acc_scratch_ = ctx.RequestScratch(static_cast<size_t>(out.NumElements()) * AccBytes());
    }
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    TransposeConvGeometry g = geometry_;
    TensorView& output = ctx.output(0);
    std::vector<uint8_t> dynamic_acc;
    uint8_t* acc = nullptr;
    if (dynamic_) {
      LF_ASSIGN_OR_RETURN(const Shape out, OutputShape(*ctx.input(0)));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out));
      SetOutputGeometry(out, &g);
      if (mode_ != TcMode::kFloat) {
        dynamic_acc.resize(static_cast<size_t>(out.NumElements()) * AccBytes());
        acc = dynamic_acc.data();
      }
    } else if (mode_ != TcMode::kFloat) {
      acc = ctx.scratch(acc_scratch_);
    }
    if (output.num_elements() == 0) return Status::Ok();

    const TensorView& weights = *ctx.input(1);
    const TensorView& input = *ctx.input(2);
    const TensorView* bias = ctx.input(3);
    const uint8_t* bias_data = bias != nullptr ? bias->data : nullptr;
    kernels::TransposeConvQuantParams p;
    p.input_offset = input_offset_;
    p.weights_offset = weights_offset_;
    p.output_offset = output_offset_;
    p.multipliers = multipliers_.data();
    p.exponents = exponents_.data();
    p.act_min = act_min_;
    p.act_max = act_max_;
    switch (mode_) {
      case TcMode::kFloat:
        if (!dynamic_ && f32_gemm_.active()) {
          f32_gemm_.Run(ctx, g, input.data_as<float>(), reinterpret_cast<const float*>(bias_data),
                        float_min_, float_max_, output.data_as<float>());
          break;
        }
        kernels::f32_transpose_conv__reference(g, input.data_as<float>(), weights.data_as<float>(),
                                               reinterpret_cast<const float*>(bias_data),
                                               float_min_, float_max_, output.data_as<float>());
        break;
      case TcMode::kQs8:
        kernels::qs8_transpose_conv__reference(
            g, input.data_as<int8_t>(), weights.data_as<int8_t>(),
            reinterpret_cast<const int32_t*>(bias_data), p, reinterpret_cast<int32_t*>(acc),
            output.data_as<int8_t>());
        break;
      case TcMode::kQu8:
        kernels::qu8_transpose_conv__reference(
            g, input.data_as<uint8_t>(), weights.data_as<uint8_t>(),
            reinterpret_cast<const int32_t*>(bias_data), p, reinterpret_cast<int32_t*>(acc),
            output.data_as<uint8_t>());
        break;
      case TcMode::kQs16:
        if (wide_acc_) {
          kernels::qs16_transpose_conv_b64__reference(
              g, input.data_as<int16_t>(), weights.data_as<int8_t>(),
              reinterpret_cast<const int64_t*>(bias_data), p, reinterpret_cast<int64_t*>(acc),
              output.data_as<int16_t>());
        } else {
          kernels::qs16_transpose_conv_b32__reference(
              g, input.data_as<int16_t>(), weights.data_as<int8_t>(),
              reinterpret_cast<const int32_t*>(bias_data), p, reinterpret_cast<int32_t*>(acc),
              output.data_as<int16_t>());
        }
        break;
    }
    return Status::Ok();
  }

 private:
  Status SelectMode(const TensorView& input, const TensorView& weights, const TensorView* bias,
                    const TensorView& output) {
    LF_RETURN_IF_ERROR(ExpectDTypeIn(input, "input",
                                     {DType::kFloat32, DType::kUInt8, DType::kInt8, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectSameDType(output, "output", input, "input"));
    switch (input.dtype) {
      case DType::kFloat32:
        if (weights.dtype == DType::kInt8) {
          return Unimplemented("hybrid TRANSPOSE_CONV (float input, {} int8) is not supported",
                               Describe(weights, "weights"));
        }
        LF_RETURN_IF_ERROR(ExpectDType(weights, "weights", DType::kFloat32));
        if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kFloat32));
        mode_ = TcMode::kFloat;
        return Status::Ok();
      case DType::kUInt8:
        LF_RETURN_IF_ERROR(ExpectDType(weights, "weights", DType::kUInt8));
        if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kInt32));
        mode_ = TcMode::kQu8;
        return Status::Ok();
      case DType::kInt8:
        LF_RETURN_IF_ERROR(ExpectDType(weights, "weights", DType::kInt8));
        if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kInt32));
        mode_ = TcMode::kQs8;
        return Status::Ok();
      default:
        LF_RETURN_IF_ERROR(ExpectDType(weights, "weights", DType::kInt8));
        if (bias != nullptr) {
          LF_RETURN_IF_ERROR(ExpectDTypeIn(*bias, "bias", {DType::kInt64, DType::kInt32}));
        }
        mode_ = TcMode::kQs16;
        return Status::Ok();
    }
  }

  Status PrepareQuantized(const TensorView& input, const TensorView& weights,
                          const TensorView* bias, const TensorView& output,
                          const ir::TransposeConvOptions& opts) {
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(input, "input"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
    LF_RETURN_IF_ERROR(ExpectQuantized(weights, "weights"));
    const QuantParams& wq = *weights.quant;
    const int channels = weights.shape.dim(0);
    const bool per_channel = wq.scale.size() > 1;
    if (per_channel) {
      if (mode_ == TcMode::kQu8) {
        return Unimplemented("{} has per-channel scales; uint8 supports per-tensor only",
                             Describe(weights, "weights"));
      }
      if (wq.quantized_dimension != 0 || static_cast<int>(wq.scale.size()) != channels) {
        return InvalidArgument("{} has {} scales on dimension {}, expected {} on dimension 0",
                               Describe(weights, "weights"), wq.scale.size(),
                               wq.quantized_dimension, channels);
      }
    }
    const float in_scale = input.scale();
    const float out_scale = output.scale();
    if (!(in_scale > 0.f) || !(out_scale > 0.f)) {
      return InvalidArgument("input and output scales must be positive (got {} and {})", in_scale,
                             out_scale);
    }
    input_offset_ = -input.zero_point();
    output_offset_ = output.zero_point();
    weights_offset_ = mode_ == TcMode::kQu8 ? -wq.zero_point0() : 0;
    if (bias != nullptr && mode_ != TcMode::kQu8 && bias->quant != nullptr &&
        bias->quant->zero_point0() != 0) {
      return InvalidArgument("{} has zero point {}, expected 0", Describe(*bias, "bias"),
                             bias->quant->zero_point0());
    }
    if (mode_ == TcMode::kQs16) {
      if (input.zero_point() != 0 || output.zero_point() != 0) {
        return InvalidArgument("int16 input and output need zero point 0 (got {} and {})",
                               input.zero_point(), output.zero_point());
      }
      if (opts.quantized_bias_type != DType::kFloat32 &&
          opts.quantized_bias_type != DType::kInt32 && opts.quantized_bias_type != DType::kInt64) {
        return InvalidArgument("quantized_bias_type is {}, expected int32 or int64",
                               DTypeName(opts.quantized_bias_type));
      }
      if (bias != nullptr && opts.quantized_bias_type != DType::kFloat32 &&
          bias->dtype != opts.quantized_bias_type) {
        return InvalidArgument("{} is {} but quantized_bias_type says {}", Describe(*bias, "bias"),
                               DTypeName(bias->dtype), DTypeName(opts.quantized_bias_type));
      }
      // The accumulator has the bias's width; without a bias TFLite uses
      // int64 unless quantized_bias_type asks for int32.
      wide_acc_ = bias != nullptr ? bias->dtype == DType::kInt64
                                  : opts.quantized_bias_type != DType::kInt32;
    }
    if (mode_ == TcMode::kQu8 && bias != nullptr && bias->quant != nullptr &&
        !bias->quant->scale.empty()) {
      const double product = static_cast<double>(in_scale) * static_cast<double>(wq.scale0());
      const double diff = std::fabs(product - static_cast<double>(bias->quant->scale0()));
      if (diff / static_cast<double>(out_scale) > 0.02) {
        return InvalidArgument("{} scale {} does not match input scale x weights scale {}",
                               Describe(*bias, "bias"), bias->quant->scale0(), product);
      }
    }
    LF_ASSIGN_OR_RETURN(const QuantRange range, ActivationRangeQuantized(opts.activation, output));
    act_min_ = range.min;
    act_max_ = range.max;

    multipliers_.assign(static_cast<size_t>(channels), 0);
    exponents_.assign(static_cast<size_t>(channels), 0);
    for (int o = 0; o < channels; ++o) {
      double real;
      if (mode_ == TcMode::kQu8) {
        // TFLite's per-tensor multiplier: float product, double quotient.
        real = static_cast<double>(in_scale * wq.scale0()) / static_cast<double>(out_scale);
      } else {
        const float ws = per_channel ? wq.scale[static_cast<size_t>(o)] : wq.scale0();
        real = static_cast<double>(in_scale) * static_cast<double>(ws) /
               static_cast<double>(out_scale);
      }
      if (real < 0) return InvalidArgument("{} has a negative scale", Describe(weights, "weights"));
      int exponent = 0;
      kernels::QuantizeMultiplier(real, &multipliers_[static_cast<size_t>(o)], &exponent);
      exponents_[static_cast<size_t>(o)] = exponent;
    }
    return Status::Ok();
  }

  // The output shape from the output_shape tensor's values.
  Result<Shape> OutputShape(const TensorView& shape) const {
    if (shape.num_elements() != 4) {
      return InvalidArgument("{} has {} values, expected 4 (NHWC)",
                             Describe(shape, "output_shape"), shape.num_elements());
    }
    const int32_t* v = shape.data_as<int32_t>();
    for (int i = 0; i < 4; ++i) {
      if (v[i] < 0) {
        return InvalidArgument("{} value {} is {}", Describe(shape, "output_shape"), i, v[i]);
      }
    }
    if (v[0] != geometry_.batches) {
      return InvalidArgument("{} asks for batch {}, but the input has batch {}",
                             Describe(shape, "output_shape"), v[0], geometry_.batches);
    }
    if (v[3] != geometry_.output_depth) {
      return InvalidArgument("{} asks for {} channels, but the weights have {}",
                             Describe(shape, "output_shape"), v[3], geometry_.output_depth);
    }
    return Shape({v[0], v[1], v[2], v[3]});
  }

  // Padding as the forward convolution from the output would use it.
  void SetOutputGeometry(const Shape& out, TransposeConvGeometry* g) const {
    g->output_height = out.dim(1);
    g->output_width = out.dim(2);
    int unused_h = 0;
    int unused_w = 0;
    const WindowPadding pad =
        ComputeWindowPadding(padding_, g->stride_height, g->stride_width, 1, 1, g->output_height,
                             g->output_width, g->filter_height, g->filter_width, &unused_h,
                             &unused_w);
    g->pad_top = pad.height;
    g->pad_left = pad.width;
  }

  size_t AccBytes() const {
    return mode_ == TcMode::kQs16 && wide_acc_ ? sizeof(int64_t) : sizeof(int32_t);
  }

  TcMode mode_ = TcMode::kFloat;
  F32TransposeConvGemm f32_gemm_;  // float32 with constant weights and a static shape
  ir::Padding padding_ = ir::Padding::kSame;
  TransposeConvGeometry geometry_;
  bool dynamic_ = false;
  int acc_scratch_ = -1;
  float float_min_ = 0.f;
  float float_max_ = 0.f;
  int32_t input_offset_ = 0;
  int32_t weights_offset_ = 0;
  int32_t output_offset_ = 0;
  int32_t act_min_ = 0;
  int32_t act_max_ = 0;
  bool wide_acc_ = true;
  std::vector<int32_t> multipliers_;
  std::vector<int32_t> exponents_;
};

}  // namespace

void RegisterTransposeConv(OpResolver& r) {
  // TFLite's builtin resolver registers versions 1-5.
  r.AddBuiltin(ir::OpType::kTransposeConv, MakeKernel<TransposeConv>, 1, 5);
}

}  // namespace liteforge::ops
