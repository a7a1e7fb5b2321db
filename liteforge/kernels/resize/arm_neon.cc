// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON RESIZE_BILINEAR for float32, uint8 and int8, the three paths of the
// x86 variants (resize_variants.h):
//   float32 / uint8 in general: per output pixel the reference's four corner
//     weights, 4 (float32) or 8 (uint8) channels per step, products rounded
//     before each add in the reference's order. AArch64 builds use
//     -ffp-contract=off (cmake/LiteforgeHelpers.cmake), so neither these
//     intrinsics nor the scalar tails, which repeat the reference's
//     expressions, become fused multiply-adds.
//   int8 / exact uint8: the vertical-then-horizontal integer blends, 8
//     channels per step with widening multiplies; rounding shifts on the
//     magnitude give TFLite's half-away-from-zero (int8) and the +2^13 >> 14
//     (uint8). Integer tails are scalar.
// Bit-exact with the reference.

#include <arm_neon.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "liteforge/kernels/resize/reference.h"
#include "liteforge/kernels/resize/resize_variants.h"

namespace liteforge::kernels {
namespace {

// ---- float weights (float32, general uint8) -------------------------------

struct Weights {
  float w0, w1, w2, w3;
};

// The reference's corner weights (reference.cc, WeightsFor).
inline Weights WeightsFor(float dy, float dx) {
  return {(1 - dy) * (1 - dx), (1 - dy) * dx, dy * (1 - dx), dy * dx};
}

inline float32x4_t Sum4(float32x4_t c0, float32x4_t c1, float32x4_t c2, float32x4_t c3,
                        const Weights& w) {
  float32x4_t sum = vmulq_n_f32(c0, w.w0);
  sum = vaddq_f32(sum, vmulq_n_f32(c1, w.w1));
  sum = vaddq_f32(sum, vmulq_n_f32(c2, w.w2));
  return vaddq_f32(sum, vmulq_n_f32(c3, w.w3));
}

inline float32x4_t ToFloat(uint16x4_t v) { return vcvtq_f32_u32(vmovl_u16(v)); }

// (sum + 0.5) clamped to [0, 255] and truncated, as the reference.
inline uint16x4_t ToByteRange(float32x4_t sum) {
  float32x4_t v = vaddq_f32(sum, vdupq_n_f32(0.5f));
  v = vminq_f32(vmaxq_f32(v, vdupq_n_f32(0.f)), vdupq_n_f32(255.f));
  return vmovn_u32(vcvtq_u32_f32(v));
}

void F32Pixel(const float* p0, const float* p1, const float* p2, const float* p3,
              const Weights& w, ptrdiff_t c, float* out) {
  ptrdiff_t ch = 0;
  for (; ch + 4 <= c; ch += 4) {
    vst1q_f32(out + ch, Sum4(vld1q_f32(p0 + ch), vld1q_f32(p1 + ch), vld1q_f32(p2 + ch),
                             vld1q_f32(p3 + ch), w));
  }
  for (; ch < c; ++ch) {
    float acc = p0[ch] * w.w0;
    acc += p1[ch] * w.w1;
    acc += p2[ch] * w.w2;
    acc += p3[ch] * w.w3;
    out[ch] = acc;
  }
}

void Qu8Pixel(const uint8_t* p0, const uint8_t* p1, const uint8_t* p2, const uint8_t* p3,
              const Weights& w, ptrdiff_t c, uint8_t* out) {
  ptrdiff_t ch = 0;
  for (; ch + 8 <= c; ch += 8) {
    const uint16x8_t a = vmovl_u8(vld1_u8(p0 + ch));
    const uint16x8_t b = vmovl_u8(vld1_u8(p1 + ch));
    const uint16x8_t d = vmovl_u8(vld1_u8(p2 + ch));
    const uint16x8_t e = vmovl_u8(vld1_u8(p3 + ch));
    const uint16x4_t lo = ToByteRange(Sum4(ToFloat(vget_low_u16(a)), ToFloat(vget_low_u16(b)),
                                           ToFloat(vget_low_u16(d)), ToFloat(vget_low_u16(e)), w));
    const uint16x4_t hi = ToByteRange(Sum4(ToFloat(vget_high_u16(a)), ToFloat(vget_high_u16(b)),
                                           ToFloat(vget_high_u16(d)), ToFloat(vget_high_u16(e)), w));
    vst1_u8(out + ch, vmovn_u16(vcombine_u16(lo, hi)));
  }
  for (; ch < c; ++ch) {
    const float v = static_cast<float>(p0[ch]) * w.w0 + static_cast<float>(p1[ch]) * w.w1 +
                    static_cast<float>(p2[ch]) * w.w2 + static_cast<float>(p3[ch]) * w.w3 + 0.5f;
    out[ch] = static_cast<uint8_t>(std::min(std::max(v, 0.f), 255.f));
  }
}

template <typename T, typename Pixel>
void FloatWeightRows(const ResizeGeometry& g, const T* input, int row_begin, int row_end,
                     T* output, Pixel pixel) {
  std::vector<BilinearAxisSample> rows(static_cast<size_t>(g.out_h));
  std::vector<BilinearAxisSample> columns(static_cast<size_t>(g.out_w));
  ComputeBilinearAxis(g.in_h, g.out_h, g.align_corners, g.half_pixel_centers, rows.data());
  ComputeBilinearAxis(g.in_w, g.out_w, g.align_corners, g.half_pixel_centers, columns.data());
  const ptrdiff_t c = g.channels;
  const ptrdiff_t in_row = static_cast<ptrdiff_t>(g.in_w) * c;
  const ptrdiff_t in_image = in_row * g.in_h;
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const BilinearAxisSample& sy = rows[static_cast<size_t>(r % g.out_h)];
    const T* top = input + b * in_image + sy.lo * in_row;
    const T* bottom = input + b * in_image + sy.hi * in_row;
    T* out = output + static_cast<ptrdiff_t>(r) * g.out_w * c;
    for (int x = 0; x < g.out_w; ++x, out += c) {
      const BilinearAxisSample& sx = columns[static_cast<size_t>(x)];
      pixel(top + sx.lo * c, top + sx.hi * c, bottom + sx.lo * c, bottom + sx.hi * c,
            WeightsFor(sy.frac, sx.frac), c, out);
    }
  }
}

// ---- integer paths (see x86_avx512.cc for the arithmetic) -------------------

template <typename Acc>
struct IntegerPlan {
  std::vector<IntegerAxisSample> rows;
  std::vector<IntegerAxisSample> columns;
  std::vector<Acc> blend;  // one blended source row, padded for 8-lane loads
  explicit IntegerPlan(const ResizeGeometry& g)
      : rows(static_cast<size_t>(g.out_h)),
        columns(static_cast<size_t>(g.out_w)),
        blend(static_cast<size_t>(g.in_w) * static_cast<size_t>(g.channels) + 8) {}
};

// Stores the first n (<= 8) bytes of a step at dst; all 8 when the row has
// room (bytes past n belong to later pixels of the row, rewritten in turn).
template <typename T, typename V, typename Store>
inline void StoreStep(T* dst, ptrdiff_t n, const T* row_end, V v, Store store) {
  if (n == 8 || dst + 8 <= row_end) {
    store(dst, v);
    return;
  }
  T buffer[8];
  store(buffer, v);
  std::memcpy(dst, buffer, static_cast<size_t>(n) * sizeof(T));
}

// (|acc| + 2^19) >> 20 with acc's sign: TFLite's half-away-from-zero.
inline int32x4_t RoundShift20(int32x4_t acc) {
  const int32x4_t mag =
      vreinterpretq_s32_u32(vrshrq_n_u32(vreinterpretq_u32_s32(vabsq_s32(acc)), 20));
  const int32x4_t sign = vshrq_n_s32(acc, 31);  // 0 or -1
  return vsubq_s32(veorq_s32(mag, sign), sign);
}

void Qs8Rows(const ResizeGeometry& g, const int8_t* input, int row_begin, int row_end,
             int8_t* output) {
  constexpr int kBits = kQs8WeightBits;
  IntegerPlan<int32_t> plan(g);
  ComputeQs8BilinearAxis(g.in_h, g.out_h, g.align_corners, g.half_pixel_centers,
                         plan.rows.data());
  ComputeQs8BilinearAxis(g.in_w, g.out_w, g.align_corners, g.half_pixel_centers,
                         plan.columns.data());
  const ptrdiff_t c = g.channels;
  const ptrdiff_t in_row = static_cast<ptrdiff_t>(g.in_w) * c;
  const ptrdiff_t in_image = in_row * g.in_h;
  const ptrdiff_t out_row = static_cast<ptrdiff_t>(g.out_w) * c;
  int32_t* blend = plan.blend.data();
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const IntegerAxisSample& sy = plan.rows[static_cast<size_t>(r % g.out_h)];
    const int8_t* top = input + b * in_image + sy.lo * in_row;
    const int8_t* bottom = input + b * in_image + sy.hi * in_row;
    // wy < 2^10 and |bottom - top| <= 255: 16-bit operands, 32-bit products.
    const int16_t wy = static_cast<int16_t>(sy.weight);
    ptrdiff_t i = 0;
    for (; i + 8 <= in_row; i += 8) {
      const int16x8_t t = vmovl_s8(vld1_s8(top + i));
      const int16x8_t d = vsubq_s16(vmovl_s8(vld1_s8(bottom + i)), t);
      vst1q_s32(blend + i, vmlal_n_s16(vshll_n_s16(vget_low_s16(t), kBits), vget_low_s16(d), wy));
      vst1q_s32(blend + i + 4,
                vmlal_n_s16(vshll_n_s16(vget_high_s16(t), kBits), vget_high_s16(d), wy));
    }
    for (; i < in_row; ++i) blend[i] = top[i] * (1 << kBits) + (bottom[i] - top[i]) * sy.weight;
    int8_t* out = output + static_cast<ptrdiff_t>(r) * out_row;
    const int8_t* out_end = out + out_row;
    for (int x = 0; x < g.out_w; ++x, out += c) {
      const IntegerAxisSample& sx = plan.columns[static_cast<size_t>(x)];
      const int32_t* left = blend + sx.lo * c;
      const int32_t* right = blend + sx.hi * c;
      const int32_t wx = sx.weight;
      for (ptrdiff_t ch = 0; ch < c; ch += 8) {
        const int32x4_t l0 = vld1q_s32(left + ch);
        const int32x4_t l1 = vld1q_s32(left + ch + 4);
        const int32x4_t a0 =
            vmlaq_n_s32(vshlq_n_s32(l0, kBits), vsubq_s32(vld1q_s32(right + ch), l0), wx);
        const int32x4_t a1 =
            vmlaq_n_s32(vshlq_n_s32(l1, kBits), vsubq_s32(vld1q_s32(right + ch + 4), l1), wx);
        // Saturating narrows: the reference's clamp to int8.
        const int8x8_t bytes =
            vqmovn_s16(vcombine_s16(vqmovn_s32(RoundShift20(a0)), vqmovn_s32(RoundShift20(a1))));
        StoreStep(out + ch, std::min<ptrdiff_t>(c - ch, 8), out_end, bytes,
                  [](int8_t* dst, int8x8_t v) { vst1_s8(dst, v); });
      }
    }
  }
}

