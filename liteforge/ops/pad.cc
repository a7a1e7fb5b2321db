// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// PAD and PADV2 (one op family in TFLite, one kernel here): pads each dim
// with paddings[d] = [before, after] (an int32 or int64 [rank, 2] tensor,
// entries >= 0). The pad value is
//   - PADV2's constant_values input (one element of the input's type, used
//     as raw bits; a quantized value must share the output's parameters,
//     as TFLite requires);
//   - otherwise the output zero point for quantized uint8 / int8 / int16
//     tensors (so the padding means real 0), and 0 for everything else.
// Paddings known only at run time make the output dynamic. Any fixed-size
// dtype and rank. The copy runs a SIMD variant (kernels/pad/pad_variants.h,
// byte-identical) picked in Prepare.

#include <cstring>

#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/kernels/pad/pad_variants.h"
#include "liteforge/kernels/pad/reference.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

bool HasQuant(const TensorView& t) { return t.quant != nullptr && !t.quant->scale.empty(); }

// Validated paddings of an input of rank `rank` into before/after lists.
Status ReadPaddings(const std::vector<int64_t>& values, const Shape& in,
                    std::vector<int64_t>* before, std::vector<int64_t>* after, Shape* out) {
  const int rank = in.rank();
  before->assign(static_cast<size_t>(rank), 0);
  after->assign(static_cast<size_t>(rank), 0);
  std::vector<int32_t> dims(static_cast<size_t>(rank));
  for (int d = 0; d < rank; ++d) {
    const int64_t b = values[2 * d], a = values[2 * d + 1];
    if (b < 0 || a < 0) {
      return InvalidArgument("paddings for dim {} are [{}, {}]; padding must be >= 0", d, b, a);
    }
    const int64_t size = in.dim(d) + b + a;
    if (size > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("padding dim {} to {} elements is too large", d, size);
    }
    (*before)[d] = b;
    (*after)[d] = a;
    dims[d] = static_cast<int32_t>(size);
  }
  *out = Shape(std::move(dims));
  return Status::Ok();
}

