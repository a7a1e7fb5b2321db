// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// LEAKY_RELU: out = x >= 0 ? x : alpha * x (LeakyReluOptions::alpha).
//
//   float32  x > 0 ? x : x * alpha.
//   uint8 / int8 / int16  two fixed-point multipliers, input_scale /
//            output_scale for x >= 0 and input_scale * alpha / output_scale
//            for x < 0 (both formed in float as TFLite does), plus the output
//            zero point, clamped to the dtype. int16 needs zero points 0.

#include "liteforge/kernels/activation/reference.h"
#include "liteforge/ops/byte_table.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class LeakyRelu final : public OpKernel {
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
    alpha_ = ctx.options<ir::LeakyReluOptions>().alpha;
    if (dtype_ != DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
      if (dtype_ == DType::kInt16 && (input->zero_point() != 0 || output.zero_point() != 0)) {
        return InvalidArgument("int16 {} and {} must have zero point 0 (have {} and {})",
                               Describe(*input, "input"), Describe(output, "output"),
                               input->zero_point(), output.zero_point());
      }
      params_ = kernels::MakeLeakyReluQuantParams(input->scale(), input->zero_point(),
                                                  output.scale(), output.zero_point(), alpha_);
    }
    table_.BuildFor(dtype_, kernels::qu8_leaky_relu__reference, kernels::qs8_leaky_relu__reference,
                    params_);
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const size_t n = static_cast<size_t>(in.num_elements());
    switch (dtype_) {
      case DType::kFloat32:
        kernels::f32_leaky_relu__reference(in.data_as<float>(), n, alpha_, out.data_as<float>());
        break;
      case DType::kUInt8:
        table_.Apply(in.data_as<uint8_t>(), n, out.data_as<uint8_t>());
        break;
      case DType::kInt8:
        table_.Apply(in.data_as<int8_t>(), n, out.data_as<int8_t>());
        break;
      default:
        kernels::qs16_leaky_relu__reference(in.data_as<int16_t>(), n, params_,
                                            out.data_as<int16_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  ByteTable table_;  // uint8 / int8: the reference kernel, tabulated
  float alpha_ = 0.f;
  kernels::LeakyReluQuantParams params_;
};

}  // namespace

void RegisterLeakyRelu(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kLeakyRelu, MakeKernel<LeakyRelu>, 1, 2);
}

}  // namespace liteforge::ops
