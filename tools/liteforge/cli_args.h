// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Command-line flags for the liteforge subcommands: `--name value`,
// `--name=value`, repeatable value flags, boolean switches, positionals.
// Unknown flags and missing values are errors that name the flag.

#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "liteforge/base/status.h"

namespace liteforge::cli {

struct FlagSpec {
  std::set<std::string> with_value;  // e.g. "input", "threads"
  std::set<std::string> switches;    // e.g. "json", "profile"
};

class CliArgs {
 public:
  // Parses argv[first..argc).
  static Result<CliArgs> Parse(int argc, char** argv, int first, const FlagSpec& spec);

  const std::vector<std::string>& positional() const { return positional_; }
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> Get(const std::string& name) const;
  std::vector<std::string> GetAll(const std::string& name) const;
  // An integer flag in [min, max], or `fallback` when absent.
  Result<int> GetInt(const std::string& name, int fallback, int min, int max) const;
  Result<double> GetDouble(const std::string& name, double fallback) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace liteforge::cli
