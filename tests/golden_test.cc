// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every case in ../shared/testdata/golden runs through liteforge and must
// match TensorFlow Lite within meta.json's tolerance, with both the default
// (fastest) kernels and the reference kernels. The test also prints, per
// output, whether the result is bit-exact and the largest difference, which
// is how docs/golden.md's table is produced.

#include <gtest/gtest.h>

#include <cstring>

#include <fmt/format.h>

#include "liteforge/api/interpreter.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

class GoldenTest : public ::testing::TestWithParam<std::string> {};

void RunCase(const std::string& name, const InterpreterOptions& options, const char* label) {
  if (name == "NO_TESTDATA") GTEST_SKIP() << "../shared/testdata not found; set LITEFORGE_TESTDATA";
  auto golden = LoadGoldenCase(name);
  ASSERT_TRUE(golden.ok()) << golden.status().ToString();
  auto interp = Interpreter::FromFile(golden->model_path, options);
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  ASSERT_EQ((*interp)->num_inputs(), static_cast<int>(golden->inputs.size()));
  for (size_t i = 0; i < golden->inputs.size(); ++i) {
    const NpyArray& a = golden->inputs[i];
    const Status s = (*interp)->SetInput(static_cast<int>(i), a.dtype, a.shape, a.data);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  const Status s = (*interp)->Invoke();
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ((*interp)->num_outputs(), static_cast<int>(golden->outputs.size()));
  for (size_t o = 0; o < golden->outputs.size(); ++o) {
    const TensorView& out = (*interp)->output(static_cast<int>(o));
    const Comparison c = CompareToGolden(golden->outputs[o], out.dtype, out.shape, {out.data, out.bytes});
    std::printf("[golden] %s %s out%zu: %s max_abs_diff=%.9g mismatched=%lld tolerance=%.9g\n", label,
                name.c_str(), o, c.bit_exact ? "BIT-EXACT" : (c.within_tolerance ? "within" : "FAIL"),
                c.max_abs_diff, static_cast<long long>(c.mismatched), golden->outputs[o].tolerance);
    EXPECT_TRUE(c.within_tolerance) << name << " output " << o << ": " << c.detail;
    // Integer outputs are held to TFLite's arithmetic exactly, not to the
    // tolerance (which only measures TFLite's own builtin-vs-XNNPACK gap).
    if (IsInteger(out.dtype)) {
      EXPECT_TRUE(c.bit_exact) << name << " output " << o << " is not bit-exact: " << c.mismatched
                               << " values differ, by up to " << c.max_abs_diff;
    }
  }
}

TEST_P(GoldenTest, MatchesTfliteDefaultKernels) { RunCase(GetParam(), {}, "default"); }

TEST_P(GoldenTest, MatchesTfliteReferenceKernels) {
  InterpreterOptions options;
  options.max_isa = Isa::kReference;
  RunCase(GetParam(), options, "reference");
}

std::vector<std::string> Cases() {
  auto names = GoldenCaseNames();
  if (names.empty()) names.push_back("NO_TESTDATA");
  return names;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& ch : n) if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

// Runs before the parameterized cases: says clearly why they skip.
class GoldenData : public ::testing::Environment {
  void SetUp() override {
    if (TestdataDir().empty()) {
      std::printf("[golden] ../shared/testdata not found (set LITEFORGE_TESTDATA); golden tests skip\n");
    }
  }
};
const auto* const kEnv = ::testing::AddGlobalTestEnvironment(new GoldenData);

}  // namespace
}  // namespace liteforge::testing
