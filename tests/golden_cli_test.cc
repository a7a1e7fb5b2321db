// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every golden case again, this time the way a user runs it: the `liteforge
// run` binary reads the golden .npy inputs and writes out0.npy, out1.npy, ...
// which must match TensorFlow Lite's outputs within meta.json's tolerance,
// with the model's output dtypes and shapes. (golden_test.cc checks the same
// numbers in-process, with both kernel sets, and reports bit-exactness.)

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "liteforge/tensor/npy.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

namespace fs = std::filesystem;

class GoldenCliTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenCliTest, LiteforgeRunMatchesTflite) {
  const std::string name = GetParam();
  if (name == "NO_TESTDATA") GTEST_SKIP() << "../shared/testdata not found; set LITEFORGE_TESTDATA";
  auto golden = LoadGoldenCase(name);
  ASSERT_TRUE(golden.ok()) << golden.status().ToString();

  const fs::path dir = fs::temp_directory_path() /
                       ("liteforge_golden_cli_" + std::to_string(::getpid()) + "_" + name);
  fs::create_directories(dir);
  std::string cmd = std::string(LITEFORGE_CLI) + " run '" + golden->model_path + "'";
  for (const auto& p : golden->input_paths) cmd += " --input '" + p + "'";
  cmd += " --output-dir '" + (dir / "out").string() + "' >'" + (dir / "log.txt").string() + "' 2>&1";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << cmd << "\nfailed; see " << (dir / "log.txt").string();

  for (size_t o = 0; o < golden->outputs.size(); ++o) {
    auto got = ReadNpy((dir / "out" / ("out" + std::to_string(o) + ".npy")).string());
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->dtype, golden->outputs[o].expected.dtype) << "out" << o;
    EXPECT_EQ(got->shape, golden->outputs[o].expected.shape) << "out" << o;
    const Comparison c = CompareToGolden(golden->outputs[o], got->dtype, got->shape, got->data);
    EXPECT_TRUE(c.within_tolerance) << name << " out" << o << ": " << c.detail;
  }
  fs::remove_all(dir);
}

std::vector<std::string> Cases() {
  auto names = GoldenCaseNames();
  if (names.empty()) names.push_back("NO_TESTDATA");
  return names;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenCliTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace liteforge::testing
