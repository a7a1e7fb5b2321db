// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Calibration: runs a float model on the representative samples through
// liteforge's own (fast) kernels and records, through a tensor observer,
// the range of every float32 activation of the main subgraph. Constant
// folding is off while calibrating, so every op reports its outputs; the
// model given here has its weights already expanded (float_model.h), so
// nothing slow is re-evaluated per sample.
//
// kMinMax needs one pass over the samples; the histogram methods run a
// second pass that fills a histogram over each tensor's min/max.

#pragma once

#include <optional>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"
#include "liteforge/quant/quantizer.h"
#include "liteforge/quant/range_estimator.h"

namespace liteforge::quant {

// Ranges indexed by tensor index of subgraph 0; nullopt for tensors that are
// not float32 activations or that no sample reached. `act_dtype` (int8 or
// int16) is the grid the histogram methods optimize for.
Result<std::vector<std::optional<Range>>> Calibrate(const ir::Graph& float_model,
                                                    const CalibrationData& data,
                                                    const QuantizeOptions& options,
                                                    DType act_dtype);

}  // namespace liteforge::quant
