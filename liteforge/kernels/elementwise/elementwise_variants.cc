// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The elementwise variant tables built from variants.inc, the ISA-ceiling
// selection, and the parameter checks the vector arithmetic relies on.

#include "liteforge/kernels/elementwise/elementwise_variants.h"

#include <utility>

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels::elementwise {
namespace {

#define LF_ENTRY(isa, v, s) {#v, Isa::isa, v, s},
#define LF_SKIP(isa, v, s)

// Each table turns on its own op's lines of variants.inc and skips the
// others. A table with no line for this build still needs an element: the
// final "none" entry, which VariantsOf() leaves out.
#define LF_QS8_ADD LF_SKIP
#define LF_QU8_ADD LF_SKIP
#define LF_QS8_MUL LF_SKIP
#define LF_QU8_MUL LF_SKIP
#define LF_F32_ADD LF_SKIP
#define LF_F32_MUL LF_SKIP

#undef LF_QS8_ADD
#define LF_QS8_ADD LF_ENTRY
constexpr Qs8AddVariant kQs8Add[] = {
#include "liteforge/kernels/elementwise/variants.inc"
    {"none", Isa::kReference, nullptr, nullptr},
};
#undef LF_QS8_ADD
#define LF_QS8_ADD LF_SKIP

#undef LF_QU8_ADD
#define LF_QU8_ADD LF_ENTRY
constexpr Qu8AddVariant kQu8Add[] = {
#include "liteforge/kernels/elementwise/variants.inc"
    {"none", Isa::kReference, nullptr, nullptr},
};
#undef LF_QU8_ADD
#define LF_QU8_ADD LF_SKIP

#undef LF_QS8_MUL
#define LF_QS8_MUL LF_ENTRY
constexpr Qs8MulVariant kQs8Mul[] = {
#include "liteforge/kernels/elementwise/variants.inc"
    {"none", Isa::kReference, nullptr, nullptr},
};
#undef LF_QS8_MUL
#define LF_QS8_MUL LF_SKIP

#undef LF_QU8_MUL
#define LF_QU8_MUL LF_ENTRY
constexpr Qu8MulVariant kQu8Mul[] = {
#include "liteforge/kernels/elementwise/variants.inc"
    {"none", Isa::kReference, nullptr, nullptr},
};
#undef LF_QU8_MUL
#define LF_QU8_MUL LF_SKIP

#undef LF_F32_ADD
#define LF_F32_ADD LF_ENTRY
constexpr F32AddVariant kF32Add[] = {
#include "liteforge/kernels/elementwise/variants.inc"
    {"none", Isa::kReference, nullptr, nullptr},
};
#undef LF_F32_ADD
#define LF_F32_ADD LF_SKIP

#undef LF_F32_MUL
#define LF_F32_MUL LF_ENTRY
constexpr F32MulVariant kF32Mul[] = {
#include "liteforge/kernels/elementwise/variants.inc"
    {"none", Isa::kReference, nullptr, nullptr},
};
#undef LF_F32_MUL
#define LF_F32_MUL LF_SKIP

#undef LF_QS8_ADD
#undef LF_QU8_ADD
#undef LF_QS8_MUL
#undef LF_QU8_MUL
#undef LF_F32_ADD
#undef LF_F32_MUL
#undef LF_ENTRY
#undef LF_SKIP

bool OffsetFits(int32_t offset) { return offset >= -255 && offset <= 255; }

}  // namespace

std::span<const Qs8AddVariant> Qs8AddVariants() { return VariantsOf(kQs8Add); }
std::span<const Qu8AddVariant> Qu8AddVariants() { return VariantsOf(kQu8Add); }
std::span<const Qs8MulVariant> Qs8MulVariants() { return VariantsOf(kQs8Mul); }
std::span<const Qu8MulVariant> Qu8MulVariants() { return VariantsOf(kQu8Mul); }
std::span<const F32AddVariant> F32AddVariants() { return VariantsOf(kF32Add); }
std::span<const F32MulVariant> F32MulVariants() { return VariantsOf(kF32Mul); }

const Qs8AddVariant* SelectQs8Add(Isa max_isa) { return SelectVariant(VariantsOf(kQs8Add), max_isa); }
const Qu8AddVariant* SelectQu8Add(Isa max_isa) { return SelectVariant(VariantsOf(kQu8Add), max_isa); }
const Qs8MulVariant* SelectQs8Mul(Isa max_isa) { return SelectVariant(VariantsOf(kQs8Mul), max_isa); }
const Qu8MulVariant* SelectQu8Mul(Isa max_isa) { return SelectVariant(VariantsOf(kQu8Mul), max_isa); }
const F32AddVariant* SelectF32Add(Isa max_isa) { return SelectVariant(VariantsOf(kF32Add), max_isa); }
const F32MulVariant* SelectF32Mul(Isa max_isa) { return SelectVariant(VariantsOf(kF32Mul), max_isa); }

bool QuantAddVectorizable(const QuantAddParams& p) {
  auto exponent_ok = [](int e) { return e >= -31 && e <= 0; };
  return p.left_shift == 20 && OffsetFits(p.input1_offset) && OffsetFits(p.input2_offset) &&
         p.input1_multiplier >= 0 && p.input2_multiplier >= 0 && p.output_multiplier >= 0 &&
         exponent_ok(p.input1_shift) && exponent_ok(p.input2_shift) &&
         exponent_ok(p.output_shift);
}

bool QuantMulVectorizable(const QuantMulParams& p) {
  return OffsetFits(p.input1_offset) && OffsetFits(p.input2_offset) &&
         p.output_multiplier >= 0 && p.output_shift >= -31 && p.output_shift <= 30;
}

QuantAddParams SwapInputs(const QuantAddParams& p) {
  QuantAddParams s = p;
  std::swap(s.input1_offset, s.input2_offset);
  std::swap(s.input1_multiplier, s.input2_multiplier);
  std::swap(s.input1_shift, s.input2_shift);
  return s;
}

QuantMulParams SwapInputs(const QuantMulParams& p) {
  QuantMulParams s = p;
  std::swap(s.input1_offset, s.input2_offset);
  return s;
}

}  // namespace liteforge::kernels::elementwise
