// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// QUANTIZE: float32 -> uint8 / int8 / int16 (per tensor or per channel of
// the output), or requantization between integer types:
//   uint8 / int8 -> uint8 / int8, int16 -> int8 / int16 / int32,
//   int32 -> int8 / int16.
//
// Float input: round(x / scale) + zero_point, clamped; per tensor the
// division is done in double (TFLite's default kernel), per channel in float.
// Integer input: out_zp + M * (q - in_zp) with M = in_scale / out_scale in
// TFLite's fixed-point form, clamped. int16 -> int16 needs zero points 0.
//
// float32 -> uint8 / int8 per tensor and requantization between uint8 and
// int8 run a SIMD variant (kernels/quantize/quantize_variants.h, bit-exact
// with the reference) picked once in Prepare under ctx.max_isa(); large
// tensors are split into contiguous ranges over the thread pool.

#include <vector>

#include "liteforge/kernels/quantize/quantize_variants.h"
#include "liteforge/kernels/quantize/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

// Elements below which a QUANTIZE stays on the calling thread.
constexpr int64_t kParallelMinElements = 32 * 1024;

class Quantize final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    in_ = input->dtype;
    out_ = output.dtype;
    qs8_variant_ = nullptr;
    qu8_variant_ = nullptr;
    LF_RETURN_IF_ERROR(ExpectQuantized(output, "output"));

    if (in_ == DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectDTypeIn(output, "output",
                                       {DType::kUInt8, DType::kInt8, DType::kInt16}));
      const QuantParams& q = *output.quant;
      if (q.is_per_channel()) {
        LF_RETURN_IF_ERROR(PreparePerChannel(*input, output));
      } else {
        per_channel_ = false;
        scale_ = q.scale0();
        zero_point_ = q.zero_point0();
        if (out_ == DType::kInt8) {
          if (const auto* v = kernels::SelectF32QuantizeQs8(ctx.max_isa())) qs8_variant_ = v->fn;
        } else if (out_ == DType::kUInt8) {
          if (const auto* v = kernels::SelectF32QuantizeQu8(ctx.max_isa())) qu8_variant_ = v->fn;
        }
      }
      return ctx.SetOutputShape(0, input->shape);
    }

    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input",
                                     {DType::kFloat32, DType::kUInt8, DType::kInt8,
                                      DType::kInt16, DType::kInt32}));
    requantize_ = kernels::FindRequantize(in_, out_);
    if (requantize_ == nullptr) {
      return Unimplemented("requantizing {} ({}) to {} ({}) is not supported",
                           Describe(*input, "input"), DTypeName(in_), Describe(output, "output"),
                           DTypeName(out_));
    }
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
    if (in_ == DType::kInt16 && out_ == DType::kInt16 &&
        (input->zero_point() != 0 || output.zero_point() != 0)) {
      return InvalidArgument("int16 {} and {} must have zero point 0 (have {} and {})",
                             Describe(*input, "input"), Describe(output, "output"),
                             input->zero_point(), output.zero_point());
    }
    requantize_params_ = kernels::MakeRequantizeParams(input->scale(), input->zero_point(),
                                                       output.scale(), output.zero_point());
    q8_requantize_ = nullptr;
    if (kernels::Q8RequantizeVectorizable(requantize_params_)) {
      if (const auto* v = kernels::SelectQ8Requantize(in_, out_, ctx.max_isa())) {
        q8_requantize_ = v->fn;
      }
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const size_t n = static_cast<size_t>(in.num_elements());
    if (in_ != DType::kFloat32) {
      if (q8_requantize_ != nullptr) {
        // 8-bit to 8-bit: one byte per element either side.
        ParallelFor(ctx.thread_pool(), static_cast<int64_t>(n), kParallelMinElements,
                    [&](int64_t begin, int64_t end) {
                      q8_requantize_(in.data + begin, static_cast<size_t>(end - begin),
                                     requantize_params_, out.data + begin);
                    });
        return Status::Ok();
      }
      requantize_(in.data, n, requantize_params_, out.data);
      return Status::Ok();
    }
    const float* x = in.data_as<float>();
    if (per_channel_) {
      switch (out_) {
        case DType::kUInt8:
          kernels::f32_quantize_qu8_per_channel__reference(x, dims_, scales_.data(),
                                                           zero_points_.data(),
                                                           out.data_as<uint8_t>());
          break;
        case DType::kInt8:
          kernels::f32_quantize_qs8_per_channel__reference(x, dims_, scales_.data(),
                                                           zero_points_.data(),
                                                           out.data_as<int8_t>());
          break;
        default:
          kernels::f32_quantize_qs16_per_channel__reference(x, dims_, scales_.data(),
                                                            zero_points_.data(),
                                                            out.data_as<int16_t>());
          break;
      }
      return Status::Ok();
    }
    if (qs8_variant_ != nullptr || qu8_variant_ != nullptr) {
      // Contiguous ranges, one per thread, once the tensor is large enough
      // to pay for the hand-off.
      ParallelFor(ctx.thread_pool(), static_cast<int64_t>(n), kParallelMinElements,
                  [&](int64_t begin, int64_t end) {
                    const size_t b = static_cast<size_t>(begin);
                    const size_t count = static_cast<size_t>(end - begin);
                    if (qs8_variant_ != nullptr) {
                      qs8_variant_(x + b, count, scale_, zero_point_, out.data_as<int8_t>() + b);
                    } else {
                      qu8_variant_(x + b, count, scale_, zero_point_, out.data_as<uint8_t>() + b);
                    }
                  });
      return Status::Ok();
    }
    switch (out_) {
      case DType::kUInt8:
        kernels::f32_quantize_qu8__reference(x, n, scale_, zero_point_, out.data_as<uint8_t>());
        break;
      case DType::kInt8:
        kernels::f32_quantize_qs8__reference(x, n, scale_, zero_point_, out.data_as<int8_t>());
        break;
      default:
        kernels::f32_quantize_qs16__reference(x, n, scale_, zero_point_, out.data_as<int16_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  Status PreparePerChannel(const TensorView& input, const TensorView& output) {
    const QuantParams& q = *output.quant;
    const int rank = input.shape.rank();
    const int axis = q.quantized_dimension;
    if (axis < 0 || axis >= rank) {
      return InvalidArgument("{} quantized dimension {} is out of range for rank {}",
                             Describe(output, "output"), axis, rank);
    }
    const size_t channels = q.scale.size();
    if (static_cast<size_t>(input.shape.dim(axis)) != channels) {
      return InvalidArgument("{} has {} scales but dimension {} of {} has size {}",
                             Describe(output, "output"), channels, axis,
                             Describe(input, "input"), input.shape.dim(axis));
    }
    if (q.zero_point.size() != channels && q.zero_point.size() > 1) {
      return InvalidArgument("{} has {} scales and {} zero points", Describe(output, "output"),
                             channels, q.zero_point.size());
    }
    per_channel_ = true;
    scales_ = q.scale;
    zero_points_.assign(channels, q.zero_point0());
    for (size_t c = 0; c < q.zero_point.size() && q.zero_point.size() == channels; ++c) {
      zero_points_[c] = static_cast<int32_t>(q.zero_point[c]);
    }
    dims_.outer = input.shape.Product(0, axis);
    dims_.channels = input.shape.dim(axis);
    dims_.inner = input.shape.Product(axis + 1, rank);
    return Status::Ok();
  }

  DType in_ = DType::kFloat32;
  DType out_ = DType::kInt8;
  // float input
  bool per_channel_ = false;
  float scale_ = 1.f;
  int32_t zero_point_ = 0;
  std::vector<float> scales_;
  std::vector<int32_t> zero_points_;
  kernels::PerChannelDims dims_;
  // Per-tensor SIMD kernels; null: the reference.
  kernels::F32QuantizeQs8Fn qs8_variant_ = nullptr;
  kernels::F32QuantizeQu8Fn qu8_variant_ = nullptr;
  // integer input
  kernels::RequantizeFn requantize_ = nullptr;
  kernels::RequantizeFn q8_requantize_ = nullptr;  // SIMD uint8/int8 -> uint8/int8, or null
  kernels::RequantizeParams requantize_params_;
};

}  // namespace

void RegisterQuantize(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kQuantize, MakeKernel<Quantize>, 1, 4);
}

}  // namespace liteforge::ops
