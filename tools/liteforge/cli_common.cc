// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "tools/liteforge/cli_common.h"

#include <cstdio>

namespace liteforge::cli {

int ReportError(std::string_view command, const Status& status) {
  std::fprintf(stderr, "liteforge %.*s: error: %s\n", static_cast<int>(command.size()),
               command.data(), status.message().c_str());
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kDataLoss:
    case StatusCode::kIoError:
    case StatusCode::kOutOfRange:
    case StatusCode::kUnimplemented:
      return kExitUsage;
    default:
      return kExitFailure;
  }
}

void AddInterpreterFlags(FlagSpec& spec) {
  spec.with_value.insert({"threads", "isa", "delegate", "planner"});
  spec.switches.insert({"no-fold", "no-fuse"});
}

Result<InterpreterOptions> InterpreterOptionsFromFlags(const CliArgs& args) {
  InterpreterOptions options;
  LF_ASSIGN_OR_RETURN(options.num_threads, args.GetInt("threads", 1, 1, 256));
  if (auto isa = args.Get("isa")) {
    auto parsed = ParseIsa(*isa);
    if (!parsed) {
      return InvalidArgument("--isa must be one of reference, avx2, avx512, avx512vnni, neon, neondot; got '{}'", *isa);
    }
    options.max_isa = *parsed;
  }
  if (auto planner = args.Get("planner")) {
    if (*planner == "greedy") {
      options.planner = runtime::PlannerKind::kGreedy;
    } else if (*planner == "linear") {
      options.planner = runtime::PlannerKind::kLinear;
    } else {
      return InvalidArgument("--planner must be greedy or linear, got '{}'", *planner);
    }
  }
  options.delegates = args.GetAll("delegate");
  options.fold_constants = !args.Has("no-fold");
  options.fuse_ops = !args.Has("no-fuse");
  return options;
}

}  // namespace liteforge::cli
