// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/format/tflite/custom_options.h"

#include <cmath>
#include <cstring>
#include <limits>

#include <flatbuffers/flexbuffers.h>
#include <fmt/format.h>

namespace liteforge::tflite_format {
namespace {

// Custom options live inside a model file; anything near the flatbuffers
// size limit is certainly not an attribute map (and the verifier asserts
// on buffers that large).
constexpr size_t kMaxOptionsBytes = size_t{1} << 30;

// Reads one element of a typed or untyped vector as a number. Returns false
// for elements that are not numbers (or bools).
bool ReadNumber(const flexbuffers::Reference& r, bool* is_float, int64_t* i, double* d) {
  if (r.IsFloat()) {
    *is_float = true;
    *d = r.AsDouble();
    return true;
  }
  if (r.IsBool()) {
    *is_float = false;
    *i = r.AsBool() ? 1 : 0;
    return true;
  }
  if (r.IsInt()) {
    *is_float = false;
    *i = r.AsInt64();
    return true;
  }
  if (r.IsUInt()) {
    const uint64_t u = r.AsUInt64();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
    *is_float = false;
    *i = static_cast<int64_t>(u);
    return true;
  }
  return false;
}

// Collects the elements of any kind of vector as int64 or double values.
// Returns false when an element is not numeric.
template <typename VectorT>
bool ReadNumbers(const VectorT& vec, size_t size, std::vector<int64_t>* ints,
                 std::vector<double>* floats, bool* any_float) {
  ints->clear();
  floats->clear();
  *any_float = false;
  for (size_t k = 0; k < size; ++k) {
    bool is_float = false;
    int64_t i = 0;
    double d = 0;
    if (!ReadNumber(vec[k], &is_float, &i, &d)) return false;
    if (is_float) *any_float = true;
    ints->push_back(is_float ? 0 : i);
    floats->push_back(is_float ? d : static_cast<double>(i));
  }
  return true;
}

// Reads a key (a NUL-terminated string stored by reference). The
// FlexBuffers verifier in the flatbuffers version we build against does not
// make sure the terminating NUL lies inside the buffer, so it is searched
// for here, within bounds; nullopt when there is none.
std::optional<std::string> BoundedKey(const flexbuffers::Reference& r,
                                      std::span<const uint8_t> bytes) {
  const char* key = r.AsKey();
  const char* begin = reinterpret_cast<const char*>(bytes.data());
  const char* end = begin + bytes.size();
  if (key < begin || key >= end) return std::nullopt;
  const void* nul = std::memchr(key, 0, static_cast<size_t>(end - key));
  if (nul == nullptr) return std::nullopt;
  return std::string(key, static_cast<const char*>(nul));
}

}  // namespace

Result<FlexMap> FlexMap::Parse(std::span<const uint8_t> bytes) {
  FlexMap map;
  if (bytes.empty()) return map;
  if (bytes.size() >= kMaxOptionsBytes) {
    return InvalidArgument("custom options are {} bytes, too large for an attribute map",
                           bytes.size());
  }
  if (!flexbuffers::VerifyBuffer(bytes.data(), bytes.size())) {
    return InvalidArgument("custom options ({} bytes) are not a valid FlexBuffer", bytes.size());
  }
  const flexbuffers::Reference root = flexbuffers::GetRoot(bytes.data(), bytes.size());
  if (!root.IsMap()) {
    return InvalidArgument("custom options are a FlexBuffer, but its root is not a map");
  }
  const flexbuffers::Map m = root.AsMap();
  const flexbuffers::TypedVector keys = m.Keys();
  const flexbuffers::Vector values = m.Values();
  if (keys.size() != values.size()) {
    return InvalidArgument("custom options map has {} keys but {} values", keys.size(),
                           values.size());
  }
  std::vector<int64_t> ints;
  std::vector<double> floats;
  for (size_t k = 0; k < keys.size(); ++k) {
    const flexbuffers::Reference key_ref = keys[k];
    if (!key_ref.IsKey()) {
      return InvalidArgument("custom options map key {} is not a key", k);
    }
    std::optional<std::string> bounded_key = BoundedKey(key_ref, bytes);
    if (!bounded_key) {
      return InvalidArgument("custom options map key {} is not terminated inside the buffer", k);
    }
    std::string key = std::move(*bounded_key);
    const flexbuffers::Reference v = values[k];
    Value value;
    if (v.IsNull()) {
      value = Null{};
    } else if (v.IsBool()) {
      value = v.AsBool();
    } else if (v.IsInt()) {
      value = v.AsInt64();
    } else if (v.IsUInt()) {
      value = v.AsUInt64();
    } else if (v.IsFloat()) {
      value = v.AsDouble();
    } else if (v.IsString() || v.IsKey()) {
      // AsString() on a key measures it with strlen, so keys take the
      // bounded path and only true strings (which carry a size) use it.
      if (v.IsString()) {
        const flexbuffers::String s = v.AsString();
        value = std::string(s.c_str(), s.size());
      } else if (std::optional<std::string> text = BoundedKey(v, bytes)) {
        value = std::move(*text);
      } else {
        return InvalidArgument("custom options value '{}' is a key not terminated inside the buffer", key);
      }
    } else if (v.IsBlob()) {
      const flexbuffers::Blob b = v.AsBlob();
      value = Bytes{std::vector<uint8_t>(b.data(), b.data() + b.size())};
    } else if (v.IsMap()) {
      value = Unsupported{"map"};
    } else if (v.IsTypedVector() || v.IsFixedTypedVector() || v.IsUntypedVector()) {
      bool any_float = false;
      bool numeric = false;
      if (v.IsTypedVector()) {
        const flexbuffers::TypedVector tv = v.AsTypedVector();
        numeric = ReadNumbers(tv, tv.size(), &ints, &floats, &any_float);
      } else if (v.IsFixedTypedVector()) {
        const flexbuffers::FixedTypedVector fv = v.AsFixedTypedVector();
        numeric = ReadNumbers(fv, fv.size(), &ints, &floats, &any_float);
      } else {
        const flexbuffers::Vector uv = v.AsVector();
        numeric = ReadNumbers(uv, uv.size(), &ints, &floats, &any_float);
      }
      if (!numeric) {
        value = Unsupported{"vector of non-numbers"};
      } else if (any_float) {
        value = FloatVec{floats};
      } else {
        value = IntVec{ints};
      }
    } else {
      value = Unsupported{fmt::format("FlexBuffer type {}", static_cast<int>(v.GetType()))};
    }
    map.values_.insert_or_assign(std::move(key), std::move(value));
  }
  return map;
}

const FlexMap::Value* FlexMap::Find(std::string_view key) const {
  const auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

std::optional<FlexMap::Kind> FlexMap::KindOf(std::string_view key) const {
  const Value* v = Find(key);
  if (v == nullptr) return std::nullopt;
  switch (v->index()) {
    case 0: return Kind::kNull;
    case 1: return Kind::kBool;
    case 2: return Kind::kInt;
    case 3: return Kind::kUInt;
    case 4: return Kind::kFloat;
    case 5: return Kind::kString;
    case 6: return Kind::kIntVector;
    case 7: return Kind::kFloatVector;
    case 8: return Kind::kBlob;
    default: return Kind::kUnsupported;
  }
}

std::vector<std::string> FlexMap::Keys() const {
  std::vector<std::string> keys;
  keys.reserve(values_.size());
  for (const auto& [k, v] : values_) keys.push_back(k);
  return keys;
}

std::optional<int64_t> FlexMap::Int(std::string_view key) const {
  const Value* v = Find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* i = std::get_if<int64_t>(v)) return *i;
  if (const auto* u = std::get_if<uint64_t>(v)) {
    if (*u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return static_cast<int64_t>(*u);
  }
  if (const auto* b = std::get_if<bool>(v)) return *b ? 1 : 0;
  return std::nullopt;
}

std::optional<uint64_t> FlexMap::UInt(std::string_view key) const {
  const Value* v = Find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* u = std::get_if<uint64_t>(v)) return *u;
  if (const auto* i = std::get_if<int64_t>(v)) {
    if (*i < 0) return std::nullopt;
    return static_cast<uint64_t>(*i);
  }
  if (const auto* b = std::get_if<bool>(v)) return *b ? 1u : 0u;
  return std::nullopt;
}

std::optional<double> FlexMap::Float(std::string_view key) const {
  const Value* v = Find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* d = std::get_if<double>(v)) return *d;
  if (const auto* i = std::get_if<int64_t>(v)) return static_cast<double>(*i);
  if (const auto* u = std::get_if<uint64_t>(v)) return static_cast<double>(*u);
  return std::nullopt;
}

