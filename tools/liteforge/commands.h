// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The liteforge subcommands. Each returns the process exit code and prints
// errors as one line on stderr ("liteforge run: error: ...").

#pragma once

namespace liteforge::cli {

int InspectCommand(int argc, char** argv);
int RunCommand(int argc, char** argv);
int BenchCommand(int argc, char** argv);
int OpsCommand(int argc, char** argv);
int QuantizeCommand(int argc, char** argv);
int ValidateCommand(int argc, char** argv);

}  // namespace liteforge::cli
