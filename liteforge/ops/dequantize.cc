// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// DEQUANTIZE: to float32 from
//   float16 (exact widening; MediaPipe stores weights this way, and the
//            runtime folds a constant input at plan time),
//   uint8 / int8 per tensor or per channel, int16 per tensor (zero point 0),
//   int32 per tensor (not in TFLite's builtin kernel; same arithmetic).
// Per tensor: float(double(scale) * (q - zero_point)), TFLite's x86 kernel;
// per channel: scale[c] * float(q - zero_point[c]) in float.
//
// uint8 / int8 per tensor runs a SIMD variant (kernels/quantize/
// quantize_variants.h, bit-exact with the reference) picked once in Prepare
// under ctx.max_isa(); large tensors are split into contiguous ranges over
// the thread pool.

#include <vector>

#include "liteforge/kernels/quantize/quantize_variants.h"
#include "liteforge/kernels/quantize/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

// Elements below which a DEQUANTIZE stays on the calling thread.
constexpr int64_t kParallelMinElements = 32 * 1024;

class Dequantize final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input",
                                     {DType::kFloat16, DType::kUInt8, DType::kInt8, DType::kInt16,
                                      DType::kInt32}));
    LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kFloat32));
    in_ = input->dtype;
    qs8_variant_ = nullptr;
    qu8_variant_ = nullptr;
    if (in_ != DType::kFloat16) {
      LF_RETURN_IF_ERROR(ExpectQuantized(*input, "input"));
      const QuantParams& q = *input->quant;
      if (q.is_per_channel()) {
        if (in_ != DType::kUInt8 && in_ != DType::kInt8) {
          return Unimplemented("per-channel dequantization of {} is not supported (uint8 and "
                               "int8 only)",
                               Describe(*input, "input"));
        }
        LF_RETURN_IF_ERROR(PreparePerChannel(*input));
      } else {
        per_channel_ = false;
        scale_ = q.scale0();
        zero_point_ = q.zero_point0();
        if (in_ == DType::kInt16 && zero_point_ != 0) {
          return InvalidArgument("int16 {} must have zero point 0, has {}",
                                 Describe(*input, "input"), zero_point_);
        }
        if (kernels::DequantizeVectorizable(zero_point_)) {
          if (in_ == DType::kInt8) {
            if (const auto* v = kernels::SelectQs8Dequantize(ctx.max_isa())) qs8_variant_ = v->fn;
          } else if (in_ == DType::kUInt8) {
            if (const auto* v = kernels::SelectQu8Dequantize(ctx.max_isa())) qu8_variant_ = v->fn;
          }
        }
      }
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    float* y = ctx.output(0).data_as<float>();
    const size_t n = static_cast<size_t>(in.num_elements());
    if (per_channel_) {
      if (in_ == DType::kUInt8) {
        kernels::qu8_dequantize_per_channel__reference(in.data_as<uint8_t>(), dims_,
                                                       scales_.data(), zero_points_.data(), y);
      } else {
        kernels::qs8_dequantize_per_channel__reference(in.data_as<int8_t>(), dims_,
                                                       scales_.data(), zero_points_.data(), y);
      }
      return Status::Ok();
    }
    if (qs8_variant_ != nullptr || qu8_variant_ != nullptr) {
      ParallelFor(ctx.thread_pool(), static_cast<int64_t>(n), kParallelMinElements,
                  [&](int64_t begin, int64_t end) {
                    const size_t b = static_cast<size_t>(begin);
                    const size_t count = static_cast<size_t>(end - begin);
                    if (qs8_variant_ != nullptr) {
                      qs8_variant_(in.data_as<int8_t>() + b, count, scale_, zero_point_, y + b);
                    } else {
                      qu8_variant_(in.data_as<uint8_t>() + b, count, scale_, zero_point_, y + b);
                    }
                  });
      return Status::Ok();
    }
    switch (in_) {
      case DType::kFloat16:
        kernels::f16_dequantize__reference(in.data_as<uint16_t>(), n, y);
        break;
      case DType::kUInt8:
        kernels::qu8_dequantize__reference(in.data_as<uint8_t>(), n, scale_, zero_point_, y);
        break;
      case DType::kInt8:
        kernels::qs8_dequantize__reference(in.data_as<int8_t>(), n, scale_, zero_point_, y);
        break;
      case DType::kInt16:
        kernels::qs16_dequantize__reference(in.data_as<int16_t>(), n, scale_, zero_point_, y);
        break;
      default:
        kernels::qs32_dequantize__reference(in.data_as<int32_t>(), n, scale_, zero_point_, y);
        break;
    }
    return Status::Ok();
  }

 private:
  Status PreparePerChannel(const TensorView& input) {
    const QuantParams& q = *input.quant;
    const int rank = input.shape.rank();
    const int axis = q.quantized_dimension;
    if (axis < 0 || axis >= rank) {
      return InvalidArgument("{} quantized dimension {} is out of range for rank {}",
                             Describe(input, "input"), axis, rank);
    }
    const size_t channels = q.scale.size();
    if (static_cast<size_t>(input.shape.dim(axis)) != channels) {
      return InvalidArgument("{} has {} scales but dimension {} has size {}",
                             Describe(input, "input"), channels, axis, input.shape.dim(axis));
    }
    if (q.zero_point.size() != channels && q.zero_point.size() > 1) {
      return InvalidArgument("{} has {} scales and {} zero points", Describe(input, "input"),
                             channels, q.zero_point.size());
    }
    per_channel_ = true;
    scales_ = q.scale;
    zero_points_.assign(channels, q.zero_point0());
    if (q.zero_point.size() == channels) {
      for (size_t c = 0; c < channels; ++c) zero_points_[c] = static_cast<int32_t>(q.zero_point[c]);
    }
    dims_.outer = input.shape.Product(0, axis);
    dims_.channels = input.shape.dim(axis);
    dims_.inner = input.shape.Product(axis + 1, rank);
    return Status::Ok();
  }

  DType in_ = DType::kInt8;
  bool per_channel_ = false;
  float scale_ = 1.f;
  int32_t zero_point_ = 0;
  std::vector<float> scales_;
  std::vector<int32_t> zero_points_;
  kernels::PerChannelDims dims_;
  // Per-tensor SIMD kernels; null: the reference.
  kernels::Qs8DequantizeFn qs8_variant_ = nullptr;
  kernels::Qu8DequantizeFn qu8_variant_ = nullptr;
};

}  // namespace

void RegisterDequantize(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kDequantize, MakeKernel<Dequantize>, 1, 6);
}

}  // namespace liteforge::ops
