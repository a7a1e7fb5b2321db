// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// CONV_2D: output = act(conv(input, filter) + bias). Input NHWC, filter OHWI
// [output_depth, filter_height, filter_width, filter_depth], optional bias
// [output_depth], output NHWC. When input_depth is a multiple k of
// filter_depth the convolution is grouped into k groups.
//
// Supported, as TFLite's builtin kernel computes them:
//   float32;
//   uint8 (asymmetric input and filter, per-tensor scales, int32 bias);
//   int8 with per-tensor or per-channel (dimension 0) symmetric filters,
//     int32 bias;
//   int16 activations x int8 filter ("16x8"), int64 or int32 bias;
//   hybrid: float32 input/output with an int8 filter, the input quantized
//     per batch on the fly.
// int4 filters are a clear Unimplemented error.
//
// Rounding (bit-exactness depends on it). TFLite's builtin kernel runs an
// ungrouped conv as im2col + GEMM through its CPU GEMM backend; on x86 that
// is ruy for int8 (and for 16x8 with an int32 bias), whose output stage
// rounds twice with ties up in the final shift
// (ConvRounding::kDoubleRoundingTiesUp; the int8 MobileNetV2 and MoveNet
// goldens are bit-exact only with it), and gemmlowp for uint8,
// which rounds like TFLite's reference arithmetic (kDoubleRounding). The
// uint8 choice is confirmed by the Coral MobileNet v1 goldens, which are
// bit-exact only with double rounding. Grouped conv falls back to TFLite's
// reference kernels (kDoubleRounding). 16x8 conv with an int64 bias always
// uses the reference kernel: a 64-bit accumulator and the Q15-reduced
// multiplier (bit-exact on tflm__conv10).

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "liteforge/kernels/conv/reference.h"
#include "liteforge/kernels/conv/requantize.h"
#include "liteforge/kernels/gemm_f32/f32_conv.h"
#include "liteforge/kernels/gemm_q8/q8_conv.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/ops/padding.h"

namespace liteforge::ops {
namespace {

using kernels::ConvGeometry;
using kernels::ConvRounding;

enum class ConvMode : uint8_t {
  kFloat,
  kHybrid,      // float input, int8 filter
  kQu8,
  kQs8,
  kQs16Acc32,   // int16 x int8, int32 bias, GEMM path
  kQs16Acc64,   // int16 x int8, 64-bit accumulator (int64 or int32 bias)
};

// Multiply-accumulates a worker should get before the row range is split.
constexpr int64_t kMinMacsPerChunk = int64_t{1} << 16;

Status ExpectPositiveScale(const TensorView& t, std::string_view role) {
  if (!(t.scale() > 0.f) || !std::isfinite(t.scale())) {
    return InvalidArgument("{} has scale {}, expected a positive finite value", Describe(t, role),
                           t.scale());
  }
  return Status::Ok();
}

class Conv2D final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    const auto& opts = ctx.options<ir::Conv2DOptions>();
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* filter, RequiredInput(ctx, 1, "filter"));
    const TensorView* bias = ctx.input(2);
    const TensorView& output = ctx.output(0);
    activation_ = opts.activation;

    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    LF_RETURN_IF_ERROR(ExpectRank(*filter, "filter", 4));
    if (opts.stride_h <= 0 || opts.stride_w <= 0) {
      return InvalidArgument("strides must be positive (stride_h={}, stride_w={})", opts.stride_h,
                             opts.stride_w);
    }
    if (opts.dilation_h <= 0 || opts.dilation_w <= 0) {
      return InvalidArgument("dilation factors must be positive (dilation_h={}, dilation_w={})",
                             opts.dilation_h, opts.dilation_w);
    }

