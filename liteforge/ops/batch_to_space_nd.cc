// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// BATCH_TO_SPACE_ND: the inverse of SPACE_TO_BATCH_ND. Input
// [B * prod(block), S_1..S_M, rest...] with block_shape [M] and crops
// [M, 2]; input batch (shift * B) + b fills the positions
// s_i * k_i + shift_i of output batch b, and the crops are then removed:
// output [B, S_1 * k_1 - crop_1 ..., rest]. block_shape and crops known only
// at run time make the output dynamic. Values are moved as bytes.

#include "liteforge/kernels/pad/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class BatchToSpaceNd final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* block, RequiredInput(ctx, 1, "block_shape"));
    LF_ASSIGN_OR_RETURN(const TensorView* crops, RequiredInput(ctx, 2, "crops"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*block, "block_shape", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*crops, "crops", {DType::kInt32, DType::kInt64}));
    LF_RETURN_IF_ERROR(ExpectRank(*block, "block_shape", 1));
    const int m = block->shape.dim(0);
    if (crops->shape.rank() != 2 || crops->shape.dim(0) != m || crops->shape.dim(1) != 2) {
      return InvalidArgument("{} has shape {}, expected [{}, 2]", Describe(*crops, "crops"),
                             crops->shape.ToString(), m);
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
    if (!block->is_constant || !crops->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    Shape out;
    LF_RETURN_IF_ERROR(Plan(ReadInts(*block), ReadInts(*crops), &geometry_, &out));
    return ctx.SetOutputShape(0, out);
  }

  Status Eval(EvalContext& ctx) const override {
    const kernels::SpaceBatchGeometry* g = &geometry_;
    kernels::SpaceBatchGeometry dynamic_geometry;
    if (dynamic_) {
      Shape out;
      LF_RETURN_IF_ERROR(
          Plan(ReadInts(*ctx.input(1)), ReadInts(*ctx.input(2)), &dynamic_geometry, &out));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out));
      g = &dynamic_geometry;
    }
    kernels::x8_batch_to_space__reference(*g, ctx.input(0)->data, ctx.output(0).data);
    return Status::Ok();
  }

 private:
  Status Plan(const std::vector<int64_t>& block, const std::vector<int64_t>& crops,
              kernels::SpaceBatchGeometry* g, Shape* out) const {
    const size_t m = block.size();
    const int rank = input_shape_.rank();
    std::vector<int32_t> dims = input_shape_.dims();
    int64_t blocks = 1;
    for (size_t i = 0; i < m; ++i) {
      if (block[i] < 1) return InvalidArgument("block_shape[{}] is {}, must be >= 1", i, block[i]);
      blocks *= block[i];
      if (blocks > std::numeric_limits<int32_t>::max()) {
        return InvalidArgument("block_shape is too large");
      }
    }
    const int64_t in_batch = input_shape_.dim(0);
    if (in_batch % blocks != 0) {
      return InvalidArgument("input batch {} is not a multiple of the block size {}", in_batch,
                             blocks);
    }
    g->batch = in_batch / blocks;
    g->block = block;
    g->edge.assign(m, 0);
    g->spatial_in.assign(m, 0);
    g->spatial_out.assign(m, 0);
    dims[0] = static_cast<int32_t>(g->batch);
    for (size_t i = 0; i < m; ++i) {
      const int64_t size = input_shape_.dim(static_cast<int>(i) + 1);
      const int64_t before = crops[2 * i], after = crops[2 * i + 1];
      const int64_t full = size * block[i];
      if (before < 0 || after < 0 || before + after > full) {
        return InvalidArgument("crops [{}, {}] do not fit spatial dim {} of size {}", before,
                               after, i, full);
      }
      if (full - before - after > std::numeric_limits<int32_t>::max()) {
        return InvalidArgument("block_shape makes the output too large");
      }
      g->edge[i] = before;
      g->spatial_in[i] = size;
      g->spatial_out[i] = full - before - after;
      dims[i + 1] = static_cast<int32_t>(g->spatial_out[i]);
    }
    g->row_bytes = static_cast<size_t>(input_shape_.Product(static_cast<int>(m) + 1, rank)) * elem_;
    *out = Shape(std::move(dims));
    return Status::Ok();
  }

  size_t elem_ = 0;
  bool dynamic_ = false;
  Shape input_shape_;
  kernels::SpaceBatchGeometry geometry_;
};

}  // namespace

void RegisterBatchToSpaceNd(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kBatchToSpaceNd, MakeKernel<BatchToSpaceNd>, 1, 4);
}

}  // namespace liteforge::ops
