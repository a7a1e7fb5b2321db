// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Hostile model bytes: every corpus model, truncated and bit-flipped, goes
// through the reader, the plan builder (every op's Prepare) and, for small
// models that prepare, one Invoke. Each must end in a Status; a crash, hang
// or sanitizer report fails the suite (run it in the dev/ASan build too).
// The mutations are deterministic (seeded by model name), so a failure
// reproduces; the failing variant is printed.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/custom_options.h"
#include "liteforge/format/tflite/metadata.h"
#include "liteforge/format/tflite/reader.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/runtime/execution_plan.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

namespace fs = std::filesystem;

// Models up to this size get an Invoke after a successful prepare (bigger
// ones cost too much under ASan across dozens of variants).
constexpr size_t kInvokeLimitBytes = 64 * 1024;
// Plans needing a larger arena are prepared but not run.
constexpr size_t kMaxArenaBytes = size_t{64} << 20;

std::vector<fs::path> CorpusModels() {
  std::vector<fs::path> models;
  const std::string root = TestdataDir();
  if (root.empty()) return models;
  for (const auto& entry : fs::directory_iterator(root + "/models")) {
    if (entry.path().extension() == ".tflite") models.push_back(entry.path());
  }
  std::sort(models.begin(), models.end());
  return models;
}

// What one variant did, for the summary and for failure messages.
struct Outcome {
  bool read = false;
  bool prepared = false;
  bool invoked = false;
  std::string error;
};

// Reads, prepares and (when small) runs `bytes`. Every failure must be a
// Status with a message; reaching the end of this function at all is the
// main assertion (sanitizers abort otherwise). Preparing is building the
// plan (every op's Prepare, constant folding, memory plan) without
// allocating the arena: a flipped constant (a PAD amount, a RESHAPE target)
// can legally ask for gigabytes of activations, which the runtime would
// allocate and zero. Only plans with a modest arena go on to run.
Outcome Exercise(std::span<const uint8_t> bytes, const std::string& origin, bool invoke) {
  Outcome o;
  auto graph = tflite_format::ReadTflite(CopyBytes(bytes, origin));
  if (!graph.ok()) {
    o.error = graph.status().ToString();
    return o;
  }
  o.read = true;
  auto shared = std::make_shared<const ir::Graph>(std::move(*graph));
  // Metadata of a damaged model must be a Status too, never a crash.
  (void)tflite_format::ReadModelMetadata(*shared).ok();
  runtime::PlanOptions plan_options;
  plan_options.max_isa = DefaultMaxIsa();
  runtime::PlanBuilder builder(shared, &ops::BuiltinOpResolver(), plan_options);
  auto plan = builder.GetPlan(0);
  if (!plan.ok()) {
    o.error = plan.status().ToString();
    return o;
  }
  o.prepared = true;
  if (!invoke || (*plan)->arena_bytes() > kMaxArenaBytes) return o;
  auto interp = Interpreter::FromGraph(shared);
  if (!interp.ok()) {
    // The plan built once already; building it again must agree.
    ADD_FAILURE() << origin << ": planned, then failed in the interpreter: " << interp.status().ToString();
    o.error = interp.status().ToString();
    return o;
  }
  Interpreter& in = **interp;
  for (int i = 0; i < in.num_inputs(); ++i) {
    TensorView& t = in.input(i);
    if (t.data != nullptr) std::memset(t.data, 0, t.bytes);
  }
  const Status s = in.Invoke();
  o.invoked = s.ok();
  if (!s.ok()) o.error = s.ToString();
  return o;
}

std::vector<uint8_t> ReadAll(const fs::path& path) {
  auto bytes = ReadFileBytes(path.string());
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? std::move(*bytes) : std::vector<uint8_t>();
}

#define REQUIRE_TESTDATA() \
  if (TestdataDir().empty()) GTEST_SKIP() << "../shared/testdata not found"

TEST(BadModelTest, TruncatedModelsFailCleanly) {
  REQUIRE_TESTDATA();
  for (const fs::path& model : CorpusModels()) {
    const std::vector<uint8_t> bytes = ReadAll(model);
    if (bytes.empty()) continue;
    const size_t n = bytes.size();
    for (size_t len : {size_t{0}, size_t{7}, size_t{8}, n / 2, n - 1}) {
      if (len >= n) continue;
      const std::string origin = fmt::format("{} cut to {} bytes", model.filename().string(), len);
      SCOPED_TRACE(origin);
      const Outcome o = Exercise({bytes.data(), len}, origin, n <= kInvokeLimitBytes);
      if (len < 8) {
        EXPECT_FALSE(o.read);
        EXPECT_NE(o.error.find("too short"), std::string::npos) << o.error;
      }
      if (!o.read || !o.prepared) {
        EXPECT_FALSE(o.error.empty());
      }
      // The error names where the bytes came from.
      if (!o.read) {
        EXPECT_NE(o.error.find(origin), std::string::npos) << o.error;
      }
    }
  }
}

