// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The quantizer's view of its input: a float model whose weights are plain
// dense float32 constants. Converters often store float weights as float16
// behind DEQUANTIZE, or sparse behind DENSIFY (MediaPipe's models do both);
// ExpandFloatModel folds those ops away so every pass sees one form, and
// rejects a model that is already quantized.

#pragma once

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"

namespace liteforge::quant {

// A copy of `model` with constant float16 tensors behind DEQUANTIZE and
// sparse constants behind DENSIFY replaced by dense float32 constants (the
// ops removed, tensors no op uses any more dropped). Fails, naming the
// tensor or op, when the model is already quantized (an integer tensor with
// a scale, a QUANTIZE op, a DEQUANTIZE of a non-constant) or has no float32
// computation to quantize.
Result<ir::Graph> ExpandFloatModel(const ir::Graph& model);

// Drops tensors of `sg` that no op, subgraph input or output uses and
// renumbers the rest; signatures of `graph` pointing into subgraph
// `subgraph_index` are renumbered too.
void PruneUnusedTensors(ir::Graph& graph, int subgraph_index);

}  // namespace liteforge::quant
