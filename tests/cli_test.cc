// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The liteforge command line as a user meets it: every mistake (missing
// file, bad .npy, wrong dtype or shape, broken or unsupported model, bad
// flag) must end in exactly one clear error line and a non-zero exit, and
// the happy paths must write what they promise.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "liteforge/tensor/npy.h"
#include "tests/cli_runner.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

class CliTest : public CliFixture {
 protected:
  std::string WriteNpyFile(const std::string& name, DType dtype, const Shape& shape) {
    const std::string path = Path(name);
    std::vector<uint8_t> data(DTypeBytes(dtype, shape.NumElements()).value(), 1);
    EXPECT_TRUE(WriteNpy(path, dtype, shape, data).ok());
    return path;
  }
};

#define REQUIRE_TESTDATA() \
  if (TestdataDir().empty()) GTEST_SKIP() << "../shared/testdata not found"

TEST_F(CliTest, UsageAndUnknownCommand) {
  const CliResult none = RunCli("");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("usage: liteforge"), std::string::npos);
  const CliResult help = RunCli("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("inspect MODEL"), std::string::npos);
  const CliResult unknown = RunCli("frobnicate");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST_F(CliTest, OpsListsBuiltinVersionsAndCustomOps) {
  const CliResult text = RunCli("ops");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("CONV_2D"), std::string::npos);
  EXPECT_NE(text.out.find("TFLite_Detection_PostProcess"), std::string::npos);
  const CliResult json = RunCli("ops --json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"op\": \"FULLY_CONNECTED\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"custom\""), std::string::npos);
  ExpectOneErrorLine(RunCli("ops model.tflite"), "ops", "unexpected argument 'model.tflite'");
}

