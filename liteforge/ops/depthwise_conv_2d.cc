// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// DEPTHWISE_CONV_2D: each input channel c is convolved with its own
// depth_multiplier filters; output channel c * depth_multiplier + m.
// Input NHWC, filter [1, filter_height, filter_width, output_depth],
// optional bias [output_depth], output NHWC.
//
// The depth multiplier comes from the shapes (output_depth / input_depth),
// as TFLite computes it. The depth_multiplier attribute is redundant; TFLite
// ignores it except in its int16 and hybrid kernels, which index with it,
// so for those the attribute must agree with the shapes.
//
// Supported, as TFLite's builtin kernel computes them:
//   float32;
//   uint8 (asymmetric input and filter, per-tensor scales, int32 bias);
//   int8 with per-tensor or per-channel (dimension 3) symmetric filters,
//     int32 bias;
//   int16 activations x int8 filter, int64 bias (int32 also accepted);
//   hybrid: float32 input/output with an int8 filter, the input quantized
//     asymmetrically per batch on the fly.
//
// Rounding: on x86 TFLite's optimized depthwise kernels accumulate in int32
// and rescale with the reference fixed-point arithmetic (two roundings,
// ConvRounding::kDoubleRounding); int16 uses the 64-bit reference kernel.
//
// Kernels: float32, uint8 and int8 run a SIMD variant (kernels/depthwise_conv
// /variants.inc, bit-exact with the reference) picked once in Prepare from
// the ISA ceiling, with the filter, bias and per-channel multipliers packed
// into channel tiles then. The reference kernels remain for --isa=reference,
// for filters or biases computed at run time (nothing to pack in Prepare),
// and for multipliers outside the vector output stage's range.

#include <algorithm>
#include <cmath>
#include <vector>

#include "liteforge/kernels/conv/reference.h"
#include "liteforge/kernels/conv/requantize.h"
#include "liteforge/kernels/depthwise_conv/depthwise_variants.h"
#include "liteforge/kernels/depthwise_conv/layout.h"
#include "liteforge/kernels/depthwise_conv/reference.h"
#include "liteforge/kernels/requantize/shift_split.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/ops/padding.h"

namespace liteforge::ops {
namespace {

using kernels::DepthwiseGeometry;

enum class DepthwiseMode : uint8_t { kFloat, kHybrid, kQu8, kQs8, kQs16 };

constexpr int64_t kMinMacsPerChunk = int64_t{1} << 16;

Status ExpectPositiveScale(const TensorView& t, std::string_view role) {
  if (!(t.scale() > 0.f) || !std::isfinite(t.scale())) {
    return InvalidArgument("{} has scale {}, expected a positive finite value", Describe(t, role),
                           t.scale());
  }
  return Status::Ok();
}

class DepthwiseConv2D final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    const auto& opts = ctx.options<ir::DepthwiseConv2DOptions>();
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* filter, RequiredInput(ctx, 1, "filter"));
    const TensorView* bias = ctx.input(2);
    const TensorView& output = ctx.output(0);
    activation_ = opts.activation;

    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    LF_RETURN_IF_ERROR(ExpectRank(*filter, "filter", 4));
    if (filter->shape.dim(0) != 1) {
      return InvalidArgument("{} has shape {}; a depthwise filter is [1, height, width, channels]",
                             Describe(*filter, "filter"), filter->shape.ToString());
    }
    if (opts.stride_h <= 0 || opts.stride_w <= 0) {
      return InvalidArgument("strides must be positive (stride_h={}, stride_w={})", opts.stride_h,
                             opts.stride_w);
    }
    if (opts.dilation_h <= 0 || opts.dilation_w <= 0) {
      return InvalidArgument("dilation factors must be positive (dilation_h={}, dilation_w={})",
                             opts.dilation_h, opts.dilation_w);
    }

    const int in_depth = input->shape.dim(3);
    const int out_depth = filter->shape.dim(3);
    if (in_depth <= 0 || out_depth % in_depth != 0) {
      return InvalidArgument(
          "{} has {} channels but {} has {}: the filter's channels must be a multiple of the "
          "input's",
          Describe(*input, "input"), in_depth, Describe(*filter, "filter"), out_depth);
    }
    const int multiplier = out_depth / in_depth;

