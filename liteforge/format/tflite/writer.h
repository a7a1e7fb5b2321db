// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Writing an ir::Graph as a .tflite file that real TensorFlow Lite loads.
// What the reader keeps, the writer puts back: reading a file, writing it
// and reading the result gives the same graph (same ir::DumpGraph), and
// writing the same graph twice gives the same bytes.
//
// Constant data is copied into the output once per distinct (pointer, size),
// so tensors that shared a buffer in the source file share one again.

#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"

namespace liteforge::tflite_format {

struct WriterOptions {
  // Where constant and metadata bytes go.
  //  kAuto:     inside the flatbuffer, unless they would push it past the
  //             format's 2 GiB limit; then as kAfterFlatbuffer.
  //  kInline:   always inside the flatbuffer (Buffer.data); too much data is
  //             an error.
  //  kAfterFlatbuffer: appended after the flatbuffer, 16-byte aligned, with
  //             Buffer.offset/size (offsets from the start of the file) —
  //             the form TFLite uses for models above 2 GiB.
  enum class BufferPlacement : uint8_t { kAuto, kInline, kAfterFlatbuffer };
  BufferPlacement buffer_placement = BufferPlacement::kAuto;
};

// Serializes `graph` (checked with ir::VerifyGraph first; a graph it rejects
// is an error naming the fault). Deterministic: the same graph gives the
// same bytes.
Result<std::vector<uint8_t>> WriteTflite(const ir::Graph& graph,
                                         const WriterOptions& options = {});

// Writes the model to `path` atomically (a temporary file renamed into
// place), so a failed write never leaves a truncated model behind.
Status WriteTfliteFile(const ir::Graph& graph, const std::string& path,
                       const WriterOptions& options = {});

}  // namespace liteforge::tflite_format
