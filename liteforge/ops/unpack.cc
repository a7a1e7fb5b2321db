// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// UNPACK: splits a tensor along `axis` into its num slices, each of rank
// - 1 (the inverse of PACK). Values are moved as bytes.

#include "liteforge/kernels/data_movement/data_movement_variants.h"
#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Unpack final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    variant_ = kernels::SelectDataMovement(ctx.max_isa());
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    const auto& opts = ctx.options<ir::UnpackOptions>();
    const int rank = input->shape.rank();
    if (rank < 1) return InvalidArgument("{} is a scalar; nothing to unpack", Describe(*input, "input"));
    LF_ASSIGN_OR_RETURN(const int axis, NormalizeAxis(opts.axis, rank, "axis"));
    const int num = input->shape.dim(axis);
    if (ctx.num_outputs() != num || (opts.num != 0 && opts.num != num)) {
      return InvalidArgument("dim {} of {} has size {} but the op has {} outputs (num = {})", axis,
                             Describe(*input, "input"), num, ctx.num_outputs(), opts.num);
    }
    const size_t elem = DTypeSize(input->dtype);
    if (elem == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    std::vector<int32_t> dims = input->shape.dims();
    dims.erase(dims.begin() + axis);
    for (int i = 0; i < num; ++i) {
      LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(i), "output"));
      LF_RETURN_IF_ERROR(ctx.SetOutputShape(i, Shape(dims)));
    }
    outer_ = input->shape.Product(0, axis);
    blocks_.assign(static_cast<size_t>(num),
                   static_cast<size_t>(input->shape.Product(axis + 1, rank)) * elem);
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    std::vector<uint8_t*> outs(blocks_.size());
    for (size_t i = 0; i < outs.size(); ++i) outs[i] = ctx.output(static_cast<int>(i)).data;
    if (!blocks_.empty() && blocks_[0] > 0) {
      (variant_ != nullptr ? variant_->x8_split : kernels::x8_split__reference)(
          outer_, ctx.input(0)->data, outs, blocks_);
    }
    return Status::Ok();
  }

 private:
  int64_t outer_ = 1;
  const kernels::DataMovementVariant* variant_ = nullptr;  // null: the reference kernels
  std::vector<size_t> blocks_;
};

}  // namespace

void RegisterUnpack(OpResolver& r) { r.AddBuiltin(ir::OpType::kUnpack, MakeKernel<Unpack>, 1, 4); }

}  // namespace liteforge::ops
