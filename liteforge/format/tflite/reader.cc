// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/format/tflite/reader.h"

#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "liteforge/format/tflite/op_map.h"
#include "liteforge/ir/verifier.h"

namespace liteforge::tflite_format {
namespace {

constexpr uint32_t kSchemaVersion = 3;

// Limits far above any real model, so a hostile file cannot make the reader
// allocate or loop without bound.
constexpr size_t kMaxRank = 16;
constexpr size_t kMaxSubgraphs = 10000;

class Reader {
 public:
  explicit Reader(std::shared_ptr<const ByteSource> source)
      : source_(std::move(source)), bytes_(source_->bytes()) {}

  Result<ir::Graph> Read() {
    LF_RETURN_IF_ERROR(VerifyFlatbuffer());
    model_ = tflite::GetModel(bytes_.data());
    if (model_->version() != kSchemaVersion) {
      return Unimplemented("schema version {} is not supported (liteforge reads version {})",
                           model_->version(), kSchemaVersion);
    }
    graph_.schema_version = model_->version();
    if (model_->description() != nullptr) graph_.description = model_->description()->str();
    LF_RETURN_IF_ERROR(ReadBuffers());
    LF_RETURN_IF_ERROR(ReadOperatorCodes());
    const auto* subgraphs = model_->subgraphs();
    if (subgraphs == nullptr || subgraphs->size() == 0) {
      return InvalidArgument("the model has no subgraphs");
    }
    if (subgraphs->size() > kMaxSubgraphs) {
      return InvalidArgument("the model has {} subgraphs, more than the {} supported",
                             subgraphs->size(), kMaxSubgraphs);
    }
    graph_.subgraphs.resize(subgraphs->size());
    for (uint32_t s = 0; s < subgraphs->size(); ++s) {
      LF_RETURN_IF_ERROR(ReadSubgraph(s, *subgraphs->Get(s)));
    }
    LF_RETURN_IF_ERROR(ReadSignatures());
    LF_RETURN_IF_ERROR(ReadMetadata());
    LF_RETURN_IF_ERROR(ir::VerifyGraph(graph_));
    return std::move(graph_);
  }

 private:
  Status VerifyFlatbuffer() {
    if (bytes_.size() < 8) {
      return DataLoss("is {} bytes long, too short to be a .tflite model", bytes_.size());
    }
    // The flatbuffer itself is at most 2 GiB; larger files carry weights
    // after it (Buffer.offset), which are checked separately.
    const size_t fb_size = std::min<size_t>(bytes_.size(), FLATBUFFERS_MAX_BUFFER_SIZE - 1);
    flatbuffers::Verifier::Options options;
    options.max_depth = 128;
    options.max_tables = 100'000'000;
    options.check_alignment = true;
    flatbuffers::Verifier verifier(bytes_.data(), fb_size, options);
    if (!verifier.VerifyBuffer<tflite::Model>(nullptr)) {
      if (!flatbuffers::BufferHasIdentifier(bytes_.data(), tflite::ModelIdentifier())) {
        return DataLoss("is not a .tflite model (no 'TFL3' identifier, and the bytes do not "
                        "verify as a model)");
      }
      return DataLoss("is corrupt or truncated: the flatbuffer does not verify");
    }
    return Status::Ok();
  }

  Status ReadBuffers() {
    const auto* buffers = model_->buffers();
    if (buffers == nullptr) return Status::Ok();
    buffers_.resize(buffers->size());
    for (uint32_t b = 0; b < buffers->size(); ++b) {
      const tflite::Buffer* buffer = buffers->Get(b);
      if (buffer == nullptr) continue;
      if (buffer->offset() > 1) {
        // Stored after the flatbuffer; offset counts from the file start.
        const uint64_t offset = buffer->offset(), size = buffer->size();
        if (offset > bytes_.size() || size > bytes_.size() - offset) {
          return DataLoss("buffer {} spans bytes [{}, {}) but the file has {} bytes", b, offset,
                          offset + size, bytes_.size());
        }
        buffers_[b] = {bytes_.data() + offset, static_cast<size_t>(size)};
      } else if (buffer->data() != nullptr) {
        buffers_[b] = {buffer->data()->data(), buffer->data()->size()};
      }
    }
    return Status::Ok();
  }

