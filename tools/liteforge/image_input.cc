// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "tools/liteforge/image_input.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <stb/stb_image.h>

#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/metadata.h"

namespace liteforge::cli {
namespace {

struct Image {
  int width = 0, height = 0, channels = 0;
  std::vector<uint8_t> pixels;  // interleaved, row-major
};

Result<Image> Decode(const std::string& path, int want_channels) {
  int w = 0, h = 0, c = 0;
  std::unique_ptr<stbi_uc, void (*)(void*)> data(
      stbi_load(path.c_str(), &w, &h, &c, want_channels), stbi_image_free);
  if (data == nullptr) {
    const char* why = stbi_failure_reason();
    return InvalidArgument("cannot decode image '{}': {}", path, why ? why : "unknown format");
  }
  Image img;
  img.width = w;
  img.height = h;
  img.channels = want_channels;
  img.pixels.assign(data.get(), data.get() + static_cast<size_t>(w) * h * want_channels);
  return img;
}

// Bilinear resize with pixel centres aligned (half-pixel), in float.
std::vector<float> Resize(const Image& img, int out_h, int out_w) {
  std::vector<float> out(static_cast<size_t>(out_h) * out_w * img.channels);
  const float sy = static_cast<float>(img.height) / out_h;
  const float sx = static_cast<float>(img.width) / out_w;
  for (int y = 0; y < out_h; ++y) {
    const float fy = std::max(0.f, (y + 0.5f) * sy - 0.5f);
    const int y0 = std::min(static_cast<int>(fy), img.height - 1);
    const int y1 = std::min(y0 + 1, img.height - 1);
    const float dy = fy - y0;
    for (int x = 0; x < out_w; ++x) {
      const float fx = std::max(0.f, (x + 0.5f) * sx - 0.5f);
      const int x0 = std::min(static_cast<int>(fx), img.width - 1);
      const int x1 = std::min(x0 + 1, img.width - 1);
      const float dx = fx - x0;
      for (int c = 0; c < img.channels; ++c) {
        auto px = [&](int yy, int xx) {
          return static_cast<float>(img.pixels[(static_cast<size_t>(yy) * img.width + xx) * img.channels + c]);
        };
        const float top = px(y0, x0) * (1 - dx) + px(y0, x1) * dx;
        const float bottom = px(y1, x0) * (1 - dx) + px(y1, x1) * dx;
        out[(static_cast<size_t>(y) * out_w + x) * img.channels + c] = top * (1 - dy) + bottom * dy;
      }
    }
  }
  return out;
}

}  // namespace

Result<std::vector<float>> DecodeResizedImage(const std::string& path, int height, int width,
                                              int channels, std::pair<int, int>* source_size) {
  if (height <= 0 || width <= 0) {
    return InvalidArgument("cannot resize image '{}' to {}x{}", path, width, height);
  }
  LF_ASSIGN_OR_RETURN(Image img, Decode(path, channels));
  if (source_size != nullptr) *source_size = {img.width, img.height};
  return Resize(img, height, width);
}

Result<std::string> LoadImageInput(Interpreter& interp, int input_index, const std::string& path,
                                   const ImageOptions& options) {
  if (input_index < 0 || input_index >= interp.num_inputs()) {
    return InvalidArgument("the model has no input {}", input_index);
  }
  TensorView& input = interp.input(input_index);
  const Shape& shape = input.shape;
  if (shape.rank() != 4 || (shape.dim(3) != 3 && shape.dim(3) != 1) || shape.dim(0) != 1) {
    return InvalidArgument("--image needs a [1, height, width, 3] (or 1-channel) input; input {} '{}' is {} {}",
                           input_index, input.name, DTypeName(input.dtype), shape.ToString());
  }
  const int h = shape.dim(1), w = shape.dim(2), c = shape.dim(3);
  std::pair<int, int> source_size;
  LF_ASSIGN_OR_RETURN(const std::vector<float> resized, DecodeResizedImage(path, h, w, c, &source_size));
  std::string how;
  switch (input.dtype) {
    case DType::kUInt8: {
      auto* dst = input.data_as<uint8_t>();
      for (size_t i = 0; i < resized.size(); ++i) dst[i] = static_cast<uint8_t>(std::clamp(std::round(resized[i]), 0.f, 255.f));
      how = "uint8 pixels";
      break;
    }
    case DType::kInt8: {
      auto* dst = input.data_as<int8_t>();
      for (size_t i = 0; i < resized.size(); ++i) {
        dst[i] = static_cast<int8_t>(std::clamp(std::round(resized[i]), 0.f, 255.f) - 128.f);
      }
      how = "int8 pixels - 128";
      break;
    }
    case DType::kFloat32: {
      // Flags win, then the model's metadata, then [-1, 1].
      std::vector<float> mean(c, 127.5f), std(c, 127.5f);
      const char* source = "default";
      if (options.mean || options.std) {
        std::fill(mean.begin(), mean.end(), options.mean.value_or(127.5f));
        std::fill(std.begin(), std.end(), options.std.value_or(127.5f));
        source = "flags";
      } else if (!options.metadata_mean.empty() && !options.metadata_std.empty()) {
        auto spread = [c](const std::vector<float>& v, std::vector<float>& out) {
          if (v.size() == 1) std::fill(out.begin(), out.end(), v[0]);
          else if (static_cast<int>(v.size()) == c) out = v;
          else return false;
          return true;
        };
        std::vector<float> m = mean, s = std;
        if (spread(options.metadata_mean, m) && spread(options.metadata_std, s)) {
          mean = m;
          std = s;
          source = "model metadata";
        } else {
          std::fprintf(stderr, "warning: ignoring the model's normalization metadata: %zu mean and %zu std "
                       "values for %d channels\n", options.metadata_mean.size(), options.metadata_std.size(), c);
        }
      }
      for (int ch = 0; ch < c; ++ch) {
        if (std[ch] == 0.f) return InvalidArgument("--std must not be 0");
      }
      auto* dst = input.data_as<float>();
      for (size_t i = 0; i < resized.size(); ++i) {
        const size_t ch = i % static_cast<size_t>(c);
        dst[i] = (resized[i] - mean[ch]) / std[ch];
      }
      const bool uniform = std::all_of(mean.begin(), mean.end(), [&](float v) { return v == mean[0]; }) &&
                           std::all_of(std.begin(), std.end(), [&](float v) { return v == std[0]; });
      how = uniform ? fmt::format("float (pixel - {}) / {} ({})", mean[0], std[0], source)
                    : fmt::format("float (pixel - [{}]) / [{}] ({})", fmt::join(mean, ", "),
                                  fmt::join(std, ", "), source);
      break;
    }
    default:
      return Unimplemented("--image cannot fill a {} input", DTypeName(input.dtype));
  }
  return fmt::format("{} ({}x{}) resized to {}x{} as {}", path, source_size.first,
                     source_size.second, w, h, how);
}

Result<std::vector<std::string>> ReadLabels(const std::string& path) {
  std::ifstream in(path);
  if (!in) return IoError("cannot open labels file '{}'", path);
  std::vector<std::string> labels;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    labels.push_back(line);
  }
  return labels;
}

