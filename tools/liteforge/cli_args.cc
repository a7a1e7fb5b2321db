// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "tools/liteforge/cli_args.h"

#include <cerrno>
#include <cstdlib>

namespace liteforge::cli {

Result<CliArgs> CliArgs::Parse(int argc, char** argv, int first, const FlagSpec& spec) {
  CliArgs args;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.size() < 3 || arg.rfind("--", 0) != 0) {
      args.positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (spec.switches.count(name)) {
      if (value) return InvalidArgument("--{} takes no value", name);
      args.values_[name].push_back("1");
    } else if (spec.with_value.count(name)) {
      if (!value) {
        if (i + 1 >= argc) return InvalidArgument("--{} needs a value", name);
        value = argv[++i];
      }
      args.values_[name].push_back(*value);
    } else {
      return InvalidArgument("unknown flag --{}", name);
    }
  }
  return args;
}

std::optional<std::string> CliArgs::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> CliArgs::GetAll(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

Result<int> CliArgs::GetInt(const std::string& name, int fallback, int min, int max) const {
  auto v = Get(name);
  if (!v) return fallback;
  errno = 0;
  char* end = nullptr;
  const long n = std::strtol(v->c_str(), &end, 10);
  if (errno != 0 || end == v->c_str() || *end != '\0') {
    return InvalidArgument("--{} expects an integer, got '{}'", name, *v);
  }
  if (n < min || n > max) return InvalidArgument("--{} must be between {} and {}, got {}", name, min, max, n);
  return static_cast<int>(n);
}

Result<double> CliArgs::GetDouble(const std::string& name, double fallback) const {
  auto v = Get(name);
  if (!v) return fallback;
  errno = 0;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  if (errno != 0 || end == v->c_str() || *end != '\0') {
    return InvalidArgument("--{} expects a number, got '{}'", name, *v);
  }
  return d;
}

}  // namespace liteforge::cli
