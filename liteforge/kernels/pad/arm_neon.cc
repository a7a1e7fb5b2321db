// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NEON PAD / PADV2 (pad_variants.h): as x86_avx2.cc with 16-byte vectors.
// Each output row of the collapsed geometry is written as pad bytes, input
// bytes, pad bytes, each part with 16-byte stores whose last one overlaps
// the one before it (smaller parts with 8/4-byte pairs that overlap the
// same way), so no part is written outside its own range and no call is
// made per row. Long parts and the pad blocks of the outer dims go to
// memcpy / memset. Moves the reference's bytes, so identical output.

#include <arm_neon.h>

#include <cstdint>
#include <cstring>

#include "liteforge/kernels/pad/pad_variants.h"
#include "liteforge/kernels/pad/reference.h"

namespace liteforge::kernels {
namespace {

// Above this many bytes the C library's copy and fill win.
constexpr int64_t kLibraryBytes = 2048;

inline void Copy(uint8_t* out, const uint8_t* in, int64_t n) {
  if (n >= 16) {
    if (n > kLibraryBytes) {
      std::memcpy(out, in, static_cast<size_t>(n));
      return;
    }
    int64_t p = 0;
    for (; p + 16 <= n; p += 16) vst1q_u8(out + p, vld1q_u8(in + p));
    if (p < n) vst1q_u8(out + n - 16, vld1q_u8(in + n - 16));
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

inline void Fill(uint8_t* out, int64_t n, uint8_t value, uint8x16_t fill) {
  if (n >= 16) {
    if (n > kLibraryBytes) {
      std::memset(out, value, static_cast<size_t>(n));
      return;
    }
    int64_t p = 0;
    for (; p + 16 <= n; p += 16) vst1q_u8(out + p, fill);
    if (p < n) vst1q_u8(out + n - 16, fill);
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

void x8_pad_16b__neon(const PadGeometry& g, const uint8_t* input, const uint8_t* pad_element,
                      uint8_t* output) {
  CollapsedPad c;
  if (!CollapsePad(g, pad_element, &c)) {
    x8_pad__reference(g, input, pad_element, output);
    return;
  }
  const uint8_t value = pad_element[0];
  const uint8x16_t fill = vdupq_n_u8(value);
  const auto write_row = [&](const uint8_t* in, int64_t before, int64_t n, int64_t after,
                             uint8_t* out) {
    Fill(out, before, value, fill);
    Copy(out + before, in, n);
    Fill(out + before + n, after, value, fill);
  };
  WritePadded(c, 0, input, value, write_row, output);
}

}  // namespace liteforge::kernels
