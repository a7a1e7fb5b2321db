// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 float32 activations, 16 elements per step with a masked tail.
// Built with the AVX-512 flags; only called after CpuFeatures says the CPU
// has AVX-512 F/BW/VL/DQ. Accuracy against the reference:
// activation_variants.h.

#if defined(__x86_64__)

#include <immintrin.h>

#include <cstddef>

#include "liteforge/kernels/activation/activation_variants.h"

namespace liteforge::kernels {
namespace {

inline __mmask16 TailMask(size_t remaining) {
  return remaining >= 16 ? static_cast<__mmask16>(0xFFFF)
                         : static_cast<__mmask16>((1u << remaining) - 1);
}

// exp(t) for t in [-87.3, 88]: t = k ln2 + r with |r| <= ln2 / 2, ln2 split
// so k * ln2_hi is exact; e^r by its Taylor series to r^7 (the next term is
// below 2^-27 of the result); scalef applies 2^k.
inline __m512 Exp(__m512 t) {
  const __m512 k = _mm512_roundscale_ps(_mm512_mul_ps(t, _mm512_set1_ps(1.44269504f)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(k, _mm512_set1_ps(0.693359375f), t);
  r = _mm512_fnmadd_ps(k, _mm512_set1_ps(-2.12194440e-4f), r);
  // e^r = 1 + (r + r^2 q(r)): the leading 1 and r are added last, so the
  // rounding errors of the higher terms shrink with their size.
  __m512 q = _mm512_set1_ps(1.0f / 5040.0f);
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(1.0f / 720.0f));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(1.0f / 120.0f));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(1.0f / 24.0f));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(1.0f / 6.0f));
  q = _mm512_fmadd_ps(q, r, _mm512_set1_ps(0.5f));
  const __m512 p = _mm512_add_ps(_mm512_fmadd_ps(q, _mm512_mul_ps(r, r), r), _mm512_set1_ps(1.0f));
  return _mm512_scalef_ps(p, k);
}

}  // namespace

void f32_clamp__avx512(const float* in, size_t n, float lo, float hi, float* out) {
  // max(lo, x) returns x when x is NaN and min(hi, v) returns v: the NaN
  // passes through, as std::min(std::max(x, lo), hi) lets it.
  const __m512 vlo = _mm512_set1_ps(lo);
  const __m512 vhi = _mm512_set1_ps(hi);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m512 x = _mm512_loadu_ps(in + i);
    _mm512_storeu_ps(out + i, _mm512_min_ps(vhi, _mm512_max_ps(vlo, x)));
  }
  if (i < n) {
    const __mmask16 m = TailMask(n - i);
    const __m512 x = _mm512_maskz_loadu_ps(m, in + i);
    _mm512_mask_storeu_ps(out + i, m, _mm512_min_ps(vhi, _mm512_max_ps(vlo, x)));
  }
}

void f32_hard_swish__avx512(const float* in, size_t n, float* out) {
  const __m512 three = _mm512_set1_ps(3.0f);
  const __m512 six = _mm512_set1_ps(6.0f);
  const __m512 zero = _mm512_setzero_ps();
  const __m512 sixth = _mm512_set1_ps(1.0f / 6.0f);
  // std::max(0, t) is (0 < t ? t : 0), i.e. max_ps(t, 0); std::min(6, u)
  // is (u < 6 ? u : 6), i.e. min_ps(u, 6); then (x * m) * (1/6).
  const auto step = [&](__m512 x) {
    const __m512 m = _mm512_min_ps(_mm512_max_ps(_mm512_add_ps(x, three), zero), six);
    return _mm512_mul_ps(_mm512_mul_ps(x, m), sixth);
  };
  size_t i = 0;
  for (; i + 16 <= n; i += 16) _mm512_storeu_ps(out + i, step(_mm512_loadu_ps(in + i)));
  if (i < n) {
    const __mmask16 m = TailMask(n - i);
    _mm512_mask_storeu_ps(out + i, m, step(_mm512_maskz_loadu_ps(m, in + i)));
  }
}

void f32_logistic__avx512(const float* in, size_t n, float* out) {
  const __m512 one = _mm512_set1_ps(1.0f);
  const __m512 lo = _mm512_set1_ps(-87.3f);
  const __m512 hi = _mm512_set1_ps(kLogisticSubnormalBelow);
  const auto step = [&](__m512 x) {
    const __m512 t = _mm512_min_ps(_mm512_max_ps(_mm512_sub_ps(_mm512_setzero_ps(), x), lo), hi);
    __m512 y = _mm512_div_ps(one, _mm512_add_ps(one, Exp(t)));
    // Where the exact result is subnormal, 0 (activation_variants.h).
    y = _mm512_maskz_mov_ps(
        _mm512_cmp_ps_mask(x, _mm512_set1_ps(-kLogisticSubnormalBelow), _CMP_NLT_UQ), y);
    // The clamp turned NaN into a bound; give it back.
    return _mm512_mask_mov_ps(y, _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q), x);
  };
  size_t i = 0;
  for (; i + 16 <= n; i += 16) _mm512_storeu_ps(out + i, step(_mm512_loadu_ps(in + i)));
  if (i < n) {
    const __mmask16 m = TailMask(n - i);
    _mm512_mask_storeu_ps(out + i, m, step(_mm512_maskz_loadu_ps(m, in + i)));
  }
}

}  // namespace liteforge::kernels

#endif  // defined(__x86_64__)
