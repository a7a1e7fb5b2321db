// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Which intermediate tensors of two versions of a model (a float reference
// and its quantized candidate) hold the same activation, so that per-layer
// errors can be measured. Tensors are paired by name: converters keep a
// layer's output name when they quantize it, and mark the tensors they add.
//
// Candidates on each side: the tensors of the main subgraph that an op
// writes (what tensor observers see), minus constants, unnamed tensors and
// non-numeric dtypes. Rules, applied in order to what is still unpaired:
//   1. the same name (the k-th tensor of a name pairs with the k-th);
//   2. the same name after removing one conversion suffix: "_int8",
//      "_uint8", "_int16", "_int32", "_float16", "_float32", "_fp16",
//      "_quantized", "_dequantized", "_dequantize", "/quantize",
//      "/dequantize" ("input_int16" pairs with "input");
//   3. the same first part of a fused name ("bn/FusedBatchNormV3;conv/Conv2D"
//      -> "bn/FusedBatchNormV3"), as MLIR converters join the names of the
//      ops they fused with ';' and may fuse differently per model.
// Rules 2 and 3 pair only when the key is unique among the unpaired tensors
// on both sides. A pair whose shapes differ is not compared: it is listed
// in `skipped` instead.

#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "liteforge/ir/graph.h"

namespace liteforge::quant {

enum class MatchRule { kExactName, kSuffix, kFusedPrefix };

// "name", "suffix", "fused-prefix".
std::string_view MatchRuleName(MatchRule rule);

struct TensorMatch {
  int reference = -1;  // tensor indices in subgraph 0
  int candidate = -1;
  // Index of the op writing the reference tensor: the execution order.
  int reference_op = -1;
  MatchRule rule = MatchRule::kExactName;
};

struct LayerMatching {
  std::vector<TensorMatch> matched;  // in the reference's execution order
  // Pairs found by name but not compared: "'conv1': shape [1, 8] in the
  // reference, [1, 4] in the candidate".
  std::vector<std::string> skipped;
  int reference_unmatched = 0;  // candidates on each side left without a pair
  int candidate_unmatched = 0;
};

LayerMatching MatchLayers(const ir::Graph& reference, const ir::Graph& candidate);

// `name` without the first conversion suffix of rule 2 that it ends with
// (unchanged when it ends with none).
std::string_view StripConversionSuffix(std::string_view name);
// The part of `name` before the first ';' (all of it when there is none).
std::string_view FusedNamePrefix(std::string_view name);

}  // namespace liteforge::quant
