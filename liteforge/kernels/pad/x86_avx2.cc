// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX2 PAD / PADV2 (pad_variants.h): each output row of the collapsed
// geometry is written as pad bytes, input bytes, pad bytes, each part with
// 32-byte stores whose last one overlaps the one before it (smaller parts
// with 16/8/4-byte pairs that overlap the same way), so no part is written
// outside its own range and no call is made per row. Long parts and the
// pad blocks of the outer dims go to memcpy / memset.

#include <immintrin.h>

#include <cstdint>
#include <cstring>

#include "liteforge/kernels/pad/pad_variants.h"
#include "liteforge/kernels/pad/reference.h"

namespace liteforge::kernels {
namespace {

// Above this many bytes the C library's copy and fill win.
constexpr int64_t kLibraryBytes = 2048;

inline void Copy(uint8_t* out, const uint8_t* in, int64_t n) {
  if (n >= 32) {
    if (n > kLibraryBytes) {
      std::memcpy(out, in, static_cast<size_t>(n));
      return;
    }
    int64_t p = 0;
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

inline void Fill(uint8_t* out, int64_t n, uint8_t value, __m256i fill) {
  if (n >= 32) {
    if (n > kLibraryBytes) {
      std::memset(out, value, static_cast<size_t>(n));
      return;
    }
    int64_t p = 0;
    for (; p + 32 <= n; p += 32) _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + p), fill);
    if (p < n) _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + n - 32), fill);
  } else if (n >= 16) {
    const __m128i f = _mm256_castsi256_si128(fill);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), f);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + n - 16), f);
  } else if (n >= 8) {
    const uint64_t f = 0x0101010101010101ull * value;
    std::memcpy(out, &f, 8);
    std::memcpy(out + n - 8, &f, 8);
  } else if (n >= 4) {
    const uint32_t f = 0x01010101u * value;
    std::memcpy(out, &f, 4);
    std::memcpy(out + n - 4, &f, 4);
  } else if (n > 0) {
    out[0] = value;
    out[n / 2] = value;
    out[n - 1] = value;
  }
}

}  // namespace

void x8_pad_32b__avx2(const PadGeometry& g, const uint8_t* input, const uint8_t* pad_element,
                      uint8_t* output) {
  CollapsedPad c;
  if (!CollapsePad(g, pad_element, &c)) {
    x8_pad__reference(g, input, pad_element, output);
    return;
  }
  const uint8_t value = pad_element[0];
  const __m256i fill = _mm256_set1_epi8(static_cast<char>(value));
  const auto write_row = [&](const uint8_t* in, int64_t before, int64_t n, int64_t after,
                             uint8_t* out) {
    Fill(out, before, value, fill);
    Copy(out + before, in, n);
    Fill(out + before + n, after, value, fill);
  };
  WritePadded(c, 0, input, value, write_row, output);
}

}  // namespace liteforge::kernels
