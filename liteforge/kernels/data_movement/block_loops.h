// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The ISA-independent loops of the data-movement variants: walking the
// blocks of a CONCATENATION / SPLIT, choosing copy, clamp or requantize per
// input, and walking the outer dims of a plane interleave. Each ISA file
// (x86_avx2.cc, x86_avx512.cc, arm_neon.cc) instantiates them with its own
// block routines, which live in that file's anonymous namespace: every
// instantiation therefore has internal linkage and carries only that
// file's ISA flags. No intrinsics here.

#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include "liteforge/kernels/data_movement/data_movement_variants.h"
#include "liteforge/kernels/data_movement/reference.h"

namespace liteforge::kernels::block_loops {

using ByteCopy = void (*)(uint8_t* out, const uint8_t* in, size_t bytes);
template <typename T>
using ClampRun = void (*)(const T* src, size_t n, int32_t act_min, int32_t act_max, T* out);
template <typename T>
using RequantizeRun = void (*)(const T* src, size_t n, const ConcatRequant& r, int32_t act_min,
                               int32_t act_max, T* out);
// out[c * R + p] = in[p * plane_stride + c] for c < count, p < R.
using InterleaveRun = void (*)(const uint8_t* in, int64_t plane_stride, int64_t count,
                               uint8_t* out);

// Output blocks of `outer` rows, each the inputs' blocks side by side.
template <ByteCopy kCopy>
void Concat(int64_t outer, std::span<const uint8_t* const> inputs,
            std::span<const size_t> block_bytes, uint8_t* output) {
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t p = 0; p < inputs.size(); ++p) {
      const size_t n = block_bytes[p];
      kCopy(output, inputs[p] + static_cast<size_t>(o) * n, n);
      output += n;
    }
  }
}

// The inverse of Concat.
template <ByteCopy kCopy>
void Split(int64_t outer, const uint8_t* input, std::span<uint8_t* const> outputs,
           std::span<const size_t> block_bytes) {
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t p = 0; p < outputs.size(); ++p) {
      const size_t n = block_bytes[p];
      kCopy(outputs[p] + static_cast<size_t>(o) * n, input, n);
      input += n;
    }
  }
}

// Concat of 8-bit inputs: an input with the output's quantization is
// copied (clamped when the fused activation narrows the range), any other
// is requantized.
template <typename T, ByteCopy kCopy, ClampRun<T> kClamp, RequantizeRun<T> kRequantize>
void ConcatRequantize(int64_t outer, std::span<const T* const> inputs,
                      std::span<const size_t> block_elems, std::span<const ConcatRequant> requant,
                      int32_t act_min, int32_t act_max, T* output) {
  const bool clamp_copies =
      act_min > std::numeric_limits<T>::min() || act_max < std::numeric_limits<T>::max();
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t p = 0; p < inputs.size(); ++p) {
      const size_t n = block_elems[p];
      const T* src = inputs[p] + static_cast<size_t>(o) * n;
      const ConcatRequant& r = requant[p];
      if (r.copy && !clamp_copies) {
        kCopy(reinterpret_cast<uint8_t*>(output), reinterpret_cast<const uint8_t*>(src), n);
      } else if (r.copy) {
        kClamp(src, n, act_min, act_max, output);
      } else {
        kRequantize(src, n, r, act_min, act_max, output);
      }
      output += n;
    }
  }
}

// A strided copy whose innermost dim walks 2-4 byte planes while the dim
// outside it is contiguous in the input (an NCHW -> NHWC TRANSPOSE of an
// image): each tile goes through the ISA's interleave; any other plan runs
// the reference.
template <InterleaveRun kInterleave2, InterleaveRun kInterleave3, InterleaveRun kInterleave4>
void StridedCopy(const StridedCopyPlan& plan, const void* input, void* output) {
  const int rank = plan.rank;
  if (plan.total == 0 || rank < 2 || plan.unit_bytes != 1 || plan.stride[rank - 2] != 1 ||
      plan.count[rank - 1] < 2 || plan.count[rank - 1] > 4 || plan.count[rank - 2] < 16) {
    SelectStridedCopy(plan)(plan, input, output);  // the reference for the plan's unit
    return;
  }
  const uint8_t* in = static_cast<const uint8_t*>(input);
  uint8_t* out = static_cast<uint8_t*>(output);
  const int64_t planes = plan.count[rank - 1], plane_stride = plan.stride[rank - 1];
  const int64_t count = plan.count[rank - 2];
  const int64_t tile = planes * count;
  const int outer_dims = rank - 2;
  int64_t index[kMaxCopyDims] = {};
  int64_t offset = plan.base;
  for (int64_t t = 0; t < plan.total / tile; ++t) {
    const uint8_t* src = in + offset;
    switch (planes) {
      case 2:
        kInterleave2(src, plane_stride, count, out);
        break;
      case 3:
        kInterleave3(src, plane_stride, count, out);
        break;
      default:
        kInterleave4(src, plane_stride, count, out);
        break;
    }
    out += tile;
    // Advance the outer dims like an odometer.
    for (int d = outer_dims - 1; d >= 0; --d) {
      offset += plan.stride[d];
      if (++index[d] < plan.count[d]) break;
      offset -= plan.stride[d] * plan.count[d];
      index[d] = 0;
    }
  }
}

}  // namespace liteforge::kernels::block_loops
