// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// LOG: out = log(x), elementwise.
//
//   float32  logf (non-positive inputs give -inf / NaN, as in C).
//   int8     256-entry table of logf, built in Prepare; inputs <= 0 map to
//            the lowest representable output.
//   int16    513-entry interpolated table (zero points 0), same rule.

#include <array>
#include <limits>

#include "liteforge/kernels/lut.h"
#include "liteforge/kernels/unary/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Log final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*input, "input", {DType::kFloat32, DType::kInt8, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    dtype_ = input->dtype;
    if (dtype_ == DType::kFloat32) return ctx.SetOutputShape(0, input->shape);

    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
    if (dtype_ == DType::kInt16 && (input->zero_point() != 0 || output.zero_point() != 0)) {
      return InvalidArgument("int16 {} and {} must have zero point 0 (have {} and {})",
                             Describe(*input, "input"), Describe(output, "output"),
                             input->zero_point(), output.zero_point());
    }
    // The value taken for log(x <= 0): the output's lowest representable value.
    const int32_t lowest = dtype_ == DType::kInt8 ? std::numeric_limits<int8_t>::min()
                                                  : std::numeric_limits<int16_t>::min();
    const float floor_value = static_cast<float>(lowest - output.zero_point()) * output.scale();
    auto fn = [floor_value](float x) { return kernels::LogForTable(x, floor_value); };
    if (dtype_ == DType::kInt8) {
      kernels::BuildLut8(input->scale(), input->zero_point(), output.scale(), output.zero_point(),
                         fn, s8_table_.data());
    } else {
      kernels::BuildLut16<float>(input->scale(), 0, output.scale(), 0, fn, s16_table_.data());
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const size_t n = static_cast<size_t>(in.num_elements());
    switch (dtype_) {
      case DType::kFloat32:
        kernels::f32_log__reference(in.data_as<float>(), n, out.data_as<float>());
        break;
      case DType::kInt8:
        kernels::ApplyLut8(in.data_as<int8_t>(), n, s8_table_.data(), out.data_as<int8_t>());
        break;
      default:
        kernels::ApplyLut16(in.data_as<int16_t>(), n, s16_table_.data(), out.data_as<int16_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  std::array<int8_t, kernels::kLut8Size> s8_table_{};
  std::array<int16_t, kernels::kLut16Size> s16_table_{};
};

}  // namespace

void RegisterLog(OpResolver& r) { r.AddBuiltin(ir::OpType::kLog, MakeKernel<Log>, 1, 2); }

}  // namespace liteforge::ops
