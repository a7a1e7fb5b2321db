// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/svdf/reference.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {
namespace {

// Drops the oldest value of every filter's memory. Shifting the whole
// buffer by one moves each filter's values left and leaves the last slot of
// each filter holding the next filter's oldest value, which the projection
// overwrites right after.
template <typename T>
void ShiftState(T* state, int64_t n) {
  if (n > 1) std::memmove(state, state + 1, static_cast<size_t>(n - 1) * sizeof(T));
}

}  // namespace

void f32_svdf__reference(const SvdfDims& d, const float* input, const float* weights_feature,
                         const float* weights_time, const float* bias, RecurrentActivation act,
                         float* state, float* scratch, float* output) {
  const int64_t per_batch = static_cast<int64_t>(d.memory_size) * d.num_filters;
  ShiftState(state, per_batch * d.batches);
  for (int b = 0; b < d.batches; ++b) {
    const float* x = input + static_cast<int64_t>(b) * d.input_size;
    float* s = state + b * per_batch;
    for (int f = 0; f < d.num_filters; ++f) {
      const float* w = weights_feature + static_cast<int64_t>(f) * d.input_size;
      float acc = 0.0f;
      for (int c = 0; c < d.input_size; ++c) acc += w[c] * x[c];
      s[static_cast<int64_t>(f) * d.memory_size + d.memory_size - 1] = acc;
    }
    float* sb = scratch + static_cast<int64_t>(b) * d.num_filters;
    for (int f = 0; f < d.num_filters; ++f) {
      const float* wt = weights_time + static_cast<int64_t>(f) * d.memory_size;
      const float* mem = s + static_cast<int64_t>(f) * d.memory_size;
      float acc = 0.0f;
      for (int m = 0; m < d.memory_size; ++m) acc += wt[m] * mem[m];
      sb[f] = acc;
    }
    float* out = output + static_cast<int64_t>(b) * d.num_units;
    for (int u = 0; u < d.num_units; ++u) {
      float sum = 0.0f;
      for (int r = 0; r < d.rank; ++r) sum += sb[u * d.rank + r];
      out[u] = bias != nullptr ? sum + bias[u] : sum;
    }
  }
  ApplyRecurrentActivation(act, output, static_cast<int64_t>(d.batches) * d.num_units, output);
}

void qs8_svdf__reference(const SvdfDims& d, const SvdfQuantParams& q, const int8_t* input,
                         const int8_t* weights_feature, const int16_t* weights_time,
                         const int32_t* bias, int16_t* state, int32_t* scratch, int8_t* output) {
  const int64_t per_batch = static_cast<int64_t>(d.memory_size) * d.num_filters;
  ShiftState(state, per_batch * d.batches);
  for (int b = 0; b < d.batches; ++b) {
    const int8_t* x = input + static_cast<int64_t>(b) * d.input_size;
    int16_t* s = state + b * per_batch;
    // Projection into the newest memory slot, in the state's scale. The
    // state is symmetric (zero point 0), so the rescaled value is stored as
    // is.
    for (int f = 0; f < d.num_filters; ++f) {
      const int8_t* w = weights_feature + static_cast<int64_t>(f) * d.input_size;
      int32_t acc = 0;
      for (int c = 0; c < d.input_size; ++c) {
        acc += static_cast<int32_t>(w[c]) * (static_cast<int32_t>(x[c]) - q.input_zero_point);
      }
      acc = MultiplyByQuantizedMultiplier(acc, q.feature_multiplier, q.feature_exponent);
      s[static_cast<int64_t>(f) * d.memory_size + d.memory_size - 1] =
          static_cast<int16_t>(std::clamp<int32_t>(acc, std::numeric_limits<int16_t>::min(),
                                                   std::numeric_limits<int16_t>::max()));
    }
    // Time filter. The int32 sum wraps like TFLite's on (unrealistic)
    // overflow instead of being undefined.
    int32_t* sb = scratch + static_cast<int64_t>(b) * d.num_filters;
    for (int f = 0; f < d.num_filters; ++f) {
      const int16_t* wt = weights_time + static_cast<int64_t>(f) * d.memory_size;
      const int16_t* mem = s + static_cast<int64_t>(f) * d.memory_size;
      uint32_t acc = 0;
      for (int m = 0; m < d.memory_size; ++m) {
        acc += static_cast<uint32_t>(static_cast<int32_t>(wt[m]) * static_cast<int32_t>(mem[m]));
      }
      sb[f] = static_cast<int32_t>(acc);
    }
    int8_t* out = output + static_cast<int64_t>(b) * d.num_units;
    for (int u = 0; u < d.num_units; ++u) {
      uint32_t sum = 0;
      for (int r = 0; r < d.rank; ++r) sum += static_cast<uint32_t>(sb[u * d.rank + r]);
      if (bias != nullptr) sum += static_cast<uint32_t>(bias[u]);
      int32_t v = MultiplyByQuantizedMultiplier(static_cast<int32_t>(sum), q.output_multiplier,
                                                q.output_exponent);
      v += q.output_zero_point;
      out[u] = static_cast<int8_t>(std::clamp<int32_t>(v, -128, 127));
    }
  }
}

}  // namespace liteforge::kernels
