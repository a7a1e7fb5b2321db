// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON per-tensor QUANTIZE (float32 -> int8 / uint8, and 8-bit -> 8-bit
// requantization) and DEQUANTIZE (int8 / uint8 -> float32), 8 elements per
// step; a tail of fewer than 8 is
// copied into a small buffer, run through the same step and copied back.
// Why each is bit-exact with the reference: quantize_variants.h.
//
// QUANTIZE divides in double (2 lanes per register) and rounds with FRINTA,
// which is std::round (nearest, ties away from zero). ARM's conversion to
// an integer saturates and turns NaN into 0, where the reference follows
// x86 (INT32_MIN for NaN and anything outside int32), so out-of-range
// lanes are replaced by INT32_MIN explicitly.

#include <arm_neon.h>

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "liteforge/kernels/quantize/quantize_variants.h"
#include "liteforge/kernels/requantize/arm_neon_requantize.h"
#include "liteforge/kernels/requantize/shift_split.h"

namespace liteforge::kernels {
namespace {

constexpr size_t kLanes = 8;

// round(x / scale) as int32 for 2 floats, with x86's out-of-range value.
inline int32x2_t QuantizePair(float32x2_t x, float64x2_t scale) {
  const float64x2_t q = vrndaq_f64(vdivq_f64(vcvt_f64_f32(x), scale));
  // NaN fails both comparisons.
  const uint64x2_t in_range = vandq_u64(vcgtq_f64(q, vdupq_n_f64(-2147483649.0)),
                                        vcltq_f64(q, vdupq_n_f64(2147483648.0)));
  const int64x2_t v = vbslq_s64(in_range, vcvtq_s64_f64(q), vdupq_n_s64(INT32_MIN));
  return vmovn_s64(v);
}

inline int32x4_t QuantizeQuad(float32x4_t x, float64x2_t scale) {
  return vcombine_s32(QuantizePair(vget_low_f32(x), scale), QuantizePair(vget_high_f32(x), scale));
}

template <typename T>
void QuantizeGroup(const float* in, float64x2_t s, int32x4_t zp, T* out) {
  constexpr int32_t kLo = std::is_signed_v<T> ? -128 : 0;
  constexpr int32_t kHi = std::is_signed_v<T> ? 127 : 255;
  const int32x4_t lo = vdupq_n_s32(kLo);
  const int32x4_t hi = vdupq_n_s32(kHi);
  // Wrapping add of the zero point, as the reference's WrappingAdd32.
  int32x4_t a = vaddq_s32(QuantizeQuad(vld1q_f32(in), s), zp);
  int32x4_t b = vaddq_s32(QuantizeQuad(vld1q_f32(in + 4), s), zp);
  a = vminq_s32(vmaxq_s32(a, lo), hi);
  b = vminq_s32(vmaxq_s32(b, lo), hi);
  // Clamped to the byte range: narrowing keeps the value.
  const int8x8_t bytes = vmovn_s16(vcombine_s16(vmovn_s32(a), vmovn_s32(b)));
  vst1_s8(reinterpret_cast<int8_t*>(out), bytes);
}

template <typename T>
void Quantize(const float* in, size_t n, float scale, int32_t zero_point, T* out) {
  const float64x2_t s = vdupq_n_f64(static_cast<double>(scale));
  const int32x4_t zp = vdupq_n_s32(zero_point);
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) QuantizeGroup(in + i, s, zp, out + i);
  if (i == n) return;
  float in_tail[kLanes] = {};
  T out_tail[kLanes];
  std::memcpy(in_tail, in + i, (n - i) * sizeof(float));
  QuantizeGroup(in_tail, s, zp, out_tail);
  std::memcpy(out + i, out_tail, (n - i) * sizeof(T));
}

inline int16x8_t Widen(const int8_t* in) { return vmovl_s8(vld1_s8(in)); }
inline int16x8_t Widen(const uint8_t* in) { return vreinterpretq_s16_u16(vmovl_u8(vld1_u8(in))); }

template <typename T>
void DequantizeGroup(const T* in, float32x4_t s, int32x4_t zp, float* out) {
  const int16x8_t q = Widen(in);
  const int32x4_t lo = vsubq_s32(vmovl_s16(vget_low_s16(q)), zp);
  const int32x4_t hi = vsubq_s32(vmovl_s16(vget_high_s16(q)), zp);
  vst1q_f32(out, vmulq_f32(s, vcvtq_f32_s32(lo)));
  vst1q_f32(out + 4, vmulq_f32(s, vcvtq_f32_s32(hi)));
}

template <typename T>
void Dequantize(const T* in, size_t n, float scale, int32_t zero_point, float* out) {
  const float32x4_t s = vdupq_n_f32(scale);
  const int32x4_t zp = vdupq_n_s32(zero_point);
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) DequantizeGroup(in + i, s, zp, out + i);
  if (i == n) return;
  T in_tail[kLanes] = {};
  float out_tail[kLanes];
  std::memcpy(in_tail, in + i, (n - i) * sizeof(T));
  DequantizeGroup(in_tail, s, zp, out_tail);
  std::memcpy(out + i, out_tail, (n - i) * sizeof(float));
}

