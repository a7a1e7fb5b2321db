// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SIMD variants of the hot binary elementwise ops (8-bit quantized ADD and
// MUL, float32 ADD and MUL with their activation clamp), listed best-first
// in variants.inc, and the driver that runs one over a BroadcastPlan.
//
// A variant only knows contiguous rows: two rows (same-shape inputs) or a
// row and one element (scalar broadcast). RunBinaryVariant walks the plan's
// innermost rows and hands each to the right function, so every broadcast
// whose innermost dim has strides 0 or 1 in both operands is covered
// (BinaryPlanVectorizable; with size-1 dims dropped from plans that is
// every two-operand plan, but the check keeps the driver honest if plans
// ever change).
// Every variant is bit-exact with its reference kernel: the integer ones
// compute TFLite's fixed-point steps exactly, the float ones do the same
// single IEEE operation and clamp per element.

#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "liteforge/base/cpu_features.h"
#include "liteforge/base/thread_pool.h"
#include "liteforge/kernels/elementwise/activation_bounds.h"
#include "liteforge/kernels/elementwise/broadcast.h"
#include "liteforge/kernels/elementwise/quantized.h"

namespace liteforge::kernels::elementwise {

// out[i] = op(a[i], b[i]) for i < n (vector), or op(a[i], b[0]) (scalar).
template <typename T, typename Params>
struct BinaryVariant {
  using Fn = void (*)(size_t n, const T* a, const T* b, T* out, const Params& p);
  const char* name;
  Isa isa;
  Fn vector;
  Fn scalar;
};

using Qs8AddVariant = BinaryVariant<int8_t, QuantAddParams>;
using Qu8AddVariant = BinaryVariant<uint8_t, QuantAddParams>;
using Qs8MulVariant = BinaryVariant<int8_t, QuantMulParams>;
using Qu8MulVariant = BinaryVariant<uint8_t, QuantMulParams>;
using F32AddVariant = BinaryVariant<float, Bounds<float>>;
using F32MulVariant = BinaryVariant<float, Bounds<float>>;

// Every variant compiled into this build, best first.
std::span<const Qs8AddVariant> Qs8AddVariants();
std::span<const Qu8AddVariant> Qu8AddVariants();
std::span<const Qs8MulVariant> Qs8MulVariants();
std::span<const Qu8MulVariant> Qu8MulVariants();
std::span<const F32AddVariant> F32AddVariants();
std::span<const F32MulVariant> F32MulVariants();

// The best variant with isa <= max_isa that this CPU supports; null when
// there is none (always for Isa::kReference).
const Qs8AddVariant* SelectQs8Add(Isa max_isa);
const Qu8AddVariant* SelectQu8Add(Isa max_isa);
const Qs8MulVariant* SelectQs8Mul(Isa max_isa);
const Qu8MulVariant* SelectQu8Mul(Isa max_isa);
const F32AddVariant* SelectF32Add(Isa max_isa);
const F32MulVariant* SelectF32Mul(Isa max_isa);

// Parameters the vector arithmetic reproduces exactly. ADD: the 8-bit left
// shift of 20, input offsets within +-255 (zero points in the dtype's
// range), every exponent in [-31, 0] (TFLite's ADD makes them so; a
// rounding corner can give +1, which the reference handles with x86's
// shift wrap-around). MUL: input offsets within +-255 and an exponent in
// [-31, 30].
bool QuantAddVectorizable(const QuantAddParams& p);
bool QuantMulVectorizable(const QuantMulParams& p);

// The same parameters with the two inputs' roles exchanged, for a scalar
// on the left: both ops are commutative in their integer arithmetic.
QuantAddParams SwapInputs(const QuantAddParams& p);
QuantMulParams SwapInputs(const QuantMulParams& p);
inline Bounds<float> SwapInputs(const Bounds<float>& p) { return p; }

// True when the innermost dim of `plan` steps through both operands with
// stride 0 or 1, i.e. when RunBinaryVariant may run it.
inline bool BinaryPlanVectorizable(const BroadcastPlan& plan) {
  if (plan.num_operands != 2 || plan.rank < 1) return false;
  const int inner = plan.rank - 1;
  const int64_t sa = plan.strides[0][inner];
  const int64_t sb = plan.strides[1][inner];
  return (sa == 0 || sa == 1) && (sb == 0 || sb == 1);
}

// Output elements [begin, end) of the plan through `v`. `swapped` is
// SwapInputs(p), used for rows where a is the scalar. Ranges may start and
// end inside a row, so callers can split the output evenly over threads.
template <typename T, typename Params>
void RunBinaryVariant(const BinaryVariant<T, Params>& v, const BroadcastPlan& plan, const T* a,
                      const T* b, T* out, const Params& p, const Params& swapped, int64_t begin,
                      int64_t end) {
  if (begin >= end) return;
  const int inner = plan.rank - 1;
  const int64_t n = plan.dims[inner];
  const int64_t sa = plan.strides[0][inner];
  const int64_t sb = plan.strides[1][inner];
  // Position of `begin`: its row, decoded into outer indices and offsets.
  int64_t row = begin / n;
  int64_t col = begin % n;
  std::array<int64_t, kMaxBroadcastRank> index{};
  int64_t offset_a = 0, offset_b = 0;
  {
    int64_t r = row;
    for (int d = inner - 1; d >= 0; --d) {
      index[d] = r % plan.dims[d];
      r /= plan.dims[d];
      offset_a += index[d] * plan.strides[0][d];
      offset_b += index[d] * plan.strides[1][d];
    }
  }
  int64_t pos = begin;
  while (pos < end) {
    const int64_t len = std::min(n - col, end - pos);
    const T* pa = a + offset_a + col * sa;
    const T* pb = b + offset_b + col * sb;
    T* po = out + pos;
    const size_t count = static_cast<size_t>(len);
    if (sa == 1 && sb == 1) {
      v.vector(count, pa, pb, po, p);
    } else if (sb == 0) {
      // Also the single-element plan, where both strides are 0.
      v.scalar(count, pa, pb, po, p);
    } else {
      v.scalar(count, pb, pa, po, swapped);
    }
    pos += len;
    col = 0;
    ++row;
    for (int d = inner - 1; d >= 0; --d) {
      offset_a += plan.strides[0][d];
      offset_b += plan.strides[1][d];
      if (++index[d] < plan.dims[d]) break;
      offset_a -= plan.strides[0][d] * plan.dims[d];
      offset_b -= plan.strides[1][d] * plan.dims[d];
      index[d] = 0;
    }
  }
}

// Below this many output elements a run stays on the calling thread: the
// vector kernels do one in well under a nanosecond, and handing work to the
// pool costs microseconds.
inline constexpr int64_t kParallelMinElements = 32 * 1024;

// The whole plan through `v`, split into contiguous output ranges over
// `pool` (null: the calling thread) when it is large enough.
template <typename T, typename Params>
void RunBinaryVariant(const BinaryVariant<T, Params>& v, const BroadcastPlan& plan, const T* a,
                      const T* b, T* out, const Params& p, ThreadPool* pool) {
  const Params swapped = SwapInputs(p);
  ParallelFor(pool, plan.num_elements, kParallelMinElements, [&](int64_t begin, int64_t end) {
    RunBinaryVariant(v, plan, a, b, out, p, swapped, begin, end);
  });
}

// The kernels themselves (x86_avx512.cc, x86_avx2.cc), declared from
// variants.inc. Call one only where the CPU supports its ISA and, for the
// quantized ones, where Quant*Vectorizable holds.
#define LF_ELEMENTWISE_DECLARE(T, Params, vector_fn, scalar_fn)                      \
  void vector_fn(size_t n, const T* a, const T* b, T* out, const Params& p);         \
  void scalar_fn(size_t n, const T* a, const T* b, T* out, const Params& p);
#define LF_QS8_ADD(isa, v, s) LF_ELEMENTWISE_DECLARE(int8_t, QuantAddParams, v, s)
#define LF_QU8_ADD(isa, v, s) LF_ELEMENTWISE_DECLARE(uint8_t, QuantAddParams, v, s)
#define LF_QS8_MUL(isa, v, s) LF_ELEMENTWISE_DECLARE(int8_t, QuantMulParams, v, s)
#define LF_QU8_MUL(isa, v, s) LF_ELEMENTWISE_DECLARE(uint8_t, QuantMulParams, v, s)
#define LF_F32_ADD(isa, v, s) LF_ELEMENTWISE_DECLARE(float, Bounds<float>, v, s)
#define LF_F32_MUL(isa, v, s) LF_ELEMENTWISE_DECLARE(float, Bounds<float>, v, s)
#include "liteforge/kernels/elementwise/variants.inc"
#undef LF_QS8_ADD
#undef LF_QU8_ADD
#undef LF_QS8_MUL
#undef LF_QU8_MUL
#undef LF_F32_ADD
#undef LF_F32_MUL
#undef LF_ELEMENTWISE_DECLARE

}  // namespace liteforge::kernels::elementwise
