// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// FlexMap: the attributes of a custom op, read from the FlexBuffer map that
// TFLite custom ops (TFLite_Detection_PostProcess and most others) keep in
// Operator.custom_options. The bytes come from a model file and are
// untrusted: Parse verifies them before reading anything, and copies every
// value out, so a FlexMap owns its data and does not depend on the bytes.
//
// This header is flatbuffers-free so the ops layer can use it; only
// custom_options.cc includes <flatbuffers/flexbuffers.h>.
//
//   LF_ASSIGN_OR_RETURN(FlexMap m, FlexMap::Parse(op.custom_options));
//   std::optional<int64_t> n = m.Int("max_detections");

#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "liteforge/base/status.h"

namespace liteforge::tflite_format {

class FlexMap {
 public:
  // One value of the map. Scalars keep their FlexBuffer kind; vectors of
  // numbers are widened to int64 or double; nested maps and vectors of
  // mixed or non-numeric elements are kept only as kUnsupported (the key
  // stays visible so errors can name it).
  enum class Kind : uint8_t {
    kNull,
    kBool,
    kInt,
    kUInt,
    kFloat,
    kString,
    kIntVector,
    kFloatVector,
    kBlob,
    kUnsupported,
  };

  FlexMap() = default;

  // Verifies `bytes` as a FlexBuffer whose root is a map and reads it. An
  // empty span is an empty map (ops without attributes have no bytes).
  static Result<FlexMap> Parse(std::span<const uint8_t> bytes);

  bool Has(std::string_view key) const { return Find(key) != nullptr; }
  // Kind of the value under `key`, or nullopt when absent.
  std::optional<Kind> KindOf(std::string_view key) const;
  // Keys in sorted order (FlexBuffer maps are sorted by key).
  std::vector<std::string> Keys() const;
  size_t size() const { return values_.size(); }

  // Typed reads. Each returns nullopt when the key is absent or holds a
  // value of another kind; the conversions allowed are the lossless ones:
  //   Int:   int, uint (<= INT64_MAX), bool
  //   UInt:  uint, int (>= 0), bool
  //   Float: float, int, uint
  //   Bool:  bool, int and uint (non-zero is true)
  // A null value reads as absent.
  std::optional<int64_t> Int(std::string_view key) const;
  std::optional<uint64_t> UInt(std::string_view key) const;
  std::optional<double> Float(std::string_view key) const;
  std::optional<bool> Bool(std::string_view key) const;
  std::optional<std::string> String(std::string_view key) const;
  std::optional<std::vector<int64_t>> IntVector(std::string_view key) const;
  // Float vectors; integer vectors are converted.
  std::optional<std::vector<double>> FloatVector(std::string_view key) const;
  std::optional<std::vector<uint8_t>> Blob(std::string_view key) const;

  // "max_detections=10 nms_iou_threshold=0.6 ..." for dumps and errors.
  std::string ToString() const;

  // Name of a kind ("int", "float vector", ...) for error messages.
  static std::string_view KindName(Kind kind);

 private:
  struct IntVec {
    std::vector<int64_t> v;
  };
  struct FloatVec {
    std::vector<double> v;
  };
  struct Bytes {
    std::vector<uint8_t> v;
  };
  struct Unsupported {
    std::string what;
  };
  struct Null {};
  using Value = std::variant<Null, bool, int64_t, uint64_t, double, std::string, IntVec, FloatVec,
                             Bytes, Unsupported>;

  const Value* Find(std::string_view key) const;

  std::map<std::string, Value, std::less<>> values_;
};

}  // namespace liteforge::tflite_format
