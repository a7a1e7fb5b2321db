// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TFLite model metadata: the "TFLITE_METADATA" entry of a model, a separate
// flatbuffer (identifier "M001") describing the model and its input/output
// tensors (normalization, value ranges, label files), plus the files it
// names ("associated files"), which live in a ZIP archive appended to the
// .tflite file. Both are untrusted: the flatbuffer is verified before it is
// read, every string and vector is copied out (so the structs below own
// their data), and archive entries are read with a size cap.
//
//   LF_ASSIGN_OR_RETURN(auto meta, ReadModelMetadata(graph));
//   if (meta) {
//     if (const AssociatedFile* f = meta->OutputLabelFile(0)) {
//       LF_ASSIGN_OR_RETURN(auto labels, ReadAssociatedFileLines(file_bytes, f->name));
//     }
//   }

#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"

namespace liteforge::tflite_format {

// Name of the model metadata entry that holds the flatbuffer.
inline constexpr std::string_view kModelMetadataName = "TFLITE_METADATA";

// The public schema's values; anything newer reads as kUnknown.
enum class AssociatedFileType : uint8_t {
  kUnknown = 0,
  kDescriptions = 1,
  kTensorAxisLabels = 2,   // label i names index i of the tensor's class axis
  kTensorValueLabels = 3,  // label i names tensor value i (e.g. class ids)
  kScoreCalibration = 4,
  kVocabulary = 5,
  kScannIndex = 6,
};
std::string_view AssociatedFileTypeName(AssociatedFileType type);

struct AssociatedFile {
  std::string name;  // entry name inside the appended ZIP archive
  std::string description;
  AssociatedFileType type = AssociatedFileType::kUnknown;
  std::string locale;
};

// (x - mean[c]) / std[c]; a single value applies to every channel.
struct Normalization {
  std::vector<float> mean;
  std::vector<float> std;
};

struct TensorMetadata {
  std::string name;
  std::string description;
  // "image", "feature", "bounding box", "audio", or empty when unstated.
  std::string content;
  // "RGB" / "GRAYSCALE" for images, empty otherwise.
  std::string color_space;
  std::optional<Normalization> normalization;
  std::vector<float> min;  // stats, per channel (or one value)
  std::vector<float> max;
  std::vector<AssociatedFile> associated_files;
};

struct SubgraphMetadata {
  std::string name;
  std::string description;
  std::vector<TensorMetadata> inputs;   // parallel to SubGraph.inputs
  std::vector<TensorMetadata> outputs;  // parallel to SubGraph.outputs
  std::vector<AssociatedFile> associated_files;
};

struct ModelMetadata {
  std::string name;
  std::string description;
  std::string version;
  std::string author;
  std::string license;
  std::string min_parser_version;
  std::vector<SubgraphMetadata> subgraphs;  // subgraphs[0] is the main one
  std::vector<AssociatedFile> associated_files;

  // The first TENSOR_AXIS_LABELS file of main-subgraph output `output`,
  // or null when there is none.
  const AssociatedFile* OutputLabelFile(int output) const;
  // Normalization of main-subgraph input `input`, if stated.
  const Normalization* InputNormalization(int input) const;
};

// Parses a metadata flatbuffer. Errors (DataLoss) say what is wrong; the
// bytes need no particular alignment.
Result<ModelMetadata> ParseModelMetadata(std::span<const uint8_t> bytes);

// Reads the "TFLITE_METADATA" entry of `graph`: nullopt when the model has
// none, an error when it is present but malformed.
Result<std::optional<ModelMetadata>> ReadModelMetadata(const ir::Graph& graph);

// Associated files of a whole .tflite file (the model bytes, with the ZIP
// archive appended after the flatbuffer). Entries larger than
// kMaxAssociatedFileBytes are refused.
inline constexpr size_t kMaxAssociatedFileBytes = size_t{64} << 20;

// Names of the archive's entries; empty when the file carries no archive.
Result<std::vector<std::string>> ListAssociatedFiles(std::span<const uint8_t> model_file);
// The bytes of entry `name`; NotFound when there is no archive or no such
// entry.
Result<std::vector<uint8_t>> ReadAssociatedFile(std::span<const uint8_t> model_file,
                                                std::string_view name);
// Entry `name` as text lines (label files): '\n' separated, a trailing '\r'
// dropped, empty lines kept so line i stays label i, no empty last line
// for a file ending in a newline.
Result<std::vector<std::string>> ReadAssociatedFileLines(std::span<const uint8_t> model_file,
                                                         std::string_view name);

}  // namespace liteforge::tflite_format
