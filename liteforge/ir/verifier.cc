// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ir/verifier.h"

#include <cmath>
#include <limits>
#include <variant>
#include <vector>

#include <fmt/format.h>

namespace liteforge::ir {
namespace {

// Beyond this a tensor cannot be allocated on any device we target; it also
// keeps every byte count comfortably inside size_t and int64 arithmetic.
constexpr int64_t kMaxTensorBytes = int64_t{1} << 40;

Status CheckTensor(const Graph& graph, int s, int t) {
  const Tensor& tensor = graph.subgraphs[s].tensors[t];
  auto where = [&] { return DescribeTensor(graph, s, t); };
  for (int d = 0; d < tensor.shape.rank(); ++d) {
    if (tensor.shape.dim(d) < 0) {
      return InvalidArgument("{}: dimension {} of shape {} is negative", where(), d,
                             tensor.shape.ToString());
    }
  }
  const auto count = tensor.shape.CheckedNumElements();
  if (!count) return InvalidArgument("{}: shape {} overflows", where(), tensor.shape.ToString());
  const auto bytes = DTypeBytes(tensor.dtype, *count);
  if (bytes && static_cast<int64_t>(*bytes) > kMaxTensorBytes) {
    return InvalidArgument("{}: shape {} of {} needs {} bytes, more than the {} byte limit",
                           where(), tensor.shape.ToString(), DTypeName(tensor.dtype), *bytes,
                           kMaxTensorBytes);
  }
  if (tensor.data && !tensor.sparsity && bytes && tensor.data->size() != *bytes) {
    return InvalidArgument("{}: constant data has {} bytes, but shape {} of {} needs {}",
                           where(), tensor.data->size(), tensor.shape.ToString(),
                           DTypeName(tensor.dtype), *bytes);
  }
  const QuantParams& q = tensor.quant;
  for (size_t i = 0; i < q.scale.size(); ++i) {
    if (!std::isfinite(q.scale[i]) || q.scale[i] <= 0.f) {
      return InvalidArgument("{}: quantization scale[{}] = {} is not a positive finite number",
                             where(), i, q.scale[i]);
    }
  }
  if (!q.zero_point.empty() && q.zero_point.size() != q.scale.size()) {
    return InvalidArgument("{}: {} quantization scales but {} zero points", where(),
                           q.scale.size(), q.zero_point.size());
  }
  if (q.scale.size() > 1) {
    if (q.quantized_dimension < 0 || q.quantized_dimension >= tensor.shape.rank()) {
      return InvalidArgument("{}: quantized dimension {} is outside rank {}", where(),
                             q.quantized_dimension, tensor.shape.rank());
    }
    if (static_cast<int64_t>(q.scale.size()) != tensor.shape.dim(q.quantized_dimension)) {
      return InvalidArgument("{}: {} per-channel scales for dimension {} of size {}", where(),
                             q.scale.size(), q.quantized_dimension,
                             tensor.shape.dim(q.quantized_dimension));
    }
  }
  return Status::Ok();
}

Status CheckSubgraphIndex(const Graph& graph, int s, int o, int32_t index, const char* role) {
  if (index < 0 || index >= static_cast<int>(graph.subgraphs.size())) {
    return InvalidArgument("{}: {} subgraph {} does not exist (the model has {})",
                           DescribeOp(graph, s, o), role, index, graph.subgraphs.size());
  }
  return Status::Ok();
}

Status CheckSubgraph(const Graph& graph, int s) {
  const Subgraph& sg = graph.subgraphs[s];
  const int num_tensors = static_cast<int>(sg.tensors.size());
  for (int t = 0; t < num_tensors; ++t) LF_RETURN_IF_ERROR(CheckTensor(graph, s, t));

  auto in_range = [&](int32_t t) { return t >= 0 && t < num_tensors; };
  // 0 = not yet written, 1 = available (input, constant, variable, or produced).
  std::vector<uint8_t> available(sg.tensors.size(), 0);
  std::vector<int> producer(sg.tensors.size(), -1);
  for (int t = 0; t < num_tensors; ++t) {
    const Tensor& tensor = sg.tensors[t];
    if (tensor.data || tensor.is_variable) available[t] = 1;
  }
  for (int32_t t : sg.inputs) {
    if (!in_range(t)) {
      return InvalidArgument("subgraph {}: input tensor index {} is out of range (subgraph has {} tensors)",
                             s, t, num_tensors);
    }
    available[t] = 1;
  }
  for (int32_t t : sg.outputs) {
    if (!in_range(t)) {
      return InvalidArgument("subgraph {}: output tensor index {} is out of range (subgraph has {} tensors)",
                             s, t, num_tensors);
    }
  }
  for (int o = 0; o < static_cast<int>(sg.ops.size()); ++o) {
    const Op& op = sg.ops[o];
    auto where = [&] { return DescribeOp(graph, s, o); };
    for (size_t i = 0; i < op.inputs.size(); ++i) {
      const int32_t t = op.inputs[i];
      if (t == -1) continue;
      if (!in_range(t)) {
        return InvalidArgument("{}: input {} refers to tensor {}, but the subgraph has {} tensors",
                               where(), i, t, num_tensors);
      }
      if (!available[t]) {
        return InvalidArgument("{}: input {} ({}) is read before any op writes it", where(), i,
                               DescribeTensor(graph, s, t));
      }
    }
    for (size_t i = 0; i < op.outputs.size(); ++i) {
      const int32_t t = op.outputs[i];
      if (!in_range(t)) {
        return InvalidArgument("{}: output {} refers to tensor {}, but the subgraph has {} tensors",
                               where(), i, t, num_tensors);
      }
      if (sg.tensors[t].is_constant()) {
        return InvalidArgument("{}: output {} ({}) is a constant", where(), i,
                               DescribeTensor(graph, s, t));
      }
      if (producer[t] >= 0) {
        return InvalidArgument("{}: output {} ({}) is already written by op {}", where(), i,
                               DescribeTensor(graph, s, t), producer[t]);
      }
      producer[t] = o;
      available[t] = 1;
    }
    for (int32_t t : op.intermediates) {
      if (!in_range(t)) {
        return InvalidArgument("{}: intermediate tensor {} is out of range", where(), t);
      }
    }
    if (!op.mutating_variable_inputs.empty() &&
        op.mutating_variable_inputs.size() != op.inputs.size()) {
      return InvalidArgument("{}: {} mutating-variable flags for {} inputs", where(),
                             op.mutating_variable_inputs.size(), op.inputs.size());
    }
    if (const auto* w = std::get_if<WhileOptions>(&op.options)) {
      LF_RETURN_IF_ERROR(CheckSubgraphIndex(graph, s, o, w->cond_subgraph, "condition"));
      LF_RETURN_IF_ERROR(CheckSubgraphIndex(graph, s, o, w->body_subgraph, "body"));
    } else if (const auto* c = std::get_if<IfOptions>(&op.options)) {
      LF_RETURN_IF_ERROR(CheckSubgraphIndex(graph, s, o, c->then_subgraph, "then"));
      LF_RETURN_IF_ERROR(CheckSubgraphIndex(graph, s, o, c->else_subgraph, "else"));
    } else if (const auto* once = std::get_if<CallOnceOptions>(&op.options)) {
      LF_RETURN_IF_ERROR(CheckSubgraphIndex(graph, s, o, once->init_subgraph, "init"));
    }
  }
  for (int32_t t : sg.outputs) {
    if (!available[t]) {
      return InvalidArgument("subgraph {}: output {} is never written", s,
                             DescribeTensor(graph, s, t));
    }
  }
  return Status::Ok();
}

}  // namespace

Status VerifyGraph(const Graph& graph) {
  if (graph.subgraphs.empty()) return InvalidArgument("the model has no subgraphs");
  for (int s = 0; s < static_cast<int>(graph.subgraphs.size()); ++s) {
    LF_RETURN_IF_ERROR(CheckSubgraph(graph, s));
  }
  for (const Signature& sig : graph.signatures) {
    if (sig.subgraph_index < 0 || sig.subgraph_index >= static_cast<int>(graph.subgraphs.size())) {
      return InvalidArgument("signature '{}' names subgraph {}, but the model has {}", sig.key,
                             sig.subgraph_index, graph.subgraphs.size());
    }
    const int n = static_cast<int>(graph.subgraphs[sig.subgraph_index].tensors.size());
    for (const auto* list : {&sig.inputs, &sig.outputs}) {
      for (const SignatureTensor& st : *list) {
        if (st.tensor_index < 0 || st.tensor_index >= n) {
          return InvalidArgument("signature '{}': '{}' refers to tensor {}, but subgraph {} has {} tensors",
                                 sig.key, st.name, st.tensor_index, sig.subgraph_index, n);
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace liteforge::ir
