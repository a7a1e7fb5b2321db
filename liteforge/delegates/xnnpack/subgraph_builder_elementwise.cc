// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Elementwise ops as XNNPACK nodes: binary arithmetic with NumPy
// broadcasting and fused activations (ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM,
// SQUARED_DIFFERENCE), unary functions (HARD_SWISH, LOGISTIC, ELU,
// LEAKY_RELU, ABS, NEG, FLOOR, CEIL, SQUARE, SQRT), the RELU family as
// clamps, SOFTMAX and PRELU.
//
// Which dtypes each node takes is XNNPACK's business: the builder passes
// float32 and per-tensor int8/uint8 through, and the delegate only claims an
// op after XNNPACK accepted it in a runtime of its own.

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <vector>

#include "liteforge/delegates/xnnpack/subgraph_builder.h"

namespace liteforge::delegates::xnnpack {
namespace {

// The NumPy broadcast of two shapes, or nullopt when they do not broadcast.
std::optional<Shape> Broadcast(const Shape& a, const Shape& b) {
  const int rank = std::max(a.rank(), b.rank());
  std::vector<int32_t> dims(static_cast<size_t>(rank));
  for (int i = 1; i <= rank; ++i) {
    const int32_t da = i <= a.rank() ? a.dim_from_back(i) : 1;
    const int32_t db = i <= b.rank() ? b.dim_from_back(i) : 1;
    if (da != db && da != 1 && db != 1) return std::nullopt;
    dims[static_cast<size_t>(rank - i)] = da == 1 ? db : da;
  }
  return Shape(std::move(dims));
}

ir::Activation FusedActivation(const ir::Op& op) {
  if (const auto* o = std::get_if<ir::FusedActivationOptions>(&op.options)) return o->activation;
  return ir::Activation::kNone;
}

}  // namespace

Status SubgraphBuilder::DefineBinary(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 2, 2, 1));
  const int32_t a = op.inputs[0], b = op.inputs[1], out = op.outputs[0];
  if (facts_.IsStatic(a) && facts_.IsStatic(b)) {
    return Unimplemented("{} of two constants is folded, not delegated", op.DisplayName());
  }
  const DType dt = tensor(out).dtype;
  if (tensor(a).dtype != dt || tensor(b).dtype != dt) {
    return Unimplemented("{} mixes dtypes", op.DisplayName());
  }
  if (dt != DType::kFloat32 && (!IsQuantized8(a) || !IsQuantized8(b) || !IsQuantized8(out))) {
    return Unimplemented("{}: XNNPACK takes float32 or per-tensor int8/uint8", op.DisplayName());
  }
  const auto shape = Broadcast(tensor(a).shape, tensor(b).shape);
  if (!shape || *shape != tensor(out).shape) {
    return Unimplemented("{}: {} and {} do not broadcast to {}", op.DisplayName(),
                         tensor(a).shape.ToString(), tensor(b).shape.ToString(),
                         tensor(out).shape.ToString());
  }
  LF_ASSIGN_OR_RETURN(const uint32_t a_id, Value(a));
  LF_ASSIGN_OR_RETURN(const uint32_t b_id, Value(b));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  xnn_status s;
  switch (op.type) {
    case ir::OpType::kAdd:
    case ir::OpType::kSub:
    case ir::OpType::kMul:
    case ir::OpType::kDiv: {
      LF_ASSIGN_OR_RETURN(const auto bounds, ActivationBounds(FusedActivation(op), out));
      if (op.type == ir::OpType::kAdd) {
        s = xnn_define_add2(subgraph_, bounds.first, bounds.second, a_id, b_id, out_id, 0);
      } else if (op.type == ir::OpType::kSub) {
        s = xnn_define_subtract(subgraph_, bounds.first, bounds.second, a_id, b_id, out_id, 0);
      } else if (op.type == ir::OpType::kMul) {
        s = xnn_define_multiply2(subgraph_, bounds.first, bounds.second, a_id, b_id, out_id, 0);
      } else {
        s = xnn_define_divide(subgraph_, bounds.first, bounds.second, a_id, b_id, out_id, 0);
      }
      break;
    }
    case ir::OpType::kMaximum:
      s = xnn_define_maximum2(subgraph_, a_id, b_id, out_id, 0);
      break;
    case ir::OpType::kMinimum:
      s = xnn_define_minimum2(subgraph_, a_id, b_id, out_id, 0);
      break;
    case ir::OpType::kSquaredDifference:
      s = xnn_define_squared_difference(subgraph_, a_id, b_id, out_id, 0);
      break;
    default:
      return Internal("{} is not a binary op", op.DisplayName());
  }
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected {}: {}", op.DisplayName(), XnnStatusName(s));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefineUnary(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 1, 1, 1));
  const int32_t in = op.inputs[0], out = op.outputs[0];
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  const DType dt = tensor(in).dtype;
  if (tensor(out).dtype != dt || tensor(in).shape != tensor(out).shape) {
    return Unimplemented("{}: input and output differ in dtype or shape", op.DisplayName());
  }
  if (dt != DType::kFloat32 && (!IsQuantized8(in) || !IsQuantized8(out))) {
    return Unimplemented("{}: XNNPACK takes float32 or per-tensor int8/uint8", op.DisplayName());
  }
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  xnn_status s;
  switch (op.type) {
    case ir::OpType::kHardSwish:
      s = xnn_define_hardswish(subgraph_, in_id, out_id, 0);
      break;
    case ir::OpType::kLogistic:
      s = xnn_define_sigmoid(subgraph_, in_id, out_id, 0);
      break;
    case ir::OpType::kAbs:
      s = xnn_define_abs(subgraph_, in_id, out_id, 0);
      break;
    case ir::OpType::kNeg:
      s = xnn_define_negate(subgraph_, in_id, out_id, 0);
      break;
    case ir::OpType::kFloor:
      s = xnn_define_floor(subgraph_, in_id, out_id, 0);
      break;
    case ir::OpType::kCeil:
      s = xnn_define_ceiling(subgraph_, in_id, out_id, 0);
      break;
    case ir::OpType::kSquare:
      s = xnn_define_square(subgraph_, in_id, out_id, 0);
      break;
    case ir::OpType::kSqrt:
      s = xnn_define_square_root(subgraph_, in_id, out_id, 0);
      break;
    case ir::OpType::kElu:
      s = xnn_define_elu(subgraph_, 1.f, in_id, out_id, 0);
      break;
    case ir::OpType::kLeakyRelu: {
      float alpha = 0.f;
      if (const auto* o = std::get_if<ir::LeakyReluOptions>(&op.options)) alpha = o->alpha;
      s = xnn_define_leaky_relu(subgraph_, alpha, in_id, out_id, 0);
      break;
    }
    default:
      return Internal("{} is not a unary op", op.DisplayName());
  }
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected {}: {}", op.DisplayName(), XnnStatusName(s));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefineClampOp(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 1, 1, 1));
  const int32_t in = op.inputs[0], out = op.outputs[0];
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  // XNNPACK's integer clamp does not rescale; TFLite's RELU may.
  LF_RETURN_IF_ERROR(ExpectSameQuant(in, out));
  if (tensor(in).shape != tensor(out).shape) {
    return Unimplemented("{}: input and output shapes differ", op.DisplayName());
  }
  constexpr float kInf = std::numeric_limits<float>::infinity();
  float lo = 0.f, hi = kInf;
  if (op.type == ir::OpType::kRelu6) hi = 6.f;
  if (op.type == ir::OpType::kRelu0To1) hi = 1.f;
  if (op.type == ir::OpType::kReluN1To1) {
    lo = -1.f;
    hi = 1.f;
  }
  LF_ASSIGN_OR_RETURN(const auto bounds, ClampBounds(lo, hi, out));
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const xnn_status s = xnn_define_clamp(subgraph_, bounds.first, bounds.second, in_id, out_id, 0);
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected {}: {}", op.DisplayName(), XnnStatusName(s));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefineSoftmax(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 1, 1, 1));
  const int32_t in = op.inputs[0], out = op.outputs[0];
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  float beta = 1.f;
  if (const auto* o = std::get_if<ir::SoftmaxOptions>(&op.options)) beta = o->beta;
  // XNNPACK's softmax has no temperature.
  if (beta != 1.f) return Unimplemented("SOFTMAX with beta {} (XNNPACK computes beta 1)", beta);
  if (tensor(in).dtype != tensor(out).dtype || tensor(in).shape != tensor(out).shape) {
    return Unimplemented("SOFTMAX: input and output differ in dtype or shape");
  }
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  const xnn_status s = xnn_define_softmax(subgraph_, in_id, out_id, 0);
  if (s != xnn_status_success)
    return Unimplemented("XNNPACK rejected SOFTMAX: {}", XnnStatusName(s));
  return Status::Ok();
}

