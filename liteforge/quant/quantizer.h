// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Post-training quantization of a float model into a .tflite file that both
// liteforge and real TensorFlow Lite run: dynamic range (int8 weights, hybrid
// kernels), full integer (int8 activations from a representative dataset),
// float16 weights, and int16 activations with int8 weights. The CLI's
// `liteforge quantize` and the Python converter are thin layers over
// QuantizeModel(); docs/quantization.md describes each mode.

#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"
#include "liteforge/tensor/dtype.h"
#include "liteforge/tensor/npy.h"

namespace liteforge::quant {

enum class QuantMode { kDynamicRange, kFullInt8, kFloat16, kInt16x8 };
enum class CalibrationMethod { kMinMax, kPercentile, kEntropy, kMse };

std::string_view QuantModeName(QuantMode mode);            // "dynamic", "int8", ...
std::string_view CalibrationMethodName(CalibrationMethod m);  // "minmax", ...

struct QuantizeOptions {
  QuantMode mode = QuantMode::kDynamicRange;
  // Model boundary types. kFullInt8: float32, int8 or uint8; kInt16x8:
  // float32 or int16. float32 means QUANTIZE / DEQUANTIZE ops at the
  // boundaries; an integer type makes the inputs and outputs themselves
  // integer (uint8 with the int8 scale and zero point + 128).
  DType input_type = DType::kFloat32;
  DType output_type = DType::kFloat32;
  // Fail instead of leaving an op without an integer kernel in float32.
  bool strict = false;
  CalibrationMethod method = CalibrationMethod::kMinMax;
  float percentile = 99.99f;  // for kPercentile
  int num_threads = 1;        // calibration interpreter threads
  // Dynamic range: weights with fewer elements stay float32 (TFLite's
  // converter uses the same threshold, 1024).
  int64_t min_weight_elements = 1024;
  // Called after each calibration sample (and pass): (done, total).
  std::function<void(size_t done, size_t total)> progress;
};

// Representative data: sample i is one float32 array per model input (real
// values), each with the input's shape.
class CalibrationData {
 public:
  virtual ~CalibrationData() = default;
  virtual size_t size() const = 0;
  virtual Result<std::vector<NpyArray>> Sample(size_t i) const = 0;
};

struct QuantizeReport {
  // Ops left in float32, weights left unquantized, and similar notes.
  std::vector<std::string> warnings;
  size_t input_bytes = 0;   // the float model as written by liteforge
  size_t output_bytes = 0;  // the quantized model
  size_t ops_quantized = 0;
  size_t ops_float = 0;
};

// Quantizes a float model and returns the .tflite bytes. `data` is required
// for kFullInt8 / kInt16x8 and ignored otherwise. The result has been read
// back, verified and prepared by liteforge's runtime before it is returned.
Result<std::vector<uint8_t>> QuantizeModel(const ir::Graph& float_model,
                                           const QuantizeOptions& options,
                                           const CalibrationData* data,
                                           QuantizeReport* report = nullptr);

}  // namespace liteforge::quant
