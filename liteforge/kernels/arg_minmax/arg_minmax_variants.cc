// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The ARG_MAX / ARG_MIN variant table built from variants.inc. Portable: it
// only takes the kernels' addresses (each member's type picks the overload).

#include "liteforge/kernels/arg_minmax/arg_minmax_variants.h"

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

// Ends with a sentinel so that a build without SIMD kernels still has a
// well-formed (empty) table.
constexpr ArgMinMaxVariant kVariants[] = {
#define LF_ARG_MINMAX(isa, f32, u8, s8, s32) \
  {#u8, Isa::isa, &f32, &f32, &u8, &u8, &s8, &s8, &s32, &s32},
#include "liteforge/kernels/arg_minmax/variants.inc"
#undef LF_ARG_MINMAX
    {nullptr, Isa::kReference, nullptr, nullptr, nullptr, nullptr,
     nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

std::span<const ArgMinMaxVariant> ArgMinMaxVariants() { return VariantsOf(kVariants); }

const ArgMinMaxVariant* SelectArgMinMax(Isa max_isa) {
  return SelectVariant(ArgMinMaxVariants(), max_isa);
}

}  // namespace liteforge::kernels
