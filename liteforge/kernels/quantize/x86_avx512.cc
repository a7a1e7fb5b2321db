// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 per-tensor QUANTIZE (float32 -> int8 / uint8, and between uint8
// and int8) and DEQUANTIZE (int8 / uint8 -> float32), 16 elements per step
// with a masked tail.
// Built with the AVX-512 flags; only called after CpuFeatures says the CPU
// has AVX-512 F/BW/VL/DQ. Why each is bit-exact with the reference:
// quantize_variants.h.

#if defined(__x86_64__)

#include <immintrin.h>

#include <cstdint>
#include <type_traits>

#include "liteforge/kernels/quantize/quantize_variants.h"
#include "liteforge/kernels/requantize/shift_split.h"
#include "liteforge/kernels/requantize/x86_avx512_requantize.h"

namespace liteforge::kernels {
namespace {

inline __mmask16 TailMask(size_t remaining) {
  return remaining >= 16 ? static_cast<__mmask16>(0xFFFF)
                         : static_cast<__mmask16>((1u << remaining) - 1);
}

// std::round on 8 doubles: truncate, then step one away from zero where the
// dropped fraction (exact: q - trunc(q) needs no rounding) is at least 1/2.
// NaN and infinities come out unchanged (their fraction compares false).
inline __m512d RoundHalfAway(__m512d q) {
  const __m512d t = _mm512_roundscale_pd(q, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  const __m512d fraction = _mm512_abs_pd(_mm512_sub_pd(q, t));
  const __mmask8 away = _mm512_cmp_pd_mask(fraction, _mm512_set1_pd(0.5), _CMP_GE_OQ);
  const __m512d sign = _mm512_and_pd(q, _mm512_set1_pd(-0.0));
  const __m512d step = _mm512_or_pd(sign, _mm512_set1_pd(1.0));
  return _mm512_mask_add_pd(t, away, t, step);
}

// round(x / scale) as int32 for 8 floats; cvttpd gives INT32_MIN for NaN
// and anything outside int32, as the reference's TruncToInt32 does.
inline __m256i QuantizeHalf(__m256 x, __m512d scale) {
  const __m512d q = _mm512_div_pd(_mm512_cvtps_pd(x), scale);
  return _mm512_cvttpd_epi32(RoundHalfAway(q));
}

template <typename T>
void Quantize(const float* in, size_t n, float scale, int32_t zero_point, T* out) {
  const __m512d s = _mm512_set1_pd(static_cast<double>(scale));
  const __m512i zp = _mm512_set1_epi32(zero_point);
  const __m512i lo = _mm512_set1_epi32(std::is_signed_v<T> ? -128 : 0);
  const __m512i hi = _mm512_set1_epi32(std::is_signed_v<T> ? 127 : 255);
  for (size_t i = 0; i < n; i += 16) {
    const __mmask16 m = TailMask(n - i);
    const __m512 x = _mm512_maskz_loadu_ps(m, in + i);
    const __m256i low = QuantizeHalf(_mm512_castps512_ps256(x), s);
    const __m256i high = QuantizeHalf(_mm512_extractf32x8_ps(x, 1), s);
    __m512i v = _mm512_inserti64x4(_mm512_castsi256_si512(low), high, 1);
    v = _mm512_add_epi32(v, zp);  // wraps, as the reference's WrappingAdd32
    v = _mm512_min_epi32(_mm512_max_epi32(v, lo), hi);
    _mm_mask_storeu_epi8(out + i, m, _mm512_cvtepi32_epi8(v));
  }
}

template <typename T>
void Dequantize(const T* in, size_t n, float scale, int32_t zero_point, float* out) {
  const __m512 s = _mm512_set1_ps(scale);
  const __m512i zp = _mm512_set1_epi32(zero_point);
  for (size_t i = 0; i < n; i += 16) {
    const __mmask16 m = TailMask(n - i);
    const __m128i bytes = _mm_maskz_loadu_epi8(m, in + i);
    const __m512i q = std::is_signed_v<T> ? _mm512_cvtepi8_epi32(bytes)
                                          : _mm512_cvtepu8_epi32(bytes);
    const __m512 centered = _mm512_cvtepi32_ps(_mm512_sub_epi32(q, zp));
    _mm512_mask_storeu_ps(out + i, m, _mm512_mul_ps(s, centered));
  }
}

// out = clamp(out_zp + M * (in - in_zp)), M = multiplier * 2^(shift - 31)
// as the reference's MultiplyByQuantizedMultiplier (the vector ConvScale
// with ties away from zero), 16 elements per step.
template <typename In, typename Out>
void Requantize8(const void* in_raw, size_t n, const RequantizeParams& p, void* out_raw) {
  const auto* in = static_cast<const In*>(in_raw);
  auto* out = static_cast<Out*>(out_raw);
  const int32_t delta = p.output_zero_point - p.input_zero_point;
  if (p.multiplier == (1 << 30) && p.shift == 1 && delta >= -1024 && delta <= 1024) {
    // Equal scales: M is exactly 1, so the result is in - in_zp + out_zp,
    // which int16 holds; saturate to the output type, 32 per step.
    const __m512i d = _mm512_set1_epi16(static_cast<int16_t>(delta));
    for (size_t i = 0; i < n; i += 32) {
      const __mmask32 m = n - i >= 32 ? ~__mmask32{0} : (__mmask32{1} << (n - i)) - 1;
      const __m256i bytes = _mm256_maskz_loadu_epi8(m, in + i);
      __m512i w = std::is_signed_v<In> ? _mm512_cvtepi8_epi16(bytes) : _mm512_cvtepu8_epi16(bytes);
      w = _mm512_add_epi16(w, d);
      __m256i narrowed;
      if constexpr (std::is_signed_v<Out>) {
        narrowed = _mm512_cvtsepi16_epi8(w);
      } else {
        w = _mm512_min_epi16(_mm512_max_epi16(w, _mm512_setzero_si512()), _mm512_set1_epi16(255));
        narrowed = _mm512_cvtepi16_epi8(w);
      }
      _mm256_mask_storeu_epi8(out + i, m, narrowed);
    }
    return;
  }
  const __m512i in_zp = _mm512_set1_epi32(p.input_zero_point);
  const __m512i multiplier = _mm512_set1_epi32(p.multiplier);
  const __m512i left = _mm512_set1_epi32(LeftShiftOf(p.shift));
  const __m512i right = _mm512_set1_epi32(RightShiftOf(p.shift));
  const __m512i out_zp = _mm512_set1_epi32(p.output_zero_point);
  const __m512i lo = _mm512_set1_epi32(std::is_signed_v<Out> ? -128 : 0);
  const __m512i hi = _mm512_set1_epi32(std::is_signed_v<Out> ? 127 : 255);
  for (size_t i = 0; i < n; i += 16) {
    const __mmask16 m = TailMask(n - i);
    const __m128i bytes = _mm_maskz_loadu_epi8(m, in + i);
    __m512i x = std::is_signed_v<In> ? _mm512_cvtepi8_epi32(bytes) : _mm512_cvtepu8_epi32(bytes);
    x = _mm512_sub_epi32(x, in_zp);
    const __m512i v = avx512::Requantize<ConvRounding::kDoubleRounding>(x, multiplier, left, right,
                                                                       out_zp, lo, hi);
    _mm_mask_storeu_epi8(out + i, m, _mm512_cvtepi32_epi8(v));
  }
}

}  // namespace

void qu8_requantize_qs8__avx512(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<uint8_t, int8_t>(in, n, p, out);
}
void qs8_requantize_qu8__avx512(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<int8_t, uint8_t>(in, n, p, out);
}
void qs8_requantize_qs8__avx512(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<int8_t, int8_t>(in, n, p, out);
}
void qu8_requantize_qu8__avx512(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<uint8_t, uint8_t>(in, n, p, out);
}

void f32_quantize_qs8__avx512(const float* in, size_t n, float scale, int32_t zero_point,
                              int8_t* out) {
  Quantize(in, n, scale, zero_point, out);
}
void f32_quantize_qu8__avx512(const float* in, size_t n, float scale, int32_t zero_point,
                              uint8_t* out) {
  Quantize(in, n, scale, zero_point, out);
}
void qs8_dequantize__avx512(const int8_t* in, size_t n, float scale, int32_t zero_point,
                            float* out) {
  Dequantize(in, n, scale, zero_point, out);
}
void qu8_dequantize__avx512(const uint8_t* in, size_t n, float scale, int32_t zero_point,
                            float* out) {
  Dequantize(in, n, scale, zero_point, out);
}

}  // namespace liteforge::kernels

#endif  // defined(__x86_64__)
