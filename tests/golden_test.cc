// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every case in ../shared/testdata/golden runs through liteforge and must
// match TensorFlow Lite within meta.json's tolerance at every ISA level the
// CPU has: the reference kernels and each SIMD ceiling (avx2, avx512,
// avx512vnni, neon), the highest of which is the default path. Levels the
// CPU lacks skip with a message. Integer outputs must be bit-exact at every
// level. The test also prints, per output, whether the result is bit-exact
// and the largest difference, which is how docs/golden.md's table is
// produced.

#include <gtest/gtest.h>

#include <cstring>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/cpu_features.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

// Each ISA ceiling a run can impose, lowest first. A ceiling the CPU lacks
// is skipped; the highest one it has is what users get by default.
constexpr Isa kLevels[] = {Isa::kReference, Isa::kAvx2, Isa::kAvx512, Isa::kAvx512Vnni, Isa::kNeon};

using GoldenParam = std::tuple<std::string, Isa>;
class GoldenTest : public ::testing::TestWithParam<GoldenParam> {};

void RunCase(const std::string& name, const InterpreterOptions& options, std::string_view label) {
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
  const std::string label_str(label);
  for (size_t o = 0; o < golden->outputs.size(); ++o) {
    const TensorView& out = (*interp)->output(static_cast<int>(o));
    const Comparison c = CompareToGolden(golden->outputs[o], out.dtype, out.shape, {out.data, out.bytes});
    std::printf("[golden] %s %s out%zu: %s max_abs_diff=%.9g mismatched=%lld tolerance=%.9g\n",
                label_str.c_str(), name.c_str(), o,
                c.bit_exact ? "BIT-EXACT" : (c.within_tolerance ? "within" : "FAIL"),
                c.max_abs_diff, static_cast<long long>(c.mismatched), golden->outputs[o].tolerance);
    EXPECT_TRUE(c.within_tolerance) << name << " (" << label << ") output " << o << ": " << c.detail;
    // Integer outputs are held to TFLite's arithmetic exactly, not to the
    // tolerance (which only measures TFLite's own builtin-vs-XNNPACK gap).
    if (IsInteger(out.dtype)) {
      EXPECT_TRUE(c.bit_exact) << name << " (" << label << ") output " << o
                               << " is not bit-exact: " << c.mismatched
                               << " values differ, by up to " << c.max_abs_diff;
    }
  }
}

TEST_P(GoldenTest, MatchesTflite) {
  const auto& [name, isa] = GetParam();
  if (isa != Isa::kReference && !CpuFeatures::Get().Supports(isa)) {
    GTEST_SKIP() << "this CPU lacks " << IsaName(isa) << " (" << CpuFeatures::Get().ToString()
                 << "); the " << IsaName(isa) << " level is not tested here";
  }
  InterpreterOptions options;
  options.max_isa = isa;
  RunCase(name, options, IsaName(isa));
}

std::vector<std::string> Cases() {
  auto names = GoldenCaseNames();
  if (names.empty()) names.push_back("NO_TESTDATA");
  return names;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest,
                         ::testing::Combine(::testing::ValuesIn(Cases()), ::testing::ValuesIn(kLevels)),
                         [](const auto& info) {
                           std::string n = std::get<0>(info.param) + "_" +
                                           std::string(IsaName(std::get<1>(info.param)));
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