class Pad final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* input, RequiredInput(ctx, 0, "input"));
    LF_ASSIGN_OR_RETURN(const TensorView* paddings, RequiredInput(ctx, 1, "paddings"));
    const TensorView& output = ctx.output(0);
    LF_RETURN_IF_ERROR(ExpectSameDType(*input, "input", output, "output"));
    LF_RETURN_IF_ERROR(ExpectDTypeIn(*paddings, "paddings", {DType::kInt32, DType::kInt64}));
    const int rank = input->shape.rank();
    if (paddings->shape.rank() != 2 || paddings->shape.dim(0) != rank ||
        paddings->shape.dim(1) != 2) {
      return InvalidArgument("{} has shape {}, expected [{}, 2]", Describe(*paddings, "paddings"),
                             paddings->shape.ToString(), rank);
    }
    elem_ = DTypeSize(input->dtype);
    if (elem_ == 0) {
      return Unimplemented("{} is {}, which has no fixed element size", Describe(*input, "input"),
                           DTypeName(input->dtype));
    }
    input_shape_ = input->shape;
    const kernels::PadVariant* variant = kernels::SelectPad(ctx.max_isa());
    pad_ = variant != nullptr ? variant->x8_pad : kernels::x8_pad__reference;

    // The pad value, as the raw bytes of one element.
    pad_value_.assign(elem_, 0);
    value_input_ = false;
    const TensorView* value = ctx.num_inputs() > 2 ? ctx.input(2) : nullptr;
    if (value != nullptr) {
      LF_RETURN_IF_ERROR(ExpectSameDType(*value, "constant_values", *input, "input"));
      if (value->num_elements() != 1) {
        return InvalidArgument("{} must hold one value, has shape {}",
                               Describe(*value, "constant_values"), value->shape.ToString());
      }
      if (HasQuant(*value) && HasQuant(output) &&
          (value->quant->scale0() != output.quant->scale0() ||
           value->quant->zero_point0() != output.quant->zero_point0())) {
        return InvalidArgument("{} has quantization {} but the output has {}",
                               Describe(*value, "constant_values"), value->quant->ToString(),
                               output.quant->ToString());
      }
      if (value->is_constant) {
        std::memcpy(pad_value_.data(), value->data, elem_);
      } else {
        value_input_ = true;
      }
    } else if (HasQuant(output) && (input->dtype == DType::kUInt8 || input->dtype == DType::kInt8 ||
                                    input->dtype == DType::kInt16)) {
      const int32_t zp = output.quant->zero_point0();
      const QuantRange range = DTypeRange(input->dtype);
      if (zp < range.min || zp > range.max) {
        return InvalidArgument("{} zero point {} does not fit {}", Describe(output, "output"), zp,
                               DTypeName(output.dtype));
      }
      if (input->dtype == DType::kInt16) {
        const int16_t v = static_cast<int16_t>(zp);
        std::memcpy(pad_value_.data(), &v, sizeof(v));
      } else {
        pad_value_[0] = static_cast<uint8_t>(zp);  // two's complement for int8
      }
    }

    if (!paddings->is_constant) {
      dynamic_ = true;
      ctx.MarkOutputDynamic(0);
      return Status::Ok();
    }
    Shape out;
    LF_RETURN_IF_ERROR(Plan(ReadInts(*paddings), &geometry_, &out));
    if (!value_input_) pad_element_ = Element(geometry_, pad_value_.data());
    return ctx.SetOutputShape(0, out);
  }

  Status Eval(EvalContext& ctx) const override {
    const kernels::PadGeometry* g = &geometry_;
    kernels::PadGeometry dynamic_geometry;
    if (dynamic_) {
      Shape out;
      LF_RETURN_IF_ERROR(Plan(ReadInts(*ctx.input(1)), &dynamic_geometry, &out));
      LF_RETURN_IF_ERROR(ctx.ResizeOutput(0, out));
      g = &dynamic_geometry;
    }
    const uint8_t* value = value_input_ ? ctx.input(2)->data : pad_value_.data();
    if (dynamic_ || value_input_) {
      const std::vector<uint8_t> element = Element(*g, value);
      pad_(*g, ctx.input(0)->data, element.data(), ctx.output(0).data);
    } else {
      pad_(*g, ctx.input(0)->data, pad_element_.data(), ctx.output(0).data);
    }
    return Status::Ok();
  }

 private:
  Status Plan(const std::vector<int64_t>& values, kernels::PadGeometry* g, Shape* out) const {
    std::vector<int64_t> before, after;
    LF_RETURN_IF_ERROR(ReadPaddings(values, input_shape_, &before, &after, out));
    *g = kernels::MakePadGeometry(input_shape_.dims(), before, after, elem_);
    return Status::Ok();
  }

  // One folded element of the geometry filled with the pad value.
  std::vector<uint8_t> Element(const kernels::PadGeometry& g, const uint8_t* value) const {
    std::vector<uint8_t> element(std::max<size_t>(g.element_bytes, 1));
    kernels::x8_fill_pattern__reference(element.data(), static_cast<int64_t>(g.fold), value, elem_);
    return element;
  }

  using PadFn = void (*)(const kernels::PadGeometry&, const uint8_t*, const uint8_t*, uint8_t*);
  PadFn pad_ = kernels::x8_pad__reference;
  size_t elem_ = 0;
  bool dynamic_ = false;
  bool value_input_ = false;  // the pad value is known only at run time
  Shape input_shape_;
  std::vector<uint8_t> pad_value_;
  std::vector<uint8_t> pad_element_;
  kernels::PadGeometry geometry_;
};

}  // namespace

void RegisterPad(OpResolver& r) { r.AddBuiltin(ir::OpType::kPad, MakeKernel<Pad>, 1, 5); }
void RegisterPadV2(OpResolver& r) { r.AddBuiltin(ir::OpType::kPadV2, MakeKernel<Pad>, 1, 5); }

}  // namespace liteforge::ops
