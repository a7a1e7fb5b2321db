// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/tensor/dtype.h"

#include <limits>

namespace liteforge {
namespace {

struct DTypeInfo {
  DType type;
  std::string_view name;
  size_t size;
};

constexpr DTypeInfo kInfo[] = {
    {DType::kFloat32, "float32", 4},  {DType::kFloat16, "float16", 2},
    {DType::kInt32, "int32", 4},      {DType::kUInt8, "uint8", 1},
    {DType::kInt64, "int64", 8},      {DType::kString, "string", 0},
    {DType::kBool, "bool", 1},        {DType::kInt16, "int16", 2},
    {DType::kComplex64, "complex64", 8}, {DType::kInt8, "int8", 1},
    {DType::kFloat64, "float64", 8},  {DType::kComplex128, "complex128", 16},
    {DType::kUInt64, "uint64", 8},    {DType::kResource, "resource", 0},
    {DType::kVariant, "variant", 0},  {DType::kUInt32, "uint32", 4},
    {DType::kUInt16, "uint16", 2},    {DType::kInt4, "int4", 0},
    {DType::kBFloat16, "bfloat16", 2},
};

const DTypeInfo* Find(DType t) {
  for (const auto& info : kInfo) {
    if (info.type == t) return &info;
  }
  return nullptr;
}

}  // namespace

std::string_view DTypeName(DType t) {
  const DTypeInfo* info = Find(t);
  return info ? info->name : "unknown";
}

std::optional<DType> ParseDType(std::string_view name) {
  for (const auto& info : kInfo) {
    if (info.name == name) return info.type;
  }
  return std::nullopt;
}

size_t DTypeSize(DType t) {
  const DTypeInfo* info = Find(t);
  return info ? info->size : 0;
}

std::optional<size_t> DTypeBytes(DType t, int64_t count) {
  if (count < 0) return std::nullopt;
  if (t == DType::kInt4) return static_cast<size_t>((count + 1) / 2);
  const size_t size = DTypeSize(t);
  if (size == 0) return std::nullopt;
  if (static_cast<uint64_t>(count) > std::numeric_limits<size_t>::max() / size) return std::nullopt;
  return static_cast<size_t>(count) * size;
}

}  // namespace liteforge
