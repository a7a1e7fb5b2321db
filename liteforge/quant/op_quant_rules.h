// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// How each op quantizes, declared once for every op in one table, so the
// quantization passes have no per-op special cases: whether the op has an
// integer kernel (int8, int16 activations) and a hybrid kernel, how its
// output's scale and zero point are chosen, which input holds weights (and
// the channel axis of their per-channel scales) and which the bias, and the
// operator version TFLite's converter writes for each type combination.
// Every op not in the table stays float32.

#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "liteforge/ir/graph.h"

namespace liteforge::quant {

enum class OutputRule : uint8_t {
  kFloatOnly,    // no integer kernel: the op stays float32
  kRequantize,   // output scale / zero point from its own calibrated range
  kSameAsInput,  // output shares input 0's scale and zero point
  kFixed,        // the kernel fixes the output's scale and zero point
};

struct FixedQuant {
  float scale = 0.f;
  int32_t zero_point = 0;
};

struct OpQuantRule {
  OutputRule output = OutputRule::kFloatOnly;
  bool int8 = false;   // int8 activations (TFLITE_BUILTINS_INT8)
  bool int16 = false;  // int16 activations with int8 weights
  // Inputs that must share the output's scale and zero point (they are
  // requantized to it): CONCATENATION, PACK, MAXIMUM, MINIMUM.
  bool inputs_share_output = false;
  int weights_input = -1;  // weights: symmetric int8
  // The weights input must be constant for the integer kernel (false:
  // BATCH_MATMUL, whose right-hand side may be an activation).
  bool constant_weights = false;
  int channel_axis = -1;   // per-channel along this weights dim; -1 = per tensor
  int bias_input = -1;     // bias: int32 (int64 for int16 activations)
  FixedQuant fixed_int8;   // kFixed
  FixedQuant fixed_int16;  // kFixed
  // Dynamic range: the constant inputs a hybrid kernel reads as int8
  // (float activations); empty when there is no hybrid kernel.
  std::vector<int> hybrid_weights;
};

// The rule for `op` (a default kFloatOnly rule for ops not in the table and
// for custom ops).
const OpQuantRule& RuleFor(const ir::Op& op);

// The operator version TFLite's converter writes for `op` with the tensor
// types and quantization `sg` now gives it (tools/versioning in TFLite).
// Returns nullopt for ops this table does not version (their version is
// left as it was).
std::optional<int32_t> ConverterOpVersion(const ir::Subgraph& sg, const ir::Op& op);

}  // namespace liteforge::quant
