// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/tensor/npy.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

#include "liteforge/base/mapped_file.h"

namespace liteforge {
namespace {

constexpr char kMagic[] = "\x93NUMPY";

struct DescrEntry {
  std::string_view code;  // kind + size, without the byte-order mark
  DType dtype;
};
constexpr DescrEntry kDescr[] = {
    {"f4", DType::kFloat32}, {"f2", DType::kFloat16}, {"f8", DType::kFloat64},
    {"i1", DType::kInt8},    {"u1", DType::kUInt8},   {"i2", DType::kInt16},
    {"u2", DType::kUInt16},  {"i4", DType::kInt32},   {"u4", DType::kUInt32},
    {"i8", DType::kInt64},   {"u8", DType::kUInt64},  {"b1", DType::kBool},
    {"c8", DType::kComplex64}, {"c16", DType::kComplex128},
};

// Finds the value text after `'key':` in the header dict.
bool FindValue(std::string_view header, std::string_view key, std::string_view* value) {
  const std::string quoted = "'" + std::string(key) + "'";
  size_t pos = header.find(quoted);
  if (pos == std::string_view::npos) return false;
  pos = header.find(':', pos + quoted.size());
  if (pos == std::string_view::npos) return false;
  ++pos;
  while (pos < header.size() && header[pos] == ' ') ++pos;
  *value = header.substr(pos);
  return true;
}

Status ParseHeader(std::string_view header, const std::string& origin, DType* dtype,
                   bool* big_endian, bool* fortran, Shape* shape) {
  std::string_view v;
  if (!FindValue(header, "descr", &v) || v.empty() || (v[0] != '\'' && v[0] != '"')) {
    return InvalidArgument("'{}': .npy header has no 'descr'", origin);
  }
  const char quote = v[0];
  const size_t end = v.find(quote, 1);
  if (end == std::string_view::npos) return InvalidArgument("'{}': bad 'descr' in .npy header", origin);
  std::string_view descr = v.substr(1, end - 1);
  *big_endian = false;
  if (!descr.empty() && (descr[0] == '<' || descr[0] == '>' || descr[0] == '|' || descr[0] == '=')) {
    *big_endian = descr[0] == '>';
    descr.remove_prefix(1);
  }
  bool found = false;
  for (const auto& e : kDescr) {
    if (e.code == descr) {
      *dtype = e.dtype;
      found = true;
    }
  }
  if (!found) {
    return Unimplemented("'{}': .npy element type '{}' is not supported", origin, descr);
  }

  if (!FindValue(header, "fortran_order", &v)) {
    return InvalidArgument("'{}': .npy header has no 'fortran_order'", origin);
  }
  *fortran = v.substr(0, 4) == "True";

  if (!FindValue(header, "shape", &v) || v.empty() || v[0] != '(') {
    return InvalidArgument("'{}': .npy header has no 'shape'", origin);
  }
  const size_t close = v.find(')');
  if (close == std::string_view::npos) return InvalidArgument("'{}': bad 'shape' in .npy header", origin);
  std::string_view dims = v.substr(1, close - 1);
  std::vector<int32_t> out;
  size_t i = 0;
  while (i < dims.size()) {
    while (i < dims.size() && (dims[i] == ' ' || dims[i] == ',')) ++i;
    if (i >= dims.size()) break;
    if (!std::isdigit(static_cast<unsigned char>(dims[i]))) {
      return InvalidArgument("'{}': bad 'shape' in .npy header", origin);
    }
    int64_t d = 0;
    while (i < dims.size() && std::isdigit(static_cast<unsigned char>(dims[i]))) {
      d = d * 10 + (dims[i] - '0');
      if (d > 0x7fffffff) return InvalidArgument("'{}': .npy dimension too large", origin);
      ++i;
    }
    out.push_back(static_cast<int32_t>(d));
  }
  *shape = Shape(std::move(out));
  return Status::Ok();
}

// Reorders Fortran-order (first dim fastest) data into C order.
std::vector<uint8_t> FortranToC(const std::vector<uint8_t>& src, const Shape& shape, size_t elem) {
  std::vector<uint8_t> dst(src.size());
  const int rank = shape.rank();
  const int64_t n = shape.NumElements();
  std::vector<int64_t> fstride(static_cast<size_t>(rank), 1);
  for (int d = 1; d < rank; ++d) fstride[d] = fstride[d - 1] * shape.dim(d - 1);
  std::vector<int32_t> idx(static_cast<size_t>(rank), 0);
  for (int64_t c = 0; c < n; ++c) {
    int64_t f = 0;
    for (int d = 0; d < rank; ++d) f += idx[d] * fstride[d];
    std::memcpy(&dst[static_cast<size_t>(c) * elem], &src[static_cast<size_t>(f) * elem], elem);
    for (int d = rank - 1; d >= 0; --d) {
      if (++idx[d] < shape.dim(d)) break;
      idx[d] = 0;
    }
  }
  return dst;
}

}  // namespace

Result<NpyArray> ParseNpy(std::span<const uint8_t> bytes, const std::string& origin) {
  if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, 6) != 0) {
    return InvalidArgument("'{}' is not a .npy file (bad magic)", origin);
  }
  const uint8_t major = bytes[6];
  size_t header_len = 0, header_start = 0;
  if (major == 1) {
    header_len = bytes[8] | (bytes[9] << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) return InvalidArgument("'{}': truncated .npy header", origin);
    header_len = static_cast<size_t>(bytes[8]) | (static_cast<size_t>(bytes[9]) << 8) |
                 (static_cast<size_t>(bytes[10]) << 16) | (static_cast<size_t>(bytes[11]) << 24);
    header_start = 12;
  } else {
    return Unimplemented("'{}': .npy format version {} is not supported", origin, major);
  }
  if (header_len > bytes.size() - header_start) {
    return InvalidArgument("'{}': truncated .npy header", origin);
  }
  std::string_view header(reinterpret_cast<const char*>(bytes.data() + header_start), header_len);
  NpyArray arr;
  bool big_endian = false, fortran = false;
  LF_RETURN_IF_ERROR(ParseHeader(header, origin, &arr.dtype, &big_endian, &fortran, &arr.shape));
  const auto count = arr.shape.CheckedNumElements();
  const auto nbytes = count ? DTypeBytes(arr.dtype, *count) : std::nullopt;
  if (!nbytes) return InvalidArgument("'{}': .npy shape {} is too large", origin, arr.shape.ToString());
  const size_t data_start = header_start + header_len;
  if (bytes.size() - data_start < *nbytes) {
    return InvalidArgument("'{}': .npy data is truncated: shape {} of {} needs {} bytes, file has {}",
                           origin, arr.shape.ToString(), DTypeName(arr.dtype), *nbytes,
                           bytes.size() - data_start);
  }
  arr.data.assign(bytes.begin() + static_cast<ptrdiff_t>(data_start),
                  bytes.begin() + static_cast<ptrdiff_t>(data_start + *nbytes));
  size_t elem = DTypeSize(arr.dtype);
  if (big_endian && elem > 1) {
    // Complex numbers swap each component separately.
    const size_t unit = (arr.dtype == DType::kComplex64 || arr.dtype == DType::kComplex128) ? elem / 2 : elem;
    for (size_t off = 0; off + unit <= arr.data.size(); off += unit) {
      std::reverse(arr.data.begin() + static_cast<ptrdiff_t>(off),
                   arr.data.begin() + static_cast<ptrdiff_t>(off + unit));
    }
  }
  if (fortran && arr.shape.rank() > 1) arr.data = FortranToC(arr.data, arr.shape, elem);
  return arr;
}

