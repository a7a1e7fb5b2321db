// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 CONCATENATION / SPLIT (data_movement_variants.h). Block copies take
// 32-byte steps whose last one overlaps the one before it (shorter blocks
// 16/8/4-byte pairs that overlap the same way); very long blocks go to
// memcpy. The uint8 / int8 requantizing concatenation converts 8 elements
// per step to float; a short last step runs through a small buffer.
//
// The strided copy interleaves 2-4 byte planes (an NCHW -> NHWC TRANSPOSE
// of an RGB image and the like) 16 bytes per plane and step with byte
// shuffles (SSSE3, part of AVX2); any other plan runs the reference.

#include <immintrin.h>

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
  if (n >= 32) {
    if (n > kLibraryBytes) {
      std::memcpy(out, in, n);
      return;
    }
    size_t p = 0;
    for (; p + 32 <= n; p += 32) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + p),
                          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + p)));
    }
    if (p < n) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + n - 32),
                          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + n - 32)));
    }
  } else if (n >= 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + n - 16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), a);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + n - 16), b);
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

// The compiler would contract the product and the add after it into an FMA
// (-ffp-contract=fast applies to intrinsics); the reference rounds the
// product first. An empty asm hides the product.
inline __m256 Product(__m256 x, __m256 w) {
  __m256 p = _mm256_mul_ps(x, w);
  __asm__("" : "+x"(p));
  return p;
}

struct RequantConstants {
  __m256 scale, bias, lo, hi;
  __m256i zp;
};

// Eight elements from src[0..8) to out[0..8).
template <typename T>
inline void Requantize8(const T* src, const RequantConstants& k, T* out) {
  const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src));
  const __m256i q_in =
      std::is_signed_v<T> ? _mm256_cvtepi8_epi32(bytes) : _mm256_cvtepu8_epi32(bytes);
  __m256 x = _mm256_add_ps(Product(_mm256_cvtepi32_ps(q_in), k.scale), k.bias);
  x = _mm256_min_ps(_mm256_max_ps(x, k.lo), k.hi);
  const __m256 t = _mm256_round_ps(x, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  const __m256 sign = _mm256_set1_ps(-0.f);
  const __m256 frac = _mm256_andnot_ps(sign, _mm256_sub_ps(x, t));
  const __m256 up = _mm256_cmp_ps(frac, _mm256_set1_ps(0.5f), _CMP_GE_OQ);
  const __m256 step = _mm256_or_ps(_mm256_and_ps(x, sign), _mm256_set1_ps(1.f));
  const __m256 rounded = _mm256_add_ps(t, _mm256_and_ps(up, step));
  const __m256i q = _mm256_add_epi32(_mm256_cvttps_epi32(rounded), k.zp);
  // Every value is inside the type's range here, so the saturating packs
  // only narrow.
  const __m128i q16 = _mm_packs_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
  const __m128i q8 = std::is_signed_v<T> ? _mm_packs_epi16(q16, q16) : _mm_packus_epi16(q16, q16);
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), q8);
}

template <typename T>
void Requantize(const T* src, size_t n, const ConcatRequant& r, int32_t act_min, int32_t act_max,
                T* out) {
  RequantConstants k;
  k.scale = _mm256_set1_ps(r.scale);
  k.bias = _mm256_set1_ps(r.bias);
  k.lo = _mm256_set1_ps(static_cast<float>(act_min - r.output_zero_point));
  k.hi = _mm256_set1_ps(static_cast<float>(act_max - r.output_zero_point));
  k.zp = _mm256_set1_epi32(r.output_zero_point);
  size_t j = 0;
  for (; j + 8 <= n; j += 8) Requantize8(src + j, k, out + j);
  if (j < n) {
    T in[8] = {}, res[8];
    std::memcpy(in, src + j, n - j);
    Requantize8(in, k, res);
    std::memcpy(out + j, res, n - j);
  }
}

