// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The quantization passes behind QuantizeModel(), one per file. Each edits
// an expanded float graph (float_model.h) in place, driven by the per-op
// table in op_quant_rules.h, and appends what it left float to `report`.

#pragma once

#include <optional>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"
#include "liteforge/quant/quantizer.h"
#include "liteforge/quant/range_estimator.h"

namespace liteforge::quant {

// int8 symmetric weights for every op with a hybrid kernel (per channel for
// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED); activations stay float.
Status QuantizeDynamicRange(ir::Graph& graph, const QuantizeOptions& options,
                            QuantizeReport& report);

// Every float32 constant stored as float16 behind a DEQUANTIZE op.
Status QuantizeFloat16(ir::Graph& graph, QuantizeReport& report);

// int8 (kFullInt8) or int16 (kInt16x8) activations of subgraph 0 from the
// calibrated `ranges` (indexed by tensor), int8 weights, int32 / int64
// biases; QUANTIZE / DEQUANTIZE where float and integer parts meet.
// For --strict: fails, before any calibration, on the first op of subgraph 0
// that reads a float32 activation and has no integer kernel for the mode.
Status CheckIntegerKernels(const ir::Graph& graph, const QuantizeOptions& options);

Status QuantizeFullInteger(ir::Graph& graph, const std::vector<std::optional<Range>>& ranges,
                           const QuantizeOptions& options, QuantizeReport& report);

}  // namespace liteforge::quant