std::optional<bool> FlexMap::Bool(std::string_view key) const {
  const Value* v = Find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* b = std::get_if<bool>(v)) return *b;
  if (const auto* i = std::get_if<int64_t>(v)) return *i != 0;
  if (const auto* u = std::get_if<uint64_t>(v)) return *u != 0;
  return std::nullopt;
}

std::optional<std::string> FlexMap::String(std::string_view key) const {
  const Value* v = Find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  return std::nullopt;
}

std::optional<std::vector<int64_t>> FlexMap::IntVector(std::string_view key) const {
  const Value* v = Find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* iv = std::get_if<IntVec>(v)) return iv->v;
  return std::nullopt;
}

std::optional<std::vector<double>> FlexMap::FloatVector(std::string_view key) const {
  const Value* v = Find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* fv = std::get_if<FloatVec>(v)) return fv->v;
  if (const auto* iv = std::get_if<IntVec>(v)) {
    return std::vector<double>(iv->v.begin(), iv->v.end());
  }
  return std::nullopt;
}

std::optional<std::vector<uint8_t>> FlexMap::Blob(std::string_view key) const {
  const Value* v = Find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* b = std::get_if<Bytes>(v)) return b->v;
  return std::nullopt;
}

std::string_view FlexMap::KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "bool";
    case Kind::kInt: return "int";
    case Kind::kUInt: return "uint";
    case Kind::kFloat: return "float";
    case Kind::kString: return "string";
    case Kind::kIntVector: return "int vector";
    case Kind::kFloatVector: return "float vector";
    case Kind::kBlob: return "blob";
    case Kind::kUnsupported: return "unsupported";
  }
  return "unknown";
}

std::string FlexMap::ToString() const {
  std::string out;
  for (const auto& [key, value] : values_) {
    if (!out.empty()) out += ' ';
    out += key;
    out += '=';
    std::visit(
        [&out](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, Null>) {
            out += "null";
          } else if constexpr (std::is_same_v<T, bool>) {
            out += x ? "true" : "false";
          } else if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, uint64_t>) {
            out += fmt::format("{}", x);
          } else if constexpr (std::is_same_v<T, double>) {
            out += fmt::format("{:g}", x);
          } else if constexpr (std::is_same_v<T, std::string>) {
            out += fmt::format("\"{}\"", x);
          } else if constexpr (std::is_same_v<T, IntVec> || std::is_same_v<T, FloatVec>) {
            out += '[';
            for (size_t i = 0; i < x.v.size(); ++i) {
              if (i > 0) out += ',';
              out += fmt::format("{}", x.v[i]);
            }
            out += ']';
          } else if constexpr (std::is_same_v<T, Bytes>) {
            out += fmt::format("<{} bytes>", x.v.size());
          } else {
            out += fmt::format("<{}>", x.what);
          }
        },
        value);
  }
  return out;
}

}  // namespace liteforge::tflite_format
