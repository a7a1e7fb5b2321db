// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Fast float32 CONV_2D (ungrouped) on the f32 GEMM micro-kernels.
//
// The convolution is a GEMM: rows are output pixels, K = filter_height *
// filter_width * input_depth, N = output_depth, and the packed filter is the
// weight matrix (an OHWI filter is already [N][K]).
//   * A 1x1 filter without padding whose taps all land inside the image reads
//     the input in place: with stride 1 over a full-width image the row range
//     is one GEMM over contiguous pixels, otherwise one GEMM per output row
//     with the pixel stride as the row stride. No copy, no scratch.
//   * Everything else gathers blocks of output pixels' receptive fields
//     (im2col, zeros for padding taps) into the caller's scratch and runs the
//     GEMM on each block.
// Accuracy and determinism as in f32_gemm.h: within 2 * (K + 1) * 2^-24 *
// (|bias| + sum |x * w|) of f32_conv2d__reference, and bit-identical
// whatever the row split.
//
// Use from an op (CONV_2D float32, groups() == 1):
//   Prepare:  gemm_ = &SelectF32Gemm(ctx.max_isa());
//             packed = ctx.AllocatePersistent(F32ConvPackedBytes(g, *gemm_));
//             F32ConvPackWeights(g, *gemm_, filter, bias, packed);  // constant
//                 filter (and bias) only; otherwise keep the reference path
//             per_task = F32ConvScratchBytes(g);  // 64-byte multiple, may be 0
//             scratch_id = ctx.RequestScratch(per_task * tasks);
//   Eval:     split rows into `tasks` ranges and give each its own slice:
//               ParallelFor(pool, tasks, 1, [&](int64_t t0, int64_t t1) {
//                 for (t = t0; t < t1; ++t)
//                   F32ConvRun(*gemm_, g, input, weights, min, max,
//                              rows_begin(t), rows_end(t),
//                              scratch + t * per_task, output);
//               });
//             (ParallelFor does not say which thread runs a chunk, so the
//             slice is tied to the task index, not to a thread.)

#pragma once

#include <cstddef>
#include <cstdint>

#include "liteforge/kernels/conv/reference.h"
#include "liteforge/kernels/gemm_f32/f32_gemm.h"
#include "liteforge/kernels/gemm_f32/packing.h"

namespace liteforge::kernels {

// True when the fast driver handles `g`: one group, non-empty geometry.
bool F32ConvSupported(const ConvGeometry& g);

// Bytes of the packed filter + bias for `gemm` (a multiple of 4; allocate
// 64-byte aligned for aligned panel rows).
size_t F32ConvPackedBytes(const ConvGeometry& g, const F32Gemm& gemm);

// Packs the OHWI `filter` and the (nullable) `bias` once for `gemm` into
// `packed` (F32ConvPackedBytes bytes), and returns the view F32ConvRun
// takes; the view points into `packed`, which the caller keeps alive.
F32PackedWeights F32ConvPackWeights(const ConvGeometry& g, const F32Gemm& gemm,
                                    const float* filter, const float* bias, void* packed);

// Scratch one F32ConvRun call needs (a multiple of 64 bytes; 0 when the
// input is read in place). Depends on the geometry only, not the variant.
// Concurrent calls each need their own scratch.
size_t F32ConvScratchBytes(const ConvGeometry& g);

// Computes output rows [row_begin, row_end) of the flattened (batch,
// output_y) range, NHWC, clamped to [act_min, act_max]. `weights` comes
// from F32ConvPackWeights with the same `gemm`; `scratch` holds at least
// F32ConvScratchBytes(g) bytes (may be null when that is 0), is only used
// during the call, and need not be aligned beyond float.
void F32ConvRun(const F32Gemm& gemm, const ConvGeometry& g, const float* input,
                const F32PackedWeights& weights, float act_min, float act_max, int row_begin,
                int row_end, void* scratch, float* output);

// The same for output pixels [pixel_begin, pixel_end) of the flattened
// (batch, output_y, output_x) range: how an op splits layers with few rows
// (7x7, 14x14) evenly over threads. Every pixel is computed exactly as by
// F32ConvRun, whatever the range.
void F32ConvRunPixels(const F32Gemm& gemm, const ConvGeometry& g, const float* input,
                      const F32PackedWeights& weights, float act_min, float act_max,
                      int64_t pixel_begin, int64_t pixel_end, void* scratch, float* output);

}  // namespace liteforge::kernels
