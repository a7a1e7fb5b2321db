// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The two steps every SIMD kernel family takes with the table it builds
// from its variants.inc: drop the table's final sentinel entry (there so
// the array is never empty on a build without variant lines), and pick the
// best variant for this CPU under an ISA ceiling. Tables list variants best
// first; each entry has an `isa` member.

#pragma once

#include <cstddef>
#include <span>

#include "liteforge/base/cpu_features.h"

namespace liteforge::kernels {

// The table without its terminating sentinel.
template <typename V, size_t N>
std::span<const V> VariantsOf(const V (&table)[N]) {
  return std::span<const V>(table, N - 1);
}

// The first variant whose ISA is at or below `max_isa` and supported by
// this CPU; null when none is (always for Isa::kReference: the caller then
// runs its reference kernel).
template <typename V>
const V* SelectVariant(std::span<const V> variants, Isa max_isa) {
  if (max_isa == Isa::kReference) return nullptr;
  const CpuFeatures& cpu = CpuFeatures::Get();
  for (const V& v : variants) {
    if (static_cast<int>(v.isa) <= static_cast<int>(max_isa) && cpu.Supports(v.isa)) return &v;
  }
  return nullptr;
}

}  // namespace liteforge::kernels
