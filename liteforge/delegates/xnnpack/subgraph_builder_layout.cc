// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Ops that move or convert data as XNNPACK nodes: RESHAPE, SQUEEZE and
// EXPAND_DIMS (all a static reshape to the declared output shape), PAD and
// PADV2 with constant paddings, RESIZE_BILINEAR, DEPTH_TO_SPACE, and
// QUANTIZE/DEQUANTIZE between float32 and int8/uint8 (XNNPACK's convert).
//
// CONCATENATION is missing on purpose: this XNNPACK (Debian 12's
// 0.0~git20220216) has no concatenate node, so liteforge runs it between
// two partitions.

#include <cstring>

#include "liteforge/delegates/xnnpack/subgraph_builder.h"

namespace liteforge::delegates::xnnpack {

Status SubgraphBuilder::DefineReshapeLike(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 1, 2, 1));
  const int32_t in = op.inputs[0], out = op.outputs[0];
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  LF_RETURN_IF_ERROR(ExpectSameQuant(in, out));
  const Shape& is = tensor(in).shape;
  const Shape& os = tensor(out).shape;
  if (is.NumElements() != os.NumElements()) {
    return Unimplemented("{}: {} and {} differ in size", op.DisplayName(), is.ToString(),
                         os.ToString());
  }
  // The declared output shape is the answer whatever the shape operand
  // says; liteforge's own kernel checked the two agree for these shapes.
  LF_ASSIGN_OR_RETURN(const std::vector<size_t> dims, XnnDims(os, Describe(out)));
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const xnn_status s =
      xnn_define_static_reshape(subgraph_, dims.size(), dims.data(), in_id, out_id, 0);
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected {}: {}", op.DisplayName(), XnnStatusName(s));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefinePad(const ir::Op& op) {
  const bool v2 = op.type == ir::OpType::kPadV2;
  LF_RETURN_IF_ERROR(ExpectCounts(op, 2, v2 ? 3 : 2, 1));
  const int32_t in = op.inputs[0], paddings = op.inputs[1], out = op.outputs[0];
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  LF_RETURN_IF_ERROR(ExpectSameQuant(in, out));
  const Shape& is = tensor(in).shape;
  const Shape& os = tensor(out).shape;
  LF_ASSIGN_OR_RETURN(const std::vector<int64_t> pads, ConstantInts(paddings));
  if (is.rank() < 1 || is.rank() > XNN_MAX_TENSOR_DIMS || os.rank() != is.rank() ||
      pads.size() != 2 * static_cast<size_t>(is.rank())) {
    return Unimplemented("{}: paddings do not match input {}", op.DisplayName(), is.ToString());
  }
  size_t pre[XNN_MAX_TENSOR_DIMS] = {0}, post[XNN_MAX_TENSOR_DIMS] = {0};
  for (int d = 0; d < is.rank(); ++d) {
    const int64_t before = pads[2 * d], after = pads[2 * d + 1];
    if (before < 0 || after < 0 || is.dim(d) + before + after != os.dim(d)) {
      return Unimplemented("{}: padding {}+{} of dim {} does not give {}", op.DisplayName(), before,
                           after, d, os.ToString());
    }
    pre[d] = static_cast<size_t>(before);
    post[d] = static_cast<size_t>(after);
  }
  // XNNPACK takes the fill value in real units and quantizes it with the
  // output's parameters; TFLite writes the raw value of constant_values
  // (or the zero point) as is. Both agree on value = (raw - zp) * scale.
  float value = 0.f;
  const int32_t fill = v2 && op.inputs.size() > 2 ? op.inputs[2] : -1;
  if (fill >= 0) {
    const ir::Tensor& f = tensor(fill);
    if (!f.is_constant() || f.shape.NumElements() != 1 || f.dtype != tensor(in).dtype) {
      return Unimplemented("PADV2: constant_values must be one constant of the input's dtype");
    }
    const ir::Tensor& o = tensor(out);
    if (f.dtype == DType::kFloat32) {
      std::memcpy(&value, f.data->data(), sizeof(float));
    } else {
      const int32_t raw =
          f.dtype == DType::kInt8 ? f.data->as<int8_t>()[0] : f.data->as<uint8_t>()[0];
      value = static_cast<float>(raw - o.quant.zero_point0()) * o.quant.scale[0];
    }
  }
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const xnn_status s =
      xnn_define_static_constant_pad(subgraph_, pre, post, value, in_id, out_id, 0);
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected {}: {}", op.DisplayName(), XnnStatusName(s));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefineResizeBilinear(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 2, 2, 1));
  const int32_t in = op.inputs[0], size = op.inputs[1], out = op.outputs[0];
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  LF_RETURN_IF_ERROR(ExpectSameQuant(in, out));
  LF_ASSIGN_OR_RETURN(const std::vector<int64_t> hw, ConstantInts(size));
  const Shape& is = tensor(in).shape;
  const Shape& os = tensor(out).shape;
  if (is.rank() != 4 || hw.size() != 2 ||
      os !=
          Shape({is.dim(0), static_cast<int32_t>(hw[0]), static_cast<int32_t>(hw[1]), is.dim(3)})) {
    return Unimplemented("RESIZE_BILINEAR: output {} is not input {} resized to the size operand",
                         os.ToString(), is.ToString());
  }
  ir::ResizeOptions o;
  if (const auto* r = std::get_if<ir::ResizeOptions>(&op.options)) o = *r;
  // XNNPACK's default sampling is half-pixel centres; TFLite's default
  // (neither flag) is TensorFlow 1's, which XNNPACK calls legacy mode.
  uint32_t flags = 0;
  if (o.align_corners && o.half_pixel_centers) {
    return Unimplemented("RESIZE_BILINEAR with both align_corners and half_pixel_centers");
  }
  if (o.align_corners) flags = XNN_FLAG_ALIGN_CORNERS;
  if (!o.align_corners && !o.half_pixel_centers) flags = XNN_FLAG_TENSORFLOW_LEGACY_MODE;
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const xnn_status s = xnn_define_static_resize_bilinear_2d(
      subgraph_, static_cast<size_t>(hw[0]), static_cast<size_t>(hw[1]), in_id, out_id, flags);
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected RESIZE_BILINEAR: {}", XnnStatusName(s));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefineDepthToSpace(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 1, 1, 1));
  const int32_t in = op.inputs[0], out = op.outputs[0];
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  LF_RETURN_IF_ERROR(ExpectSameQuant(in, out));
  int block = 0;
  if (const auto* o = std::get_if<ir::BlockSizeOptions>(&op.options)) block = o->block_size;
  const Shape& is = tensor(in).shape;
  const Shape& os = tensor(out).shape;
  if (block < 1 || is.rank() != 4 || is.dim(3) % (block * block) != 0 ||
      os != Shape({is.dim(0), is.dim(1) * block, is.dim(2) * block, is.dim(3) / (block * block)})) {
    return Unimplemented("DEPTH_TO_SPACE: output {} does not match input {} and block {}",
                         os.ToString(), is.ToString(), block);
  }
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const xnn_status s = xnn_define_depth_to_space(subgraph_, in_id, out_id, block, 0);
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected DEPTH_TO_SPACE: {}", XnnStatusName(s));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefineConvert(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 1, 1, 1));
  const int32_t in = op.inputs[0], out = op.outputs[0];
  // DEQUANTIZE of a constant is folded by liteforge (and becomes static
  // weights here); only run-time conversions are delegated.
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  const bool quantize = op.type == ir::OpType::kQuantize;
  const int32_t real = quantize ? in : out;
  const int32_t quantized = quantize ? out : in;
  if (tensor(real).dtype != DType::kFloat32 || !IsQuantized8(quantized) ||
      tensor(in).shape != tensor(out).shape) {
    return Unimplemented("{}: XNNPACK converts float32 <-> per-tensor int8/uint8 only",
                         op.DisplayName());
  }
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const xnn_status s = xnn_define_convert(subgraph_, in_id, out_id, 0);
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected {}: {}", op.DisplayName(), XnnStatusName(s));
  }
  return Status::Ok();
}

}  // namespace liteforge::delegates::xnnpack
