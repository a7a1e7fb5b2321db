// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every model in ../shared/testdata/models goes read -> write -> read:
//  - the two graphs dump identically (nothing the reader keeps is lost);
//  - writing the re-read graph gives the same bytes again (deterministic);
//  - the written file, run on the golden case's inputs, gives exactly the
//    bytes the original model gives (skipped, with the reason, when the
//    original does not run in this build or has no golden inputs).

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/reader.h"
#include "liteforge/format/tflite/writer.h"
#include "liteforge/ir/dump.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> ModelNames() {
  std::vector<std::string> names;
  const std::string root = TestdataDir();
  if (!root.empty() && fs::is_directory(root + "/models")) {
    for (const auto& entry : fs::directory_iterator(root + "/models")) {
      if (entry.path().extension() == ".tflite") names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  if (names.empty()) names.push_back("NO_TESTDATA");
  return names;
}

// Runs `path` on the golden inputs and returns each output's bytes.
Result<std::vector<std::vector<uint8_t>>> RunOnInputs(const std::string& path,
                                                      const GoldenCase& golden) {
  LF_ASSIGN_OR_RETURN(auto interp, Interpreter::FromFile(path));
  if (interp->num_inputs() != static_cast<int>(golden.inputs.size())) {
    return InvalidArgument("{} inputs, golden case has {}", interp->num_inputs(),
                           golden.inputs.size());
  }
  for (size_t i = 0; i < golden.inputs.size(); ++i) {
    const NpyArray& a = golden.inputs[i];
    LF_RETURN_IF_ERROR(interp->SetInput(static_cast<int>(i), a.dtype, a.shape, a.data));
  }
  LF_RETURN_IF_ERROR(interp->Invoke());
  std::vector<std::vector<uint8_t>> outputs;
  for (int o = 0; o < interp->num_outputs(); ++o) {
    const TensorView& v = interp->output(o);
    outputs.emplace_back(v.data, v.data + v.bytes);
  }
  return outputs;
}

class RoundTripTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTripTest, ReadWriteReadIsLosslessDeterministicAndRunsTheSame) {
  const std::string name = GetParam();
  if (name == "NO_TESTDATA") GTEST_SKIP() << "../shared/testdata not found; set LITEFORGE_TESTDATA";
  const std::string model_path = TestdataDir() + "/models/" + name + ".tflite";

  auto original = tflite_format::ReadTfliteFile(model_path);
  if (!original.ok()) {
    GTEST_SKIP() << name << " does not read (" << original.status().message()
                 << "); nothing to round-trip";
  }
  auto written = tflite_format::WriteTflite(*original);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  auto reread = tflite_format::ReadTflite(CopyBytes(*written, name + " (written)"));
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  const std::string dump = ir::DumpGraph(*original);
  EXPECT_EQ(dump, ir::DumpGraph(*reread)) << name << ": the written model holds a different graph";
  auto rewritten = tflite_format::WriteTflite(*reread);
  ASSERT_TRUE(rewritten.ok()) << rewritten.status().ToString();
  EXPECT_TRUE(*written == *rewritten) << name << ": writing is not deterministic ("
                                      << written->size() << " vs " << rewritten->size() << " bytes)";

  // Same outputs from the written file as from the original.
  if (!fs::exists(TestdataDir() + "/golden/" + name + "/meta.json")) {
    GTEST_SKIP() << name << " has no golden inputs; graph and bytes checked, not run";
  }
  auto golden = LoadGoldenCase(name);
  ASSERT_TRUE(golden.ok()) << golden.status().ToString();
  auto expected = RunOnInputs(model_path, *golden);
  if (!expected.ok()) {
    GTEST_SKIP() << name << " does not run in this build (" << expected.status().message()
                 << "); graph and bytes checked, not run";
  }
  const fs::path tmp = fs::temp_directory_path() /
                       ("lf_roundtrip_" + std::to_string(::getpid()) + "_" + name + ".tflite");
  ASSERT_TRUE(tflite_format::WriteTfliteFile(*reread, tmp.string()).ok());
  auto actual = RunOnInputs(tmp.string(), *golden);
  fs::remove(tmp);
  ASSERT_TRUE(actual.ok()) << "the original runs but the written model does not: "
                           << actual.status().ToString();
  ASSERT_EQ(actual->size(), expected->size());
  for (size_t o = 0; o < expected->size(); ++o) {
    EXPECT_TRUE((*actual)[o] == (*expected)[o]) << name << " output " << o << " differs";
  }
}

INSTANTIATE_TEST_SUITE_P(Models, RoundTripTest, ::testing::ValuesIn(ModelNames()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& ch : n) if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace liteforge::testing
