// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The per-op quantization table. Integer support is claimed only where both
// liteforge and TensorFlow Lite have the kernel (docs/ops.md; TFLite's
// int16x8 set is smaller than liteforge's, e.g. no int16 HARD_SWISH or
// DEPTH_TO_SPACE). Fixed output parameters are the ones TFLite's kernels
// require: LOGISTIC and SOFTMAX 1/256 with zero point -128, TANH 1/128 with
// zero point 0, int16 outputs of all three 2^-15 with zero point 0.

#include "liteforge/quant/op_quant_rules.h"

#include <variant>

namespace liteforge::quant {
namespace {

using ir::OpType;

constexpr float kInv256 = 1.f / 256.f;
constexpr float kInv128 = 1.f / 128.f;
constexpr float kInv32768 = 1.f / 32768.f;

OpQuantRule Requantize(bool int16) {
  OpQuantRule r;
  r.output = OutputRule::kRequantize;
  r.int8 = true;
  r.int16 = int16;
  return r;
}

OpQuantRule SameAsInput(bool int16) {
  OpQuantRule r = Requantize(int16);
  r.output = OutputRule::kSameAsInput;
  return r;
}

OpQuantRule SharedInputs(bool int16) {
  OpQuantRule r = Requantize(int16);
  r.inputs_share_output = true;
  return r;
}

OpQuantRule Fixed(FixedQuant q8, std::optional<FixedQuant> q16) {
  OpQuantRule r = Requantize(q16.has_value());
  r.output = OutputRule::kFixed;
  r.fixed_int8 = q8;
  if (q16) r.fixed_int16 = *q16;
  return r;
}

OpQuantRule Weighted(int channel_axis) {
  OpQuantRule r = Requantize(true);
  r.weights_input = 1;
  r.constant_weights = true;
  r.channel_axis = channel_axis;
  r.bias_input = 2;
  r.hybrid_weights = {1};
  return r;
}

OpQuantRule MakeRule(OpType type) {
  switch (type) {
    // Weighted ops: symmetric int8 weights, per channel along the output
    // channel (dim 0 of OHWI / [out, in], dim 3 of depthwise 1HW(I*M)).
    case OpType::kConv2D: return Weighted(0);
    case OpType::kDepthwiseConv2D: return Weighted(3);
    case OpType::kFullyConnected: return Weighted(0);
    case OpType::kBatchMatMul: {
      // Operands are per-tensor; a constant right-hand side is quantized
      // symmetrically like weights (hybrid: int8 rhs, float lhs).
      OpQuantRule r = Requantize(true);
      r.weights_input = 1;
      r.hybrid_weights = {1};
      return r;
    }
    case OpType::kUnidirectionalSequenceLstm: {
      // Full-integer LSTM needs calibrated gate intermediates; it stays
      // float32 there. Dynamic range uses the hybrid kernel, which reads the
      // input-to-gate (1-4), recurrent-to-gate (5-8), peephole (9-11) and
      // projection (16) weights as int8 with one scale each.
      OpQuantRule r;
      r.hybrid_weights = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16};
      return r;
    }

    // Arithmetic and activations with their own output range.
    case OpType::kAdd:
    case OpType::kSub:
    case OpType::kMul:
    case OpType::kRelu:
    case OpType::kRelu6:
    case OpType::kLeakyRelu:
    case OpType::kMean:
      return Requantize(true);
    case OpType::kReluN1To1:
    case OpType::kHardSwish:
    case OpType::kSum:
    case OpType::kElu:
    case OpType::kGelu:
    case OpType::kPrelu:
    case OpType::kSquaredDifference:
      return Requantize(false);

    // Fixed output scales.
    case OpType::kLogistic: return Fixed({kInv256, -128}, FixedQuant{kInv32768, 0});
    case OpType::kTanh: return Fixed({kInv128, 0}, FixedQuant{kInv32768, 0});
    case OpType::kSoftmax: return Fixed({kInv256, -128}, FixedQuant{kInv32768, 0});
    case OpType::kLogSoftmax: return Fixed({16.f / 256.f, 127}, std::nullopt);
    case OpType::kL2Normalization: return Fixed({kInv128, 0}, std::nullopt);

    // Ops that move or select values: the output keeps the input's scale.
    case OpType::kReshape:
    case OpType::kSqueeze:
    case OpType::kExpandDims:
    case OpType::kTranspose:
    case OpType::kPad:
    case OpType::kPadV2:
    case OpType::kMaxPool2D:
    case OpType::kAveragePool2D:
    case OpType::kResizeBilinear:
    case OpType::kResizeNearestNeighbor:
    case OpType::kStridedSlice:
    case OpType::kSlice:
    case OpType::kGather:
    case OpType::kSplit:
    case OpType::kSplitV:
    case OpType::kUnpack:
    case OpType::kReduceMax:
    case OpType::kReduceMin:
      return SameAsInput(true);
    case OpType::kDepthToSpace:
    case OpType::kSpaceToDepth:
    case OpType::kBatchToSpaceNd:
    case OpType::kSpaceToBatchNd:
      return SameAsInput(false);
    case OpType::kArgMax:
    case OpType::kArgMin:
      return SameAsInput(false);  // int32 output: only the input changes

    // Several inputs, one scale.
    case OpType::kConcatenation:
    case OpType::kPack:
    case OpType::kMaximum:
    case OpType::kMinimum:
      return SharedInputs(true);

    default:
      return OpQuantRule{};
  }
}

const std::vector<OpQuantRule>& Table() {
  static const std::vector<OpQuantRule> table = [] {
    std::vector<OpQuantRule> t(static_cast<size_t>(OpType::kNumOpTypes));
    for (size_t i = 0; i < t.size(); ++i) t[i] = MakeRule(static_cast<OpType>(i));
    return t;
  }();
  return table;
}

DType InputType(const ir::Subgraph& sg, const ir::Op& op, size_t i) {
  if (i >= op.inputs.size() || op.inputs[i] < 0) return DType::kFloat32;
  return sg.tensors[static_cast<size_t>(op.inputs[i])].dtype;
}
DType OutputType(const ir::Subgraph& sg, const ir::Op& op) {
  if (op.outputs.empty() || op.outputs[0] < 0) return DType::kFloat32;
  return sg.tensors[static_cast<size_t>(op.outputs[0])].dtype;
}
bool PerChannel(const ir::Subgraph& sg, const ir::Op& op, size_t i) {
  if (i >= op.inputs.size() || op.inputs[i] < 0) return false;
  return sg.tensors[static_cast<size_t>(op.inputs[i])].quant.is_per_channel();
}
bool HasInput(const ir::Op& op, size_t i) { return i < op.inputs.size() && op.inputs[i] >= 0; }

template <typename T>
const T* Options(const ir::Op& op) {
  return std::get_if<T>(&op.options);
}

}  // namespace

