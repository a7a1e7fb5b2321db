// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The RESIZE_BILINEAR variant table built from variants.inc. Portable: it
// only takes the kernels' addresses.

#include "liteforge/kernels/resize/resize_variants.h"

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

// Ends with a sentinel so that a build without SIMD kernels still has a
// well-formed (empty) table.
constexpr ResizeBilinearVariant kVariants[] = {
#define LF_RESIZE_BILINEAR(isa, f32_fn, qu8_fn, qs8_fn) \
  {#f32_fn, Isa::isa, &f32_fn, &qu8_fn, &qs8_fn},
#include "liteforge/kernels/resize/variants.inc"
#undef LF_RESIZE_BILINEAR
    {nullptr, Isa::kReference, nullptr, nullptr, nullptr},
};

}  // namespace

std::span<const ResizeBilinearVariant> ResizeBilinearVariants() { return VariantsOf(kVariants); }

const ResizeBilinearVariant* SelectResizeBilinear(Isa max_isa) {
  return SelectVariant(ResizeBilinearVariants(), max_isa);
}

}  // namespace liteforge::kernels