// Flips positions chosen from where damage matters most: the head of the
// file (flatbuffer root, tables and vectors of small offsets), anywhere,
// and the tail (metadata buffers, the appended ZIP of associated files).
TEST(BadModelTest, BitFlippedModelsFailCleanlyOrRun) {
  REQUIRE_TESTDATA();
  const auto start = std::chrono::steady_clock::now();
  int variants = 0, read = 0, prepared = 0, invoked = 0;
  for (const fs::path& model : CorpusModels()) {
    const std::vector<uint8_t> original = ReadAll(model);
    if (original.size() < 16) continue;
    const size_t n = original.size();
    // Big models prepare slowly under ASan: fewer variants for them.
    const int flips = n > (1u << 20) ? 12 : (n > (256u << 10) ? 24 : 64);
    const auto model_start = std::chrono::steady_clock::now();
    const std::string name = model.filename().string();
    std::seed_seq seed(name.begin(), name.end());
    std::mt19937 rng(seed);
    std::vector<uint8_t> bytes = original;
    for (int v = 0; v < flips; ++v) {
      size_t pos = 0;
      switch (v % 4) {
        case 0:
        case 1: pos = rng() % std::min<size_t>(n, 16384); break;
        case 2: pos = rng() % n; break;
        default: pos = n - 1 - rng() % std::min<size_t>(n, 4096); break;
      }
      // Odd variants flip two bits in neighbouring bytes, so offsets and
      // lengths change by large amounts as well as small ones.
      const uint8_t bit = static_cast<uint8_t>(1u << (rng() % 8));
      bytes[pos] ^= bit;
      size_t pos2 = n;
      if (v % 2 == 1 && pos + 1 < n) {
        pos2 = pos + 1;
        bytes[pos2] ^= static_cast<uint8_t>(1u << (rng() % 8));
      }
      const std::string origin =
          fmt::format("{} with byte {} ^ 0x{:02x}{}", model.filename().string(), pos, bit,
                      pos2 < n ? fmt::format(" and byte {} changed", pos2) : std::string());
      SCOPED_TRACE(origin);
      const auto variant_start = std::chrono::steady_clock::now();
      const Outcome o = Exercise(bytes, origin, n <= kInvokeLimitBytes);
      const double variant_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - variant_start).count();
      if (variant_seconds > 1) std::printf("  slow (%.1f s): %s: %s\n", variant_seconds, origin.c_str(), o.error.c_str());
      ++variants;
      read += o.read;
      prepared += o.prepared;
      invoked += o.invoked;
      if (!o.prepared) {
        EXPECT_FALSE(o.error.empty());
      }
      bytes[pos] = original[pos];
      if (pos2 < n) bytes[pos2] = original[pos2];
    }
    const double model_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - model_start).count();
    if (model_seconds > 2) std::printf("  %s: %d variants in %.1f s\n", name.c_str(), flips, model_seconds);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("bit flips: %d variants, %d read, %d prepared, %d invoked, %.1f s\n", variants, read,
              prepared, invoked, seconds);
  // Some flips land in weights and must still run: the suite would be
  // vacuous if every variant failed at the verifier.
  EXPECT_GT(prepared, 0);
  EXPECT_LT(read, variants);
}

TEST(BadModelTest, UnmodifiedCorpusModelsRead) {
  REQUIRE_TESTDATA();
  for (const fs::path& model : CorpusModels()) {
    SCOPED_TRACE(model.filename().string());
    auto graph = tflite_format::ReadTfliteFile(model.string());
    EXPECT_TRUE(graph.ok()) << graph.status().ToString();
  }
}

TEST(BadModelTest, UnregisteredCustomOpIsNamed) {
  REQUIRE_TESTDATA();
  const std::string path = TestdataDir() + "/models/coral__invalid_models_model_invoking_error.tflite";
  auto graph = tflite_format::ReadTfliteFile(path);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  auto interp = Interpreter::FromGraph(std::make_shared<const ir::Graph>(std::move(*graph)));
  ASSERT_FALSE(interp.ok());
  const std::string msg = interp.status().ToString();
  EXPECT_NE(msg.find("custom op 'fake-op-double' is not registered"), std::string::npos) << msg;
  // The op's position is named too, so a user can find it in the graph.
  EXPECT_NE(msg.find("op 0"), std::string::npos) << msg;
}

TEST(BadModelTest, GarbageAndEmptyBytes) {
  const std::vector<uint8_t> empty;
  Outcome o = Exercise(empty, "empty", true);
  EXPECT_FALSE(o.read);
  EXPECT_NE(o.error.find("too short"), std::string::npos) << o.error;

  std::vector<uint8_t> text(256, 'x');
  o = Exercise(text, "text", true);
  EXPECT_FALSE(o.read);
  EXPECT_NE(o.error.find("is not a .tflite model"), std::string::npos) << o.error;

  // Identifier present, everything else zero: verifies as nothing.
  std::vector<uint8_t> ident(64, 0);
  std::memcpy(ident.data() + 4, "TFL3", 4);
  o = Exercise(ident, "ident", true);
  EXPECT_FALSE(o.read);
  EXPECT_FALSE(o.error.empty());
}

// Found by custom_options_fuzz: a map key whose terminating NUL is missing
// (the FlexBuffers verifier does not look for it) was read past the end.
TEST(BadModelTest, UnterminatedFlexBufferKey) {
  const std::vector<uint8_t> bytes = {0x61, 0x01, 0x01, 0x01, 0x04, 0x01, 0x01,
                                      0x01, 0x01, 0x14, 0x02, 0x24, 0x01};
  auto map = tflite_format::FlexMap::Parse(bytes);
  ASSERT_FALSE(map.ok());
  EXPECT_NE(map.status().ToString().find("not terminated inside the buffer"), std::string::npos)
      << map.status().ToString();
  // The same, for a value (not a key) of key type.
  const std::vector<uint8_t> value_key = {0x85, 0x85, 0x85, 0x85, 0x2e, 0x61, 0x00, 0x01, 0x03,
                                          0x01, 0x01, 0x01, 0x04, 0x13, 0x02, 0x24, 0x01};
  auto value_map = tflite_format::FlexMap::Parse(value_key);
  if (!value_map.ok()) {
    EXPECT_NE(value_map.status().ToString().find("not terminated inside the buffer"), std::string::npos)
        << value_map.status().ToString();
  }
}

}  // namespace
}  // namespace liteforge::testing
