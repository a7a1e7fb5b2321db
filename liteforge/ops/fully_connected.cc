// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// FULLY_CONNECTED: output = act(input x weights^T + bias). Inputs: input
// [..., K] (all leading dims are flattened into batches = elements / K),
// weights [N, K], optional bias [N]. The output is [batches, N], or the
// input's shape with the last dim replaced by N when keep_num_dims is set.
//
// Supported, as TFLite's builtin kernel computes them:
//   float32 (with constant weights and bias and an ISA ceiling above
//     reference: weights packed once in Prepare and run by the SIMD GEMM
//     of kernels/gemm_f32, within its stated tolerance of the reference
//     kernel; otherwise the reference kernel);
//   uint8 (asymmetric, int32 bias);
//   int8 with per-tensor or per-channel weights (int32 bias);
//     both 8-bit types run the 8-bit conv GEMM (kernels/gemm_q8, a 1x1
//     conv over the batch rows, bit-exact with the reference kernel) when
//     the weights and bias are constants and a SIMD variant is allowed;
//   int16 activations x int8 weights (int64 or int32 bias);
//   hybrid: float32 input and output, int8 weights with per-tensor or
//     per-channel scales, inputs quantized per batch row (symmetric, or
//     asymmetric with asymmetric_quantize_inputs).
// The shuffled 4x16 weight layout, int4/int16 weights and sparse weights
// are clear Unimplemented errors.
//
// Rounding: TFLite runs int8 (and zero-point-free int16) FC through ruy,
// whose output stage rounds twice with ties up in the final shift
// (ConvRounding::kDoubleRoundingTiesUp), and uint8 FC through gemmlowp on
// x86, which rounds ties away (kDoubleRounding); kernels/conv/requantize.h. int16 with an int64 bias (or any
// non-zero weight zero point) goes through TFLite's reference kernel, which
// accumulates in 64 bits and rescales in double precision.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "liteforge/base/aligned_buffer.h"
#include "liteforge/kernels/fully_connected/reference.h"
#include "liteforge/kernels/gemm_f32/f32_fully_connected.h"
#include "liteforge/kernels/gemm_q8/q8_conv.h"
#include "liteforge/kernels/quant_math.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

using kernels::FcDims;
using kernels::ConvRounding;


// Multiply-accumulates a worker should get before the float work is split.
constexpr int64_t kMinMacsPerChunk = int64_t{1} << 16;
// 8-bit layers with fewer multiply-accumulates stay on the reference kernel.
constexpr int64_t kMinGemmMacs = 4096;

enum class FcMode : uint8_t {
  kFloat,
  kHybrid,
  kQs8,
  kQu8,
  kQs16Acc32,  // GEMM path: all zero points 0, int32 bias or none
  kQs16Wide,   // reference path: int64 accumulator, double rescale
};

// TFLite's per-tensor multiplier: the product of the input and weight scales
// is formed in float, then divided in double.
double PerTensorMultiplier(float input_scale, float weight_scale, float output_scale) {
  return static_cast<double>(input_scale * weight_scale) / static_cast<double>(output_scale);
}

// The per-channel one is formed entirely in double.
double PerChannelMultiplier(float input_scale, float weight_scale, float output_scale) {
  return static_cast<double>(input_scale) * static_cast<double>(weight_scale) /
         static_cast<double>(output_scale);
}

