// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 CONCATENATION / SPLIT (data_movement_variants.h). Block copies
// shorter than 64 bytes are one masked load / store, longer ones 64-byte
// steps whose last one overlaps the one before it; very long blocks go to
// memcpy. The uint8 / int8 requantizing concatenation converts 16 elements
// per step to float, with a masked last step.

// GCC 12.2 warns about the deliberately undefined vectors inside its own
// AVX-512 intrinsics (GCC bug 105593); the warnings are not about our code.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

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
constexpr size_t kLibraryBytes = 4096;

inline void Copy(uint8_t* out, const uint8_t* in, size_t n) {
  if (n >= 64) {
    if (n > kLibraryBytes) {
      std::memcpy(out, in, n);
      return;
    }
    size_t p = 0;
    for (; p + 64 <= n; p += 64) _mm512_storeu_si512(out + p, _mm512_loadu_si512(in + p));
    if (p < n) _mm512_storeu_si512(out + n - 64, _mm512_loadu_si512(in + n - 64));
  } else if (n > 0) {
    const __mmask64 m = (__mmask64{1} << n) - 1;
    _mm512_mask_storeu_epi8(out, m, _mm512_maskz_loadu_epi8(m, in));
  }
}

// The compiler would contract the product and the add after it into an FMA
// (-ffp-contract=fast applies to intrinsics); the reference rounds the
// product first. An empty asm hides the product.
inline __m512 Product(__m512 x, __m512 w) {
  __m512 p = _mm512_mul_ps(x, w);
  __asm__("" : "+v"(p));
  return p;
}

template <typename T>
inline __m512i Widen(__m128i bytes) {
  if constexpr (std::is_signed_v<T>) {
    return _mm512_cvtepi8_epi32(bytes);
  } else {
    return _mm512_cvtepu8_epi32(bytes);
  }
}

template <typename T>
void Requantize(const T* src, size_t n, const ConcatRequant& r, int32_t act_min, int32_t act_max,
                T* out) {
  const __m512 scale = _mm512_set1_ps(r.scale);
  const __m512 bias = _mm512_set1_ps(r.bias);
  const __m512 lo = _mm512_set1_ps(static_cast<float>(act_min - r.output_zero_point));
  const __m512 hi = _mm512_set1_ps(static_cast<float>(act_max - r.output_zero_point));
  const __m512 half = _mm512_set1_ps(0.5f);
  const __m512 one = _mm512_set1_ps(1.f);
  const __m512 sign = _mm512_set1_ps(-0.f);
  const __m512i zp = _mm512_set1_epi32(r.output_zero_point);
  for (size_t j = 0; j < n; j += 16) {
    const __mmask16 m = n - j >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << (n - j)) - 1);
    const __m512i q_in = Widen<T>(_mm_maskz_loadu_epi8(m, src + j));
    __m512 x = _mm512_add_ps(Product(_mm512_cvtepi32_ps(q_in), scale), bias);
    x = _mm512_min_ps(_mm512_max_ps(x, lo), hi);
    __m512 t = _mm512_roundscale_ps(x, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m512 frac = _mm512_abs_ps(_mm512_sub_ps(x, t));
    const __mmask16 up = _mm512_cmp_ps_mask(frac, half, _CMP_GE_OQ);
    t = _mm512_mask_add_ps(t, up, t, _mm512_or_ps(_mm512_and_ps(x, sign), one));
    const __m512i q = _mm512_add_epi32(_mm512_cvttps_epi32(t), zp);
    _mm_mask_storeu_epi8(out + j, m, _mm512_cvtepi32_epi8(q));
  }
}

template <typename T>
void Clamp(const T* src, size_t n, int32_t act_min, int32_t act_max, T* out) {
  const __m512i lo = _mm512_set1_epi8(static_cast<char>(act_min));
  const __m512i hi = _mm512_set1_epi8(static_cast<char>(act_max));
  for (size_t j = 0; j < n; j += 64) {
    const __mmask64 m = n - j >= 64 ? ~__mmask64{0} : (__mmask64{1} << (n - j)) - 1;
    const __m512i v = _mm512_maskz_loadu_epi8(m, src + j);
    __m512i c;
    if constexpr (std::is_signed_v<T>) {
      c = _mm512_min_epi8(_mm512_max_epi8(v, lo), hi);
    } else {
      c = _mm512_min_epu8(_mm512_max_epu8(v, lo), hi);
    }
    _mm512_mask_storeu_epi8(out + j, m, c);
  }
}

}  // namespace

void x8_concat_64b__avx512(int64_t outer, std::span<const uint8_t* const> inputs,
                           std::span<const size_t> block_bytes, uint8_t* output) {
  block_loops::Concat<Copy>(outer, inputs, block_bytes, output);
}

void x8_split_64b__avx512(int64_t outer, const uint8_t* input, std::span<uint8_t* const> outputs,
                          std::span<const size_t> block_bytes) {
  block_loops::Split<Copy>(outer, input, outputs, block_bytes);
}

void qu8_concat_requant_16x__avx512(int64_t outer, std::span<const uint8_t* const> inputs,
                                    std::span<const size_t> block_elems,
                                    std::span<const ConcatRequant> requant, int32_t act_min,
                                    int32_t act_max, uint8_t* output) {
  block_loops::ConcatRequantize<uint8_t, Copy, Clamp, Requantize>(
      outer, inputs, block_elems, requant, act_min, act_max, output);
}

void qs8_concat_requant_16x__avx512(int64_t outer, std::span<const int8_t* const> inputs,
                                    std::span<const size_t> block_elems,
                                    std::span<const ConcatRequant> requant, int32_t act_min,
                                    int32_t act_max, int8_t* output) {
  block_loops::ConcatRequantize<int8_t, Copy, Clamp, Requantize>(outer, inputs, block_elems,
                                                                 requant, act_min, act_max, output);
}

}  // namespace liteforge::kernels
