// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The QUANTIZE / DEQUANTIZE variant tables built from variants.inc and the
// ISA-ceiling selection.

#include "liteforge/kernels/quantize/quantize_variants.h"

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

#define LF_ENTRY(isa, fn) {#fn, Isa::isa, fn},
#define LF_SKIP(isa, fn)

// Each table turns on its own op's lines of variants.inc and skips the
// others. A table with no line for this build still needs an element: the
// final "none" entry, which VariantsOf() leaves out.
#define LF_F32_QUANTIZE_QS8 LF_SKIP
#define LF_F32_QUANTIZE_QU8 LF_SKIP
#define LF_QS8_DEQUANTIZE LF_SKIP
#define LF_QU8_DEQUANTIZE LF_SKIP
#define LF_Q8_REQUANTIZE(isa, from, to, fn)

#undef LF_F32_QUANTIZE_QS8
#define LF_F32_QUANTIZE_QS8 LF_ENTRY
constexpr QuantizeVariant<F32QuantizeQs8Fn> kF32QuantizeQs8[] = {
#include "liteforge/kernels/quantize/variants.inc"
    {"none", Isa::kReference, nullptr},
};
#undef LF_F32_QUANTIZE_QS8
#define LF_F32_QUANTIZE_QS8 LF_SKIP

#undef LF_F32_QUANTIZE_QU8
#define LF_F32_QUANTIZE_QU8 LF_ENTRY
constexpr QuantizeVariant<F32QuantizeQu8Fn> kF32QuantizeQu8[] = {
#include "liteforge/kernels/quantize/variants.inc"
    {"none", Isa::kReference, nullptr},
};
#undef LF_F32_QUANTIZE_QU8
#define LF_F32_QUANTIZE_QU8 LF_SKIP

#undef LF_QS8_DEQUANTIZE
#define LF_QS8_DEQUANTIZE LF_ENTRY
constexpr QuantizeVariant<Qs8DequantizeFn> kQs8Dequantize[] = {
#include "liteforge/kernels/quantize/variants.inc"
    {"none", Isa::kReference, nullptr},
};
#undef LF_QS8_DEQUANTIZE
#define LF_QS8_DEQUANTIZE LF_SKIP

#undef LF_QU8_DEQUANTIZE
#define LF_QU8_DEQUANTIZE LF_ENTRY
constexpr QuantizeVariant<Qu8DequantizeFn> kQu8Dequantize[] = {
#include "liteforge/kernels/quantize/variants.inc"
    {"none", Isa::kReference, nullptr},
};
#undef LF_QU8_DEQUANTIZE
#define LF_QU8_DEQUANTIZE LF_SKIP

#undef LF_Q8_REQUANTIZE
#define LF_Q8_REQUANTIZE(isa, from, to, fn) {#fn, Isa::isa, DType::from, DType::to, fn},
constexpr Q8RequantizeVariant kQ8Requantize[] = {
#include "liteforge/kernels/quantize/variants.inc"
    {"none", Isa::kReference, DType::kInt8, DType::kInt8, nullptr},
};

#undef LF_F32_QUANTIZE_QS8
#undef LF_F32_QUANTIZE_QU8
#undef LF_QS8_DEQUANTIZE
#undef LF_QU8_DEQUANTIZE
#undef LF_Q8_REQUANTIZE
#undef LF_ENTRY
#undef LF_SKIP

}  // namespace

std::span<const QuantizeVariant<F32QuantizeQs8Fn>> F32QuantizeQs8Variants() {
  return VariantsOf(kF32QuantizeQs8);
}
std::span<const QuantizeVariant<F32QuantizeQu8Fn>> F32QuantizeQu8Variants() {
  return VariantsOf(kF32QuantizeQu8);
}
std::span<const QuantizeVariant<Qs8DequantizeFn>> Qs8DequantizeVariants() {
  return VariantsOf(kQs8Dequantize);
}
std::span<const QuantizeVariant<Qu8DequantizeFn>> Qu8DequantizeVariants() {
  return VariantsOf(kQu8Dequantize);
}

std::span<const Q8RequantizeVariant> Q8RequantizeVariants() { return VariantsOf(kQ8Requantize); }

const Q8RequantizeVariant* SelectQ8Requantize(DType from, DType to, Isa max_isa) {
  if (max_isa == Isa::kReference) return nullptr;
  const CpuFeatures& cpu = CpuFeatures::Get();
  for (const Q8RequantizeVariant& v : VariantsOf(kQ8Requantize)) {
    if (v.from != from || v.to != to) continue;
    if (static_cast<int>(v.isa) <= static_cast<int>(max_isa) && cpu.Supports(v.isa)) return &v;
  }
  return nullptr;
}

const QuantizeVariant<F32QuantizeQs8Fn>* SelectF32QuantizeQs8(Isa max_isa) {
  return SelectVariant(VariantsOf(kF32QuantizeQs8), max_isa);
}
const QuantizeVariant<F32QuantizeQu8Fn>* SelectF32QuantizeQu8(Isa max_isa) {
  return SelectVariant(VariantsOf(kF32QuantizeQu8), max_isa);
}
const QuantizeVariant<Qs8DequantizeFn>* SelectQs8Dequantize(Isa max_isa) {
  return SelectVariant(VariantsOf(kQs8Dequantize), max_isa);
}
const QuantizeVariant<Qu8DequantizeFn>* SelectQu8Dequantize(Isa max_isa) {
  return SelectVariant(VariantsOf(kQu8Dequantize), max_isa);
}

}  // namespace liteforge::kernels
