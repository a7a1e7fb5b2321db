// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SPACE_TO_BATCH_ND: input [B, S_1..S_M, rest...] is zero-padded per
// spatial dim (paddings [M, 2]), then cut into blocks of block_shape [M];
// the position inside the block moves into the batch:
//   output[(shift * B) + b, o_1..o_M, rest] =
//       padded[b, o_1 * k_1 + shift_1, ..., rest]
// with `shift` the row-major index of (shift_1..shift_M). Quantized
// uint8 / int8 / int16 tensors pad with the output zero point, as TFLite's
// kernel does; everything else pads with 0. block_shape and paddings known
// only at run time make the output dynamic.

#include <cstring>

#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/kernels/pad/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class SpaceToBatchNd final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* block, RequiredInput(ctx, 1, "block_shape"));
    LF_ASSIGN_OR_RETURN(const TensorView* paddings, RequiredInput(ctx, 2, "paddings"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*block, "block_shape", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*paddings, "paddings", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectRank(*block, "block_shape", 1));
    const int m = block->shape.dim(0);
    if (paddings->shape.rank() != 2 || paddings->shape.dim(0) != m || paddings->shape.dim(1) != 2) {
      return InvalidArgument("{} has shape {}, expected [{}, 2]", Describe(*paddings, "paddings"),
                             paddings->shape.ToString(), m);
    }
    if (input->shape.rank() < m + 1) {
      return InvalidArgument("{} has rank {}, needs a batch dim and {} spatial dims",
                             Describe(*input, "input"), input->shape.rank(), m);
    }
    elem_ = DTypeSize(input->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    input_shape_ = input->shape;
    pad_value_.assign(elem_, 0);
    const bool quantized = output.quant != nullptr && !output.quant->scale.empty();
    if (quantized && (input->dtype == DType::kUInt8 || input->dtype == DType::kInt8)) {
      pad_value_[0] = static_cast<uint8_t>(output.quant->zero_point0());
    } else if (quantized && input->dtype == DType::kInt16) {
      const int16_t zp = static_cast<int16_t>(output.quant->zero_point0());
      std::memcpy(pad_value_.data(), &zp, sizeof(zp));
    }
    if (!block->is_constant || !paddings->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    Shape out;
    LF_RETURN_IF_ERROR(Plan(ReadInts(*block), ReadInts(*paddings), &geometry_, &out));
    pad_row_ = PadRow(geometry_);
    return ctx.SetOutputShape(0, out);
  }

  Status Eval(EvalContext& ctx) const override {
    if (!dynamic_) {
      kernels::x8_space_to_batch__reference(geometry_, ctx.input(0)->data, pad_row_.data(),
                                            ctx.output(0).data);
      return Status::Ok();
    }
    kernels::SpaceBatchGeometry g;
    Shape out;
    LF_RETURN_IF_ERROR(Plan(ReadInts(*ctx.input(1)), ReadInts(*ctx.input(2)), &g, &out));
    LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out));
    const std::vector<uint8_t> row = PadRow(g);
    kernels::x8_space_to_batch__reference(g, ctx.input(0)->data, row.data(), ctx.output(0).data);
    return Status::Ok();
  }

 private:
  Status Plan(const std::vector<int64_t>& block, const std::vector<int64_t>& pads,
              kernels::SpaceBatchGeometry* g, Shape* out) const {
    const size_t m = block.size();
    const int rank = input_shape_.rank();
    std::vector<int32_t> dims = input_shape_.dims();
    g->batch = input_shape_.dim(0);
    g->block = block;
    g->edge.assign(m, 0);
    g->spatial_in.assign(m, 0);
    g->spatial_out.assign(m, 0);
    int64_t batch = g->batch;
    for (size_t i = 0; i < m; ++i) {
      const int64_t size = input_shape_.dim(static_cast<int>(i) + 1);
      const int64_t before = pads[2 * i], after = pads[2 * i + 1];
      if (block[i] < 1) return InvalidArgument("block_shape[{}] is {}, must be >= 1", i, block[i]);
      if (before < 0 || after < 0) {
        return InvalidArgument("paddings for spatial dim {} are [{}, {}]; must be >= 0", i, before,
                               after);
      }
      const int64_t padded = size + before + after;
      if (padded % block[i] != 0) {
        return InvalidArgument("spatial dim {} padded to {} is not a multiple of block_shape {}",
                               i, padded, block[i]);
      }
      g->edge[i] = before;
      g->spatial_in[i] = size;
      g->spatial_out[i] = padded / block[i];
      batch *= block[i];
      if (batch > std::numeric_limits<int32_t>::max() ||
          g->spatial_out[i] > std::numeric_limits<int32_t>::max()) {
        return InvalidArgument("block_shape and paddings make the output too large");
      }
      dims[i + 1] = static_cast<int32_t>(g->spatial_out[i]);
    }
    dims[0] = static_cast<int32_t>(batch);
    g->row_bytes = static_cast<size_t>(input_shape_.Product(static_cast<int>(m) + 1, rank)) * elem_;
    *out = Shape(std::move(dims));
    return Status::Ok();
  }

  std::vector<uint8_t> PadRow(const kernels::SpaceBatchGeometry& g) const {
    std::vector<uint8_t> row(std::max<size_t>(g.row_bytes, 1));
    kernels::x8_fill_pattern__reference(row.data(), static_cast<int64_t>(g.row_bytes / elem_),
                                        pad_value_.data(), elem_);
    return row;
  }

  size_t elem_ = 0;
  bool dynamic_ = false;
  Shape input_shape_;
  std::vector<uint8_t> pad_value_;
  std::vector<uint8_t> pad_row_;
  kernels::SpaceBatchGeometry geometry_;
};

}  // namespace

void RegisterSpaceToBatchNd(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kSpaceToBatchNd, MakeKernel<SpaceToBatchNd>, 1, 4);
}

}  // namespace liteforge::ops
