// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// CUMSUM: running sums along `axis` (second input, an int32 scalar;
// negative counts from the back). exclusive: each output excludes its own
// element (the first is 0); reverse: sums run from the end. float32, int32
// and int64, as in TFLite; floats are added one element at a time in axis
// order, as TFLite's kernel does, so results match its rounding. Integer
// sums wrap. The axis may be known only at run time.

#include "liteforge/kernels/scan/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Cumsum final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* axis, RequiredInput(ctx, 1, "axis"));
    LF_RETURN_IF_ERROR(
        ExpectDTypeIn(*input, "input", {DType::kFloat32, DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*axis, "axis", {DType::kInt32, DType::kInt64}));
    if (axis->num_elements() != 1) {
      return InvalidArgument("{} must hold one value, has shape {}", Describe(*axis, "axis"),
                             axis->shape.ToString());
    }
    const auto& opts = ctx.options<ir::CumsumOptions>();
    exclusive_ = opts.exclusive;
    reverse_ = opts.reverse;
    dtype_ = input->dtype;
    input_shape_ = input->shape;
    runtime_axis_ = !axis->is_constant;
    if (!runtime_axis_) {
      LF_ASSIGN_OR_RETURN(geometry_, Plan(ReadInts(*axis)[0]));
    }
    return ctx.SetOutputShape(0, input_shape_);
  }

  Status Eval(EvalContext& ctx) const override {
    kernels::ScanGeometry g = geometry_;
    if (runtime_axis_) {
      LF_ASSIGN_OR_RETURN(g, Plan(ReadInts(*ctx.input(1))[0]));
    }
    const TensorView& in = *ctx.input(0);
    TensorView& out = ctx.output(0);
    switch (dtype_) {
      case DType::kFloat32:
        kernels::f32_cumsum__reference(g, exclusive_, reverse_, in.data_as<float>(),
                                       out.data_as<float>());
        break;
      case DType::kInt32:
        kernels::s32_cumsum__reference(g, exclusive_, reverse_, in.data_as<int32_t>(),
                                       out.data_as<int32_t>());
        break;
      default:
        kernels::s64_cumsum__reference(g, exclusive_, reverse_, in.data_as<int64_t>(),
                                       out.data_as<int64_t>());
        break;
    }
    return Status::Ok();
  }

 private:
  Result<kernels::ScanGeometry> Plan(int64_t raw_axis) const {
    const int rank = input_shape_.rank();
    if (rank == 0) {  // a scalar: its own running sum
      if (raw_axis != 0 && raw_axis != -1) {
        return InvalidArgument("axis {} is out of range for a scalar input", raw_axis);
      }
      return kernels::ScanGeometry{1, 1, 1};
    }
    LF_ASSIGN_OR_RETURN(const int axis, NormalizeAxis(raw_axis, rank, "axis"));
    return kernels::ScanGeometry{input_shape_.Product(0, axis), input_shape_.dim(axis),
                                 input_shape_.Product(axis + 1, rank)};
  }

  bool exclusive_ = false;
  bool reverse_ = false;
  bool runtime_axis_ = false;
  DType dtype_ = DType::kFloat32;
  Shape input_shape_;
  kernels::ScanGeometry geometry_;
};

}  // namespace

void RegisterCumsum(OpResolver& r) { r.AddBuiltin(ir::OpType::kCumsum, MakeKernel<Cumsum>, 1, 1); }

}  // namespace liteforge::ops
