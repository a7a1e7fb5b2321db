// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The liteforge command line as a user meets it: every mistake (missing
// file, bad .npy, wrong dtype or shape, broken or unsupported model, bad
// flag) must end in exactly one clear error line and a non-zero exit, and
// the happy paths must write what they promise.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "liteforge/tensor/npy.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

namespace fs = std::filesystem;

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("liteforge_cli_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  CliResult Run(const std::string& args) {
    const std::string out = (dir_ / "stdout.txt").string(), err = (dir_ / "stderr.txt").string();
    const std::string cmd = std::string(LITEFORGE_CLI) + " " + args + " >" + out + " 2>" + err;
    const int status = std::system(cmd.c_str());
    CliResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = Slurp(out);
    r.err = Slurp(err);
    return r;
  }

  // A failing command prints exactly one line, "liteforge <cmd>: error: ...".
  void ExpectOneErrorLine(const CliResult& r, const std::string& command, const std::string& needle) {
    EXPECT_NE(r.exit_code, 0);
    EXPECT_LT(r.exit_code, 128) << "crashed: " << r.err;
    EXPECT_EQ(r.err.rfind("liteforge " + command + ": error: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << "missing '" << needle << "' in: " << r.err;
  }

  std::string Model(const std::string& name) { return TestdataDir() + "/models/" + name; }
  std::string WriteNpyFile(const std::string& name, DType dtype, const Shape& shape) {
    const std::string path = (dir_ / name).string();
    std::vector<uint8_t> data(DTypeBytes(dtype, shape.NumElements()).value(), 1);
    EXPECT_TRUE(WriteNpy(path, dtype, shape, data).ok());
    return path;
  }

  fs::path dir_;
};

#define REQUIRE_TESTDATA() \
  if (TestdataDir().empty()) GTEST_SKIP() << "../shared/testdata not found"

TEST_F(CliTest, UsageAndUnknownCommand) {
  const CliResult none = Run("");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("usage: liteforge"), std::string::npos);
  const CliResult help = Run("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("inspect MODEL"), std::string::npos);
  const CliResult unknown = Run("frobnicate");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST_F(CliTest, OpsListsBuiltinVersionsAndCustomOps) {
  const CliResult text = Run("ops");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("CONV_2D"), std::string::npos);
  EXPECT_NE(text.out.find("TFLite_Detection_PostProcess"), std::string::npos);
  const CliResult json = Run("ops --json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"op\": \"FULLY_CONNECTED\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"custom\""), std::string::npos);
  ExpectOneErrorLine(Run("ops model.tflite"), "ops", "unexpected argument 'model.tflite'");
}