void Qu8ExactRows(const ResizeGeometry& g, IntegerPlan<int16_t>& plan, const uint8_t* input,
                  int row_begin, int row_end, uint8_t* output) {
  constexpr int kBits = kQu8ExactWeightBits;
  const ptrdiff_t c = g.channels;
  const ptrdiff_t in_row = static_cast<ptrdiff_t>(g.in_w) * c;
  const ptrdiff_t in_image = in_row * g.in_h;
  const ptrdiff_t out_row = static_cast<ptrdiff_t>(g.out_w) * c;
  int16_t* blend = plan.blend.data();
  for (int r = row_begin; r < row_end; ++r) {
    const int b = r / g.out_h;
    const IntegerAxisSample& sy = plan.rows[static_cast<size_t>(r % g.out_h)];
    const uint8_t* top = input + b * in_image + sy.lo * in_row;
    const uint8_t* bottom = input + b * in_image + sy.hi * in_row;
    const int16_t wy = static_cast<int16_t>(sy.weight);
    ptrdiff_t i = 0;
    for (; i + 8 <= in_row; i += 8) {
      // In [0, 255 * 2^7]: every intermediate fits int16.
      const int16x8_t t = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(top + i)));
      const int16x8_t d = vsubq_s16(vreinterpretq_s16_u16(vmovl_u8(vld1_u8(bottom + i))), t);
      vst1q_s16(blend + i, vmlaq_n_s16(vshlq_n_s16(t, kBits), d, wy));
    }
    for (; i < in_row; ++i) {
      blend[i] = static_cast<int16_t>(top[i] * (1 << kBits) + (bottom[i] - top[i]) * sy.weight);
    }
    uint8_t* out = output + static_cast<ptrdiff_t>(r) * out_row;
    const uint8_t* out_end = out + out_row;
    for (int x = 0; x < g.out_w; ++x, out += c) {
      const IntegerAxisSample& sx = plan.columns[static_cast<size_t>(x)];
      const int16_t* left = blend + sx.lo * c;
      const int16_t* right = blend + sx.hi * c;
      const int16_t wl = static_cast<int16_t>((1 << kBits) - sx.weight);
      const int16_t wr = static_cast<int16_t>(sx.weight);
      for (ptrdiff_t ch = 0; ch < c; ch += 8) {
        const int16x8_t l = vld1q_s16(left + ch);
        const int16x8_t h = vld1q_s16(right + ch);
        const int32x4_t a0 = vmlal_n_s16(vmull_n_s16(vget_low_s16(l), wl), vget_low_s16(h), wr);
        const int32x4_t a1 = vmlal_n_s16(vmull_n_s16(vget_high_s16(l), wl), vget_high_s16(h), wr);
        // (a + 2^13) >> 14, a >= 0; values <= 255.
        const uint8x8_t bytes =
            vqmovn_u16(vcombine_u16(vqrshrun_n_s32(a0, 2 * kBits), vqrshrun_n_s32(a1, 2 * kBits)));
        StoreStep(out + ch, std::min<ptrdiff_t>(c - ch, 8), out_end, bytes,
                  [](uint8_t* dst, uint8x8_t v) { vst1_u8(dst, v); });
      }
    }
  }
}

}  // namespace

