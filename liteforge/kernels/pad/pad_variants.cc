// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The PAD variant table built from variants.inc, and the run-time collapse
// of a PadGeometry the variants share. Portable: no intrinsics.

#include "liteforge/kernels/pad/pad_variants.h"

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

// Ends with a sentinel so that a build without SIMD kernels still has a
// well-formed (empty) table.
constexpr PadVariant kVariants[] = {
#define LF_PAD(isa, x8_pad) {#x8_pad, Isa::isa, &x8_pad},
#include "liteforge/kernels/pad/variants.inc"
#undef LF_PAD
    {nullptr, Isa::kReference, nullptr},
};

}  // namespace

std::span<const PadVariant> PadVariants() { return VariantsOf(kVariants); }

const PadVariant* SelectPad(Isa max_isa) { return SelectVariant(PadVariants(), max_isa); }

bool CollapsePad(const PadGeometry& g, const uint8_t* pad_element, CollapsedPad* c) {
  if (g.element_bytes == 0 || g.in_dims.empty()) return false;
  for (size_t i = 1; i < g.element_bytes; ++i) {
    if (pad_element[i] != pad_element[0]) return false;
  }
  // Innermost first. A dim whose inner neighbour (as merged so far) has no
  // padding joins it: the neighbour's rows are then contiguous in both the
  // input and the output, so the pair is one dim counted in the
  // neighbour's units, padded by the outer dim's amounts times its extent.
  int64_t n[kMaxCollapsedPadDims], before[kMaxCollapsedPadDims], after[kMaxCollapsedPadDims];
  int r = 0;
  for (size_t d = g.in_dims.size(); d-- > 0;) {
    if (r > 0 && before[r - 1] == 0 && after[r - 1] == 0) {
      const int64_t inner = n[r - 1];
      n[r - 1] = g.in_dims[d] * inner;
      before[r - 1] = g.before[d] * inner;
      after[r - 1] = g.after[d] * inner;
      continue;
    }
    if (r == kMaxCollapsedPadDims) return false;
    n[r] = g.in_dims[d];
    before[r] = g.before[d];
    after[r] = g.after[d];
    ++r;
  }
  if (r == 0) return false;
  c->rank = r;
  for (int i = 0; i < r; ++i) {
    c->n[i] = n[r - 1 - i];
    c->before[i] = before[r - 1 - i];
    c->after[i] = after[r - 1 - i];
  }
  const int64_t eb = static_cast<int64_t>(g.element_bytes);
  c->out_block[r - 1] = eb;
  c->in_block[r - 1] = eb;
  for (int i = r - 1; i > 0; --i) {
    c->out_block[i - 1] = c->out_block[i] * (c->before[i] + c->n[i] + c->after[i]);
    c->in_block[i - 1] = c->in_block[i] * c->n[i];
  }
  return true;
}

}  // namespace liteforge::kernels
