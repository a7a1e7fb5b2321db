// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/base/logging.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace liteforge {
namespace {

LogLevel LevelFromEnv() {
  const char* env = std::getenv("LITEFORGE_LOG_LEVEL");
  if (env == nullptr) return LogLevel::kWarning;
  if (std::strcmp(env, "debug") == 0) return LogLevel::kDebug;
  if (std::strcmp(env, "info") == 0) return LogLevel::kInfo;
  if (std::strcmp(env, "error") == 0) return LogLevel::kError;
  if (std::strcmp(env, "silent") == 0) return LogLevel::kSilent;
  return LogLevel::kWarning;
}

std::atomic<int>& LevelStore() {
  static std::atomic<int> level{static_cast<int>(LevelFromEnv())};
  return level;
}

}  // namespace

LogLevel GetLogLevel() { return static_cast<LogLevel>(LevelStore().load()); }
void SetLogLevel(LogLevel level) { LevelStore().store(static_cast<int>(level)); }

void LogMessage(LogLevel level, std::string_view message) {
  static const char* const kNames[] = {"debug", "info", "warning", "error", ""};
  std::fprintf(stderr, "liteforge %s: %.*s\n", kNames[static_cast<int>(level)],
               static_cast<int>(message.size()), message.data());
}

}  // namespace liteforge
