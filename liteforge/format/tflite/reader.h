// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Reading .tflite files into an ir::Graph. Model bytes are untrusted: the
// flatbuffers verifier runs first, then semantic checks (every index in
// range, shapes x dtype against buffer sizes, element-count overflow,
// quantization sanity, known op codes and types), then ir::VerifyGraph —
// all before the graph is returned. Constant weights are not copied: they
// point into the memory-mapped file, which the graph keeps alive.

#pragma once

#include <memory>
#include <string>

#include "liteforge/base/mapped_file.h"
#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"

namespace liteforge::tflite_format {

// Maps and reads `path`. Errors start with the path.
Result<ir::Graph> ReadTfliteFile(const std::string& path);

// Reads a model from bytes (kept alive by the returned graph). Errors start
// with bytes->origin().
Result<ir::Graph> ReadTflite(std::shared_ptr<const ByteSource> bytes);

}  // namespace liteforge::tflite_format
