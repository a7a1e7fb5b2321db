// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ir/op_options.h"

#include <fmt/format.h>

namespace liteforge::ir {
namespace {

std::string Ints(const std::vector<int32_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s + "]";
}

// Floats print with enough digits to round-trip exactly, so dumps of two
// graphs compare equal only when the values are bit-identical.
std::string F(float v) { return fmt::format("{:.9g}", v); }

std::string B(bool v) { return v ? "true" : "false"; }

// " pad_input=t,b,l,r" when the PAD fusion pass set explicit padding.
std::string Explicit(const std::optional<ExplicitPadding>& e) {
  if (!e) return "";
  return fmt::format(" pad_input={},{},{},{}", e->top, e->bottom, e->left, e->right);
}

struct Printer {
  std::string operator()(const NoOptions&) const { return ""; }
  std::string operator()(const Conv2DOptions& o) const {
    return fmt::format("padding={} stride={}x{} dilation={}x{} act={} bias_type={}{}",
                       PaddingName(o.padding), o.stride_h, o.stride_w, o.dilation_h,
                       o.dilation_w, ActivationName(o.activation),
                       DTypeName(o.quantized_bias_type), Explicit(o.explicit_padding));
  }
  std::string operator()(const DepthwiseConv2DOptions& o) const {
    return fmt::format("padding={} stride={}x{} dilation={}x{} depth_multiplier={} act={}{}",
                       PaddingName(o.padding), o.stride_h, o.stride_w, o.dilation_h,
                       o.dilation_w, o.depth_multiplier, ActivationName(o.activation),
                       Explicit(o.explicit_padding));
  }
  std::string operator()(const TransposeConvOptions& o) const {
    return fmt::format("padding={} stride={}x{} act={} bias_type={}", PaddingName(o.padding),
                       o.stride_h, o.stride_w, ActivationName(o.activation),
                       DTypeName(o.quantized_bias_type));
  }
  std::string operator()(const Pool2DOptions& o) const {
    return fmt::format("padding={} stride={}x{} filter={}x{} act={}", PaddingName(o.padding),
                       o.stride_h, o.stride_w, o.filter_h, o.filter_w,
                       ActivationName(o.activation));
  }
  std::string operator()(const FullyConnectedOptions& o) const {
    return fmt::format("act={} weights_format={} keep_num_dims={} asymmetric_inputs={} bias_type={}",
                       ActivationName(o.activation),
                       o.weights_format == FcWeightsFormat::kDefault ? "DEFAULT" : "SHUFFLED4x16INT8",
                       B(o.keep_num_dims), B(o.asymmetric_quantize_inputs),
                       DTypeName(o.quantized_bias_type));
  }
  std::string operator()(const FusedActivationOptions& o) const {
    return fmt::format("act={} pot_scale_int16={}", ActivationName(o.activation),
                       B(o.pot_scale_int16));
  }
  std::string operator()(const SoftmaxOptions& o) const { return "beta=" + F(o.beta); }
  std::string operator()(const ConcatenationOptions& o) const {
    return fmt::format("axis={} act={}", o.axis, ActivationName(o.activation));
  }
  std::string operator()(const LocalResponseNormalizationOptions& o) const {
    return fmt::format("radius={} bias={} alpha={} beta={}", o.radius, F(o.bias), F(o.alpha),
                       F(o.beta));
  }
  std::string operator()(const LstmOptions& o) const {
    return fmt::format("act={} cell_clip={} proj_clip={} kernel={} asymmetric_inputs={}",
                       ActivationName(o.activation), F(o.cell_clip), F(o.proj_clip),
                       o.kernel_type == LstmKernelType::kFull ? "FULL" : "BASIC",
                       B(o.asymmetric_quantize_inputs));
  }
  std::string operator()(const SequenceLstmOptions& o) const {
    return fmt::format(
        "act={} cell_clip={} proj_clip={} time_major={} asymmetric_inputs={} diagonal_recurrent={}",
        ActivationName(o.activation), F(o.cell_clip), F(o.proj_clip), B(o.time_major),
        B(o.asymmetric_quantize_inputs), B(o.diagonal_recurrent_tensors));
  }
  std::string operator()(const BidirectionalSequenceLstmOptions& o) const {
    return fmt::format(
        "act={} cell_clip={} proj_clip={} merge_outputs={} time_major={} asymmetric_inputs={}",
        ActivationName(o.activation), F(o.cell_clip), F(o.proj_clip), B(o.merge_outputs),
        B(o.time_major), B(o.asymmetric_quantize_inputs));
  }
  std::string operator()(const RnnOptions& o) const {
    return fmt::format("time_major={} act={} asymmetric_inputs={}", B(o.time_major),
                       ActivationName(o.activation), B(o.asymmetric_quantize_inputs));
  }
  std::string operator()(const SvdfOptions& o) const {
    return fmt::format("rank={} act={} asymmetric_inputs={}", o.rank,
                       ActivationName(o.activation), B(o.asymmetric_quantize_inputs));
  }
  std::string operator()(const ResizeOptions& o) const {
    return fmt::format("align_corners={} half_pixel_centers={}", B(o.align_corners),
                       B(o.half_pixel_centers));
  }
  std::string operator()(const ReshapeOptions& o) const {
    return o.new_shape ? "new_shape=" + Ints(*o.new_shape) : "new_shape=none";
  }
  std::string operator()(const BlockSizeOptions& o) const {
    return fmt::format("block_size={}", o.block_size);
  }
  std::string operator()(const GatherOptions& o) const {
    return fmt::format("axis={} batch_dims={}", o.axis, o.batch_dims);
  }
  std::string operator()(const ReducerOptions& o) const { return "keep_dims=" + B(o.keep_dims); }
  std::string operator()(const SqueezeOptions& o) const {
    return "squeeze_dims=" + Ints(o.squeeze_dims);
  }
  std::string operator()(const SplitOptions& o) const {
    return fmt::format("num_splits={}", o.num_splits);
  }
  std::string operator()(const StridedSliceOptions& o) const {
    return fmt::format("begin_mask={} end_mask={} ellipsis_mask={} new_axis_mask={} "
                       "shrink_axis_mask={} offset={}",
                       o.begin_mask, o.end_mask, o.ellipsis_mask, o.new_axis_mask,
                       o.shrink_axis_mask, B(o.offset));
  }
  std::string operator()(const CastOptions& o) const {
    return fmt::format("in={} out={}", DTypeName(o.in_data_type), DTypeName(o.out_data_type));
  }
  std::string operator()(const OutputTypeOptions& o) const {
    return fmt::format("output_type={}", DTypeName(o.output_type));
  }
  std::string operator()(const PackOptions& o) const {
    return fmt::format("values_count={} axis={}", o.values_count, o.axis);
  }
  std::string operator()(const UnpackOptions& o) const {
    return fmt::format("num={} axis={}", o.num, o.axis);
  }
  std::string operator()(const LeakyReluOptions& o) const { return "alpha=" + F(o.alpha); }
  std::string operator()(const MirrorPadOptions& o) const {
    return o.mode == MirrorPadMode::kReflect ? "mode=REFLECT" : "mode=SYMMETRIC";
  }
  std::string operator()(const IfOptions& o) const {
    return fmt::format("then={} else={}", o.then_subgraph, o.else_subgraph);
  }
  std::string operator()(const WhileOptions& o) const {
    return fmt::format("cond={} body={}", o.cond_subgraph, o.body_subgraph);
  }
  std::string operator()(const CallOnceOptions& o) const {
    return fmt::format("init={}", o.init_subgraph);
  }
  std::string operator()(const BatchMatMulOptions& o) const {
    return fmt::format("adj_x={} adj_y={} asymmetric_inputs={}", B(o.adj_x), B(o.adj_y),
                       B(o.asymmetric_quantize_inputs));
  }
  std::string operator()(const GeluOptions& o) const { return "approximate=" + B(o.approximate); }
  std::string operator()(const CumsumOptions& o) const {
    return fmt::format("exclusive={} reverse={}", B(o.exclusive), B(o.reverse));
  }
  std::string operator()(const OneHotOptions& o) const { return fmt::format("axis={}", o.axis); }
  std::string operator()(const FakeQuantOptions& o) const {
    return fmt::format("min={} max={} num_bits={} narrow_range={}", F(o.min), F(o.max),
                       o.num_bits, B(o.narrow_range));
  }
  std::string operator()(const OpaqueOptions& o) const {
    // FNV-1a over the bytes: enough to tell two option tables apart in dumps.
    uint64_t h = 1469598103934665603ull;
    for (uint8_t b : o.bytes) h = (h ^ b) * 1099511628211ull;
    return fmt::format("opaque(union={} type={} bytes={} fnv={:016x})", o.which, o.type,
                       o.bytes.size(), h);
  }
};

using Fields = std::vector<std::pair<std::string_view, double>>;

double E(Padding p) { return static_cast<double>(p); }
double E(Activation a) { return static_cast<double>(a); }
double E(DType t) { return static_cast<double>(t); }

struct FieldLister {
  Fields operator()(const NoOptions&) const { return {}; }
  Fields operator()(const Conv2DOptions& o) const {
    return {{"padding", E(o.padding)}, {"stride_w", o.stride_w}, {"stride_h", o.stride_h},
            {"activation", E(o.activation)}, {"dilation_w", o.dilation_w},
            {"dilation_h", o.dilation_h}};
  }
  Fields operator()(const DepthwiseConv2DOptions& o) const {
    return {{"padding", E(o.padding)}, {"stride_w", o.stride_w}, {"stride_h", o.stride_h},
            {"depth_multiplier", o.depth_multiplier}, {"activation", E(o.activation)},
            {"dilation_w", o.dilation_w}, {"dilation_h", o.dilation_h}};
  }
  Fields operator()(const TransposeConvOptions& o) const {
    return {{"padding", E(o.padding)}, {"stride_w", o.stride_w}, {"stride_h", o.stride_h},
            {"activation", E(o.activation)}};
  }
  Fields operator()(const Pool2DOptions& o) const {
    return {{"padding", E(o.padding)}, {"stride_w", o.stride_w}, {"stride_h", o.stride_h},
            {"filter_w", o.filter_w}, {"filter_h", o.filter_h}, {"activation", E(o.activation)}};
  }
  Fields operator()(const FullyConnectedOptions& o) const {
    return {{"activation", E(o.activation)}, {"keep_num_dims", o.keep_num_dims},
            {"weights_format", static_cast<double>(o.weights_format)}};
  }
  Fields operator()(const FusedActivationOptions& o) const {
    return {{"activation", E(o.activation)}, {"pot_scale_int16", o.pot_scale_int16}};
  }
  Fields operator()(const SoftmaxOptions& o) const { return {{"beta", o.beta}}; }
  Fields operator()(const ConcatenationOptions& o) const {
    return {{"axis", o.axis}, {"activation", E(o.activation)}};
  }
  Fields operator()(const LocalResponseNormalizationOptions& o) const {
    return {{"radius", o.radius}, {"bias", o.bias}, {"alpha", o.alpha}, {"beta", o.beta}};
  }
  Fields operator()(const LstmOptions& o) const {
    return {{"activation", E(o.activation)}, {"cell_clip", o.cell_clip}, {"proj_clip", o.proj_clip}};
  }
  Fields operator()(const SequenceLstmOptions& o) const {
    return {{"activation", E(o.activation)}, {"cell_clip", o.cell_clip},
            {"proj_clip", o.proj_clip}, {"time_major", o.time_major}};
  }
  Fields operator()(const BidirectionalSequenceLstmOptions& o) const {
    return {{"activation", E(o.activation)}, {"cell_clip", o.cell_clip},
            {"proj_clip", o.proj_clip}, {"merge_outputs", o.merge_outputs},
            {"time_major", o.time_major}};
  }
  Fields operator()(const RnnOptions& o) const {
    return {{"time_major", o.time_major}, {"activation", E(o.activation)}};
  }
  Fields operator()(const SvdfOptions& o) const {
    return {{"rank", o.rank}, {"activation", E(o.activation)}};
  }
  Fields operator()(const ResizeOptions& o) const {
    return {{"align_corners", o.align_corners}, {"half_pixel_centers", o.half_pixel_centers}};
  }
  Fields operator()(const ReshapeOptions&) const { return {}; }
  Fields operator()(const BlockSizeOptions& o) const { return {{"block_size", o.block_size}}; }
  Fields operator()(const GatherOptions& o) const {
    return {{"axis", o.axis}, {"batch_dims", o.batch_dims}};
  }
  Fields operator()(const ReducerOptions& o) const { return {{"keep_dims", o.keep_dims}}; }
  Fields operator()(const SqueezeOptions&) const { return {}; }
  Fields operator()(const SplitOptions& o) const { return {{"num_splits", o.num_splits}}; }
  Fields operator()(const StridedSliceOptions& o) const {
    return {{"begin_mask", o.begin_mask}, {"end_mask", o.end_mask},
            {"ellipsis_mask", o.ellipsis_mask}, {"new_axis_mask", o.new_axis_mask},
            {"shrink_axis_mask", o.shrink_axis_mask}, {"offset", o.offset}};
  }
  Fields operator()(const CastOptions& o) const {
    return {{"in_data_type", E(o.in_data_type)}, {"out_data_type", E(o.out_data_type)}};
  }
  Fields operator()(const OutputTypeOptions& o) const { return {{"output_type", E(o.output_type)}}; }
  Fields operator()(const PackOptions& o) const {
    return {{"values_count", o.values_count}, {"axis", o.axis}};
  }
  Fields operator()(const UnpackOptions& o) const { return {{"num", o.num}, {"axis", o.axis}}; }
  Fields operator()(const LeakyReluOptions& o) const { return {{"alpha", o.alpha}}; }
  Fields operator()(const MirrorPadOptions& o) const {
    return {{"mode", static_cast<double>(o.mode)}};
  }
  Fields operator()(const IfOptions& o) const {
    return {{"then_subgraph", o.then_subgraph}, {"else_subgraph", o.else_subgraph}};
  }
  Fields operator()(const WhileOptions& o) const {
    return {{"cond_subgraph", o.cond_subgraph}, {"body_subgraph", o.body_subgraph}};
  }
  Fields operator()(const CallOnceOptions& o) const { return {{"init_subgraph", o.init_subgraph}}; }
  Fields operator()(const BatchMatMulOptions& o) const {
    return {{"adj_x", o.adj_x}, {"adj_y", o.adj_y}};
  }
  Fields operator()(const GeluOptions& o) const { return {{"approximate", o.approximate}}; }
  Fields operator()(const CumsumOptions& o) const {
    return {{"exclusive", o.exclusive}, {"reverse", o.reverse}};
  }
  Fields operator()(const OneHotOptions& o) const { return {{"axis", o.axis}}; }
  Fields operator()(const FakeQuantOptions& o) const {
    return {{"min", o.min}, {"max", o.max}, {"num_bits", o.num_bits},
            {"narrow_range", o.narrow_range}};
  }
  Fields operator()(const OpaqueOptions&) const { return {}; }
};

}  // namespace

Fields OptionFields(const OpOptions& options) { return std::visit(FieldLister{}, options); }

std::string_view PaddingName(Padding p) { return p == Padding::kSame ? "SAME" : "VALID"; }

std::string_view ActivationName(Activation a) {
  switch (a) {
    case Activation::kNone: return "NONE";
    case Activation::kRelu: return "RELU";
    case Activation::kReluN1To1: return "RELU_N1_TO_1";
    case Activation::kRelu6: return "RELU6";
    case Activation::kTanh: return "TANH";
    case Activation::kSignBit: return "SIGN_BIT";
  }
  return "UNKNOWN";
}

std::string OptionsToString(const OpOptions& options) { return std::visit(Printer{}, options); }

}  // namespace liteforge::ir
