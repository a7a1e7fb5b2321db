// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// PACK: stacks values_count tensors of one shape into a tensor of rank + 1,
// the new dim at `axis` (in [-(rank + 1), rank]). Values are moved as
// bytes; as in TFLite, quantized inputs must share the output's scale and
// zero point (nothing is rescaled).

#include "liteforge/kernels/data_movement/data_movement_variants.h"
#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

class Pack final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    variant_ = kernels::SelectDataMovement(ctx.max_isa());
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    const auto& opts = ctx.options<ir::PackOptions>();
    const int n = ctx.num_inputs();
    if (n < 1) return InvalidArgument("has no inputs");
    if (opts.values_count != 0 && opts.values_count != n) {
      return InvalidArgument("values_count is {} but the op has {} inputs", opts.values_count, n);
    }
    const TensorView& output = ctx.output(0);
    LF_ASSIGN_OR_RETURN(const TensorView* first, RequiredInput(ctx, 0, "values"));
    elem_ = DTypeSize(first->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size",
                           Describe(*first, "input"), DTypeName(first->dtype));
    }
    LF_RETURN_IF_ERROR(ExpectSameDType(*first, "input", output, "output"));
    for (int i = 0; i < n; ++i) {
      LF_ASSIGN_OR_RETURN(const TensorView* in, RequiredInput(ctx, i, "values"));
      LF_RETURN_IF_ERROR(ExpectSameDType(*in, "input", output, "output"));
      if (in->shape != first->shape) {
        return InvalidArgument("{} has shape {} but input 0 has {}", Describe(*in, "input"),
                               in->shape.ToString(), first->shape.ToString());
      }
      const bool in_q = in->quant != nullptr && !in->quant->empty();
      const bool out_q = output.quant != nullptr && !output.quant->empty();
      if (in_q != out_q ||
          (in_q && (in->quant->scale != output.quant->scale ||
                    in->quant->zero_point0() != output.quant->zero_point0()))) {
        return InvalidArgument("{} has quantization {} but the output has {}; PACK does not rescale",
                               Describe(*in, "input"), in_q ? in->quant->ToString() : "none",
                               out_q ? output.quant->ToString() : "none");
      }
    }
    const int rank = first->shape.rank();
    LF_ASSIGN_OR_RETURN(const int axis, NormalizeAxis(opts.axis, rank + 1, "axis"));
    std::vector<int32_t> dims = first->shape.dims();
    dims.insert(dims.begin() + axis, n);
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, Shape(dims)));
    outer_ = first->shape.Product(0, axis);
    blocks_.assign(static_cast<size_t>(n),
                   static_cast<size_t>(first->shape.Product(axis, rank)) * elem_);
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    std::vector<const uint8_t*> in(blocks_.size());
    for (size_t i = 0; i < in.size(); ++i) in[i] = ctx.input(static_cast<int>(i))->data;
    if (!blocks_.empty() && blocks_[0] > 0) {
      (variant_ != nullptr ? variant_->x8_concat : kernels::x8_concat__reference)(
          outer_, in, blocks_, ctx.output(0).data);
    }
    return Status::Ok();
  }

 private:
  size_t elem_ = 0;
  int64_t outer_ = 1;
  const kernels::DataMovementVariant* variant_ = nullptr;  // null: the reference kernels
  std::vector<size_t> blocks_;
};

}  // namespace

void RegisterPack(OpResolver& r) { r.AddBuiltin(ir::OpType::kPack, MakeKernel<Pack>, 1, 4); }

}  // namespace liteforge::ops
