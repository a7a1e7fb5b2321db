// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 per-tensor QUANTIZE (float32 -> int8 / uint8, and between uint8
// and int8) and DEQUANTIZE
// (int8 / uint8 -> float32), 8 elements per step; a tail of fewer than 8 is
// copied into a small buffer, run through the same step and copied back.
// Built with the AVX2 flags; only called after CpuFeatures says the CPU has
// AVX2. Why each is bit-exact with the reference: quantize_variants.h.

#if defined(__x86_64__)

#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "liteforge/kernels/quantize/quantize_variants.h"
#include "liteforge/kernels/requantize/shift_split.h"
#include "liteforge/kernels/requantize/x86_avx2_requantize.h"

namespace liteforge::kernels {
namespace {

constexpr size_t kLanes = 8;

// std::round on 4 doubles: truncate, then step one away from zero where the
// exact dropped fraction is at least 1/2. NaN and infinities pass through.
inline __m256d RoundHalfAway(__m256d q) {
  const __m256d sign_bit = _mm256_set1_pd(-0.0);
  const __m256d t = _mm256_round_pd(q, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  const __m256d fraction = _mm256_andnot_pd(sign_bit, _mm256_sub_pd(q, t));
  const __m256d away = _mm256_cmp_pd(fraction, _mm256_set1_pd(0.5), _CMP_GE_OQ);
  const __m256d step = _mm256_or_pd(_mm256_and_pd(q, sign_bit), _mm256_set1_pd(1.0));
  return _mm256_add_pd(t, _mm256_and_pd(away, step));
}

// round(x / scale) as int32 for 4 floats; cvttpd gives INT32_MIN for NaN
// and anything outside int32, as the reference's TruncToInt32 does.
inline __m128i QuantizeQuarter(__m128 x, __m256d scale) {
  const __m256d q = _mm256_div_pd(_mm256_cvtps_pd(x), scale);
  return _mm256_cvttpd_epi32(RoundHalfAway(q));
}

template <typename T>
void QuantizeGroup(const float* in, __m256d s, __m256i zp, T* out) {
  const __m128i low = QuantizeQuarter(_mm_loadu_ps(in), s);
  const __m128i high = QuantizeQuarter(_mm_loadu_ps(in + 4), s);
  // Wrapping add of the zero point, as the reference's WrappingAdd32.
  __m256i v = _mm256_add_epi32(_mm256_set_m128i(high, low), zp);
  v = _mm256_max_epi32(v, _mm256_set1_epi32(std::is_signed_v<T> ? -128 : 0));
  v = _mm256_min_epi32(v, _mm256_set1_epi32(std::is_signed_v<T> ? 127 : 255));
  const __m128i words =
      _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  const __m128i bytes =
      std::is_signed_v<T> ? _mm_packs_epi16(words, words) : _mm_packus_epi16(words, words);
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), bytes);
}

template <typename T>
void Quantize(const float* in, size_t n, float scale, int32_t zero_point, T* out) {
  const __m256d s = _mm256_set1_pd(static_cast<double>(scale));
  const __m256i zp = _mm256_set1_epi32(zero_point);
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) QuantizeGroup(in + i, s, zp, out + i);
  if (i == n) return;
  float in_tail[kLanes] = {};
  T out_tail[kLanes];
  std::memcpy(in_tail, in + i, (n - i) * sizeof(float));
  QuantizeGroup(in_tail, s, zp, out_tail);
  std::memcpy(out + i, out_tail, (n - i) * sizeof(T));
}

template <typename T>
void DequantizeGroup(const T* in, __m256 s, __m256i zp, float* out) {
  const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(in));
  const __m256i q =
      std::is_signed_v<T> ? _mm256_cvtepi8_epi32(bytes) : _mm256_cvtepu8_epi32(bytes);
  _mm256_storeu_ps(out, _mm256_mul_ps(s, _mm256_cvtepi32_ps(_mm256_sub_epi32(q, zp))));
}

