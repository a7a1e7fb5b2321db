// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SQUEEZE: removes dims of size 1 — those listed in squeeze_dims (negative
// entries count from the back; a listed dim that is not 1 is an error), or
// every size-1 dim when the list is empty. The bytes are unchanged.

#include <cstring>

#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Squeeze final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    const Shape& in = input->shape;
    const int rank = in.rank();
    const std::vector<int32_t>& listed = ctx.options<ir::SqueezeOptions>().squeeze_dims;
    std::vector<bool> drop(static_cast<size_t>(rank), false);
    if (listed.empty()) {
      for (int d = 0; d < rank; ++d) drop[d] = in.dim(d) == 1;
    } else {
      for (int32_t raw : listed) {
        LF_ASSIGN_OR_RETURN(const int d, NormalizeAxis(raw, rank, "squeeze_dims entry"));
        if (in.dim(d) != 1) {
          return InvalidArgument("cannot squeeze dim {} of {}: its size is {}, not 1", d,
                                 Describe(*input, "input"), in.dim(d));
        }
        drop[d] = true;
      }
    }
    std::vector<int32_t> dims;
    for (int d = 0; d < rank; ++d) {
      if (!drop[d]) dims.push_back(in.dim(d));
    }
    return ctx.SetOutputShape(0, Shape(std::move(dims)));
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    TensorView& output = ctx.output(0);
    if (input.bytes > 0 && output.data != input.data) std::memcpy(output.data, input.data, input.bytes);
    return Status::Ok();
  }
};

}  // namespace

void RegisterSqueeze(OpResolver& r) { r.AddBuiltin(ir::OpType::kSqueeze, MakeKernel<Squeeze>, 1, 2); }

}  // namespace liteforge::ops
