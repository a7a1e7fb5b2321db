// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The variant tables built from variants.inc, and the ISA-ceiling selection.
// Portable: it only takes the kernels' addresses.

#include "liteforge/kernels/depthwise_conv/depthwise_variants.h"

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

// Tables end with a sentinel so that a build with no SIMD kernel still has
// a well-formed (empty) list.
constexpr F32DepthwiseVariant kF32Variants[] = {
#define LF_F32_DEPTHWISE(name, isa, lanes) {#name, Isa::isa, lanes, &name},
#define LF_QS8_DEPTHWISE(name, isa, lanes)
#define LF_QU8_DEPTHWISE(name, isa, lanes)
#include "liteforge/kernels/depthwise_conv/variants.inc"
#undef LF_F32_DEPTHWISE
#undef LF_QS8_DEPTHWISE
#undef LF_QU8_DEPTHWISE
    {nullptr, Isa::kReference, 0, nullptr},
};

constexpr Qs8DepthwiseVariant kQs8Variants[] = {
#define LF_F32_DEPTHWISE(name, isa, lanes)
#define LF_QS8_DEPTHWISE(name, isa, lanes) {#name, Isa::isa, lanes, &name},
#define LF_QU8_DEPTHWISE(name, isa, lanes)
#include "liteforge/kernels/depthwise_conv/variants.inc"
#undef LF_F32_DEPTHWISE
#undef LF_QS8_DEPTHWISE
#undef LF_QU8_DEPTHWISE
    {nullptr, Isa::kReference, 0, nullptr},
};

constexpr Qu8DepthwiseVariant kQu8Variants[] = {
#define LF_F32_DEPTHWISE(name, isa, lanes)
#define LF_QS8_DEPTHWISE(name, isa, lanes)
#define LF_QU8_DEPTHWISE(name, isa, lanes) {#name, Isa::isa, lanes, &name},
#include "liteforge/kernels/depthwise_conv/variants.inc"
#undef LF_F32_DEPTHWISE
#undef LF_QS8_DEPTHWISE
#undef LF_QU8_DEPTHWISE
    {nullptr, Isa::kReference, 0, nullptr},
};

}  // namespace

std::span<const F32DepthwiseVariant> F32DepthwiseVariants() {
  return VariantsOf(kF32Variants);
}
std::span<const Qs8DepthwiseVariant> Qs8DepthwiseVariants() {
  return VariantsOf(kQs8Variants);
}
std::span<const Qu8DepthwiseVariant> Qu8DepthwiseVariants() {
  return VariantsOf(kQu8Variants);
}

const F32DepthwiseVariant* SelectF32Depthwise(Isa max_isa) {
  return SelectVariant(F32DepthwiseVariants(), max_isa);
}
const Qs8DepthwiseVariant* SelectQs8Depthwise(Isa max_isa) {
  return SelectVariant(Qs8DepthwiseVariants(), max_isa);
}
const Qu8DepthwiseVariant* SelectQu8Depthwise(Isa max_isa) {
  return SelectVariant(Qu8DepthwiseVariants(), max_isa);
}

}  // namespace liteforge::kernels
