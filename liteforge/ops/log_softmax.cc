// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// LOG_SOFTMAX over the last axis: out = x - max - log(sum(exp(x - max))),
// any rank >= 1.
//
//   float32.
//   uint8 / int8: TFLite's default kernel, a float table of
//            exp(-input_scale * d) for d = max - x, logf of the float sum,
//            and rint to the output. The output must have scale 16/256 and
//            zero point 255 (uint8) or 127 (int8), as TFLite requires.
//
// Every type runs a SIMD variant picked in Prepare
// (kernels/softmax/softmax_variants.h: float within its stated tolerance,
// 8-bit bit-exact). Rows are independent and are split over the thread
// pool once a range has enough values.

#include <array>

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

class LogSoftmax final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*input, "input", {DType::kFloat32, DType::kUInt8, DType::kInt8}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    if (input->shape.rank() < 1) {
      return InvalidArgument("{} is a scalar; LOG_SOFTMAX needs at least one dimension",
                             Describe(*input, "input"));
    }
    dtype_ = input->dtype;
    if (dtype_ != DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*input, "input"));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
      const int32_t expected_zp = dtype_ == DType::kUInt8 ? 255 : 127;
      if (output.scale() != 16.0f / 256.0f || output.zero_point() != expected_zp) {
        return InvalidArgument("{} must have scale 16/256 and zero point {} (has {} and {})",
                               Describe(output, "output"), expected_zp, output.scale(),
                               output.zero_point());
      }
      kernels::BuildSoftmaxExpTable(input->scale(), 1.0f, table_.data());
      params_.input_scale = input->scale();
      params_.output_scale = output.scale();
      params_.output_zero_point = output.zero_point();
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
    kernels::LogSoftmax8Params params = params_;
    params.table = table_.data();
    const kernels::SoftmaxVariant* v = variant_;
    SplitRows(ctx, outer, depth, kMinValuesPerChunk, [&](int64_t begin, int64_t end) {
      const int rows = static_cast<int>(end - begin);
      const size_t at = static_cast<size_t>(begin) * depth;
      switch (dtype_) {
        case DType::kFloat32:
          (v != nullptr ? v->f32_log : kernels::f32_log_softmax__reference)(
              in.data_as<float>() + at, rows, depth, out.data_as<float>() + at);
          break;
        case DType::kUInt8:
          (v != nullptr ? v->qu8_log : kernels::qu8_log_softmax__reference)(
              in.data_as<uint8_t>() + at, rows, depth, params, out.data_as<uint8_t>() + at);
          break;
        default:
          (v != nullptr ? v->qs8_log : kernels::qs8_log_softmax__reference)(
              in.data_as<int8_t>() + at, rows, depth, params, out.data_as<int8_t>() + at);
          break;
      }
    });
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  std::array<float, 256> table_{};
  kernels::LogSoftmax8Params params_;
  // The SIMD kernels; null runs the reference kernels.
  const kernels::SoftmaxVariant* variant_ = nullptr;
};

}  // namespace

void RegisterLogSoftmax(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kLogSoftmax, MakeKernel<LogSoftmax>, 1, 2);
}

}  // namespace liteforge::ops
