// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/format/tflite/metadata.h"

#include <zip.h>

#include <cstring>
#include <memory>

#include <flatbuffers/flatbuffers.h>

#include "liteforge/format/tflite/schema/tflite_metadata_generated.h"

namespace liteforge::tflite_format {
namespace {

// Far above any real metadata, so a hostile file cannot make us loop long.
constexpr size_t kMaxMetadataTables = 1'000'000;
constexpr size_t kMaxMetadataDepth = 64;

std::string Str(const flatbuffers::String* s) { return s == nullptr ? std::string() : s->str(); }

std::vector<float> Floats(const flatbuffers::Vector<float>* v) {
  if (v == nullptr) return {};
  return std::vector<float>(v->begin(), v->end());
}

AssociatedFileType FileTypeFrom(tflmeta::AssociatedFileType t) {
  const int v = static_cast<int>(t);
  if (v < 0 || v > static_cast<int>(AssociatedFileType::kScannIndex)) return AssociatedFileType::kUnknown;
  return static_cast<AssociatedFileType>(v);
}

std::vector<AssociatedFile> Files(
    const flatbuffers::Vector<flatbuffers::Offset<tflmeta::AssociatedFile>>* files) {
  std::vector<AssociatedFile> out;
  if (files == nullptr) return out;
  out.reserve(files->size());
  for (const tflmeta::AssociatedFile* f : *files) {
    if (f == nullptr) continue;
    out.push_back({Str(f->name()), Str(f->description()), FileTypeFrom(f->type()), Str(f->locale())});
  }
  return out;
}

void ReadContent(const tflmeta::Content* content, TensorMetadata* out) {
  if (content == nullptr) return;
  switch (content->content_properties_type()) {
    case tflmeta::ContentProperties::FeatureProperties: out->content = "feature"; break;
    case tflmeta::ContentProperties::ImageProperties: {
      out->content = "image";
      if (const auto* image = content->content_properties_as_ImageProperties()) {
        switch (image->color_space()) {
          case tflmeta::ColorSpaceType::RGB: out->color_space = "RGB"; break;
          case tflmeta::ColorSpaceType::GRAYSCALE: out->color_space = "GRAYSCALE"; break;
          default: break;
        }
      }
      break;
    }
    case tflmeta::ContentProperties::BoundingBoxProperties: out->content = "bounding box"; break;
    case tflmeta::ContentProperties::AudioProperties: out->content = "audio"; break;
    default: break;
  }
}

Result<TensorMetadata> ReadTensor(const tflmeta::TensorMetadata* t, const std::string& where) {
  TensorMetadata out;
  if (t == nullptr) return out;
  out.name = Str(t->name());
  out.description = Str(t->description());
  ReadContent(t->content(), &out);
  if (t->process_units() != nullptr) {
    for (const tflmeta::ProcessUnit* unit : *t->process_units()) {
      if (unit == nullptr) continue;
      const tflmeta::NormalizationOptions* norm = unit->options_as_NormalizationOptions();
      if (norm == nullptr || out.normalization) continue;
      Normalization n{Floats(norm->mean()), Floats(norm->std())};
      if (n.mean.empty() || n.std.empty()) {
        return DataLoss("{}: normalization has {} mean and {} std values; both need at least one",
                        where, n.mean.size(), n.std.size());
      }
      for (float s : n.std) {
        if (!(s != 0.f)) return DataLoss("{}: normalization std {} is not usable", where, s);
      }
      out.normalization = std::move(n);
    }
  }
  if (t->stats() != nullptr) {
    out.min = Floats(t->stats()->min());
    out.max = Floats(t->stats()->max());
  }
  out.associated_files = Files(t->associated_files());
  return out;
}

Result<std::vector<TensorMetadata>> ReadTensors(
    const flatbuffers::Vector<flatbuffers::Offset<tflmeta::TensorMetadata>>* tensors,
    size_t subgraph, const char* role) {
  std::vector<TensorMetadata> out;
  if (tensors == nullptr) return out;
  out.reserve(tensors->size());
  for (uint32_t i = 0; i < tensors->size(); ++i) {
    LF_ASSIGN_OR_RETURN(TensorMetadata t,
                        ReadTensor(tensors->Get(i), fmt::format("subgraph {} {} {}", subgraph, role, i)));
    out.push_back(std::move(t));
  }
  return out;
}

// libzip handles, closed on every path.
struct ZipArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipArchiveCloser>;
using ZipFile = std::unique_ptr<zip_file_t, ZipFileCloser>;

// Opens the archive appended to a model file; a null archive (not an error)
// when the bytes carry none.
Result<ZipArchive> OpenArchive(std::span<const uint8_t> model_file) {
  if (model_file.empty()) return ZipArchive();
  zip_error_t error;
  zip_error_init(&error);
  // The source only borrows the bytes (freep = 0); they outlive the archive.
  zip_source_t* source = zip_source_buffer_create(model_file.data(), model_file.size(), 0, &error);
  if (source == nullptr) {
    Status s = Internal("cannot read the model's associated files: {}", zip_error_strerror(&error));
    zip_error_fini(&error);
    return s;
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    const int code = zip_error_code_zip(&error);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    if (code == ZIP_ER_NOZIP) return ZipArchive();
    return DataLoss("the model's associated-file archive is corrupt: {}", why);
  }
  zip_error_fini(&error);
  return ZipArchive(archive);
}

}  // namespace

std::string_view AssociatedFileTypeName(AssociatedFileType type) {
  switch (type) {
    case AssociatedFileType::kUnknown: return "UNKNOWN";
    case AssociatedFileType::kDescriptions: return "DESCRIPTIONS";
    case AssociatedFileType::kTensorAxisLabels: return "TENSOR_AXIS_LABELS";
    case AssociatedFileType::kTensorValueLabels: return "TENSOR_VALUE_LABELS";
    case AssociatedFileType::kScoreCalibration: return "TENSOR_AXIS_SCORE_CALIBRATION";
    case AssociatedFileType::kVocabulary: return "VOCABULARY";
    case AssociatedFileType::kScannIndex: return "SCANN_INDEX_FILE";
  }
  return "UNKNOWN";
}

const AssociatedFile* ModelMetadata::OutputLabelFile(int output) const {
  if (subgraphs.empty() || output < 0 || output >= static_cast<int>(subgraphs[0].outputs.size())) {
    return nullptr;
  }
  for (const AssociatedFile& f : subgraphs[0].outputs[output].associated_files) {
    if (f.type == AssociatedFileType::kTensorAxisLabels && !f.name.empty()) return &f;
  }
  return nullptr;
}

const Normalization* ModelMetadata::InputNormalization(int input) const {
  if (subgraphs.empty() || input < 0 || input >= static_cast<int>(subgraphs[0].inputs.size())) {
    return nullptr;
  }
  const auto& n = subgraphs[0].inputs[input].normalization;
  return n ? &*n : nullptr;
}

Result<ModelMetadata> ParseModelMetadata(std::span<const uint8_t> bytes) {
  if (bytes.size() < 8) {
    return DataLoss("is {} bytes long, too short to be a metadata flatbuffer", bytes.size());
  }
  if (bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    return DataLoss("is {} bytes long, larger than a flatbuffer can be", bytes.size());
  }
  // Model buffers carry no alignment promise; flatbuffers reads scalars in
  // place, so parse an aligned copy (metadata is small).
  std::vector<uint64_t> aligned((bytes.size() + 7) / 8);
  std::memcpy(aligned.data(), bytes.data(), bytes.size());
  const auto* data = reinterpret_cast<const uint8_t*>(aligned.data());
  if (!flatbuffers::BufferHasIdentifier(data, tflmeta::ModelMetadataIdentifier())) {
    return DataLoss("is not TFLite metadata (no 'M001' identifier)");
  }
  flatbuffers::Verifier::Options options;
  options.max_depth = kMaxMetadataDepth;
  options.max_tables = kMaxMetadataTables;
  flatbuffers::Verifier verifier(data, bytes.size(), options);
  if (!tflmeta::VerifyModelMetadataBuffer(verifier)) {
    return DataLoss("is corrupt: the metadata flatbuffer does not verify");
  }
  const tflmeta::ModelMetadata* m = tflmeta::GetModelMetadata(data);
  ModelMetadata out;
  out.name = Str(m->name());
  out.description = Str(m->description());
  out.version = Str(m->version());
  out.author = Str(m->author());
  out.license = Str(m->license());
  out.min_parser_version = Str(m->min_parser_version());
  out.associated_files = Files(m->associated_files());
  if (m->subgraph_metadata() != nullptr) {
    for (uint32_t s = 0; s < m->subgraph_metadata()->size(); ++s) {
      const tflmeta::SubGraphMetadata* sg = m->subgraph_metadata()->Get(s);
      SubgraphMetadata sub;
      if (sg != nullptr) {
        sub.name = Str(sg->name());
        sub.description = Str(sg->description());
        LF_ASSIGN_OR_RETURN(sub.inputs, ReadTensors(sg->input_tensor_metadata(), s, "input"));
        LF_ASSIGN_OR_RETURN(sub.outputs, ReadTensors(sg->output_tensor_metadata(), s, "output"));
        sub.associated_files = Files(sg->associated_files());
      }
      out.subgraphs.push_back(std::move(sub));
    }
  }
  return out;
}

Result<std::optional<ModelMetadata>> ReadModelMetadata(const ir::Graph& graph) {
  const ir::MetadataEntry* entry = graph.FindMetadata(kModelMetadataName);
  if (entry == nullptr) return std::optional<ModelMetadata>();
  auto parsed = ParseModelMetadata(entry->data.bytes());
  if (!parsed.ok()) {
    return Status(parsed.status()).AddContext(fmt::format("metadata '{}'", kModelMetadataName));
  }
  // Tensor lists that disagree with the graph would send callers to the
  // wrong tensor; refuse them.
  if (!parsed->subgraphs.empty() && !graph.subgraphs.empty()) {
    const SubgraphMetadata& sm = parsed->subgraphs[0];
    const ir::Subgraph& sg = graph.subgraphs[0];
    if (!sm.inputs.empty() && sm.inputs.size() != sg.inputs.size()) {
      return DataLoss("metadata '{}': describes {} inputs but the model has {}", kModelMetadataName,
                      sm.inputs.size(), sg.inputs.size());
    }
    if (!sm.outputs.empty() && sm.outputs.size() != sg.outputs.size()) {
      return DataLoss("metadata '{}': describes {} outputs but the model has {}", kModelMetadataName,
                      sm.outputs.size(), sg.outputs.size());
    }
  }
  return std::optional<ModelMetadata>(std::move(*parsed));
}

Result<std::vector<std::string>> ListAssociatedFiles(std::span<const uint8_t> model_file) {
  LF_ASSIGN_OR_RETURN(ZipArchive archive, OpenArchive(model_file));
  std::vector<std::string> names;
  if (archive == nullptr) return names;
  const zip_int64_t n = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (name != nullptr) names.emplace_back(name);
  }
  return names;
}

