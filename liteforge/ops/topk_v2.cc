// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TOPK_V2: the k largest values along the innermost dim, in decreasing
// order, and their indices (equal values: lower index first, as TFLite).
// Inputs: input (rank >= 1), k (one int32 or int16 value). Outputs:
// values (the input's dtype) and indices (int32 or int16), both shaped like
// the input with the last dim replaced by max(k, 0). k larger than the last
// dim is an error. A k known only at run time makes the outputs dynamic.
//
// float32, uint8, int8, int16, int32 and int64 inputs; quantized values are
// ranked raw (one scale and zero point preserve the order).

#include <algorithm>
#include <vector>

#include "liteforge/kernels/arg_minmax/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class TopKV2 final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 2));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* k, RequiredInput(ctx, 1, "k"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*input, "input",
                                     {DType::kFloat32, DType::kUInt8, DType::kInt8,
                                      DType::kInt16, DType::kInt32, DType::kInt64}));
    if (input->shape.rank() < 1) {
      return InvalidArgument("{} is a scalar; TOPK_V2 needs at least one dim",
                             Describe(*input, "input"));
    }
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "values"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(ctx.output(1), "indices", {DType::kInt32, DType::kInt16}));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*k, "k", {DType::kInt32, DType::kInt16}));
    if (k->num_elements() != 1) {
      return InvalidArgument("{} has {} elements, expected exactly one", Describe(*k, "k"),
                             k->num_elements());
    }
    dtype_ = input->dtype;
    index_dtype_ = ctx.output(1).dtype;
    row_size_ = input->shape.dim(input->shape.rank() - 1);
    rows_ = row_size_ > 0 ? input->num_elements() / row_size_ : 0;
    scratch_id_ = ctx.RequestScratch(static_cast<size_t>(row_size_) * sizeof(int32_t));
    dynamic_ = !k->is_constant || k->data == nullptr;
    if (dynamic_) {
      ctx.MarkOutputDynamic(0);
      ctx.MarkOutputDynamic(1);
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(k_, ReadK(*k));
    const Shape out = OutputShape(input->shape, k_);
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, out));
    return ctx.SetOutputShape(1, out);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    int32_t k = k_;
    if (dynamic_) {
      LF_ASSIGN_OR_RETURN(k, ReadK(*ctx.input(1)));
      const Shape out = OutputShape(input.shape, k);
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(1, out));
    }
    if (k <= 0 || rows_ == 0) return Status::Ok();
    int32_t* order = reinterpret_cast<int32_t*>(ctx.scratch(scratch_id_));
    if (index_dtype_ == DType::kInt32) {
      Run(k, input, ctx.output(0), ctx.output(1).data_as<int32_t>(), order);
    } else {
      Run(k, input, ctx.output(0), ctx.output(1).data_as<int16_t>(), order);
    }
    return Status::Ok();
  }

 private:
  Result<int32_t> ReadK(const TensorView& k) const {
    const int32_t value =
        k.dtype == DType::kInt16 ? k.data_as<int16_t>()[0] : k.data_as<int32_t>()[0];
    if (value > row_size_) {
      return InvalidArgument("k is {} but the innermost dim has only {} values", value,
                             row_size_);
    }
    if (index_dtype_ == DType::kInt16 && row_size_ > 32768) {
      return InvalidArgument("int16 indices cannot address a row of {} values", row_size_);
    }
    return value;
  }

  static Shape OutputShape(const Shape& in, int32_t k) {
    std::vector<int32_t> dims = in.dims();
    dims.back() = std::max(k, int32_t{0});
    return Shape(std::move(dims));
  }

  template <typename I>
  void Run(int32_t k, const TensorView& input, TensorView& values, I* indices,
           int32_t* order) const {
    switch (dtype_) {
      case DType::kFloat32:
        kernels::topk__reference(rows_, row_size_, k, input.data_as<float>(),
                                 values.data_as<float>(), indices, order);
        break;
      case DType::kUInt8:
        kernels::topk__reference(rows_, row_size_, k, input.data_as<uint8_t>(),
                                 values.data_as<uint8_t>(), indices, order);
        break;
      case DType::kInt8:
        kernels::topk__reference(rows_, row_size_, k, input.data_as<int8_t>(),
                                 values.data_as<int8_t>(), indices, order);
        break;
      case DType::kInt16:
        kernels::topk__reference(rows_, row_size_, k, input.data_as<int16_t>(),
                                 values.data_as<int16_t>(), indices, order);
        break;
      case DType::kInt32:
        kernels::topk__reference(rows_, row_size_, k, input.data_as<int32_t>(),
                                 values.data_as<int32_t>(), indices, order);
        break;
      default:
        kernels::topk__reference(rows_, row_size_, k, input.data_as<int64_t>(),
                                 values.data_as<int64_t>(), indices, order);
        break;
    }
  }

  DType dtype_ = DType::kFloat32;
  DType index_dtype_ = DType::kInt32;
  int32_t row_size_ = 0;
  int64_t rows_ = 0;
  int32_t k_ = 0;
  bool dynamic_ = false;  // k is read in Eval
  int scratch_id_ = -1;
};

}  // namespace

// Versions 1-3 as TFLite registers them (v2 int8, v3 int16).
void RegisterTopKV2(OpResolver& r) { r.AddBuiltin(ir::OpType::kTopKV2, MakeKernel<TopKV2>, 1, 3); }

}  // namespace liteforge::ops
