// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The MEAN / SUM summation variant table built from variants.inc.
// Portable: it only takes the kernels' addresses.

#include "liteforge/kernels/reduce/reduce_variants.h"

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

// Ends with a sentinel so that a build without SIMD kernels still has a
// well-formed (empty) table.
constexpr ReduceSumVariant kVariants[] = {
#define LF_REDUCE_SUM(isa, f32_sum, u8_sum, s8_sum) {#u8_sum, Isa::isa, &f32_sum, &u8_sum, &s8_sum},
#include "liteforge/kernels/reduce/variants.inc"
#undef LF_REDUCE_SUM
    {nullptr, Isa::kReference, nullptr, nullptr, nullptr},
};

}  // namespace

std::span<const ReduceSumVariant> ReduceSumVariants() { return VariantsOf(kVariants); }

const ReduceSumVariant* SelectReduceSum(Isa max_isa) {
  return SelectVariant(ReduceSumVariants(), max_isa);
}

}  // namespace liteforge::kernels