  Status ReadOperatorCodes() {
    const auto* codes = model_->operator_codes();
    if (codes == nullptr) return Status::Ok();
    for (uint32_t i = 0; i < codes->size(); ++i) {
      const tflite::OperatorCode* code = codes->Get(i);
      OpCode oc;
      // Old files only set the byte-sized field; new ones set both (with
      // the byte saturated at 127 for larger codes). The larger wins.
      const int32_t builtin = std::max<int32_t>(static_cast<int32_t>(code->deprecated_builtin_code()),
                                                static_cast<int32_t>(code->builtin_code()));
      oc.version = code->version();
      if (builtin == static_cast<int32_t>(tflite::BuiltinOperator::CUSTOM)) {
        oc.type = ir::OpType::kCustom;
        if (code->custom_code() == nullptr || code->custom_code()->size() == 0) {
          return InvalidArgument("operator code {} is CUSTOM but has no custom op name", i);
        }
        oc.custom_code = code->custom_code()->str();
      } else {
        auto type = OpTypeFromBuiltin(builtin);
        if (!type || builtin == static_cast<int32_t>(tflite::BuiltinOperator::PLACEHOLDER_FOR_GREATER_OP_CODES)) {
          return Unimplemented("operator code {} names builtin operator {}, which this version of "
                               "liteforge does not know (a newer TFLite schema?)",
                               i, builtin);
        }
        oc.type = *type;
      }
      op_codes_.push_back(std::move(oc));
    }
    return Status::Ok();
  }

  static std::string TensorWhere(uint32_t s, uint32_t t, const tflite::Tensor* tensor) {
    if (tensor != nullptr && tensor->name() != nullptr && tensor->name()->size() > 0) {
      return fmt::format("subgraph {}, tensor {} '{}'", s, t, tensor->name()->str());
    }
    return fmt::format("subgraph {}, tensor {}", s, t);
  }

  Status ReadQuantization(const tflite::QuantizationParameters& q, QuantParams* out,
                          const std::string& where) {
    if (q.scale() != nullptr) out->scale.assign(q.scale()->begin(), q.scale()->end());
    if (q.zero_point() != nullptr) {
      // The verifier only checks the 4-byte alignment of a vector's length,
      // so 8-byte elements may sit misaligned: copy them bytewise.
      out->zero_point.resize(q.zero_point()->size());
      if (!out->zero_point.empty()) {
        std::memcpy(out->zero_point.data(), q.zero_point()->Data(),
                    out->zero_point.size() * sizeof(int64_t));
      }
    }
    if (q.min() != nullptr) out->min.assign(q.min()->begin(), q.min()->end());
    if (q.max() != nullptr) out->max.assign(q.max()->begin(), q.max()->end());
    out->quantized_dimension = q.quantized_dimension();
    if (const auto* custom = q.details_as_CustomQuantization()) {
      if (custom->custom() != nullptr) out->custom.assign(custom->custom()->begin(), custom->custom()->end());
    }
    // A zero point per scale, or a single shared zero point expanded so
    // kernels can index per channel.
    if (out->zero_point.size() == 1 && out->scale.size() > 1) {
      return InvalidArgument("{}: {} quantization scales but 1 zero point", where, out->scale.size());
    }
    return Status::Ok();
  }

