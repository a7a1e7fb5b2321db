// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// WHERE (one input): the coordinates of every non-zero (true) element of
// the condition, in row-major order, as an int64 [count, rank] tensor. The
// condition may be bool or any numeric type (floats: +0 and -0 are zero).
// The count depends on the values, so the output is dynamic unless the
// condition is a constant.

#include "liteforge/kernels/scan/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

Result<kernels::NonzeroTest> TestFor(const TensorView& t) {
  switch (t.dtype) {
    case DType::kFloat32: return kernels::NonzeroTest::kFloat32;
    case DType::kFloat64: return kernels::NonzeroTest::kFloat64;
    case DType::kFloat16: return kernels::NonzeroTest::kFloat16;
    case DType::kBFloat16: return kernels::NonzeroTest::kBFloat16;
    default: break;
  }
  switch (DTypeSize(t.dtype)) {
    case 1: return kernels::NonzeroTest::kBits8;
    case 2: return kernels::NonzeroTest::kBits16;
    case 4: return kernels::NonzeroTest::kBits32;
    case 8: return kernels::NonzeroTest::kBits64;
    default:
      return Unimplemented("{} is {}, which WHERE cannot test", Describe(t, "condition"),
                           DTypeName(t.dtype));
  }
}

class Where final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* cond, RequiredInput(ctx, 0, "condition"));
    LF_RETURN_IF_ERROR(ExpectDType(ctx.output(0), "output", DType::kInt64));
    LF_ASSIGN_OR_RETURN(test_, TestFor(*cond));
    if (!cond->is_constant) {
      ctx.MarkOutputDynamic(0);
      dynamic_ = true;
      return Status::Ok();
    }
    const int64_t count = kernels::x_count_nonzero__reference(test_, cond->data, cond->num_elements());
    return ctx.SetOutputShape(0, Shape({static_cast<int32_t>(count), cond->shape.rank()}));
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& cond = *ctx.input(0);
    if (dynamic_) {
      const int64_t count = kernels::x_count_nonzero__reference(test_, cond.data, cond.num_elements());
      LF_RETURN_IF_ERROR(
          ctx.ResizeOutput(0, Shape({static_cast<int32_t>(count), cond.shape.rank()})));
    }
    kernels::x_where__reference(test_, cond.data, cond.shape.dims(), ctx.output(0).data_as<int64_t>());
    return Status::Ok();
  }

 private:
  kernels::NonzeroTest test_ = kernels::NonzeroTest::kBits8;
  bool dynamic_ = false;
};

}  // namespace

void RegisterWhere(OpResolver& r) { r.AddBuiltin(ir::OpType::kWhere, MakeKernel<Where>, 1, 2); }

}  // namespace liteforge::ops
