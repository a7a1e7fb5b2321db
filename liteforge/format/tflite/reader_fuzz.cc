// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// libFuzzer target over the untrusted-bytes path: ReadTflite (flatbuffers
// verifier, semantic checks, ir::VerifyGraph) and, for graphs that read, the
// plan builder with default options (every op's Prepare). Any input must end
// in a Status; a crash, leak, hang or sanitizer report is a bug. Seeded from
// the corpus models by scripts/fuzz.sh. Graphs whose tensors would need
// more than kMaxDeclaredBytes stop before allocation (legal, but beyond the
// fuzzer's memory limit).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/reader.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/runtime/execution_plan.h"

namespace {

// A flipped dimension can legally declare a tensor of gigabytes; the
// runtime then allocates (and zeroes) it, which is correct behaviour but
// trips the fuzzer's memory limit. Such graphs stop after the reader.
constexpr size_t kMaxDeclaredBytes = size_t{256} << 20;

bool DeclaresHugeTensors(const liteforge::ir::Graph& graph) {
  size_t total = 0;
  for (const auto& sg : graph.subgraphs) {
    for (const auto& t : sg.tensors) {
      const auto count = t.shape.CheckedNumElements();
      const auto bytes = count ? liteforge::DTypeBytes(t.dtype, *count) : std::nullopt;
      if (!bytes || *bytes > kMaxDeclaredBytes - total) return true;
      total += *bytes;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto bytes = liteforge::CopyBytes(std::span<const uint8_t>(data, size), "<fuzz>");
  auto graph = liteforge::tflite_format::ReadTflite(std::move(bytes));
  if (!graph.ok()) return 0;
  if (DeclaresHugeTensors(*graph)) return 0;
  auto shared = std::make_shared<const liteforge::ir::Graph>(std::move(*graph));
  // Plan first (every Prepare, no arena yet): shapes computed from flipped
  // constants can still ask for a huge arena, which only the interpreter
  // would allocate.
  liteforge::runtime::PlanOptions options;
  options.max_isa = liteforge::DefaultMaxIsa();
  liteforge::runtime::PlanBuilder builder(shared, &liteforge::ops::BuiltinOpResolver(), options);
  auto plan = builder.GetPlan(0);
  if (!plan.ok() || (*plan)->arena_bytes() > kMaxDeclaredBytes) return 0;
  auto interp = liteforge::Interpreter::FromGraph(shared);
  (void)interp.ok();
  return 0;
}
