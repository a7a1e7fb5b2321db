// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// libFuzzer target over FlexMap::Parse, the reader of custom-op attributes
// (FlexBuffers taken straight from Operator.custom_options). Every typed
// accessor is exercised on every key so that a value of a surprising kind
// is read as well as parsed.

#include <cstddef>
#include <cstdint>
#include <span>

#include "liteforge/format/tflite/custom_options.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto map = liteforge::tflite_format::FlexMap::Parse(std::span<const uint8_t>(data, size));
  if (!map.ok()) return 0;
  for (const std::string& key : map->Keys()) {
    (void)map->KindOf(key);
    (void)map->Int(key);
    (void)map->UInt(key);
    (void)map->Float(key);
    (void)map->Bool(key);
    (void)map->String(key);
    (void)map->IntVector(key);
    (void)map->FloatVector(key);
    (void)map->Blob(key);
  }
  (void)map->ToString();
  return 0;
}
