// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// NumPy-style broadcasting for the elementwise kernels. A BroadcastPlan is
// built once in Prepare from the input shapes: dims of size 1 are dropped,
// neighbouring dims that every input walks the same way are merged, and
// each input gets one element stride per remaining dim (0 where it is
// broadcast). Same-shape inputs collapse to a single contiguous row and a
// scalar operand to a row with stride 0, so the common cases cost one flat
// loop. Eval then walks the outer dims with an odometer and hands each
// innermost row to a tight loop whose strides are 0 or 1.
//
// Up to three operands (SELECT_V2 broadcasts condition, x and y); after
// merging, at most kMaxBroadcastRank dims may remain.

#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>

#include "liteforge/base/status.h"
#include "liteforge/tensor/shape.h"

namespace liteforge::kernels::elementwise {

inline constexpr int kMaxBroadcastRank = 6;
inline constexpr int kMaxBroadcastOperands = 3;

struct BroadcastPlan {
  int num_operands = 0;
  // Merged output dims, outermost first. rank >= 1 once built.
  int rank = 0;
  std::array<int64_t, kMaxBroadcastRank> dims{};
  // strides[k][d]: elements operand k advances per step of dims[d].
  std::array<std::array<int64_t, kMaxBroadcastRank>, kMaxBroadcastOperands> strides{};
  int64_t num_elements = 0;  // of the output
  Shape output_shape;        // the unmerged broadcast shape
};

// Broadcasts the operand shapes (right-aligned, each dim equal or 1) and
// plans the walk. Fails when the shapes are incompatible, naming them, or
// when more than kMaxBroadcastRank dims remain after merging.
Result<BroadcastPlan> MakeBroadcastPlan(std::initializer_list<const Shape*> operands);

// out[i] = fn(a[.], b[.]) over the plan.
template <typename A, typename B, typename O, typename Fn>
void ForEachBroadcast2(const BroadcastPlan& p, const A* a, const B* b, O* out, Fn&& fn) {
  if (p.num_elements == 0) return;
  const int inner = p.rank - 1;
  const int64_t n = p.dims[inner];
  const int64_t sa = p.strides[0][inner];
  const int64_t sb = p.strides[1][inner];
  auto row = [&](const A* pa, const B* pb, O* po) {
    if (sa == 1 && sb == 1) {
      for (int64_t i = 0; i < n; ++i) po[i] = fn(pa[i], pb[i]);
    } else if (sa == 0 && sb == 1) {
      const A va = *pa;
      for (int64_t i = 0; i < n; ++i) po[i] = fn(va, pb[i]);
    } else if (sa == 1 && sb == 0) {
      const B vb = *pb;
      for (int64_t i = 0; i < n; ++i) po[i] = fn(pa[i], vb);
    } else {
      for (int64_t i = 0; i < n; ++i) po[i] = fn(pa[i * sa], pb[i * sb]);
    }
  };
  std::array<int64_t, kMaxBroadcastRank> index{};
  int64_t offset_a = 0, offset_b = 0;
  const int64_t rows = p.num_elements / n;
  for (int64_t r = 0; r < rows; ++r) {
    row(a + offset_a, b + offset_b, out + r * n);
    for (int d = inner - 1; d >= 0; --d) {
      offset_a += p.strides[0][d];
      offset_b += p.strides[1][d];
      if (++index[d] < p.dims[d]) break;
      offset_a -= p.strides[0][d] * p.dims[d];
      offset_b -= p.strides[1][d] * p.dims[d];
      index[d] = 0;
    }
  }
}

// out[i] = fn(a[.], b[.], c[.]) over the plan.
template <typename A, typename B, typename C, typename O, typename Fn>
void ForEachBroadcast3(const BroadcastPlan& p, const A* a, const B* b, const C* c, O* out,
                       Fn&& fn) {
  if (p.num_elements == 0) return;
  const int inner = p.rank - 1;
  const int64_t n = p.dims[inner];
  const int64_t sa = p.strides[0][inner];
  const int64_t sb = p.strides[1][inner];
  const int64_t sc = p.strides[2][inner];
  std::array<int64_t, kMaxBroadcastRank> index{};
  int64_t offset_a = 0, offset_b = 0, offset_c = 0;
  const int64_t rows = p.num_elements / n;
  for (int64_t r = 0; r < rows; ++r) {
    const A* pa = a + offset_a;
    const B* pb = b + offset_b;
    const C* pc = c + offset_c;
    O* po = out + r * n;
    if (sa == 1 && sb == 1 && sc == 1) {
      for (int64_t i = 0; i < n; ++i) po[i] = fn(pa[i], pb[i], pc[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) po[i] = fn(pa[i * sa], pb[i * sb], pc[i * sc]);
    }
    for (int d = inner - 1; d >= 0; --d) {
      offset_a += p.strides[0][d];
      offset_b += p.strides[1][d];
      offset_c += p.strides[2][d];
      if (++index[d] < p.dims[d]) break;
      offset_a -= p.strides[0][d] * p.dims[d];
      offset_b -= p.strides[1][d] * p.dims[d];
      offset_c -= p.strides[2][d] * p.dims[d];
      index[d] = 0;
    }
  }
}

}  // namespace liteforge::kernels::elementwise
