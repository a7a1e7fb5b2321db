// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SELECT (TensorFlow's Where v1): out = condition ? x : y. x and y have
// the same shape, which the output takes; the condition either has that
// shape too, or is a scalar (choosing all of x or all of y), or is a
// vector matching x's first dim (choosing whole slices along it). No other
// broadcasting (that is SELECT_V2).
//
// Values are copied bit for bit (quantization parameters are not looked
// at, as in TFLite), so any fixed-width dtype of 1, 2, 4 or 8 bytes works.

#include <vector>

#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

namespace ew = kernels::elementwise;

class Select final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* cond, RequiredInput(ctx, 0, "condition"));
    LF_ASSIGN_OR_RETURN(const TensorView* x, RequiredInput(ctx, 1, "x"));
    LF_ASSIGN_OR_RETURN(const TensorView* y, RequiredInput(ctx, 2, "y"));
    LF_RETURN_IF_ERROR(ExpectDType(*cond, "condition", DType::kBool));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(
        *x, "x",
        {DType::kFloat32, DType::kInt32, DType::kInt64, DType::kUInt8, DType::kInt8,
         DType::kInt16, DType::kBool, DType::kUInt32, DType::kUInt16, DType::kUInt64,
         DType::kFloat16, DType::kBFloat16, DType::kFloat64, DType::kComplex64}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*x, "x", *y, "y"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*x, "x", ctx.output(0), "output"));
    element_size_ = DTypeSize(x->dtype);
    const bool same_shape = cond->shape == x->shape && x->shape == y->shape;
    if (!same_shape) {
      if (x->shape != y->shape) {
        return InvalidArgument("{} has shape {} but {} has shape {}; SELECT needs them equal",
                               Describe(*x, "x"), x->shape.ToString(), Describe(*y, "y"),
                               y->shape.ToString());
      }
      const bool scalar = cond->shape.rank() == 0;
      const bool per_slice = cond->shape.rank() == 1 && x->shape.rank() >= 1 &&
                             cond->shape.dim(0) == x->shape.dim(0);
      if (!scalar && !per_slice) {
        return InvalidArgument(
            "{} has shape {}; SELECT needs it to equal x's shape {}, be a scalar, or be a "
            "vector of x's first dim",
            Describe(*cond, "condition"), cond->shape.ToString(), x->shape.ToString());
      }
    }
    // A per-slice condition [n] acts as [n, 1, ..., 1] against x.
    Shape cond_shape = cond->shape;
    if (!same_shape && cond_shape.rank() == 1) {
      std::vector<int32_t> dims(static_cast<size_t>(x->shape.rank()), 1);
      dims[0] = cond_shape.dim(0);
      cond_shape = Shape(std::move(dims));
    }
    LF_ASSIGN_OR_RETURN(plan_, ew::MakeBroadcastPlan({&cond_shape, &x->shape, &y->shape}));
    return ctx.SetOutputShape(0, plan_.output_shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const bool* cond = ctx.input(0)->data_as<bool>();
    const uint8_t* x = ctx.input(1)->data;
    const uint8_t* y = ctx.input(2)->data;
    uint8_t* out = ctx.output(0).data;
    switch (element_size_) {
      case 1:
        ew::x8_select__reference(plan_, cond, x, y, out);
        break;
      case 2:
        ew::x16_select__reference(plan_, cond, reinterpret_cast<const uint16_t*>(x),
                                  reinterpret_cast<const uint16_t*>(y),
                                  reinterpret_cast<uint16_t*>(out));
        break;
      case 4:
        ew::x32_select__reference(plan_, cond, reinterpret_cast<const uint32_t*>(x),
                                  reinterpret_cast<const uint32_t*>(y),
                                  reinterpret_cast<uint32_t*>(out));
        break;
      default:
        ew::x64_select__reference(plan_, cond, reinterpret_cast<const uint64_t*>(x),
                                  reinterpret_cast<const uint64_t*>(y),
                                  reinterpret_cast<uint64_t*>(out));
        break;
    }
    return Status::Ok();
  }

 private:
  size_t element_size_ = 4;
  ew::BroadcastPlan plan_;
};

}  // namespace

void RegisterSelect(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kSelect, MakeKernel<Select>, 1, 4);
}

}  // namespace liteforge::ops
