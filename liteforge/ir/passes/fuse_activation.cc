// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ir/passes/fuse_activation.h"

#include <variant>

#include "liteforge/ir/passes/tensor_uses.h"

namespace liteforge::ir {
namespace {

// The fused activation an activation op becomes, or nullopt.
std::optional<Activation> AsFusedActivation(OpType type) {
  switch (type) {
    case OpType::kRelu: return Activation::kRelu;
    case OpType::kRelu6: return Activation::kRelu6;
    case OpType::kReluN1To1: return Activation::kReluN1To1;
    default: return std::nullopt;
  }
}

// The producer's fused-activation field, or null when the op cannot take
// one (wrong type, or options not modelled).
Activation* FusedActivationField(Op& op) {
  switch (op.type) {
    case OpType::kConv2D:
      if (auto* o = std::get_if<Conv2DOptions>(&op.options)) return &o->activation;
      return nullptr;
    case OpType::kDepthwiseConv2D:
      if (auto* o = std::get_if<DepthwiseConv2DOptions>(&op.options)) return &o->activation;
      return nullptr;
    case OpType::kFullyConnected:
      if (auto* o = std::get_if<FullyConnectedOptions>(&op.options)) return &o->activation;
      return nullptr;
    case OpType::kTransposeConv:
      if (auto* o = std::get_if<TransposeConvOptions>(&op.options)) return &o->activation;
      return nullptr;
    case OpType::kAdd:
    case OpType::kSub:
    case OpType::kMul:
      if (auto* o = std::get_if<FusedActivationOptions>(&op.options)) return &o->activation;
      return nullptr;
    default:
      return nullptr;
  }
}

bool SamePerTensorQuant(const QuantParams& a, const QuantParams& b) {
  return a.scale.size() == 1 && b.scale.size() == 1 && a.scale[0] == b.scale[0] &&
         a.zero_point0() == b.zero_point0() && a.zero_point.size() <= 1 &&
         b.zero_point.size() <= 1;
}

// Whether clamping in the producer computes exactly what the activation op
// computes on the producer's output.
bool ClampIsExact(const Tensor& in, const Tensor& out) {
  if (in.dtype != out.dtype) return false;
  switch (in.dtype) {
    case DType::kFloat32: return true;
    case DType::kInt8:
    case DType::kUInt8: return SamePerTensorQuant(in.quant, out.quant);
    default: return false;
  }
}

}  // namespace

Result<int> FuseActivation::Run(Graph& graph) const {
  int fused = 0;
  for (Subgraph& sg : graph.subgraphs) {
    TensorUses uses(sg);
    std::vector<bool> dead(sg.ops.size(), false);
    for (size_t i = 0; i < sg.ops.size(); ++i) {
      const Op& act = sg.ops[i];
      const std::optional<Activation> activation = AsFusedActivation(act.type);
      if (!activation || act.inputs.size() != 1 || act.outputs.size() != 1) continue;
      const int32_t x = act.inputs[0];
      const int32_t y = act.outputs[0];
      if (x < 0 || y < 0 || !uses.IsPrivateIntermediate(sg, x)) continue;
      const int p = uses.producer(x);
      if (p < 0 || dead[static_cast<size_t>(p)]) continue;
      Op& producer = sg.ops[static_cast<size_t>(p)];
      Activation* field = FusedActivationField(producer);
      if (field == nullptr || *field != Activation::kNone || producer.outputs.size() != 1) continue;
      if (!ClampIsExact(sg.tensors[static_cast<size_t>(x)], sg.tensors[static_cast<size_t>(y)])) {
        continue;
      }
      *field = *activation;
      producer.outputs[0] = y;
      uses.SetProducer(y, p);
      uses.SetProducer(x, -1);
      dead[i] = true;
      ++fused;
    }
    EraseOps(sg, dead);
  }
  return fused;
}

}  // namespace liteforge::ir
