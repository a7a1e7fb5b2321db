// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RSQRT: out = 1 / sqrt(x), elementwise.
//
//   float32  1 / sqrtf(x).
//   int8     fixed point: 1/sqrt(q - zp) from TFLite's inverse-square-root
//            Newton iteration, rescaled by 1/(sqrt(in_scale) * out_scale);
//            q == zp gives 127. An input below the zero point is a run-time
//            error, as in TFLite.
//   int16    513-entry interpolated table of 1/sqrtf (zero points 0); inputs
//            <= 0 map to 32767; negative inputs are a run-time error.

#include <array>
#include <limits>

#include "liteforge/kernels/lut.h"
#include "liteforge/kernels/unary/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Rsqrt final : public OpKernel {
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
    if (dtype_ == DType::kInt8) {
      params_ = kernels::MakeRsqrtQuantParams(input->scale(), input->zero_point(), output.scale(),
                                              output.zero_point());
    } else {
      if (input->zero_point() != 0 || output.zero_point() != 0) {
        return InvalidArgument("int16 {} and {} must have zero point 0 (have {} and {})",
                               Describe(*input, "input"), Describe(output, "output"),
                               input->zero_point(), output.zero_point());
      }
      const float ceiling = static_cast<float>(std::numeric_limits<int16_t>::max()) *
                            output.scale();
      auto fn = [ceiling](float x) { return kernels::RsqrtForTable(x, ceiling); };
      kernels::BuildLut16<float>(input->scale(), 0, output.scale(), 0, fn, s16_table_.data());
    }
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const size_t n = static_cast<size_t>(in.num_elements());
    size_t bad = n;
    switch (dtype_) {
      case DType::kFloat32:
        kernels::f32_rsqrt__reference(in.data_as<float>(), n, out.data_as<float>());
        break;
      case DType::kInt8:
        bad = kernels::qs8_rsqrt__reference(in.data_as<int8_t>(), n, params_,
                                            out.data_as<int8_t>());
        break;
      default: {
        const int16_t* x = in.data_as<int16_t>();
        for (size_t i = 0; i < n; ++i) {
          if (x[i] < 0) {
            bad = i;
            break;
          }
        }
        if (bad == n) kernels::ApplyLut16(x, n, s16_table_.data(), out.data_as<int16_t>());
        break;
      }
    }
    if (bad != n) {
      return InvalidArgument("RSQRT of a negative value: {} element {} is below the zero point",
                             Describe(in, "input"), bad);
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  kernels::RsqrtQuantParams params_;
  std::array<int16_t, kernels::kLut16Size> s16_table_{};
};

}  // namespace

void RegisterRsqrt(OpResolver& r) { r.AddBuiltin(ir::OpType::kRsqrt, MakeKernel<Rsqrt>, 1, 3); }

}  // namespace liteforge::ops
