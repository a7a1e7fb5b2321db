// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The kernel shared by RELU, RELU6, RELU_N1_TO_1 and RELU_0_TO_1, which
// differ only in their float bounds: out = min(max(x, kLower), kUpper).
//
//   float32  a plain clamp (the SIMD activation variants when available).
//   uint8 / int8 / int16  requantize from the input scale to the output
//            scale with a fixed-point multiplier (TFLite computes
//            input_scale / output_scale in float), add the output zero
//            point, then clamp to the quantized bounds
//            out_zp + round(bound / out_scale) intersected with the dtype.
//            int16 needs zero points 0. uint8 / int8 run as a 256-entry
//            table filled by that reference kernel (ByteTable).
//
// Each op's own file registers an instance with its bounds, given as a
// type with `static constexpr float kLower, kUpper` (clang 14, which builds
// the fuzzers, takes no float template arguments).

#pragma once

#include "liteforge/kernels/activation/reference.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/byte_table.h"
#include "liteforge/ops/float_activation.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {

template <typename Bounds>
class ClampActivationOp final : public OpKernel {
  static constexpr float kLower = Bounds::kLower;
  static constexpr float kUpper = Bounds::kUpper;

 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(
        *input, "input", {DType::kFloat32, DType::kUInt8, DType::kInt8, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    dtype_ = input->dtype;
    f32_variant_ = dtype_ == DType::kFloat32 ? SelectF32Activation(ctx) : nullptr;
    if (dtype_ != DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
      if (dtype_ == DType::kInt16 && (input->zero_point() != 0 || output.zero_point() != 0)) {
        return InvalidArgument("int16 {} and {} must have zero point 0 (have {} and {})",
                               Describe(*input, "input"), Describe(output, "output"),
                               input->zero_point(), output.zero_point());
      }
      const QuantRange range = DTypeRange(dtype_);
      params_ =
          kernels::MakeReluQuantParams(input->scale(), input->zero_point(), output.scale(),
                                       output.zero_point(), kLower, kUpper, range.min, range.max);
      table_.BuildFor(dtype_, kernels::qu8_relu__reference, kernels::qs8_relu__reference, params_);
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    switch (dtype_) {
      case DType::kFloat32:
        RunF32Clamp(ctx, f32_variant_, in.data_as<float>(), static_cast<size_t>(in.num_elements()),
                    kLower, kUpper, out.data_as<float>());
        break;
      case DType::kUInt8:
      case DType::kInt8:
        table_.Apply(in, out);
        break;
      default:
        kernels::qs16_relu__reference(in.data_as<int16_t>(), static_cast<size_t>(in.num_elements()),
                                      params_, out.data_as<int16_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  ByteTable table_;  // uint8 / int8: the reference kernel, tabulated
  const kernels::F32ActivationVariant* f32_variant_ = nullptr;  // null: reference
  kernels::ReluQuantParams params_;
};

}  // namespace liteforge::ops
