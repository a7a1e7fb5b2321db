// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// `liteforge quantize` as a user meets it: each mode writes a model that
// `liteforge run` and `inspect` accept, and each mistake (missing output,
// unknown mode, no calibration data, an already quantized model, samples of
// the wrong shape, --strict with a float-only op) ends in one clear error
// line and a non-zero exit.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "liteforge/tensor/npy.h"
#include "tests/cli_runner.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

namespace fs = std::filesystem;

class CliQuantizeTest : public CliFixture {
 protected:
  void SetUp() override {
    if (TestdataDir().empty()) GTEST_SKIP() << "../shared/testdata not found";
    CliFixture::SetUp();
  }

  static void ExpectOneErrorLine(const CliResult& r, const std::string& needle) {
    CliFixture::ExpectOneErrorLine(r, "quantize", needle);
  }

  std::string Out(const std::string& name) const { return Path(name); }

  // `n` float32 samples of `sample_shape`, stacked along a leading axis.
  std::string Samples(const std::string& name, int n, const std::vector<int32_t>& sample_shape,
                      float lo, float hi) {
    std::vector<int32_t> dims = {n};
    dims.insert(dims.end(), sample_shape.begin(), sample_shape.end());
    const Shape shape(dims);
    std::vector<float> v(static_cast<size_t>(shape.NumElements()));
    for (size_t i = 0; i < v.size(); ++i) {
      v[i] = lo + (hi - lo) * static_cast<float>((i * 7919) % 1000) / 999.f;
    }
    const std::string path = Out(name);
    EXPECT_TRUE(WriteNpy(path, DType::kFloat32, shape,
                         {reinterpret_cast<const uint8_t*>(v.data()), v.size() * sizeof(float)})
                    .ok());
    return path;
  }
};

TEST_F(CliQuantizeTest, DynamicAndFloat16ModelsRun) {
  const std::string model = Model("tflm__hello_world_float.tflite");
  const std::string x = Samples("x.npy", 1, {1, 1}, 1.f, 1.f);
  for (const std::string mode : {"dynamic", "float16"}) {
    const std::string out = Out(mode + ".tflite");
    const CliResult q = RunCli("quantize " + model + " -o " + out + " --mode " + mode + " --min-weight-elements 0");
    ASSERT_EQ(q.exit_code, 0) << q.err;
    EXPECT_NE(q.out.find("wrote " + out + " (" + mode + ")"), std::string::npos) << q.out;
    const CliResult r = RunCli("run " + out + " --input " + x);
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  const CliResult inspect = RunCli("inspect " + Out("dynamic.tflite"));
  EXPECT_NE(inspect.out.find("FULLY_CONNECTED                      v12"), std::string::npos) << inspect.out;
}

TEST_F(CliQuantizeTest, Int8FromNpySamplesWithIntegerBoundaries) {
  const std::string model = Model("tflm__hello_world_float.tflite");
  const std::string cal = Samples("cal.npy", 64, {1, 1}, 0.f, 6.28f);
  const std::string out = Out("int8.tflite");
  const CliResult q = RunCli("quantize " + model + " -o " + out +
                          " --mode int8 --input-type int8 --output-type int8 --calibration " + cal);
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.err.find("calibration: 64 samples, method minmax"), std::string::npos) << q.err;
  EXPECT_NE(q.err.find("64/64"), std::string::npos) << q.err;
  const CliResult inspect = RunCli("inspect " + out);
  EXPECT_NE(inspect.out.find("int8 [1, 1]"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("FULLY_CONNECTED                      v4"), std::string::npos) << inspect.out;
  const std::string xi = Out("xi.npy");
  const int8_t v = 3;
  ASSERT_TRUE(WriteNpy(xi, DType::kInt8, Shape({1, 1}), {reinterpret_cast<const uint8_t*>(&v), 1}).ok());
  EXPECT_EQ(RunCli("run " + out + " --input " + xi).exit_code, 0);
  // Histogram methods calibrate in two passes.
  const CliResult mse = RunCli("quantize " + model + " -o " + Out("mse.tflite") +
                            " --mode int16x8 --method mse --calibration " + cal);
  ASSERT_EQ(mse.exit_code, 0) << mse.err;
  EXPECT_NE(mse.err.find("128/128"), std::string::npos) << mse.err;
}

TEST_F(CliQuantizeTest, Int8FromPhotoFolderRuns) {
  const std::string model = Model("mediapipe__face_detection_short_range.tflite");
  const fs::path photos = dir_ / "photos";
  fs::create_directories(photos);
  for (const char* name : {"cat.bmp", "owl.jpg", "pets.jpg"}) {
    fs::copy_file(TestdataDir() + "/images/" + name, photos / name);
  }
  const std::string out = Out("fd.tflite");
  const CliResult q = RunCli("quantize " + model + " -o " + out + " --mode int8 --calibration " +
                          photos.string() + " --range -1,1 --method percentile --percentile 99.9");
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.out.find("0 left float32"), std::string::npos) << q.out;
  const CliResult r = RunCli("run " + out + " --image " + TestdataDir() + "/images/face.jpg");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(CliQuantizeTest, FloatOnlyOpWarnsOrFailsWithStrict) {
  const std::string model = Model("tflm__trained_lstm.tflite");
  const std::string cal = Samples("cal.npy", 4, {1, 28, 28}, 0.f, 1.f);
  const CliResult q = RunCli("quantize " + model + " -o " + Out("lstm.tflite") + " --mode int8 --quiet --calibration " + cal);
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.err.find("warning: subgraph 0, op"), std::string::npos) << q.err;
  EXPECT_NE(q.err.find("(UNIDIRECTIONAL_SEQUENCE_LSTM) left float32: no int8 kernel"), std::string::npos)
      << q.err;
  ExpectOneErrorLine(RunCli("quantize " + model + " -o " + Out("s.tflite") + " --mode int8 --strict --calibration " + cal),
                     "(UNIDIRECTIONAL_SEQUENCE_LSTM): no int8 kernel; --strict");
}

TEST_F(CliQuantizeTest, Mistakes) {
  const std::string model = Model("tflm__hello_world_float.tflite");
  ExpectOneErrorLine(RunCli("quantize " + model), "-o OUT.tflite");
  ExpectOneErrorLine(RunCli("quantize " + model + " -o " + Out("a.tflite") + " --mode int4"), "unknown --mode 'int4'");
  ExpectOneErrorLine(RunCli("quantize " + model + " -o " + Out("a.tflite") + " --mode int8"), "needs --calibration");
  ExpectOneErrorLine(RunCli("quantize " + model + " -o " + Out("a.tflite") + " --input-type uint8"),
                     "input type uint8 is not available in dynamic mode");
  ExpectOneErrorLine(RunCli("quantize " + Model("tflm__hello_world_int8.tflite") + " -o " + Out("a.tflite")),
                     "already quantized");
  const std::string bad = Samples("bad.npy", 1, {3}, 0.f, 1.f);
  const CliResult wrong = RunCli("quantize " + model + " -o " + Out("a.tflite") + " --mode int8 --calibration " + bad);
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.err.find("bad.npy"), std::string::npos) << wrong.err;
  EXPECT_FALSE(fs::exists(Out("a.tflite")));
}

}  // namespace
}  // namespace liteforge::testing