    // Channels and groups.
    const int in_depth = input->shape.dim(3);
    const int filter_depth = filter->shape.dim(3);
    const int out_depth = filter->shape.dim(0);
    if (filter_depth <= 0) {
      return InvalidArgument("{} has input depth {}; it must be positive",
                             Describe(*filter, "filter"), filter_depth);
    }
    if (in_depth == 0 || in_depth % filter_depth != 0) {
      return InvalidArgument(
          "{} has {} channels but {} has input depth {}: the input depth must be a positive "
          "multiple of the filter's",
          Describe(*input, "input"), in_depth, Describe(*filter, "filter"), filter_depth);
    }
    const int groups = in_depth / filter_depth;
    if (out_depth % groups != 0) {
      return InvalidArgument("{} has {} output channels, not a multiple of the {} groups",
                             Describe(*filter, "filter"), out_depth, groups);
    }

    LF_RETURN_IF_ERROR(SelectMode(*input, *filter, bias, output, opts));
    if (bias != nullptr && bias->num_elements() != out_depth) {
      return InvalidArgument("{} has {} elements, expected {} (one per output channel)",
                             Describe(*bias, "bias"), bias->num_elements(), out_depth);
    }

    // Geometry and the output shape.
    int out_h = 0;
    int out_w = 0;
    const WindowPadding pad = ComputeWindowPadding(
        opts.padding, opts.explicit_padding, opts.stride_h, opts.stride_w, opts.dilation_h, opts.dilation_w,
        input->shape.dim(1), input->shape.dim(2), filter->shape.dim(1), filter->shape.dim(2),
        &out_h, &out_w);
    geom_ = ConvGeometry{};
    geom_.batches = input->shape.dim(0);
    geom_.input_height = input->shape.dim(1);
    geom_.input_width = input->shape.dim(2);
    geom_.input_depth = in_depth;
    geom_.filter_height = filter->shape.dim(1);
    geom_.filter_width = filter->shape.dim(2);
    geom_.filter_depth = filter_depth;
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

    const int64_t macs_per_row = static_cast<int64_t>(out_w) * out_depth * geom_.patch_size();
    min_rows_per_chunk_ = std::max<int64_t>(1, kMinMacsPerChunk / std::max<int64_t>(1, macs_per_row));

