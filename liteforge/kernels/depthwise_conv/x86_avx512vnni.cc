// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// AVX-512 VNNI depthwise convolution for int8 and uint8: the kernels of
// x86_avx512_quant_tile.h built with one vpdpwssd per tap (multiply,
// pairwise add and accumulate in one wrapping instruction) where the
// AVX-512 build spends a vpmaddwd and a vpaddd.

// GCC 12.2 warns about the deliberately undefined vectors inside its own
// AVX-512 intrinsics (GCC bug 105593); the warnings are not about our code.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstdint>

#include "liteforge/kernels/depthwise_conv/depthwise_variants.h"
#include "liteforge/kernels/depthwise_conv/x86_avx512_quant_tile.h"

namespace liteforge::kernels {

void qs8_dwconv2d_16c__avx512vnni(const DepthwiseGeometry& g, const int8_t* input,
                                  const int32_t* packed, const DepthwiseQuantParams& p,
                                  int row_begin, int row_end, int8_t* output) {
  SweepQuantAvx512</*kVnni=*/true>(g, input, packed, p, row_begin, row_end, output);
}

void qu8_dwconv2d_16c__avx512vnni(const DepthwiseGeometry& g, const uint8_t* input,
                                  const int32_t* packed, const DepthwiseQuantParams& p,
                                  int row_begin, int row_end, uint8_t* output) {
  SweepQuantAvx512</*kVnni=*/true>(g, input, packed, p, row_begin, row_end, output);
}

}  // namespace liteforge::kernels
