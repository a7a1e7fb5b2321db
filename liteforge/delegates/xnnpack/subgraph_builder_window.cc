// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Windowed and weighted ops as XNNPACK nodes: CONV_2D, DEPTHWISE_CONV_2D,
// FULLY_CONNECTED, TRANSPOSE_CONV (and MediaPipe's
// Convolution2DTransposeBias), AVERAGE_POOL_2D, MAX_POOL_2D and MEAN over
// height and width.
//
// SAME padding becomes explicit padding computed with liteforge's own rule
// (ops/padding.h), so the odd pixel goes after the data exactly as in the
// ops XNNPACK replaces, and every computed output size is checked against
// the shape the model declares: a mismatch is not claimed rather than
// silently computed differently.

#include <algorithm>
#include <cstring>
#include <limits>
#include <set>

#include "liteforge/delegates/xnnpack/subgraph_builder.h"
#include "liteforge/ops/padding.h"

namespace liteforge::delegates::xnnpack {
namespace {

template <typename T>
const T& OptionsOf(const ir::Op& op) {
  if (const T* o = std::get_if<T>(&op.options)) return *o;
  static const T kDefaults{};
  return kDefaults;
}

}  // namespace

Status SubgraphBuilder::ExpectWeightedDTypes(int32_t input, int32_t filter, int32_t bias,
                                             int32_t output) const {
  const DType in = tensor(input).dtype;
  const DType f = tensor(filter).dtype;
  const DType out = tensor(output).dtype;
  const DType b = bias >= 0 ? tensor(bias).dtype : DType::kInt32;
  const bool ok =
      (in == DType::kFloat32 && f == DType::kFloat32 && out == DType::kFloat32 &&
       (bias < 0 || b == DType::kFloat32)) ||
      (in == DType::kInt8 && f == DType::kInt8 && out == DType::kInt8 && b == DType::kInt32) ||
      (in == DType::kUInt8 && f == DType::kUInt8 && out == DType::kUInt8 && b == DType::kInt32);
  if (!ok) {
    return Unimplemented(
        "input {} x filter {} -> {}: XNNPACK runs float32, int8 and uint8 "
        "convolutions, not mixed or hybrid ones",
        DTypeName(in), DTypeName(f), DTypeName(out));
  }
  if (in != DType::kFloat32 && (!IsQuantized8(input) || !IsQuantized8(output))) {
    return Unimplemented("{} and {} must be quantized per tensor", Describe(input),
                         Describe(output));
  }
  return Status::Ok();
}

Status SubgraphBuilder::ExpectStaticWeights(int32_t filter, int32_t bias) const {
  if (!facts_.IsStatic(filter)) {
    return Unimplemented("{} is computed at run time; XNNPACK needs constant weights",
                         Describe(filter));
  }
  if (bias >= 0 && !facts_.IsStatic(bias)) {
    return Unimplemented("{} is computed at run time; XNNPACK needs a constant bias",
                         Describe(bias));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefineConv2D(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 2, 3, 1));
  const int32_t in = op.inputs[0], filter = op.inputs[1], out = op.outputs[0];
  const int32_t bias = op.inputs.size() > 2 ? op.inputs[2] : -1;
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  LF_RETURN_IF_ERROR(ExpectStaticWeights(filter, bias));
  LF_RETURN_IF_ERROR(ExpectWeightedDTypes(in, filter, bias, out));
  const auto& o = OptionsOf<ir::Conv2DOptions>(op);
  const Shape& is = tensor(in).shape;
  const Shape& fs = tensor(filter).shape;
  const Shape& os = tensor(out).shape;
  if (is.rank() != 4 || fs.rank() != 4 || os.rank() != 4) {
    return Unimplemented("CONV_2D needs 4-D input, filter and output");
  }
  const int channels = is.dim(3), out_channels = fs.dim(0), group_in = fs.dim(3);
  if (group_in <= 0 || channels % group_in != 0) {
    return Unimplemented("CONV_2D: {} input channels do not split into groups of {}", channels,
                         group_in);
  }
  const int groups = channels / group_in;
  if (out_channels % groups != 0 || os.dim(3) != out_channels || os.dim(0) != is.dim(0)) {
    return Unimplemented("CONV_2D: output {} does not match filter {}", os.ToString(),
                         fs.ToString());
  }
  if (o.stride_h <= 0 || o.stride_w <= 0 || o.dilation_h <= 0 || o.dilation_w <= 0) {
    return Unimplemented("CONV_2D: non-positive stride or dilation");
  }
  int oh = 0, ow = 0;
  const ops::WindowPadding p =
      ops::ComputeWindowPadding(o.padding, o.stride_h, o.stride_w, o.dilation_h, o.dilation_w,
                                is.dim(1), is.dim(2), fs.dim(1), fs.dim(2), &oh, &ow);
  if (oh != os.dim(1) || ow != os.dim(2)) {
    return Unimplemented("CONV_2D: the model declares output {}, the window gives {}x{}",
                         os.ToString(), oh, ow);
  }
  LF_ASSIGN_OR_RETURN(const auto bounds, ActivationBounds(o.activation, out));
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t filter_id, Value(filter, TensorRole::kConvFilter));
  uint32_t bias_id;
  if (bias >= 0) {
    LF_ASSIGN_OR_RETURN(bias_id, Value(bias, TensorRole::kBias));
  } else {
    LF_ASSIGN_OR_RETURN(bias_id, ZeroBias(in, filter, out_channels));
  }
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const xnn_status s = xnn_define_convolution_2d(
      subgraph_, p.height, p.width + p.width_offset, p.height + p.height_offset, p.width, fs.dim(1),
      fs.dim(2), o.stride_h, o.stride_w, o.dilation_h, o.dilation_w, groups, group_in,
      out_channels / groups, bounds.first, bounds.second, in_id, filter_id, bias_id, out_id, 0);
  if (s != xnn_status_success)
    return Unimplemented("XNNPACK rejected CONV_2D: {}", XnnStatusName(s));
  return Status::Ok();
}

