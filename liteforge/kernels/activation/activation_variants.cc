// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The float32 activation variant table built from variants.inc and the
// ISA-ceiling selection.

#include "liteforge/kernels/activation/activation_variants.h"

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

// The final "none" entry keeps the table non-empty on builds without a
// variant line; F32ActivationVariants() leaves it out.
constexpr F32ActivationVariant kF32Activation[] = {
#define LF_F32_ACTIVATION(isa, clamp_fn, hard_swish_fn, logistic_fn) \
  {"f32_activations__" #isa, Isa::isa, clamp_fn, hard_swish_fn, logistic_fn},
#include "liteforge/kernels/activation/variants.inc"
#undef LF_F32_ACTIVATION
    {"none", Isa::kReference, nullptr, nullptr, nullptr},
};

}  // namespace

std::span<const F32ActivationVariant> F32ActivationVariants() {
  return VariantsOf(kF32Activation);
}

const F32ActivationVariant* SelectF32Activation(Isa max_isa) {
  return SelectVariant(F32ActivationVariants(), max_isa);
}

}  // namespace liteforge::kernels
