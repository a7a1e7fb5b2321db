// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every SOFTMAX / LOG_SOFTMAX variant this CPU runs against the reference
// kernels: row lengths 1..300 (every remainder around the 4-, 8-, 16-, 32-
// and 64-lane steps) plus 1001 and 4096, several rows at once and many
// short rows. float32 within the tolerances softmax_variants.h states
// (relative error, rows summing to 1, large/small logits, -inf and very
// negative values, beta != 1); 8-bit bit for bit, with tables of several
// scales and outputs of several scales and zero points. Nothing may be
// written past the output.

#include "liteforge/kernels/softmax/softmax_variants.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/softmax/reference.h"

namespace liteforge::kernels {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
// A value the kernels never produce for a valid row, to catch overruns.
constexpr float kGuard = 12345.f;
constexpr int kGuardCount = 64;

std::vector<int> Depths() {
  std::vector<int> d;
  for (int i = 1; i <= 300; ++i) d.push_back(i);
  d.push_back(1001);
  d.push_back(4096);
  return d;
}

std::vector<const SoftmaxVariant*> Supported() {
  std::vector<const SoftmaxVariant*> out;
  for (const SoftmaxVariant& v : SoftmaxVariants()) {
    if (CpuFeatures::Get().Supports(v.isa)) out.push_back(&v);
  }
  if (out.empty()) GTEST_LOG_(INFO) << "no SOFTMAX variant runs on this CPU";
  return out;
}

// Logit generators: each fills a row set.
enum class Logits { kNormal, kLarge, kSmall, kWithNegInf, kVeryNegative };

const char* Name(Logits l) {
  switch (l) {
    case Logits::kNormal:
      return "normal";
    case Logits::kLarge:
      return "large";
    case Logits::kSmall:
      return "small";
    case Logits::kWithNegInf:
      return "with -inf";
    default:
      return "very negative";
  }
}

std::vector<float> MakeLogits(Logits kind, size_t n, std::mt19937& rng) {
  std::vector<float> x(n);
  std::normal_distribution<float> normal(0.f, 3.f);
  std::uniform_real_distribution<float> wide(-200.f, 200.f);
  std::uniform_real_distribution<float> tiny(-1e-3f, 1e-3f);
  for (size_t i = 0; i < n; ++i) {
    switch (kind) {
      case Logits::kNormal:
        x[i] = normal(rng);
        break;
      case Logits::kLarge:
        x[i] = wide(rng) + 1e4f;
        break;
      case Logits::kSmall:
        x[i] = tiny(rng);
        break;
      case Logits::kWithNegInf:
        x[i] = (rng() % 3 == 0) ? -kInf : normal(rng);
        break;
      case Logits::kVeryNegative:
        x[i] = (rng() % 2 == 0) ? -1e30f : normal(rng) - 90.f;
        break;
    }
  }
  // Rows stay finite-maximum: a row of only -inf is NaN for everyone and
  // checked separately.
  if (kind == Logits::kWithNegInf) x[0] = 0.5f;
  return x;
}

TEST(SoftmaxVariantsTest, Float32WithinStatedTolerance) {
  std::mt19937 rng(1);
  constexpr int kRows = 3;
  for (const SoftmaxVariant* v : Supported()) {
    // Worst relative errors over outputs above 1e-30, for the log: against
    // the reference, and both against softmax in double precision.
    double worst = 0, worst_to_1001 = 0, variant_exact = 0, reference_exact = 0;
    for (float beta : {1.0f, 0.5f, 2.7f, 1e-3f}) {
      for (Logits kind : {Logits::kNormal, Logits::kLarge, Logits::kSmall, Logits::kWithNegInf,
                          Logits::kVeryNegative}) {
        for (int depth : Depths()) {
          const size_t n = static_cast<size_t>(kRows) * depth;
          std::vector<float> x = MakeLogits(kind, n, rng);
          for (int r = 0; r < kRows; ++r) x[static_cast<size_t>(r) * depth] = 0.5f;
          std::vector<float> want(n);
          f32_softmax__reference(x.data(), kRows, depth, beta, want.data());
          std::vector<float> got(n + kGuardCount, kGuard);
          v->f32(x.data(), kRows, depth, beta, got.data());
          const std::string what = std::string(v->name) + " depth " + std::to_string(depth) +
                                   " beta " + std::to_string(beta) + " " + Name(kind);
          for (int r = 0; r < kRows; ++r) {
            const float* xr = x.data() + static_cast<size_t>(r) * depth;
            const float row_max = *std::max_element(xr, xr + depth);
            double exact_sum = 0;
            for (int c = 0; c < depth; ++c) exact_sum += std::exp(double{beta} * (xr[c] - row_max));
            double row_sum = 0;
            for (int c = 0; c < depth; ++c) {
              const size_t i = static_cast<size_t>(r) * depth + c;
              ASSERT_LE(std::fabs(got[i] - want[i]), SoftmaxRelTolerance(depth) * want[i] + 1e-37f)
                  << what << " row " << r << " col " << c << ": " << got[i] << " vs " << want[i];
              if (x[i] == -kInf) {
                ASSERT_EQ(got[i], 0.f) << what;
              }
              if (want[i] > 1e-30f) {
                const double rel = std::fabs(got[i] - want[i]) / want[i];
                worst = std::max(worst, rel);
                if (depth <= 1001) worst_to_1001 = std::max(worst_to_1001, rel);
                const double exact = std::exp(double{beta} * (xr[c] - row_max)) / exact_sum;
                variant_exact = std::max(variant_exact, std::fabs(got[i] - exact) / exact);
                reference_exact = std::max(reference_exact, std::fabs(want[i] - exact) / exact);
              }
              row_sum += got[i];
            }
            // Each output is within the relative tolerance, so the row sum is too.
            ASSERT_NEAR(row_sum, 1.0, 2.0 * SoftmaxRelTolerance(depth)) << what << " row " << r;
          }
          for (int i = 0; i < kGuardCount; ++i) ASSERT_EQ(got[n + i], kGuard) << what;
        }
      }
    }
    GTEST_LOG_(INFO) << v->name << ": worst relative error " << worst_to_1001
                     << " up to depth 1001, " << worst << " up to 4096; against double precision "
                     << variant_exact << " (the reference: " << reference_exact << ")";
  }
}

// The exponential on its own: rows {0, t} for t across [-87, 0], where
// both sums are 1 + e^t rounded once, so the second output is e^t / (1 +
// e^t) with the variant's e^t; within 4 ulp of the reference's expf-based
// value (3 ulp of exp plus the rounding of 1 + e^t).
TEST(SoftmaxVariantsTest, Float32ExpWithinFewUlp) {
  for (const SoftmaxVariant* v : Supported()) {
    float worst = 0.f;
    for (int i = 0; i <= 200000; ++i) {
      const float row[2] = {0.f, -87.0f * static_cast<float>(i) / 200000.f};
      float want[2], got[2];
      f32_softmax__reference(row, 1, 2, 1.0f, want);
      v->f32(row, 1, 2, 1.0f, got);
      const float ulp = std::nextafter(want[1], kInf) - want[1];
      worst = std::max(worst, std::fabs(got[1] - want[1]) / ulp);
      ASSERT_LE(std::fabs(got[1] - want[1]), 4 * ulp) << v->name << " t " << row[1];
    }
    GTEST_LOG_(INFO) << v->name << ": worst error " << worst << " ulp";
  }
}

TEST(SoftmaxVariantsTest, Float32ManyRowsInPlaceAndInPieces) {
  std::mt19937 rng(2);
  for (const SoftmaxVariant* v : Supported()) {
    for (int depth : {1, 7, 10, 33, 128}) {
      constexpr int kRows = 1000;
      const size_t n = static_cast<size_t>(kRows) * depth;
      const std::vector<float> x = MakeLogits(Logits::kNormal, n, rng);
      std::vector<float> want(n);
      f32_softmax__reference(x.data(), kRows, depth, 1.0f, want.data());
      // In place, all rows at once.
      std::vector<float> whole = x;
      v->f32(whole.data(), kRows, depth, 1.0f, whole.data());
      // The same rows in three pieces, as a thread split hands them out.
      std::vector<float> pieces(n);
      const int cuts[] = {0, 1, 400, kRows};
      for (int i = 0; i < 3; ++i) {
        const size_t at = static_cast<size_t>(cuts[i]) * depth;
        v->f32(x.data() + at, cuts[i + 1] - cuts[i], depth, 1.0f, pieces.data() + at);
      }
      ASSERT_EQ(std::memcmp(whole.data(), pieces.data(), n * sizeof(float)), 0) << v->name;
      for (size_t i = 0; i < n; ++i) {
        ASSERT_LE(std::fabs(whole[i] - want[i]), SoftmaxRelTolerance(depth) * want[i] + 1e-37f)
            << v->name << " depth " << depth << " at " << i;
      }
    }
  }
}

// Rows the reference turns into NaN (a NaN or +inf logit, or nothing but
// -inf) are NaN rows here too; beta outside (0, inf) runs the reference.
TEST(SoftmaxVariantsTest, Float32SpecialRowsAndBetas) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (const SoftmaxVariant* v : Supported()) {
    for (int depth : {1, 5, 17, 40}) {
      for (int k = 0; k < 3; ++k) {
        std::vector<float> x(depth, 1.0f);
        if (k == 0) x[depth / 2] = nan;
        if (k == 1) x[depth - 1] = kInf;
        if (k == 2) std::fill(x.begin(), x.end(), -kInf);
        std::vector<float> got(depth);
        v->f32(x.data(), 1, depth, 1.0f, got.data());
        for (float g : got) EXPECT_TRUE(std::isnan(g)) << v->name << " case " << k;
        v->f32_log(x.data(), 1, depth, got.data());
        for (float g : got) EXPECT_TRUE(std::isnan(g)) << v->name << " log case " << k;
      }
      std::vector<float> x(depth);
      for (int c = 0; c < depth; ++c) x[c] = 0.25f * c;
      for (float beta : {0.0f, -1.5f, kInf}) {
        std::vector<float> want(depth), got(depth);
        f32_softmax__reference(x.data(), 1, depth, beta, want.data());
        v->f32(x.data(), 1, depth, beta, got.data());
        EXPECT_EQ(std::memcmp(want.data(), got.data(), depth * sizeof(float)), 0)
            << v->name << " beta " << beta;
      }
    }
  }
}

