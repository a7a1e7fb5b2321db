// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// How ops whose output rows are independent (resizes, pooling, ARG_MAX's
// outer positions) spread them over the thread pool: contiguous ranges,
// only once each range holds enough work to pay for the hand-off (a few
// microseconds). A row's result never depends on the split.

#pragma once

#include <algorithm>
#include <cstdint>

#include "liteforge/ops/op_kernel.h"

namespace liteforge::ops {

// fn(begin, end) over rows [0, rows); each row costs `work_per_row` units
// (elements, bytes, window taps) and a range gets at least
// `min_work_per_range` of them.
template <typename Fn>
void SplitRows(EvalContext& ctx, int64_t rows, int64_t work_per_row, int64_t min_work_per_range,
               const Fn& fn) {
  const int64_t min_rows =
      std::max<int64_t>(1, min_work_per_range / std::max<int64_t>(1, work_per_row));
  ParallelFor(ctx.thread_pool(), rows, min_rows, fn);
}

}  // namespace liteforge::ops
