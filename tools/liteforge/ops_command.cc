// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// `liteforge ops [--json]`: every op this build can run — builtin ops with
// the version range registered for each, then custom ops by name. It answers
// "will my model run?" before there is a model, and docs/ops.md is checked
// against it so the coverage table cannot drift from the code.

#include <cstdio>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "liteforge/ir/op_type.h"
#include "liteforge/ops/op_resolver.h"
#include "tools/liteforge/cli_args.h"
#include "tools/liteforge/cli_common.h"
#include "tools/liteforge/commands.h"

namespace liteforge::cli {

int OpsCommand(int argc, char** argv) {
  FlagSpec spec;
  spec.switches = {"json"};
  auto args = CliArgs::Parse(argc, argv, 2, spec);
  if (!args.ok()) return ReportError("ops", args.status());
  if (!args->positional().empty()) {
    return ReportError("ops", InvalidArgument("unexpected argument '{}'", args->positional()[0]));
  }
  const ops::OpResolver& resolver = ops::BuiltinOpResolver();
  nlohmann::json builtin = nlohmann::json::array();
  for (int i = 0; i < static_cast<int>(ir::OpType::kNumOpTypes); ++i) {
    const auto type = static_cast<ir::OpType>(i);
    const auto [min_version, max_version] = resolver.BuiltinVersions(type);
    if (max_version == 0) continue;
    builtin.push_back({{"op", std::string(ir::OpTypeName(type))},
                       {"min_version", min_version},
                       {"max_version", max_version}});
  }
  nlohmann::json custom = nlohmann::json::array();
  for (const auto& [name, factory] : resolver.custom_ops()) custom.push_back(name);

  if (args->Has("json")) {
    fmt::print("{}\n", nlohmann::json{{"builtin", builtin}, {"custom", custom}}.dump(2));
    return kExitOk;
  }
  fmt::print("builtin ops ({}):\n", builtin.size());
  for (const auto& b : builtin) {
    const int lo = b["min_version"], hi = b["max_version"];
    fmt::print("  {:<36} {}\n", b["op"].get<std::string>(),
               lo == hi ? fmt::format("v{}", lo) : fmt::format("v{}-v{}", lo, hi));
  }
  fmt::print("custom ops ({}):\n", custom.size());
  for (const auto& c : custom) fmt::print("  {}\n", c.get<std::string>());
  return kExitOk;
}

}  // namespace liteforge::cli
