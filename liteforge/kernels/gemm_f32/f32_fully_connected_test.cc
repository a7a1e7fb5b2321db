// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The f32 fully-connected driver (every GEMM variant this CPU runs; the
// others skip) against f32_fully_connected__reference at output depths and
// batch sizes around the tiles, plus variant selection and packing.
//
// Tolerance: as for conv (f32_gemm.h), each output must satisfy
//   |fast - reference| <= 2 * (K + 1) * 2^-24 * (|bias| + sum_k |x_k * w_k|)
// since only the summation order differs (the reference sums k in order and
// adds the bias last; the GEMM starts from the bias and fuses each product).
// Splits over rows and over weight panels must reproduce the unsplit result
// bit for bit.

#include "liteforge/kernels/gemm_f32/f32_fully_connected.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/aligned_buffer.h"
#include "liteforge/kernels/fully_connected/reference.h"
#include "liteforge/kernels/gemm_f32/packing.h"

namespace liteforge::kernels {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

std::vector<float> Random(size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-1.f, 1.f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  return v;
}

std::vector<float> Abs(const std::vector<float>& v) {
  std::vector<float> out(v.size());
  std::transform(v.begin(), v.end(), out.begin(), [](float x) { return std::fabs(x); });
  return out;
}

class F32FullyConnectedTest : public ::testing::TestWithParam<size_t> {
 protected:
  const F32Gemm& Variant() const { return F32GemmVariants()[GetParam()]; }
};

// One FC checked against the reference, then re-run split by rows and by
// panels.
void CheckFullyConnected(const F32Gemm& gemm, const FcDims& d, bool with_bias, float lo,
                         float hi, std::mt19937& rng) {
  SCOPED_TRACE("batches=" + std::to_string(d.batches) + " K=" + std::to_string(d.input_depth) +
               " N=" + std::to_string(d.output_depth));
  const size_t k = static_cast<size_t>(d.input_depth);
  const size_t n = static_cast<size_t>(d.output_depth);
  const size_t out_size = static_cast<size_t>(d.batches) * n;
  const std::vector<float> input = Random(static_cast<size_t>(d.batches) * k, rng);
  const std::vector<float> weights = Random(n * k, rng);
  const std::vector<float> bias = Random(n, rng);
  const float* bias_ptr = with_bias ? bias.data() : nullptr;

  std::vector<float> expected(out_size);
  f32_fully_connected__reference(d, input.data(), weights.data(), bias_ptr, lo, hi,
                                 expected.data());
  std::vector<float> magnitude(out_size);
  const std::vector<float> abs_bias = Abs(bias);
  f32_fully_connected__reference(d, Abs(input).data(), Abs(weights).data(),
                                 with_bias ? abs_bias.data() : nullptr, -kInf, kInf,
                                 magnitude.data());

  AlignedBuffer packed(F32FullyConnectedPackedBytes(d, gemm));
  const F32PackedWeights w =
      F32FullyConnectedPackWeights(d, gemm, weights.data(), bias_ptr, packed.data());
  ASSERT_EQ(w.panels(), (n + gemm.nr - 1) / gemm.nr);

  std::vector<float> whole(out_size, std::nanf(""));
  F32FullyConnectedRunRows(gemm, w, input.data(), lo, hi, 0, d.batches, whole.data());
  const double unit = 2.0 * static_cast<double>(k + 1) * std::ldexp(1.0, -24) * 1.01;
  int reported = 0;
  for (size_t i = 0; i < out_size; ++i) {
    const double bound = unit * magnitude[i];
    const double diff = std::fabs(static_cast<double>(whole[i]) - expected[i]);
    if (!(diff <= bound) && reported++ < 5) {
      ADD_FAILURE() << "output " << i << ": got " << whole[i] << ", reference " << expected[i]
                    << ", bound " << bound;
    }
  }
  ASSERT_EQ(reported, 0);

  // Rows in pieces, each piece's panels in two ranges.
  std::vector<float> split(out_size, std::nanf(""));
  const int rows = d.batches;
  const int cuts[] = {0, std::min(1, rows), std::max(1, rows / 2), rows};
  const size_t panels = w.panels();
  const size_t mid = panels / 2;
  for (size_t i = 0; i + 1 < std::size(cuts); ++i) {
    const int begin = std::min(cuts[i], rows);
    const int end = std::max(begin, std::min(cuts[i + 1], rows));
    F32FullyConnectedRun(gemm, w, input.data(), lo, hi, begin, end, 0, mid, split.data());
    F32FullyConnectedRun(gemm, w, input.data(), lo, hi, begin, end, mid, panels, split.data());
  }
  ASSERT_EQ(0, std::memcmp(split.data(), whole.data(), out_size * sizeof(float)));
}

TEST_P(F32FullyConnectedTest, MatchesReferenceAroundTheTile) {
  const F32Gemm& gemm = Variant();
  if (!F32GemmRunnable(gemm)) GTEST_SKIP() << "CPU lacks " << IsaName(gemm.isa);
  std::mt19937 rng(4242);
  int index = 0;
  for (const int batches : {1, 2, 5, 9, 13}) {
    for (const int k : {1, 3, 27, 64, 100}) {
      for (const int n : {1, 8, 15, 16, 17, 31, 32, 33, 67, 80}) {
        const bool clamp = (index++ % 3) == 2;
        CheckFullyConnected(gemm, FcDims{batches, k, n}, index % 2 == 0, clamp ? 0.f : -kInf,
                            clamp ? 0.6f : kInf, rng);
        if (HasFatalFailure()) return;
      }
    }
  }
}

TEST_P(F32FullyConnectedTest, ManyRowsSpanSeveralBlocks) {
  const F32Gemm& gemm = Variant();
  if (!F32GemmRunnable(gemm)) GTEST_SKIP() << "CPU lacks " << IsaName(gemm.isa);
  std::mt19937 rng(77);
  // K = 300 gives row blocks far smaller than 250 rows.
  ASSERT_LT(F32GemmBlockRows(300), 250u);
  CheckFullyConnected(gemm, FcDims{250, 300, 70}, true, -kInf, kInf, rng);
  CheckFullyConnected(gemm, FcDims{1, 1024, 1001}, true, -kInf, kInf, rng);
}

TEST_P(F32FullyConnectedTest, NanPropagatesThroughTheClamp) {
  const F32Gemm& gemm = Variant();
  if (!F32GemmRunnable(gemm)) GTEST_SKIP() << "CPU lacks " << IsaName(gemm.isa);
  // 5 channels run the half-width tiles, 20 the full ones (and a tail).
  for (const int n : {5, 20}) {
    const FcDims d{2, 3, n};
    const std::vector<float> input = {1.f, std::nanf(""), 2.f, 1.f, 1.f, 1.f};
    const std::vector<float> weights(static_cast<size_t>(3 * n), 0.5f);
    AlignedBuffer packed(F32FullyConnectedPackedBytes(d, gemm));
    const F32PackedWeights w =
        F32FullyConnectedPackWeights(d, gemm, weights.data(), nullptr, packed.data());
    std::vector<float> out(static_cast<size_t>(2 * n), 0.f);
    F32FullyConnectedRunRows(gemm, w, input.data(), 0.f, 6.f, 0, 2, out.data());
    for (int o = 0; o < n; ++o) {
      EXPECT_TRUE(std::isnan(out[o])) << "n=" << n << " o=" << o;
      EXPECT_EQ(out[n + o], 1.5f) << "n=" << n << " o=" << o;
    }
  }
}

std::vector<size_t> VariantIndices() {
  std::vector<size_t> v(F32GemmVariants().size());
  for (size_t i = 0; i < v.size(); ++i) v[i] = i;
  return v;
}

INSTANTIATE_TEST_SUITE_P(Variants, F32FullyConnectedTest, ::testing::ValuesIn(VariantIndices()),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           return std::string(F32GemmVariants()[info.param].name);
                         });

