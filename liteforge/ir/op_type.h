// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// OpType: one enumerator per line of ops.def.

#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace liteforge::ir {

enum class OpType : uint16_t {
#define LF_OP(name, tflite_name) k##name,
#include "liteforge/ir/ops.def"
#undef LF_OP
  kNumOpTypes,
};

// The format's name, e.g. "CONV_2D"; users know ops by these names.
std::string_view OpTypeName(OpType type);
std::optional<OpType> ParseOpType(std::string_view tflite_name);

}  // namespace liteforge::ir
