// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/softmax/reference.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "liteforge/kernels/fixed_point.h"
#include "liteforge/kernels/lut.h"
#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {
namespace {

// exp(scale * (x - max)) for an 8-bit row: the table is indexed by
// 255 - (max - x).
inline float TableExp(const float* table, int32_t max_value, int32_t x) {
  return table[255 - (max_value - x)];
}

template <typename In, typename Out>
void Softmax8(const In* in, int outer, int depth, const Softmax8Params& p, Out* out) {
  constexpr int32_t kLo = std::numeric_limits<Out>::min();
  constexpr int32_t kHi = std::numeric_limits<Out>::max();
  for (int row = 0; row < outer; ++row) {
    const In* x = in + static_cast<size_t>(row) * depth;
    Out* y = out + static_cast<size_t>(row) * depth;
    int32_t max_value = std::numeric_limits<In>::min();
    for (int c = 0; c < depth; ++c) max_value = std::max<int32_t>(max_value, x[c]);
    float sum = 0.0f;
    for (int c = 0; c < depth; ++c) sum += TableExp(p.table, max_value, x[c]);
    const float inv_sum = 1.0f / (sum * p.output_scale);
    for (int c = 0; c < depth; ++c) {
      const float scaled = TableExp(p.table, max_value, x[c]) * inv_sum;
      int32_t q;
      if constexpr (std::is_same_v<Out, uint8_t>) {
        // TFLite's x86 uint8 output: add 0.5 and truncate, zero point unused.
        q = static_cast<int32_t>(scaled + 0.5f);
      } else {
        q = static_cast<int32_t>(std::round(scaled)) + p.output_zero_point;
      }
      y[c] = static_cast<Out>(std::clamp(q, kLo, kHi));
    }
  }
}

template <typename T>
void LogSoftmax8(const T* in, int outer, int depth, const LogSoftmax8Params& p, T* out) {
  constexpr int32_t kLo = std::numeric_limits<T>::min();
  constexpr int32_t kHi = std::numeric_limits<T>::max();
  const float ratio = p.input_scale / p.output_scale;
  for (int row = 0; row < outer; ++row) {
    const T* x = in + static_cast<size_t>(row) * depth;
    T* y = out + static_cast<size_t>(row) * depth;
    T max_value = std::numeric_limits<T>::min();
    for (int c = 0; c < depth; ++c) max_value = std::max(max_value, x[c]);
    float sum = 0.0f;
    for (int c = 0; c < depth; ++c) sum += TableExp(p.table, max_value, x[c]);
    const float log_sum = std::log(sum);
    // (scale * (x - max) - log_sum) / out_scale, arranged as TFLite does.
    const float offset =
        (p.input_scale * static_cast<float>(max_value) + log_sum) / p.output_scale;
    for (int c = 0; c < depth; ++c) {
      const float v = ratio * static_cast<float>(x[c]) - offset;
      const int32_t q =
          static_cast<int32_t>(std::rint(v) + static_cast<float>(p.output_zero_point));
      y[c] = static_cast<T>(std::clamp(q, kLo, kHi));
    }
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// SOFTMAX

void f32_softmax__reference(const float* in, int outer, int depth, float beta, float* out) {
  for (int row = 0; row < outer; ++row) {
    const float* x = in + static_cast<size_t>(row) * depth;
    float* y = out + static_cast<size_t>(row) * depth;
    float max_value = x[0];
    for (int c = 1; c < depth; ++c) max_value = std::max(max_value, x[c]);
    float sum = 0.0f;
    for (int c = 0; c < depth; ++c) {
      y[c] = std::exp((x[c] - max_value) * beta);
      sum += y[c];
    }
    const float inv_sum = 1.0f / sum;
    for (int c = 0; c < depth; ++c) y[c] *= inv_sum;
  }
}

void BuildSoftmaxExpTable(float input_scale, float beta, float* table) {
  const float scale = -input_scale * beta;
  for (int32_t d = 0; d <= 255; ++d) table[255 - d] = std::exp(scale * static_cast<float>(d));
}

void qu8_softmax__reference(const uint8_t* in, int outer, int depth, const Softmax8Params& p,
                            uint8_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qs8_softmax__reference(const int8_t* in, int outer, int depth, const Softmax8Params& p,
                            int8_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qu8_softmax_qs16__reference(const uint8_t* in, int outer, int depth,
                                 const Softmax8Params& p, int16_t* out) {
  Softmax8(in, outer, depth, p, out);
}
void qs8_softmax_qs16__reference(const int8_t* in, int outer, int depth,
                                 const Softmax8Params& p, int16_t* out) {
  Softmax8(in, outer, depth, p, out);
}

void BuildSoftmax16Tables(int16_t* exp_table, int16_t* reciprocal_table) {
  const double range = 65535.0;
  // exp on [-10, 0] (the top of the int16 range maps to 0), output in
  // [-1, 1]; 1/(1+x) on [0, 1] (the bottom of the range maps to 0).
  BuildLut16<double>(10.0 / range, 32767, 2.0 / range, 0, [](double v) { return std::exp(v); },
                     exp_table);
  BuildLut16<double>(1.0 / range, -32768, 2.0 / range, 0,
                     [](double v) { return 1.0 / (1.0 + v); }, reciprocal_table);
}

void qs16_softmax__reference(const int16_t* in, int outer, int depth, const Softmax16Params& p,
                             int16_t* out) {
  for (int row = 0; row < outer; ++row) {
    const int16_t* x = in + static_cast<size_t>(row) * depth;
    int16_t* y = out + static_cast<size_t>(row) * depth;
    int16_t max_value = std::numeric_limits<int16_t>::min();
    for (int c = 0; c < depth; ++c) max_value = std::max(max_value, x[c]);
    // exp(x - max) in Q0.15, cached in the output row.
    int32_t sum = 0;
    for (int c = 0; c < depth; ++c) {
      const int32_t diff = static_cast<int32_t>(x[c]) - max_value;
      // [-65535, 0] covers [-10, 0]; recentre to the table's int16 domain.
      const int32_t scaled =
          MultiplyByQuantizedMultiplier(diff, p.input_multiplier, p.input_shift) + 32767;
      const int16_t index = static_cast<int16_t>(std::clamp<int32_t>(scaled, -32768, 32767));
      y[c] = LookupLut16(index, p.exp_table);
      sum += y[c];
    }
    // 1/sum: normalize sum to [1, 2), take 1/(1+x) from the table.
    const int headroom_plus_one = std::countl_zero(static_cast<uint32_t>(sum));
    const int32_t normalized = static_cast<int32_t>(
        ((static_cast<int64_t>(sum) << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
    const int32_t centered = normalized - ((1 << 15) + (1 << 16));
    const int16_t reciprocal = LookupLut16(
        static_cast<int16_t>(std::clamp<int32_t>(centered, -32768, 32767)), p.reciprocal_table);
    const int right_shift = 31 - headroom_plus_one;
    const int64_t round = right_shift > 0 ? (int64_t{1} << (right_shift - 1)) : 0;
    for (int c = 0; c < depth; ++c) {
      const int32_t r = static_cast<int32_t>(
          (static_cast<int64_t>(y[c]) * static_cast<int64_t>(reciprocal) + round) >> right_shift);
      y[c] = static_cast<int16_t>(std::clamp<int32_t>(r, 0, 32767));
    }
  }
}

// ---------------------------------------------------------------------------
// LOG_SOFTMAX

void f32_log_softmax__reference(const float* in, int outer, int depth, float* out) {
  for (int row = 0; row < outer; ++row) {
    const float* x = in + static_cast<size_t>(row) * depth;
    float* y = out + static_cast<size_t>(row) * depth;
    float max_value = x[0];
    for (int c = 1; c < depth; ++c) max_value = std::max(max_value, x[c]);
    float sum = 0.0f;
    for (int c = 0; c < depth; ++c) sum += std::exp(x[c] - max_value);
    const float log_sum = std::log(sum);
    for (int c = 0; c < depth; ++c) y[c] = x[c] - max_value - log_sum;
  }
}

void qu8_log_softmax__reference(const uint8_t* in, int outer, int depth,
                                const LogSoftmax8Params& p, uint8_t* out) {
  LogSoftmax8(in, outer, depth, p, out);
}
void qs8_log_softmax__reference(const int8_t* in, int outer, int depth,
                                const LogSoftmax8Params& p, int8_t* out) {
  LogSoftmax8(in, outer, depth, p, out);
}

// ---------------------------------------------------------------------------
// L2_NORMALIZATION

void f32_l2_normalization__reference(const float* in, int outer, int depth, float epsilon,
                                     float* out) {
  for (int row = 0; row < outer; ++row) {
    const float* x = in + static_cast<size_t>(row) * depth;
    float* y = out + static_cast<size_t>(row) * depth;
    float squares = 0.0f;
    for (int c = 0; c < depth; ++c) squares += x[c] * x[c];
    const float norm = std::max(std::sqrt(squares), epsilon);
    for (int c = 0; c < depth; ++c) y[c] = x[c] / norm;
  }
}

void qu8_l2_normalization__reference(const uint8_t* in, int outer, int depth,
                                     int32_t input_zero_point, uint8_t* out) {
  for (int row = 0; row < outer; ++row) {
    const uint8_t* x = in + static_cast<size_t>(row) * depth;
    uint8_t* y = out + static_cast<size_t>(row) * depth;
    int32_t squares = 0;
    for (int c = 0; c < depth; ++c) {
      const int32_t d = static_cast<int32_t>(x[c]) - input_zero_point;
      squares += d * d;
    }
    int32_t inv_norm = 0;
    int shift = 0;
    fixed_point::GetInvSqrtQuantizedMultiplierExp(squares, -1, &inv_norm, &shift);
    for (int c = 0; c < depth; ++c) {
      const int32_t d = static_cast<int32_t>(x[c]) - input_zero_point;
      const int32_t scaled = MultiplyByQuantizedMultiplierSmallerThanOneExp(128 * d, inv_norm, shift);
      y[c] = static_cast<uint8_t>(std::clamp<int32_t>(128 + scaled, 0, 255));
    }
  }
}

void qs8_l2_normalization__reference(const int8_t* in, int outer, int depth,
                                     int32_t input_zero_point, int8_t* out) {
  constexpr int kOutputFractionBits = 7;  // scale 1/128
  for (int row = 0; row < outer; ++row) {
    const int8_t* x = in + static_cast<size_t>(row) * depth;
    int8_t* y = out + static_cast<size_t>(row) * depth;
    int32_t squares = 0;
    for (int c = 0; c < depth; ++c) {
      const int32_t d = static_cast<int32_t>(x[c]) - input_zero_point;
      squares += d * d;
    }
    int32_t inv_norm = 0;
    int shift = 0;
    fixed_point::GetInvSqrtQuantizedMultiplierExp(squares, -1, &inv_norm, &shift);
    for (int c = 0; c < depth; ++c) {
      const int32_t d = static_cast<int32_t>(x[c]) - input_zero_point;
      const int32_t q = MultiplyByQuantizedMultiplier(d, inv_norm, shift + kOutputFractionBits);
      y[c] = static_cast<int8_t>(std::clamp<int32_t>(q, -128, 127));
    }
  }
}

// ---------------------------------------------------------------------------
// LOCAL_RESPONSE_NORMALIZATION

void f32_local_response_normalization__reference(const float* in, int outer, int depth,
                                                 int radius, float bias, float alpha, float beta,
                                                 float* scratch, float* out) {
  // alpha * x^2 with `radius` zeros of padding on both sides; a running
  // window sum (added on the right, removed on the left) as TFLite keeps it.
  float* padded = scratch;
  std::fill(padded, padded + depth + 2 * radius, 0.0f);
  const int window = 2 * radius;
  for (int row = 0; row < outer; ++row) {
    const float* x = in + static_cast<size_t>(row) * depth;
    float* y = out + static_cast<size_t>(row) * depth;
    for (int c = 0; c < depth; ++c) padded[radius + c] = x[c] * x[c] * alpha;
    float window_sum = 0.0f;
    for (int k = 0; k < window; ++k) window_sum += padded[k];
    for (int c = 0; c < depth; ++c) {
      window_sum += padded[c + window];
      y[c] = bias + window_sum;
      window_sum -= padded[c];
    }
    if (beta == 1.0f) {
      for (int c = 0; c < depth; ++c) y[c] = x[c] * (1.0f / y[c]);
    } else if (beta == 0.5f) {
      for (int c = 0; c < depth; ++c) y[c] = x[c] * (1.0f / std::sqrt(y[c]));
    } else {
      for (int c = 0; c < depth; ++c) y[c] = x[c] * std::pow(y[c], -beta);
    }
  }
}

}  // namespace liteforge::kernels