template <typename T>
void Clamp(const T* src, size_t n, int32_t act_min, int32_t act_max, T* out) {
  const __m256i lo = _mm256_set1_epi8(static_cast<char>(act_min));
  const __m256i hi = _mm256_set1_epi8(static_cast<char>(act_max));
  size_t j = 0;
  for (; j + 32 <= n; j += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + j));
    __m256i c;
    if constexpr (std::is_signed_v<T>) {
      c = _mm256_min_epi8(_mm256_max_epi8(v, lo), hi);
    } else {
      c = _mm256_min_epu8(_mm256_max_epu8(v, lo), hi);
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + j), c);
  }
  for (; j < n; ++j) out[j] = static_cast<T>(std::clamp<int32_t>(src[j], act_min, act_max));
}

// Byte shuffles that interleave R planes: output vector k of a step takes
// from plane p the bytes at positions 16k + i with (16k + i) % R == p, read
// from the plane at (16k + i) / R; the other lanes are zeroed (0x80).
template <int R>
struct InterleaveMasks {
  alignas(16) uint8_t mask[R][R][16];
  constexpr InterleaveMasks() : mask{} {
    for (int k = 0; k < R; ++k) {
      for (int p = 0; p < R; ++p) {
        for (int i = 0; i < 16; ++i) {
          const int pos = 16 * k + i;
          mask[k][p][i] = static_cast<uint8_t>(pos % R == p ? pos / R : 0x80);
        }
      }
    }
  }
};

// out[c * R + p] = in[p * plane_stride + c] for c < count, p < R.
template <int R>
void Interleave(const uint8_t* in, int64_t plane_stride, int64_t count, uint8_t* out) {
  static constexpr InterleaveMasks<R> kMasks;
  int64_t c = 0;
  for (; c + 16 <= count; c += 16) {
    __m128i plane[R];
    for (int p = 0; p < R; ++p) {
      plane[p] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + p * plane_stride + c));
    }
    for (int k = 0; k < R; ++k) {
      __m128i v = _mm_shuffle_epi8(
          plane[0], _mm_load_si128(reinterpret_cast<const __m128i*>(kMasks.mask[k][0])));
      for (int p = 1; p < R; ++p) {
        v = _mm_or_si128(
            v, _mm_shuffle_epi8(
                   plane[p], _mm_load_si128(reinterpret_cast<const __m128i*>(kMasks.mask[k][p]))));
      }
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + c * R + 16 * k), v);
    }
  }
  for (; c < count; ++c) {
    for (int p = 0; p < R; ++p) out[c * R + p] = in[p * plane_stride + c];
  }
}

}  // namespace

void x8_strided_copy_16x__avx2(const StridedCopyPlan& plan, const void* input, void* output) {
  block_loops::StridedCopy<Interleave<2>, Interleave<3>, Interleave<4>>(plan, input, output);
}

void x8_concat_32b__avx2(int64_t outer, std::span<const uint8_t* const> inputs,
                         std::span<const size_t> block_bytes, uint8_t* output) {
  block_loops::Concat<Copy>(outer, inputs, block_bytes, output);
}

void x8_split_32b__avx2(int64_t outer, const uint8_t* input, std::span<uint8_t* const> outputs,
                        std::span<const size_t> block_bytes) {
  block_loops::Split<Copy>(outer, input, outputs, block_bytes);
}

void qu8_concat_requant_8x__avx2(int64_t outer, std::span<const uint8_t* const> inputs,
                                 std::span<const size_t> block_elems,
                                 std::span<const ConcatRequant> requant, int32_t act_min,
                                 int32_t act_max, uint8_t* output) {
  block_loops::ConcatRequantize<uint8_t, Copy, Clamp, Requantize>(
      outer, inputs, block_elems, requant, act_min, act_max, output);
}

void qs8_concat_requant_8x__avx2(int64_t outer, std::span<const int8_t* const> inputs,
                                 std::span<const size_t> block_elems,
                                 std::span<const ConcatRequant> requant, int32_t act_min,
                                 int32_t act_max, int8_t* output) {
  block_loops::ConcatRequantize<int8_t, Copy, Clamp, Requantize>(outer, inputs, block_elems,
                                                                 requant, act_min, act_max, output);
}

}  // namespace liteforge::kernels
