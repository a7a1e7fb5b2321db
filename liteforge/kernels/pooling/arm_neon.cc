// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON MAX_POOL_2D and AVERAGE_POOL_2D for float32, uint8 and int8: vectors
// over the channel axis (16 bytes for 8-bit max, 4 floats, 8 int32 sums for
// 8-bit average), partial vectors of channels in scalar code that repeats
// the reference's expressions. Bit-exact with the reference
// (pooling_variants.h):
//   * float max and the float activation clamp use compare + select in the
//     reference's operand order rather than FMAX/FMIN, which would let NaN
//     in and pick +0 over -0 where the reference does not;
//   * float average adds the window's pixels in row-major order and divides
//     (FDIV is IEEE); AArch64 builds use -ffp-contract=off anyway;
//   * 8-bit average sums in int32 and rounds half away from zero with the
//     float division that is exact up to kMaxExactAverageTaps taps (larger
//     filters take the reference kernel); FCVTZS truncates toward zero like
//     C++ integer division.

#include <arm_neon.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/pooling/pooling_variants.h"
#include "liteforge/kernels/pooling/reference.h"

namespace liteforge::kernels {
namespace {

// Calls body(window, image, out) for every output pixel of rows
// [row_begin, row_end) over (batch, out_y); `image` is the pixel's batch of
// the input and `out` its first output channel.
template <typename T, typename Body>
void VisitOutputPixels(const Pool2DGeometry& g, const T* input, int row_begin, int row_end,
                       T* output, Body&& body) {
  const ptrdiff_t c = g.channels;
  const ptrdiff_t image_size = static_cast<ptrdiff_t>(g.in_h) * g.in_w * c;
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const int oy = r % g.out_h;
    T* out = output + static_cast<ptrdiff_t>(r) * g.out_w * c;
    for (int ox = 0; ox < g.out_w; ++ox, out += c) {
      body(PoolWindowAt(g, oy, ox), input + b * image_size, out);
    }
  }
}

// Calls tap(p) with p at channel `ch` of each in-window pixel, row-major
// (the reference's order).
template <typename T, typename Tap>
inline void VisitWindow(const Pool2DGeometry& g, const PoolWindow& w, const T* image, int ch,
                        Tap&& tap) {
  const ptrdiff_t c = g.channels;
  for (int y = w.y_begin; y < w.y_end; ++y) {
    const T* p = image + (static_cast<ptrdiff_t>(y) * g.in_w + w.x_begin) * c + ch;
    for (int x = w.x_begin; x < w.x_end; ++x, p += c) tap(p);
  }
}

template <typename T>
inline int32_t ClampToType(int32_t v) {
  return std::clamp<int32_t>(v, std::numeric_limits<T>::lowest(), std::numeric_limits<T>::max());
}

// ---- float32 ---------------------------------------------------------------

// acc < v ? v : acc.
inline float32x4_t KeepLarger(float32x4_t acc, float32x4_t v) {
  return vbslq_f32(vcltq_f32(acc, v), v, acc);
}

// std::min(std::max(v, lo), hi): std::max(a, b) is a < b ? b : a and
// std::min(a, b) is b < a ? b : a.
inline float32x4_t ClampF32(float32x4_t v, float32x4_t lo, float32x4_t hi) {
  const float32x4_t above_lo = vbslq_f32(vcltq_f32(v, lo), lo, v);
  return vbslq_f32(vcltq_f32(hi, above_lo), hi, above_lo);
}

void MaxPoolF32(const Pool2DGeometry& g, const float* input, float act_min, float act_max,
                int row_begin, int row_end, float* output) {
  constexpr int kLanes = 4;
  const float lowest = std::numeric_limits<float>::lowest();
  const float32x4_t lowest_v = vdupq_n_f32(lowest);
  const float32x4_t lo = vdupq_n_f32(act_min);
  const float32x4_t hi = vdupq_n_f32(act_max);
  VisitOutputPixels(g, input, row_begin, row_end, output,
                    [&](const PoolWindow& w, const float* image, float* out) {
    int ch = 0;
    for (; ch + kLanes <= g.channels; ch += kLanes) {
      float32x4_t acc = lowest_v;
      VisitWindow(g, w, image, ch, [&](const float* p) { acc = KeepLarger(acc, vld1q_f32(p)); });
      vst1q_f32(out + ch, ClampF32(acc, lo, hi));
    }
    for (; ch < g.channels; ++ch) {
      float acc = lowest;
      VisitWindow(g, w, image, ch, [&](const float* p) { acc = acc < *p ? *p : acc; });
      out[ch] = std::min(std::max(acc, act_min), act_max);
    }
  });
}

void AveragePoolF32(const Pool2DGeometry& g, const float* input, float act_min, float act_max,
                    int row_begin, int row_end, float* output) {
  constexpr int kLanes = 4;
  const float32x4_t lo = vdupq_n_f32(act_min);
  const float32x4_t hi = vdupq_n_f32(act_max);
  VisitOutputPixels(g, input, row_begin, row_end, output,
                    [&](const PoolWindow& w, const float* image, float* out) {
    const int count = w.count();
    const float divisor = static_cast<float>(count);
    const float32x4_t divisor_v = vdupq_n_f32(divisor);
    int ch = 0;
    for (; ch + kLanes <= g.channels; ch += kLanes) {
      float32x4_t sum = vdupq_n_f32(0.f);
      VisitWindow(g, w, image, ch, [&](const float* p) { sum = vaddq_f32(sum, vld1q_f32(p)); });
      const float32x4_t avg = count > 0 ? vdivq_f32(sum, divisor_v) : vdupq_n_f32(0.f);
      vst1q_f32(out + ch, ClampF32(avg, lo, hi));
    }
    for (; ch < g.channels; ++ch) {
      float sum = 0.f;
      VisitWindow(g, w, image, ch, [&](const float* p) { sum += *p; });
      const float avg = count > 0 ? sum / divisor : 0.f;
      out[ch] = std::min(std::max(avg, act_min), act_max);
    }
  });
}

// ---- 8-bit max ---------------------------------------------------------------

// The 16-byte vector type and its max/min/load/store/broadcast for T.
template <typename T>
struct Bytes16;

template <>
struct Bytes16<uint8_t> {
  using V = uint8x16_t;
  static V Load(const uint8_t* p) { return vld1q_u8(p); }
  static void Store(uint8_t* p, V v) { vst1q_u8(p, v); }
  static V Splat(uint8_t x) { return vdupq_n_u8(x); }
  static V Max(V a, V b) { return vmaxq_u8(a, b); }
  static V Min(V a, V b) { return vminq_u8(a, b); }
};

template <>
struct Bytes16<int8_t> {
  using V = int8x16_t;
  static V Load(const int8_t* p) { return vld1q_s8(p); }
  static void Store(int8_t* p, V v) { vst1q_s8(p, v); }
  static V Splat(int8_t x) { return vdupq_n_s8(x); }
  static V Max(V a, V b) { return vmaxq_s8(a, b); }
  static V Min(V a, V b) { return vminq_s8(a, b); }
};

template <typename T>
void MaxPool8(const Pool2DGeometry& g, const T* input, int32_t act_min, int32_t act_max,
              int row_begin, int row_end, T* output) {
  using B = Bytes16<T>;
  constexpr int kLanes = 16;
  const T lowest = std::numeric_limits<T>::lowest();
  const T lo = static_cast<T>(ClampToType<T>(act_min));
  const T hi = static_cast<T>(ClampToType<T>(act_max));
  const typename B::V lowest_v = B::Splat(lowest);
  const typename B::V lo_v = B::Splat(lo);
  const typename B::V hi_v = B::Splat(hi);
  VisitOutputPixels(g, input, row_begin, row_end, output,
                    [&](const PoolWindow& w, const T* image, T* out) {
    int ch = 0;
    for (; ch + kLanes <= g.channels; ch += kLanes) {
      typename B::V acc = lowest_v;
      VisitWindow(g, w, image, ch, [&](const T* p) { acc = B::Max(acc, B::Load(p)); });
      B::Store(out + ch, B::Min(B::Max(acc, lo_v), hi_v));
    }
    for (; ch < g.channels; ++ch) {
      T acc = lowest;
      VisitWindow(g, w, image, ch, [&](const T* p) { acc = acc < *p ? *p : acc; });
      out[ch] = std::min(std::max(acc, lo), hi);
    }
  });
}

// ---- 8-bit average -------------------------------------------------------------

// Eight channels widened to int32 (values fit, so unsigned bytes become
// non-negative int32), added to the two halves of the sum.
inline void AddWidened(const uint8_t* p, int32x4_t& low, int32x4_t& high) {
  const uint16x8_t wide = vmovl_u8(vld1_u8(p));
  low = vreinterpretq_s32_u32(vaddw_u16(vreinterpretq_u32_s32(low), vget_low_u16(wide)));
  high = vreinterpretq_s32_u32(vaddw_u16(vreinterpretq_u32_s32(high), vget_high_u16(wide)));
}

inline void AddWidened(const int8_t* p, int32x4_t& low, int32x4_t& high) {
  const int16x8_t wide = vmovl_s8(vld1_s8(p));
  low = vaddw_s16(low, vget_low_s16(wide));
  high = vaddw_s16(high, vget_high_s16(wide));
}

// Eight int32 values already inside T's range, narrowed and stored.
inline void StoreNarrowed(uint8_t* p, int32x4_t low, int32x4_t high) {
  const int16x8_t halves = vcombine_s16(vmovn_s32(low), vmovn_s32(high));
  vst1_u8(p, vmovn_u16(vreinterpretq_u16_s16(halves)));
}

inline void StoreNarrowed(int8_t* p, int32x4_t low, int32x4_t high) {
  const int16x8_t halves = vcombine_s16(vmovn_s32(low), vmovn_s32(high));
  vst1_s8(p, vmovn_s16(halves));
}

// sum > 0 ? (sum + half) / count : (sum - half) / count, with truncating
// division done in float (exact for the sums allowed here, see the header).
inline int32x4_t RoundedAverage(int32x4_t sum, int32x4_t half, float32x4_t divisor) {
  const uint32x4_t positive = vcgtq_s32(sum, vdupq_n_s32(0));
  const int32x4_t biased = vbslq_s32(positive, vaddq_s32(sum, half), vsubq_s32(sum, half));
  return vcvtq_s32_f32(vdivq_f32(vcvtq_f32_s32(biased), divisor));
}

template <typename T>
void AveragePool8(const Pool2DGeometry& g, const T* input, int32_t act_min, int32_t act_max,
                  int row_begin, int row_end, T* output) {
  constexpr int kLanes = 8;
  const int32_t lo = ClampToType<T>(act_min);
  const int32_t hi = ClampToType<T>(act_max);
  const int32x4_t lo_v = vdupq_n_s32(lo);
  const int32x4_t hi_v = vdupq_n_s32(hi);
  VisitOutputPixels(g, input, row_begin, row_end, output,
                    [&](const PoolWindow& w, const T* image, T* out) {
    const int count = w.count();
    const int32_t half = count / 2;
    const int32x4_t half_v = vdupq_n_s32(half);
    const float32x4_t divisor_v = vdupq_n_f32(static_cast<float>(count));
    int ch = 0;
    for (; ch + kLanes <= g.channels; ch += kLanes) {
      int32x4_t low = vdupq_n_s32(0);
      int32x4_t high = vdupq_n_s32(0);
      VisitWindow(g, w, image, ch, [&](const T* p) { AddWidened(p, low, high); });
      int32x4_t avg_low = vdupq_n_s32(0);
      int32x4_t avg_high = vdupq_n_s32(0);
      if (count > 0) {
        avg_low = RoundedAverage(low, half_v, divisor_v);
        avg_high = RoundedAverage(high, half_v, divisor_v);
      }
      avg_low = vminq_s32(vmaxq_s32(avg_low, lo_v), hi_v);
      avg_high = vminq_s32(vmaxq_s32(avg_high, lo_v), hi_v);
      StoreNarrowed(out + ch, avg_low, avg_high);
    }
    for (; ch < g.channels; ++ch) {
      int32_t sum = 0;
      VisitWindow(g, w, image, ch, [&](const T* p) { sum += *p; });
      int32_t avg = 0;
      if (count > 0) avg = sum > 0 ? (sum + half) / count : (sum - half) / count;
      out[ch] = static_cast<T>(std::clamp(avg, lo, hi));
    }
  });
}

template <typename T>
void AveragePool8OrReference(const Pool2DGeometry& g, const T* input, int32_t act_min,
                             int32_t act_max, int row_begin, int row_end, T* output) {
  if (static_cast<int64_t>(g.filter_h) * g.filter_w > kMaxExactAverageTaps) {
    if constexpr (std::is_signed_v<T>) {
      qs8_avgpool2d__reference(g, input, act_min, act_max, row_begin, row_end, output);
    } else {
      qu8_avgpool2d__reference(g, input, act_min, act_max, row_begin, row_end, output);
    }
    return;
  }
  AveragePool8(g, input, act_min, act_max, row_begin, row_end, output);
}

}  // namespace

