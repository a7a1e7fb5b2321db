// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every per-tensor QUANTIZE / DEQUANTIZE SIMD variant (variants.inc) against
// the reference kernels, bit for bit, at lengths around the vector widths.
// QUANTIZE: random values, exact .5 ties after scaling and their float
// neighbours, huge and out-of-int32 values, infinities, NaN, signed zeros
// and denormals, over several scales and zero points (including zero points
// whose wrap-around add the reference reproduces). DEQUANTIZE: every byte,
// scales from denormal to large. One test instance per ISA; an ISA the CPU
// lacks is skipped.

#include "liteforge/kernels/quantize/quantize_variants.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "liteforge/kernels/quantize/reference.h"

namespace liteforge::kernels {
namespace {

constexpr size_t kLengths[] = {0, 1, 15, 16, 17, 63, 64, 65, 1003};
constexpr float kInf = std::numeric_limits<float>::infinity();

template <typename Fn>
const QuantizeVariant<Fn>* FindVariant(std::span<const QuantizeVariant<Fn>> variants, Isa isa) {
  for (const auto& v : variants) {
    if (v.isa == isa) return &v;
  }
  return nullptr;
}

class QuantizeVariantsTest : public ::testing::TestWithParam<Isa> {
 protected:
  void SetUp() override {
    if (!CpuFeatures::Get().Supports(GetParam())) {
      GTEST_SKIP() << "the CPU lacks " << IsaName(GetParam());
    }
  }
};

const float kScales[] = {0.0078125f, 0.0235f, 1.0f, 3.7e-5f, 0.1f, 7.5f};

// Inputs for one scale: random values over a little more than the 8-bit
// range, exact ties (k + 1/2) * scale with their float neighbours, and
// IEEE and range extremes, shuffled so every length sees a mix.
std::vector<float> QuantizeInputs(float scale, size_t n, std::mt19937& rng) {
  std::vector<float> pool;
  std::uniform_real_distribution<float> dist(-300.f * scale, 300.f * scale);
  for (int i = 0; i < 400; ++i) pool.push_back(dist(rng));
  for (int k = -140; k <= 140; k += 7) {
    const float tie = (static_cast<float>(k) + 0.5f) * scale;
    pool.push_back(tie);
    pool.push_back(std::nextafter(tie, kInf));
    pool.push_back(std::nextafter(tie, -kInf));
  }
  const float extremes[] = {0.f,    -0.f,   kInf,   -kInf,  std::numeric_limits<float>::quiet_NaN(),
                            -std::numeric_limits<float>::quiet_NaN(),
                            std::numeric_limits<float>::max(), -std::numeric_limits<float>::max(),
                            1e10f,  -1e10f, 3e9f,   -3e9f,  2147483520.f, -2147483648.f,
                            1e-40f, -1e-40f, 0.49999997f * scale, -0.5f * scale};
  for (float e : extremes) pool.push_back(e);
  std::shuffle(pool.begin(), pool.end(), rng);
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = pool[i % pool.size()];
  // The extremes again at the ends, where the tails are.
  for (size_t i = 0; i < n && i < std::size(extremes); ++i) v[n - 1 - i] = extremes[i];
  return v;
}

template <typename T, typename Fn, typename RefFn>
void CheckQuantize(Fn fn, RefFn reference, std::initializer_list<int32_t> zero_points) {
  std::mt19937 rng(4242);
  for (float scale : kScales) {
    for (int32_t zp : zero_points) {
      for (size_t n : kLengths) {
        SCOPED_TRACE("scale " + std::to_string(scale) + " zero point " + std::to_string(zp) +
                     " n " + std::to_string(n));
        const std::vector<float> in = QuantizeInputs(scale, n, rng);
        std::vector<T> expected(n), got(n);
        reference(in.data(), n, scale, zp, expected.data());
        fn(in.data(), n, scale, zp, got.data());
        for (size_t i = 0; i < n; ++i) {
          ASSERT_EQ(+got[i], +expected[i]) << "x = " << in[i] << " (element " << i << ")";
        }
      }
    }
  }
}

TEST_P(QuantizeVariantsTest, F32ToQs8MatchesReference) {
  const auto* v = FindVariant(F32QuantizeQs8Variants(), GetParam());
  if (v == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  CheckQuantize<int8_t>(v->fn, f32_quantize_qs8__reference, {-128, -5, 0, 3, 127, -300, 1000});
}

TEST_P(QuantizeVariantsTest, F32ToQu8MatchesReference) {
  const auto* v = FindVariant(F32QuantizeQu8Variants(), GetParam());
  if (v == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  CheckQuantize<uint8_t>(v->fn, f32_quantize_qu8__reference, {0, 17, 128, 255, -1, 400});
}

template <typename T, typename Fn, typename RefFn>
void CheckDequantize(Fn fn, RefFn reference, std::initializer_list<int32_t> zero_points) {
  std::mt19937 rng(777);
  const float scales[] = {0.0235f, 1e-3f, 1e-40f, 1.1e36f, 0.5f, 3.0f};
  for (float scale : scales) {
    for (int32_t zp : zero_points) {
      for (size_t n : kLengths) {
        SCOPED_TRACE("scale " + std::to_string(scale) + " zero point " + std::to_string(zp) +
                     " n " + std::to_string(n));
        std::vector<T> in(n);
        for (size_t i = 0; i < n; ++i) in[i] = static_cast<T>(i < 256 ? i : rng());
        std::shuffle(in.begin(), in.end(), rng);
        std::vector<float> expected(n), got(n);
        reference(in.data(), n, scale, zp, expected.data());
        fn(in.data(), n, scale, zp, got.data());
        for (size_t i = 0; i < n; ++i) {
          ASSERT_EQ(0, std::memcmp(&got[i], &expected[i], sizeof(float)))
              << "q = " << +in[i] << ": got " << got[i] << ", expected " << expected[i];
        }
      }
    }
  }
}

TEST_P(QuantizeVariantsTest, Qs8DequantizeMatchesReference) {
  const auto* v = FindVariant(Qs8DequantizeVariants(), GetParam());
  if (v == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  CheckDequantize<int8_t>(v->fn, qs8_dequantize__reference, {-128, -5, 0, 127, 70000});
}

TEST_P(QuantizeVariantsTest, Qu8DequantizeMatchesReference) {
  const auto* v = FindVariant(Qu8DequantizeVariants(), GetParam());
  if (v == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  CheckDequantize<uint8_t>(v->fn, qu8_dequantize__reference, {0, 128, 255, -3});
}

// 8-bit requantization: every byte, at lengths around the vector widths,
// over equal scales (the exact x1 path), ratios below and above 1 and zero
// points at the ends of their ranges.
void CheckRequantize(const Q8RequantizeVariant& v) {
  const RequantizeFn reference = FindRequantize(v.from, v.to);
  ASSERT_NE(reference, nullptr);
  const bool in_signed = v.from == DType::kInt8;
  const bool out_signed = v.to == DType::kInt8;
  const int32_t in_zps[] = {in_signed ? -128 : 0, in_signed ? -1 : 127, in_signed ? 127 : 255, 3};
  const int32_t out_zps[] = {out_signed ? -128 : 0, out_signed ? -1 : 128, out_signed ? 127 : 255};
  const std::pair<float, float> scales[] = {{0.0078431f, 0.0078431f}, {0.02f, 0.0031f},
                                            {0.0031f, 0.02f}, {1.0f, 1.0f}, {0.5f, 0.24f},
                                            {1e-6f, 0.9f}};
  std::mt19937 rng(99);
  for (auto [in_scale, out_scale] : scales) {
    for (int32_t in_zp : in_zps) {
      for (int32_t out_zp : out_zps) {
        const RequantizeParams p = MakeRequantizeParams(in_scale, in_zp, out_scale, out_zp);
        if (!Q8RequantizeVectorizable(p)) continue;
        for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{31},
                         size_t{32}, size_t{33}, size_t{300}}) {
          SCOPED_TRACE(std::string(v.name) + " scales " + std::to_string(in_scale) + " -> " +
                       std::to_string(out_scale) + " zero points " + std::to_string(in_zp) +
                       " -> " + std::to_string(out_zp) + " n " + std::to_string(n));
          std::vector<uint8_t> in(n);
          for (size_t i = 0; i < n; ++i) in[i] = static_cast<uint8_t>(i < 256 ? i : rng());
          std::shuffle(in.begin(), in.end(), rng);
          std::vector<uint8_t> expected(n + 1, 0xAB), got(n + 1, 0xAB);
          reference(in.data(), n, p, expected.data());
          v.fn(in.data(), n, p, got.data());
          ASSERT_EQ(got, expected);
        }
      }
    }
  }
}

TEST_P(QuantizeVariantsTest, Q8RequantizeMatchesReference) {
  bool any = false;
  for (const Q8RequantizeVariant& v : Q8RequantizeVariants()) {
    if (v.isa != GetParam()) continue;
    any = true;
    CheckRequantize(v);
  }
  if (!any) GTEST_SKIP() << "no variant for this ISA in this build";
}

// Zero lengths touch nothing.
TEST_P(QuantizeVariantsTest, EmptyInputsReadNothing) {
  const auto* q = FindVariant(F32QuantizeQs8Variants(), GetParam());
  const auto* d = FindVariant(Qu8DequantizeVariants(), GetParam());
  if (q == nullptr || d == nullptr) GTEST_SKIP() << "no variant for this ISA in this build";
  q->fn(nullptr, 0, 0.5f, 0, nullptr);
  d->fn(nullptr, 0, 0.5f, 0, nullptr);
}

TEST(QuantizeVariantSelection, FollowsTheCeiling) {
  EXPECT_EQ(SelectF32QuantizeQs8(Isa::kReference), nullptr);
  EXPECT_EQ(SelectQu8Dequantize(Isa::kReference), nullptr);
  for (Isa ceiling : {Isa::kAvx2, Isa::kAvx512, Isa::kAvx512Vnni}) {
    const auto* v = SelectF32QuantizeQu8(ceiling);
    if (v == nullptr) continue;
    EXPECT_LE(static_cast<int>(v->isa), static_cast<int>(ceiling)) << v->name;
    EXPECT_TRUE(CpuFeatures::Get().Supports(v->isa)) << v->name;
  }
  EXPECT_TRUE(DequantizeVectorizable(-128));
  EXPECT_FALSE(DequantizeVectorizable(1 << 24));
}

INSTANTIATE_TEST_SUITE_P(Isas, QuantizeVariantsTest,
                         ::testing::Values(Isa::kAvx512, Isa::kAvx2, Isa::kNeon),
                         [](const ::testing::TestParamInfo<Isa>& info) {
                           return std::string(IsaName(info.param));
                         });

}  // namespace
}  // namespace liteforge::kernels
