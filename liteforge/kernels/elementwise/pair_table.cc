// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/elementwise/pair_table.h"

#include <cstring>

namespace liteforge::kernels::elementwise {

PairTableInputs::PairTableInputs() : a(kPairTableSize), b(kPairTableSize) {
  for (size_t i = 0; i < kPairTableSize; ++i) {
    a[i] = static_cast<uint8_t>(i >> 8);
    b[i] = static_cast<uint8_t>(i & 255);
  }
  const Shape shape({static_cast<int>(kPairTableSize)});
  // A one-dim same-shape plan cannot fail.
  plan = MakeBroadcastPlan({&shape, &shape}).value();
}

const PairTableInputs& PairTableSweep() {
  static const PairTableInputs sweep;
  return sweep;
}

template <typename T>
void LookupPairTable(const BroadcastPlan& plan, const T* a, const T* b, const uint8_t* table,
                     T* out) {
  static_assert(sizeof(T) == 1);
  ForEachBroadcast2(plan, a, b, out, [table](T x, T y) {
    const uint8_t r = table[PairIndex(static_cast<uint8_t>(x), static_cast<uint8_t>(y))];
    T v;
    std::memcpy(&v, &r, 1);
    return v;
  });
}

template void LookupPairTable<int8_t>(const BroadcastPlan&, const int8_t*, const int8_t*,
                                      const uint8_t*, int8_t*);
template void LookupPairTable<uint8_t>(const BroadcastPlan&, const uint8_t*, const uint8_t*,
                                       const uint8_t*, uint8_t*);

}  // namespace liteforge::kernels::elementwise
