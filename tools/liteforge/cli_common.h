// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Pieces the subcommands share: turning a Status into an error line and exit
// code, and the interpreter flags (--threads, --isa, --delegate, --planner).

#pragma once

#include <string_view>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/status.h"
#include "tools/liteforge/cli_args.h"

namespace liteforge::cli {

// Exit codes: 0 ok, 1 a runtime failure, 2 bad usage or input, 3 the
// models ran but a `validate` threshold (--min-agreement, --max-error) was
// not met.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitThresholdsNotMet = 3;

// Prints "liteforge <command>: error: <message>" and returns the exit code
// for the status.
int ReportError(std::string_view command, const Status& status);

// Adds --threads, --isa, --delegate, --planner, --no-fold and --no-fuse to `spec`.
void AddInterpreterFlags(FlagSpec& spec);
Result<InterpreterOptions> InterpreterOptionsFromFlags(const CliArgs& args);

}  // namespace liteforge::cli