TEST_F(CliTest, EveryCommandTakesHelp) {
  for (const char* command : {"inspect", "run", "bench", "ops", "quantize", "validate"}) {
    const CliResult help = RunCli(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command << ": " << help.err;
    EXPECT_NE(help.out.find("usage: liteforge <command>"), std::string::npos) << command;
    EXPECT_NE(help.out.find(std::string("  ") + command), std::string::npos) << command;
  }
}

TEST_F(CliTest, BadFlags) {
  ExpectOneErrorLine(RunCli("inspect --frob x.tflite"), "inspect", "unknown flag --frob");
  ExpectOneErrorLine(RunCli("run m.tflite --threads"), "run", "--threads needs a value");
  ExpectOneErrorLine(RunCli("bench m.tflite --runs zero"), "bench", "--runs expects an integer");
  ExpectOneErrorLine(RunCli("run m.tflite --input a.npy --isa sse9"), "run", "--isa must be one of");
}

TEST_F(CliTest, MissingAndNonModelFiles) {
  ExpectOneErrorLine(RunCli("inspect /nonexistent/model.tflite"), "inspect", "'/nonexistent/model.tflite'");
  const std::string npy = WriteNpyFile("x.npy", DType::kFloat32, Shape({2}));
  ExpectOneErrorLine(RunCli("inspect " + npy), "inspect", "is not a .tflite model");
  const std::string empty = Path("empty.tflite");
  std::ofstream(empty).close();
  ExpectOneErrorLine(RunCli("inspect " + empty), "inspect", "too short to be a .tflite model");
}

TEST_F(CliTest, TruncatedModel) {
  REQUIRE_TESTDATA();
  const std::string src = Model("coral__mobilenet_v1_0.25_128_quant.tflite");
  const std::string cut = Path("cut.tflite");
  {
    std::ifstream in(src, std::ios::binary);
    std::vector<char> bytes(20000);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ExpectOneErrorLine(RunCli("inspect " + cut), "inspect", "cut.tflite");
  ExpectOneErrorLine(RunCli("run " + cut + " --input x.npy"), "run", "");
}

TEST_F(CliTest, InvalidModelNamesTheOp) {
  REQUIRE_TESTDATA();
  const std::string model = Model("coral__invalid_models_model_invoking_error.tflite");
  const std::string in = WriteNpyFile("in.npy", DType::kUInt8, Shape({1}));
  ExpectOneErrorLine(RunCli("run " + model + " --input " + in), "run",
                     "custom op 'fake-op-double' is not registered");
  const CliResult inspect = RunCli("inspect " + model);
  EXPECT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_NE(inspect.out.find("fake-op-double"), std::string::npos);
}

TEST_F(CliTest, InputFileProblems) {
  REQUIRE_TESTDATA();
  const std::string model = Model("tflm__hello_world_float.tflite");
  ExpectOneErrorLine(RunCli("run " + model + " --input " + Path("missing.npy")), "run", "missing.npy");
  const std::string garbage = Path("garbage.npy");
  std::ofstream(garbage) << "definitely not numpy";
  ExpectOneErrorLine(RunCli("run " + model + " --input " + garbage), "run", "is not a .npy file");
  ExpectOneErrorLine(RunCli("run " + model + " --input " + WriteNpyFile("i.npy", DType::kInt32, Shape({1, 1}))),
                     "run", "is float32, but the data given is int32");
  ExpectOneErrorLine(RunCli("run " + model + " --input " + WriteNpyFile("s.npy", DType::kFloat32, Shape({1, 3}))),
                     "run", "has shape [1, 1], but the data given has shape [1, 3]");
  const std::string ok = WriteNpyFile("ok.npy", DType::kFloat32, Shape({1, 1}));
  ExpectOneErrorLine(RunCli("run " + model + " --input " + ok + " --input " + ok), "run",
                     "the model has 1 inputs but 2 --input files were given");
  ExpectOneErrorLine(RunCli("run " + model), "run", "give --input");
}

TEST_F(CliTest, RunWritesOutputsInOrder) {
  REQUIRE_TESTDATA();
  auto golden = LoadGoldenCase("coral__tools_split_concat");
  ASSERT_TRUE(golden.ok()) << golden.status().ToString();
  std::string args = "run " + golden->model_path;
  for (const auto& p : golden->input_paths) args += " --input " + p;
  const std::string out_dir = Path("out");
  const CliResult r = RunCli(args + " --output-dir " + out_dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (size_t o = 0; o < golden->outputs.size(); ++o) {
    auto got = ReadNpy(out_dir + "/out" + std::to_string(o) + ".npy");
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    const Comparison c = CompareToGolden(golden->outputs[o], got->dtype, got->shape, got->data);
    EXPECT_TRUE(c.within_tolerance) << "out" << o << ": " << c.detail;
    EXPECT_EQ(got->shape, golden->outputs[o].expected.shape);
  }
}

TEST_F(CliTest, InspectJson) {
  REQUIRE_TESTDATA();
  const CliResult r = RunCli("inspect --json " + Model("coral__mobilenet_v2_1.0_224_quant.tflite"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["inputs"][0]["dtype"], "uint8");
  EXPECT_EQ(j["inputs"][0]["shape"], nlohmann::json({1, 224, 224, 3}));
  EXPECT_EQ(j["inputs"][0]["quantization"]["zero_point"], 128);
  EXPECT_EQ(j["outputs"][0]["shape"], nlohmann::json({1, 1001}));
  EXPECT_TRUE(j.contains("ops"));
  EXPECT_TRUE(j.contains("weight_bytes"));
  EXPECT_TRUE(j.contains("arena_bytes"));
  EXPECT_TRUE(j.contains("metadata"));
  EXPECT_TRUE(j.contains("signatures"));
}

TEST_F(CliTest, BenchJsonHasEveryKey) {
  REQUIRE_TESTDATA();
  const CliResult r = RunCli("bench --json --warmup 1 --runs 3 " + Model("tflm__hello_world_int8.tflite"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"init_ms", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "min_ms", "max_ms",
                          "arena_bytes", "peak_rss_bytes"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_LE(j["min_ms"].get<double>(), j["p50_ms"].get<double>());
  EXPECT_LE(j["p50_ms"].get<double>(), j["max_ms"].get<double>());
  EXPECT_GT(j["peak_rss_bytes"].get<double>(), 0);
  const CliResult profile = RunCli("bench --profile --warmup 0 --runs 2 " + Model("tflm__hello_world_int8.tflite"));
  ASSERT_EQ(profile.exit_code, 0) << profile.err;
  EXPECT_NE(profile.out.find("FULLY_CONNECTED"), std::string::npos) << profile.out;
}

}  // namespace
}  // namespace liteforge::testing
