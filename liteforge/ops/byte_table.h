// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// ByteTable: an 8-bit elementwise op whose output byte depends only on the
// input byte (the RELU family, LEAKY_RELU, HARD_SWISH with their fixed
// quantization) runs as a 256-entry table lookup. The table is filled at
// Prepare by running the op's own reference kernel on all 256 byte
// values, so a lookup equals the reference's result bit for bit whatever
// its arithmetic, at about a nanosecond per element (the fixed-point
// HARD_SWISH costs tens).

#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "liteforge/tensor/dtype.h"
#include "liteforge/tensor/tensor_view.h"

namespace liteforge::ops {

class ByteTable {
 public:
  // `kernel(const T* in, size_t n, T* out)` is the op's elementwise kernel
  // for T = uint8_t or int8_t.
  template <typename T, typename Kernel>
  void Build(Kernel&& kernel) {
    static_assert(std::is_same_v<T, uint8_t> || std::is_same_v<T, int8_t>);
    T in[256];
    T out[256];
    for (int b = 0; b < 256; ++b) in[b] = static_cast<T>(static_cast<uint8_t>(b));
    kernel(in, size_t{256}, out);
    for (int b = 0; b < 256; ++b) table_[b] = static_cast<uint8_t>(out[b]);
  }

  // The common case in one call: for a uint8 or int8 op, tabulate its
  // reference kernel of that type, `kernel(in, n, params, out)`; other
  // dtypes leave the table unused. Returns whether a table was built.
  template <typename Params>
  bool BuildFor(DType dtype, void (*qu8_kernel)(const uint8_t*, size_t, const Params&, uint8_t*),
                void (*qs8_kernel)(const int8_t*, size_t, const Params&, int8_t*),
                const Params& params) {
    if (dtype == DType::kUInt8) {
      Build<uint8_t>(
          [&](const uint8_t* in, size_t n, uint8_t* out) { qu8_kernel(in, n, params, out); });
      return true;
    }
    if (dtype == DType::kInt8) {
      Build<int8_t>(
          [&](const int8_t* in, size_t n, int8_t* out) { qs8_kernel(in, n, params, out); });
      return true;
    }
    return false;
  }

  // Maps every byte of `in` (uint8 or int8, as built) into `out`.
  void Apply(const TensorView& in, TensorView& out) const {
    Apply(in.data_as<uint8_t>(), static_cast<size_t>(in.num_elements()), out.data_as<uint8_t>());
  }

  template <typename T>
  void Apply(const T* in, size_t n, T* out) const {
    static_assert(std::is_same_v<T, uint8_t> || std::is_same_v<T, int8_t>);
    const auto* src = reinterpret_cast<const uint8_t*>(in);
    auto* dst = reinterpret_cast<uint8_t*>(out);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
      const uint8_t a = table_[src[i]], b = table_[src[i + 1]];
      const uint8_t c = table_[src[i + 2]], d = table_[src[i + 3]];
      dst[i] = a;
      dst[i + 1] = b;
      dst[i + 2] = c;
      dst[i + 3] = d;
    }
    for (; i < n; ++i) dst[i] = table_[src[i]];
  }

 private:
  alignas(64) uint8_t table_[256] = {};
};

}  // namespace liteforge::ops
