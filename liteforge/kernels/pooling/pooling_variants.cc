// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The pooling variant table built from variants.inc. Portable: it only
// takes the kernels' addresses.

#include "liteforge/kernels/pooling/pooling_variants.h"

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

// Ends with a sentinel so that a build without SIMD kernels still has a
// well-formed (empty) table.
constexpr Pool2DVariant kVariants[] = {
#define LF_POOL_2D(isa, f32_max, qu8_max, qs8_max, f32_avg, qu8_avg, qs8_avg) \
  {#qu8_max, Isa::isa, &f32_max, &qu8_max, &qs8_max, &f32_avg, &qu8_avg, &qs8_avg},
#include "liteforge/kernels/pooling/variants.inc"
#undef LF_POOL_2D
    {nullptr, Isa::kReference, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

std::span<const Pool2DVariant> Pool2DVariants() { return VariantsOf(kVariants); }

const Pool2DVariant* SelectPool2D(Isa max_isa) { return SelectVariant(Pool2DVariants(), max_isa); }

}  // namespace liteforge::kernels
