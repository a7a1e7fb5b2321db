// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ir::Graph: a model as liteforge holds it between reading, transforming and
// running it. It mirrors what a .tflite file can say (subgraphs of tensors
// and ops, constants, quantization, sparsity, signatures, metadata) without
// depending on the file format: importers and passes build and edit it,
// the format layer reads and writes it, the runtime plans it.
//
// Constant data is shared, not copied: a ConstData points into bytes kept
// alive by its owner (usually the memory-mapped model file).

#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "liteforge/ir/op_options.h"
#include "liteforge/ir/op_type.h"
#include "liteforge/tensor/dtype.h"
#include "liteforge/tensor/quant_params.h"
#include "liteforge/tensor/shape.h"

namespace liteforge::ir {

// Read-only bytes plus whatever keeps them alive.
class ConstData {
 public:
  ConstData() = default;
  ConstData(std::shared_ptr<const void> owner, const uint8_t* data, size_t size)
      : owner_(std::move(owner)), data_(data), size_(size) {}
  // Takes ownership of a copy of `bytes` in a 64-byte aligned buffer.
  static ConstData Copy(std::span<const uint8_t> bytes);

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  std::span<const uint8_t> bytes() const { return {data_, size_}; }
  template <typename T>
  const T* as() const {
    return reinterpret_cast<const T*>(data_);
  }
  const std::shared_ptr<const void>& owner() const { return owner_; }

 private:
  std::shared_ptr<const void> owner_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// One traversed dimension of a sparse constant (TACO-style encoding).
struct SparseDim {
  enum class Format : uint8_t { kDense, kSparseCsr };
  // Width of the index vectors in the file (kept so writes are lossless).
  enum class IndexType : uint8_t { kNone, kInt32, kUint16, kUint8 };
  Format format = Format::kDense;
  int32_t dense_size = 0;               // kDense
  std::vector<int32_t> array_segments;  // kSparseCsr
  std::vector<int32_t> array_indices;   // kSparseCsr
  IndexType segments_type = IndexType::kNone;
  IndexType indices_type = IndexType::kNone;
  bool operator==(const SparseDim&) const = default;
};

struct Sparsity {
  std::vector<int32_t> traversal_order;
  std::vector<int32_t> block_map;
  std::vector<SparseDim> dim_metadata;
  bool operator==(const Sparsity&) const = default;
};

struct Tensor {
  std::string name;
  DType dtype = DType::kFloat32;
  Shape shape;
  // The shape with -1 for dims unknown at conversion time; empty when the
  // file gave none.
  std::vector<int32_t> shape_signature;
  // Distinguishes a scalar from an unknown-rank tensor when shape is empty.
  bool has_rank = false;
  QuantParams quant;
  // Constant values (or a variable's initial value). For a sparse tensor
  // these are the compressed values described by `sparsity`.
  std::optional<ConstData> data;
  bool is_variable = false;
  std::optional<Sparsity> sparsity;

  bool is_constant() const { return data.has_value() && !is_variable; }
};

struct Op {
  OpType type = OpType::kCustom;
  std::string custom_code;  // the custom op's name when type == kCustom
  int32_t version = 1;
  std::vector<int32_t> inputs;  // -1 marks an omitted optional input
  std::vector<int32_t> outputs;
  std::vector<int32_t> intermediates;
  std::vector<bool> mutating_variable_inputs;
  OpOptions options;
  std::vector<uint8_t> custom_options;  // custom op attributes (usually a flexbuffer)

  // "CONV_2D" or the custom op's name.
  std::string DisplayName() const;
};

struct Subgraph {
  std::string name;
  std::vector<Tensor> tensors;
  std::vector<Op> ops;  // in execution order
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
};

struct SignatureTensor {
  std::string name;  // the alias a caller uses
  int32_t tensor_index = 0;
};

struct Signature {
  std::string key;
  int32_t subgraph_index = 0;
  std::vector<SignatureTensor> inputs;
  std::vector<SignatureTensor> outputs;
};

struct MetadataEntry {
  std::string name;
  ConstData data;
};

struct Graph {
  uint32_t schema_version = 3;
  std::string description;
  std::vector<Subgraph> subgraphs;  // subgraphs[0] is the main graph
  std::vector<Signature> signatures;
  std::vector<MetadataEntry> metadata;

  const MetadataEntry* FindMetadata(std::string_view name) const;
};

// "subgraph 0, op 17 'conv1' (CONV_2D)": how errors name an op. The name is
// the op's first output tensor's name, which is what converters keep.
std::string DescribeOp(const Graph& graph, int subgraph, int op_index);
// "subgraph 0, tensor 42 'conv1/weights'".
std::string DescribeTensor(const Graph& graph, int subgraph, int tensor_index);

}  // namespace liteforge::ir
