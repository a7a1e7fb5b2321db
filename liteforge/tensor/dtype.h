// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Element types. The list mirrors what the .tflite format can describe so a
// model can always be represented, even where no kernel handles the type.

#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace liteforge {

enum class DType : uint8_t {
  kFloat32,
  kFloat16,
  kInt32,
  kUInt8,
  kInt64,
  kString,
  kBool,
  kInt16,
  kComplex64,
  kInt8,
  kFloat64,
  kComplex128,
  kUInt64,
  kResource,
  kVariant,
  kUInt32,
  kUInt16,
  kInt4,
  kBFloat16,
};

// "float32", "int8", ... (numpy-style names, also used in text dumps).
std::string_view DTypeName(DType t);
std::optional<DType> ParseDType(std::string_view name);

// Bytes per element; 0 for types without a fixed element size (string,
// resource, variant) and for int4, which packs two elements per byte.
size_t DTypeSize(DType t);

// Bytes needed for `count` elements, or nullopt when the type has no fixed
// layout or the count overflows.
std::optional<size_t> DTypeBytes(DType t, int64_t count);

inline bool IsFloat(DType t) {
  return t == DType::kFloat32 || t == DType::kFloat16 || t == DType::kFloat64 ||
         t == DType::kBFloat16;
}
inline bool IsInteger(DType t) {
  switch (t) {
    case DType::kInt8: case DType::kUInt8: case DType::kInt16: case DType::kUInt16:
    case DType::kInt32: case DType::kUInt32: case DType::kInt64: case DType::kUInt64:
    case DType::kInt4:
      return true;
    default:
      return false;
  }
}

// Maps a C++ element type to its DType.
template <typename T> struct DTypeOf;
template <> struct DTypeOf<float> { static constexpr DType value = DType::kFloat32; };
template <> struct DTypeOf<double> { static constexpr DType value = DType::kFloat64; };
template <> struct DTypeOf<int8_t> { static constexpr DType value = DType::kInt8; };
template <> struct DTypeOf<uint8_t> { static constexpr DType value = DType::kUInt8; };
template <> struct DTypeOf<int16_t> { static constexpr DType value = DType::kInt16; };
template <> struct DTypeOf<uint16_t> { static constexpr DType value = DType::kUInt16; };
template <> struct DTypeOf<int32_t> { static constexpr DType value = DType::kInt32; };
template <> struct DTypeOf<uint32_t> { static constexpr DType value = DType::kUInt32; };
template <> struct DTypeOf<int64_t> { static constexpr DType value = DType::kInt64; };
template <> struct DTypeOf<uint64_t> { static constexpr DType value = DType::kUInt64; };
template <> struct DTypeOf<bool> { static constexpr DType value = DType::kBool; };

}  // namespace liteforge
