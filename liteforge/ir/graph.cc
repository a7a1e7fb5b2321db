// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ir/graph.h"

#include <cstring>

#include <fmt/format.h>

#include "liteforge/base/aligned_buffer.h"

namespace liteforge::ir {

ConstData ConstData::Copy(std::span<const uint8_t> bytes) {
  auto buffer = std::make_shared<AlignedBuffer>(bytes.size());
  if (!bytes.empty() && buffer->data() != nullptr) {
    std::memcpy(buffer->data(), bytes.data(), bytes.size());
  }
  const uint8_t* data = buffer->data();
  return ConstData(std::shared_ptr<const void>(buffer, buffer.get()), data,
                   buffer->data() != nullptr ? bytes.size() : 0);
}

std::string Op::DisplayName() const {
  if (type == OpType::kCustom) return custom_code;
  return std::string(OpTypeName(type));
}

const MetadataEntry* Graph::FindMetadata(std::string_view name) const {
  for (const auto& m : metadata) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string DescribeOp(const Graph& graph, int subgraph, int op_index) {
  if (subgraph < 0 || subgraph >= static_cast<int>(graph.subgraphs.size())) {
    return fmt::format("subgraph {}, op {}", subgraph, op_index);
  }
  const Subgraph& sg = graph.subgraphs[subgraph];
  if (op_index < 0 || op_index >= static_cast<int>(sg.ops.size())) {
    return fmt::format("subgraph {}, op {}", subgraph, op_index);
  }
  const Op& op = sg.ops[op_index];
  std::string name;
  if (!op.outputs.empty() && op.outputs[0] >= 0 &&
      op.outputs[0] < static_cast<int>(sg.tensors.size())) {
    name = sg.tensors[op.outputs[0]].name;
  }
  if (name.empty()) return fmt::format("subgraph {}, op {} ({})", subgraph, op_index, op.DisplayName());
  return fmt::format("subgraph {}, op {} '{}' ({})", subgraph, op_index, name, op.DisplayName());
}

std::string DescribeTensor(const Graph& graph, int subgraph, int tensor_index) {
  if (subgraph >= 0 && subgraph < static_cast<int>(graph.subgraphs.size())) {
    const Subgraph& sg = graph.subgraphs[subgraph];
    if (tensor_index >= 0 && tensor_index < static_cast<int>(sg.tensors.size()) &&
        !sg.tensors[tensor_index].name.empty()) {
      return fmt::format("subgraph {}, tensor {} '{}'", subgraph, tensor_index,
                         sg.tensors[tensor_index].name);
    }
  }
  return fmt::format("subgraph {}, tensor {}", subgraph, tensor_index);
}

}  // namespace liteforge::ir
