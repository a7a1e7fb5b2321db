// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ADD_N: the elementwise sum of two or more tensors of one shape and dtype
// (float32, or int32 with wrapping), accumulated in input order. No
// broadcasting, as in TFLite.

#include <vector>

#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

class AddN final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    const int n = ctx.num_inputs();
    if (n < 2) return InvalidArgument("has {} inputs, expected at least 2", n);
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* first, RequiredInput(ctx, 0, "input 0"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*first, "input 0", {DType::kFloat32, DType::kInt32}));
    for (int i = 1; i < n; ++i) {
      const std::string role = "input " + std::to_string(i);
      LF_ASSIGN_OR_RETURN(const TensorView* t, RequiredInput(ctx, i, role));
      LF_RETURN_IF_ERROR(ExpectSameDType(*first, "input 0", *t, role));
      if (t->shape != first->shape) {
        return InvalidArgument("{} has shape {} but {} has shape {}; ADD_N needs equal shapes",
                               Describe(*t, role), t->shape.ToString(),
                               Describe(*first, "input 0"), first->shape.ToString());
      }
    }
    LF_RETURN_IF_ERROR(ExpectSameDType(*first, "input 0", ctx.output(0), "output"));
    dtype_ = first->dtype;
    return ctx.SetOutputShape(0, first->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const int n = ctx.num_inputs();
    const size_t size = static_cast<size_t>(ctx.output(0).num_elements());
    if (dtype_ == DType::kFloat32) {
      std::vector<const float*> inputs(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) inputs[i] = ctx.input(i)->data_as<float>();
      ew::f32_add_n__reference(inputs.data(), n, size, ctx.output(0).data_as<float>());
    } else {
      std::vector<const int32_t*> inputs(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) inputs[i] = ctx.input(i)->data_as<int32_t>();
      ew::s32_add_n__reference(inputs.data(), n, size, ctx.output(0).data_as<int32_t>());
    }
    return Status::Ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
};

}  // namespace

void RegisterAddN(OpResolver& r) { r.AddBuiltin(ir::OpType::kAddN, MakeKernel<AddN>, 1, 1); }

}  // namespace liteforge::ops