  Status ReadSparseIndex(tflite::SparseIndexVector type, const void* value,
                         std::vector<int32_t>* out, ir::SparseDim::IndexType* out_type,
                         const std::string& where) {
    // The verifier accepts a union whose type is set but whose value is
    // absent; the cast below would then read through null.
    if (type != tflite::SparseIndexVector::NONE && value == nullptr) {
      return InvalidArgument("{}: sparse index vector of type {} has no value", where,
                             static_cast<int>(type));
    }
    switch (type) {
      case tflite::SparseIndexVector::NONE:
        *out_type = ir::SparseDim::IndexType::kNone;
        return Status::Ok();
      case tflite::SparseIndexVector::Int32Vector: {
        const auto* v = static_cast<const tflite::Int32Vector*>(value)->values();
        if (v) out->assign(v->begin(), v->end());
        *out_type = ir::SparseDim::IndexType::kInt32;
        return Status::Ok();
      }
      case tflite::SparseIndexVector::Uint16Vector: {
        const auto* v = static_cast<const tflite::Uint16Vector*>(value)->values();
        if (v) out->assign(v->begin(), v->end());
        *out_type = ir::SparseDim::IndexType::kUint16;
        return Status::Ok();
      }
      case tflite::SparseIndexVector::Uint8Vector: {
        const auto* v = static_cast<const tflite::Uint8Vector*>(value)->values();
        if (v) out->assign(v->begin(), v->end());
        *out_type = ir::SparseDim::IndexType::kUint8;
        return Status::Ok();
      }
    }
    return InvalidArgument("{}: unknown sparse index vector type {}", where, static_cast<int>(type));
  }

  Status ReadSparsity(const tflite::SparsityParameters& sp, ir::Sparsity* out,
                      const std::string& where) {
    if (sp.traversal_order()) out->traversal_order.assign(sp.traversal_order()->begin(), sp.traversal_order()->end());
    if (sp.block_map()) out->block_map.assign(sp.block_map()->begin(), sp.block_map()->end());
    if (sp.dim_metadata()) {
      for (uint32_t d = 0; d < sp.dim_metadata()->size(); ++d) {
        const tflite::DimensionMetadata* dm = sp.dim_metadata()->Get(d);
        ir::SparseDim dim;
        dim.format = dm->format() == tflite::DimensionType::SPARSE_CSR ? ir::SparseDim::Format::kSparseCsr
                                                                      : ir::SparseDim::Format::kDense;
        dim.dense_size = dm->dense_size();
        LF_RETURN_IF_ERROR(ReadSparseIndex(dm->array_segments_type(), dm->array_segments(),
                                           &dim.array_segments, &dim.segments_type, where));
        LF_RETURN_IF_ERROR(ReadSparseIndex(dm->array_indices_type(), dm->array_indices(),
                                           &dim.array_indices, &dim.indices_type, where));
        out->dim_metadata.push_back(std::move(dim));
      }
    }
    if (out->traversal_order.size() != out->dim_metadata.size()) {
      return InvalidArgument("{}: sparsity has {} traversal dims but {} dim metadata entries", where,
                             out->traversal_order.size(), out->dim_metadata.size());
    }
    return Status::Ok();
  }

  Status ReadTensor(uint32_t s, uint32_t t, const tflite::Tensor* tensor, ir::Tensor* out) {
    const std::string where = TensorWhere(s, t, tensor);
    if (tensor == nullptr) return InvalidArgument("{}: missing", where);
    if (tensor->name() != nullptr) out->name = tensor->name()->str();
    auto dtype = DTypeFromTensorType(static_cast<int8_t>(tensor->type()));
    if (!dtype) {
      return Unimplemented("{}: unknown tensor type {}", where, static_cast<int>(tensor->type()));
    }
    out->dtype = *dtype;
    if (tensor->shape() != nullptr) {
      if (tensor->shape()->size() > kMaxRank) {
        return InvalidArgument("{}: rank {} exceeds the supported maximum of {}", where,
                               tensor->shape()->size(), kMaxRank);
      }
      out->shape = Shape(std::vector<int32_t>(tensor->shape()->begin(), tensor->shape()->end()));
    }
    if (tensor->shape_signature() != nullptr) {
      out->shape_signature.assign(tensor->shape_signature()->begin(), tensor->shape_signature()->end());
    }
    out->has_rank = tensor->has_rank();
    out->is_variable = tensor->is_variable();
    if (tensor->quantization() != nullptr) {
      LF_RETURN_IF_ERROR(ReadQuantization(*tensor->quantization(), &out->quant, where));
    }
    if (tensor->sparsity() != nullptr) {
      out->sparsity.emplace();
      LF_RETURN_IF_ERROR(ReadSparsity(*tensor->sparsity(), &*out->sparsity, where));
    }
    const uint32_t b = tensor->buffer();
    if (b != 0 || !buffers_.empty()) {
      if (b >= buffers_.size()) {
        return InvalidArgument("{}: buffer {} is out of range (the model has {} buffers)", where, b,
                               buffers_.size());
      }
      const auto& span = buffers_[b];
      if (span.second > 0) {
        // Shares ownership of the file bytes: zero-copy.
        out->data = ir::ConstData(std::shared_ptr<const void>(source_, span.first), span.first,
                                  span.second);
      }
    }
    return Status::Ok();
  }