TEST(SoftmaxVariantsTest, Float32LogSoftmaxWithinStatedTolerance) {
  std::mt19937 rng(3);
  constexpr int kRows = 3;
  for (const SoftmaxVariant* v : Supported()) {
    for (Logits kind : {Logits::kNormal, Logits::kLarge, Logits::kSmall, Logits::kWithNegInf,
                        Logits::kVeryNegative}) {
      for (int depth : Depths()) {
        const size_t n = static_cast<size_t>(kRows) * depth;
        std::vector<float> x = MakeLogits(kind, n, rng);
        for (int r = 0; r < kRows; ++r) x[static_cast<size_t>(r) * depth] = 0.5f;
        std::vector<float> want(n);
        f32_log_softmax__reference(x.data(), kRows, depth, want.data());
        std::vector<float> got(n + kGuardCount, kGuard);
        v->f32_log(x.data(), kRows, depth, got.data());
        for (size_t i = 0; i < n; ++i) {
          if (x[i] == -kInf) {
            ASSERT_EQ(got[i], -kInf) << v->name;
            continue;
          }
          ASSERT_LE(std::fabs(got[i] - want[i]),
                    SoftmaxRelTolerance(depth) + std::ldexp(std::fabs(want[i]), -22))
              << v->name << " depth " << depth << " " << Name(kind) << " at " << i << ": " << got[i]
              << " vs " << want[i];
        }
        for (int i = 0; i < kGuardCount; ++i) ASSERT_EQ(got[n + i], kGuard) << v->name;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// 8-bit: bit-exact.

template <typename T>
std::vector<T> MakeBytes(size_t n, int kind, std::mt19937& rng) {
  std::vector<T> x(n);
  for (size_t i = 0; i < n; ++i) {
    const int32_t lo = std::numeric_limits<T>::min();
    switch (kind) {
      case 0:
        x[i] = static_cast<T>(rng());
        break;  // full range
      case 1:
        x[i] = static_cast<T>(lo + 100 + rng() % 20);
        break;  // narrow
      case 2:
        x[i] = static_cast<T>(lo + 7);
        break;  // constant
      default:
        x[i] = static_cast<T>(i % 5 == 0 ? lo + 255 : lo);
        break;  // extremes
    }
  }
  return x;
}

struct OutputQuant {
  float scale;
  int32_t zero_point;
};

template <typename In, typename Out, typename Reference, typename Pick>
void CheckSoftmax8(Reference reference, Pick pick, const std::vector<OutputQuant>& outputs,
                   std::mt19937& rng) {
  constexpr int kRows = 3;
  std::array<float, 256> table{};
  for (const SoftmaxVariant* v : Supported()) {
    for (float input_scale : {0.001f, 0.05f, 0.1f, 0.3f, 4.0f}) {
      for (float beta : {1.0f, 0.7f}) {
        BuildSoftmaxExpTable(input_scale, beta, table.data());
        for (const OutputQuant& oq : outputs) {
          Softmax8Params p;
          p.table = table.data();
          p.output_scale = oq.scale;
          p.output_zero_point = oq.zero_point;
          for (int kind = 0; kind < 4; ++kind) {
            for (int depth : Depths()) {
              const size_t n = static_cast<size_t>(kRows) * depth;
              const std::vector<In> x = MakeBytes<In>(n, kind, rng);
              std::vector<Out> want(n);
              reference(x.data(), kRows, depth, p, want.data());
              std::vector<Out> got(n + kGuardCount, Out{77});
              pick (*v)(x.data(), kRows, depth, p, got.data());
              ASSERT_EQ(std::memcmp(want.data(), got.data(), n * sizeof(Out)), 0)
                  << v->name << " depth " << depth << " input scale " << input_scale << " beta "
                  << beta << " output scale " << oq.scale << " zp " << oq.zero_point << " kind "
                  << kind;
              for (int i = 0; i < kGuardCount; ++i) ASSERT_EQ(got[n + i], Out{77}) << v->name;
            }
          }
        }
      }
    }
  }
}

TEST(SoftmaxVariantsTest, Uint8MatchesReferenceBitForBit) {
  std::mt19937 rng(4);
  CheckSoftmax8<uint8_t, uint8_t>(
      qu8_softmax__reference, [](const SoftmaxVariant& v) { return v.qu8; },
      {{1.f / 256, 0}, {1.f / 200, 0}, {1.f / 37, 0}}, rng);
}

TEST(SoftmaxVariantsTest, Int8MatchesReferenceBitForBit) {
  std::mt19937 rng(5);
  CheckSoftmax8<int8_t, int8_t>(
      qs8_softmax__reference, [](const SoftmaxVariant& v) { return v.qs8; },
      {{1.f / 256, -128}, {1.f / 200, -128}, {1.f / 37, 3}}, rng);
}

TEST(SoftmaxVariantsTest, Uint8ToInt16MatchesReferenceBitForBit) {
  std::mt19937 rng(6);
  CheckSoftmax8<uint8_t, int16_t>(
      qu8_softmax_qs16__reference, [](const SoftmaxVariant& v) { return v.qu8_qs16; },
      {{1.f / 32768, 0}, {1.f / 65536, -32768}}, rng);
}

TEST(SoftmaxVariantsTest, Int8ToInt16MatchesReferenceBitForBit) {
  std::mt19937 rng(7);
  CheckSoftmax8<int8_t, int16_t>(
      qs8_softmax_qs16__reference, [](const SoftmaxVariant& v) { return v.qs8_qs16; },
      {{1.f / 32768, 0}, {1.f / 65536, -32768}, {1.f / 3000, 5}}, rng);
}

template <typename T, typename Reference, typename Pick>
void CheckLogSoftmax8(Reference reference, Pick pick, int32_t zero_point, std::mt19937& rng) {
  constexpr int kRows = 3;
  std::array<float, 256> table{};
  for (const SoftmaxVariant* v : Supported()) {
    for (float input_scale : {0.001f, 0.05f, 0.1f, 0.3f, 4.0f}) {
      BuildSoftmaxExpTable(input_scale, 1.0f, table.data());
      LogSoftmax8Params p;
      p.table = table.data();
      p.input_scale = input_scale;
      p.output_scale = 16.0f / 256.0f;
      p.output_zero_point = zero_point;
      for (int kind = 0; kind < 4; ++kind) {
        for (int depth : Depths()) {
          const size_t n = static_cast<size_t>(kRows) * depth;
          const std::vector<T> x = MakeBytes<T>(n, kind, rng);
          std::vector<T> want(n);
          reference(x.data(), kRows, depth, p, want.data());
          std::vector<T> got(n + kGuardCount, T{77});
          pick (*v)(x.data(), kRows, depth, p, got.data());
          ASSERT_EQ(std::memcmp(want.data(), got.data(), n), 0)
              << v->name << " depth " << depth << " input scale " << input_scale << " kind "
              << kind;
          for (int i = 0; i < kGuardCount; ++i) ASSERT_EQ(got[n + i], T{77}) << v->name;
          // In place gives the same bytes.
          std::vector<T> in_place = x;
          pick (*v)(in_place.data(), kRows, depth, p, in_place.data());
          ASSERT_EQ(want, in_place) << v->name << " in place, depth " << depth;
        }
      }
    }
  }
}

TEST(SoftmaxVariantsTest, Uint8LogSoftmaxMatchesReferenceBitForBit) {
  std::mt19937 rng(8);
  CheckLogSoftmax8<uint8_t>(
      qu8_log_softmax__reference, [](const SoftmaxVariant& v) { return v.qu8_log; }, 255, rng);
}

TEST(SoftmaxVariantsTest, Int8LogSoftmaxMatchesReferenceBitForBit) {
  std::mt19937 rng(9);
  CheckLogSoftmax8<int8_t>(
      qs8_log_softmax__reference, [](const SoftmaxVariant& v) { return v.qs8_log; }, 127, rng);
}

TEST(SoftmaxVariantsTest, Int8InPlaceManyRowsMatchesReference) {
  std::mt19937 rng(10);
  std::array<float, 256> table{};
  BuildSoftmaxExpTable(0.1f, 1.0f, table.data());
  Softmax8Params p;
  p.table = table.data();
  p.output_scale = 1.f / 256;
  p.output_zero_point = -128;
  for (const SoftmaxVariant* v : Supported()) {
    for (int depth : {1, 9, 64, 65}) {
      constexpr int kRows = 777;
      const std::vector<int8_t> x = MakeBytes<int8_t>(static_cast<size_t>(kRows) * depth, 0, rng);
      std::vector<int8_t> want(x.size());
      qs8_softmax__reference(x.data(), kRows, depth, p, want.data());
      std::vector<int8_t> got = x;
      v->qs8(got.data(), kRows, depth, p, got.data());
      ASSERT_EQ(want, got) << v->name << " depth " << depth;
    }
  }
}

}  // namespace
}  // namespace liteforge::kernels