void f32_resize_bilinear__neon(const ResizeGeometry& g, const float* input, int row_begin,
                               int row_end, float* output) {
  if (IsExactUpscale2x(g)) {
    f32_resize_bilinear__reference(g, input, row_begin, row_end, output);
    return;
  }
  if (row_begin >= row_end || g.out_w <= 0 || g.channels <= 0) return;
  FloatWeightRows(g, input, row_begin, row_end, output, F32Pixel);
}

void qu8_resize_bilinear__neon(const ResizeGeometry& g, const uint8_t* input, int row_begin,
                               int row_end, uint8_t* output) {
  if (row_begin >= row_end || g.out_w <= 0 || g.channels <= 0) return;
  IntegerPlan<int16_t> plan(g);
  if (ComputeQu8ExactBilinearAxes(g, plan.rows.data(), plan.columns.data())) {
    Qu8ExactRows(g, plan, input, row_begin, row_end, output);
    return;
  }
  FloatWeightRows(g, input, row_begin, row_end, output, Qu8Pixel);
}

void qs8_resize_bilinear__neon(const ResizeGeometry& g, const int8_t* input, int row_begin,
                               int row_end, int8_t* output) {
  if (row_begin >= row_end || g.out_w <= 0 || g.channels <= 0) return;
  Qs8Rows(g, input, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
