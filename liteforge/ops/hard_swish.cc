// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// HARD_SWISH: out = x * relu6(x + 3) / 6, elementwise.
//
//   float32  x * min(6, max(0, x + 3)) * (1/6), TFLite's operation order.
//   uint8 / int8  TFLite's 16-bit fixed-point algorithm (see
//            kernels/activation/reference.h); scales that would need a left
//            shift on the output multiplier are rejected, as TFLite does.

#include "liteforge/kernels/activation/reference.h"
#include "liteforge/ops/byte_table.h"
#include "liteforge/ops/float_activation.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class HardSwish final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*input, "input", {DType::kFloat32, DType::kUInt8, DType::kInt8}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    dtype_ = input->dtype;
    f32_variant_ = dtype_ == DType::kFloat32 ? SelectF32Activation(ctx) : nullptr;
    if (dtype_ != DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
      if (!kernels::MakeHardSwishQuantParams(input->scale(), input->zero_point(), output.scale(),
                                             output.zero_point(), &params_)) {
        return InvalidArgument(
            "{} scale {} and {} scale {} need an output multiplier above 1, which the "
            "quantized HARD_SWISH does not support",
            Describe(*input, "input"), input->scale(), Describe(output, "output"), output.scale());
      }
    }
    table_.BuildFor(dtype_, kernels::qu8_hard_swish__reference, kernels::qs8_hard_swish__reference,
                    params_);
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const size_t n = static_cast<size_t>(in.num_elements());
    switch (dtype_) {
      case DType::kFloat32:
        RunF32HardSwish(ctx, f32_variant_, in.data_as<float>(), n, out.data_as<float>());
        break;
      case DType::kUInt8:
        table_.Apply(in.data_as<uint8_t>(), n, out.data_as<uint8_t>());
        break;
      default:
        table_.Apply(in.data_as<int8_t>(), n, out.data_as<int8_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  ByteTable table_;  // uint8 / int8: the reference kernel, tabulated
  const kernels::F32ActivationVariant* f32_variant_ = nullptr;  // null: reference
  kernels::HardSwishQuantParams params_;
};

}  // namespace

void RegisterHardSwish(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kHardSwish, MakeKernel<HardSwish>, 1, 1);
}

}  // namespace liteforge::ops