TEST_F(CliTest, EveryCommandTakesHelp) {
  for (const char* command : {"inspect", "run", "bench", "ops", "quantize", "validate"}) {
    const CliResult help = Run(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command << ": " << help.err;
    EXPECT_NE(help.out.find("usage: liteforge <command>"), std::string::npos) << command;
    EXPECT_NE(help.out.find(std::string("  ") + command), std::string::npos) << command;
  }
}

TEST_F(CliTest, BadFlags) {
  ExpectOneErrorLine(Run("inspect --frob x.tflite"), "inspect", "unknown flag --frob");
  ExpectOneErrorLine(Run("run m.tflite --threads"), "run", "--threads needs a value");
  ExpectOneErrorLine(Run("bench m.tflite --runs zero"), "bench", "--runs expects an integer");
  ExpectOneErrorLine(Run("run m.tflite --input a.npy --isa sse9"), "run", "--isa must be one of");
}

TEST_F(CliTest, MissingAndNonModelFiles) {
  ExpectOneErrorLine(Run("inspect /nonexistent/model.tflite"), "inspect", "'/nonexistent/model.tflite'");
  const std::string npy = WriteNpyFile("x.npy", DType::kFloat32, Shape({2}));
  ExpectOneErrorLine(Run("inspect " + npy), "inspect", "is not a .tflite model");
  const std::string empty = (dir_ / "empty.tflite").string();
  std::ofstream(empty).close();
  ExpectOneErrorLine(Run("inspect " + empty), "inspect", "too short to be a .tflite model");
}

TEST_F(CliTest, TruncatedModel) {
  REQUIRE_TESTDATA();
  const std::string src = Model("coral__mobilenet_v1_0.25_128_quant.tflite");
  const std::string cut = (dir_ / "cut.tflite").string();
  {
    std::ifstream in(src, std::ios::binary);
    std::vector<char> bytes(20000);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ExpectOneErrorLine(Run("inspect " + cut), "inspect", "cut.tflite");
  ExpectOneErrorLine(Run("run " + cut + " --input x.npy"), "run", "");
}

TEST_F(CliTest, InvalidModelNamesTheOp) {
  REQUIRE_TESTDATA();
  const std::string model = Model("coral__invalid_models_model_invoking_error.tflite");
  const std::string in = WriteNpyFile("in.npy", DType::kUInt8, Shape({1}));
  ExpectOneErrorLine(Run("run " + model + " --input " + in), "run",
                     "custom op 'fake-op-double' is not registered");
  const CliResult inspect = Run("inspect " + model);
  EXPECT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_NE(inspect.out.find("fake-op-double"), std::string::npos);
}

TEST_F(CliTest, InputFileProblems) {
  REQUIRE_TESTDATA();
  const std::string model = Model("tflm__hello_world_float.tflite");
  ExpectOneErrorLine(Run("run " + model + " --input " + (dir_ / "missing.npy").string()), "run", "missing.npy");
  const std::string garbage = (dir_ / "garbage.npy").string();
  std::ofstream(garbage) << "definitely not numpy";
  ExpectOneErrorLine(Run("run " + model + " --input " + garbage), "run", "is not a .npy file");
  ExpectOneErrorLine(Run("run " + model + " --input " + WriteNpyFile("i.npy", DType::kInt32, Shape({1, 1}))),
                     "run", "is float32, but the data given is int32");
  ExpectOneErrorLine(Run("run " + model + " --input " + WriteNpyFile("s.npy", DType::kFloat32, Shape({1, 3}))),
                     "run", "has shape [1, 1], but the data given has shape [1, 3]");
  const std::string ok = WriteNpyFile("ok.npy", DType::kFloat32, Shape({1, 1}));
  ExpectOneErrorLine(Run("run " + model + " --input " + ok + " --input " + ok), "run",
                     "the model has 1 inputs but 2 --input files were given");
  ExpectOneErrorLine(Run("run " + model), "run", "give --input");
}

TEST_F(CliTest, RunWritesOutputsInOrder) {
  REQUIRE_TESTDATA();
  auto golden = LoadGoldenCase("coral__tools_split_concat");
  ASSERT_TRUE(golden.ok()) << golden.status().ToString();
  std::string args = "run " + golden->model_path;
  for (const auto& p : golden->input_paths) args += " --input " + p;
  const std::string out_dir = (dir_ / "out").string();
  const CliResult r = Run(args + " --output-dir " + out_dir);
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
  const CliResult r = Run("inspect --json " + Model("coral__mobilenet_v2_1.0_224_quant.tflite"));
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
  const CliResult r = Run("bench --json --warmup 1 --runs 3 " + Model("tflm__hello_world_int8.tflite"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"init_ms", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "min_ms", "max_ms",
                          "arena_bytes", "peak_rss_bytes"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_LE(j["min_ms"].get<double>(), j["p50_ms"].get<double>());
  EXPECT_LE(j["p50_ms"].get<double>(), j["max_ms"].get<double>());
  EXPECT_GT(j["peak_rss_bytes"].get<double>(), 0);
  const CliResult profile = Run("bench --profile --warmup 0 --runs 2 " + Model("tflm__hello_world_int8.tflite"));
  ASSERT_EQ(profile.exit_code, 0) << profile.err;
  EXPECT_NE(profile.out.find("FULLY_CONNECTED"), std::string::npos) << profile.out;
}

}  // namespace
}  // namespace liteforge::testing
