// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// What `liteforge inspect` reports about a model, computed once here so the
// CLI and the Python module say the same thing: inputs and outputs, the op
// table, ops this build cannot run (and why), weight bytes by dtype, the
// planned arena, metadata entries and signatures.

#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge {

struct TensorSummary {
  int index = -1;
  std::string name;
  DType dtype = DType::kFloat32;
  Shape shape;
  std::vector<int32_t> shape_signature;
  QuantParams quant;
};

struct OpCount {
  std::string name;  // "CONV_2D" or the custom op's name
  int version = 1;
  bool custom = false;
  int count = 0;
};

struct UnsupportedOp {
  std::string name;
  std::vector<std::string> where;  // "subgraph 0, op 3 'x' (NAME)"
  std::string reason;
};

struct ModelSummary {
  std::string description;
  uint32_t schema_version = 0;
  int num_subgraphs = 0;
  int num_ops = 0;
  int num_tensors = 0;
  std::vector<TensorSummary> inputs;
  std::vector<TensorSummary> outputs;
  std::vector<OpCount> ops;
  std::vector<UnsupportedOp> unsupported;
  std::map<std::string, size_t> weight_bytes;  // by dtype name
  size_t weight_tensors = 0;
  std::optional<size_t> arena_bytes;           // when the model can be planned
  std::optional<size_t> persistent_bytes;
  std::string plan_error;                      // why it cannot, otherwise
  struct Metadata {
    std::string name;
    size_t bytes = 0;
    std::string text;  // printable content for short text entries
  };
  std::vector<Metadata> metadata;
  std::vector<ir::Signature> signatures;
};

ModelSummary SummarizeModel(const ir::Graph& graph, const ops::OpResolver& resolver);

}  // namespace liteforge
