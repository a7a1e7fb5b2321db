// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/batch_matmul/reference.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "liteforge/kernels/fully_connected/reference.h"
#include "liteforge/kernels/quant_math.h"

namespace liteforge::kernels {
namespace {

// out[a][c] = requantize(sum_k (lhs[a][k] + lhs_off) * (rhs_t[c][k] + rhs_off)).
// Acc is the accumulator type TFLite uses (int32 for int8, int64 for int16).
template <typename Acc, typename L, typename R, typename Out>
void QuantizedMatMul(const MatMulDims& d, const L* lhs, const R* rhs_t,
                     const MatMulQuantParams& p, Out* out) {
  for (int a = 0; a < d.rows; ++a) {
    const L* x = lhs + static_cast<size_t>(a) * d.depth;
    Out* y = out + static_cast<size_t>(a) * d.cols;
    for (int c = 0; c < d.cols; ++c) {
      const R* w = rhs_t + static_cast<size_t>(c) * d.depth;
      // 32-bit sums wrap like TFLite's int32 accumulators.
      using Sum = std::conditional_t<sizeof(Acc) == 8, int64_t, uint32_t>;
      Sum sum = 0;
      for (int k = 0; k < d.depth; ++k) {
        sum += static_cast<Sum>((static_cast<int32_t>(x[k]) + p.lhs_offset) *
                                (static_cast<int32_t>(w[k]) + p.rhs_offset));
      }
      int32_t v = MultiplyByQuantizedMultiplier(static_cast<Acc>(sum), p.multiplier, p.exponent);
      v = AddOutputOffset(v, p.output_offset);
      v = std::clamp(v, p.act_min, p.act_max);
      y[c] = static_cast<Out>(v);
    }
  }
}

}  // namespace

void f32_matmul__reference(const MatMulDims& d, const float* lhs, const float* rhs_t,
                           float* out) {
  for (int a = 0; a < d.rows; ++a) {
    const float* x = lhs + static_cast<size_t>(a) * d.depth;
    float* y = out + static_cast<size_t>(a) * d.cols;
    for (int c = 0; c < d.cols; ++c) {
      const float* w = rhs_t + static_cast<size_t>(c) * d.depth;
      float total = 0.f;
      for (int k = 0; k < d.depth; ++k) total += x[k] * w[k];
      y[c] = total;
    }
  }
}

void qs8_matmul__reference(const MatMulDims& dims, const int8_t* lhs, const int8_t* rhs_t,
                           const MatMulQuantParams& params, int8_t* out) {
  QuantizedMatMul<int32_t>(dims, lhs, rhs_t, params, out);
}

void qs8_matmul_s32__reference(const MatMulDims& d, const int8_t* lhs, const int8_t* rhs_t,
                               int32_t* out) {
  for (int a = 0; a < d.rows; ++a) {
    const int8_t* x = lhs + static_cast<size_t>(a) * d.depth;
    int32_t* y = out + static_cast<size_t>(a) * d.cols;
    for (int c = 0; c < d.cols; ++c) {
      const int8_t* w = rhs_t + static_cast<size_t>(c) * d.depth;
      uint32_t sum = 0;
      for (int k = 0; k < d.depth; ++k) {
        sum += static_cast<uint32_t>(static_cast<int32_t>(x[k]) * static_cast<int32_t>(w[k]));
      }
      y[c] = static_cast<int32_t>(sum);
    }
  }
}

void qs16_matmul__reference(const MatMulDims& dims, const int16_t* lhs, const int16_t* rhs_t,
                            const MatMulQuantParams& params, int16_t* out) {
  QuantizedMatMul<int64_t>(dims, lhs, rhs_t, params, out);
}

void qs16_qs8_matmul__reference(const MatMulDims& dims, const int16_t* lhs, const int8_t* rhs_t,
                                const MatMulQuantParams& params, int16_t* out) {
  QuantizedMatMul<int64_t>(dims, lhs, rhs_t, params, out);
}

void f32_qs8w_matmul_hybrid__reference(const MatMulDims& d, const float* lhs,
                                       const int8_t* rhs_t, const float* col_scales,
                                       const int32_t* col_sums, bool asymmetric,
                                       int8_t* quantized, float* out) {
  for (int a = 0; a < d.rows; ++a) {
    const float* x = lhs + static_cast<size_t>(a) * d.depth;
    float* y = out + static_cast<size_t>(a) * d.cols;
    int32_t zero_point = 0;
    const float row_scale = QuantizeRowForHybrid(x, d.depth, asymmetric, quantized, &zero_point);
    for (int c = 0; c < d.cols; ++c) {
      const int8_t* w = rhs_t + static_cast<size_t>(c) * d.depth;
      int32_t total = 0;
      for (int k = 0; k < d.depth; ++k) total += static_cast<int32_t>(quantized[k]) * w[k];
      if (zero_point != 0) total -= col_sums[c] * zero_point;
      y[c] = (row_scale * col_scales[c]) * static_cast<float>(total);
    }
  }
}

namespace {

template <typename T>
void TransposeTyped(const T* in, int rows, int cols, T* out) {
  for (int r = 0; r < rows; ++r) {
    const T* src = in + static_cast<size_t>(r) * cols;
    for (int c = 0; c < cols; ++c) out[static_cast<size_t>(c) * rows + r] = src[c];
  }
}

}  // namespace

void TransposeMatrix(const uint8_t* in, int rows, int cols, size_t elem_size, uint8_t* out) {
  switch (elem_size) {
    case 1:
      TransposeTyped(in, rows, cols, out);
      return;
    case 2:
      TransposeTyped(reinterpret_cast<const uint16_t*>(in), rows, cols,
                     reinterpret_cast<uint16_t*>(out));
      return;
    case 4:
      TransposeTyped(reinterpret_cast<const uint32_t*>(in), rows, cols,
                     reinterpret_cast<uint32_t*>(out));
      return;
    default:
      for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
          std::memcpy(out + (static_cast<size_t>(c) * rows + r) * elem_size,
                      in + (static_cast<size_t>(r) * cols + c) * elem_size, elem_size);
        }
      }
  }
}

}  // namespace liteforge::kernels
