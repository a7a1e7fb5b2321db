// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// DENSIFY: turns a sparse constant (a tensor with sparsity metadata in the
// model: traversal order, block map, DENSE / SPARSE_CSR levels) into the
// dense tensor it encodes. The input view's shape is the dense shape and
// its bytes are the stored values; the metadata is read from the IR
// (ctx.subgraph()), validated once in Prepare, and every segment and index
// is checked while expanding (see kernels/densify). Any fixed-size dtype
// (float32, float16 and int8 in practice). Since the input is a constant
// the runtime evaluates this op while planning.

#include "liteforge/kernels/densify/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Densify final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    LF_RETURN_IF_ERROR(ExpectConstant(*input, "input"));
    elem_ = DTypeSize(input->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    const ir::Subgraph& sg = ctx.subgraph();
    const int32_t t = ctx.op().inputs[0];
    if (t < 0 || t >= static_cast<int32_t>(sg.tensors.size()) || !sg.tensors[t].sparsity) {
      return InvalidArgument("{} has no sparsity metadata", Describe(*input, "input"));
    }
    const ir::Sparsity& sparsity = *sg.tensors[t].sparsity;
    if (input->bytes % elem_ != 0) {
      return InvalidArgument("{} holds {} bytes, not a whole number of {} values",
                             Describe(*input, "input"), input->bytes, DTypeName(input->dtype));
    }
    num_values_ = static_cast<int64_t>(input->bytes / elem_);
    std::vector<kernels::SparseLevel> levels;
    for (const ir::SparseDim& dim : sparsity.dim_metadata) {
      kernels::SparseLevel level;
      level.compressed = dim.format == ir::SparseDim::Format::kSparseCsr;
      level.dense_size = dim.dense_size;
      level.segments = dim.array_segments;
      level.indices = dim.array_indices;
      levels.push_back(level);
    }
    LF_RETURN_IF_ERROR_CTX(kernels::MakeDensifyPlan(input->shape.dims(), sparsity.traversal_order,
                                                    sparsity.block_map, std::move(levels), &plan_),
                           "{}", Describe(*input, "input"));
    return ctx.SetOutputShape(0, input->shape);
  }

  Status Eval(EvalContext& ctx) const override {
    Status status = kernels::x8_densify__reference(plan_, ctx.input(0)->data, num_values_, elem_,
                                                   ctx.output(0).data);
    if (!status.ok()) return std::move(status).AddContext(Describe(*ctx.input(0), "input"));
    return Status::Ok();
  }

 private:
  size_t elem_ = 0;
  int64_t num_values_ = 0;
  kernels::DensifyPlan plan_;
};

}  // namespace

void RegisterDensify(OpResolver& r) { r.AddBuiltin(ir::OpType::kDensify, MakeKernel<Densify>, 1, 1); }

}  // namespace liteforge::ops