    switch (mode_) {
      case ConvMode::kFloat: {
        LF_ASSIGN_OR_RETURN(const FloatRange range, ActivationRangeFloat(activation_));
        float_min_ = range.min;
        float_max_ = range.max;
        return PrepareF32Gemm(ctx, *filter, bias);
      }
      case ConvMode::kHybrid:
        return PrepareHybrid(ctx, *input, *filter);
      default:
        LF_RETURN_IF_ERROR(PrepareQuantized(*input, *filter, bias, output, groups));
        return PrepareQ8Gemm(ctx, *input, *filter, bias);
    }
  }

  Status Eval(EvalContext& ctx) const override {
    TensorView& output = ctx.output(0);
    if (output.num_elements() == 0) return Status::Ok();
    const TensorView& input = *ctx.input(0);
    const TensorView& filter = *ctx.input(1);
    const TensorView* bias = ctx.input(2);
    const uint8_t* bias_data = bias != nullptr ? bias->data : nullptr;
    const ConvGeometry& g = geom_;

    switch (mode_) {
      case ConvMode::kFloat: {
        const float* x = input.data_as<float>();
        const float* w = filter.data_as<float>();
        const float* b = reinterpret_cast<const float*>(bias_data);
        float* y = output.data_as<float>();
        if (f32_gemm_ != nullptr) {
          uint8_t* scratch = f32_scratch_ >= 0 ? ctx.scratch(f32_scratch_) : nullptr;
          // Tasks own pixel ranges (multiples of 24, every GEMM tile's
          // height), so layers with few output rows still split evenly.
          const int64_t pixels = static_cast<int64_t>(g.rows()) * g.output_width;
          const int tasks = f32_tasks_;
          const auto split = [&](int64_t t) {
            return t >= tasks ? pixels : t * pixels / tasks / 24 * 24;
          };
          ParallelFor(ctx.thread_pool(), tasks, 1, [&](int64_t t0, int64_t t1) {
            for (int64_t t = t0; t < t1; ++t) {
              kernels::F32ConvRunPixels(
                  *f32_gemm_, g, x, f32_packed_, float_min_, float_max_, split(t), split(t + 1),
                  scratch != nullptr ? scratch + t * f32_scratch_bytes_ : nullptr, y);
            }
          });
          return Status::Ok();
        }
        RunRows(ctx, [&](int begin, int end) {
          kernels::f32_conv2d__reference(g, x, w, b, float_min_, float_max_, begin, end, y);
        });
        return Status::Ok();
      }
      case ConvMode::kHybrid:
        return EvalHybrid(ctx, input, filter, reinterpret_cast<const float*>(bias_data), output);
      case ConvMode::kQu8: {
        if (q8_gemm_ != nullptr) return EvalQ8Gemm(ctx, input.data, output.data);
        const kernels::ConvQuantParams p = MakeQuantParams();
        const uint8_t* x = input.data_as<uint8_t>();
        const uint8_t* w = filter.data_as<uint8_t>();
        const int32_t* b = reinterpret_cast<const int32_t*>(bias_data);
        uint8_t* y = output.data_as<uint8_t>();
        RunRows(ctx, [&](int begin, int end) {
          kernels::qu8_conv2d__reference(g, x, w, b, p, begin, end, y);
        });
        return Status::Ok();
      }
      case ConvMode::kQs8: {
        if (q8_gemm_ != nullptr) return EvalQ8Gemm(ctx, input.data, output.data);
        const kernels::ConvQuantParams p = MakeQuantParams();
        const int8_t* x = input.data_as<int8_t>();
        const int8_t* w = filter.data_as<int8_t>();
        const int32_t* b = reinterpret_cast<const int32_t*>(bias_data);
        int8_t* y = output.data_as<int8_t>();
        RunRows(ctx, [&](int begin, int end) {
          kernels::qs8_conv2d__reference(g, x, w, b, p, begin, end, y);
        });
        return Status::Ok();
      }
      case ConvMode::kQs16Acc32: {
        const kernels::ConvQuantParams p = MakeQuantParams();
        const int16_t* x = input.data_as<int16_t>();
        const int8_t* w = filter.data_as<int8_t>();
        const int32_t* b = reinterpret_cast<const int32_t*>(bias_data);
        int16_t* y = output.data_as<int16_t>();
        RunRows(ctx, [&](int begin, int end) {
          kernels::qs16_conv2d_acc32__reference(g, x, w, b, p, begin, end, y);
        });
        return Status::Ok();
      }
      case ConvMode::kQs16Acc64: {
        kernels::ConvWideParams p;
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
            kernels::qs16_conv2d_acc64_b32__reference(g, x, w, b, p, begin, end, y);
          });
        } else {
          const int64_t* b = reinterpret_cast<const int64_t*>(bias_data);
          RunRows(ctx, [&](int begin, int end) {
            kernels::qs16_conv2d_acc64__reference(g, x, w, b, p, begin, end, y);
          });
        }
        return Status::Ok();
      }
    }
    return Internal("unknown CONV_2D mode");
  }

 private:
  // Splits the output rows over the thread pool; every row is computed the
  // same way whatever the split, so results do not depend on thread count.
  template <typename Fn>
  void RunRows(EvalContext& ctx, const Fn& fn) const {
    ParallelFor(ctx.thread_pool(), geom_.rows(), min_rows_per_chunk_,
                [&](int64_t begin, int64_t end) {
                  fn(static_cast<int>(begin), static_cast<int>(end));
                });
  }

  // The float GEMM path (kernels/gemm_f32) for an ungrouped conv with a
  // constant filter and bias, when a SIMD variant is allowed (the portable
  // GEMM is no faster than the reference kernel).
  Status PrepareF32Gemm(PrepareContext& ctx, const TensorView& filter, const TensorView* bias) {
    f32_gemm_ = nullptr;
    if (filter.data == nullptr || (bias != nullptr && bias->data == nullptr)) return Status::Ok();
    if (!kernels::F32ConvSupported(geom_)) return Status::Ok();
    const kernels::F32Gemm& gemm = kernels::SelectF32Gemm(ctx.max_isa());
    if (gemm.isa == Isa::kReference) return Status::Ok();
    const size_t bytes = kernels::F32ConvPackedBytes(geom_, gemm);
    uint8_t* memory = ctx.AllocatePersistent(bytes);
    if (memory == nullptr) {
      return ResourceExhausted("cannot allocate {} bytes for packed CONV_2D weights", bytes);
    }
    f32_packed_ = kernels::F32ConvPackWeights(
        geom_, gemm, filter.data_as<float>(),
        bias != nullptr ? reinterpret_cast<const float*>(bias->data) : nullptr, memory);
    f32_tasks_ = static_cast<int>(
        std::clamp<int64_t>(geom_.rows() / min_rows_per_chunk_, 1, std::max(1, ctx.num_threads())));
    f32_scratch_bytes_ = kernels::F32ConvScratchBytes(geom_);
    f32_scratch_ = f32_scratch_bytes_ > 0
                       ? ctx.RequestScratch(f32_scratch_bytes_ * static_cast<size_t>(f32_tasks_))
                       : -1;
    f32_gemm_ = &gemm;
    return Status::Ok();
  }

  // The 8-bit GEMM path (kernels/gemm_q8): weights packed once here when
  // the filter and bias are constants and a SIMD variant is allowed;
  // otherwise Eval keeps the reference kernel.
  Status PrepareQ8Gemm(PrepareContext& ctx, const TensorView& input, const TensorView& filter,
                       const TensorView* bias) {
    q8_gemm_ = nullptr;
    if (mode_ != ConvMode::kQs8 && mode_ != ConvMode::kQu8) return Status::Ok();
    if (filter.data == nullptr || (bias != nullptr && bias->data == nullptr)) return Status::Ok();
    const kernels::ConvQuantParams p = MakeQuantParams();
    if (!kernels::Q8ConvSupported(geom_, p)) return Status::Ok();
    const kernels::Q8ConvVariant* variant = kernels::SelectQ8Conv(ctx.max_isa());
    if (variant == nullptr) return Status::Ok();
    uint8_t* memory = ctx.AllocatePersistent(variant->packed_bytes(geom_));
    if (memory == nullptr) {
      return ResourceExhausted("cannot allocate {} bytes for packed CONV_2D weights",
                               variant->packed_bytes(geom_));
    }
    const auto* bias_data =
        bias != nullptr ? reinterpret_cast<const int32_t*>(bias->data) : nullptr;
    q8_packed_ = variant->pack(geom_, mode_ == ConvMode::kQs8, filter.data, bias_data, p,
                               input.zero_point(), memory);
    // At most one task per thread (by pixels, or by channel panels for
    // layers with few pixels), each with its own scratch slot.
    const int pixels = geom_.batches * geom_.output_height * geom_.output_width;
    q8_tasks_.resize(static_cast<size_t>(std::max(1, ctx.num_threads())));
    q8_tasks_.resize(static_cast<size_t>(kernels::Q8ConvSplit(
        q8_packed_, pixels, std::max(1, ctx.num_threads()), kMinMacsPerChunk, q8_tasks_.data())));
    q8_scratch_bytes_ = variant->scratch_bytes(geom_);
    q8_scratch_ = ctx.RequestScratch(q8_scratch_bytes_ * q8_tasks_.size());
    q8_gemm_ = variant->run;
    return Status::Ok();
  }

  Status EvalQ8Gemm(EvalContext& ctx, const uint8_t* input, uint8_t* output) const {
    uint8_t* scratch = ctx.scratch(q8_scratch_);
    // Task t owns its share of the output and scratch slot t, whichever
    // thread runs it.
    ParallelFor(ctx.thread_pool(), static_cast<int64_t>(q8_tasks_.size()), 1,
                [&](int64_t begin, int64_t end) {
                  for (int64_t t = begin; t < end; ++t) {
                    q8_gemm_(geom_, q8_packed_, input, q8_tasks_[static_cast<size_t>(t)],
                             scratch + t * q8_scratch_bytes_, output);
                  }
                });
    return Status::Ok();
  }

  kernels::ConvQuantParams MakeQuantParams() const {
    kernels::ConvQuantParams p;
    p.input_offset = input_offset_;
    p.filter_offset = filter_offset_;
    p.output_offset = output_offset_;
    p.multipliers = multipliers_.data();
    p.exponents = exponents_.data();
    p.act_min = act_min_;
    p.act_max = act_max_;
    p.rounding = rounding_;
    return p;
  }

  // Picks the kernel from the dtypes; every other combination is rejected.
  Status SelectMode(const TensorView& input, const TensorView& filter, const TensorView* bias,
                    const TensorView& output, const ir::Conv2DOptions& opts) {
    const DType in = input.dtype;
    const DType w = filter.dtype;
    if (w == DType::kInt4) {
      return Unimplemented("{} is int4; int4 filters are not supported",
                           Describe(filter, "filter"));
    }
    switch (in) {
      case DType::kFloat32:
        LF_RETURN_IF_ERROR(ExpectDTypeIn(filter, "filter", {DType::kFloat32, DType::kInt8}));
        LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kFloat32));
        if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kFloat32));
        mode_ = w == DType::kFloat32 ? ConvMode::kFloat : ConvMode::kHybrid;
        return Status::Ok();
      case DType::kUInt8:
        LF_RETURN_IF_ERROR(ExpectDType(filter, "filter", DType::kUInt8));
        LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kUInt8));
        if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kInt32));
        mode_ = ConvMode::kQu8;
        return Status::Ok();
      case DType::kInt8:
        LF_RETURN_IF_ERROR(ExpectDType(filter, "filter", DType::kInt8));
        LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kInt8));
        if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kInt32));
        mode_ = ConvMode::kQs8;
        return Status::Ok();
      case DType::kInt16: {
        if (w == DType::kInt16) {
          return Unimplemented("{} is int16; int16 activations need an int8 filter",
                               Describe(filter, "filter"));
        }
        LF_RETURN_IF_ERROR(ExpectDType(filter, "filter", DType::kInt8));
        LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kInt16));
        if (bias != nullptr) {
          LF_RETURN_IF_ERROR(ExpectDTypeIn(*bias, "bias", {DType::kInt64, DType::kInt32}));
        }
        const DType declared = opts.quantized_bias_type;
        if (declared != DType::kFloat32) {
          if (declared != DType::kInt32 && declared != DType::kInt64) {
            return InvalidArgument("quantized_bias_type is {}, expected int32 or int64",
                                   DTypeName(declared));
          }
          if (bias != nullptr && bias->dtype != declared) {
            return InvalidArgument("{} is {} but quantized_bias_type says {}",
                                   Describe(*bias, "bias"), DTypeName(bias->dtype),
                                   DTypeName(declared));
          }
        }
        // TFLite takes its GEMM path only for a declared int32 bias type. An
        // int32 bias without the declaration is treated the same way (TFLite
        // itself would read it as int64).
        const bool int32_bias = declared == DType::kInt32 ||
                                (declared == DType::kFloat32 && bias != nullptr &&
                                 bias->dtype == DType::kInt32);
        mode_ = int32_bias ? ConvMode::kQs16Acc32 : ConvMode::kQs16Acc64;
        return Status::Ok();
      }
      default:
        return ExpectDTypeIn(input, "input",
                             {DType::kFloat32, DType::kUInt8, DType::kInt8, DType::kInt16});
    }
  }

  // Validates the filter's scales: one, or one per output channel along
  // the dimension the model names (TFLite checks that dimension's size).
  Status CheckFilterScales(const TensorView& filter, int out_depth) const {
    LF_RETURN_IF_ERROR(ExpectQuantized(filter, "filter"));
    const QuantParams& q = *filter.quant;
    const size_t n = q.scale.size();
    if (n != 1) {
      const int dim = q.quantized_dimension;
      if (static_cast<int>(n) != out_depth || dim < 0 || dim >= filter.shape.rank() ||
          filter.shape.dim(dim) != out_depth) {
        return InvalidArgument(
            "{} has {} scales along dimension {}, expected 1 or {} (one per output channel, "
            "dimension 0)",
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
                          const TensorView* bias, const TensorView& output, int groups) {
    const int out_depth = geom_.output_depth;
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(input, "input"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
    LF_RETURN_IF_ERROR(ExpectPositiveScale(input, "input"));
    LF_RETURN_IF_ERROR(ExpectPositiveScale(output, "output"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(input, "input"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(output, "output"));
    LF_RETURN_IF_ERROR(CheckFilterScales(filter, out_depth));
    const QuantParams& fq = *filter.quant;
    const bool per_channel = fq.scale.size() > 1;

    if (bias != nullptr && bias->quant != nullptr && !bias->quant->zero_point.empty() &&
        bias->quant->zero_point0() != 0) {
      return InvalidArgument("{} has zero point {}, expected 0", Describe(*bias, "bias"),
                             bias->quant->zero_point0());
    }

    if (mode_ == ConvMode::kQu8) {
      if (per_channel) {
        return Unimplemented(
            "{} has per-channel scales; uint8 conv supports per-tensor filters only",
            Describe(filter, "filter"));
      }
      LF_RETURN_IF_ERROR(ExpectZeroPointInRange(filter, "filter"));
      if (bias != nullptr && bias->quant != nullptr && !bias->quant->scale.empty()) {
        // TFLite's check that the bias was quantized with input x filter scale.
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
      // int8 and int16 filters are symmetric.
      for (size_t i = 0; i < fq.zero_point.size(); ++i) {
        if (fq.zero_point[i] != 0) {
          return InvalidArgument("{} has zero point {} at index {}; int8 filters must be "
                                 "symmetric (zero point 0)",
                                 Describe(filter, "filter"), fq.zero_point[i], i);
        }
      }
      filter_offset_ = 0;
    }
    if (input.dtype == DType::kInt16 && (input.zero_point() != 0 || output.zero_point() != 0)) {
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
    if (mode_ == ConvMode::kQu8) {
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

    // Which of TFLite's paths computes this conv, and so how it rounds:
    // int8 (and 16x8 with an int32 bias) goes through ruy unless grouped;
    // uint8 goes through gemmlowp; grouped conv through the reference
    // kernels. See the file comment.
    const bool ruy_path = groups == 1 && mode_ != ConvMode::kQu8;
    rounding_ = ruy_path ? ConvRounding::kDoubleRoundingTiesUp : ConvRounding::kDoubleRounding;
    if (mode_ == ConvMode::kQs16Acc32 && groups != 1) mode_ = ConvMode::kQs16Acc64;
    return Status::Ok();
  }

  Status PrepareHybrid(PrepareContext& ctx, const TensorView& input, const TensorView& filter) {
    const int out_depth = geom_.output_depth;
    LF_RETURN_IF_ERROR(CheckFilterScales(filter, out_depth));
    const QuantParams& fq = *filter.quant;
    for (size_t i = 0; i < fq.zero_point.size(); ++i) {
      if (fq.zero_point[i] != 0) {
        return InvalidArgument("{} has zero point {} at index {}; hybrid conv needs a "
                               "symmetric int8 filter",
                               Describe(filter, "filter"), fq.zero_point[i], i);
      }
    }
    LF_ASSIGN_OR_RETURN(const FloatRange range, ActivationRangeFloat(activation_));
    float_min_ = range.min;
    float_max_ = range.max;
    filter_scales_.assign(static_cast<size_t>(out_depth), 0.f);
    bool distinct = false;
    for (int o = 0; o < out_depth; ++o) {
      filter_scales_[static_cast<size_t>(o)] = fq.scale[fq.scale.size() == 1 ? 0 : o];
      distinct = distinct || filter_scales_[static_cast<size_t>(o)] != filter_scales_[0];
    }
    // TFLite quantizes the input symmetrically when one filter scale serves
    // every channel of an ungrouped conv, asymmetrically otherwise.
    hybrid_asymmetric_ = distinct || geom_.groups() != 1;
    const int64_t elements = input.num_elements();
    quantized_scratch_ = ctx.RequestScratch(static_cast<size_t>(std::max<int64_t>(1, elements)));
    batch_params_scratch_ = ctx.RequestScratch(
        static_cast<size_t>(std::max(1, geom_.batches)) * (sizeof(float) + sizeof(int32_t)));
    return Status::Ok();
  }

  Status EvalHybrid(EvalContext& ctx, const TensorView& input, const TensorView& filter,
                    const float* bias, TensorView& output) const {
    const ConvGeometry& g = geom_;
    auto* quantized = reinterpret_cast<int8_t*>(ctx.scratch(quantized_scratch_));
    uint8_t* batch_params = ctx.scratch(batch_params_scratch_);
    auto* scales = reinterpret_cast<float*>(batch_params);
    auto* zero_points = reinterpret_cast<int32_t*>(batch_params + sizeof(float) * g.batches);
    const int64_t per_batch = static_cast<int64_t>(g.input_height) * g.input_width * g.input_depth;
    const float* x = input.data_as<float>();
    for (int b = 0; b < g.batches; ++b) {
      const float* src = x + b * per_batch;
      int8_t* dst = quantized + b * per_batch;
      if (hybrid_asymmetric_) {
        scales[b] = kernels::HybridQuantizeAsymmetric(src, per_batch, dst, &zero_points[b]);
      } else {
        scales[b] = kernels::HybridQuantizeSymmetric(src, per_batch, dst);
        zero_points[b] = 0;
      }
    }
    kernels::ConvHybridParams p;
    p.input_scales = scales;
    p.input_zero_points = zero_points;
    p.filter_scales = filter_scales_.data();
    p.act_min = float_min_;
    p.act_max = float_max_;
    const int8_t* w = filter.data_as<int8_t>();
    float* y = output.data_as<float>();
    RunRows(ctx, [&](int begin, int end) {
      kernels::f32_qs8w_conv2d_hybrid__reference(g, quantized, w, bias, p, begin, end, y);
    });
    return Status::Ok();
  }

  ConvMode mode_ = ConvMode::kFloat;
  ir::Activation activation_ = ir::Activation::kNone;
  ConvGeometry geom_;
  int64_t min_rows_per_chunk_ = 1;
  // Float and hybrid.
  float float_min_ = 0.f;
  float float_max_ = 0.f;
  // Quantized.
  int32_t input_offset_ = 0;
  int32_t filter_offset_ = 0;
  int32_t output_offset_ = 0;
  int32_t act_min_ = 0;
  int32_t act_max_ = 0;
  ConvRounding rounding_ = ConvRounding::kDoubleRounding;
  std::vector<int32_t> multipliers_;
  std::vector<int32_t> exponents_;
  // The float GEMM path, when chosen.
  const kernels::F32Gemm* f32_gemm_ = nullptr;
  kernels::F32PackedWeights f32_packed_;
  int f32_tasks_ = 1;
  size_t f32_scratch_bytes_ = 0;
  int f32_scratch_ = -1;
  // The 8-bit GEMM path, when chosen.
  kernels::Q8ConvFn q8_gemm_ = nullptr;
  kernels::Q8ConvPacked q8_packed_;
  std::vector<kernels::Q8ConvWork> q8_tasks_;
  size_t q8_scratch_bytes_ = 0;
  int q8_scratch_ = -1;
  // Hybrid.
  std::vector<float> filter_scales_;
  bool hybrid_asymmetric_ = false;
  int quantized_scratch_ = -1;
  int batch_params_scratch_ = -1;
};

}  // namespace

void RegisterConv2D(OpResolver& r) { r.AddBuiltin(ir::OpType::kConv2D, MakeKernel<Conv2D>, 1, 8); }

}  // namespace liteforge::ops
