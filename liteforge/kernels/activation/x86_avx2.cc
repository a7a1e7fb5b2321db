// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 float32 activations, 8 elements per step; the tail goes through the
// same vector code with masked loads and stores, so an element's result
// never depends on where a range starts. Built with the AVX2/FMA flags;
// only called after CpuFeatures says the CPU has them. Accuracy against the
// reference: activation_variants.h.

#if defined(__x86_64__)

#include <immintrin.h>

#include <cstddef>

#include "liteforge/kernels/activation/activation_variants.h"

namespace liteforge::kernels {
namespace {

// Lanes [0, remaining) set, for vmaskmov (which neither reads nor writes
// the others).
inline __m256i TailMask(size_t remaining) {
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(remaining)), lane);
}

// exp(t) for t in [-87.3, 88], as in x86_avx512.cc; 2^k is built in the
// exponent field (k stays within [-126, 127] on that range).
inline __m256 Exp(__m256 t) {
  const __m256 k = _mm256_round_ps(_mm256_mul_ps(t, _mm256_set1_ps(1.44269504f)),
                                   _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(k, _mm256_set1_ps(0.693359375f), t);
  r = _mm256_fnmadd_ps(k, _mm256_set1_ps(-2.12194440e-4f), r);
  // e^r = 1 + (r + r^2 q(r)): the leading 1 and r are added last, so the
  // rounding errors of the higher terms shrink with their size.
  __m256 q = _mm256_set1_ps(1.0f / 5040.0f);
  q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(1.0f / 720.0f));
  q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(1.0f / 120.0f));
  q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(1.0f / 24.0f));
  q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(1.0f / 6.0f));
  q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(0.5f));
  const __m256 p = _mm256_add_ps(_mm256_fmadd_ps(q, _mm256_mul_ps(r, r), r), _mm256_set1_ps(1.0f));
  const __m256i bits =
      _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(k), _mm256_set1_epi32(127)), 23);
  return _mm256_mul_ps(p, _mm256_castsi256_ps(bits));
}

template <typename Step>
void Apply(const float* in, size_t n, float* out, const Step& step) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, step(_mm256_loadu_ps(in + i)));
  if (i < n) {
    const __m256i m = TailMask(n - i);
    _mm256_maskstore_ps(out + i, m, step(_mm256_maskload_ps(in + i, m)));
  }
}

}  // namespace

void f32_clamp__avx2(const float* in, size_t n, float lo, float hi, float* out) {
  // Operand order as in x86_avx512.cc: a NaN passes through.
  const __m256 vlo = _mm256_set1_ps(lo);
  const __m256 vhi = _mm256_set1_ps(hi);
  Apply(in, n, out, [&](__m256 x) { return _mm256_min_ps(vhi, _mm256_max_ps(vlo, x)); });
}

void f32_hard_swish__avx2(const float* in, size_t n, float* out) {
  const __m256 three = _mm256_set1_ps(3.0f);
  const __m256 six = _mm256_set1_ps(6.0f);
  const __m256 zero = _mm256_setzero_ps();
  const __m256 sixth = _mm256_set1_ps(1.0f / 6.0f);
  Apply(in, n, out, [&](__m256 x) {
    const __m256 m = _mm256_min_ps(_mm256_max_ps(_mm256_add_ps(x, three), zero), six);
    return _mm256_mul_ps(_mm256_mul_ps(x, m), sixth);
  });
}

void f32_logistic__avx2(const float* in, size_t n, float* out) {
  const __m256 one = _mm256_set1_ps(1.0f);
  const __m256 lo = _mm256_set1_ps(-87.3f);
  const __m256 hi = _mm256_set1_ps(kLogisticSubnormalBelow);
  Apply(in, n, out, [&](__m256 x) {
    const __m256 t = _mm256_min_ps(_mm256_max_ps(_mm256_sub_ps(_mm256_setzero_ps(), x), lo), hi);
    __m256 y = _mm256_div_ps(one, _mm256_add_ps(one, Exp(t)));
    // Where the exact result is subnormal, 0 (activation_variants.h); NaN
    // compares unordered, keeps y here and gets itself back below.
    y = _mm256_and_ps(y, _mm256_cmp_ps(x, _mm256_set1_ps(-kLogisticSubnormalBelow), _CMP_NLT_UQ));
    return _mm256_blendv_ps(y, x, _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
  });
}

}  // namespace liteforge::kernels

#endif  // defined(__x86_64__)
