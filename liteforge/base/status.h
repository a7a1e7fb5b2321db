// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Status and Result<T>: how every fallible liteforge function reports
// failure. The library never throws and never aborts; an error travels up as
// a Status whose message gathers context on the way ("reading model.tflite:
// subgraph 0, op 17 'conv1' (CONV_2D): filter has 3 dims, expected 4").

#pragma once

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace liteforge {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // bad input from the caller or a bad model
  kNotFound,           // a file, tensor, op or signature that is not there
  kUnimplemented,      // valid, but this build cannot do it
  kOutOfRange,         // an index or value past its bounds
  kFailedPrecondition, // called in the wrong state (e.g. invoke before prepare)
  kResourceExhausted,  // memory or size limits
  kDataLoss,           // truncated or corrupt bytes
  kIoError,            // the operating system refused
  kInternal,           // a liteforge bug
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message);

  static Status Ok() { return Status(); }

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  // The full message: contexts outermost first, then the original message.
  const std::string& message() const;

  // Prefixes `context` ("while doing X") to the message; no-op when OK.
  Status& AddContext(std::string_view context) &;
  Status&& AddContext(std::string_view context) &&;

  // "InvalidArgument: <message>" for logs; the CLI prints message() alone.
  std::string ToString() const;

 private:
  struct Rep {
    StatusCode code;
    std::string message;
  };
  // Shared so copying a Status is cheap; never mutated once shared
  // (AddContext copies on write).
  std::shared_ptr<const Rep> rep_;
};

template <typename... Args>
Status InvalidArgument(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kInvalidArgument, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status NotFound(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kNotFound, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status Unimplemented(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kUnimplemented, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status OutOfRange(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kOutOfRange, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status FailedPrecondition(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kFailedPrecondition, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status ResourceExhausted(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kResourceExhausted, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status DataLoss(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kDataLoss, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status IoError(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kIoError, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status Internal(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kInternal, fmt::format(f, std::forward<Args>(args)...));
}

// Result<T>: a value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    if (std::get<Status>(v_).ok()) {
      v_ = Status(StatusCode::kInternal, "Result constructed from an OK status");
    }
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  // Precondition: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace liteforge

#define LF_CONCAT_INNER(a, b) a##b
#define LF_CONCAT(a, b) LF_CONCAT_INNER(a, b)

// Returns from the enclosing function when `expr` yields a non-OK Status.
#define LF_RETURN_IF_ERROR(expr)                      \
  do {                                                \
    ::liteforge::Status lf_status_ = (expr);          \
    if (!lf_status_.ok()) return lf_status_;          \
  } while (0)

// Like LF_RETURN_IF_ERROR, adding a context (a fmt format string and args).
#define LF_RETURN_IF_ERROR_CTX(expr, ...)                                  \
  do {                                                                     \
    ::liteforge::Status lf_status_ = (expr);                               \
    if (!lf_status_.ok())                                                  \
      return std::move(lf_status_).AddContext(fmt::format(__VA_ARGS__));   \
  } while (0)

// `LF_ASSIGN_OR_RETURN(auto x, MaybeX());` declares x from a Result's value
// or returns its Status.
#define LF_ASSIGN_OR_RETURN(lhs, expr) \
  LF_ASSIGN_OR_RETURN_IMPL(LF_CONCAT(lf_result_, __LINE__), lhs, expr)
#define LF_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