void ApplyMetadataNormalization(const ir::Graph& graph, int input_index, ImageOptions& options) {
  auto meta = tflite_format::ReadModelMetadata(graph);
  if (!meta.ok()) {
    std::fprintf(stderr, "warning: ignoring the model's metadata: %s\n", meta.status().ToString().c_str());
    return;
  }
  if (!meta->has_value()) return;
  if (const tflite_format::Normalization* n = (*meta)->InputNormalization(input_index)) {
    options.metadata_mean = n->mean;
    options.metadata_std = n->std;
  }
}

std::vector<std::string> EmbeddedLabels(const ir::Graph& graph, const std::string& model_path,
                                        int output) {
  auto meta = tflite_format::ReadModelMetadata(graph);
  if (!meta.ok()) {
    std::fprintf(stderr, "warning: ignoring the model's metadata: %s\n", meta.status().ToString().c_str());
    return {};
  }
  if (!meta->has_value()) return {};
  const tflite_format::AssociatedFile* file = (*meta)->OutputLabelFile(output);
  if (file == nullptr) return {};
  // The archive is not part of the flatbuffer the graph was read from, so
  // the file is mapped again (cheap: nothing is copied but the entry).
  auto bytes = MapFile(model_path);
  if (!bytes.ok()) {
    std::fprintf(stderr, "warning: cannot read the model's labels: %s\n", bytes.status().ToString().c_str());
    return {};
  }
  auto lines = tflite_format::ReadAssociatedFileLines((*bytes)->bytes(), file->name);
  if (!lines.ok()) {
    std::fprintf(stderr, "warning: cannot read the model's labels: %s\n", lines.status().ToString().c_str());
    return {};
  }
  return std::move(*lines);
}

std::vector<Scored> TopK(const TensorView& output, int k) {
  const int64_t n = output.num_elements();
  std::vector<Scored> all;
  all.reserve(static_cast<size_t>(n));
  const bool quantized = output.quant != nullptr && !output.quant->scale.empty();
  const float scale = quantized ? output.quant->scale0() : 1.f;
  const int32_t zp = quantized ? output.quant->zero_point0() : 0;
  for (int64_t i = 0; i < n; ++i) {
    float v = 0.f;
    switch (output.dtype) {
      case DType::kFloat32: v = output.data_as<float>()[i]; break;
      case DType::kUInt8: v = scale * (output.data_as<uint8_t>()[i] - zp); break;
      case DType::kInt8: v = scale * (output.data_as<int8_t>()[i] - zp); break;
      case DType::kInt16: v = scale * (output.data_as<int16_t>()[i] - zp); break;
      default: return {};
    }
    all.push_back({static_cast<int>(i), v});
  }
  k = std::min<int>(k, static_cast<int>(all.size()));
  std::partial_sort(all.begin(), all.begin() + k, all.end(),
                    [](const Scored& a, const Scored& b) { return a.score > b.score; });
  all.resize(k);
  return all;
}

}  // namespace liteforge::cli
