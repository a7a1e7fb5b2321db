// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Real models through the quantizer: every mode's output loads, and a
// full-integer model written by liteforge and read back gives bit-identical
// outputs at every thread count and on the reference kernels. Skips when
// ../shared/testdata is absent.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/reader.h"
#include "liteforge/quant/quantizer.h"

namespace liteforge::quant {
namespace {

std::string ModelPath(const std::string& name) {
  const std::string path = std::string(LITEFORGE_TESTDATA_DIR) + "/models/" + name;
  return std::filesystem::exists(path) ? path : std::string();
}

// Smooth random images in [-1, 1] for a [1, H, W, C] input.
class SyntheticImages final : public CalibrationData {
 public:
  SyntheticImages(Shape shape, size_t n) : shape_(std::move(shape)), n_(n) {}
  size_t size() const override { return n_; }
  Result<std::vector<NpyArray>> Sample(size_t i) const override {
    std::mt19937 rng(static_cast<uint32_t>(i + 1));
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    const float a = u(rng), b = u(rng), c = u(rng);
    NpyArray arr;
    arr.shape = shape_;
    const int64_t n = shape_.NumElements();
    std::vector<float> v(static_cast<size_t>(n));
    const int w = shape_.dim(2), ch = shape_.dim(3);
    for (int64_t k = 0; k < n; ++k) {
      const int64_t pixel = k / ch;
      const float x = static_cast<float>(pixel % w) / static_cast<float>(w);
      const float y = static_cast<float>(pixel / w) / static_cast<float>(w);
      v[static_cast<size_t>(k)] =
          std::clamp(a * std::sin(6.f * x + b) * std::cos(5.f * y + c) + 0.2f * u(rng), -1.f, 1.f);
    }
    arr.data.resize(v.size() * sizeof(float));
    std::memcpy(arr.data.data(), v.data(), arr.data.size());
    return std::vector<NpyArray>{std::move(arr)};
  }

 private:
  Shape shape_;
  size_t n_;
};

std::vector<std::vector<uint8_t>> RunModel(const std::vector<uint8_t>& bytes, const NpyArray& input,
                                           InterpreterOptions options) {
  auto graph = tflite_format::ReadTflite(CopyBytes(bytes));
  EXPECT_TRUE(graph.ok()) << graph.status().ToString();
  if (!graph.ok()) return {};
  auto interp = Interpreter::FromGraph(std::make_shared<const ir::Graph>(std::move(*graph)), options);
  EXPECT_TRUE(interp.ok()) << interp.status().ToString();
  if (!interp.ok()) return {};
  EXPECT_TRUE((*interp)->AllocateTensors().ok());
  EXPECT_TRUE((*interp)->SetInput(0, input.dtype, input.shape, input.data).ok());
  EXPECT_TRUE((*interp)->Invoke().ok());
  std::vector<std::vector<uint8_t>> outs;
  for (int i = 0; i < (*interp)->num_outputs(); ++i) {
    const TensorView& o = (*interp)->output(i);
    outs.emplace_back(o.data, o.data + o.bytes);
  }
  return outs;
}

TEST(QuantizedModelTest, FullInt8FaceDetectorIsBitExactAcrossThreadsAndIsas) {
  const std::string path = ModelPath("mediapipe__face_detection_short_range.tflite");
  if (path.empty()) GTEST_SKIP() << "../shared/testdata not found";
  auto model = tflite_format::ReadTfliteFile(path);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  SyntheticImages data(Shape{1, 128, 128, 3}, 4);
  QuantizeOptions o;
  o.mode = QuantMode::kFullInt8;
  QuantizeReport report;
  auto bytes = QuantizeModel(*model, o, &data, &report);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_TRUE(report.warnings.empty()) << report.warnings.front();
  EXPECT_LT(report.output_bytes, report.input_bytes);

  auto sample = SyntheticImages(Shape{1, 128, 128, 3}, 10).Sample(9);
  ASSERT_TRUE(sample.ok());
  const NpyArray& input = (*sample)[0];
  const auto base = RunModel(*bytes, input, {});
  ASSERT_EQ(base.size(), 2u);
  for (int threads : {2, 3, 4}) {
    InterpreterOptions io;
    io.num_threads = threads;
    EXPECT_EQ(RunModel(*bytes, input, io), base) << threads << " threads";
  }
  InterpreterOptions ref;
  ref.max_isa = Isa::kReference;
  EXPECT_EQ(RunModel(*bytes, input, ref), base) << "reference kernels";
}

TEST(QuantizedModelTest, EveryModeLoadsForSelfieSegmentation) {
  const std::string path = ModelPath("mediapipe__selfie_segmentation.tflite");
  if (path.empty()) GTEST_SKIP() << "../shared/testdata not found";
  auto model = tflite_format::ReadTfliteFile(path);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  SyntheticImages data(Shape{1, 256, 256, 3}, 2);
  for (QuantMode mode : {QuantMode::kDynamicRange, QuantMode::kFullInt8, QuantMode::kFloat16,
                         QuantMode::kInt16x8}) {
    QuantizeOptions o;
    o.mode = mode;
    QuantizeReport report;
    auto bytes = QuantizeModel(*model, o, &data, &report);
    ASSERT_TRUE(bytes.ok()) << QuantModeName(mode) << ": " << bytes.status().ToString();
    EXPECT_GT(report.ops_quantized, 0u) << QuantModeName(mode);
  }
}

}  // namespace
}  // namespace liteforge::quant
