// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIMD variants of the constant-padding kernel behind PAD and PADV2 (the
// x8_pad__reference signature of reference.h), listed best first in
// variants.inc. They move the same bytes as the reference, so the output is
// identical for every dtype.
//
// How they go faster: the geometry is collapsed further at run time (a dim
// whose inner neighbour is not padded merges into that neighbour, so e.g. a
// channel pad of NHWC becomes [N*H*W rows] x [channels + pad]), and the
// innermost rows are written in one pass of vector stores with no call per
// row. Pad values whose bytes are not all equal (a float PADV2 value of 1.0,
// an int16 zero point) are rare and take the reference kernel.

#pragma once

#include <cstdint>
#include <cstring>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/pad/reference.h"

namespace liteforge::kernels {

struct PadVariant {
  const char* name;
  Isa isa;
  void (*x8_pad)(const PadGeometry& g, const uint8_t* input, const uint8_t* pad_element,
                 uint8_t* output);
};

// Every variant compiled into this build, best first.
std::span<const PadVariant> PadVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (always for Isa::kReference).
const PadVariant* SelectPad(Isa max_isa);

// The padded dims after the run-time collapse, innermost row in bytes.
// Shared by the ISA files (portable, no intrinsics).
inline constexpr int kMaxCollapsedPadDims = 16;
struct CollapsedPad {
  int rank = 0;                               // >= 1
  int64_t n[kMaxCollapsedPadDims] = {};       // input extent per dim
  int64_t before[kMaxCollapsedPadDims] = {};  // padding per dim
  int64_t after[kMaxCollapsedPadDims] = {};
  int64_t out_block[kMaxCollapsedPadDims] = {};  // output bytes per index of the dim
  int64_t in_block[kMaxCollapsedPadDims] = {};   // input bytes per index of the dim
};

// False when `g` has no dims or zero-byte elements, the pad element's bytes
// are not all one value, or more than kMaxCollapsedPadDims dims remain;
// the caller then runs the reference.
bool CollapsePad(const PadGeometry& g, const uint8_t* pad_element, CollapsedPad* c);

// Writes the whole padded output of `c` from `in`: pads of outer dims are
// memset to `value`, and every innermost row goes through
// `write_row(in, before, n, after, out)`, which writes `before` pad bytes,
// `n` bytes of `in` and `after` pad bytes. The ISA files pass their vector
// row writers (a lambda local to the file, so each instantiation keeps its
// file's ISA flags).
template <typename WriteRow>
void WritePadded(const CollapsedPad& c, int d, const uint8_t* in, uint8_t value,
                 const WriteRow& write_row, uint8_t* out) {
  const int last = c.rank - 1;
  const int64_t eb = c.out_block[last];
  if (d == last) {
    write_row(in, c.before[d] * eb, c.n[d] * eb, c.after[d] * eb, out);
    return;
  }
  const int64_t block = c.out_block[d];
  const int64_t head = c.before[d] * block;
  if (head > 0) std::memset(out, value, static_cast<size_t>(head));
  out += head;
  if (d + 1 == last) {  // a run of rows, contiguous in input and output
    const int64_t before = c.before[last] * eb, n = c.n[last] * eb;
    const int64_t after = c.after[last] * eb;
    for (int64_t i = 0; i < c.n[d]; ++i) {
      write_row(in + i * c.in_block[d], before, n, after, out);
      out += block;
    }
  } else {
    for (int64_t i = 0; i < c.n[d]; ++i) {
      WritePadded(c, d + 1, in + i * c.in_block[d], value, write_row, out);
      out += block;
    }
  }
  const int64_t tail = c.after[d] * block;
  if (tail > 0) std::memset(out, value, static_cast<size_t>(tail));
}

#define LF_PAD(isa, x8_pad)                                                           \
  void x8_pad(const PadGeometry& g, const uint8_t* input, const uint8_t* pad_element, \
              uint8_t* output);
#include "liteforge/kernels/pad/variants.inc"
#undef LF_PAD

}  // namespace liteforge::kernels
