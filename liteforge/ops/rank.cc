// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RANK: the number of dims of the input, as an int32 scalar (int64 is
// accepted too). Only the input's shape is read.

#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Rank final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_RETURN_IF_ERROR(RequiredInput(ctx, 0, "input").status());
    LF_RETURN_IF_ERROR(ExpectDTypeIn(ctx.output(0), "output", {DType::kInt32, DType::kInt64}));
    return ctx.SetOutputShape(0, Shape());
  }

  Status Eval(EvalContext& ctx) const override {
    const int rank = ctx.input(0)->shape.rank();
    TensorView& output = ctx.output(0);
    if (output.dtype == DType::kInt64) {
      *output.data_as<int64_t>() = rank;
    } else {
      *output.data_as<int32_t>() = rank;
    }
    return Status::Ok();
  }
};

}  // namespace

void RegisterRank(OpResolver& r) { r.AddBuiltin(ir::OpType::kRank, MakeKernel<Rank>, 1, 1); }

}  // namespace liteforge::ops
