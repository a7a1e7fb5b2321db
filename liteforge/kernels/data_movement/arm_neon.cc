// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON CONCATENATION / SPLIT (data_movement_variants.h). Block copies take
// 16-byte steps whose last one overlaps the one before it (shorter blocks
// 8/4-byte pairs that overlap the same way); very long blocks go to memcpy.
// The uint8 / int8 requantizing concatenation converts 8 elements per step
// to float: the reference's product then add (AArch64 builds use
// -ffp-contract=off, so they stay unfused), clamped to the activation range
// shifted by the zero point, then FRINTA, which rounds half away from zero
// exactly as std::round; a short last step runs through a small buffer.
//
// The strided copy interleaves 2-4 byte planes (an NCHW -> NHWC TRANSPOSE
// of an RGB image and the like) 16 bytes per plane and step with the
// structure stores ST2/ST3/ST4; any other plan runs the reference.

#include <arm_neon.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/data_movement/block_loops.h"
#include "liteforge/kernels/data_movement/data_movement_variants.h"
#include "liteforge/kernels/data_movement/reference.h"

namespace liteforge::kernels {
namespace {

// Above this many bytes the C library's copy wins.
constexpr size_t kLibraryBytes = 2048;

inline void Copy(uint8_t* out, const uint8_t* in, size_t n) {
  if (n >= 16) {
    if (n > kLibraryBytes) {
      std::memcpy(out, in, n);
      return;
    }
    size_t p = 0;
    for (; p + 16 <= n; p += 16) vst1q_u8(out + p, vld1q_u8(in + p));
    if (p < n) vst1q_u8(out + n - 16, vld1q_u8(in + n - 16));
  } else if (n >= 8) {
    uint64_t a, b;
    std::memcpy(&a, in, 8);
    std::memcpy(&b, in + n - 8, 8);
    std::memcpy(out, &a, 8);
    std::memcpy(out + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, in, 4);
    std::memcpy(&b, in + n - 4, 4);
    std::memcpy(out, &a, 4);
    std::memcpy(out + n - 4, &b, 4);
  } else if (n > 0) {
    const uint8_t a = in[0], b = in[n / 2], c = in[n - 1];
    out[0] = a;
    out[n / 2] = b;
    out[n - 1] = c;
  }
}

struct RequantConstants {
  float32x4_t scale, bias, lo, hi;
  int32x4_t zp;
};

// Four int32 values to float, the reference's product then add, clamped,
// rounded half away from zero, plus the zero point.
inline int32x4_t Requantize4(int32x4_t q_in, const RequantConstants& k) {
  float32x4_t x = vaddq_f32(vmulq_f32(vcvtq_f32_s32(q_in), k.scale), k.bias);
  x = vminq_f32(vmaxq_f32(x, k.lo), k.hi);
  return vaddq_s32(vcvtq_s32_f32(vrndaq_f32(x)), k.zp);
}

// Eight elements from src[0..8) to out[0..8).
inline void Requantize8(const uint8_t* src, const RequantConstants& k, uint8_t* out) {
  const int16x8_t wide = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(src)));
  const int32x4_t low = Requantize4(vmovl_s16(vget_low_s16(wide)), k);
  const int32x4_t high = Requantize4(vmovl_s16(vget_high_s16(wide)), k);
  // Every value is inside uint8's range here, so the narrowing is exact.
  const int16x8_t q16 = vcombine_s16(vmovn_s32(low), vmovn_s32(high));
  vst1_u8(out, vmovn_u16(vreinterpretq_u16_s16(q16)));
}

inline void Requantize8(const int8_t* src, const RequantConstants& k, int8_t* out) {
  const int16x8_t wide = vmovl_s8(vld1_s8(src));
  const int32x4_t low = Requantize4(vmovl_s16(vget_low_s16(wide)), k);
  const int32x4_t high = Requantize4(vmovl_s16(vget_high_s16(wide)), k);
  const int16x8_t q16 = vcombine_s16(vmovn_s32(low), vmovn_s32(high));
  vst1_s8(out, vmovn_s16(q16));
}

template <typename T>
void Requantize(const T* src, size_t n, const ConcatRequant& r, int32_t act_min, int32_t act_max,
                T* out) {
  RequantConstants k;
  k.scale = vdupq_n_f32(r.scale);
  k.bias = vdupq_n_f32(r.bias);
  k.lo = vdupq_n_f32(static_cast<float>(act_min - r.output_zero_point));
  k.hi = vdupq_n_f32(static_cast<float>(act_max - r.output_zero_point));
  k.zp = vdupq_n_s32(r.output_zero_point);
  size_t j = 0;
  for (; j + 8 <= n; j += 8) Requantize8(src + j, k, out + j);
  if (j < n) {
    T in[8] = {}, res[8];
    std::memcpy(in, src + j, n - j);
    Requantize8(in, k, res);
    std::memcpy(out + j, res, n - j);
  }
}

