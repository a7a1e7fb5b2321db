// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// One golden case from ../shared/testdata/golden/<case>/: the model, inputs
// and TensorFlow Lite's outputs, with the tolerance meta.json allows per
// output, and the comparison of liteforge's outputs against them.

#pragma once

#include <optional>
#include <string>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/tensor/npy.h"

namespace liteforge::testing {

struct GoldenOutput {
  std::string name;
  NpyArray expected;
  double tolerance = 0;
};

struct GoldenCase {
  std::string name;        // directory name
  std::string model_path;  // absolute
  std::vector<std::string> input_paths;
  std::vector<NpyArray> inputs;
  std::vector<GoldenOutput> outputs;
};

// "" when the shared test data is absent (tests then skip).
std::string TestdataDir();
std::vector<std::string> GoldenCaseNames();
Result<GoldenCase> LoadGoldenCase(const std::string& name);

struct Comparison {
  double max_abs_diff = 0;
  int64_t mismatched = 0;  // elements differing at all
  bool within_tolerance = true;
  bool bit_exact = true;
  std::string detail;  // first failing element, for messages
};

// Compares `actual` (dtype/shape/bytes) against a golden output.
Comparison CompareToGolden(const GoldenOutput& golden, DType dtype, const Shape& shape,
                           std::span<const uint8_t> data);

}  // namespace liteforge::testing
