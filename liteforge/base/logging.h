// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Minimal leveled logging to stderr. Library code logs sparingly (warnings
// a user should see); errors travel as Status, not log lines.

#pragma once

#include <fmt/format.h>

#include <string_view>

namespace liteforge {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3, kSilent = 4 };

// Default kWarning; LITEFORGE_LOG_LEVEL=debug|info|warning|error|silent overrides.
LogLevel GetLogLevel();
void SetLogLevel(LogLevel level);
void LogMessage(LogLevel level, std::string_view message);

template <typename... Args>
void Log(LogLevel level, fmt::format_string<Args...> f, Args&&... args) {
  if (level < GetLogLevel()) return;
  LogMessage(level, fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace liteforge