    LF_RETURN_IF_ERROR(SelectMode(*input, *filter, bias, output));
    if ((mode_ == DepthwiseMode::kQs16 || mode_ == DepthwiseMode::kHybrid) &&
        opts.depth_multiplier != multiplier) {
      return InvalidArgument(
          "depth_multiplier attribute is {} but the shapes imply {} ({} filter channels / {} "
          "input channels)",
          opts.depth_multiplier, multiplier, out_depth, in_depth);
    }
    if (bias != nullptr && bias->num_elements() != out_depth) {
      return InvalidArgument("{} has {} elements, expected {} (one per output channel)",
                             Describe(*bias, "bias"), bias->num_elements(), out_depth);
    }

    int out_h = 0;
    int out_w = 0;
    const WindowPadding pad = ComputeWindowPadding(
        opts.padding, opts.explicit_padding, opts.stride_h, opts.stride_w, opts.dilation_h, opts.dilation_w,
        input->shape.dim(1), input->shape.dim(2), filter->shape.dim(1), filter->shape.dim(2),
        &out_h, &out_w);
    geom_ = DepthwiseGeometry{};
    geom_.batches = input->shape.dim(0);
    geom_.input_height = input->shape.dim(1);
    geom_.input_width = input->shape.dim(2);
    geom_.input_depth = in_depth;
    geom_.filter_height = filter->shape.dim(1);
    geom_.filter_width = filter->shape.dim(2);
    geom_.depth_multiplier = multiplier;
    geom_.output_height = out_h;
    geom_.output_width = out_w;
    geom_.output_depth = out_depth;
    geom_.stride_height = opts.stride_h;
    geom_.stride_width = opts.stride_w;
    geom_.dilation_height = opts.dilation_h;
    geom_.dilation_width = opts.dilation_w;
    geom_.pad_top = pad.height;
    geom_.pad_left = pad.width;
    LF_RETURN_IF_ERROR(
        ctx.SetOutputShape(0, Shape({geom_.batches, out_h, out_w, out_depth})));

    const int64_t macs_per_row = static_cast<int64_t>(out_w) * out_depth * geom_.filter_height *
                                 geom_.filter_width;
    min_rows_per_chunk_ =
        std::max<int64_t>(1, kMinMacsPerChunk / std::max<int64_t>(1, macs_per_row));

