// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The float32 GEMM path shared by TRANSPOSE_CONV and MediaPipe's
// Convolution2DTransposeBias (kernels/gemm_f32/f32_transpose_conv.h):
// Prepare packs the constant weights once and sizes per-task scratch; Run
// splits the rows into a fixed number of tasks (at most one per thread,
// each with its own scratch slot), so results do not depend on which
// thread runs what or on the thread count.

#pragma once

#include <algorithm>
#include <cstdint>

#include "liteforge/kernels/gemm_f32/f32_transpose_conv.h"
#include "liteforge/ops/op_kernel.h"

namespace liteforge::ops {

class F32TransposeConvGemm {
 public:
  // Chooses the GEMM path when the weights (and bias, if any) are constant
  // and a SIMD GEMM is allowed; otherwise active() stays false and the op
  // keeps its reference kernel.
  Status Prepare(PrepareContext& ctx, const kernels::TransposeConvGeometry& g,
                 const TensorView& weights, const TensorView* bias) {
    gemm_ = nullptr;
    if (weights.data == nullptr || (bias != nullptr && bias->data == nullptr)) return Status::Ok();
    if (!kernels::F32TransposeConvSupported(g)) return Status::Ok();
    const kernels::F32Gemm& gemm = kernels::SelectF32Gemm(ctx.max_isa());
    if (gemm.isa == Isa::kReference) return Status::Ok();
    const size_t bytes = kernels::F32TransposeConvPackedBytes(g, gemm);
    uint8_t* memory = ctx.AllocatePersistent(bytes);
    if (memory == nullptr) {
      return ResourceExhausted("cannot allocate {} bytes for packed transpose-conv weights", bytes);
    }
    packed_ = kernels::F32TransposeConvPackWeights(
        g, gemm, weights.data_as<float>(),
        bias != nullptr ? reinterpret_cast<const float*>(bias->data) : nullptr, memory);
    rows_ = kernels::F32TransposeConvRows(g);
    // A task gets at least ~64k multiply-adds.
    const int64_t macs_per_row = static_cast<int64_t>(g.input_width) * g.filter_width *
                                 g.output_depth * g.input_depth *
                                 std::max(1, g.filter_height / g.stride_height);
    const int64_t min_rows = std::max<int64_t>(1, (int64_t{1} << 16) / std::max<int64_t>(1, macs_per_row));
    tasks_ = static_cast<int>(std::clamp<int64_t>(rows_ / min_rows, 1, std::max(1, ctx.num_threads())));
    scratch_bytes_ = kernels::F32TransposeConvScratchBytes(g);
    scratch_ = scratch_bytes_ > 0 ? ctx.RequestScratch(scratch_bytes_ * static_cast<size_t>(tasks_)) : -1;
    gemm_ = &gemm;
    return Status::Ok();
  }

  bool active() const { return gemm_ != nullptr; }

  void Run(EvalContext& ctx, const kernels::TransposeConvGeometry& g, const float* input,
           const float* bias, float act_min, float act_max, float* output) const {
    uint8_t* scratch = scratch_ >= 0 ? ctx.scratch(scratch_) : nullptr;
    const int64_t rows = rows_;
    const int tasks = tasks_;
    ParallelFor(ctx.thread_pool(), tasks, 1, [&](int64_t begin, int64_t end) {
      for (int64_t t = begin; t < end; ++t) {
        kernels::F32TransposeConvRun(*gemm_, g, input, packed_, bias, act_min, act_max,
                                     static_cast<int>(t * rows / tasks),
                                     static_cast<int>((t + 1) * rows / tasks),
                                     scratch != nullptr ? scratch + t * scratch_bytes_ : nullptr,
                                     output);
      }
    });
  }

 private:
  const kernels::F32Gemm* gemm_ = nullptr;
  kernels::F32TransposeConvPacked packed_;
  int rows_ = 0;
  int tasks_ = 1;
  size_t scratch_bytes_ = 0;
  int scratch_ = -1;
};

}  // namespace liteforge::ops