Result<std::vector<uint8_t>> ReadAssociatedFile(std::span<const uint8_t> model_file,
                                                std::string_view name) {
  LF_ASSIGN_OR_RETURN(ZipArchive archive, OpenArchive(model_file));
  if (archive == nullptr) {
    return NotFound("associated file '{}': the model carries no associated files", name);
  }
  const std::string cname(name);
  if (cname.find('\0') != std::string::npos) return NotFound("associated file name contains a NUL byte");
  const zip_int64_t index = zip_name_locate(archive.get(), cname.c_str(), ZIP_FL_ENC_RAW);
  if (index < 0) return NotFound("associated file '{}' is not in the model's archive", name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
      (st.valid & ZIP_STAT_SIZE) == 0) {
    return DataLoss("associated file '{}': cannot read its size from the archive", name);
  }
  if (st.size > kMaxAssociatedFileBytes) {
    return ResourceExhausted("associated file '{}' is {} bytes, more than the {} allowed", name,
                             st.size, kMaxAssociatedFileBytes);
  }
  ZipFile file(zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
  if (file == nullptr) {
    return DataLoss("associated file '{}': {}", name, zip_strerror(archive.get()));
  }
  // Read one byte past the declared size so an entry that inflates to more
  // than it claims is caught instead of trusted.
  std::vector<uint8_t> data(static_cast<size_t>(st.size) + 1);
  size_t got = 0;
  while (got < data.size()) {
    const zip_int64_t r = zip_fread(file.get(), data.data() + got, data.size() - got);
    if (r < 0) return DataLoss("associated file '{}': {}", name, zip_file_strerror(file.get()));
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  if (got != st.size) {
    return DataLoss("associated file '{}' holds {} bytes but the archive says {}", name, got, st.size);
  }
  data.resize(got);
  return data;
}

Result<std::vector<std::string>> ReadAssociatedFileLines(std::span<const uint8_t> model_file,
                                                         std::string_view name) {
  LF_ASSIGN_OR_RETURN(std::vector<uint8_t> data, ReadAssociatedFile(model_file, name));
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < data.size()) {
    size_t end = start;
    while (end < data.size() && data[end] != '\n') ++end;
    size_t stop = end;
    if (stop > start && data[stop - 1] == '\r') --stop;
    lines.emplace_back(reinterpret_cast<const char*>(data.data()) + start, stop - start);
    start = end + 1;
  }
  return lines;
}

}  // namespace liteforge::tflite_format
