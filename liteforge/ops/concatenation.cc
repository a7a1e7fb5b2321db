// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// CONCATENATION: joins tensors of equal rank along one axis (negative axes
// count from the back; rank-0 inputs with axis 0 make a vector). Any
// fixed-size dtype is moved as bytes.
//
// Quantized inputs whose scale or zero point differ from the output's are
// rescaled the way TFLite's uint8 kernel does (ConcatenationWithScaling):
// in float, q_out = round(q_in * (s_in / s_out) - z_in * (s_in / s_out)) +
// z_out, clamped. TFLite only does this for uint8 and rejects mismatched
// int8 / int16 parameters; liteforge applies the same rule to all three.
// TFLite also rejects fused activations here; liteforge applies RELU,
// RELU6 and RELU_N1_TO_1 (float and quantized outputs) as a clamp.
//
// The copies and the uint8 / int8 rescaling run a SIMD variant
// (kernels/data_movement/data_movement_variants.h, bit-exact) picked in
// Prepare.

#include <optional>

#include "liteforge/kernels/data_movement/data_movement_variants.h"
#include "liteforge/kernels/data_movement/reference.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

bool SameQuant(const QuantParams& a, const QuantParams& b) {
  return a.scale == b.scale && a.zero_point0() == b.zero_point0() &&
         (a.scale.size() <= 1 || a.quantized_dimension == b.quantized_dimension);
}