template <typename T>
void Dequantize(const T* in, size_t n, float scale, int32_t zero_point, float* out) {
  const __m256 s = _mm256_set1_ps(scale);
  const __m256i zp = _mm256_set1_epi32(zero_point);
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) DequantizeGroup(in + i, s, zp, out + i);
  if (i == n) return;
  T in_tail[kLanes] = {};
  float out_tail[kLanes];
  std::memcpy(in_tail, in + i, (n - i) * sizeof(T));
  DequantizeGroup(in_tail, s, zp, out_tail);
  std::memcpy(out + i, out_tail, (n - i) * sizeof(float));
}

// out = clamp(out_zp + M * (in - in_zp)) as the reference's
// MultiplyByQuantizedMultiplier (the vector ConvScale with ties away from
// zero), 8 elements per step; the tail goes through a small buffer.
template <typename In, typename Out>
void Requantize8Group(const In* in, __m256i in_zp, __m256i multiplier, __m256i left,
                      __m256i right, __m256i out_zp, Out* out) {
  const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(in));
  __m256i x = std::is_signed_v<In> ? _mm256_cvtepi8_epi32(bytes) : _mm256_cvtepu8_epi32(bytes);
  x = _mm256_sub_epi32(x, in_zp);
  const __m256i lo = _mm256_set1_epi32(std::is_signed_v<Out> ? -128 : 0);
  const __m256i hi = _mm256_set1_epi32(std::is_signed_v<Out> ? 127 : 255);
  const __m256i v =
      avx2::Requantize<ConvRounding::kDoubleRounding>(x, multiplier, left, right, out_zp, lo, hi);
  const __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  const __m128i narrowed =
      std::is_signed_v<Out> ? _mm_packs_epi16(words, words) : _mm_packus_epi16(words, words);
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), narrowed);
}

template <typename In, typename Out>
void Requantize8(const void* in_raw, size_t n, const RequantizeParams& p, void* out_raw) {
  const auto* in = static_cast<const In*>(in_raw);
  auto* out = static_cast<Out*>(out_raw);
  const __m256i in_zp = _mm256_set1_epi32(p.input_zero_point);
  const __m256i multiplier = _mm256_set1_epi32(p.multiplier);
  const __m256i left = _mm256_set1_epi32(LeftShiftOf(p.shift));
  const __m256i right = _mm256_set1_epi32(RightShiftOf(p.shift));
  const __m256i out_zp = _mm256_set1_epi32(p.output_zero_point);
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    Requantize8Group(in + i, in_zp, multiplier, left, right, out_zp, out + i);
  }
  if (i == n) return;
  In in_tail[kLanes] = {};
  Out out_tail[kLanes];
  std::memcpy(in_tail, in + i, (n - i) * sizeof(In));
  Requantize8Group(in_tail, in_zp, multiplier, left, right, out_zp, out_tail);
  std::memcpy(out + i, out_tail, (n - i) * sizeof(Out));
}

}  // namespace

void qu8_requantize_qs8__avx2(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<uint8_t, int8_t>(in, n, p, out);
}
void qs8_requantize_qu8__avx2(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<int8_t, uint8_t>(in, n, p, out);
}
void qs8_requantize_qs8__avx2(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<int8_t, int8_t>(in, n, p, out);
}
void qu8_requantize_qu8__avx2(const void* in, size_t n, const RequantizeParams& p, void* out) {
  Requantize8<uint8_t, uint8_t>(in, n, p, out);
}

void f32_quantize_qs8__avx2(const float* in, size_t n, float scale, int32_t zero_point,
                            int8_t* out) {
  Quantize(in, n, scale, zero_point, out);
}
void f32_quantize_qu8__avx2(const float* in, size_t n, float scale, int32_t zero_point,
                            uint8_t* out) {
  Quantize(in, n, scale, zero_point, out);
}
void qs8_dequantize__avx2(const int8_t* in, size_t n, float scale, int32_t zero_point,
                          float* out) {
  Dequantize(in, n, scale, zero_point, out);
}
void qu8_dequantize__avx2(const uint8_t* in, size_t n, float scale, int32_t zero_point,
                          float* out) {
  Dequantize(in, n, scale, zero_point, out);
}

}  // namespace liteforge::kernels

#endif  // defined(__x86_64__)
