// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ir/passes/fuse_pad_into_conv.h"

#include <array>
#include <cstring>
#include <variant>

#include "liteforge/ir/passes/tensor_uses.h"

namespace liteforge::ir {
namespace {

// The conv's explicit-padding field, or null when `op` is not a conv whose
// options are modelled.
std::optional<ExplicitPadding>* ExplicitPaddingField(Op& op) {
  if (op.type == OpType::kConv2D) {
    if (auto* o = std::get_if<Conv2DOptions>(&op.options)) return &o->explicit_padding;
  } else if (op.type == OpType::kDepthwiseConv2D) {
    if (auto* o = std::get_if<DepthwiseConv2DOptions>(&op.options)) return &o->explicit_padding;
  }
  return nullptr;
}

// The 8 amounts of a constant [4, 2] int32 / int64 paddings tensor.
std::optional<std::array<int64_t, 8>> ConstantPaddings(const Tensor& t) {
  if (!t.is_constant() || t.sparsity.has_value() || t.shape != Shape({4, 2})) return std::nullopt;
  std::array<int64_t, 8> v{};
  if (t.dtype == DType::kInt32 && t.data->size() == 8 * sizeof(int32_t)) {
    for (size_t i = 0; i < 8; ++i) {
      int32_t x = 0;
      std::memcpy(&x, t.data->data() + i * sizeof(int32_t), sizeof(x));
      v[i] = x;
    }
    return v;
  }
  if (t.dtype == DType::kInt64 && t.data->size() == 8 * sizeof(int64_t)) {
    for (size_t i = 0; i < 8; ++i) std::memcpy(&v[i], t.data->data() + i * sizeof(int64_t), 8);
    return v;
  }
  return std::nullopt;
}

// Whether padding with PAD's fill value equals the conv's own padding.
bool FillIsConvPadding(const Tensor& src, const Tensor& padded) {
  if (src.dtype != padded.dtype) return false;
  switch (src.dtype) {
    case DType::kFloat32:
      return true;
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16:
      return src.quant.scale.size() == 1 && src.quant.zero_point.size() <= 1 &&
             src.quant == padded.quant;
    default:
      return false;
  }
}

}  // namespace

Result<int> FusePadIntoConv::Run(Graph& graph) const {
  int fused = 0;
  for (Subgraph& sg : graph.subgraphs) {
    const TensorUses uses(sg);
    std::vector<bool> dead(sg.ops.size(), false);
    for (size_t i = 0; i < sg.ops.size(); ++i) {
      Op& conv = sg.ops[i];
      std::optional<ExplicitPadding>* field = ExplicitPaddingField(conv);
      if (field == nullptr || field->has_value() || conv.inputs.size() < 2) continue;
      const int32_t padded = conv.inputs[0];
      const int32_t filter = conv.inputs[1];
      if (padded < 0 || filter < 0 || !uses.IsPrivateIntermediate(sg, padded)) continue;
      const int p = uses.producer(padded);
      if (p < 0 || dead[static_cast<size_t>(p)]) continue;
      const Op& pad = sg.ops[static_cast<size_t>(p)];
      if (pad.type != OpType::kPad || pad.inputs.size() != 2 || pad.outputs.size() != 1) continue;
      const int32_t src = pad.inputs[0];
      const int32_t paddings = pad.inputs[1];
      if (src < 0 || paddings < 0) continue;
      const Tensor& src_t = sg.tensors[static_cast<size_t>(src)];
      const Tensor& padded_t = sg.tensors[static_cast<size_t>(padded)];
      if (src_t.shape.rank() != 4 || padded_t.shape.rank() != 4) continue;
      if (!FillIsConvPadding(src_t, padded_t)) continue;
      if (sg.tensors[static_cast<size_t>(filter)].dtype != src_t.dtype) continue;  // hybrid
      const auto amounts = ConstantPaddings(sg.tensors[static_cast<size_t>(paddings)]);
      if (!amounts) continue;
      const auto& a = *amounts;
      if (a[0] != 0 || a[1] != 0 || a[6] != 0 || a[7] != 0) continue;  // batch, channels
      bool in_range = true;
      for (int d = 2; d < 6; ++d) in_range = in_range && a[d] >= 0 && a[d] <= (1 << 20);
      if (!in_range) continue;
      *field = ExplicitPadding{static_cast<int32_t>(a[2]), static_cast<int32_t>(a[3]),
                               static_cast<int32_t>(a[4]), static_cast<int32_t>(a[5])};
      conv.inputs[0] = src;
      dead[static_cast<size_t>(p)] = true;
      ++fused;
    }
    EraseOps(sg, dead);
  }
  return fused;
}

}  // namespace liteforge::ir
