// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// A deterministic text rendering of a whole ir::Graph. Two graphs dump to
// the same text exactly when they hold the same tensors, ops, attributes,
// quantization, constant bytes (by 64-bit hash), signatures and metadata, so
// tests compare graphs by comparing dumps (read -> write -> read is
// identical), and humans read it to see what a model contains.

#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "liteforge/ir/graph.h"

namespace liteforge::ir {

std::string DumpGraph(const Graph& graph);

// FNV-1a, 64 bit: stable across runs and machines.
uint64_t Fnv1a64(std::span<const uint8_t> bytes);

}  // namespace liteforge::ir
