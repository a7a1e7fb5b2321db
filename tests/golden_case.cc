// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "tests/golden_case.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "liteforge/base/float16.h"

namespace liteforge::testing {

namespace fs = std::filesystem;

std::string TestdataDir() {
  if (const char* env = std::getenv("LITEFORGE_TESTDATA")) {
    if (fs::is_directory(env)) return env;
  }
#ifdef LITEFORGE_TESTDATA_DIR
  if (fs::is_directory(LITEFORGE_TESTDATA_DIR)) return fs::canonical(LITEFORGE_TESTDATA_DIR).string();
#endif
  return "";
}

std::vector<std::string> GoldenCaseNames() {
  std::vector<std::string> names;
  const std::string root = TestdataDir();
  if (root.empty() || !fs::is_directory(root + "/golden")) return names;
  for (const auto& entry : fs::directory_iterator(root + "/golden")) {
    if (entry.is_directory() && fs::exists(entry.path() / "meta.json")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<GoldenCase> LoadGoldenCase(const std::string& name) {
  const std::string root = TestdataDir();
  const std::string dir = root + "/golden/" + name;
  std::ifstream in(dir + "/meta.json");
  if (!in) return NotFound("no meta.json in {}", dir);
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    return InvalidArgument("{}/meta.json: {}", dir, e.what());
  }
  GoldenCase c;
  c.name = name;
  c.model_path = root + "/models/" + meta["model"].get<std::string>();
  for (size_t i = 0; i < meta["inputs"].size(); ++i) {
    const std::string path = fmt::format("{}/in{}.npy", dir, i);
    LF_ASSIGN_OR_RETURN(NpyArray a, ReadNpy(path));
    c.input_paths.push_back(path);
    c.inputs.push_back(std::move(a));
  }
  for (size_t i = 0; i < meta["outputs"].size(); ++i) {
    GoldenOutput g;
    g.name = meta["outputs"][i].value("name", "");
    g.tolerance = meta["outputs"][i].value("tolerance", 0.0);
    LF_ASSIGN_OR_RETURN(g.expected, ReadNpy(fmt::format("{}/out{}.npy", dir, i)));
    c.outputs.push_back(std::move(g));
  }
  return c;
}

namespace {

double ValueAt(DType dtype, const uint8_t* data, int64_t i) {
  switch (dtype) {
    case DType::kFloat32: { float v; std::memcpy(&v, data + i * 4, 4); return v; }
    case DType::kFloat64: { double v; std::memcpy(&v, data + i * 8, 8); return v; }
    case DType::kFloat16: { uint16_t v; std::memcpy(&v, data + i * 2, 2); return HalfToFloat(v); }
    case DType::kInt8: return static_cast<int8_t>(data[i]);
    case DType::kUInt8: return data[i];
    case DType::kBool: return data[i] != 0;
    case DType::kInt16: { int16_t v; std::memcpy(&v, data + i * 2, 2); return v; }
    case DType::kUInt16: { uint16_t v; std::memcpy(&v, data + i * 2, 2); return v; }
    case DType::kInt32: { int32_t v; std::memcpy(&v, data + i * 4, 4); return v; }
    case DType::kUInt32: { uint32_t v; std::memcpy(&v, data + i * 4, 4); return v; }
    case DType::kInt64: { int64_t v; std::memcpy(&v, data + i * 8, 8); return static_cast<double>(v); }
    default: return 0;
  }
}

}  // namespace

Comparison CompareToGolden(const GoldenOutput& golden, DType dtype, const Shape& shape,
                           std::span<const uint8_t> data) {
  Comparison c;
  const NpyArray& e = golden.expected;
  if (dtype != e.dtype || shape.NumElements() != e.shape.NumElements()) {
    c.within_tolerance = c.bit_exact = false;
    c.detail = fmt::format("got {} {}, expected {} {}", DTypeName(dtype), shape.ToString(),
                           DTypeName(e.dtype), e.shape.ToString());
    return c;
  }
  const int64_t n = shape.NumElements();
  for (int64_t i = 0; i < n; ++i) {
    const double a = ValueAt(dtype, data.data(), i);
    const double b = ValueAt(e.dtype, e.data.data(), i);
    const double diff = (std::isnan(a) || std::isnan(b)) ? (std::isnan(a) && std::isnan(b) ? 0 : INFINITY)
                                                         : std::fabs(a - b);
    if (diff > 0) {
      ++c.mismatched;
      c.bit_exact = false;
    }
    if (diff > c.max_abs_diff) c.max_abs_diff = diff;
    if (diff > golden.tolerance && c.within_tolerance) {
      c.within_tolerance = false;
      c.detail = fmt::format("element {}: got {}, expected {} (|diff| {} > tolerance {})", i, a, b,
                             diff, golden.tolerance);
    }
  }
  return c;
}

}  // namespace liteforge::testing
