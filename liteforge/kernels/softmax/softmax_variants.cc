// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The SOFTMAX / LOG_SOFTMAX variant table built from variants.inc.
// Portable: it only takes the kernels' addresses.

#include "liteforge/kernels/softmax/softmax_variants.h"

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

// Ends with a sentinel so that a build without SIMD kernels still has a
// well-formed (empty) table.
constexpr SoftmaxVariant kVariants[] = {
#define LF_SOFTMAX(isa, f32, f32_log, qu8, qs8, qu8_qs16, qs8_qs16, qu8_log, qs8_log) \
  {#f32, Isa::isa, &f32, &f32_log, &qu8, &qs8, &qu8_qs16, &qs8_qs16, &qu8_log, &qs8_log},
#include "liteforge/kernels/softmax/variants.inc"
#undef LF_SOFTMAX
    {nullptr, Isa::kReference, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
     nullptr},
};

}  // namespace

std::span<const SoftmaxVariant> SoftmaxVariants() { return VariantsOf(kVariants); }

const SoftmaxVariant* SelectSoftmax(Isa max_isa) {
  return SelectVariant(SoftmaxVariants(), max_isa);
}

}  // namespace liteforge::kernels
