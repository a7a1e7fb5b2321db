// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The f32 GEMM variant table (from variants.inc), ISA selection, and the
// blocked loop that drives a micro-kernel over a whole matrix.

#include "liteforge/kernels/gemm_f32/f32_gemm.h"

#include <algorithm>
#include <array>

namespace liteforge::kernels {
namespace {

constexpr F32Gemm kVariants[] = {
#define LF_F32_GEMM_VARIANT(isa, mr, nr, fn) {#fn, Isa::isa, mr, nr, fn},
#include "liteforge/kernels/gemm_f32/variants.inc"
#undef LF_F32_GEMM_VARIANT
};

// Row blocks are multiples of this, so every variant's MR tiles them fully.
constexpr size_t kBlockRowQuantum = 24;

constexpr bool QuantumFitsEveryTile() {
  for (const F32Gemm& v : kVariants) {
    if (kBlockRowQuantum % static_cast<size_t>(v.mr) != 0) return false;
  }
  return true;
}
static_assert(QuantumFitsEveryTile(), "a new MR must divide kBlockRowQuantum");
static_assert(kVariants[std::size(kVariants) - 1].isa == Isa::kReference,
              "the portable variant must stay last in variants.inc");

// Bytes of A one row block may take: small enough to stay in L2 beside the
// weight panel being streamed.
constexpr size_t kBlockBytes = size_t{128} * 1024;
constexpr size_t kMaxBlockRows = 20 * kBlockRowQuantum;

}  // namespace

std::span<const F32Gemm> F32GemmVariants() { return kVariants; }

bool F32GemmRunnable(const F32Gemm& gemm) {
  return gemm.isa == Isa::kReference || CpuFeatures::Get().Supports(gemm.isa);
}

const F32Gemm& SelectF32Gemm(Isa max_isa) {
  for (const F32Gemm& v : kVariants) {
    if (static_cast<int>(v.isa) <= static_cast<int>(max_isa) && F32GemmRunnable(v)) return v;
  }
  return kVariants[std::size(kVariants) - 1];
}

size_t F32GemmBlockRows(size_t k) {
  const size_t row_bytes = std::max<size_t>(1, k) * sizeof(float);
  const size_t rows = kBlockBytes / row_bytes / kBlockRowQuantum * kBlockRowQuantum;
  return std::clamp(rows, kBlockRowQuantum, kMaxBlockRows);
}

void F32GemmRun(const F32Gemm& gemm, size_t m, const float* a, size_t a_stride,
                const F32PackedWeights& w, size_t panel_begin, size_t panel_end, float* c,
                size_t c_stride, F32MinMax act) {
  const size_t k = static_cast<size_t>(w.k);
  const size_t n = static_cast<size_t>(w.n);
  const size_t nr = static_cast<size_t>(gemm.nr);
  const size_t mr = static_cast<size_t>(gemm.mr);
  const size_t block = F32GemmBlockRows(k);
  for (size_t m0 = 0; m0 < m; m0 += block) {
    const size_t rows = std::min(block, m - m0);
    // Panel outer, rows inner: the panel is reused by every MR-row tile of
    // the block while the block of A stays cached.
    for (size_t p = panel_begin; p < panel_end; ++p) {
      const float* panel = w.panel(p);
      const size_t n0 = p * nr;
      const size_t nc = std::min(nr, n - n0);
      for (size_t i = 0; i < rows; i += mr) {
        const size_t r = m0 + i;
        gemm.microkernel(std::min(mr, rows - i), nc, k, a + r * a_stride, a_stride, panel,
                         c + r * c_stride + n0, c_stride, act);
      }
    }
  }
}

}  // namespace liteforge::kernels
