// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON float32 activations, 4 elements per step; a tail of fewer than 4 is
// copied into a small buffer, run through the same step and copied back,
// so an element's result never depends on where a range starts. Accuracy
// against the reference: activation_variants.h.
//
// FMAX/FMIN are not std::max/std::min: they return +0 for (-0, +0) and
// NaN for a NaN operand either way. The clamps here are compare-and-select
// in std::max / std::min's own form, which makes them bit-exact.

#include <arm_neon.h>

#include <cstddef>
#include <cstring>

#include "liteforge/kernels/activation/activation_variants.h"

namespace liteforge::kernels {
namespace {

// std::max(a, b) = a < b ? b : a; std::min(a, b) = b < a ? b : a.
inline float32x4_t StdMax(float32x4_t a, float32x4_t b) { return vbslq_f32(vcltq_f32(a, b), b, a); }
inline float32x4_t StdMin(float32x4_t a, float32x4_t b) { return vbslq_f32(vcltq_f32(b, a), b, a); }

// exp(t) for t in [-87.3, 88]: the range reduction and degree-7 polynomial
// of x86_avx512.cc; 2^k is built in the exponent field (k stays within
// [-126, 127] on that range).
inline float32x4_t Exp(float32x4_t t) {
  const float32x4_t k = vrndnq_f32(vmulq_n_f32(t, 1.44269504f));
  float32x4_t r = vfmsq_f32(t, k, vdupq_n_f32(0.693359375f));
  r = vfmsq_f32(r, k, vdupq_n_f32(-2.12194440e-4f));
  // e^r = 1 + (r + r^2 q(r)): the leading 1 and r are added last.
  float32x4_t q = vdupq_n_f32(1.0f / 5040.0f);
  q = vfmaq_f32(vdupq_n_f32(1.0f / 720.0f), q, r);
  q = vfmaq_f32(vdupq_n_f32(1.0f / 120.0f), q, r);
  q = vfmaq_f32(vdupq_n_f32(1.0f / 24.0f), q, r);
  q = vfmaq_f32(vdupq_n_f32(1.0f / 6.0f), q, r);
  q = vfmaq_f32(vdupq_n_f32(0.5f), q, r);
  const float32x4_t p = vaddq_f32(vfmaq_f32(r, q, vmulq_f32(r, r)), vdupq_n_f32(1.0f));
  const int32x4_t bits = vshlq_n_s32(vaddq_s32(vcvtq_s32_f32(k), vdupq_n_s32(127)), 23);
  return vmulq_f32(p, vreinterpretq_f32_s32(bits));
}

template <typename Step>
void Apply(const float* in, size_t n, float* out, const Step& step) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) vst1q_f32(out + i, step(vld1q_f32(in + i)));
  if (i == n) return;
  float in_tail[4] = {}, out_tail[4];
  std::memcpy(in_tail, in + i, (n - i) * sizeof(float));
  vst1q_f32(out_tail, step(vld1q_f32(in_tail)));
  std::memcpy(out + i, out_tail, (n - i) * sizeof(float));
}

}  // namespace

void f32_clamp__neon(const float* in, size_t n, float lo, float hi, float* out) {
  const float32x4_t vlo = vdupq_n_f32(lo);
  const float32x4_t vhi = vdupq_n_f32(hi);
  Apply(in, n, out, [&](float32x4_t x) { return StdMin(StdMax(x, vlo), vhi); });
}

void f32_hard_swish__neon(const float* in, size_t n, float* out) {
  const float32x4_t three = vdupq_n_f32(3.0f);
  const float32x4_t six = vdupq_n_f32(6.0f);
  const float32x4_t zero = vdupq_n_f32(0.0f);
  Apply(in, n, out, [&](float32x4_t x) {
    // x * min(6, max(0, x + 3)) * (1/6), as the reference, product by product.
    const float32x4_t m = StdMin(six, StdMax(zero, vaddq_f32(x, three)));
    return vmulq_n_f32(vmulq_f32(x, m), 1.0f / 6.0f);
  });
}

void f32_logistic__neon(const float* in, size_t n, float* out) {
  const float32x4_t one = vdupq_n_f32(1.0f);
  const float32x4_t lo = vdupq_n_f32(-87.3f);
  const float32x4_t hi = vdupq_n_f32(kLogisticSubnormalBelow);
  const float32x4_t floor = vdupq_n_f32(-kLogisticSubnormalBelow);
  Apply(in, n, out, [&](float32x4_t x) {
    // FMAX/FMIN turn a NaN x into a NaN t; the result is x itself then.
    const float32x4_t t = vminq_f32(vmaxq_f32(vnegq_f32(x), lo), hi);
    float32x4_t y = vdivq_f32(one, vaddq_f32(one, Exp(t)));
    // Where the exact result is subnormal, 0 (activation_variants.h); a NaN
    // compares false here and keeps y, then gets itself back below.
    const uint32x4_t subnormal = vcltq_f32(x, floor);
    y = vreinterpretq_f32_u32(vbicq_u32(vreinterpretq_u32_f32(y), subnormal));
    const uint32x4_t is_nan = vmvnq_u32(vceqq_f32(x, x));
    return vbslq_f32(is_nan, x, y);
  });
}

}  // namespace liteforge::kernels
