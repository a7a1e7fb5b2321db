// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// RESHAPE: same elements, new shape. The shape comes from the second input
// when it is a non-empty 1-D tensor, else from the new_shape attribute (old
// converters wrote a [0]-shaped placeholder input). One entry may be -1 and
// is inferred. A shape known only at run time makes the output dynamic.

#include <cstring>

#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

Result<Shape> ResolveShape(std::vector<int64_t> dims, int64_t num_elements) {
  int stretch = -1;
  int64_t known = 1;
  std::vector<int32_t> out(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == -1) {
      if (stretch >= 0) return InvalidArgument("new shape has more than one -1 dimension");
      stretch = static_cast<int>(i);
      continue;
    }
    if (dims[i] < 0 || dims[i] > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("new shape dimension {} is {}", i, dims[i]);
    }
    known *= dims[i];
    if (known > (int64_t{1} << 40)) return InvalidArgument("new shape is too large");
    out[i] = static_cast<int32_t>(dims[i]);
  }
  if (stretch >= 0) {
    if (known == 0 || num_elements % known != 0) {
      return InvalidArgument("cannot infer the -1 dimension: {} elements do not divide by {}",
                             num_elements, known);
    }
    out[stretch] = static_cast<int32_t>(num_elements / known);
    known *= out[stretch];
  }
  if (known != num_elements) {
    return InvalidArgument("new shape {} has {} elements, the input has {}",
                           Shape(out).ToString(), known, num_elements);
  }
  return Shape(std::move(out));
}

class Reshape final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 1, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", ctx.output(0), "output"));
    const TensorView* shape = ctx.input(1);
    if (shape != nullptr && shape->shape.rank() == 1 && shape->shape.dim(0) > 0) {
      LF_RETURN_IF_ERROR(ExpectDTypeIn(*shape, "shape", {DType::kInt32, DType::kInt64}));
      if (!shape->is_constant) {
        ctx.MarkOutputDynamic(0);
        return Status::Ok();
      }
      LF_ASSIGN_OR_RETURN(Shape out, ResolveShape(ReadInts(*shape), input->num_elements()));
      return ctx.SetOutputShape(0, out);
    }
    const auto& opts = ctx.options<ir::ReshapeOptions>();
    if (!opts.new_shape) {
      if (shape != nullptr && shape->shape.rank() == 1 && shape->shape.dim(0) == 0) {
        // An empty shape tensor and no attribute: reshape to a scalar.
        LF_ASSIGN_OR_RETURN(Shape out, ResolveShape({}, input->num_elements()));
        return ctx.SetOutputShape(0, out);
      }
      return InvalidArgument("has neither a shape input nor a new_shape attribute");
    }
    std::vector<int64_t> dims(opts.new_shape->begin(), opts.new_shape->end());
    LF_ASSIGN_OR_RETURN(Shape out, ResolveShape(std::move(dims), input->num_elements()));
    return ctx.SetOutputShape(0, out);
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(0);
    TensorView& output = ctx.output(0);
    if (output.data == nullptr || output.bytes != input.bytes) {
      // Dynamic: the shape tensor's values are known now.
      LF_ASSIGN_OR_RETURN(Shape out, ResolveShape(ReadInts(*ctx.input(1)), input.num_elements()));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out));
    }
    if (input.bytes > 0 && output.data != input.data) {
      std::memcpy(output.data, input.data, input.bytes);
    }
    return Status::Ok();
  }
};

}  // namespace

void RegisterReshape(OpResolver& r) { r.AddBuiltin(ir::OpType::kReshape, MakeKernel<Reshape>, 1, 1); }

}  // namespace liteforge::ops