  Status ReadOperator(uint32_t s, uint32_t o, const tflite::Operator* op, ir::Op* out,
                      const ir::Subgraph& sg) {
    std::string where = fmt::format("subgraph {}, op {}", s, o);
    if (op == nullptr) return InvalidArgument("{}: missing", where);
    if (op->opcode_index() >= op_codes_.size()) {
      return InvalidArgument("{}: operator code index {} is out of range (the model has {})", where,
                             op->opcode_index(), op_codes_.size());
    }
    const OpCode& code = op_codes_[op->opcode_index()];
    out->type = code.type;
    out->custom_code = code.custom_code;
    out->version = code.version;
    if (op->inputs()) out->inputs.assign(op->inputs()->begin(), op->inputs()->end());
    if (op->outputs()) out->outputs.assign(op->outputs()->begin(), op->outputs()->end());
    if (op->intermediates()) out->intermediates.assign(op->intermediates()->begin(), op->intermediates()->end());
    if (op->mutating_variable_inputs()) {
      for (uint32_t i = 0; i < op->mutating_variable_inputs()->size(); ++i) {
        out->mutating_variable_inputs.push_back(op->mutating_variable_inputs()->Get(i) != 0);
      }
    }
    if (!out->outputs.empty() && out->outputs[0] >= 0 &&
        out->outputs[0] < static_cast<int32_t>(sg.tensors.size()) &&
        !sg.tensors[out->outputs[0]].name.empty()) {
      where = fmt::format("{} '{}' ({})", where, sg.tensors[out->outputs[0]].name, out->DisplayName());
    } else {
      where = fmt::format("{} ({})", where, out->DisplayName());
    }
    for (int32_t t : out->inputs) {
      if (t < -1) return InvalidArgument("{}: input tensor index {} is invalid", where, t);
    }
    LF_ASSIGN_OR_RETURN(out->options, ReadOptions(*op, where));
    if (op->large_custom_options_offset() > 1) {
      const uint64_t offset = op->large_custom_options_offset(), size = op->large_custom_options_size();
      if (offset > bytes_.size() || size > bytes_.size() - offset) {
        return DataLoss("{}: custom options span bytes [{}, {}) but the file has {} bytes", where,
                        offset, offset + size, bytes_.size());
      }
      out->custom_options.assign(bytes_.data() + offset, bytes_.data() + offset + size);
    } else if (op->custom_options() != nullptr) {
      out->custom_options.assign(op->custom_options()->begin(), op->custom_options()->end());
    }
    return Status::Ok();
  }

