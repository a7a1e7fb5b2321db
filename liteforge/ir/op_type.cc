// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/ir/op_type.h"

namespace liteforge::ir {
namespace {

constexpr std::string_view kNames[] = {
#define LF_OP(name, tflite_name) #tflite_name,
#include "liteforge/ir/ops.def"
#undef LF_OP
};
static_assert(std::size(kNames) == static_cast<size_t>(OpType::kNumOpTypes));

}  // namespace

std::string_view OpTypeName(OpType type) {
  const auto i = static_cast<size_t>(type);
  return i < std::size(kNames) ? kNames[i] : std::string_view("UNKNOWN");
}

std::optional<OpType> ParseOpType(std::string_view tflite_name) {
  for (size_t i = 0; i < std::size(kNames); ++i) {
    if (kNames[i] == tflite_name) return static_cast<OpType>(i);
  }
  return std::nullopt;
}

}  // namespace liteforge::ir
