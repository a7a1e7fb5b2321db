// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The float activations recurrent kernels (RNN, LSTM, SVDF) apply to whole
// vectors, in the kernel layer's own terms (kernels do not see ir options;
// ops translate ir::Activation into RecurrentActivation).

#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace liteforge::kernels {

enum class RecurrentActivation : uint8_t {
  kNone,
  kRelu,
  kReluN1To1,
  kRelu6,
  kTanh,
  kSignBit,
  kSigmoid,
};

// y[i] = f(x[i]) for i < n; x and y may be the same array.
inline void ApplyRecurrentActivation(RecurrentActivation act, const float* x, int64_t n,
                                     float* y) {
  switch (act) {
    case RecurrentActivation::kNone:
      if (x != y) std::copy(x, x + n, y);
      return;
    case RecurrentActivation::kRelu:
      for (int64_t i = 0; i < n; ++i) y[i] = std::max(0.0f, x[i]);
      return;
    case RecurrentActivation::kReluN1To1:
      for (int64_t i = 0; i < n; ++i) y[i] = std::max(-1.0f, std::min(x[i], 1.0f));
      return;
    case RecurrentActivation::kRelu6:
      for (int64_t i = 0; i < n; ++i) y[i] = std::max(0.0f, std::min(x[i], 6.0f));
      return;
    case RecurrentActivation::kTanh:
      for (int64_t i = 0; i < n; ++i) y[i] = std::tanh(x[i]);
      return;
    case RecurrentActivation::kSignBit:
      for (int64_t i = 0; i < n; ++i) y[i] = std::signbit(x[i]) ? 1.0f : 0.0f;
      return;
    case RecurrentActivation::kSigmoid:
      for (int64_t i = 0; i < n; ++i) y[i] = 1.0f / (1.0f + std::exp(-x[i]));
      return;
  }
}

}  // namespace liteforge::kernels
