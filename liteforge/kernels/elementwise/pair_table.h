// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Binary ops on 8-bit operands by table: with both inputs one byte each,
// an op with fixed quantization parameters has at most 256 x 256 distinct
// results, so Prepare can tabulate all of them once with the reference
// kernel itself (bit-exact by construction) and Eval becomes one lookup per
// element along any broadcast plan. Used where no SIMD variant covers the
// op (8-bit SUB); worth its 64 KiB and the table build only for large
// outputs (kPairTableMinElements).

#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "liteforge/kernels/elementwise/broadcast.h"

namespace liteforge::kernels::elementwise {

inline constexpr size_t kPairTableSize = 256 * 256;
// Below this many output elements the table costs more to build than it
// saves.
inline constexpr int64_t kPairTableMinElements = 16 * 1024;

// Index of the pair (x, y) of stored bytes.
inline size_t PairIndex(uint8_t x, uint8_t y) { return static_cast<size_t>(x) << 8 | y; }

// The inputs that make `reference` fill the table: a[i] = i >> 8 and
// b[i] = i & 255 as bytes, a same-shape plan of kPairTableSize elements.
struct PairTableInputs {
  PairTableInputs();
  std::vector<uint8_t> a, b;
  BroadcastPlan plan;
};
const PairTableInputs& PairTableSweep();

// out[i] = table[PairIndex(a, b)] along `plan` (two operands), for any
// 8-bit type T (the table holds the results' bytes).
template <typename T>
void LookupPairTable(const BroadcastPlan& plan, const T* a, const T* b, const uint8_t* table,
                     T* out);

}  // namespace liteforge::kernels::elementwise
