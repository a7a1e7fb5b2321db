// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ARG_MAX and ARG_MIN (one TFLite op family, one kernel): the index of the
// largest / smallest value along `axis` (a one-element int32 or int64
// input, negative counts from the back); the output drops that dim. Ties
// pick the lowest index. Output indices are int32 or int64 (the output
// tensor's dtype; output_type, when the model sets it, must agree).
//
// Inputs: float32, uint8, int8, int16, int32 and bool. Quantized inputs are
// compared raw, which orders them like their real values (one scale, one
// zero point). An axis known only at run time makes the output dynamic.

#include <algorithm>
#include <vector>

#include "liteforge/kernels/arg_minmax/arg_minmax_variants.h"
#include "liteforge/kernels/arg_minmax/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/ops/row_split.h"

namespace liteforge::ops {
namespace {

// Input values a thread should scan before the outer positions are split.
constexpr int64_t kMinValuesPerChunk = 64 * 1024;

template <bool kIsMax>
class ArgMinMax final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* axis, RequiredInput(ctx, 1, "axis"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input",
                                     {DType::kFloat32, DType::kUInt8, DType::kInt8, DType::kInt16,
                                      DType::kInt32, DType::kBool}));
    if (input->shape.rank() < 1) {
      return InvalidArgument("{} is a scalar; there is no axis to search",
                             Describe(*input, "input"));
    }
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*axis, "axis", {DType::kInt32, DType::kInt64}));
    if (axis->num_elements() != 1) {
      return InvalidArgument("{} has {} elements, expected exactly one", Describe(*axis, "axis"),
                             axis->num_elements());
    }
    LF_RETURN_IF_ERROR(ExpectDTypeIn(output, "output", {DType::kInt32, DType::kInt64}));
    const DType wanted = ctx.options<ir::OutputTypeOptions>().output_type;
    if (wanted != DType::kFloat32 && wanted != output.dtype) {
      return InvalidArgument("output_type is {} but {} is {}", DTypeName(wanted),
                             Describe(output, "output"), DTypeName(output.dtype));
    }
    in_dtype_ = input->dtype;
    out_dtype_ = output.dtype;
    variant_ = kernels::SelectArgMinMax(ctx.max_isa());
    dynamic_ = !axis->is_constant || axis->data == nullptr;
    if (dynamic_) {
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    Shape out_shape;
    LF_RETURN_IF_ERROR(Plan(*input, *axis, &shape_, &out_shape));
    return ctx.SetOutputShape(0, out_shape);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    kernels::ArgMinMaxShape s = shape_;
    if (dynamic_) {
      Shape out_shape;
      LF_RETURN_IF_ERROR(Plan(input, *ctx.input(1), &s, &out_shape));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out_shape));
    }
    TensorView& output = ctx.output(0);
    if (output.num_elements() == 0) return Status::Ok();
    // Outer positions are independent: split them over the pool once a
    // chunk has enough values to scan.
    const int64_t per_outer = s.axis_size * s.inner;
    SplitRows(ctx, s.outer, per_outer, kMinValuesPerChunk, [&](int64_t begin, int64_t end) {
      kernels::ArgMinMaxShape part = s;
      part.outer = end - begin;
      const size_t in_offset = static_cast<size_t>(begin * per_outer);
      const size_t out_offset = static_cast<size_t>(begin * s.inner);
      if (out_dtype_ == DType::kInt32) {
        Run(part, input, in_offset, output.data_as<int32_t>() + out_offset);
      } else {
        Run(part, input, in_offset, output.data_as<int64_t>() + out_offset);
      }
    });
    return Status::Ok();
  }

 private:
  static Status Plan(const TensorView& input, const TensorView& axis_tensor,
                     kernels::ArgMinMaxShape* s, Shape* out_shape) {
    const int rank = input.shape.rank();
    LF_ASSIGN_OR_RETURN(int axis, NormalizeAxis(ReadInts(axis_tensor)[0], rank, "axis"));
    if (input.shape.dim(axis) == 0) {
      return InvalidArgument("{} has an empty axis {} {}; there is no index to return",
                             Describe(input, "input"), axis, input.shape.ToString());
    }
    s->outer = input.shape.Product(0, axis);
    s->axis_size = input.shape.dim(axis);
    s->inner = input.shape.Product(axis + 1, rank);
    std::vector<int32_t> dims;
    for (int i = 0; i < rank; ++i) {
      if (i != axis) dims.push_back(input.shape.dim(i));
    }
    *out_shape = Shape(std::move(dims));
    return Status::Ok();
  }

  // `s` over the input elements starting at `in_offset`, with the SIMD
  // variant picked in Prepare where there is one for the input type.
  template <typename I>
  void Run(const kernels::ArgMinMaxShape& s, const TensorView& input, size_t in_offset,
           I* out) const {
    const kernels::ArgMinMaxVariant* v = variant_;
    constexpr bool kI32 = sizeof(I) == 4;
    switch (in_dtype_) {
      case DType::kFloat32:
        if (v != nullptr) {
          if constexpr (kI32) {
            v->f32_i32(s, kIsMax, input.data_as<float>() + in_offset, out);
          } else {
            v->f32_i64(s, kIsMax, input.data_as<float>() + in_offset, out);
          }
        } else {
          kernels::f32_argminmax__reference(s, kIsMax, input.data_as<float>() + in_offset, out);
        }
        break;
      case DType::kUInt8:
        if (v != nullptr) {
          if constexpr (kI32) {
            v->u8_i32(s, kIsMax, input.data_as<uint8_t>() + in_offset, out);
          } else {
            v->u8_i64(s, kIsMax, input.data_as<uint8_t>() + in_offset, out);
          }
        } else {
          kernels::u8_argminmax__reference(s, kIsMax, input.data_as<uint8_t>() + in_offset, out);
        }
        break;
      case DType::kInt8:
        if (v != nullptr) {
          if constexpr (kI32) {
            v->s8_i32(s, kIsMax, input.data_as<int8_t>() + in_offset, out);
          } else {
            v->s8_i64(s, kIsMax, input.data_as<int8_t>() + in_offset, out);
          }
        } else {
          kernels::s8_argminmax__reference(s, kIsMax, input.data_as<int8_t>() + in_offset, out);
        }
        break;
      case DType::kInt16:
        kernels::s16_argminmax__reference(s, kIsMax, input.data_as<int16_t>() + in_offset, out);
        break;
      case DType::kInt32:
        if (v != nullptr) {
          if constexpr (kI32) {
            v->s32_i32(s, kIsMax, input.data_as<int32_t>() + in_offset, out);
          } else {
            v->s32_i64(s, kIsMax, input.data_as<int32_t>() + in_offset, out);
          }
        } else {
          kernels::s32_argminmax__reference(s, kIsMax, input.data_as<int32_t>() + in_offset, out);
        }
        break;
      default:
        kernels::b8_argminmax__reference(s, kIsMax, input.data_as<bool>() + in_offset, out);
        break;
    }
  }

  DType in_dtype_ = DType::kFloat32;
  DType out_dtype_ = DType::kInt64;
  bool dynamic_ = false;  // the axis is read in Eval
  kernels::ArgMinMaxShape shape_;
  const kernels::ArgMinMaxVariant* variant_ = nullptr;  // null: the reference kernels
};

}  // namespace

// Versions 1-3 as TFLite registers them (v2 int8, v3 bool).
void RegisterArgMax(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kArgMax, MakeKernel<ArgMinMax<true>>, 1, 3);
}

void RegisterArgMin(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kArgMin, MakeKernel<ArgMinMax<false>>, 1, 3);
}

}  // namespace liteforge::ops
