// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Layout decisions (all deterministic, so a graph always gives the same
// bytes):
//  - buffers[0] is the empty sentinel; then one buffer per distinct
//    constant, numbered in order of first use (subgraph by subgraph, tensor
//    by tensor); then one buffer per metadata entry.
//  - operator_codes are numbered in order of first use by an op.
//  - inline buffer data is 16-byte aligned (the schema's force_align);
//    out-of-line data starts at the first 16-byte boundary after the
//    flatbuffer, each buffer again 16-byte aligned.

#include "liteforge/format/tflite/writer.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/op_map.h"
#include "liteforge/ir/verifier.h"

namespace liteforge::tflite_format {
namespace {

constexpr uint32_t kSchemaVersion = 3;
constexpr size_t kDataAlignment = 16;
// Inline data must leave room for everything else in the 2 GiB flatbuffer.
constexpr uint64_t kInlineDataLimit = (uint64_t{1} << 31) - (uint64_t{64} << 20);

template <typename T>
using Offsets = std::vector<flatbuffers::Offset<T>>;

uint64_t AlignUp(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

class TfliteWriter {
 public:
  TfliteWriter(const ir::Graph& graph, const WriterOptions& options)
      : graph_(graph), options_(options) {}

  Result<std::vector<uint8_t>> Write() {
    if (graph_.schema_version != kSchemaVersion) {
      return Unimplemented("the graph says schema version {}; liteforge writes version {}",
                           graph_.schema_version, kSchemaVersion);
    }
    LF_RETURN_IF_ERROR(ir::VerifyGraph(graph_));
    CollectBuffers();
    LF_RETURN_IF_ERROR(ChoosePlacement());

    // Data first: the builder fills back to front, so large blobs land at
    // the end of the flatbuffer, after the tables that describe them.
    const auto buffers = WriteBuffers();
    Offsets<tflite::SubGraph> subgraphs;
    for (size_t s = 0; s < graph_.subgraphs.size(); ++s) {
      LF_ASSIGN_OR_RETURN(auto sg, WriteSubgraph(static_cast<int>(s)));
      subgraphs.push_back(sg);
    }
    const auto subgraphs_vec = fbb_.CreateVector(subgraphs);
    const auto codes_vec = WriteOperatorCodes();
    const auto description =
        graph_.description.empty() ? 0 : fbb_.CreateString(graph_.description);
    const auto metadata = WriteMetadata();
    const auto signatures = WriteSignatures();
    const auto model = tflite::CreateModel(fbb_, kSchemaVersion, codes_vec, subgraphs_vec,
                                           description, buffers, 0, metadata, signatures);
    tflite::FinishModelBuffer(fbb_, model);

    std::vector<uint8_t> out(fbb_.GetBufferPointer(), fbb_.GetBufferPointer() + fbb_.GetSize());
    if (external_) LF_RETURN_IF_ERROR(AppendExternalData(&out));
    return out;
  }

 private:
  // One output buffer's bytes.
  struct BufferBytes {
    const uint8_t* data = nullptr;
    size_t size = 0;
  };

  void CollectBuffers() {
    blobs_.push_back({});  // the sentinel
    for (const ir::Subgraph& sg : graph_.subgraphs) {
      for (const ir::Tensor& t : sg.tensors) {
        if (!t.data.has_value() || t.data->size() == 0) continue;
        const auto key = std::make_pair(t.data->data(), t.data->size());
        if (buffer_index_.emplace(key, static_cast<uint32_t>(blobs_.size())).second) {
          blobs_.push_back({t.data->data(), t.data->size()});
        }
      }
    }
    // Metadata entries never share a buffer, with tensors or each other.
    first_metadata_buffer_ = static_cast<uint32_t>(blobs_.size());
    for (const ir::MetadataEntry& m : graph_.metadata) {
      blobs_.push_back({m.data.data(), m.data.size()});
    }
  }

  Status ChoosePlacement() {
    uint64_t total = 0;
    for (const BufferBytes& b : blobs_) total += AlignUp(b.size, kDataAlignment);
    // Other sizeable byte vectors that always stay inside the flatbuffer.
    for (const ir::Subgraph& sg : graph_.subgraphs) {
      for (const ir::Op& op : sg.ops) {
        total += op.custom_options.size();
        if (const auto* opaque = std::get_if<ir::OpaqueOptions>(&op.options)) {
          total += opaque->bytes.size();
        }
      }
    }
    using P = WriterOptions::BufferPlacement;
    switch (options_.buffer_placement) {
      case P::kAfterFlatbuffer: external_ = true; break;
      case P::kAuto: external_ = total > kInlineDataLimit; break;
      case P::kInline:
        if (total > kInlineDataLimit) {
          return ResourceExhausted(
              "the model's constant data ({} bytes) does not fit inside a flatbuffer (limit {} "
              "bytes); write it with buffers after the flatbuffer",
              total, kInlineDataLimit);
        }
        external_ = false;
        break;
    }
    return Status::Ok();
  }

  flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<tflite::Buffer>>> WriteBuffers() {
    Offsets<tflite::Buffer> buffers;
    buffers.reserve(blobs_.size());
    for (size_t b = 0; b < blobs_.size(); ++b) {
      const BufferBytes& blob = blobs_[b];
      if (b == 0 || blob.size == 0) {
        buffers.push_back(tflite::CreateBuffer(fbb_));
      } else if (external_) {
        // Offset 1 is a placeholder (a stored, non-default value) patched
        // once the flatbuffer's size, and so the data's position, is known.
        buffers.push_back(tflite::CreateBuffer(fbb_, 0, 1, blob.size));
      } else {
        fbb_.ForceVectorAlignment(blob.size, 1, kDataAlignment);
        const auto data = fbb_.CreateVector(blob.data, blob.size);
        buffers.push_back(tflite::CreateBuffer(fbb_, data));
      }
    }
    return fbb_.CreateVector(buffers);
  }

  Status AppendExternalData(std::vector<uint8_t>* out) {
    auto* model = flatbuffers::GetMutableRoot<tflite::Model>(out->data());
    const auto* buffers = model->buffers();
    std::vector<uint64_t> offsets(blobs_.size(), 0);
    uint64_t end = AlignUp(out->size(), kDataAlignment);
    for (size_t b = 1; b < blobs_.size(); ++b) {
      if (blobs_[b].size == 0) continue;
      offsets[b] = end;
      end = AlignUp(end + blobs_[b].size, kDataAlignment);
    }
    for (size_t b = 1; b < blobs_.size(); ++b) {
      if (blobs_[b].size == 0) continue;
      // The tables live in `out`, which we own: patching in place is safe.
      auto* table = reinterpret_cast<flatbuffers::Table*>(
          const_cast<tflite::Buffer*>(buffers->Get(static_cast<flatbuffers::uoffset_t>(b))));
      if (!table->SetField<uint64_t>(tflite::Buffer::VT_OFFSET, offsets[b], 0)) {
        return Internal("buffer {} has no offset field to patch", b);
      }
    }
    out->resize(end, 0);
    for (size_t b = 1; b < blobs_.size(); ++b) {
      if (blobs_[b].size == 0) continue;
      std::copy_n(blobs_[b].data, blobs_[b].size, out->data() + offsets[b]);
    }
    return Status::Ok();
  }

  // Index of the operator code for `op`, adding it on first use.
  Result<uint32_t> OpCodeIndex(const ir::Op& op, const std::string& where) {
    const tflite::BuiltinOperator builtin =
        op.type == ir::OpType::kCustom ? tflite::BuiltinOperator::CUSTOM
                                       : BuiltinFromOpType(op.type);
    if (builtin == tflite::BuiltinOperator::CUSTOM && op.custom_code.empty()) {
      return InvalidArgument("{}: a custom op needs a name (custom_code)", where);
    }
    const std::string& custom =
        builtin == tflite::BuiltinOperator::CUSTOM ? op.custom_code : kNoName;
    const auto key = std::make_tuple(static_cast<int32_t>(builtin), custom, op.version);
    const auto [it, added] = code_index_.emplace(key, static_cast<uint32_t>(codes_.size()));
    if (added) codes_.push_back(key);
    return it->second;
  }

  flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<tflite::OperatorCode>>>
  WriteOperatorCodes() {
    Offsets<tflite::OperatorCode> codes;
    for (const auto& [code, custom, version] : codes_) {
      // Readers from before 2.4 only see the byte-sized field; codes past
      // 127 saturate it (PLACEHOLDER_FOR_GREATER_OP_CODES).
      const auto narrow = static_cast<int8_t>(std::min<int32_t>(code, 127));
      const auto name = custom.empty() ? 0 : fbb_.CreateString(custom);
      codes.push_back(tflite::CreateOperatorCode(fbb_, narrow, name, version,
                                                 static_cast<tflite::BuiltinOperator>(code)));
    }
    return fbb_.CreateVector(codes);
  }

  flatbuffers::Offset<tflite::QuantizationParameters> WriteQuantization(const QuantParams& q) {
    const auto min = q.min.empty() ? 0 : fbb_.CreateVector(q.min);
    const auto max = q.max.empty() ? 0 : fbb_.CreateVector(q.max);
    const auto scale = q.scale.empty() ? 0 : fbb_.CreateVector(q.scale);
    const auto zero_point = q.zero_point.empty() ? 0 : fbb_.CreateVector(q.zero_point);
    auto details_type = tflite::QuantizationDetails::NONE;
    flatbuffers::Offset<void> details;
    if (!q.custom.empty()) {
      fbb_.ForceVectorAlignment(q.custom.size(), 1, kDataAlignment);
      const auto bytes = fbb_.CreateVector(q.custom);
      details_type = tflite::QuantizationDetails::CustomQuantization;
      details = tflite::CreateCustomQuantization(fbb_, bytes).Union();
    }
    // Like the converter, every tensor gets a table, empty when unquantized.
    return tflite::CreateQuantizationParameters(fbb_, min, max, scale, zero_point, details_type,
                                                details, q.quantized_dimension);
  }

  // One index vector of a sparse dimension, in the width it was read with.
  Result<std::pair<tflite::SparseIndexVector, flatbuffers::Offset<void>>> WriteSparseIndex(
      const std::vector<int32_t>& values, ir::SparseDim::IndexType type, const std::string& where) {
    using IT = ir::SparseDim::IndexType;
    if (type == IT::kNone && values.empty()) {
      return std::make_pair(tflite::SparseIndexVector::NONE, flatbuffers::Offset<void>());
    }
    if (type == IT::kUint8 || type == IT::kUint16) {
      const int32_t limit = type == IT::kUint8 ? 255 : 65535;
      for (int32_t v : values) {
        if (v < 0 || v > limit) {
          return InvalidArgument("{}: sparse index {} does not fit the {}-bit index vector", where,
                                 v, type == IT::kUint8 ? 8 : 16);
        }
      }
    }
    switch (type) {
      case IT::kUint8: {
        std::vector<uint8_t> narrow(values.begin(), values.end());
        fbb_.ForceVectorAlignment(narrow.size(), sizeof(uint8_t), 4);
        const auto vec = fbb_.CreateVector(narrow);
        return std::make_pair(tflite::SparseIndexVector::Uint8Vector,
                              tflite::CreateUint8Vector(fbb_, vec).Union());
      }
      case IT::kUint16: {
        std::vector<uint16_t> narrow(values.begin(), values.end());
        fbb_.ForceVectorAlignment(narrow.size(), sizeof(uint16_t), 4);
        const auto vec = fbb_.CreateVector(narrow);
        return std::make_pair(tflite::SparseIndexVector::Uint16Vector,
                              tflite::CreateUint16Vector(fbb_, vec).Union());
      }
      case IT::kNone:  // values but no recorded width: the widest form
      case IT::kInt32: {
        const auto vec = fbb_.CreateVector(values);
        return std::make_pair(tflite::SparseIndexVector::Int32Vector,
                              tflite::CreateInt32Vector(fbb_, vec).Union());
      }
    }
    return InvalidArgument("{}: unknown sparse index type {}", where, static_cast<int>(type));
  }

  Result<flatbuffers::Offset<tflite::SparsityParameters>> WriteSparsity(const ir::Sparsity& sp,
                                                                        const std::string& where) {
    Offsets<tflite::DimensionMetadata> dims;
    for (const ir::SparseDim& d : sp.dim_metadata) {
      LF_ASSIGN_OR_RETURN(auto segments, WriteSparseIndex(d.array_segments, d.segments_type, where));
      LF_ASSIGN_OR_RETURN(auto indices, WriteSparseIndex(d.array_indices, d.indices_type, where));
      const auto format = d.format == ir::SparseDim::Format::kSparseCsr
                              ? tflite::DimensionType::SPARSE_CSR
                              : tflite::DimensionType::DENSE;
      dims.push_back(tflite::CreateDimensionMetadata(fbb_, format, d.dense_size, segments.first,
                                                     segments.second, indices.first,
                                                     indices.second));
    }
    const auto traversal = fbb_.CreateVector(sp.traversal_order);
    const auto block_map = sp.block_map.empty() ? 0 : fbb_.CreateVector(sp.block_map);
    const auto dims_vec = fbb_.CreateVector(dims);
    return tflite::CreateSparsityParameters(fbb_, traversal, block_map, dims_vec);
  }

  Result<flatbuffers::Offset<tflite::Tensor>> WriteTensor(int s, int t) {
    const ir::Tensor& tensor = graph_.subgraphs[s].tensors[t];
    uint32_t buffer = 0;
    if (tensor.data.has_value() && tensor.data->size() > 0) {
      buffer = buffer_index_.at(std::make_pair(tensor.data->data(), tensor.data->size()));
    }
    flatbuffers::Offset<tflite::SparsityParameters> sparsity;
    if (tensor.sparsity.has_value()) {
      LF_ASSIGN_OR_RETURN(sparsity,
                          WriteSparsity(*tensor.sparsity, ir::DescribeTensor(graph_, s, t)));
    }
    const auto shape = fbb_.CreateVector(tensor.shape.dims());
    const auto signature =
        tensor.shape_signature.empty() ? 0 : fbb_.CreateVector(tensor.shape_signature);
    const auto name = fbb_.CreateString(tensor.name);
    const auto quant = WriteQuantization(tensor.quant);
    return tflite::CreateTensor(fbb_, shape, TensorTypeFromDType(tensor.dtype), buffer, name,
                                quant, tensor.is_variable, sparsity, signature, tensor.has_rank);
  }

  Result<flatbuffers::Offset<tflite::Operator>> WriteOperator(int s, int o) {
    const ir::Op& op = graph_.subgraphs[s].ops[o];
    const std::string where = ir::DescribeOp(graph_, s, o);
    LF_ASSIGN_OR_RETURN(const uint32_t code, OpCodeIndex(op, where));
    LF_ASSIGN_OR_RETURN(const PackedOptions options, WriteOptions(fbb_, op, where));
    const auto inputs = fbb_.CreateVector(op.inputs);
    const auto outputs = fbb_.CreateVector(op.outputs);
    const auto custom = op.custom_options.empty() ? 0 : fbb_.CreateVector(op.custom_options);
    flatbuffers::Offset<flatbuffers::Vector<uint8_t>> mutating;
    if (!op.mutating_variable_inputs.empty()) {
      std::vector<uint8_t> flags(op.mutating_variable_inputs.begin(),
                                 op.mutating_variable_inputs.end());
      mutating = fbb_.CreateVector(flags);
    }
    const auto intermediates =
        op.intermediates.empty() ? 0 : fbb_.CreateVector(op.intermediates);
    return tflite::CreateOperator(fbb_, code, inputs, outputs, options.type, options.value,
                                  custom, tflite::CustomOptionsFormat::FLEXBUFFERS, mutating,
                                  intermediates, 0, 0, options.type2, options.value2);
  }

  Result<flatbuffers::Offset<tflite::SubGraph>> WriteSubgraph(int s) {
    const ir::Subgraph& sg = graph_.subgraphs[s];
    Offsets<tflite::Tensor> tensors;
    tensors.reserve(sg.tensors.size());
    for (size_t t = 0; t < sg.tensors.size(); ++t) {
      LF_ASSIGN_OR_RETURN(auto tensor, WriteTensor(s, static_cast<int>(t)));
      tensors.push_back(tensor);
    }
    Offsets<tflite::Operator> ops;
    ops.reserve(sg.ops.size());
    for (size_t o = 0; o < sg.ops.size(); ++o) {
      LF_ASSIGN_OR_RETURN(auto op, WriteOperator(s, static_cast<int>(o)));
      ops.push_back(op);
    }
    const auto tensors_vec = fbb_.CreateVector(tensors);
    const auto inputs = fbb_.CreateVector(sg.inputs);
    const auto outputs = fbb_.CreateVector(sg.outputs);
    const auto ops_vec = fbb_.CreateVector(ops);
    const auto name = sg.name.empty() ? 0 : fbb_.CreateString(sg.name);
    return tflite::CreateSubGraph(fbb_, tensors_vec, inputs, outputs, ops_vec, name);
  }

  flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<tflite::Metadata>>> WriteMetadata() {
    if (graph_.metadata.empty()) return 0;
    Offsets<tflite::Metadata> entries;
    for (size_t i = 0; i < graph_.metadata.size(); ++i) {
      const auto name = fbb_.CreateString(graph_.metadata[i].name);
      entries.push_back(tflite::CreateMetadata(
          fbb_, name, first_metadata_buffer_ + static_cast<uint32_t>(i)));
    }
    return fbb_.CreateVector(entries);
  }

  flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<tflite::SignatureDef>>>
  WriteSignatures() {
    if (graph_.signatures.empty()) return 0;
    auto maps = [this](const std::vector<ir::SignatureTensor>& tensors) {
      Offsets<tflite::TensorMap> out;
      for (const ir::SignatureTensor& st : tensors) {
        const auto name = fbb_.CreateString(st.name);
        out.push_back(
            tflite::CreateTensorMap(fbb_, name, static_cast<uint32_t>(st.tensor_index)));
      }
      return fbb_.CreateVector(out);
    };
    Offsets<tflite::SignatureDef> defs;
    for (const ir::Signature& sig : graph_.signatures) {
      const auto inputs = maps(sig.inputs);
      const auto outputs = maps(sig.outputs);
      const auto key = fbb_.CreateString(sig.key);
      defs.push_back(tflite::CreateSignatureDef(fbb_, inputs, outputs, key,
                                                static_cast<uint32_t>(sig.subgraph_index)));
    }
    return fbb_.CreateVector(defs);
  }

  static inline const std::string kNoName;

  const ir::Graph& graph_;
  const WriterOptions& options_;
  flatbuffers::FlatBufferBuilder fbb_{1 << 16};
  bool external_ = false;
  std::vector<BufferBytes> blobs_;
  std::map<std::pair<const uint8_t*, size_t>, uint32_t> buffer_index_;
  uint32_t first_metadata_buffer_ = 0;
  // (builtin code, custom name, version), in order of first use.
  std::vector<std::tuple<int32_t, std::string, int32_t>> codes_;
  std::map<std::tuple<int32_t, std::string, int32_t>, uint32_t> code_index_;
};

}  // namespace

Result<std::vector<uint8_t>> WriteTflite(const ir::Graph& graph, const WriterOptions& options) {
  TfliteWriter writer(graph, options);
  auto bytes = writer.Write();
  if (!bytes.ok()) return Status(bytes.status()).AddContext("cannot write the model as .tflite");
  return bytes;
}

Status WriteTfliteFile(const ir::Graph& graph, const std::string& path,
                       const WriterOptions& options) {
  LF_ASSIGN_OR_RETURN(const auto bytes, WriteTflite(graph, options));
  return WriteFileBytes(path, bytes);
}

}  // namespace liteforge::tflite_format
