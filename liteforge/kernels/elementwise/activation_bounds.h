// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Clamp bounds of a fused activation for non-quantized arithmetic (float,
// int16/32/64, uint32), TFLite's rule: RELU [0, max], RELU6 [0, 6],
// RELU_N1_TO_1 [-1, 1], and otherwise the whole range of the type
// (lowest() for float, so infinities clamp to +-FLT_MAX). TFLite applies no
// clamp for TANH and SIGN_BIT on these types and neither does this.
//
// `activation` is the format's ActivationFunctionType value, which is what
// ir::Activation holds (0 NONE, 1 RELU, 2 RELU_N1_TO_1, 3 RELU6, 4 TANH,
// 5 SIGN_BIT); kernels do not see the IR.

#pragma once

#include <cstdint>
#include <limits>

namespace liteforge::kernels::elementwise {

template <typename T>
struct Bounds {
  T lo;
  T hi;
};

template <typename T>
Bounds<T> ActivationBounds(int activation) {
  constexpr T kLowest = std::numeric_limits<T>::lowest();
  constexpr T kMax = std::numeric_limits<T>::max();
  switch (activation) {
    case 1: return {T(0), kMax};
    case 2: return {static_cast<T>(-1), T(1)};
    case 3: return {T(0), T(6)};
    default: return {kLowest, kMax};
  }
}

}  // namespace liteforge::kernels::elementwise
