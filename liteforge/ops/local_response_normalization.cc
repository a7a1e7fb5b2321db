// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// LOCAL_RESPONSE_NORMALIZATION over the last axis of a 4-D float32 tensor:
//   out[c] = x[c] / (bias + alpha * sum_{|k - c| <= radius} x[k]^2)^beta
// with LocalResponseNormalizationOptions {radius, bias, alpha, beta}. The
// window sum is kept as a running sum, as TFLite's kernel does.

#include "liteforge/kernels/softmax/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class LocalResponseNormalization final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input", {DType::kFloat32}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    LF_RETURN_IF_ERROR(ExpectRank(*input, "input", 4));
    options_ = ctx.options<ir::LocalResponseNormalizationOptions>();
    if (options_.radius < 0 || options_.radius > (1 << 20)) {
      return InvalidArgument("radius {} is out of range", options_.radius);
    }
    const int depth = input->shape.dim(3);
    scratch_ = ctx.RequestScratch((static_cast<size_t>(depth) + 2 * options_.radius) *
                                  sizeof(float));
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    const int depth = in.shape.dim(3);
    if (depth == 0 || in.num_elements() == 0) return Status::Ok();
    const int outer = static_cast<int>(in.num_elements() / depth);
    float* scratch = reinterpret_cast<float*>(ctx.scratch(scratch_));
    kernels::f32_local_response_normalization__reference(
        in.data_as<float>(), outer, depth, options_.radius, options_.bias, options_.alpha,
        options_.beta, scratch, out.data_as<float>());
    return Status::Ok();
  }

 private:
  ir::LocalResponseNormalizationOptions options_;
  int scratch_ = -1;
};

}  // namespace

void RegisterLocalResponseNormalization(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kLocalResponseNormalization, MakeKernel<LocalResponseNormalization>,
               1, 1);
}

}  // namespace liteforge::ops