Status SubgraphBuilder::DefinePrelu(const ir::Op& op) {
  LF_RETURN_IF_ERROR(ExpectCounts(op, 2, 2, 1));
  const int32_t in = op.inputs[0], alpha = op.inputs[1], out = op.outputs[0];
  LF_RETURN_IF_ERROR(ExpectDynamic(in));
  const Shape& is = tensor(in).shape;
  const Shape& as = tensor(alpha).shape;
  if (is.rank() != 4 || tensor(out).shape != is || tensor(in).dtype != DType::kFloat32 ||
      tensor(out).dtype != DType::kFloat32 || tensor(alpha).dtype != DType::kFloat32 ||
      !facts_.IsStatic(alpha)) {
    return Unimplemented("PRELU: XNNPACK takes a float32 NHWC input and a constant slope");
  }
  // XNNPACK's slope is one value per channel; TFLite's broadcasts, so only
  // slopes that vary along channels alone (or not at all) translate.
  const int channels = is.dim(3);
  const int64_t n = as.NumElements();
  for (int d = 0; d + 1 < as.rank(); ++d) {
    if (as.dim(d) != 1) return Unimplemented("PRELU: slope {} varies along space", as.ToString());
  }
  if (n != 1 && n != channels)
    return Unimplemented("PRELU: slope {} is not per channel", as.ToString());
  LF_ASSIGN_OR_RETURN(const uint8_t* bytes, StaticData(alpha));
  auto* slope =
      reinterpret_cast<float*>(buffers_->Allocate(static_cast<size_t>(channels) * sizeof(float)));
  if (slope == nullptr) return ResourceExhausted("cannot allocate the PRELU slope");
  for (int c = 0; c < channels; ++c) std::memcpy(&slope[c], bytes + (n == 1 ? 0 : 4 * c), 4);
  const size_t dims[1] = {static_cast<size_t>(channels)};
  uint32_t slope_id = XNN_INVALID_VALUE_ID;
  xnn_status s = xnn_define_tensor_value(subgraph_, xnn_datatype_fp32, 1, dims, slope,
                                         XNN_INVALID_VALUE_ID, 0, &slope_id);
  if (s != xnn_status_success)
    return Unimplemented("XNNPACK rejected the PRELU slope: {}", XnnStatusName(s));
  LF_ASSIGN_OR_RETURN(const uint32_t in_id, Value(in));
  LF_ASSIGN_OR_RETURN(const uint32_t out_id, Value(out));
  s = xnn_define_prelu(subgraph_, in_id, slope_id, out_id, 0);
  if (s != xnn_status_success) return Unimplemented("XNNPACK rejected PRELU: {}", XnnStatusName(s));
  return Status::Ok();
}

}  // namespace liteforge::delegates::xnnpack
