// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/data_movement/reference.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace liteforge::kernels {
namespace {

// The widest unit (8, 4, 2 or 1 bytes) that divides an element.
size_t CopyUnit(size_t element_bytes) {
  for (size_t unit : {size_t{8}, size_t{4}, size_t{2}}) {
    if (element_bytes % unit == 0) return unit;
  }
  return 1;
}

template <typename T>
void StridedCopy(const StridedCopyPlan& plan, const void* input, void* output) {
  if (plan.total == 0) return;
  const T* in = static_cast<const T*>(input);
  T* out = static_cast<T*>(output);
  if (plan.rank == 0) {
    *out = in[plan.base];
    return;
  }
  const int inner_dim = plan.rank - 1;
  const int64_t n = plan.count[inner_dim];
  const int64_t s = plan.stride[inner_dim];
  int64_t index[kMaxCopyDims] = {};
  int64_t offset = plan.base;
  const int64_t rows = plan.total / n;
  for (int64_t row = 0; row < rows; ++row) {
    const T* src = in + offset;
    if (s == 1) {
      std::memcpy(out, src, static_cast<size_t>(n) * sizeof(T));
    } else if (s == 0) {
      std::fill(out, out + n, *src);
    } else {
      for (int64_t j = 0; j < n; ++j) out[j] = src[j * s];
    }
    out += n;
    // Advance the outer dims like an odometer.
    for (int d = inner_dim - 1; d >= 0; --d) {
      offset += plan.stride[d];
      if (++index[d] < plan.count[d]) break;
      offset -= plan.stride[d] * plan.count[d];
      index[d] = 0;
    }
  }
}

template <typename T>
void ConcatRequantize(int64_t outer, std::span<const T* const> inputs,
                      std::span<const size_t> block_elems, std::span<const ConcatRequant> requant,
                      int32_t act_min, int32_t act_max, T* output) {
  const bool clamp_copies = act_min > std::numeric_limits<T>::min() ||
                            act_max < std::numeric_limits<T>::max();
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t p = 0; p < inputs.size(); ++p) {
      const size_t n = block_elems[p];
      const T* src = inputs[p] + static_cast<size_t>(o) * n;
      const ConcatRequant& r = requant[p];
      if (r.copy && !clamp_copies) {
        if (n > 0) std::memcpy(output, src, n * sizeof(T));
      } else if (r.copy) {
        for (size_t j = 0; j < n; ++j) {
          output[j] = static_cast<T>(std::clamp<int32_t>(src[j], act_min, act_max));
        }
      } else {
        for (size_t j = 0; j < n; ++j) {
          // float multiply then float add, rounded half away from zero.
          const float real = static_cast<float>(src[j]) * r.scale + r.bias;
          const int32_t q = static_cast<int32_t>(std::round(real)) + r.output_zero_point;
          output[j] = static_cast<T>(std::clamp<int32_t>(q, act_min, act_max));
        }
      }
      output += n;
    }
  }
}

template <typename T>
void ClampInPlace(T* data, int64_t n, int32_t lo, int32_t hi) {
  for (int64_t i = 0; i < n; ++i) {
    data[i] = static_cast<T>(std::clamp<int32_t>(data[i], lo, hi));
  }
}

}  // namespace

bool MakeStridedCopyPlan(std::span<const int64_t> counts, std::span<const int64_t> strides,
                         int64_t base, size_t element_bytes, StridedCopyPlan* plan) {
  *plan = StridedCopyPlan{};
  if (element_bytes == 0 || counts.size() != strides.size()) return false;
  const size_t unit = CopyUnit(element_bytes);
  const int64_t per_element = static_cast<int64_t>(element_bytes / unit);
  plan->unit_bytes = static_cast<int>(unit);
  plan->base = base * per_element;

  int64_t total = per_element;
  for (int64_t c : counts) {
    if (c < 0 || __builtin_mul_overflow(total, c, &total)) return false;
  }
  plan->total = total;
  if (total == 0) return true;

  // Collect dims innermost first, merging as we go.
  int64_t cnt[kMaxCopyDims] = {};
  int64_t str[kMaxCopyDims] = {};
  int n = 0;
  auto push = [&](int64_t c, int64_t s) {
    if (c == 1) return true;
    if (n > 0 && s == str[n - 1] * cnt[n - 1]) {
      cnt[n - 1] *= c;  // contiguous with the dim inside it
      return true;
    }
    if (n == kMaxCopyDims) return false;
    cnt[n] = c;
    str[n] = s;
    ++n;
    return true;
  };
  if (!push(per_element, 1)) return false;
  for (size_t k = counts.size(); k-- > 0;) {
    if (!push(counts[k], strides[k] * per_element)) return false;
  }
  plan->rank = n;
  for (int d = 0; d < n; ++d) {
    plan->count[d] = cnt[n - 1 - d];
    plan->stride[d] = str[n - 1 - d];
  }
  return true;
}

