// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The float corpus models give the same bytes at 1, 2 and 3 threads, fused
// and unfused: every op splits its work into ranges whose results do not
// depend on the split (conv and transpose-conv GEMM tasks, depthwise rows,
// elementwise chunks), so the thread count never changes a value. Inputs
// are deterministic pseudo-random values in [-1, 1].

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "liteforge/api/interpreter.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

std::vector<std::vector<uint8_t>> RunWith(const std::string& path, int threads, bool fuse) {
  InterpreterOptions options;
  options.num_threads = threads;
  options.fuse_ops = fuse;
  auto interp = Interpreter::FromFile(path, options);
  EXPECT_TRUE(interp.ok()) << interp.status().ToString();
  if (!interp.ok()) return {};
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> d(-1.f, 1.f);
  for (int i = 0; i < (*interp)->num_inputs(); ++i) {
    TensorView& in = (*interp)->input(i);
    if (in.dtype != DType::kFloat32) continue;
    for (int64_t k = 0; k < in.num_elements(); ++k) in.data_as<float>()[k] = d(rng);
  }
  EXPECT_TRUE((*interp)->Invoke().ok());
  std::vector<std::vector<uint8_t>> outputs;
  for (int i = 0; i < (*interp)->num_outputs(); ++i) {
    const TensorView& out = (*interp)->output(i);
    outputs.emplace_back(out.data, out.data + out.bytes);
  }
  return outputs;
}

class ThreadCountTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ThreadCountTest, OutputsDoNotDependOnTheThreadCount) {
  const std::string path = TestdataDir() + "/models/" + GetParam() + ".tflite";
  if (TestdataDir().empty() || !std::filesystem::exists(path)) {
    GTEST_SKIP() << "../shared/testdata not found";
  }
  for (bool fuse : {true, false}) {
    const auto one = RunWith(path, 1, fuse);
    ASSERT_FALSE(one.empty());
    for (int threads : {2, 3}) {
      EXPECT_EQ(RunWith(path, threads, fuse), one) << threads << " threads, fuse=" << fuse;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(FloatModels, ThreadCountTest,
                         ::testing::Values("mediapipe__selfie_segmentation",
                                           "mediapipe__face_detection_full_range_sparse",
                                           "mediapipe__face_detection_short_range",
                                           "mediapipe__hand_landmark_lite"));

}  // namespace
}  // namespace liteforge::testing
