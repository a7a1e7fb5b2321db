// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Turning a photo into a model input: decode (JPEG, PNG, BMP, ...), resize
// bilinearly to the input's height and width, and convert to the input's
// dtype — uint8 as pixels, int8 as pixel - 128, float as (pixel - mean) /
// std with mean/std from flags, the model's metadata, or [-1, 1] by
// default. Then reading labels and printing the top-k of a classifier.

#pragma once

#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/status.h"

namespace liteforge::cli {

struct ImageOptions {
  std::optional<float> mean;  // --mean
  std::optional<float> std;   // --std
  // Per-channel (or single) normalization from the model's metadata, used
  // for float inputs when --mean/--std are not given.
  std::vector<float> metadata_mean;
  std::vector<float> metadata_std;
};

// Fills options.metadata_mean/std from the model's TFLite metadata for
// input `input_index`, when it states a normalization. Metadata that is
// malformed is not fatal: it is reported as a warning and ignored.
void ApplyMetadataNormalization(const ir::Graph& graph, int input_index, ImageOptions& options);

// Decodes `path` (any format stb reads) into `channels` channels and
// resizes it bilinearly to height x width: interleaved float pixels in
// [0, 255], row-major. `source_size`, when given, receives (width, height)
// of the decoded image.
Result<std::vector<float>> DecodeResizedImage(const std::string& path, int height, int width,
                                              int channels,
                                              std::pair<int, int>* source_size = nullptr);

// Decodes `path` and writes it into input `input_index` of `interp`.
// Returns a one-line description of what was done (for the user).
Result<std::string> LoadImageInput(Interpreter& interp, int input_index, const std::string& path,
                                   const ImageOptions& options);

// One label per line; empty lines kept so indices stay aligned.
Result<std::vector<std::string>> ReadLabels(const std::string& path);

// Labels shipped inside the model: the TENSOR_AXIS_LABELS file that the
// TFLite metadata attaches to output `output`, read from the ZIP archive
// appended to `model_path`. Empty when the model has none; damaged
// metadata or archives are a warning on stderr, not an error.
std::vector<std::string> EmbeddedLabels(const ir::Graph& graph, const std::string& model_path,
                                        int output = 0);

struct Scored {
  int index;
  float score;
};
// The k best entries of `output` (dequantized when quantized).
std::vector<Scored> TopK(const TensorView& output, int k);

}  // namespace liteforge::cli
