// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// 8-bit convolution as a GEMM over output pixels: the fast path of CONV_2D
// for int8 (per-tensor or per-channel filters) and uint8 (asymmetric
// filters), bit-exact with qs8_conv2d__reference / qu8_conv2d__reference.
//
// The int8 dot-product instructions (VNNI's vpdpbusd) multiply an unsigned
// byte by a signed byte, so one operand is re-biased by 128 when the
// weights are packed, and the bias moves into per-channel and per-pixel
// correction terms (all sums wrap in int32, like the reference):
//
//   int8 input:  packed w' = w + 128 (unsigned), input x as is (signed)
//     acc = dot(x, w') - 128 * S + [bias + input_offset * sum(w)]
//   uint8 input: packed w' = w - 128 (signed), input x as is (unsigned)
//     acc = dot(x, w') + d * S + [bias + input_offset * sum(w') + K * input_offset * d]
//     with d = 128 + filter_offset
//
// where S is the sum of the patch's K input bytes (padding taps hold the
// input zero point, as the reference's implicit padding does). The term in
// brackets is precomputed per channel; S is computed per pixel.
//
// Packed weight layout: panels of up to 64 output channels (4 vectors of
// 16); inside a panel, for each group of 4 patch positions, the channels'
// 4 bytes are contiguous: [panel][k / 4][channel in panel][k % 4]. The
// patch size is padded to K4 (a multiple of 4) and the channel count to a
// multiple of 16 with zero weights, which contribute nothing.

#pragma once

#include <cstddef>
#include <cstdint>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/conv/reference.h"
#include "liteforge/kernels/conv/requantize.h"

namespace liteforge::kernels {

inline constexpr int kQ8ConvPanelChannels = 64;

struct Q8ConvPacked {
  bool int8 = true;  // int8 input/output (else uint8)
  int k = 0;         // patch size: filter_height * filter_width * input_depth
  int k4 = 0;        // k rounded up to a multiple of 4
  int n = 0;         // output channels
  int n16 = 0;       // n rounded up to a multiple of 16
  const uint8_t* weights = nullptr;     // the panel layout above
  const int32_t* channel_bias = nullptr;  // n16: the bracketed term
  int32_t pixel_sum_scale = 0;            // -128 (int8) or d (uint8)
  const int32_t* multipliers = nullptr;   // n16
  const int32_t* left_shifts = nullptr;   // n16
  const int32_t* right_shifts = nullptr;  // n16
  int32_t output_offset = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
  ConvRounding rounding = ConvRounding::kDoubleRounding;
  uint8_t pad_byte = 0;  // the input zero point's byte: fills taps outside the image
};

// True when the GEMM path computes this conv exactly like the reference:
// ungrouped, and per-channel shifts within the vector output stage's range.
bool Q8ConvSupported(const ConvGeometry& g, const ConvQuantParams& p);

// Bytes PackQ8Conv needs (one 64-byte aligned block).
size_t Q8ConvPackedBytes(const ConvGeometry& g);

// Packs an OHWI filter ([n][k] bytes) and int32 bias (nullable) with the
// quantization parameters into `memory` (64-byte aligned,
// Q8ConvPackedBytes(g) bytes, living as long as the result is used).
Q8ConvPacked PackQ8Conv(const ConvGeometry& g, bool int8, const uint8_t* filter,
                        const int32_t* bias, const ConvQuantParams& p, int32_t input_zero_point,
                        uint8_t* memory);

// True when the kernels read each pixel's patch straight from the input
// (1x1 filter, no padding, channels a multiple of 4) instead of gathering
// it into scratch.
bool Q8ConvReadsInputInPlace(const ConvGeometry& g);
// Scratch one call needs (patches of one tile of output pixels); 0 when
// the patches are read in place.
size_t Q8ConvScratchBytes(const ConvGeometry& g);

// Output pixels [pixel_begin, pixel_end) of the flattened (batch, y, x)
// range; the result does not depend on how the range is split.
using Q8ConvFn = void (*)(const ConvGeometry& g, const Q8ConvPacked& packed,
                          const uint8_t* input, int pixel_begin, int pixel_end,
                          uint8_t* scratch, uint8_t* output);

void q8_conv2d_gemm_6x64c4__avx512vnni(const ConvGeometry& g, const Q8ConvPacked& packed,
                                       const uint8_t* input, int pixel_begin, int pixel_end,
                                       uint8_t* scratch, uint8_t* output);

// The best variant at or below `max_isa` on this CPU; null when none (the
// caller keeps the reference kernel).
Q8ConvFn SelectQ8Conv(Isa max_isa);

}  // namespace liteforge::kernels
