// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Read-only bytes of a file: memory-mapped when possible so model weights
// are used in place (zero-copy), or an owned, suitably aligned copy for bytes
// that came from memory. Shared ownership keeps the bytes alive for as long
// as any graph or plan points into them.

#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "liteforge/base/status.h"

namespace liteforge {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::span<const uint8_t> bytes() const = 0;
  // Where the bytes came from, for error messages ("model.tflite", "<memory>").
  virtual const std::string& origin() const = 0;
};

// Maps `path` read-only. Errors name the path and the OS reason.
Result<std::shared_ptr<const ByteSource>> MapFile(const std::string& path);

// Copies `data` into a 64-byte aligned owned buffer.
std::shared_ptr<const ByteSource> CopyBytes(std::span<const uint8_t> data,
                                            std::string origin = "<memory>");

// Reads a whole (small) file into memory, for text and .npy files.
Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path);
Status WriteFileBytes(const std::string& path, std::span<const uint8_t> data);

}  // namespace liteforge
