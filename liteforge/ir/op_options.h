// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Typed attributes of builtin ops. One struct per kind of attribute set;
// several ops may share one (ADD, SUB, MUL and DIV all use
// FusedActivationOptions). Field defaults are the format's defaults, so an
// op read from a file without an options table gets the same values TFLite
// would use.
//
// Ops whose attributes liteforge does not model keep them as OpaqueOptions:
// bytes the format layer can write back unchanged, which keeps read -> write
// lossless for every model even where this build cannot run an op.

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "liteforge/tensor/dtype.h"

namespace liteforge::ir {

enum class Padding : uint8_t { kSame, kValid };

enum class Activation : uint8_t { kNone, kRelu, kReluN1To1, kRelu6, kTanh, kSignBit };

std::string_view PaddingName(Padding p);
std::string_view ActivationName(Activation a);

struct NoOptions {
  bool operator==(const NoOptions&) const = default;
};

// Zero padding (the zero point for quantized inputs) that the runtime adds
// around a conv's input before the op's own SAME/VALID rule applies, exactly
// as if a PAD op had run first. Set only by the PAD fusion pass
// (ir/passes/fuse_pad_into_conv.h) on the runtime's copy of a graph; it has
// no .tflite form, so the writer refuses an op that carries it.
struct ExplicitPadding {
  int32_t top = 0;
  int32_t bottom = 0;
  int32_t left = 0;
  int32_t right = 0;
  bool operator==(const ExplicitPadding&) const = default;
};

struct Conv2DOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 0;
  int32_t stride_h = 0;
  Activation activation = Activation::kNone;
  int32_t dilation_w = 1;
  int32_t dilation_h = 1;
  // kFloat32 means unset (the format's default value); otherwise the dtype
  // of a quantized bias and accumulator.
  DType quantized_bias_type = DType::kFloat32;
  std::optional<ExplicitPadding> explicit_padding;  // runtime-internal, see above
  bool operator==(const Conv2DOptions&) const = default;
};

struct DepthwiseConv2DOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 0;
  int32_t stride_h = 0;
  int32_t depth_multiplier = 0;  // redundant with the filter shape
  Activation activation = Activation::kNone;
  int32_t dilation_w = 1;
  int32_t dilation_h = 1;
  std::optional<ExplicitPadding> explicit_padding;  // runtime-internal, see above
  bool operator==(const DepthwiseConv2DOptions&) const = default;
};

struct TransposeConvOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 0;
  int32_t stride_h = 0;
  Activation activation = Activation::kNone;
  DType quantized_bias_type = DType::kFloat32;  // kFloat32 = unset
  bool operator==(const TransposeConvOptions&) const = default;
};

struct Pool2DOptions {
  Padding padding = Padding::kSame;
  int32_t stride_w = 0;
  int32_t stride_h = 0;
  int32_t filter_w = 0;
  int32_t filter_h = 0;
  Activation activation = Activation::kNone;
  bool operator==(const Pool2DOptions&) const = default;
};

enum class FcWeightsFormat : uint8_t { kDefault, kShuffled4x16Int8 };

struct FullyConnectedOptions {
  Activation activation = Activation::kNone;
  FcWeightsFormat weights_format = FcWeightsFormat::kDefault;
  bool keep_num_dims = false;
  bool asymmetric_quantize_inputs = false;
  DType quantized_bias_type = DType::kFloat32;  // kFloat32 = unset
  bool operator==(const FullyConnectedOptions&) const = default;
};

// ADD, SUB, MUL, DIV, L2_NORMALIZATION: a fused activation; ADD and SUB
// also say whether int16 inputs use power-of-two scales.
struct FusedActivationOptions {
  Activation activation = Activation::kNone;
  bool pot_scale_int16 = true;
  bool operator==(const FusedActivationOptions&) const = default;
};

struct SoftmaxOptions {
  float beta = 0.f;
  bool operator==(const SoftmaxOptions&) const = default;
};

