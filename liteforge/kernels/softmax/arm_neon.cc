// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON SOFTMAX / LOG_SOFTMAX variants (softmax_variants.h). float32 runs 4
// lanes per step (8 in the exp pass, two accumulators); a tail of fewer
// than 4 goes through a 4-lane buffer padded with -inf, whose exponential
// is 0. The build compiles everything with -ffp-contract=off on AArch64, so
// separate multiplies and adds stay separate, as the 8-bit kernels need.
//
// 8-bit: the row maximum runs 16 bytes per step. The scalar sum pass keeps
// the table entries it loads (up to kStagedEntries) and the final step
// loads them as vectors (NEON has no gather: past that, and in the tail,
// it looks its 8 entries up one by one), then does the float arithmetic 8
// lanes at a time; FCVTAS is C's round() (ties away from
// zero), FRINTN is rint() (ties to even), FCVTZS truncates.

#include <arm_neon.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "liteforge/kernels/softmax/exp_polynomial.h"
#include "liteforge/kernels/softmax/softmax_variants.h"

namespace liteforge::kernels {
namespace {

constexpr int kLanes = 4;
constexpr float kInf = std::numeric_limits<float>::infinity();
// Float bound applied before float -> int32 conversions: it leaves every
// result the final clamp to 8/16 bits can tell apart unchanged.
constexpr float kConvertBound = 16777216.0f;  // 2^24

// e^t lane-wise for t <= 0 (exp_polynomial.h); 0 below kSoftmaxExpMin, NaN
// stays NaN.
inline float32x4_t ExpNonPositive(float32x4_t t) {
  using namespace softmax_exp;
  const float32x4_t lo = vdupq_n_f32(kSoftmaxExpMin);
  const float32x4_t x = vmaxq_f32(lo, t);  // FMAX propagates NaN
  const float32x4_t n = vrndnq_f32(vmulq_n_f32(x, kLog2e));
  float32x4_t r = vfmsq_f32(x, n, vdupq_n_f32(kLn2Hi));
  r = vfmsq_f32(r, n, vdupq_n_f32(kLn2Lo));
  float32x4_t p = vdupq_n_f32(kPoly[7]);
  for (int k = 6; k >= 0; --k) p = vfmaq_f32(vdupq_n_f32(kPoly[k]), p, r);
  // 2^n for n in [-126, 0] from its exponent field.
  const int32x4_t bits = vshlq_n_s32(vaddq_s32(vcvtq_s32_f32(n), vdupq_n_s32(127)), 23);
  const float32x4_t e = vmulq_f32(p, vreinterpretq_f32_s32(bits));
  // Zero where t < lo (false for NaN, which stays).
  return vbslq_f32(vcltq_f32(t, lo), vdupq_n_f32(0.0f), e);
}

// Up to 4 values of a row, padded with `fill`.
inline float32x4_t LoadTail(const float* x, int n, float fill) {
  float buffer[kLanes] = {fill, fill, fill, fill};
  std::memcpy(buffer, x, sizeof(float) * n);
  return vld1q_f32(buffer);
}

inline void StoreTail(float* y, int n, float32x4_t v) {
  float buffer[kLanes];
  vst1q_f32(buffer, v);
  std::memcpy(y, buffer, sizeof(float) * n);
}

float RowMax(const float* x, int depth) {
  float32x4_t acc = vdupq_n_f32(-kInf);
  int c = 0;
  for (; c + kLanes <= depth; c += kLanes) acc = vmaxq_f32(acc, vld1q_f32(x + c));
  if (c < depth) acc = vmaxq_f32(acc, LoadTail(x + c, depth - c, -kInf));
  return vmaxvq_f32(acc);
}

// Sum of e^((x - max) * beta) over the row; the exponentials are stored in
// `y` when it is not null.
float ExpSum(const float* x, int depth, float max_value, float beta, bool scale_by_beta, float* y) {
  const float32x4_t vmax = vdupq_n_f32(max_value);
  auto arg = [&](float32x4_t v) {
    const float32x4_t d = vsubq_f32(v, vmax);
    return scale_by_beta ? vmulq_n_f32(d, beta) : d;
  };
  float32x4_t acc0 = vdupq_n_f32(0.0f);
  float32x4_t acc1 = vdupq_n_f32(0.0f);
  int c = 0;
  for (; c + 2 * kLanes <= depth; c += 2 * kLanes) {
    const float32x4_t e0 = ExpNonPositive(arg(vld1q_f32(x + c)));
    const float32x4_t e1 = ExpNonPositive(arg(vld1q_f32(x + c + kLanes)));
    if (y != nullptr) {
      vst1q_f32(y + c, e0);
      vst1q_f32(y + c + kLanes, e1);
    }
    acc0 = vaddq_f32(acc0, e0);
    acc1 = vaddq_f32(acc1, e1);
  }
  for (; c < depth; c += kLanes) {
    const int n = std::min(kLanes, depth - c);
    // -inf padding: (-inf - max) * beta is -inf (or NaN in a NaN row).
    const float32x4_t e =
        ExpNonPositive(arg(n == kLanes ? vld1q_f32(x + c) : LoadTail(x + c, n, -kInf)));
    if (y != nullptr) StoreTail(y + c, n, e);
    acc0 = vaddq_f32(acc0, e);
  }
  return vaddvq_f32(vaddq_f32(acc0, acc1));
}

// ---------------------------------------------------------------------------
// 8-bit

// Row maximum of 8-bit values. Signed bytes are compared as unsigned with
// the sign bit flipped (x ^ 0x80 = x + 128 as an unsigned byte).
template <typename T>
int32_t RowMax8(const T* x, int depth) {
  constexpr bool kSigned = std::is_signed_v<T>;
  const uint8x16_t flip = vdupq_n_u8(kSigned ? 0x80 : 0);
  uint8x16_t acc = vdupq_n_u8(0);
  int c = 0;
  for (; c + 16 <= depth; c += 16) {
    acc = vmaxq_u8(acc, veorq_u8(vld1q_u8(reinterpret_cast<const uint8_t*>(x + c)), flip));
  }
  int32_t m = static_cast<int32_t>(vmaxvq_u8(acc)) - (kSigned ? 128 : 0);
  for (; c < depth; ++c) m = std::max<int32_t>(m, x[c]);
  return m;
}

// Table entries a row's sum pass keeps for its final step (on the stack):
// the sum is a serial chain of float adds, so storing the entries it loads
// is free, and the final step then loads them as vectors.
constexpr int kStagedEntries = 2048;

// The reference's sum, in its order (see softmax_variants.h). The first
// min(depth, kStagedEntries) entries are written to `staged` when it is not
// null.
template <typename T>
float TableSum(const float* table, int32_t max_value, const T* x, int depth, float* staged) {
  float sum = 0.0f;
  int c = 0;
  if (staged != nullptr) {
    for (const int n = std::min(depth, kStagedEntries); c < n; ++c) {
      const float e = table[255 - (max_value - x[c])];
      staged[c] = e;
      sum += e;
    }
  }
  for (; c < depth; ++c) sum += table[255 - (max_value - x[c])];
  return sum;
}

// Eight int32 lanes.
struct I32x8 {
  int32x4_t lo, hi;
};

inline I32x8 Clamp(I32x8 q, int32_t lo, int32_t hi) {
  const int32x4_t l = vdupq_n_s32(lo), h = vdupq_n_s32(hi);
  return {vminq_s32(vmaxq_s32(q.lo, l), h), vminq_s32(vmaxq_s32(q.hi, l), h)};
}

// Lanes already clamped to Out's range, so narrowing keeps the value.
template <typename Out>
inline void StoreNarrowed(Out* y, I32x8 q) {
  const int16x8_t w = vcombine_s16(vmovn_s32(q.lo), vmovn_s32(q.hi));
  if constexpr (sizeof(Out) == 2) {
    vst1q_s16(reinterpret_cast<int16_t*>(y), w);
  } else {
    vst1_s8(reinterpret_cast<int8_t*>(y), vmovn_s16(w));
  }
}

template <typename T>
inline I32x8 LoadWidened(const T* x) {
  int16x8_t w;
  if constexpr (std::is_signed_v<T>) {
    w = vmovl_s8(vld1_s8(x));
  } else {
    w = vreinterpretq_s16_u16(vmovl_u8(vld1_u8(x)));
  }
  return {vmovl_s16(vget_low_s16(w)), vmovl_high_s16(w)};
}

// Runs `step(x, y, c)` over a row 8 values at a time (c: the offset in the
// row); a tail of fewer goes through a buffer padded with `fill`, with c =
// -1.
template <typename In, typename Out, typename Step>
inline void ForEachStep(const In* x, int depth, int32_t fill, Out* y, const Step& step) {
  int c = 0;
  for (; c + 8 <= depth; c += 8) step(x + c, y + c, c);
  if (c < depth) {
    In x_tail[8];
    Out y_tail[8];
    std::fill(x_tail, x_tail + 8, static_cast<In>(fill));
    std::memcpy(x_tail, x + c, sizeof(In) * (depth - c));
    step(x_tail, y_tail, -1);
    std::memcpy(y + c, y_tail, sizeof(Out) * (depth - c));
  }
}

inline float32x4_t ClampToBound(float32x4_t v) {
  return vmaxq_f32(vminq_f32(v, vdupq_n_f32(kConvertBound)), vdupq_n_f32(-kConvertBound));
}

template <typename In, typename Out>
void Softmax8(const In* in, int outer, int depth, const Softmax8Params& p, Out* out) {
  constexpr int32_t kLo = std::numeric_limits<Out>::min();
  constexpr int32_t kHi = std::numeric_limits<Out>::max();
  float staged[kStagedEntries];
  for (int row = 0; row < outer; ++row) {
    const In* x = in + static_cast<size_t>(row) * depth;
    Out* y = out + static_cast<size_t>(row) * depth;
    const int32_t max_value = RowMax8(x, depth);
    const float sum = TableSum(p.table, max_value, x, depth, staged);
    const float inv_sum = 1.0f / (sum * p.output_scale);
    ForEachStep(x, depth, max_value, y, [&](const In* xs, Out* ys, int c) {
      float looked_up[8];
      const float* e = looked_up;
      if (c >= 0 && c + 8 <= kStagedEntries) {
        e = staged + c;
      } else {
        for (int k = 0; k < 8; ++k) looked_up[k] = p.table[255 - (max_value - xs[k])];
      }
      const float32x4_t s0 = vmulq_n_f32(vld1q_f32(e), inv_sum);
      const float32x4_t s1 = vmulq_n_f32(vld1q_f32(e + 4), inv_sum);
      I32x8 q;
      if constexpr (std::is_same_v<Out, uint8_t>) {
        // (int)(scaled + 0.5f), zero point unused (reference.h).
        const float32x4_t half = vdupq_n_f32(0.5f);
        q = {vcvtq_s32_f32(ClampToBound(vaddq_f32(s0, half))),
             vcvtq_s32_f32(ClampToBound(vaddq_f32(s1, half)))};
      } else {
        // round() + zero point.
        const int32x4_t zp = vdupq_n_s32(p.output_zero_point);
        q = {vaddq_s32(vcvtaq_s32_f32(ClampToBound(s0)), zp),
             vaddq_s32(vcvtaq_s32_f32(ClampToBound(s1)), zp)};
      }
      StoreNarrowed(ys, Clamp(q, kLo, kHi));
    });
  }
}

template <typename T>
void LogSoftmax8(const T* in, int outer, int depth, const LogSoftmax8Params& p, T* out) {
  constexpr int32_t kLo = std::numeric_limits<T>::min();
  constexpr int32_t kHi = std::numeric_limits<T>::max();
  const float ratio = p.input_scale / p.output_scale;
  const float32x4_t zero_point = vdupq_n_f32(static_cast<float>(p.output_zero_point));
  for (int row = 0; row < outer; ++row) {
    const T* x = in + static_cast<size_t>(row) * depth;
    T* y = out + static_cast<size_t>(row) * depth;
    const int32_t max_value = RowMax8(x, depth);
    const float log_sum = std::log(TableSum(p.table, max_value, x, depth, nullptr));
    const float32x4_t offset =
        vdupq_n_f32((p.input_scale * static_cast<float>(max_value) + log_sum) / p.output_scale);
    ForEachStep(x, depth, max_value, y, [&](const T* xs, T* ys, int) {
      const I32x8 xi = LoadWidened(xs);
      auto quantize = [&](int32x4_t v) {
        // (int)(rint(ratio * x - offset) + zero_point).
        const float32x4_t d = vsubq_f32(vmulq_n_f32(vcvtq_f32_s32(v), ratio), offset);
        return vcvtq_s32_f32(ClampToBound(vaddq_f32(vrndnq_f32(d), zero_point)));
      };
      StoreNarrowed(ys, Clamp(I32x8{quantize(xi.lo), quantize(xi.hi)}, kLo, kHi));
    });
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// float32

void f32_softmax_4x__neon(const float* in, int outer, int depth, float beta, float* out) {
  if (!(beta > 0.0f && beta < kInf)) {
    f32_softmax__reference(in, outer, depth, beta, out);
    return;
  }
  for (int row = 0; row < outer; ++row) {
    const float* x = in + static_cast<size_t>(row) * depth;
    float* y = out + static_cast<size_t>(row) * depth;
    const float max_value = RowMax(x, depth);
    const float inv_sum = 1.0f / ExpSum(x, depth, max_value, beta, /*scale_by_beta=*/true, y);
    int c = 0;
    for (; c + kLanes <= depth; c += kLanes) {
      vst1q_f32(y + c, vmulq_n_f32(vld1q_f32(y + c), inv_sum));
    }
    for (; c < depth; ++c) y[c] *= inv_sum;
  }
}

void f32_log_softmax_4x__neon(const float* in, int outer, int depth, float* out) {
  for (int row = 0; row < outer; ++row) {
    const float* x = in + static_cast<size_t>(row) * depth;
    float* y = out + static_cast<size_t>(row) * depth;
    const float max_value = RowMax(x, depth);
    const float log_sum =
        std::log(ExpSum(x, depth, max_value, 1.0f, /*scale_by_beta=*/false, nullptr));
    const float32x4_t vmax = vdupq_n_f32(max_value);
    const float32x4_t vlog = vdupq_n_f32(log_sum);
    int c = 0;
    for (; c + kLanes <= depth; c += kLanes) {
      vst1q_f32(y + c, vsubq_f32(vsubq_f32(vld1q_f32(x + c), vmax), vlog));
    }
    for (; c < depth; ++c) y[c] = x[c] - max_value - log_sum;
  }
}

// ---------------------------------------------------------------------------
// 8-bit

void qu8_softmax_8x__neon(const uint8_t* in, int outer, int depth, const Softmax8Params& p,
                          uint8_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qs8_softmax_8x__neon(const int8_t* in, int outer, int depth, const Softmax8Params& p,
                          int8_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qu8_softmax_qs16_8x__neon(const uint8_t* in, int outer, int depth, const Softmax8Params& p,
                               int16_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qs8_softmax_qs16_8x__neon(const int8_t* in, int outer, int depth, const Softmax8Params& p,
                               int16_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qu8_log_softmax_8x__neon(const uint8_t* in, int outer, int depth, const LogSoftmax8Params& p,
                              uint8_t* out) {
  LogSoftmax8(in, outer, depth, p, out);
}
void qs8_log_softmax_8x__neon(const int8_t* in, int outer, int depth, const LogSoftmax8Params& p,
                              int8_t* out) {
  LogSoftmax8(in, outer, depth, p, out);
}

}  // namespace liteforge::kernels
