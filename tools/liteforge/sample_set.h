// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Sets of model-input samples for the commands that run a model many times
// (quantize's calibration, validate): a folder or list of photos, .npy
// files or .npz archives, each turned into one value per model input.
//
// Samples are held as real values (float32), whatever the model's input
// dtype, so that one set feeds a float model and its quantized twin alike;
// ToInputDType() then converts a sample to a given input tensor (quantizing
// with its scale and zero point where the input is integer).
//
// Sources:
//   - an image (.jpg .jpeg .png .bmp .gif .tga .ppm .pgm): one sample for a
//     model with one image-like input ([1, H, W, C], C = 1 or 3). Decoded,
//     resized bilinearly to H x W, then pixel p -> (p - mean) / std.
//   - a .npy file: one sample for a one-input model, or, when its leading
//     dimension is N and the rest matches the input, N samples.
//   - a .npz archive: arrays named after the inputs (or arr_0, arr_1, ...
//     in input order), each with a leading batch of N samples or exactly
//     the input's shape.
//   - a directory: every file above in it (not recursive), sorted by name;
//     other files are skipped.
// Errors name the file and what does not fit (shape, dtype, decode error).

#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"
#include "liteforge/tensor/npy.h"
#include "liteforge/tensor/tensor_view.h"

namespace liteforge::cli {

// How pixels become real values. Precedence: explicit mean/std, then an
// explicit range, then the model's metadata normalization, then the
// default [-1, 1] (mean 127.5, std 127.5).
struct ImageNormalization {
  std::vector<float> mean;  // one value, or one per channel; empty = unset
  std::vector<float> std;
  // Map [0, 255] linearly onto [lo, hi]: `--range 0,1`, `--range -1,1`.
  std::optional<std::pair<float, float>> range;
  // `--size`: the (height, width) the caller resized the model input to
  // (for models with a dynamic H/W). Images are resized to the input's
  // H x W; a size that disagrees with the input spec is an error.
  std::optional<std::pair<int, int>> size;
};

// The model inputs a sample must fill, by position.
struct SampleInputSpec {
  std::string name;
  Shape shape;  // a static shape (dynamic dims resolved by the caller)
};

class SampleSet {
 public:
  // Resolves `sources` (files and directories) against `inputs` without
  // decoding images yet; fails on a missing path, an empty set, or an
  // array whose shape cannot fit. `graph` supplies the metadata
  // normalization for images when `norm` leaves it open (may be null).
  static Result<SampleSet> Open(const std::vector<std::string>& sources,
                                std::vector<SampleInputSpec> inputs,
                                const ImageNormalization& norm,
                                const ir::Graph* graph = nullptr);

  size_t size() const { return entries_.size(); }
  // "cat.jpg", "calib.npz[3]", "x.npy[0]": used in progress and reports.
  const std::string& name(size_t i) const { return entries_[i].name; }

  // Sample i: one float32 array per input, in input order, each exactly the
  // input's shape.
  Result<std::vector<NpyArray>> Load(size_t i) const;

  // A copy of this set with only the samples whose index is in [begin, end).
  SampleSet Slice(size_t begin, size_t end) const;

 private:
  struct Entry {
    std::string name;
    enum class Kind { kImage, kNpy, kNpz } kind;
    std::string path;
    // For batched arrays: which row of the leading dimension; -1 = whole.
    int64_t row = -1;
    // The file's arrays (one per input), parsed once when the set was
    // opened and shared by its entries and by slices; null for images,
    // which are decoded on demand.
    std::shared_ptr<const std::vector<NpyArray>> arrays;
  };
  void AddArrayEntries(const std::string& base, Entry::Kind kind, const std::string& path,
                       int64_t rows, std::vector<NpyArray> arrays);
  std::vector<SampleInputSpec> inputs_;
  ImageNormalization norm_;
  std::vector<float> mean_, std_;  // resolved per channel (size 1 or C)
  std::vector<Entry> entries_;
};

// Converts real values `value` (float32, `target`'s shape) to `target`'s
// dtype and writes them into target.data: float32 is copied; int8, uint8
// and int16 are quantized with target's (per-tensor) scale and zero point,
// rounding half away from zero and saturating. Other dtypes are an error
// naming `what`.
Status ToInputDType(const NpyArray& value, TensorView& target, const std::string& what);

}  // namespace liteforge::cli