class Concatenation final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    variant_ = kernels::SelectDataMovement(ctx.max_isa());
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    const int n = ctx.num_inputs();
    if (n < 1) return InvalidArgument("has no inputs");
    const TensorView& output = ctx.output(0);
    std::vector<const TensorView*> inputs(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      LF_ASSIGN_OR_RETURN(inputs[i], RequiredInput(ctx, i, "values"));
      LF_RETURN_IF_ERROR(ExpectSameDType(*inputs[i], "input", output, "output"));
    }
    const size_t elem = DTypeSize(output.dtype);
    if (elem == 0) {
      return Unimplemented("{} is {}, which has no fixed element size",
                           Describe(output, "output"), DTypeName(output.dtype));
    }

    const TensorView& first = *inputs[0];
    const int rank = first.shape.rank();
    const int32_t raw_axis = ctx.options<ir::ConcatenationOptions>().axis;
    int axis = 0;
    if (rank == 0) {
      if (raw_axis != 0 && raw_axis != -1) {
        return InvalidArgument("axis {} is out of range for scalar inputs", raw_axis);
      }
    } else {
      LF_ASSIGN_OR_RETURN(axis, NormalizeAxis(raw_axis, rank, "axis"));
    }

    std::vector<int32_t> out_dims = first.shape.dims();
    int64_t axis_total = 0;
    for (int i = 0; i < n; ++i) {
      const TensorView& in = *inputs[i];
      if (in.shape.rank() != rank) {
        return InvalidArgument("{} has rank {} but input 0 has rank {}", Describe(in, "input"),
                               in.shape.rank(), rank);
      }
      for (int d = 0; d < rank; ++d) {
        if (d != axis && in.shape.dim(d) != first.shape.dim(d)) {
          return InvalidArgument("{} has shape {}, which differs from input 0 {} outside axis {}",
                                 Describe(in, "input"), in.shape.ToString(),
                                 first.shape.ToString(), axis);
        }
      }
      axis_total += rank == 0 ? 1 : in.shape.dim(axis);
    }
    if (axis_total > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("the concatenated axis would have {} elements", axis_total);
    }
    if (rank == 0) {
      out_dims = {static_cast<int32_t>(axis_total)};
    } else {
      out_dims[axis] = static_cast<int32_t>(axis_total);
    }
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, Shape(out_dims)));

    // Geometry: `outer` repeats of one block per input.
    outer_ = rank == 0 ? 1 : first.shape.Product(0, axis);
    const int64_t inner = rank == 0 ? 1 : first.shape.Product(axis + 1, rank);
    block_elems_.clear();
    block_bytes_.clear();
    for (const TensorView* in : inputs) {
      const int64_t along = rank == 0 ? 1 : in->shape.dim(axis);
      block_elems_.push_back(static_cast<size_t>(along * inner));
      block_bytes_.push_back(static_cast<size_t>(along * inner) * elem);
    }
    total_elems_ = Shape(out_dims).NumElements();
    return PrepareValues(inputs, output, ctx.options<ir::ConcatenationOptions>().activation);
  }

  Status Eval(EvalContext& ctx) const override {
    TensorView& output = ctx.output(0);
    const int n = ctx.num_inputs();
    std::vector<const uint8_t*> in(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) in[i] = ctx.input(i)->data;
    if (total_elems_ == 0) return Status::Ok();
    switch (mode_) {
      case Mode::kCopy:
        (variant_ != nullptr ? variant_->x8_concat : kernels::x8_concat__reference)(
            outer_, in, block_bytes_, output.data);
        break;
      case Mode::kCopyClampFloat:
        (variant_ != nullptr ? variant_->x8_concat : kernels::x8_concat__reference)(
            outer_, in, block_bytes_, output.data);
        kernels::f32_clamp__reference(output.data_as<float>(), total_elems_, float_min_, float_max_);
        break;
      case Mode::kQuantized:
        return EvalQuantized(in, output);
    }
    return Status::Ok();
  }

 private:
  enum class Mode { kCopy, kCopyClampFloat, kQuantized };

  Status PrepareValues(const std::vector<const TensorView*>& inputs, const TensorView& output,
                       ir::Activation activation) {
    const DType dtype = output.dtype;
    const bool quantized_type =
        dtype == DType::kUInt8 || dtype == DType::kInt8 || dtype == DType::kInt16;
    const bool has_quant = output.quant != nullptr && !output.quant->scale.empty();
    if (dtype == DType::kFloat32) {
      LF_ASSIGN_OR_RETURN(FloatRange range, ActivationRangeFloat(activation));
      mode_ = activation == ir::Activation::kNone ? Mode::kCopy : Mode::kCopyClampFloat;
      float_min_ = range.min;
      float_max_ = range.max;
      return Status::Ok();
    }
    if (!quantized_type || !has_quant) {
      if (activation != ir::Activation::kNone) {
        return Unimplemented("fused activation {} needs a float32 or quantized output, {} is {}",
                             ir::ActivationName(activation), Describe(output, "output"),
                             DTypeName(dtype));
      }
      mode_ = Mode::kCopy;
      return Status::Ok();
    }
    LF_ASSIGN_OR_RETURN(QuantRange range, ActivationRangeQuantized(activation, output));
    act_min_ = range.min;
    act_max_ = range.max;
    requant_.assign(inputs.size(), kernels::ConcatRequant{});
    bool any_requant = false;
    for (size_t i = 0; i < inputs.size(); ++i) {
      const TensorView& in = *inputs[i];
      if (in.quant != nullptr && SameQuant(*in.quant, *output.quant)) continue;
      if (in.quant == nullptr || in.quant->scale.size() != 1 || output.quant->scale.size() != 1) {
        return Unimplemented(
            "{} has quantization {} but the output has {}; only per-tensor parameters can be "
            "rescaled", Describe(in, "input"), in.quant ? in.quant->ToString() : "none",
            output.quant->ToString());
      }
      kernels::ConcatRequant& r = requant_[i];
      r.copy = false;
      r.scale = in.quant->scale0() * (1.f / output.quant->scale0());
      r.bias = static_cast<float>(-in.quant->zero_point0()) * r.scale;
      r.output_zero_point = output.quant->zero_point0();
      any_requant = true;
    }
    const QuantRange full = DTypeRange(dtype);
    mode_ = any_requant || range.min != full.min || range.max != full.max ? Mode::kQuantized
                                                                            : Mode::kCopy;
    return Status::Ok();
  }

  Status EvalQuantized(const std::vector<const uint8_t*>& in, TensorView& output) const {
    switch (output.dtype) {
      case DType::kUInt8: {
        auto* kernel = variant_ != nullptr ? variant_->qu8_concat_requant
                                           : kernels::qu8_concat_requant__reference;
        kernel(outer_, in, block_elems_, requant_, act_min_, act_max_, output.data);
        break;
      }
      case DType::kInt8: {
        std::vector<const int8_t*> p(in.size());
        for (size_t i = 0; i < in.size(); ++i) p[i] = reinterpret_cast<const int8_t*>(in[i]);
        auto* kernel = variant_ != nullptr ? variant_->qs8_concat_requant
                                           : kernels::qs8_concat_requant__reference;
        kernel(outer_, p, block_elems_, requant_, act_min_, act_max_, output.data_as<int8_t>());
        break;
      }
      default: {
        std::vector<const int16_t*> p(in.size());
        for (size_t i = 0; i < in.size(); ++i) p[i] = reinterpret_cast<const int16_t*>(in[i]);
        kernels::qs16_concat_requant__reference(outer_, p, block_elems_, requant_, act_min_,
                                                act_max_, output.data_as<int16_t>());
        break;
      }
    }
    return Status::Ok();
  }

  Mode mode_ = Mode::kCopy;
  const kernels::DataMovementVariant* variant_ = nullptr;  // null: the reference kernels
  int64_t outer_ = 1;
  int64_t total_elems_ = 0;
  std::vector<size_t> block_elems_;
  std::vector<size_t> block_bytes_;
  std::vector<kernels::ConcatRequant> requant_;
  float float_min_ = 0.f, float_max_ = 0.f;
  int32_t act_min_ = 0, act_max_ = 0;
};

}  // namespace

void RegisterConcatenation(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kConcatenation, MakeKernel<Concatenation>, 1, 5);
}

}  // namespace liteforge::ops