class FullyConnected final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    const auto& opts = ctx.options<ir::FullyConnectedOptions>();
    if (opts.weights_format != ir::FcWeightsFormat::kDefault) {
      return Unimplemented("the SHUFFLED4x16INT8 weights format is not supported");
    }
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* weights, RequiredInput(ctx, 1, "weights"));
    const TensorView* bias = ctx.input(2);
    const TensorView& output = ctx.output(0);
    activation_ = opts.activation;

    LF_RETURN_IF_ERROR(ExpectRank(*weights, "weights", 2));
    LF_RETURN_IF_ERROR(SelectMode(*input, *weights, bias, output));

    // Shapes. TFLite flattens every input dim into batches of K values.
    const int32_t units = weights->shape.dim(0);
    const int32_t depth = weights->shape.dim(1);
    const int64_t input_size = input->num_elements();
    if (bias != nullptr && bias->num_elements() != units) {
      return InvalidArgument("{} has {} elements, expected {} (weights' output dim)",
                             Describe(*bias, "bias"), bias->num_elements(), units);
    }
    if (opts.keep_num_dims && input->shape.rank() == 0) {
      return InvalidArgument("{} is a scalar; keep_num_dims needs a last dimension",
                             Describe(*input, "input"));
    }
    int64_t batches = 0;
    if (depth == 0) {
      // No accumulation: the output is all zeros; batches come from the
      // leading dims.
      batches = input->shape.rank() > 0 ? input->shape.Product(0, input->shape.rank() - 1) : 1;
    } else {
      if (input_size % depth != 0) {
        return InvalidArgument("{} has {} elements, not a multiple of the weights' input depth {}",
                               Describe(*input, "input"), input_size, depth);
      }
      batches = input_size / depth;
    }
    if (opts.keep_num_dims && depth != 0 && input->shape.dim_from_back(1) != depth) {
      return InvalidArgument("keep_num_dims: {} has last dim {}, but the weights' input depth is {}",
                             Describe(*input, "input"), input->shape.dim_from_back(1), depth);
    }
    if (batches > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("{} has too many batches ({})", Describe(*input, "input"), batches);
    }
    dims_ = FcDims{static_cast<int>(batches), depth, units};
    Shape out_shape;
    if (opts.keep_num_dims) {
      out_shape = input->shape;
      out_shape.dim(out_shape.rank() - 1) = units;
    } else {
      out_shape = Shape({static_cast<int32_t>(batches), units});
    }
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, out_shape));

    switch (mode_) {
      case FcMode::kFloat: {
        LF_ASSIGN_OR_RETURN(const FloatRange range, ActivationRangeFloat(activation_));
        float_min_ = range.min;
        float_max_ = range.max;
        PrepareFastFloat(ctx, *weights, bias);
        return Status::Ok();
      }
      case FcMode::kHybrid:
        return PrepareHybrid(ctx, *weights, opts);
      default:
        LF_RETURN_IF_ERROR(PrepareQuantized(*input, *weights, bias, output, opts));
        return PrepareQ8Gemm(ctx, *weights, bias);
    }
  }

  Status Eval(EvalContext& ctx) const override {
    TensorView& output = ctx.output(0);
    if (output.num_elements() == 0) return Status::Ok();
    if (dims_.input_depth == 0) {
      // TFLite zero-fills the bytes (not the zero point) in this case.
      std::memset(output.data, 0, output.bytes);
      return Status::Ok();
    }
    const TensorView& input = *ctx.input(0);
    const TensorView& weights = *ctx.input(1);
    const TensorView* bias = ctx.input(2);
    const uint8_t* bias_data = bias != nullptr ? bias->data : nullptr;
    switch (mode_) {
      case FcMode::kFloat:
        if (fast_gemm_ != nullptr) {
          EvalFastFloat(ctx, input, output);
          return Status::Ok();
        }
        kernels::f32_fully_connected__reference(
            dims_, input.data_as<float>(), weights.data_as<float>(),
            reinterpret_cast<const float*>(bias_data), float_min_, float_max_,
            output.data_as<float>());
        return Status::Ok();
      case FcMode::kHybrid:
        return EvalHybrid(ctx, input, weights, reinterpret_cast<const float*>(bias_data), output);
      case FcMode::kQs8:
        if (q8_gemm_ != nullptr) return EvalQ8Gemm(ctx, input.data, output.data);
        kernels::qs8_fully_connected__reference(
            dims_, input.data_as<int8_t>(), weights.data_as<int8_t>(),
            reinterpret_cast<const int32_t*>(bias_data), Params(), output.data_as<int8_t>());
        return Status::Ok();
      case FcMode::kQu8:
        if (q8_gemm_ != nullptr) return EvalQ8Gemm(ctx, input.data, output.data);
        kernels::qu8_fully_connected__reference(
            dims_, input.data_as<uint8_t>(), weights.data_as<uint8_t>(),
            reinterpret_cast<const int32_t*>(bias_data), Params(), output.data_as<uint8_t>());
        return Status::Ok();
      case FcMode::kQs16Acc32:
        kernels::qs16_fully_connected_acc32__reference(
            dims_, input.data_as<int16_t>(), weights.data_as<int8_t>(),
            reinterpret_cast<const int32_t*>(bias_data), Params(), output.data_as<int16_t>());
        return Status::Ok();
      case FcMode::kQs16Wide: {
        kernels::FcWideParams p;
        p.input_offset = input_offset_;
        p.weights_offset = weights_offset_;
        p.output_offset = output_offset_;
        p.scales = wide_scales_.data();
        p.act_min = act_min_;
        p.act_max = act_max_;
        if (bias != nullptr && bias->dtype == DType::kInt32) {
          kernels::qs16_fully_connected_acc64_b32__reference(
              dims_, input.data_as<int16_t>(), weights.data_as<int8_t>(),
              reinterpret_cast<const int32_t*>(bias_data), p, output.data_as<int16_t>());
        } else {
          kernels::qs16_fully_connected_acc64_b64__reference(
              dims_, input.data_as<int16_t>(), weights.data_as<int8_t>(),
              reinterpret_cast<const int64_t*>(bias_data), p, output.data_as<int16_t>());
        }
        return Status::Ok();
      }
    }
    return Internal("unknown FULLY_CONNECTED mode");
  }

 private:
  // Float32: packs constant weights and bias once for the best f32 GEMM
  // variant under the ISA ceiling. Leaves fast_gemm_ null (the reference
  // kernel runs) when the ceiling is reference, the weights or bias are
  // not constant, or the packed copy cannot be allocated.
  void PrepareFastFloat(PrepareContext& ctx, const TensorView& weights, const TensorView* bias) {
    fast_gemm_ = nullptr;
    if (ctx.max_isa() == Isa::kReference || dims_.input_depth == 0 || dims_.output_depth == 0) {
      return;
    }
    if (!weights.is_constant || weights.data == nullptr) return;
    if (bias != nullptr && (!bias->is_constant || bias->data == nullptr)) return;
    const kernels::F32Gemm& gemm = kernels::SelectF32Gemm(ctx.max_isa());
    if (!packed_.Resize(kernels::F32FullyConnectedPackedBytes(dims_, gemm))) return;
    packed_weights_ = kernels::F32FullyConnectedPackWeights(
        dims_, gemm, weights.data_as<float>(), bias != nullptr ? bias->data_as<float>() : nullptr,
        packed_.data());
    fast_gemm_ = &gemm;
  }

  // Splits batch rows over the pool when there are enough of them to give
  // every thread full tiles, else output-channel panels (a single batch
  // row). Each output is computed the same way whatever the split.
  void EvalFastFloat(EvalContext& ctx, const TensorView& input, TensorView& output) const {
    const kernels::F32Gemm& gemm = *fast_gemm_;
    const float* x = input.data_as<float>();
    float* y = output.data_as<float>();
    ThreadPool* pool = ctx.thread_pool();
    const int64_t threads = pool != nullptr ? pool->num_threads() : 1;
    const int64_t rows = dims_.batches;
    const int64_t depth = dims_.input_depth;
    if (rows >= threads * gemm.mr) {
      const int64_t macs_per_row = depth * dims_.output_depth;
      const int64_t min_rows = std::max<int64_t>(1, kMinMacsPerChunk / macs_per_row);
      ParallelFor(pool, rows, min_rows, [&](int64_t begin, int64_t end) {
        kernels::F32FullyConnectedRunRows(gemm, packed_weights_, x, float_min_, float_max_,
                                          static_cast<int>(begin), static_cast<int>(end), y);
      });
      return;
    }
    const int64_t panels = static_cast<int64_t>(packed_weights_.panels());
    const int64_t macs_per_panel = rows * depth * gemm.nr;
    const int64_t min_panels = std::max<int64_t>(1, kMinMacsPerChunk / macs_per_panel);
    ParallelFor(pool, panels, min_panels, [&](int64_t begin, int64_t end) {
      kernels::F32FullyConnectedRun(gemm, packed_weights_, x, float_min_, float_max_, 0,
                                    static_cast<int>(rows), static_cast<size_t>(begin),
                                    static_cast<size_t>(end), y);
    });
  }

  // int8 / uint8 with constant weights (and bias): the 8-bit conv GEMM of
  // kernels/gemm_q8 as a 1x1 conv over the batch rows, weights packed
  // here; otherwise (or under a reference ceiling) the reference kernel.
  Status PrepareQ8Gemm(PrepareContext& ctx, const TensorView& weights, const TensorView* bias) {
    q8_gemm_ = nullptr;
    if (mode_ != FcMode::kQs8 && mode_ != FcMode::kQu8) return Status::Ok();
    if (!weights.is_constant || weights.data == nullptr) return Status::Ok();
    if (bias != nullptr && (!bias->is_constant || bias->data == nullptr)) return Status::Ok();
    if (dims_.batches <= 0 || dims_.input_depth <= 0 || dims_.output_depth <= 0) {
      return Status::Ok();
    }
    // Layers this small (microcontroller models: hello_world's 16x16)
    // run as fast on the reference loop, which needs no packed copy and
    // no scratch in the arena.
    if (int64_t{dims_.batches} * dims_.input_depth * dims_.output_depth < kMinGemmMacs) {
      return Status::Ok();
    }
    kernels::ConvGeometry& g = q8_geom_;
    g = kernels::ConvGeometry{};
    g.batches = dims_.batches;
    g.input_height = g.input_width = g.output_height = g.output_width = 1;
    g.input_depth = g.filter_depth = dims_.input_depth;
    g.filter_height = g.filter_width = 1;
    g.output_depth = dims_.output_depth;
    const kernels::FcQuantParams fc = Params();
    kernels::ConvQuantParams p;
    p.input_offset = fc.input_offset;
    p.filter_offset = fc.weights_offset;
    p.output_offset = fc.output_offset;
    p.multipliers = fc.multipliers;
    p.exponents = fc.exponents;
    p.act_min = fc.act_min;
    p.act_max = fc.act_max;
    p.rounding = fc.rounding;
    if (!kernels::Q8ConvSupported(g, p)) return Status::Ok();
    const kernels::Q8ConvVariant* variant = kernels::SelectQ8Conv(ctx.max_isa());
    if (variant == nullptr) return Status::Ok();
    uint8_t* memory = ctx.AllocatePersistent(variant->packed_bytes(g));
    if (memory == nullptr) {
      return ResourceExhausted("cannot allocate {} bytes for packed FULLY_CONNECTED weights",
                               variant->packed_bytes(g));
    }
    q8_packed_ = variant->pack(
        g, mode_ == FcMode::kQs8, weights.data,
        bias != nullptr ? reinterpret_cast<const int32_t*>(bias->data) : nullptr, p,
        -input_offset_, memory);
    // By batch rows, or by channel panels for a few rows; one scratch slot
    // per task.
    const int threads = std::max(1, ctx.num_threads());
    q8_tasks_.resize(static_cast<size_t>(threads));
    q8_tasks_.resize(static_cast<size_t>(kernels::Q8ConvSplit(q8_packed_, dims_.batches, threads,
                                                              kMinMacsPerChunk, q8_tasks_.data())));
    q8_scratch_bytes_ = variant->scratch_bytes(g);
    q8_scratch_ = ctx.RequestScratch(q8_scratch_bytes_ * q8_tasks_.size());
    q8_gemm_ = variant->run;
    return Status::Ok();
  }

  Status EvalQ8Gemm(EvalContext& ctx, const uint8_t* input, uint8_t* output) const {
    uint8_t* scratch = ctx.scratch(q8_scratch_);
    // Task t owns its share of the output and scratch slot t.
    ParallelFor(ctx.thread_pool(), static_cast<int64_t>(q8_tasks_.size()), 1,
                [&](int64_t begin, int64_t end) {
                  for (int64_t t = begin; t < end; ++t) {
                    q8_gemm_(q8_geom_, q8_packed_, input, q8_tasks_[static_cast<size_t>(t)],
                             scratch + t * q8_scratch_bytes_, output);
                  }
                });
    return Status::Ok();
  }

  // Picks the kernel from the dtypes, rejecting every other combination.
  Status SelectMode(const TensorView& input, const TensorView& weights, const TensorView* bias,
                    const TensorView& output) {
    const DType in = input.dtype;
    const DType w = weights.dtype;
    if (w == DType::kInt4) {
      return Unimplemented("{} is int4; int4 weights are not supported",
                           Describe(weights, "weights"));
    }
    if (in == DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectDTypeIn(weights, "weights", {DType::kFloat32, DType::kInt8}));
      LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kFloat32));
      if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kFloat32));
      mode_ = w == DType::kFloat32 ? FcMode::kFloat : FcMode::kHybrid;
      return Status::Ok();
    }
    if (in == DType::kInt8) {
      LF_RETURN_IF_ERROR(ExpectDType(weights, "weights", DType::kInt8));
      LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kInt8));
      if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kInt32));
      mode_ = FcMode::kQs8;
      return Status::Ok();
    }
    if (in == DType::kUInt8) {
      LF_RETURN_IF_ERROR(ExpectDType(weights, "weights", DType::kUInt8));
      LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kUInt8));
      if (bias != nullptr) LF_RETURN_IF_ERROR(ExpectDType(*bias, "bias", DType::kInt32));
      mode_ = FcMode::kQu8;
      return Status::Ok();
    }
    if (in == DType::kInt16) {
      if (w == DType::kInt16) {
        return Unimplemented("{} is int16; int16 activations need int8 weights here",
                             Describe(weights, "weights"));
      }
      LF_RETURN_IF_ERROR(ExpectDType(weights, "weights", DType::kInt8));
      LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kInt16));
      if (bias != nullptr) {
        LF_RETURN_IF_ERROR(ExpectDTypeIn(*bias, "bias", {DType::kInt64, DType::kInt32}));
      }
      mode_ = FcMode::kQs16Wide;  // refined in PrepareQuantized
      return Status::Ok();
    }
    return ExpectDTypeIn(input, "input",
                         {DType::kFloat32, DType::kInt8, DType::kUInt8, DType::kInt16});
  }

  Status PrepareQuantized(const TensorView& input, const TensorView& weights,
                          const TensorView* bias, const TensorView& output,
                          const ir::FullyConnectedOptions& opts) {
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(input, "input"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
    LF_RETURN_IF_ERROR(ExpectQuantized(weights, "weights"));
    const QuantParams& wq = *weights.quant;
    const int units = dims_.output_depth;
    const bool per_channel = wq.scale.size() > 1;
    if (per_channel) {
      if (mode_ == FcMode::kQu8) {
        return Unimplemented("{} has per-channel scales; uint8 supports per-tensor only",
                             Describe(weights, "weights"));
      }
      if (wq.quantized_dimension != 0 || static_cast<int>(wq.scale.size()) != units) {
        return InvalidArgument("{} has {} scales on dimension {}, expected {} on dimension 0",
                               Describe(weights, "weights"), wq.scale.size(),
                               wq.quantized_dimension, units);
      }
    }
    const float in_scale = input.scale();
    const float out_scale = output.scale();
    if (!(in_scale > 0.f) || !(out_scale > 0.f)) {
      return InvalidArgument("input and output scales must be positive (got {} and {})", in_scale,
                             out_scale);
    }
    // Zero points outside their dtype's range (a corrupt model) would
    // overflow the int32 offset arithmetic of every kernel below.
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(input, "input"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(output, "output"));
    LF_RETURN_IF_ERROR(ExpectZeroPointInRange(weights, "weights"));
    input_offset_ = -input.zero_point();
    output_offset_ = output.zero_point();
    // Per-channel weights are symmetric by the quantization spec; TFLite
    // ignores their zero point.
    weights_offset_ = per_channel ? 0 : -wq.zero_point0();

    if (!per_channel && bias != nullptr && bias->quant != nullptr && !bias->quant->scale.empty()) {
      // TFLite's sanity check that the bias was quantized with
      // input_scale * weight_scale.
      const double product = static_cast<double>(in_scale) * static_cast<double>(wq.scale0());
      const double diff = std::fabs(product - static_cast<double>(bias->quant->scale0()));
      if (diff / static_cast<double>(out_scale) > 0.02) {
        return InvalidArgument("{} scale {} does not match input scale x weights scale {}",
                               Describe(*bias, "bias"), bias->quant->scale0(), product);
      }
    }

    LF_ASSIGN_OR_RETURN(const QuantRange range, ActivationRangeQuantized(activation_, output));
    act_min_ = range.min;
    act_max_ = range.max;

    if (mode_ == FcMode::kQs16Wide) {
      if (input.zero_point() != 0 || output.zero_point() != 0) {
        return InvalidArgument("int16 input and output need zero point 0 (got {} and {})",
                               input.zero_point(), output.zero_point());
      }
      if (opts.quantized_bias_type != DType::kFloat32) {
        if (opts.quantized_bias_type != DType::kInt32 &&
            opts.quantized_bias_type != DType::kInt64) {
          return InvalidArgument("quantized_bias_type is {}, expected int32 or int64",
                                 DTypeName(opts.quantized_bias_type));
        }
        if (bias != nullptr && bias->dtype != opts.quantized_bias_type) {
          return InvalidArgument("{} is {} but quantized_bias_type says {}",
                                 Describe(*bias, "bias"), DTypeName(bias->dtype),
                                 DTypeName(opts.quantized_bias_type));
        }
      }
      const bool wide = weights_offset_ != 0 || (bias != nullptr && bias->dtype == DType::kInt64);
      if (wide) {
        wide_scales_.assign(static_cast<size_t>(units), 0.0);
        for (int o = 0; o < units; ++o) {
          const float ws = per_channel ? wq.scale[static_cast<size_t>(o)] : wq.scale0();
          wide_scales_[static_cast<size_t>(o)] = PerChannelMultiplier(in_scale, ws, out_scale);
        }
        return Status::Ok();
      }
      mode_ = FcMode::kQs16Acc32;
    }

    multipliers_.assign(static_cast<size_t>(units), 0);
    exponents_.assign(static_cast<size_t>(units), 0);
    for (int o = 0; o < units; ++o) {
      const double real = per_channel
                              ? PerChannelMultiplier(in_scale, wq.scale[static_cast<size_t>(o)],
                                                     out_scale)
                              : PerTensorMultiplier(in_scale, wq.scale0(), out_scale);
      if (real < 0) {
        return InvalidArgument("{} has a negative scale", Describe(weights, "weights"));
      }
      int exponent = 0;
      kernels::QuantizeMultiplier(real, &multipliers_[static_cast<size_t>(o)], &exponent);
      exponents_[static_cast<size_t>(o)] = exponent;
    }
    return Status::Ok();
  }

  Status PrepareHybrid(PrepareContext& ctx, const TensorView& weights,
                       const ir::FullyConnectedOptions& opts) {
    LF_RETURN_IF_ERROR(ExpectQuantized(weights, "weights"));
    const QuantParams& wq = *weights.quant;
    const int units = dims_.output_depth;
    const bool per_channel = wq.scale.size() > 1;
    if (per_channel &&
        (wq.quantized_dimension != 0 || static_cast<int>(wq.scale.size()) != units)) {
      return InvalidArgument("{} has {} scales on dimension {}, expected {} on dimension 0",
                             Describe(weights, "weights"), wq.scale.size(),
                             wq.quantized_dimension, units);
    }
    LF_ASSIGN_OR_RETURN(const FloatRange range, ActivationRangeFloat(activation_));
    float_min_ = range.min;
    float_max_ = range.max;
    asymmetric_ = opts.asymmetric_quantize_inputs;
    weight_scales_.assign(static_cast<size_t>(units), 0.f);
    for (int o = 0; o < units; ++o) {
      weight_scales_[static_cast<size_t>(o)] =
          per_channel ? wq.scale[static_cast<size_t>(o)] : wq.scale0();
    }
    quantized_scratch_ = ctx.RequestScratch(static_cast<size_t>(dims_.input_depth));
    row_sums_.clear();
    row_sums_scratch_ = -1;
    if (asymmetric_) {
      if (weights.data != nullptr && weights.is_constant) {
        row_sums_.resize(static_cast<size_t>(units));
        ComputeRowSums(weights.data_as<int8_t>(), row_sums_.data());
      } else {
        row_sums_scratch_ = ctx.RequestScratch(static_cast<size_t>(units) * sizeof(int32_t));
      }
    }
    return Status::Ok();
  }

  Status EvalHybrid(EvalContext& ctx, const TensorView& input, const TensorView& weights,
                    const float* bias, TensorView& output) const {
    kernels::FcHybridParams p;
    p.weight_scales = weight_scales_.data();
    p.asymmetric = asymmetric_;
    p.act_min = float_min_;
    p.act_max = float_max_;
    if (asymmetric_) {
      if (row_sums_scratch_ >= 0) {
        auto* sums = reinterpret_cast<int32_t*>(ctx.scratch(row_sums_scratch_));
        ComputeRowSums(weights.data_as<int8_t>(), sums);
        p.row_sums = sums;
      } else {
        p.row_sums = row_sums_.data();
      }
    }
    auto* quantized = reinterpret_cast<int8_t*>(ctx.scratch(quantized_scratch_));
    kernels::f32_qs8w_fully_connected_hybrid__reference(dims_, input.data_as<float>(),
                                                        weights.data_as<int8_t>(), bias, p,
                                                        quantized, output.data_as<float>());
    return Status::Ok();
  }

  void ComputeRowSums(const int8_t* w, int32_t* sums) const {
    for (int o = 0; o < dims_.output_depth; ++o) {
      int32_t s = 0;
      const int8_t* row = w + static_cast<size_t>(o) * dims_.input_depth;
      for (int k = 0; k < dims_.input_depth; ++k) s += row[k];
      sums[o] = s;
    }
  }

  kernels::FcQuantParams Params() const {
    kernels::FcQuantParams p;
    p.input_offset = input_offset_;
    p.weights_offset = weights_offset_;
    p.output_offset = output_offset_;
    p.multipliers = multipliers_.data();
    p.exponents = exponents_.data();
    p.act_min = act_min_;
    p.act_max = act_max_;
    // The GEMM backend's rule (see the file comment).
    p.rounding = mode_ == FcMode::kQu8 ? ConvRounding::kDoubleRounding
                                       : ConvRounding::kDoubleRoundingTiesUp;
    return p;
  }

  FcMode mode_ = FcMode::kFloat;
  FcDims dims_;
  ir::Activation activation_ = ir::Activation::kNone;
  float float_min_ = 0.f;
  float float_max_ = 0.f;
  // Float fast path: the chosen variant (null: reference kernel) and the
  // weights + bias packed for it, owned here for the plan's lifetime.
  const kernels::F32Gemm* fast_gemm_ = nullptr;
  AlignedBuffer packed_;
  kernels::F32PackedWeights packed_weights_;
  // Quantized paths.
  int32_t input_offset_ = 0;
  int32_t weights_offset_ = 0;
  int32_t output_offset_ = 0;
  int32_t act_min_ = 0;
  int32_t act_max_ = 0;
  std::vector<int32_t> multipliers_;
  std::vector<int32_t> exponents_;
  std::vector<double> wide_scales_;
  // The 8-bit GEMM path, when chosen.
  kernels::Q8ConvFn q8_gemm_ = nullptr;
  kernels::ConvGeometry q8_geom_;
  kernels::Q8ConvPacked q8_packed_;
  std::vector<kernels::Q8ConvWork> q8_tasks_;
  size_t q8_scratch_bytes_ = 0;
  int q8_scratch_ = -1;
  // Hybrid path.
  bool asymmetric_ = false;
  std::vector<float> weight_scales_;
  std::vector<int32_t> row_sums_;
  int quantized_scratch_ = -1;
  int row_sums_scratch_ = -1;
};

}  // namespace

void RegisterFullyConnected(OpResolver& r) {
  // TFLite's builtin resolver registers versions 1-13. Gaps: int4 weights
  // (v10, v13), sparse weights (v8, rejected by the runtime) and the
  // shuffled weights format (v2) are Unimplemented.
  r.AddBuiltin(ir::OpType::kFullyConnected, MakeKernel<FullyConnected>, 1, 13);
}

}  // namespace liteforge::ops
