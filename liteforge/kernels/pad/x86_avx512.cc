// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 PAD / PADV2 (pad_variants.h): each output row of the collapsed
// geometry is written as pad bytes, input bytes, pad bytes; a part shorter
// than 64 bytes is one masked load / store, a longer one 64-byte steps whose
// last one overlaps the one before it, so no part is written outside its own
// range and no call is made per row. Long parts and the pad blocks of the
// outer dims go to memcpy / memset.

// GCC 12.2 warns about the deliberately undefined vectors inside its own
// AVX-512 intrinsics (GCC bug 105593); the warnings are not about our code.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstdint>
#include <cstring>

#include "liteforge/kernels/pad/pad_variants.h"
#include "liteforge/kernels/pad/reference.h"

namespace liteforge::kernels {
namespace {

// The low k bits set, 0 <= k < 64.
inline __mmask64 LowBits(int64_t k) { return (__mmask64{1} << k) - 1; }

// Above this many bytes the C library's copy and fill win.
constexpr int64_t kLibraryBytes = 4096;

inline void Copy(uint8_t* out, const uint8_t* in, int64_t n) {
  if (n >= 64) {
    if (n > kLibraryBytes) {
      std::memcpy(out, in, static_cast<size_t>(n));
      return;
    }
    int64_t p = 0;
    for (; p + 64 <= n; p += 64) _mm512_storeu_si512(out + p, _mm512_loadu_si512(in + p));
    if (p < n) _mm512_storeu_si512(out + n - 64, _mm512_loadu_si512(in + n - 64));
  } else if (n > 0) {
    const __mmask64 m = LowBits(n);
    _mm512_mask_storeu_epi8(out, m, _mm512_maskz_loadu_epi8(m, in));
  }
}

inline void Fill(uint8_t* out, int64_t n, uint8_t value, __m512i fill) {
  if (n >= 64) {
    if (n > kLibraryBytes) {
      std::memset(out, value, static_cast<size_t>(n));
      return;
    }
    int64_t p = 0;
    for (; p + 64 <= n; p += 64) _mm512_storeu_si512(out + p, fill);
    if (p < n) _mm512_storeu_si512(out + n - 64, fill);
  } else if (n > 0) {
    _mm512_mask_storeu_epi8(out, LowBits(n), fill);
  }
}

}  // namespace

void x8_pad_64b__avx512(const PadGeometry& g, const uint8_t* input, const uint8_t* pad_element,
                        uint8_t* output) {
  CollapsedPad c;
  if (!CollapsePad(g, pad_element, &c)) {
    x8_pad__reference(g, input, pad_element, output);
    return;
  }
  const uint8_t value = pad_element[0];
  const __m512i fill = _mm512_set1_epi8(static_cast<char>(value));
  const auto write_row = [&](const uint8_t* in, int64_t before, int64_t n, int64_t after,
                             uint8_t* out) {
    Fill(out, before, value, fill);
    Copy(out + before, in, n);
    Fill(out + before + n, after, value, fill);
  };
  WritePadded(c, 0, input, value, write_row, output);
}

}  // namespace liteforge::kernels