const OpQuantRule& RuleFor(const ir::Op& op) {
  static const OpQuantRule kFloat{};
  if (op.type == OpType::kCustom) return kFloat;
  const auto i = static_cast<size_t>(op.type);
  return i < Table().size() ? Table()[i] : kFloat;
}

std::optional<int32_t> ConverterOpVersion(const ir::Subgraph& sg, const ir::Op& op) {
  const DType in = InputType(sg, op, 0);
  const DType out = OutputType(sg, op);
  const DType w = InputType(sg, op, 1);
  const bool i8 = in == DType::kInt8;
  const bool i16 = in == DType::kInt16;
  const bool hybrid = in == DType::kFloat32 && w == DType::kInt8 && out == DType::kFloat32;
  switch (op.type) {
    case OpType::kConv2D: {
      const auto* o = Options<ir::Conv2DOptions>(op);
      if (i16 && w == DType::kInt8 && out == DType::kInt16 && o &&
          o->quantized_bias_type != DType::kFloat32) {
        return 8;
      }
      if (i16 && out == DType::kInt16) return 4;
      if (i8 && w == DType::kInt8 && out == DType::kInt8) return 3;
      if (hybrid) return PerChannel(sg, op, 1) ? 5 : 2;
      return 1;
    }
    case OpType::kDepthwiseConv2D: {
      if (i16 && out == DType::kInt16) return 5;
      if (hybrid) return PerChannel(sg, op, 1) ? 6 : 4;
      if (i8 && w == DType::kInt8 && out == DType::kInt8) return 3;
      const auto* o = Options<ir::DepthwiseConv2DOptions>(op);
      if (o && (o->dilation_w != 1 || o->dilation_h != 1)) return 2;
      return 1;
    }
    case OpType::kFullyConnected: {
      const auto* o = Options<ir::FullyConnectedOptions>(op);
      if (hybrid && PerChannel(sg, op, 1)) return 12;
      if (i16 && w == DType::kInt8 && out == DType::kInt16 && o &&
          o->quantized_bias_type != DType::kFloat32) {
        return 11;
      }
      if (!HasInput(op, 2)) return 6;
      if (o && o->keep_num_dims) return 5;
      if (i8 && w == DType::kInt8 && out == DType::kInt8) return 4;
      if (hybrid) return o && o->asymmetric_quantize_inputs ? 9 : 3;
      return 1;
    }
    case OpType::kBatchMatMul: {
      if (i16) return 3;
      if (i8) return 2;
      const auto* o = Options<ir::BatchMatMulOptions>(op);
      if (hybrid && o && o->asymmetric_quantize_inputs) return 4;
      return 1;
    }
    case OpType::kUnidirectionalSequenceLstm: {
      const auto* o = Options<ir::SequenceLstmOptions>(op);
      const DType w2 = InputType(sg, op, 2);
      if (i16 && w2 == DType::kInt8 && out == DType::kInt16) return 5;
      if (o && o->diagonal_recurrent_tensors) return 4;
      if (in == DType::kFloat32 && w2 == DType::kInt8 && out == DType::kFloat32) {
        return o && o->asymmetric_quantize_inputs ? 3 : 2;
      }
      return 1;
    }
    case OpType::kAdd: {
      if (i16 && out == DType::kInt16) {
        const auto* o = Options<ir::FusedActivationOptions>(op);
        if (o && !o->pot_scale_int16) return 3;
      }
      return i8 ? 2 : 1;
    }
    case OpType::kSub: {
      if (i16 && out == DType::kInt16) {
        const auto* o = Options<ir::FusedActivationOptions>(op);
        if (o && !o->pot_scale_int16) return 5;
      }
      return i8 ? 2 : 1;
    }
    case OpType::kMul:
      if (i16) return 4;
      return i8 ? 2 : 1;
    case OpType::kMaxPool2D:
    case OpType::kAveragePool2D:
    case OpType::kLogistic:
    case OpType::kTanh:
      if (i16 && out == DType::kInt16) return 3;
      return i8 ? 2 : 1;
    case OpType::kSoftmax:
    case OpType::kMean:
    case OpType::kReduceMax:
    case OpType::kReduceMin:
    case OpType::kRelu6:
    case OpType::kConcatenation:
      if (i16) return 3;
      return i8 ? 2 : 1;
    case OpType::kRelu:
      if (i16) return 3;
      return (i8 || in == DType::kUInt8) ? 2 : 1;
    case OpType::kPad:
    case OpType::kPadV2:
      if (sg.tensors[static_cast<size_t>(op.inputs[0])].shape.rank() > 4) return 4;
      if (i16) return 3;
      return i8 ? 2 : 1;
    case OpType::kResizeBilinear: {
      if (i16) return 4;
      const auto* o = Options<ir::ResizeOptions>(op);
      if (o && o->half_pixel_centers) return 3;
      return i8 ? 2 : 1;
    }
    case OpType::kResizeNearestNeighbor: {
      if (i16) return 4;
      const auto* o = Options<ir::ResizeOptions>(op);
      if (o && (o->half_pixel_centers || o->align_corners)) return 3;
      return i8 ? 2 : 1;
    }
    case OpType::kDepthToSpace:
    case OpType::kSpaceToDepth:
    case OpType::kSum:
    case OpType::kLogSoftmax:
    case OpType::kSplitV:
    case OpType::kSquaredDifference:
      return i8 ? 2 : 1;
    case OpType::kL2Normalization:
      return out == DType::kInt8 ? 2 : 1;
    case OpType::kLeakyRelu:
      return i16 ? 2 : 1;
    case OpType::kMaximum:
    case OpType::kMinimum:
      if (i16 && out == DType::kInt16) return 4;
      return i8 ? 2 : 1;
    case OpType::kPack:
      if (i8) return 2;
      return i16 ? 3 : 1;
    case OpType::kQuantize: {
      if (out == DType::kInt16) return 2;
      return 1;
    }
    case OpType::kDequantize: {
      if (in == DType::kInt16 || in == DType::kFloat16) return 3;
      if (in == DType::kInt8) return PerChannel(sg, op, 0) ? 5 : 2;
      return 1;
    }
    case OpType::kGelu:
      return (i8 || in == DType::kUInt8) ? 2 : 1;
    case OpType::kTranspose:
      if (i16) return 5;
      if (sg.tensors[static_cast<size_t>(op.inputs[0])].shape.rank() > 4) return 4;
      return i8 ? 2 : 1;
    case OpType::kSlice:
      if (i16) return 4;
      return i8 ? 2 : 1;
    case OpType::kGather:
      if (i16) return 4;
      return i8 ? 2 : 1;
    case OpType::kSplit: {
      const DType data = InputType(sg, op, 1);  // input 0 is the axis
      if (data == DType::kInt16) return 4;
      return data == DType::kInt8 ? 2 : 1;
    }
    case OpType::kUnpack:
      if (i16 && out == DType::kInt16) return 4;
      return i8 ? 2 : 1;
    case OpType::kBatchToSpaceNd:
    case OpType::kSpaceToBatchNd:
      if (i16) return 4;
      if (sg.tensors[static_cast<size_t>(op.inputs[0])].shape.rank() != 4) return 3;
      return i8 ? 2 : 1;
    case OpType::kStridedSlice:
    case OpType::kArgMax:
    case OpType::kArgMin:
      return i8 ? 2 : 1;
    default:
      return std::nullopt;
  }
}

}  // namespace liteforge::quant
