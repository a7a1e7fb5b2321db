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
#include <string>
#include <vector>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/status.h"

namespace liteforge::cli {

struct ImageOptions {
  std::optional<float> mean;  // --mean
  std::optional<float> std;   // --std
};

// Decodes `path` and writes it into input `input_index` of `interp`.
// Returns a one-line description of what was done (for the user).
Result<std::string> LoadImageInput(Interpreter& interp, int input_index, const std::string& path,
                                   const ImageOptions& options);

// One label per line; empty lines kept so indices stay aligned.
Result<std::vector<std::string>> ReadLabels(const std::string& path);

// Labels shipped inside the model (TFLite metadata associated files), if any.
std::vector<std::string> EmbeddedLabels(const ir::Graph& graph);

struct Scored {
  int index;
  float score;
};
// The k best entries of `output` (dequantized when quantized).
std::vector<Scored> TopK(const TensorView& output, int k);

}  // namespace liteforge::cli
