// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// POW: input1 ^ input2 with NumPy broadcasting. float32 calls powf; int32
// evaluates pow in double and truncates back (TFLite's std::pow on ints),
// and a negative int32 exponent fails the invoke with an error, as in
// TFLite.

#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

class Pow final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* a, RequiredInput(ctx, 0, "input1"));
    LF_ASSIGN_OR_RETURN(const TensorView* b, RequiredInput(ctx, 1, "input2"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*a, "input1", {DType::kFloat32, DType::kInt32}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", *b, "input2"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*a, "input1", ctx.output(0), "output"));
    dtype_ = a->dtype;
    LF_ASSIGN_OR_RETURN(plan_, ew::MakeBroadcastPlan({&a->shape, &b->shape}));
    return ctx.SetOutputShape(0, plan_.output_shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& a = *ctx.input(0);
    const TensorView& b = *ctx.input(1);
    TensorView& out = ctx.output(0);
    if (dtype_ == DType::kFloat32) {
      ew::f32_pow__reference(plan_, a.data_as<float>(), b.data_as<float>(), out.data_as<float>());
      return Status::Ok();
    }
    const int32_t* exponents = b.data_as<int32_t>();
    const int64_t n = b.num_elements();
    for (int64_t i = 0; i < n; ++i) {
      if (exponents[i] < 0) {
        return InvalidArgument("{} element {} is {}; int32 POW needs non-negative exponents",
                               Describe(b, "input2"), i, exponents[i]);
      }
    }
    ew::s32_pow__reference(plan_, a.data_as<int32_t>(), exponents, out.data_as<int32_t>());
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
  ew::BroadcastPlan plan_;
};

}  // namespace

void RegisterPow(OpResolver& r) { r.AddBuiltin(ir::OpType::kPow, MakeKernel<Pow>, 1, 1); }

}  // namespace liteforge::ops