TEST(F32GemmSelectTest, PicksTheBestVariantAtOrBelowTheCeiling) {
  EXPECT_EQ(SelectF32Gemm(Isa::kReference).isa, Isa::kReference);
  const CpuFeatures& cpu = CpuFeatures::Get();
  for (const Isa ceiling : {Isa::kAvx2, Isa::kAvx512, Isa::kAvx512Vnni}) {
    const F32Gemm& g = SelectF32Gemm(ceiling);
    EXPECT_LE(static_cast<int>(g.isa), static_cast<int>(ceiling));
    EXPECT_TRUE(F32GemmRunnable(g));
#if defined(__x86_64__)
    if (cpu.Supports(Isa::kAvx512) && ceiling >= Isa::kAvx512) {
      EXPECT_EQ(g.isa, Isa::kAvx512);
    }
    if (cpu.Supports(Isa::kAvx2) && ceiling == Isa::kAvx2) {
      EXPECT_EQ(g.isa, Isa::kAvx2);
    }
#endif
  }
  (void)cpu;
  // The list is best first and ends with the portable variant.
  const auto variants = F32GemmVariants();
  ASSERT_FALSE(variants.empty());
  EXPECT_EQ(variants.back().isa, Isa::kReference);
  for (size_t i = 1; i < variants.size(); ++i) {
    EXPECT_GT(static_cast<int>(variants[i - 1].isa), static_cast<int>(variants[i].isa));
  }
}

TEST(F32GemmPackingTest, PanelsTransposeAndZeroPad) {
  // N = 3, K = 2, NR = 4: one panel [bias x4][k0 x4][k1 x4].
  const float w[] = {1, 2, 3, 4, 5, 6};  // rows (1,2), (3,4), (5,6)
  const float b[] = {10, 20, 30};
  ASSERT_EQ(F32GemmPackedFloats(3, 2, 4), 12u);
  std::vector<float> packed(12, -1.f);
  F32GemmPackWeights(3, 2, 4, w, b, packed.data());
  const std::vector<float> expected = {10, 20, 30, 0, 1, 3, 5, 0, 2, 4, 6, 0};
  EXPECT_EQ(packed, expected);
  F32GemmPackWeights(3, 2, 4, w, nullptr, packed.data());
  EXPECT_EQ(packed[0], 0.f);
  EXPECT_EQ(packed[2], 0.f);
  EXPECT_EQ(F32GemmPackedFloats(5, 2, 4), 24u);
}

}  // namespace
}  // namespace liteforge::kernels
