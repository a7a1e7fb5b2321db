// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SOFTMAX over the last axis: out = exp(beta * (x - max)) / sum(...)
// (SoftmaxOptions::beta), any rank >= 1.
//
//   float32 -> float32.
//   uint8 -> uint8 / int16, int8 -> int8 / int16: TFLite's default kernel,
//            a float table of exp(-input_scale * beta * d) for the 256
//            distances d = max - x, float sum and normalization, then
//            quantization (int8 output needs zero point -128 and scale
//            ~1/256).
//   int16 -> int16 (rank <= 4, zero points 0, output scale ~2^-15): TFLite's
//            integer kernel with 513-entry exp and 1/(1+x) tables.
//
// float32 and the 8-bit types run a SIMD variant picked in Prepare
// (kernels/softmax/softmax_variants.h: float within its stated tolerance,
// 8-bit bit-exact); int16 runs the reference. Rows are independent and are
// split over the thread pool once a range has enough values.

#include <array>
#include <cmath>

#include "liteforge/kernels/lut.h"
#include "liteforge/kernels/quant_math.h"
#include "liteforge/kernels/softmax/reference.h"
#include "liteforge/kernels/softmax/softmax_variants.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/ops/row_split.h"

namespace liteforge::ops {
namespace {

// Row values a thread should get before the rows are split (a few
// microseconds of work).
constexpr int64_t kMinValuesPerChunk = 16 * 1024;

class Softmax final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input",
                                     {DType::kFloat32, DType::kUInt8, DType::kInt8, DType::kInt16}));
    if (input->shape.rank() < 1) {
      return InvalidArgument("{} is a scalar; SOFTMAX needs at least one dimension",
                             Describe(*input, "input"));
    }
    in_ = input->dtype;
    out_ = output.dtype;
    beta_ = ctx.options<ir::SoftmaxOptions>().beta;
    const bool supported = (in_ == out_) || ((in_ == DType::kUInt8 || in_ == DType::kInt8) &&
                                              out_ == DType::kInt16);
    if (!supported) {
      return Unimplemented("{} is {} and {} is {}; SOFTMAX supports matching types, or "
                           "uint8/int8 input with int16 output",
                           Describe(*input, "input"), DTypeName(in_), Describe(output, "output"),
                           DTypeName(out_));
    }
    if (in_ != DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
    }
    if (in_ == DType::kInt8 && out_ == DType::kInt8) {
      if (output.zero_point() != -128 ||
          std::fabs(output.scale() - 1.0f / 256) > 0.001f * 1.0f / 256) {
        return InvalidArgument("int8 {} must have scale 1/256 and zero point -128 (has {} and {})",
                               Describe(output, "output"), output.scale(), output.zero_point());
      }
    }
    if (in_ == DType::kUInt8 || in_ == DType::kInt8) {
      kernels::BuildSoftmaxExpTable(input->scale(), beta_, table_.data());
      params8_.output_scale = output.scale();
      params8_.output_zero_point = output.zero_point();
    } else if (in_ == DType::kInt16) {
      if (input->shape.rank() > 4) {
        return Unimplemented("int16 SOFTMAX supports 1 to 4 dims; {} has {}",
                             Describe(*input, "input"), input->shape.rank());
      }
      if (input->zero_point() != 0 || output.zero_point() != 0 ||
          std::fabs(output.scale() - 1.0f / 32768) > 0.001f * 1.0f / 32768) {
        return InvalidArgument(
            "int16 SOFTMAX needs zero points 0 and output scale 1/32768 ({} zero point {}, {} "
            "scale {} zero point {})",
            Describe(*input, "input"), input->zero_point(), Describe(output, "output"),
            output.scale(), output.zero_point());
      }
      kernels::BuildSoftmax16Tables(exp_table_.data(), reciprocal_table_.data());
      // [-65535, 0] after rescaling spans [-10, 0]; the product is in float.
      const float scaled_beta = input->scale() * beta_;
      kernels::QuantizeMultiplier(static_cast<double>(scaled_beta) / (10.0 / 65535.0),
                                  &params16_.input_multiplier, &params16_.input_shift);
    }
    variant_ = kernels::SelectSoftmax(ctx.max_isa());
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const int depth = in.shape.dim(in.shape.rank() - 1);
    if (depth == 0 || in.num_elements() == 0) return Status::Ok();
    const int outer = static_cast<int>(in.num_elements() / depth);
    // The tables are members; point at them here so the parameters never
    // outlive or dangle from a moved kernel.
    kernels::Softmax8Params params8 = params8_;
    params8.table = table_.data();
    kernels::Softmax16Params params16 = params16_;
    params16.exp_table = exp_table_.data();
    params16.reciprocal_table = reciprocal_table_.data();
    const kernels::SoftmaxVariant* v = variant_;
    SplitRows(ctx, outer, depth, kMinValuesPerChunk, [&](int64_t begin, int64_t end) {
      const int rows = static_cast<int>(end - begin);
      const size_t at = static_cast<size_t>(begin) * depth;
      if (in_ == DType::kFloat32) {
        (v != nullptr ? v->f32 : kernels::f32_softmax__reference)(
            in.data_as<float>() + at, rows, depth, beta_, out.data_as<float>() + at);
      } else if (in_ == DType::kInt16) {
        kernels::qs16_softmax__reference(in.data_as<int16_t>() + at, rows, depth, params16,
                                         out.data_as<int16_t>() + at);
      } else if (in_ == DType::kUInt8) {
        if (out_ == DType::kUInt8) {
          (v != nullptr ? v->qu8 : kernels::qu8_softmax__reference)(
              in.data_as<uint8_t>() + at, rows, depth, params8, out.data_as<uint8_t>() + at);
        } else {
          (v != nullptr ? v->qu8_qs16 : kernels::qu8_softmax_qs16__reference)(
              in.data_as<uint8_t>() + at, rows, depth, params8, out.data_as<int16_t>() + at);
        }
      } else if (out_ == DType::kInt8) {
        (v != nullptr ? v->qs8 : kernels::qs8_softmax__reference)(
            in.data_as<int8_t>() + at, rows, depth, params8, out.data_as<int8_t>() + at);
      } else {
        (v != nullptr ? v->qs8_qs16 : kernels::qs8_softmax_qs16__reference)(
            in.data_as<int8_t>() + at, rows, depth, params8, out.data_as<int16_t>() + at);
      }
    });
    return Status::Ok();
  }

 private:
  DType in_ = DType::kFloat32;
  DType out_ = DType::kFloat32;
  float beta_ = 1.f;
  std::array<float, 256> table_{};
  kernels::Softmax8Params params8_;
  std::array<int16_t, kernels::kLut16Size> exp_table_{};
  std::array<int16_t, kernels::kLut16Size> reciprocal_table_{};
  kernels::Softmax16Params params16_;
  // The float32 / 8-bit SIMD kernels; null runs the reference kernels.
  const kernels::SoftmaxVariant* variant_ = nullptr;
};

}  // namespace

void RegisterSoftmax(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kSoftmax, MakeKernel<Softmax>, 1, 3);
}

}  // namespace liteforge::ops
