// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// MediaPipe's selfie segmentation models on a real photo, end to end through
// `liteforge run --image`: decoding, resizing, normalization, the custom
// Convolution2DTransposeBias op and the float kernels.
//
// The photo (images/squat.bmp, 500x610) shows one person squatting in front
// of a plain white wall. The expected mask is justified by looking at the
// photo: we labelled by hand small windows that are certainly person (head,
// chest, shorts, thigh) and certainly background (wall on both sides above
// and beside the person, floor in the corner), in the photo's own pixel
// coordinates. A sensible segmentation must put the person windows near 1
// and the background windows near 0, and the person must cover a plausible
// share of the frame. (Numerical agreement with TFLite itself is checked
// separately by the golden tests on grace_hopper.bmp.)

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "liteforge/tensor/npy.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

namespace fs = std::filesystem;

struct Window {
  const char* what;
  int x, y;  // centre, in the 500x610 photo
  bool person;
};

constexpr Window kWindows[] = {
    {"head", 272, 175, true},          {"chest", 230, 300, true},
    {"shorts", 175, 385, true},        {"thigh", 210, 420, true},
    {"wall top-left", 70, 70, false},  {"wall top-right", 430, 70, false},
    {"wall right", 440, 300, false},   {"wall left", 50, 300, false},
    {"floor bottom-right", 450, 580, false},
};

// Mean mask value in a window of +-radius photo pixels around (x, y).
double WindowMean(const NpyArray& mask, int x, int y, int radius = 12) {
  const int h = mask.shape.dim(1), w = mask.shape.dim(2);
  const float* m = reinterpret_cast<const float*>(mask.data.data());
  double sum = 0;
  int n = 0;
  for (int py = y - radius; py <= y + radius; ++py) {
    for (int px = x - radius; px <= x + radius; ++px) {
      const int my = std::clamp(py * h / 610, 0, h - 1), mx = std::clamp(px * w / 500, 0, w - 1);
      sum += m[my * w + mx];
      ++n;
    }
  }
  return sum / n;
}

void CheckModel(const std::string& model_name) {
  const std::string root = TestdataDir();
  if (root.empty()) GTEST_SKIP() << "../shared/testdata not found";
  const fs::path out = fs::temp_directory_path() / ("liteforge_selfie_" + model_name);
  fs::create_directories(out);
  const std::string cmd = std::string(LITEFORGE_CLI) + " run " + root + "/models/" + model_name +
                          " --image " + root + "/images/squat.bmp --output-dir " + out.string() +
                          " >/dev/null 2>" + (out / "err.txt").string();
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "command failed: " << cmd;
  auto mask = ReadNpy((out / "out0.npy").string());
  ASSERT_TRUE(mask.ok()) << mask.status().ToString();
  ASSERT_EQ(mask->dtype, DType::kFloat32);
  ASSERT_EQ(mask->shape.rank(), 4);
  for (const Window& w : kWindows) {
    const double mean = WindowMean(*mask, w.x, w.y);
    if (w.person) {
      EXPECT_GT(mean, 0.8) << model_name << ": " << w.what << " should be person";
    } else {
      EXPECT_LT(mean, 0.2) << model_name << ": " << w.what << " should be background";
    }
  }
  const float* m = reinterpret_cast<const float*>(mask->data.data());
  const int64_t n = mask->shape.NumElements();
  int64_t person = 0;
  for (int64_t i = 0; i < n; ++i) person += m[i] > 0.5f;
  const double share = static_cast<double>(person) / n;
  // The squatting person fills roughly a fifth of the frame.
  EXPECT_GT(share, 0.10) << model_name;
  EXPECT_LT(share, 0.40) << model_name;
  fs::remove_all(out);
}

TEST(SelfieSegmentationTest, SquareModelSegmentsThePerson) { CheckModel("mediapipe__selfie_segmentation.tflite"); }

TEST(SelfieSegmentationTest, LandscapeModelSegmentsThePerson) {
  CheckModel("mediapipe__selfie_segmentation_landscape.tflite");
}

}  // namespace
}  // namespace liteforge::testing