struct ConcatenationOptions {
  int32_t axis = 0;
  Activation activation = Activation::kNone;
  bool operator==(const ConcatenationOptions&) const = default;
};

struct LocalResponseNormalizationOptions {
  int32_t radius = 0;
  float bias = 0.f;
  float alpha = 0.f;
  float beta = 0.f;
  bool operator==(const LocalResponseNormalizationOptions&) const = default;
};

enum class LstmKernelType : uint8_t { kFull, kBasic };

struct LstmOptions {
  Activation activation = Activation::kNone;
  float cell_clip = 0.f;  // 0 = no clipping
  float proj_clip = 0.f;  // 0 = no clipping
  LstmKernelType kernel_type = LstmKernelType::kFull;
  bool asymmetric_quantize_inputs = false;
  bool operator==(const LstmOptions&) const = default;
};

struct SequenceLstmOptions {
  Activation activation = Activation::kNone;
  float cell_clip = 0.f;
  float proj_clip = 0.f;
  bool time_major = false;
  bool asymmetric_quantize_inputs = false;
  bool diagonal_recurrent_tensors = false;
  bool operator==(const SequenceLstmOptions&) const = default;
};

struct BidirectionalSequenceLstmOptions {
  Activation activation = Activation::kNone;
  float cell_clip = 0.f;
  float proj_clip = 0.f;
  bool merge_outputs = false;
  bool time_major = true;
  bool asymmetric_quantize_inputs = false;
  bool operator==(const BidirectionalSequenceLstmOptions&) const = default;
};

// RNN (time_major unused), UNIDIRECTIONAL_SEQUENCE_RNN.
struct RnnOptions {
  bool time_major = false;
  Activation activation = Activation::kNone;
  bool asymmetric_quantize_inputs = false;
  bool operator==(const RnnOptions&) const = default;
};

struct SvdfOptions {
  int32_t rank = 0;
  Activation activation = Activation::kNone;
  bool asymmetric_quantize_inputs = false;
  bool operator==(const SvdfOptions&) const = default;
};

// RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR.
struct ResizeOptions {
  bool align_corners = false;
  bool half_pixel_centers = false;
  bool operator==(const ResizeOptions&) const = default;
};

struct ReshapeOptions {
  // Absent when the op has no options table or the table has no new_shape;
  // the shape then comes from the second input.
  std::optional<std::vector<int32_t>> new_shape;
  bool operator==(const ReshapeOptions&) const = default;
};

// SPACE_TO_DEPTH, DEPTH_TO_SPACE.
struct BlockSizeOptions {
  int32_t block_size = 0;
  bool operator==(const BlockSizeOptions&) const = default;
};

struct GatherOptions {
  int32_t axis = 0;
  int32_t batch_dims = 0;
  bool operator==(const GatherOptions&) const = default;
};

// MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_PROD, REDUCE_ANY, REDUCE_ALL.
struct ReducerOptions {
  bool keep_dims = false;
  bool operator==(const ReducerOptions&) const = default;
};

struct SqueezeOptions {
  std::vector<int32_t> squeeze_dims;
  bool operator==(const SqueezeOptions&) const = default;
};

// SPLIT, SPLIT_V.
struct SplitOptions {
  int32_t num_splits = 0;
  bool operator==(const SplitOptions&) const = default;
};

struct StridedSliceOptions {
  int32_t begin_mask = 0;
  int32_t end_mask = 0;
  int32_t ellipsis_mask = 0;
  int32_t new_axis_mask = 0;
  int32_t shrink_axis_mask = 0;
  bool offset = false;  // end is relative to begin
  bool operator==(const StridedSliceOptions&) const = default;
};

struct CastOptions {
  // kFloat32 is also the format's "unset"; CAST reads its types from the
  // tensors, these are kept for round-trips.
  DType in_data_type = DType::kFloat32;
  DType out_data_type = DType::kFloat32;
  bool operator==(const CastOptions&) const = default;
};

