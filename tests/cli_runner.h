// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// What every command-line test needs: run the built `liteforge` binary with
// a string of arguments, capture its exit code, stdout and stderr, and give
// each test its own scratch directory (removed afterwards) so tests can run
// in parallel under ctest. Fixtures derive from CliFixture.

#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/golden_case.h"

namespace liteforge::testing {

struct CliResult {
  int exit_code = -1;  // 128 + signal number when the process was killed
  std::string out;
  std::string err;
};

// The whole file as bytes; empty when it cannot be read.
inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("liteforge_") + info->test_suite_name() + "_" +
                       std::to_string(::getpid()) + "_" + info->name();
    std::replace(name.begin(), name.end(), '/', '_');  // parameterized test names
    dir_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // `liteforge ARGS` with stdout and stderr captured through files in the
  // scratch directory (a pipe could fill up and block a chatty command).
  CliResult RunCli(const std::string& args) const {
    const std::string out = Path("stdout.txt"), err = Path("stderr.txt");
    const std::string cmd = std::string(LITEFORGE_CLI) + " " + args + " >" + out + " 2>" + err;
    const int status = std::system(cmd.c_str());
    CliResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = ReadWholeFile(out);
    r.err = ReadWholeFile(err);
    return r;
  }

  // A failing command exits non-zero without crashing and prints exactly
  // one line, "liteforge COMMAND: error: ...", that contains `needle`.
  static void ExpectOneErrorLine(const CliResult& r, const std::string& command,
                                 const std::string& needle) {
    EXPECT_NE(r.exit_code, 0);
    EXPECT_LT(r.exit_code, 128) << "crashed: " << r.err;
    EXPECT_EQ(r.err.rfind("liteforge " + command + ": error: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << "missing '" << needle << "' in: " << r.err;
  }

  // A file in this test's scratch directory.
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string Model(const std::string& name) { return TestdataDir() + "/models/" + name; }
  static std::string Image(const std::string& name) { return TestdataDir() + "/images/" + name; }
  static std::string Golden(const std::string& name) { return TestdataDir() + "/golden/" + name; }

  std::filesystem::path dir_;
};

}  // namespace liteforge::testing