void x8_strided_copy__reference(const StridedCopyPlan& plan, const void* input, void* output) {
  StridedCopy<uint8_t>(plan, input, output);
}
void x16_strided_copy__reference(const StridedCopyPlan& plan, const void* input, void* output) {
  StridedCopy<uint16_t>(plan, input, output);
}
void x32_strided_copy__reference(const StridedCopyPlan& plan, const void* input, void* output) {
  StridedCopy<uint32_t>(plan, input, output);
}
void x64_strided_copy__reference(const StridedCopyPlan& plan, const void* input, void* output) {
  StridedCopy<uint64_t>(plan, input, output);
}

StridedCopyFn SelectStridedCopy(const StridedCopyPlan& plan) {
  switch (plan.unit_bytes) {
    case 2: return x16_strided_copy__reference;
    case 4: return x32_strided_copy__reference;
    case 8: return x64_strided_copy__reference;
    default: return x8_strided_copy__reference;
  }
}

void RowMajorStrides(std::span<const int32_t> dims, std::span<int64_t> strides) {
  int64_t s = 1;
  for (size_t k = dims.size(); k-- > 0;) {
    strides[k] = s;
    s *= dims[k];
  }
}

void x8_concat__reference(int64_t outer, std::span<const uint8_t* const> inputs,
                          std::span<const size_t> block_bytes, uint8_t* output) {
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t p = 0; p < inputs.size(); ++p) {
      const size_t n = block_bytes[p];
      if (n == 0) continue;
      std::memcpy(output, inputs[p] + static_cast<size_t>(o) * n, n);
      output += n;
    }
  }
}

void x8_split__reference(int64_t outer, const uint8_t* input,
                         std::span<uint8_t* const> outputs, std::span<const size_t> block_bytes) {
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t p = 0; p < outputs.size(); ++p) {
      const size_t n = block_bytes[p];
      if (n == 0) continue;
      std::memcpy(outputs[p] + static_cast<size_t>(o) * n, input, n);
      input += n;
    }
  }
}

void qu8_concat_requant__reference(int64_t outer, std::span<const uint8_t* const> inputs,
                                   std::span<const size_t> block_elems,
                                   std::span<const ConcatRequant> requant, int32_t act_min,
                                   int32_t act_max, uint8_t* output) {
  ConcatRequantize<uint8_t>(outer, inputs, block_elems, requant, act_min, act_max, output);
}
void qs8_concat_requant__reference(int64_t outer, std::span<const int8_t* const> inputs,
                                   std::span<const size_t> block_elems,
                                   std::span<const ConcatRequant> requant, int32_t act_min,
                                   int32_t act_max, int8_t* output) {
  ConcatRequantize<int8_t>(outer, inputs, block_elems, requant, act_min, act_max, output);
}
void qs16_concat_requant__reference(int64_t outer, std::span<const int16_t* const> inputs,
                                    std::span<const size_t> block_elems,
                                    std::span<const ConcatRequant> requant, int32_t act_min,
                                    int32_t act_max, int16_t* output) {
  ConcatRequantize<int16_t>(outer, inputs, block_elems, requant, act_min, act_max, output);
}

void f32_clamp__reference(float* data, int64_t n, float lo, float hi) {
  for (int64_t i = 0; i < n; ++i) data[i] = std::min(hi, std::max(lo, data[i]));
}
void qu8_clamp__reference(uint8_t* data, int64_t n, int32_t lo, int32_t hi) {
  ClampInPlace(data, n, lo, hi);
}
void qs8_clamp__reference(int8_t* data, int64_t n, int32_t lo, int32_t hi) {
  ClampInPlace(data, n, lo, hi);
}
void qs16_clamp__reference(int16_t* data, int64_t n, int32_t lo, int32_t hi) {
  ClampInPlace(data, n, lo, hi);
}

void x8_fill_pattern__reference(uint8_t* out, int64_t count, const uint8_t* value,
                                size_t element_bytes) {
  if (count <= 0 || element_bytes == 0) return;
  const size_t total = static_cast<size_t>(count) * element_bytes;
  if (std::all_of(value, value + element_bytes, [value](uint8_t b) { return b == value[0]; })) {
    std::memset(out, value[0], total);
    return;
  }
  std::memcpy(out, value, element_bytes);
  size_t done = element_bytes;
  while (done < total) {  // doubling copies of what is already written
    const size_t n = std::min(done, total - done);
    std::memcpy(out + done, out, n);
    done += n;
  }
}

}  // namespace liteforge::kernels
