// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// libFuzzer target over TFLite metadata: the same bytes are parsed as a
// metadata flatbuffer ("M001") and treated as a model file whose appended
// ZIP archive holds associated files (list, then read every entry as
// lines). Both must end in a Status for any input.

#include <cstddef>
#include <cstdint>
#include <span>

#include "liteforge/format/tflite/metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  auto meta = liteforge::tflite_format::ParseModelMetadata(bytes);
  if (meta.ok()) {
    (void)meta->OutputLabelFile(0);
    (void)meta->InputNormalization(0);
  }
  auto names = liteforge::tflite_format::ListAssociatedFiles(bytes);
  if (names.ok()) {
    for (const auto& name : *names) {
      (void)liteforge::tflite_format::ReadAssociatedFileLines(bytes, name).ok();
    }
  }
  return 0;
}
