// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// float32 GEMM micro-kernels and their dispatch: the compute core under the
// fast CONV_2D (f32_conv.h) and FULLY_CONNECTED (f32_fully_connected.h)
// drivers.
//
// A micro-kernel computes one tile of C = clamp(A x W + bias): `mr` rows of A
// (pixels or batch rows, each K contiguous floats, rows `a_stride` floats
// apart) times one packed weight panel of NR output channels (packing.h),
// written to `mr` rows of C (`c_stride` floats apart), of which only the
// first `nc` <= NR channels are stored. Each output starts from its bias and
// adds a[k] * w[k] for k = 0, 1, ..., K-1 in that order (fused multiply-add
// in the SIMD variants), then is clamped to [act.min, act.max] (NaN passes
// through, as in the reference kernels).
//
// Accuracy: against the reference kernels only the summation order (and FMA
// rounding) differs, so for every output
//   |fast - reference| <= 2 * (K + 1) * 2^-24 * (|bias| + sum_k |a_k * w_k|).
// The kernel tests check exactly this bound. Within one variant the result
// of an output does not depend on the tile it lands in (mr, nc, block or
// thread split): every output runs the same chain of operations.
//
// Variants are listed best-first in variants.inc; SelectF32Gemm picks the
// first one at or below an ISA ceiling that the CPU supports.

#pragma once

#include <cstddef>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/gemm_f32/packing.h"

namespace liteforge::kernels {

struct F32MinMax {
  float min;
  float max;
};

// The micro-kernel ABI. Preconditions: 1 <= mr <= MR, 1 <= nc <= NR; `w`
// points at one packed panel (NR bias values, then K rows of NR weights).
using F32GemmMicrokernelFn = void (*)(size_t mr, size_t nc, size_t kc, const float* a,
                                      size_t a_stride, const float* w, float* c,
                                      size_t c_stride, F32MinMax act);

// One variant: its micro-kernel and the tile it computes. Weights must be
// packed with this variant's `nr`.
struct F32Gemm {
  const char* name;
  Isa isa;
  int mr;  // rows of A per call
  int nr;  // channels per packed panel
  F32GemmMicrokernelFn microkernel;
};

// The micro-kernels (see variants.inc for the tiles).
void f32_gemm_minmax_4x8__reference(size_t mr, size_t nc, size_t kc, const float* a,
                                    size_t a_stride, const float* w, float* c, size_t c_stride,
                                    F32MinMax act);
#if defined(__x86_64__)
void f32_gemm_minmax_6x16__avx2(size_t mr, size_t nc, size_t kc, const float* a,
                                size_t a_stride, const float* w, float* c, size_t c_stride,
                                F32MinMax act);
void f32_gemm_minmax_8x32__avx512(size_t mr, size_t nc, size_t kc, const float* a,
                                  size_t a_stride, const float* w, float* c, size_t c_stride,
                                  F32MinMax act);
#endif
#if defined(__aarch64__)
void f32_gemm_minmax_8x8__neon(size_t mr, size_t nc, size_t kc, const float* a, size_t a_stride,
                               const float* w, float* c, size_t c_stride, F32MinMax act);
#endif

// Every variant compiled into this build, best first (whether or not the
// CPU runs it); tests walk this list.
std::span<const F32Gemm> F32GemmVariants();

// The best variant whose ISA is at or below `max_isa` and that the CPU
// supports. The portable variant always qualifies, so this never fails.
const F32Gemm& SelectF32Gemm(Isa max_isa);

// True when this CPU can run `gemm`.
bool F32GemmRunnable(const F32Gemm& gemm);

// Rows of A the GEMM runner (and the conv driver's im2col) works on at a
// time for a depth of `k`: a multiple of every variant's MR, sized so one
// block of A stays in L2 while all weight panels stream past it.
size_t F32GemmBlockRows(size_t k);

// C[m][n] for rows [0, m) of A and the channels of panels
// [panel_begin, panel_end) of `w` (packed for gemm.nr):
//   for each block of F32GemmBlockRows(k) rows, for each panel, for each MR
//   rows: one micro-kernel call.
void F32GemmRun(const F32Gemm& gemm, size_t m, const float* a, size_t a_stride,
                const F32PackedWeights& w, size_t panel_begin, size_t panel_end, float* c,
                size_t c_stride, F32MinMax act);

}  // namespace liteforge::kernels