// ARG_MAX, ARG_MIN, SHAPE (out_type), and other single output-type options.
struct OutputTypeOptions {
  DType output_type = DType::kFloat32;  // kFloat32 = unset
  bool operator==(const OutputTypeOptions&) const = default;
};

struct PackOptions {
  int32_t values_count = 0;
  int32_t axis = 0;
  bool operator==(const PackOptions&) const = default;
};

struct UnpackOptions {
  int32_t num = 0;
  int32_t axis = 0;
  bool operator==(const UnpackOptions&) const = default;
};

struct LeakyReluOptions {
  float alpha = 0.f;
  bool operator==(const LeakyReluOptions&) const = default;
};

enum class MirrorPadMode : uint8_t { kReflect, kSymmetric };

struct MirrorPadOptions {
  MirrorPadMode mode = MirrorPadMode::kReflect;
  bool operator==(const MirrorPadOptions&) const = default;
};

struct IfOptions {
  int32_t then_subgraph = 0;
  int32_t else_subgraph = 0;
  bool operator==(const IfOptions&) const = default;
};

struct WhileOptions {
  int32_t cond_subgraph = 0;
  int32_t body_subgraph = 0;
  bool operator==(const WhileOptions&) const = default;
};

// CALL_ONCE.
struct CallOnceOptions {
  int32_t init_subgraph = 0;
  bool operator==(const CallOnceOptions&) const = default;
};

struct BatchMatMulOptions {
  bool adj_x = false;
  bool adj_y = false;
  bool asymmetric_quantize_inputs = false;
  bool operator==(const BatchMatMulOptions&) const = default;
};

struct GeluOptions {
  bool approximate = false;
  bool operator==(const GeluOptions&) const = default;
};

struct CumsumOptions {
  bool exclusive = false;
  bool reverse = false;
  bool operator==(const CumsumOptions&) const = default;
};

struct OneHotOptions {
  int32_t axis = 0;
  bool operator==(const OneHotOptions&) const = default;
};

struct FakeQuantOptions {
  float min = 0.f;
  float max = 0.f;
  int32_t num_bits = 0;
  bool narrow_range = false;
  bool operator==(const FakeQuantOptions&) const = default;
};

// Attributes of an op liteforge does not model: the options table,
// re-serialized by the format layer as a standalone flatbuffer. `which` is
// 1 or 2 (BuiltinOptions or BuiltinOptions2), `type` the union member code.
struct OpaqueOptions {
  uint8_t which = 1;
  uint8_t type = 0;
  std::vector<uint8_t> bytes;
  bool operator==(const OpaqueOptions&) const = default;
};

using OpOptions =
    std::variant<NoOptions, Conv2DOptions, DepthwiseConv2DOptions, TransposeConvOptions,
                 Pool2DOptions, FullyConnectedOptions, FusedActivationOptions, SoftmaxOptions,
                 ConcatenationOptions, LocalResponseNormalizationOptions, LstmOptions,
                 SequenceLstmOptions, BidirectionalSequenceLstmOptions, RnnOptions, SvdfOptions,
                 ResizeOptions, ReshapeOptions, BlockSizeOptions, GatherOptions, ReducerOptions,
                 SqueezeOptions, SplitOptions, StridedSliceOptions, CastOptions,
                 OutputTypeOptions, PackOptions, UnpackOptions, LeakyReluOptions,
                 MirrorPadOptions, IfOptions, WhileOptions, CallOnceOptions, BatchMatMulOptions,
                 GeluOptions, CumsumOptions, OneHotOptions, FakeQuantOptions, OpaqueOptions>;

// Numeric fields of `options` by name ("activation", "stride_w", "axis",
// ...), with enums as their format values and bools as 0/1. For generic
// consumers (the delegate C ABI, Python) that cannot see the structs.
std::vector<std::pair<std::string_view, double>> OptionFields(const OpOptions& options);

// Deterministic one-line rendering, e.g. "padding=SAME stride=2x2 act=RELU6".
std::string OptionsToString(const OpOptions& options);

}  // namespace liteforge::ir