Status SubgraphBuilder::DefineDepthwiseConv2D(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 2, 3, 1));
  const int32_t in = op.inputs[0], filter = op.inputs[1], out = op.outputs[0];
  const int32_t bias = op.inputs.size() > 2 ? op.inputs[2] : -1;
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  LF_RETURN_IF_ERROR(ExpectStaticWeights(filter, bias));
  LF_RETURN_IF_ERROR(ExpectWeightedDTypes(in, filter, bias, out));
  const auto& o = OptionsOf<ir::DepthwiseConv2DOptions>(op);
  const Shape& is = tensor(in).shape;
  const Shape& fs = tensor(filter).shape;
  const Shape& os = tensor(out).shape;
  if (is.rank() != 4 || fs.rank() != 4 || os.rank() != 4 || fs.dim(0) != 1) {
    return Unimplemented("DEPTHWISE_CONV_2D needs 4-D input and output and a 1HWO filter");
  }
  const int channels = is.dim(3), out_channels = fs.dim(3);
  if (channels <= 0 || out_channels % channels != 0 || os.dim(3) != out_channels ||
      os.dim(0) != is.dim(0)) {
    return Unimplemented("DEPTHWISE_CONV_2D: output {} does not match input {} and filter {}",
                         os.ToString(), is.ToString(), fs.ToString());
  }
  if (o.stride_h <= 0 || o.stride_w <= 0 || o.dilation_h <= 0 || o.dilation_w <= 0) {
    return Unimplemented("DEPTHWISE_CONV_2D: non-positive stride or dilation");
  }
  int oh = 0, ow = 0;
  const ops::WindowPadding p =
      ops::ComputeWindowPadding(o.padding, o.stride_h, o.stride_w, o.dilation_h, o.dilation_w,
                                is.dim(1), is.dim(2), fs.dim(1), fs.dim(2), &oh, &ow);
  if (oh != os.dim(1) || ow != os.dim(2)) {
    return Unimplemented("DEPTHWISE_CONV_2D: the model declares output {}, the window gives {}x{}",
                         os.ToString(), oh, ow);
  }
  LF_ASSIGN_OR_RETURN(const auto bounds, ActivationBounds(o.activation, out));
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t filter_id, Value(filter, TensorRole::kDepthwiseFilter));
  uint32_t bias_id;
  if (bias >= 0) {
    LF_ASSIGN_OR_RETURN(bias_id, Value(bias, TensorRole::kBias));
  } else {
    LF_ASSIGN_OR_RETURN(bias_id, ZeroBias(in, filter, out_channels));
  }
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const xnn_status s = xnn_define_depthwise_convolution_2d(
      subgraph_, p.height, p.width + p.width_offset, p.height + p.height_offset, p.width, fs.dim(1),
      fs.dim(2), o.stride_h, o.stride_w, o.dilation_h, o.dilation_w, out_channels / channels,
      channels, bounds.first, bounds.second, in_id, filter_id, bias_id, out_id, 0);
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected DEPTHWISE_CONV_2D: {}", XnnStatusName(s));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefineFullyConnected(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 2, 3, 1));
  const int32_t in = op.inputs[0], filter = op.inputs[1], out = op.outputs[0];
  const int32_t bias = op.inputs.size() > 2 ? op.inputs[2] : -1;
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  LF_RETURN_IF_ERROR(ExpectStaticWeights(filter, bias));
  LF_RETURN_IF_ERROR(ExpectWeightedDTypes(in, filter, bias, out));
  const auto& o = OptionsOf<ir::FullyConnectedOptions>(op);
  if (o.weights_format != ir::FcWeightsFormat::kDefault) {
    return Unimplemented("FULLY_CONNECTED with shuffled weights");
  }
  const Shape& is = tensor(in).shape;
  const Shape& fs = tensor(filter).shape;
  const Shape& os = tensor(out).shape;
  if (fs.rank() != 2 || is.rank() < 1) return Unimplemented("FULLY_CONNECTED needs a 2-D filter");
  const int64_t depth = fs.dim(1), units = fs.dim(0);
  const int64_t elements = is.NumElements();
  if (depth <= 0 || elements % depth != 0) {
    return Unimplemented("FULLY_CONNECTED: {} input elements are not rows of {}", elements, depth);
  }
  // Same rank, same leading dims: XNNPACK applies the filter to the last
  // dim as is. Otherwise TFLite flattens the input to [rows, depth], which
  // XNNPACK does under XNN_FLAG_TENSORFLOW_RESHAPE_2D.
  bool same_leading =
      os.rank() == is.rank() && is.dim(is.rank() - 1) == depth && os.dim(os.rank() - 1) == units;
  for (int d = 0; same_leading && d + 1 < is.rank(); ++d) same_leading = is.dim(d) == os.dim(d);
  uint32_t flags = 0;
  if (!same_leading) {
    if (os.rank() != 2 || os.dim(0) != elements / depth || os.dim(1) != units) {
      return Unimplemented("FULLY_CONNECTED: output {} does not match input {} and filter {}",
                           os.ToString(), is.ToString(), fs.ToString());
    }
    flags = XNN_FLAG_TENSORFLOW_RESHAPE_2D;
  }
  LF_ASSIGN_OR_RETURN(const auto bounds, ActivationBounds(o.activation, out));
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t filter_id, Value(filter, TensorRole::kDenseFilter));
  uint32_t bias_id = XNN_INVALID_VALUE_ID;
  if (bias >= 0) {
    LF_ASSIGN_OR_RETURN(bias_id, Value(bias, TensorRole::kBias));
  }
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const xnn_status s = xnn_define_fully_connected(subgraph_, bounds.first, bounds.second, in_id,
                                                  filter_id, bias_id, out_id, flags);
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected FULLY_CONNECTED: {}", XnnStatusName(s));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefineTransposeConv(const ir::Op& op) {
  // TRANSPOSE_CONV: (output_shape, weights OHWI, input, [bias]), padding as
  // a forward window from the output. MediaPipe's custom op: (input,
  // weights, bias), padding and strides in 12 bytes of custom options.
  int32_t in, filter, bias;
  int stride_h, stride_w, pad_top, pad_left;
  ir::Activation activation = ir::Activation::kNone;
  const int32_t out = op.outputs.empty() ? -1 : op.outputs[0];
  const bool builtin = op.type == ir::OpType::kTransposeConv;
  if (builtin) {
    LF_RETURN_IF_ERROR(ExpectCounts(op, 3, 4, 1));
    in = op.inputs[2];
    filter = op.inputs[1];
    bias = op.inputs.size() > 3 ? op.inputs[3] : -1;
  } else {
    LF_RETURN_IF_ERROR(ExpectCounts(op, 3, 3, 1));
    in = op.inputs[0];
    filter = op.inputs[1];
    bias = op.inputs[2];
  }
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  LF_RETURN_IF_ERROR(ExpectStaticWeights(filter, bias));
  LF_RETURN_IF_ERROR(ExpectWeightedDTypes(in, filter, bias, out));
  const Shape& is = tensor(in).shape;
  const Shape& fs = tensor(filter).shape;
  const Shape& os = tensor(out).shape;
  if (is.rank() != 4 || fs.rank() != 4 || os.rank() != 4 || fs.dim(3) != is.dim(3) ||
      os.dim(3) != fs.dim(0) || os.dim(0) != is.dim(0)) {
    return Unimplemented("{}: input {}, weights {} and output {} do not fit", op.DisplayName(),
                         is.ToString(), fs.ToString(), os.ToString());
  }
  if (builtin) {
    const auto& o = OptionsOf<ir::TransposeConvOptions>(op);
    stride_h = o.stride_h;
    stride_w = o.stride_w;
    activation = o.activation;
    if (stride_h <= 0 || stride_w <= 0) return Unimplemented("TRANSPOSE_CONV: non-positive stride");
    int unused_h = 0, unused_w = 0;
    const ops::WindowPadding p =
        ops::ComputeWindowPadding(o.padding, stride_h, stride_w, 1, 1, os.dim(1), os.dim(2),
                                  fs.dim(1), fs.dim(2), &unused_h, &unused_w);
    pad_top = p.height;
    pad_left = p.width;
  } else {
    const std::vector<uint8_t>& attrs = op.custom_options;
    if (attrs.size() != 12)
      return Unimplemented("{}: custom options are not 12 bytes", op.DisplayName());
    int32_t fields[3];
    std::memcpy(fields, attrs.data(), sizeof(fields));
    stride_w = fields[1];
    stride_h = fields[2];
    if (stride_h <= 0 || stride_w <= 0)
      return Unimplemented("{}: non-positive stride", op.DisplayName());
    auto before = [](bool same, int in_size, int k, int stride) {
      return same ? std::max(0, k - (in_size - 1) % stride - 1) / 2 : 0;
    };
    pad_top = before(fields[0] == 1, is.dim(1), fs.dim(1), stride_h);
    pad_left = before(fields[0] == 1, is.dim(2), fs.dim(2), stride_w);
  }
  // XNNPACK: out = stride * (in - 1) + adjustment + k - top - bottom. The
  // rows past the declared output are cropped (bottom padding) or, when the
  // output is taller than the full result, added (adjustment < stride).
  auto tail = [](int in_size, int k, int stride, int before, int out_size, int* after,
                 int* adjust) {
    const int rest = stride * (in_size - 1) + k - before - out_size;
    *after = rest > 0 ? rest : 0;
    *adjust = rest < 0 ? -rest : 0;
    return *adjust < stride;
  };
  int pad_bottom = 0, pad_right = 0, adjust_h = 0, adjust_w = 0;
  if (!tail(is.dim(1), fs.dim(1), stride_h, pad_top, os.dim(1), &pad_bottom, &adjust_h) ||
      !tail(is.dim(2), fs.dim(2), stride_w, pad_left, os.dim(2), &pad_right, &adjust_w)) {
    return Unimplemented("{}: output {} is larger than the deconvolution gives", op.DisplayName(),
                         os.ToString());
  }
  LF_ASSIGN_OR_RETURN(const auto bounds, ActivationBounds(activation, out));
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t filter_id, Value(filter, TensorRole::kConvFilter));
  uint32_t bias_id;
  if (bias >= 0) {
    LF_ASSIGN_OR_RETURN(bias_id, Value(bias, TensorRole::kBias));
  } else {
    LF_ASSIGN_OR_RETURN(bias_id, ZeroBias(in, filter, fs.dim(0)));
  }
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const xnn_status s = xnn_define_deconvolution_2d(
      subgraph_, pad_top, pad_right, pad_bottom, pad_left, adjust_h, adjust_w, fs.dim(1), fs.dim(2),
      stride_h, stride_w, 1, 1, 1, fs.dim(3), fs.dim(0), bounds.first, bounds.second, in_id,
      filter_id, bias_id, out_id, 0);
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected {}: {}", op.DisplayName(), XnnStatusName(s));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefinePool2D(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 1, 1, 1));
  const int32_t in = op.inputs[0], out = op.outputs[0];
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  LF_RETURN_IF_ERROR(ExpectSameQuant(in, out));
  const auto& o = OptionsOf<ir::Pool2DOptions>(op);
  const Shape& is = tensor(in).shape;
  const Shape& os = tensor(out).shape;
  if (is.rank() != 4 || os.rank() != 4 || os.dim(0) != is.dim(0) || os.dim(3) != is.dim(3)) {
    return Unimplemented("{} needs matching 4-D input and output", op.DisplayName());
  }
  if (o.stride_h <= 0 || o.stride_w <= 0 || o.filter_h <= 0 || o.filter_w <= 0) {
    return Unimplemented("{}: non-positive stride or window", op.DisplayName());
  }
  int oh = 0, ow = 0;
  const ops::WindowPadding p =
      ops::ComputeWindowPadding(o.padding, o.stride_h, o.stride_w, 1, 1, is.dim(1), is.dim(2),
                                o.filter_h, o.filter_w, &oh, &ow);
  if (oh != os.dim(1) || ow != os.dim(2)) {
    return Unimplemented("{}: the model declares output {}, the window gives {}x{}",
                         op.DisplayName(), os.ToString(), oh, ow);
  }
  LF_ASSIGN_OR_RETURN(const auto bounds, ActivationBounds(o.activation, out));
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const bool average = op.type == ir::OpType::kAveragePool2D;
  const bool no_padding =
      p.height == 0 && p.width == 0 && p.height_offset == 0 && p.width_offset == 0;
  xnn_status s;
  if (o.filter_h == 1 && o.filter_w == 1 && o.stride_h == 1 && o.stride_w == 1) {
    // A 1x1 window with stride 1 is the identity (XNNPACK refuses it as a
    // pooling): only the fused activation remains.
    s = xnn_define_clamp(subgraph_, bounds.first, bounds.second, in_id, out_id, 0);
  } else if (average && no_padding && oh == 1 && ow == 1 && o.filter_h == is.dim(1) &&
             o.filter_w == is.dim(2)) {
    // One window over the whole image (MobileNet's head): XNNPACK's global
    // average pooling, which unlike its windowed one also runs int8/uint8.
    s = xnn_define_global_average_pooling_2d(subgraph_, bounds.first, bounds.second, in_id, out_id,
                                             0);
  } else if (average) {
    s = xnn_define_average_pooling_2d(subgraph_, p.height, p.width + p.width_offset,
                                      p.height + p.height_offset, p.width, o.filter_h, o.filter_w,
                                      o.stride_h, o.stride_w, bounds.first, bounds.second, in_id,
                                      out_id, 0);
  } else {
    s = xnn_define_max_pooling_2d(subgraph_, p.height, p.width + p.width_offset,
                                  p.height + p.height_offset, p.width, o.filter_h, o.filter_w,
                                  o.stride_h, o.stride_w, 1, 1, bounds.first, bounds.second, in_id,
                                  out_id, 0);
  }
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected {}: {}", op.DisplayName(), XnnStatusName(s));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefineMean(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 2, 2, 1));
  const int32_t in = op.inputs[0], axis = op.inputs[1], out = op.outputs[0];
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  const Shape& is = tensor(in).shape;
  const Shape& os = tensor(out).shape;
  if (is.rank() != 4) return Unimplemented("MEAN: XNNPACK averages 4-D NHWC tensors only");
  LF_ASSIGN_OR_RETURN(const std::vector<int64_t> axes, ConstantInts(axis));
  std::set<int64_t> reduced;
  for (int64_t a : axes) reduced.insert(a < 0 ? a + 4 : a);
  if (reduced != std::set<int64_t>{1, 2}) {
    return Unimplemented("MEAN over axes other than height and width");
  }
  const DType dt = tensor(in).dtype;
  if (dt != tensor(out).dtype ||
      (dt != DType::kFloat32 && (!IsQuantized8(in) || !IsQuantized8(out)))) {
    return Unimplemented("MEAN: XNNPACK averages float32, int8 and uint8 of one dtype");
  }
  const std::vector<size_t> pooled = {static_cast<size_t>(is.dim(0)), 1, 1,
                                      static_cast<size_t>(is.dim(3))};
  const bool keep_dims = os.rank() == 4;
  if (keep_dims ? (os != Shape({is.dim(0), 1, 1, is.dim(3)}))
                : (os != Shape({is.dim(0), is.dim(3)}))) {
    return Unimplemented("MEAN: output {} is not the pooled {}", os.ToString(), is.ToString());
  }
  constexpr float kInf = std::numeric_limits<float>::infinity();
  LF_ASSIGN_OR_RETURN(const auto bounds, ClampBounds(-kInf, kInf, out));
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  uint32_t pooled_id = out_id;
  if (!keep_dims) {
    LF_ASSIGN_OR_RETURN(pooled_id, InternalValueLike(out, pooled));
  }
  xnn_status s = xnn_define_global_average_pooling_2d(subgraph_, bounds.first, bounds.second, in_id,
                                                      pooled_id, 0);
  if (s == xnn_status_success && !keep_dims) {
    const size_t flat[2] = {pooled[0], pooled[3]};
    s = xnn_define_static_reshape(subgraph_, 2, flat, pooled_id, out_id, 0);
  }
  if (s != xnn_status_success) return Unimplemented("XNNPACK rejected MEAN: {}", XnnStatusName(s));
  return Status::Ok();
}

}  // namespace liteforge::delegates::xnnpack
