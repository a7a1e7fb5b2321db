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

// False when the pad element's bytes are not all one value or more than
// kMaxCollapsedPadDims dims remain; the caller then runs the reference.
// `g` must have at least one dim and element_bytes > 0.
bool CollapsePad(const PadGeometry& g, const uint8_t* pad_element, CollapsedPad* c);

#define LF_PAD(isa, x8_pad)                                                           \
  void x8_pad(const PadGeometry& g, const uint8_t* input, const uint8_t* pad_element, \
              uint8_t* output);
#include "liteforge/kernels/pad/variants.inc"
#undef LF_PAD

}  // namespace liteforge::kernels