// 8 bytes: (x - input zero point) scaled by the multiplier with the
// reference's rounding (ties away from zero), plus the output zero point,
// clamped to the output type's range.
template <typename In, typename Out>
void Requantize8Group(const In* in, int32x4_t in_zp, int32x4_t multiplier, int32x4_t left,
                      int32x4_t negated_right, int32x4_t out_zp, Out* out) {
  const int16x8_t q = Widen(in);
  const int32x4_t lo = vdupq_n_s32(std::is_signed_v<Out> ? -128 : 0);
  const int32x4_t hi = vdupq_n_s32(std::is_signed_v<Out> ? 127 : 255);
  const int32x4_t a = neon::Requantize<ConvRounding::kDoubleRounding>(
      vsubq_s32(vmovl_s16(vget_low_s16(q)), in_zp), multiplier, left, negated_right, out_zp, lo,
      hi);
  const int32x4_t b = neon::Requantize<ConvRounding::kDoubleRounding>(
      vsubq_s32(vmovl_s16(vget_high_s16(q)), in_zp), multiplier, left, negated_right, out_zp, lo,
      hi);
  vst1_u8(reinterpret_cast<uint8_t*>(out), neon::NarrowToBytes(a, b));
}

template <typename In, typename Out>
void Requantize8(const void* in_raw, size_t n, const RequantizeParams& p, void* out_raw) {
  const auto* in = static_cast<const In*>(in_raw);
  auto* out = static_cast<Out*>(out_raw);
  const int32x4_t in_zp = vdupq_n_s32(p.input_zero_point);
  const int32x4_t multiplier = vdupq_n_s32(p.multiplier);
  const int32x4_t left = vdupq_n_s32(LeftShiftOf(p.shift));
  const int32x4_t negated_right = vdupq_n_s32(-RightShiftOf(p.shift));
  const int32x4_t out_zp = vdupq_n_s32(p.output_zero_point);
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    Requantize8Group(in + i, in_zp, multiplier, left, negated_right, out_zp, out + i);
  }
  if (i == n) return;
  In in_tail[kLanes] = {};
  Out out_tail[kLanes];
  std::memcpy(in_tail, in + i, (n - i) * sizeof(In));
  Requantize8Group(in_tail, in_zp, multiplier, left, negated_right, out_zp, out_tail);
  std::memcpy(out + i, out_tail, (n - i) * sizeof(Out));
}

}  // namespace

void f32_quantize_qs8__neon(const float* in, size_t n, float scale, int32_t zero_point,
                            int8_t* out) {
  Quantize(in, n, scale, zero_point, out);
}
void f32_quantize_qu8__neon(const float* in, size_t n, float scale, int32_t zero_point,
                            uint8_t* out) {
  Quantize(in, n, scale, zero_point, out);
}
void qs8_dequantize__neon(const int8_t* in, size_t n, float scale, int32_t zero_point,
                          float* out) {
  Dequantize(in, n, scale, zero_point, out);
}
void qu8_dequantize__neon(const uint8_t* in, size_t n, float scale, int32_t zero_point,
                          float* out) {
  Dequantize(in, n, scale, zero_point, out);
}

void qu8_requantize_qs8__neon(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<uint8_t, int8_t>(in, n, p, out);
}
void qs8_requantize_qu8__neon(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<int8_t, uint8_t>(in, n, p, out);
}
void qs8_requantize_qs8__neon(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<int8_t, int8_t>(in, n, p, out);
}
void qu8_requantize_qu8__neon(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<uint8_t, uint8_t>(in, n, p, out);
}

}  // namespace liteforge::kernels
