// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The data-movement variant table built from variants.inc. Portable: it
// only takes the kernels' addresses.

#include "liteforge/kernels/data_movement/data_movement_variants.h"

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

// Ends with a sentinel so that a build without SIMD kernels still has a
// well-formed (empty) table.
constexpr DataMovementVariant kVariants[] = {
#define LF_DATA_MOVEMENT(isa, x8_concat, x8_split, qu8_concat_requant, qs8_concat_requant, \
                         x8_strided_copy)                                                  \
  {#qu8_concat_requant, Isa::isa,        &x8_concat, &x8_split, &qu8_concat_requant,       \
   &qs8_concat_requant, &x8_strided_copy},
#include "liteforge/kernels/data_movement/variants.inc"
#undef LF_DATA_MOVEMENT
    {nullptr, Isa::kReference, nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

std::span<const DataMovementVariant> DataMovementVariants() { return VariantsOf(kVariants); }

const DataMovementVariant* SelectDataMovement(Isa max_isa) {
  return SelectVariant(DataMovementVariants(), max_isa);
}

}  // namespace liteforge::kernels