  Status ReadSubgraph(uint32_t s, const tflite::SubGraph& in) {
    ir::Subgraph& sg = graph_.subgraphs[s];
    if (in.name() != nullptr) sg.name = in.name()->str();
    if (in.tensors() != nullptr) {
      sg.tensors.resize(in.tensors()->size());
      for (uint32_t t = 0; t < in.tensors()->size(); ++t) {
        LF_RETURN_IF_ERROR(ReadTensor(s, t, in.tensors()->Get(t), &sg.tensors[t]));
      }
    }
    if (in.inputs() != nullptr) sg.inputs.assign(in.inputs()->begin(), in.inputs()->end());
    if (in.outputs() != nullptr) sg.outputs.assign(in.outputs()->begin(), in.outputs()->end());
    if (in.operators() != nullptr) {
      sg.ops.resize(in.operators()->size());
      for (uint32_t o = 0; o < in.operators()->size(); ++o) {
        LF_RETURN_IF_ERROR(ReadOperator(s, o, in.operators()->Get(o), &sg.ops[o], sg));
      }
    }
    return Status::Ok();
  }

  Status ReadSignatures() {
    const auto* defs = model_->signature_defs();
    if (defs == nullptr) return Status::Ok();
    for (uint32_t i = 0; i < defs->size(); ++i) {
      const tflite::SignatureDef* def = defs->Get(i);
      ir::Signature sig;
      if (def->signature_key() != nullptr) sig.key = def->signature_key()->str();
      sig.subgraph_index = static_cast<int32_t>(def->subgraph_index());
      if (def->subgraph_index() >= graph_.subgraphs.size()) {
        return InvalidArgument("signature '{}' names subgraph {}, but the model has {}", sig.key,
                               def->subgraph_index(), graph_.subgraphs.size());
      }
      for (int pass = 0; pass < 2; ++pass) {
        const auto* maps = pass == 0 ? def->inputs() : def->outputs();
        if (maps == nullptr) continue;
        for (uint32_t m = 0; m < maps->size(); ++m) {
          const tflite::TensorMap* tm = maps->Get(m);
          ir::SignatureTensor st;
          if (tm->name() != nullptr) st.name = tm->name()->str();
          if (tm->tensor_index() > static_cast<uint32_t>(std::numeric_limits<int32_t>::max())) {
            return InvalidArgument("signature '{}': tensor index {} is out of range", sig.key,
                                   tm->tensor_index());
          }
          st.tensor_index = static_cast<int32_t>(tm->tensor_index());
          (pass == 0 ? sig.inputs : sig.outputs).push_back(std::move(st));
        }
      }
      graph_.signatures.push_back(std::move(sig));
    }
    return Status::Ok();
  }

  Status ReadMetadata() {
    const auto* metadata = model_->metadata();
    if (metadata == nullptr) return Status::Ok();
    for (uint32_t i = 0; i < metadata->size(); ++i) {
      const tflite::Metadata* m = metadata->Get(i);
      ir::MetadataEntry entry;
      if (m->name() != nullptr) entry.name = m->name()->str();
      if (m->buffer() >= buffers_.size()) {
        return InvalidArgument("metadata '{}' refers to buffer {}, but the model has {} buffers",
                               entry.name, m->buffer(), buffers_.size());
      }
      const auto& span = buffers_[m->buffer()];
      entry.data = ir::ConstData(std::shared_ptr<const void>(source_, span.first), span.first, span.second);
      graph_.metadata.push_back(std::move(entry));
    }
    return Status::Ok();
  }

  struct OpCode {
    ir::OpType type = ir::OpType::kCustom;
    std::string custom_code;
    int32_t version = 1;
  };

  std::shared_ptr<const ByteSource> source_;
  std::span<const uint8_t> bytes_;
  const tflite::Model* model_ = nullptr;
  std::vector<std::pair<const uint8_t*, size_t>> buffers_;
  std::vector<OpCode> op_codes_;
  ir::Graph graph_;
};

}  // namespace

Result<ir::Graph> ReadTflite(std::shared_ptr<const ByteSource> bytes) {
  const std::string origin = bytes->origin();
  Reader reader(std::move(bytes));
  auto graph = reader.Read();
  if (!graph.ok()) return Status(graph.status()).AddContext(origin);
  return graph;
}

Result<ir::Graph> ReadTfliteFile(const std::string& path) {
  LF_ASSIGN_OR_RETURN(auto bytes, MapFile(path));
  return ReadTflite(std::move(bytes));
}

}  // namespace liteforge::tflite_format