void f32_maxpool2d_4x__neon(const Pool2DGeometry& g, const float* input, float act_min,
                            float act_max, int row_begin, int row_end, float* output) {
  MaxPoolF32(g, input, act_min, act_max, row_begin, row_end, output);
}

void qu8_maxpool2d_16x__neon(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                             int32_t act_max, int row_begin, int row_end, uint8_t* output) {
  MaxPool8(g, input, act_min, act_max, row_begin, row_end, output);
}

void qs8_maxpool2d_16x__neon(const Pool2DGeometry& g, const int8_t* input, int32_t act_min,
                             int32_t act_max, int row_begin, int row_end, int8_t* output) {
  MaxPool8(g, input, act_min, act_max, row_begin, row_end, output);
}

void f32_avgpool2d_4x__neon(const Pool2DGeometry& g, const float* input, float act_min,
                            float act_max, int row_begin, int row_end, float* output) {
  AveragePoolF32(g, input, act_min, act_max, row_begin, row_end, output);
}

void qu8_avgpool2d_8x__neon(const Pool2DGeometry& g, const uint8_t* input, int32_t act_min,
                            int32_t act_max, int row_begin, int row_end, uint8_t* output) {
  AveragePool8OrReference(g, input, act_min, act_max, row_begin, row_end, output);
}

void qs8_avgpool2d_8x__neon(const Pool2DGeometry& g, const int8_t* input, int32_t act_min,
                            int32_t act_max, int row_begin, int row_end, int8_t* output) {
  AveragePool8OrReference(g, input, act_min, act_max, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