    switch (mode_) {
      case DepthwiseMode::kFloat: {
        LF_ASSIGN_OR_RETURN(const FloatRange range, ActivationRangeFloat(activation_));
        float_min_ = range.min;
        float_max_ = range.max;
        break;
      }
      case DepthwiseMode::kHybrid:
        return PrepareHybrid(ctx, *input, *filter);
      default:
        LF_RETURN_IF_ERROR(PrepareQuantized(*input, *filter, bias, output));
        break;
    }
    return PrepareVariant(ctx, *filter, bias);
  }

  Status Eval(EvalContext& ctx) const override {
    TensorView& output = ctx.output(0);
    if (output.num_elements() == 0) return Status::Ok();
    const TensorView& input = *ctx.input(0);
    const TensorView& filter = *ctx.input(1);
    const TensorView* bias = ctx.input(2);
    const uint8_t* bias_data = bias != nullptr ? bias->data : nullptr;
    const DepthwiseGeometry& g = geom_;

    switch (mode_) {
      case DepthwiseMode::kFloat: {
        const float* x = input.data_as<float>();
        float* y = output.data_as<float>();
        if (f32_variant_ != nullptr) {
          const kernels::F32DepthwiseFn run = f32_variant_->run;
          const auto* packed = reinterpret_cast<const float*>(packed_);
          RunRows(ctx, [&](int begin, int end) {
            run(g, x, packed, float_min_, float_max_, begin, end, y);
          });
          return Status::Ok();
        }
        const float* w = filter.data_as<float>();
        const float* b = reinterpret_cast<const float*>(bias_data);
        RunRows(ctx, [&](int begin, int end) {
          kernels::f32_depthwise_conv2d__reference(g, x, w, b, float_min_, float_max_, begin, end,
                                                   y);
        });
        return Status::Ok();
      }
      case DepthwiseMode::kHybrid:
        return EvalHybrid(ctx, input, filter, reinterpret_cast<const float*>(bias_data), output);
      case DepthwiseMode::kQu8: {
        const kernels::DepthwiseQuantParams p = MakeQuantParams();
        const uint8_t* x = input.data_as<uint8_t>();
        uint8_t* y = output.data_as<uint8_t>();
        if (qu8_variant_ != nullptr) {
          const kernels::Qu8DepthwiseFn run = qu8_variant_->run;
          const auto* packed = reinterpret_cast<const int32_t*>(packed_);
          RunRows(ctx, [&](int begin, int end) { run(g, x, packed, p, begin, end, y); });
          return Status::Ok();
        }
        const uint8_t* w = filter.data_as<uint8_t>();
        const int32_t* b = reinterpret_cast<const int32_t*>(bias_data);
        RunRows(ctx, [&](int begin, int end) {
          kernels::qu8_depthwise_conv2d__reference(g, x, w, b, p, begin, end, y);
        });
        return Status::Ok();
      }
      case DepthwiseMode::kQs8: {
        const kernels::DepthwiseQuantParams p = MakeQuantParams();
        const int8_t* x = input.data_as<int8_t>();
        int8_t* y = output.data_as<int8_t>();
        if (qs8_variant_ != nullptr) {
          const kernels::Qs8DepthwiseFn run = qs8_variant_->run;
          const auto* packed = reinterpret_cast<const int32_t*>(packed_);
          RunRows(ctx, [&](int begin, int end) { run(g, x, packed, p, begin, end, y); });
          return Status::Ok();
        }
        const int8_t* w = filter.data_as<int8_t>();
        const int32_t* b = reinterpret_cast<const int32_t*>(bias_data);
        RunRows(ctx, [&](int begin, int end) {
          kernels::qs8_depthwise_conv2d__reference(g, x, w, b, p, begin, end, y);
        });
        return Status::Ok();
      }
      case DepthwiseMode::kQs16: {
        kernels::DepthwiseWideParams p;
        p.multipliers = multipliers_.data();
        p.exponents = exponents_.data();
        p.act_min = act_min_;
        p.act_max = act_max_;
        const int16_t* x = input.data_as<int16_t>();
        const int8_t* w = filter.data_as<int8_t>();
        int16_t* y = output.data_as<int16_t>();
        if (bias != nullptr && bias->dtype == DType::kInt32) {
          const int32_t* b = reinterpret_cast<const int32_t*>(bias_data);
          RunRows(ctx, [&](int begin, int end) {
            kernels::qs16_depthwise_conv2d_b32__reference(g, x, w, b, p, begin, end, y);
          });
        } else {
          const int64_t* b = reinterpret_cast<const int64_t*>(bias_data);
          RunRows(ctx, [&](int begin, int end) {
            kernels::qs16_depthwise_conv2d__reference(g, x, w, b, p, begin, end, y);
          });
        }
        return Status::Ok();
      }
    }
    return Internal("unknown DEPTHWISE_CONV_2D mode");
  }

 private:
  template <typename Fn>
  void RunRows(EvalContext& ctx, const Fn& fn) const {
    ParallelFor(ctx.thread_pool(), geom_.rows(), min_rows_per_chunk_,
                [&](int64_t begin, int64_t end) {
                  fn(static_cast<int>(begin), static_cast<int>(end));
                });
  }

  // Picks the SIMD variant for float32 / uint8 / int8 and packs its
  // parameters (layout.h) into persistent memory; leaves the reference
  // kernel in place when no variant applies.
  Status PrepareVariant(PrepareContext& ctx, const TensorView& filter, const TensorView* bias) {
    f32_variant_ = nullptr;
    qs8_variant_ = nullptr;
    qu8_variant_ = nullptr;
    const Isa isa = ctx.max_isa();
    if (isa == Isa::kReference) return Status::Ok();
    if (filter.data == nullptr || (bias != nullptr && bias->data == nullptr)) {
      return Status::Ok();
    }
    const uint8_t* bias_data = bias != nullptr ? bias->data : nullptr;
    switch (mode_) {
      case DepthwiseMode::kFloat: {
        const kernels::F32DepthwiseVariant* v = kernels::SelectF32Depthwise(isa);
        if (v == nullptr) return Status::Ok();
        LF_ASSIGN_OR_RETURN(uint8_t* memory,
                            PackedMemory(ctx, kernels::F32DepthwisePackedBytes(geom_, v->lanes)));
        kernels::PackF32Depthwise(geom_, v->lanes, filter.data_as<float>(),
                                  reinterpret_cast<const float*>(bias_data),
                                  reinterpret_cast<float*>(memory));
        f32_variant_ = v;
        return Status::Ok();
      }
      case DepthwiseMode::kQs8:
      case DepthwiseMode::kQu8: {
        if (!kernels::RequantizeParamsSupported(multipliers_.data(), exponents_.data(),
                                                geom_.output_depth)) {
          return Status::Ok();
        }
        const kernels::DepthwiseQuantParams p = MakeQuantParams();
        const auto* b = reinterpret_cast<const int32_t*>(bias_data);
        if (mode_ == DepthwiseMode::kQs8) {
          const kernels::Qs8DepthwiseVariant* v = kernels::SelectQs8Depthwise(isa);
          if (v == nullptr) return Status::Ok();
          LF_ASSIGN_OR_RETURN(
              uint8_t* memory,
              PackedMemory(ctx, kernels::QuantDepthwisePackedBytes(geom_, v->lanes)));
          kernels::PackQs8Depthwise(geom_, v->lanes, filter.data_as<int8_t>(), b, p,
                                    reinterpret_cast<int32_t*>(memory));
          qs8_variant_ = v;
        } else {
          const kernels::Qu8DepthwiseVariant* v = kernels::SelectQu8Depthwise(isa);
          if (v == nullptr) return Status::Ok();
          LF_ASSIGN_OR_RETURN(
              uint8_t* memory,
              PackedMemory(ctx, kernels::QuantDepthwisePackedBytes(geom_, v->lanes)));
          kernels::PackQu8Depthwise(geom_, v->lanes, filter.data_as<uint8_t>(), b, p,
                                    reinterpret_cast<int32_t*>(memory));
          qu8_variant_ = v;
        }
        return Status::Ok();
      }
      default:
        return Status::Ok();
    }
  }

  // Persistent memory for the packed parameters, reused when a later
  // Prepare (after a resize) needs no more than the last one got.
  Result<uint8_t*> PackedMemory(PrepareContext& ctx, size_t bytes) {
    if (packed_ == nullptr || packed_capacity_ < bytes) {
      packed_ = ctx.AllocatePersistent(bytes);
      packed_capacity_ = packed_ == nullptr ? 0 : bytes;
      if (packed_ == nullptr) {
        return ResourceExhausted("cannot allocate {} bytes for packed DEPTHWISE_CONV_2D weights",
                                 bytes);
      }
    }
    return packed_;
  }

  kernels::DepthwiseQuantParams MakeQuantParams() const {
    kernels::DepthwiseQuantParams p;
    p.input_offset = input_offset_;
    p.filter_offset = filter_offset_;
    p.output_offset = output_offset_;
    p.multipliers = multipliers_.data();
    p.exponents = exponents_.data();
    p.act_min = act_min_;
    p.act_max = act_max_;
    p.rounding = kernels::ConvRounding::kDoubleRounding;
    return p;
  }

  Status SelectMode(const TensorView& input, const TensorView& filter, const TensorView* bias,
                    const TensorView& output) {
    const DType w = filter.dtype;
    if (w == DType::kInt4) {
      return Unimplemented("{} is int4; int4 filters are not supported",
                           Describe(filter, "filter"));
    }
    switch (input.dtype) {
      case DType::kFloat32:
        LF_RETURN_IF_ERROR(ExpectDTypeIn(filter, "filter", {DType::kFloat32, DType::kInt8}));
        LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kFloat32));
        if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kFloat32));
        mode_ = w == DType::kFloat32 ? DepthwiseMode::kFloat : DepthwiseMode::kHybrid;
        return Status::Ok();
      case DType::kUInt8:
        LF_RETURN_IF_ERROR(ExpectDType(filter, "filter", DType::kUInt8));
        LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kUInt8));
        if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kInt32));
        mode_ = DepthwiseMode::kQu8;
        return Status::Ok();
      case DType::kInt8:
        LF_RETURN_IF_ERROR(ExpectDType(filter, "filter", DType::kInt8));
        LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kInt8));
        if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kInt32));
        mode_ = DepthwiseMode::kQs8;
        return Status::Ok();
      case DType::kInt16:
        LF_RETURN_IF_ERROR(ExpectDType(filter, "filter", DType::kInt8));
        LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kInt16));
        if (bias != nullptr) {
          LF_RETURN_IF_ERROR(ExpectDTypeIn(*bias, "bias", {DType::kInt64, DType::kInt32}));
        }
        mode_ = DepthwiseMode::kQs16;
        return Status::Ok();
      default:
        return ExpectDTypeIn(input, "input",
                             {DType::kFloat32, DType::kUInt8, DType::kInt8, DType::kInt16});
    }
  }

  // One scale, or one per output channel along the dimension the model
  // names (normally 3; TFLite checks that dimension's size).
  Status CheckFilterScales(const TensorView& filter) const {
    const int out_depth = geom_.output_depth;
    LF_RETURN_IF_ERROR(ExpectQuantized(filter, "filter"));
    const QuantParams& q = *filter.quant;
    const size_t n = q.scale.size();
    if (n != 1) {
      const int dim = q.quantized_dimension;
      if (static_cast<int>(n) != out_depth || dim < 0 || dim >= filter.shape.rank() ||
          filter.shape.dim(dim) != out_depth) {
        return InvalidArgument(
            "{} has {} scales along dimension {}, expected 1 or {} (one per output channel, "
            "dimension 3)",
            Describe(filter, "filter"), n, dim, out_depth);
      }
    }
    for (size_t i = 0; i < n; ++i) {
      if (!(q.scale[i] > 0.f) || !std::isfinite(q.scale[i])) {
        return InvalidArgument("{} has scale {} at index {}, expected a positive finite value",
                               Describe(filter, "filter"), q.scale[i], i);
      }
    }
    return Status::Ok();
  }

  Status PrepareQuantized(const TensorView& input, const TensorView& filter,
                          const TensorView* bias, const TensorView& output) {
    const int out_depth = geom_.output_depth;
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(input, "input"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
    LF_RETURN_IF_ERROR(ExpectPositiveScale(input, "input"));
    LF_RETURN_IF_ERROR(ExpectPositiveScale(output, "output"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(input, "input"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(output, "output"));
    LF_RETURN_IF_ERROR(CheckFilterScales(filter));
    const QuantParams& fq = *filter.quant;
    const bool per_channel = fq.scale.size() > 1;

    if (bias != nullptr && bias->quant != nullptr && !bias->quant->zero_point.empty() &&
        bias->quant->zero_point0() != 0) {
      return InvalidArgument("{} has zero point {}, expected 0", Describe(*bias, "bias"),
                             bias->quant->zero_point0());
    }

    if (mode_ == DepthwiseMode::kQu8) {
      if (per_channel) {
        return Unimplemented(
            "{} has per-channel scales; uint8 depthwise conv supports per-tensor filters only",
            Describe(filter, "filter"));
      }
      LF_RETURN_IF_ERROR(ExpectZeroPointInRange(filter, "filter"));
      if (bias != nullptr && bias->quant != nullptr && !bias->quant->scale.empty()) {
        const double product = static_cast<double>(input.scale()) *
                               static_cast<double>(fq.scale0());
        const double diff = std::fabs(product - static_cast<double>(bias->quant->scale0()));
        if (diff / static_cast<double>(output.scale()) > 0.02) {
          return InvalidArgument("{} has scale {}, but input scale x filter scale is {}",
                                 Describe(*bias, "bias"), bias->quant->scale0(), product);
        }
      }
      filter_offset_ = -fq.zero_point0();
    } else {
      for (size_t i = 0; i < fq.zero_point.size(); ++i) {
        if (fq.zero_point[i] != 0) {
          return InvalidArgument("{} has zero point {} at index {}; int8 filters must be "
                                 "symmetric (zero point 0)",
                                 Describe(filter, "filter"), fq.zero_point[i], i);
        }
      }
      filter_offset_ = 0;
    }
    if (mode_ == DepthwiseMode::kQs16 && (input.zero_point() != 0 || output.zero_point() != 0)) {
      return InvalidArgument("int16 input and output need zero point 0 (got {} and {})",
                             input.zero_point(), output.zero_point());
    }
    input_offset_ = -input.zero_point();
    output_offset_ = output.zero_point();

    LF_ASSIGN_OR_RETURN(const QuantRange range, ActivationRangeQuantized(activation_, output));
    act_min_ = range.min;
    act_max_ = range.max;

    multipliers_.assign(static_cast<size_t>(out_depth), 0);
    exponents_.assign(static_cast<size_t>(out_depth), 0);
    if (mode_ == DepthwiseMode::kQu8) {
      int32_t m = 0;
      int32_t e = 0;
      kernels::ComputeLegacyMultiplier(input.scale(), fq.scale0(), output.scale(), &m, &e);
      std::fill(multipliers_.begin(), multipliers_.end(), m);
      std::fill(exponents_.begin(), exponents_.end(), e);
    } else {
      kernels::ComputeChannelMultipliers(input.scale(), fq.scale.data(),
                                         static_cast<int>(fq.scale.size()), output.scale(),
                                         out_depth, multipliers_.data(), exponents_.data());
    }
    return Status::Ok();
  }

  Status PrepareHybrid(PrepareContext& ctx, const TensorView& input, const TensorView& filter) {
    const int out_depth = geom_.output_depth;
    LF_RETURN_IF_ERROR(CheckFilterScales(filter));
    const QuantParams& fq = *filter.quant;
    for (size_t i = 0; i < fq.zero_point.size(); ++i) {
      if (fq.zero_point[i] != 0) {
        return InvalidArgument("{} has zero point {} at index {}; hybrid depthwise conv needs a "
                               "symmetric int8 filter",
                               Describe(filter, "filter"), fq.zero_point[i], i);
      }
    }
    LF_ASSIGN_OR_RETURN(const FloatRange range, ActivationRangeFloat(activation_));
    float_min_ = range.min;
    float_max_ = range.max;
    filter_scales_.assign(static_cast<size_t>(out_depth), 0.f);
    for (int o = 0; o < out_depth; ++o) {
      filter_scales_[static_cast<size_t>(o)] = fq.scale[fq.scale.size() == 1 ? 0 : o];
    }
    const int64_t elements = input.num_elements();
    quantized_scratch_ = ctx.RequestScratch(static_cast<size_t>(std::max<int64_t>(1, elements)));
    batch_params_scratch_ = ctx.RequestScratch(
        static_cast<size_t>(std::max(1, geom_.batches)) * (sizeof(float) + sizeof(int32_t)));
    return Status::Ok();
  }

  Status EvalHybrid(EvalContext& ctx, const TensorView& input, const TensorView& filter,
                    const float* bias, TensorView& output) const {
    const DepthwiseGeometry& g = geom_;
    auto* quantized = reinterpret_cast<int8_t*>(ctx.scratch(quantized_scratch_));
    uint8_t* batch_params = ctx.scratch(batch_params_scratch_);
    auto* scales = reinterpret_cast<float*>(batch_params);
    auto* zero_points = reinterpret_cast<int32_t*>(batch_params + sizeof(float) * g.batches);
    const int64_t per_batch = static_cast<int64_t>(g.input_height) * g.input_width * g.input_depth;
    const float* x = input.data_as<float>();
    // TFLite's hybrid depthwise always quantizes asymmetrically per batch.
    for (int b = 0; b < g.batches; ++b) {
      scales[b] = kernels::HybridQuantizeAsymmetric(x + b * per_batch, per_batch,
                                                    quantized + b * per_batch, &zero_points[b]);
    }
    kernels::DepthwiseHybridParams p;
    p.input_scales = scales;
    p.input_zero_points = zero_points;
    p.filter_scales = filter_scales_.data();
    p.act_min = float_min_;
    p.act_max = float_max_;
    const int8_t* w = filter.data_as<int8_t>();
    float* y = output.data_as<float>();
    RunRows(ctx, [&](int begin, int end) {
      kernels::f32_qs8w_depthwise_conv2d_hybrid__reference(g, quantized, w, bias, p, begin, end,
                                                           y);
    });
    return Status::Ok();
  }

  DepthwiseMode mode_ = DepthwiseMode::kFloat;
  ir::Activation activation_ = ir::Activation::kNone;
  DepthwiseGeometry geom_;
  int64_t min_rows_per_chunk_ = 1;
  float float_min_ = 0.f;
  float float_max_ = 0.f;
  int32_t input_offset_ = 0;
  int32_t filter_offset_ = 0;
  int32_t output_offset_ = 0;
  int32_t act_min_ = 0;
  int32_t act_max_ = 0;
  std::vector<int32_t> multipliers_;
  std::vector<int32_t> exponents_;
  std::vector<float> filter_scales_;
  int quantized_scratch_ = -1;
  int batch_params_scratch_ = -1;
  // The SIMD kernel Eval runs (at most one set) and its packed parameters.
  const kernels::F32DepthwiseVariant* f32_variant_ = nullptr;
  const kernels::Qs8DepthwiseVariant* qs8_variant_ = nullptr;
  const kernels::Qu8DepthwiseVariant* qu8_variant_ = nullptr;
  uint8_t* packed_ = nullptr;
  size_t packed_capacity_ = 0;
};

}  // namespace

void RegisterDepthwiseConv2D(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kDepthwiseConv2D, MakeKernel<DepthwiseConv2D>, 1, 7);
}

}  // namespace liteforge::ops