inline void Clamp(const uint8_t* src, size_t n, int32_t act_min, int32_t act_max, uint8_t* out) {
  const uint8x16_t lo = vdupq_n_u8(static_cast<uint8_t>(act_min));
  const uint8x16_t hi = vdupq_n_u8(static_cast<uint8_t>(act_max));
  size_t j = 0;
  for (; j + 16 <= n; j += 16) vst1q_u8(out + j, vminq_u8(vmaxq_u8(vld1q_u8(src + j), lo), hi));
  for (; j < n; ++j) out[j] = static_cast<uint8_t>(std::clamp<int32_t>(src[j], act_min, act_max));
}

inline void Clamp(const int8_t* src, size_t n, int32_t act_min, int32_t act_max, int8_t* out) {
  const int8x16_t lo = vdupq_n_s8(static_cast<int8_t>(act_min));
  const int8x16_t hi = vdupq_n_s8(static_cast<int8_t>(act_max));
  size_t j = 0;
  for (; j + 16 <= n; j += 16) vst1q_s8(out + j, vminq_s8(vmaxq_s8(vld1q_s8(src + j), lo), hi));
  for (; j < n; ++j) out[j] = static_cast<int8_t>(std::clamp<int32_t>(src[j], act_min, act_max));
}

inline void StorePlanes(const uint8_t* in, int64_t stride, uint8_t* out,
                        std::integral_constant<int, 2>) {
  uint8x16x2_t v;
  v.val[0] = vld1q_u8(in);
  v.val[1] = vld1q_u8(in + stride);
  vst2q_u8(out, v);
}

inline void StorePlanes(const uint8_t* in, int64_t stride, uint8_t* out,
                        std::integral_constant<int, 3>) {
  uint8x16x3_t v;
  v.val[0] = vld1q_u8(in);
  v.val[1] = vld1q_u8(in + stride);
  v.val[2] = vld1q_u8(in + 2 * stride);
  vst3q_u8(out, v);
}

inline void StorePlanes(const uint8_t* in, int64_t stride, uint8_t* out,
                        std::integral_constant<int, 4>) {
  uint8x16x4_t v;
  v.val[0] = vld1q_u8(in);
  v.val[1] = vld1q_u8(in + stride);
  v.val[2] = vld1q_u8(in + 2 * stride);
  v.val[3] = vld1q_u8(in + 3 * stride);
  vst4q_u8(out, v);
}

// out[c * R + p] = in[p * plane_stride + c] for c < count, p < R.
template <int R>
void Interleave(const uint8_t* in, int64_t plane_stride, int64_t count, uint8_t* out) {
  int64_t c = 0;
  for (; c + 16 <= count; c += 16) {
    StorePlanes(in + c, plane_stride, out + c * R, std::integral_constant<int, R>());
  }
  for (; c < count; ++c) {
    for (int p = 0; p < R; ++p) out[c * R + p] = in[p * plane_stride + c];
  }
}

}  // namespace

void x8_strided_copy_16x__neon(const StridedCopyPlan& plan, const void* input, void* output) {
  block_loops::StridedCopy<Interleave<2>, Interleave<3>, Interleave<4>>(plan, input, output);
}

void x8_concat_16b__neon(int64_t outer, std::span<const uint8_t* const> inputs,
                         std::span<const size_t> block_bytes, uint8_t* output) {
  block_loops::Concat<Copy>(outer, inputs, block_bytes, output);
}

void x8_split_16b__neon(int64_t outer, const uint8_t* input, std::span<uint8_t* const> outputs,
                        std::span<const size_t> block_bytes) {
  block_loops::Split<Copy>(outer, input, outputs, block_bytes);
}

void qu8_concat_requant_8x__neon(int64_t outer, std::span<const uint8_t* const> inputs,
                                 std::span<const size_t> block_elems,
                                 std::span<const ConcatRequant> requant, int32_t act_min,
                                 int32_t act_max, uint8_t* output) {
  block_loops::ConcatRequantize<uint8_t, Copy, Clamp, Requantize>(
      outer, inputs, block_elems, requant, act_min, act_max, output);
}

void qs8_concat_requant_8x__neon(int64_t outer, std::span<const int8_t* const> inputs,
                                 std::span<const size_t> block_elems,
                                 std::span<const ConcatRequant> requant, int32_t act_min,
                                 int32_t act_max, int8_t* output) {
  block_loops::ConcatRequantize<int8_t, Copy, Clamp, Requantize>(outer, inputs, block_elems,
                                                                 requant, act_min, act_max, output);
}

}  // namespace liteforge::kernels
