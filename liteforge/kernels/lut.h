// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Lookup tables for quantized elementwise functions, built the way
// TensorFlow Lite builds them, so that table-driven int8/uint8/int16 ops
// (LOGISTIC, TANH, ELU, GELU, EXP, LOG, RSQRT, int16 SOFTMAX) produce
// TFLite's exact integers.
//
// 8-bit tables have 256 entries indexed by the raw byte of the input: a
// uint8 value indexes directly, an int8 value is reinterpreted as uint8
// (so the int8 table is stored 0..127, -128..-1). Each entry is
//   clamp(int(round(f(in_scale * (q - in_zp)) * (1 / out_scale)) + out_zp))
// computed in float (single precision) exactly as TFLite does.
//
// 16-bit tables have 513 entries over the whole int16 input range: the top
// 9 bits of the input pick an entry, the low 7 bits interpolate linearly to
// the next one. Entries are biased so the interpolated midpoint of each
// segment matches the function there. The float type used to build the
// table is a parameter because TFLite builds some tables in double.
//
// Building happens in Prepare; lookups are branch-free per element.

#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace liteforge::kernels {

inline constexpr int kLut8Size = 256;
inline constexpr int kLut16Size = 513;

// Fills `table` (256 entries) for element type T (int8_t or uint8_t) with
// `f` (float -> float).
template <typename T, typename Fn>
void BuildLut8(float in_scale, int32_t in_zero_point, float out_scale, int32_t out_zero_point,
               Fn&& f, T* table) {
  static_assert(std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t>);
  constexpr int32_t kLo = std::numeric_limits<T>::min();
  constexpr int32_t kHi = std::numeric_limits<T>::max();
  const float out_scale_inv = 1.0f / out_scale;
  for (int32_t q = kLo; q <= kHi; ++q) {
    const float x = in_scale * static_cast<float>(q - in_zero_point);
    const float y = static_cast<float>(f(x));
    // Round half away from zero in float, then add the zero point in float
    // and truncate: TFLite's order of operations.
    const float rounded = std::round(y * out_scale_inv);
    const int32_t value = static_cast<int32_t>(rounded + static_cast<float>(out_zero_point));
    const uint8_t slot = static_cast<uint8_t>(static_cast<T>(q));
    table[slot] = static_cast<T>(std::clamp(value, kLo, kHi));
  }
}

// out[i] = table[raw byte of in[i]]; T is int8_t or uint8_t.
template <typename T>
inline void ApplyLut8(const T* in, size_t n, const T* table, T* out) {
  const uint8_t* raw = reinterpret_cast<const uint8_t*>(in);
  for (size_t i = 0; i < n; ++i) out[i] = table[raw[i]];
}

// Fills `table` (513 entries) for int16 input and output with `f`
// (FloatT -> FloatT), computing in FloatT.
template <typename FloatT, typename Fn>
void BuildLut16(FloatT in_scale, int32_t in_zero_point, FloatT out_scale, int32_t out_zero_point,
                Fn&& f, int16_t* table) {
  static_assert(std::is_floating_point_v<FloatT>);
  constexpr int32_t kLo = std::numeric_limits<int16_t>::min();
  constexpr int32_t kHi = std::numeric_limits<int16_t>::max();
  constexpr int kSegments = kLut16Size - 1;
  const FloatT in_lo = in_scale * static_cast<FloatT>(kLo - in_zero_point);
  const FloatT in_hi = in_scale * static_cast<FloatT>(kHi - in_zero_point);
  const FloatT out_lo = out_scale * static_cast<FloatT>(kLo - out_zero_point);
  const FloatT out_hi = out_scale * static_cast<FloatT>(kHi - out_zero_point);
  const FloatT step = (in_hi - in_lo) / static_cast<FloatT>(kSegments);
  const FloatT half_step = step / 2;
  // 65536 output codes span [out_lo, out_hi].
  const FloatT to_codes = static_cast<FloatT>(kHi - kLo + 1) / (out_hi - out_lo);
  const FloatT code_lo = static_cast<FloatT>(kLo);
  const FloatT code_hi = static_cast<FloatT>(kHi);
  auto clamp_code = [&](FloatT v) { return static_cast<int16_t>(std::min(std::max(v, code_lo), code_hi)); };

  for (int i = 0; i < kSegments; ++i) {
    const FloatT start = static_cast<FloatT>(f(in_lo + static_cast<FloatT>(i) * step));
    const FloatT middle = static_cast<FloatT>(f(in_lo + static_cast<FloatT>(i) * step + half_step));
    const FloatT end = static_cast<FloatT>(f(in_lo + static_cast<FloatT>(i + 1) * step));
    const FloatT start_code = std::round(start * to_codes);
    // What interpolation would give at the midpoint versus the true value:
    // half of that error is taken off the entry.
    const FloatT interpolated_middle = std::round((end * to_codes + start_code) / 2);
    const FloatT true_middle = std::round(middle * to_codes);
    const FloatT bias = std::round((interpolated_middle - true_middle) / 2);
    table[i] = clamp_code(start_code - bias);
  }
  table[kSegments] = clamp_code(std::round(static_cast<FloatT>(f(in_hi)) * to_codes));
}

// Interpolated lookup in a 513-entry table.
inline int16_t LookupLut16(int16_t value, const int16_t* table) {
  const int index = 256 + (value >> 7);  // 0..511
  const int32_t fraction = value & 0x7f;
  const int32_t base = table[index];
  // The slope is held in 16 bits (wrapping), as TFLite holds it.
  const int32_t slope = static_cast<int16_t>(table[index + 1] - table[index]);
  const int32_t delta = (slope * fraction + 64) >> 7;
  return static_cast<int16_t>(base + delta);
}

inline void ApplyLut16(const int16_t* in, size_t n, const int16_t* table, int16_t* out) {
  for (size_t i = 0; i < n; ++i) out[i] = LookupLut16(in[i], table);
}

}  // namespace liteforge::kernels