Result<NpyArray> ReadNpy(const std::string& path) {
  LF_ASSIGN_OR_RETURN(auto bytes, ReadFileBytes(path));
  return ParseNpy(bytes, path);
}

std::vector<uint8_t> SerializeNpy(DType dtype, const Shape& shape, std::span<const uint8_t> data) {
  std::string descr;
  for (const auto& e : kDescr) {
    if (e.dtype == dtype) descr = std::string(DTypeSize(dtype) == 1 ? "|" : "<") + std::string(e.code);
  }
  std::string dims;
  for (int i = 0; i < shape.rank(); ++i) {
    dims += std::to_string(shape.dim(i));
    if (shape.rank() == 1 || i + 1 < shape.rank()) dims += ",";
    if (i + 1 < shape.rank()) dims += " ";
  }
  std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
  // Pad so the data starts on a 64-byte boundary; the header ends in '\n'.
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::vector<uint8_t> out;
  out.reserve(10 + header.size() + data.size());
  out.insert(out.end(), kMagic, kMagic + 6);
  out.push_back(1);
  out.push_back(0);
  out.push_back(static_cast<uint8_t>(header.size() & 0xff));
  out.push_back(static_cast<uint8_t>(header.size() >> 8));
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

Status WriteNpy(const std::string& path, DType dtype, const Shape& shape,
                std::span<const uint8_t> data) {
  bool known = false;
  for (const auto& e : kDescr) known |= e.dtype == dtype;
  if (!known) return Unimplemented("cannot write {} tensors to .npy ('{}')", DTypeName(dtype), path);
  return WriteFileBytes(path, SerializeNpy(dtype, shape, data));
}

}  // namespace liteforge
