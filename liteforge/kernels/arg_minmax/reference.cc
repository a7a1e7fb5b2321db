// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Portable ARG_MAX / ARG_MIN. With inner == 1 (the reduced axis is the
// innermost one, the common case) each output scans one contiguous run.
// Otherwise a tranche of up to kTranche inner positions is tracked at once
// so the loop over them stays contiguous in memory.

#include "liteforge/kernels/arg_minmax/reference.h"

#include <algorithm>
#include <numeric>
#include <type_traits>

namespace liteforge::kernels {
namespace {

constexpr int64_t kTranche = 256;

template <bool kMax, typename T>
inline bool Better(T candidate, T best) {
  if constexpr (kMax) {
    return candidate > best;
  } else {
    return candidate < best;
  }
}

template <bool kMax, typename T, typename I>
void ArgMinMax(const ArgMinMaxShape& s, const T* in, I* out) {
  if (s.inner == 1) {
    for (int64_t o = 0; o < s.outer; ++o) {
      const T* row = in + o * s.axis_size;
      T best = row[0];
      int64_t where = 0;
      for (int64_t a = 1; a < s.axis_size; ++a) {
        // Selects instead of a branch: which value wins is data-dependent
        // and mispredicts (a segmentation map's class scores).
        const bool better = Better<kMax>(row[a], best);
        best = better ? row[a] : best;
        where = better ? a : where;
      }
      out[o] = static_cast<I>(where);
    }
    return;
  }
  T best[kTranche];
  I where[kTranche];
  for (int64_t o = 0; o < s.outer; ++o) {
    const T* block = in + o * s.axis_size * s.inner;
    for (int64_t i0 = 0; i0 < s.inner; i0 += kTranche) {
      const int64_t n = std::min(kTranche, s.inner - i0);
      std::copy(block + i0, block + i0 + n, best);
      std::fill(where, where + n, I{0});
      for (int64_t a = 1; a < s.axis_size; ++a) {
        const T* row = block + a * s.inner + i0;
        for (int64_t j = 0; j < n; ++j) {
          if (Better<kMax>(row[j], best[j])) {
            best[j] = row[j];
            where[j] = static_cast<I>(a);
          }
        }
      }
      std::copy(where, where + n, out + o * s.inner + i0);
    }
  }
}

template <typename T, typename I>
void Dispatch(const ArgMinMaxShape& s, bool is_max, const T* in, I* out) {
  if (is_max) {
    ArgMinMax<true>(s, in, out);
  } else {
    ArgMinMax<false>(s, in, out);
  }
}

}  // namespace

void f32_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const float* in,
                              int32_t* out) {
  Dispatch(s, is_max, in, out);
}
void f32_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const float* in,
                              int64_t* out) {
  Dispatch(s, is_max, in, out);
}
void u8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const uint8_t* in,
                             int32_t* out) {
  Dispatch(s, is_max, in, out);
}
void u8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const uint8_t* in,
                             int64_t* out) {
  Dispatch(s, is_max, in, out);
}
void s8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int8_t* in,
                             int32_t* out) {
  Dispatch(s, is_max, in, out);
}
void s8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int8_t* in,
                             int64_t* out) {
  Dispatch(s, is_max, in, out);
}
void s16_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int16_t* in,
                              int32_t* out) {
  Dispatch(s, is_max, in, out);
}
void s16_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int16_t* in,
                              int64_t* out) {
  Dispatch(s, is_max, in, out);
}
void s32_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int32_t* in,
                              int32_t* out) {
  Dispatch(s, is_max, in, out);
}
void s32_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const int32_t* in,
                              int64_t* out) {
  Dispatch(s, is_max, in, out);
}
void b8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const bool* in,
                             int32_t* out) {
  Dispatch(s, is_max, in, out);
}
void b8_argminmax__reference(const ArgMinMaxShape& s, bool is_max, const bool* in,
                             int64_t* out) {
  Dispatch(s, is_max, in, out);
}

template <typename T, typename I>
void topk__reference(int64_t rows, int32_t row_size, int32_t k, const T* in, T* values,
                     I* indices, int32_t* order) {
  if (k <= 0) return;
  for (int64_t r = 0; r < rows; ++r) {
    const T* row = in + r * row_size;
    std::iota(order, order + row_size, 0);
    // Larger values first; equal values by increasing index. This is a
    // strict order, so the first k positions are exactly TFLite's result.
    // NaNs (undefined order in TFLite) rank below every number here, which
    // keeps the comparison a valid strict weak order.
    std::partial_sort(order, order + k, order + row_size, [row](int32_t a, int32_t b) {
      const T va = row[a];
      const T vb = row[b];
      if constexpr (std::is_floating_point_v<T>) {
        const bool na = va != va;
        const bool nb = vb != vb;
        if (na != nb) return nb;
        if (na) return a < b;
      }
      if (va != vb) return vb < va;
      return a < b;
    });
    for (int32_t j = 0; j < k; ++j) {
      values[r * k + j] = row[order[j]];
      indices[r * k + j] = static_cast<I>(order[j]);
    }
  }
}

#define LF_TOPK_INSTANTIATE(T)                                                              \
  template void topk__reference<T, int32_t>(int64_t, int32_t, int32_t, const T*, T*,       \
                                            int32_t*, int32_t*);                           \
  template void topk__reference<T, int16_t>(int64_t, int32_t, int32_t, const T*, T*,       \
                                            int16_t*, int32_t*);
LF_TOPK_INSTANTIATE(float)
LF_TOPK_INSTANTIATE(uint8_t)
LF_TOPK_INSTANTIATE(int8_t)
LF_TOPK_INSTANTIATE(int16_t)
LF_TOPK_INSTANTIATE(int32_t)
LF_TOPK_INSTANTIATE(int64_t)
#undef LF_TOPK_INSTANTIATE

}  // namespace liteforge::kernels
