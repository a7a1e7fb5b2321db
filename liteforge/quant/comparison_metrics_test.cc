// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The comparison metrics on arrays small enough to check by hand: errors,
// SNR, cosine, top-1/top-5 agreement with ties, non-finite values, the
// histogram's bins, summaries over samples, and dequantization.

#include "liteforge/quant/comparison_metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "liteforge/base/float16.h"

namespace liteforge::quant {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TensorComparison Compare(const std::vector<float>& r, const std::vector<float>& c, int64_t classes = 0,
                         ErrorHistogram* h = nullptr) {
  auto result = CompareValues(r, c, classes, h);
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? *result : TensorComparison{};
}

TEST(ComparisonMetrics, ErrorsSnrAndCosine) {
  // r.r = 30, (r-c).(r-c) = 1, r.c = 34, c.c = 39.
  const TensorComparison t = Compare({1, 2, 3, 4}, {1, 2, 3, 5});
  EXPECT_EQ(t.elements, 4);
  EXPECT_DOUBLE_EQ(t.max_abs_error, 1.0);
  EXPECT_DOUBLE_EQ(t.mean_abs_error(), 0.25);
  EXPECT_NEAR(t.snr_db(), 10 * std::log10(30.0), 1e-12);
  EXPECT_NEAR(t.snr_db(), 14.7712, 1e-4);
  EXPECT_NEAR(t.cosine, 34 / std::sqrt(30.0 * 39.0), 1e-12);
  EXPECT_EQ(t.rows, 0);  // not classifier-like
}

TEST(ComparisonMetrics, IdenticalZeroAndOpposite) {
  const TensorComparison same = Compare({0.5f, -2}, {0.5f, -2});
  EXPECT_EQ(same.max_abs_error, 0);
  EXPECT_EQ(same.snr_db(), kInf);
  EXPECT_DOUBLE_EQ(same.cosine, 1);

  const TensorComparison zeros = Compare({0, 0}, {0, 0});
  EXPECT_EQ(zeros.snr_db(), kInf);
  EXPECT_DOUBLE_EQ(zeros.cosine, 1);

  // No signal but noise: -inf dB; one zero vector: cosine 0.
  const TensorComparison noise = Compare({0, 0}, {1, 0});
  EXPECT_EQ(noise.snr_db(), -kInf);
  EXPECT_DOUBLE_EQ(noise.cosine, 0);

  // c = -r: error 2|r|, SNR 10 log10(1/4), cosine -1.
  const TensorComparison opposite = Compare({1, -3}, {-1, 3});
  EXPECT_NEAR(opposite.snr_db(), 10 * std::log10(0.25), 1e-12);
  EXPECT_NEAR(opposite.cosine, -1, 1e-12);
  EXPECT_DOUBLE_EQ(opposite.max_abs_error, 6);
}

TEST(ComparisonMetrics, TopOneAgreementPerRow) {
  // Two rows of 3 classes: row 0 agrees (class 1), row 1 does not (0 vs 1).
  const TensorComparison t =
      Compare({0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f}, {0.2f, 0.6f, 0.2f, 0.3f, 0.4f, 0.3f}, 3);
  EXPECT_EQ(t.rows, 2);
  EXPECT_EQ(t.top1_agree, 1);
  EXPECT_EQ(t.top5_agree, 2);  // only 3 classes: every class is in the "top 5"
  EXPECT_EQ(t.reference_top1, 1);
  EXPECT_EQ(t.candidate_top1, 1);
  EXPECT_FLOAT_EQ(t.reference_top1_score, 0.7f);
  EXPECT_FLOAT_EQ(t.candidate_top1_score, 0.6f);
}

TEST(ComparisonMetrics, TopFiveAgreement) {
  // The reference's winner (class 0) ranks 5th in row 0 of the candidate
  // and 6th in row 1.
  const std::vector<float> ref = {9, 1, 1, 1, 1, 1, 1, 9, 1, 1, 1, 1, 1, 1};
  const std::vector<float> cand = {5, 9, 8, 7, 6, 1, 1, 4, 9, 8, 7, 6, 5, 1};
  const TensorComparison t = Compare(ref, cand, 7);
  EXPECT_EQ(t.rows, 2);
  EXPECT_EQ(t.top1_agree, 0);
  EXPECT_EQ(t.top5_agree, 1);
  EXPECT_EQ(t.candidate_top1, 1);
}

TEST(ComparisonMetrics, TiesFollowNumpyArgmax) {
  // A saturated quantized output: the first index wins, on both sides.
  const TensorComparison t = Compare({0.2f, 0.9f, 0.9f}, {1, 1, 1}, 3);
  EXPECT_EQ(t.reference_top1, 1);
  EXPECT_EQ(t.candidate_top1, 0);
  EXPECT_EQ(t.top1_agree, 0);
  // Class 1 ties with class 0 and ranks after it: still within the top 3.
  EXPECT_EQ(t.top5_agree, 1);

  // Ties inside the top-5 cutoff: class 5 ties with classes 0..4 but loses
  // the tie-break on its index, so it is 6th.
  const std::vector<float> ref = {0, 0, 0, 0, 0, 9};
  const std::vector<float> cand = {1, 1, 1, 1, 1, 1};
  EXPECT_EQ(Compare(ref, cand, 6).top5_agree, 0);
}

TEST(ComparisonMetrics, NonFiniteValues) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  // Same NaN / same infinity: no error; the finite pair still compares.
  const TensorComparison same = Compare({nan, inf, 1}, {nan, inf, 1});
  EXPECT_EQ(same.max_abs_error, 0);
  EXPECT_DOUBLE_EQ(same.cosine, 1);
  // A NaN on one side is an infinite error and -inf dB.
  const TensorComparison broken = Compare({1, 2}, {1, nan});
  EXPECT_EQ(broken.max_abs_error, kInf);
  EXPECT_EQ(broken.snr_db(), -kInf);
  // NaN ranks lowest in argmax.
  EXPECT_EQ(Compare({nan, 1, 0}, {nan, 1, 0}, 3).reference_top1, 1);
}

TEST(ComparisonMetrics, LengthMismatchIsAnError) {
  const std::vector<float> a = {1, 2}, b = {1};
  EXPECT_FALSE(CompareValues(a, b, 0).ok());
}

TEST(ComparisonMetrics, HistogramBins) {
  ErrorHistogram h;
  h.Add(0);       // bin 0
  h.Add(1e-9);    // bin 0
  h.Add(1e-8);    // bin 1: [1e-8, 10^-7.5)
  h.Add(0.5);     // log10 = -0.301 -> (7.699 * 2) = 15.4 -> bin 16
  h.Add(1);       // (8 * 2) -> bin 17
  h.Add(1e9);     // above the last decade: last bin
  h.Add(kInf);    // last bin
  EXPECT_EQ(h.counts[0], 2);
  EXPECT_EQ(h.counts[1], 1);
  EXPECT_EQ(h.counts[16], 1);
  EXPECT_EQ(h.counts[17], 1);
  EXPECT_EQ(h.counts[ErrorHistogram::kBins - 1], 2);
  EXPECT_EQ(h.total(), 7);
  EXPECT_EQ(ErrorHistogram::LowerEdge(0), 0);
  EXPECT_NEAR(ErrorHistogram::LowerEdge(1), 1e-8, 1e-20);
  EXPECT_NEAR(ErrorHistogram::LowerEdge(17), 1.0, 1e-12);
  EXPECT_NEAR(ErrorHistogram::LowerEdge(ErrorHistogram::kBins - 1), 1e4, 1e-6);

  ErrorHistogram from_compare;
  Compare({1, 2, 3}, {1, 2, 4}, 0, &from_compare);
  EXPECT_EQ(from_compare.counts[0], 2);
  EXPECT_EQ(from_compare.counts[17], 1);
}

TEST(ComparisonMetrics, SummaryPoolsSamples) {
  ComparisonSummary s;
  s.Add(Compare({1, 2, 3, 4}, {1, 2, 3, 5}, 2));  // both rows agree (class 1)
  s.Add(Compare({3, 0}, {0, 3}, 2));              // signal 9, noise 18; row disagrees
  EXPECT_EQ(s.samples, 2);
  EXPECT_EQ(s.elements, 6);
  EXPECT_DOUBLE_EQ(s.max_abs_error, 3);
  EXPECT_DOUBLE_EQ(s.mean_abs_error(), (1.0 + 6.0) / 6);
  // Pooled: (30 + 9) / (1 + 18), not the mean of the two samples' dB.
  EXPECT_NEAR(s.snr_db(), 10 * std::log10(39.0 / 19.0), 1e-12);
  EXPECT_NEAR(s.cosine_mean(), (34 / std::sqrt(30.0 * 39.0) + 0.0) / 2, 1e-12);
  EXPECT_DOUBLE_EQ(s.cosine_min, 0);
  EXPECT_EQ(s.rows, 3);
  EXPECT_EQ(s.top1_agree, 2);
  EXPECT_NEAR(s.top1_agreement(), 2.0 / 3, 1e-12);
  EXPECT_TRUE(s.has_agreement());
  EXPECT_FALSE(ComparisonSummary{}.has_agreement());
}

TensorView View(DType dtype, Shape shape, void* data, size_t bytes, const QuantParams* q) {
  TensorView v;
  v.dtype = dtype;
  v.shape = std::move(shape);
  v.data = static_cast<uint8_t*>(data);
  v.bytes = bytes;
  v.quant = q;
  v.name = "t";
  return v;
}

TEST(RealValues, DequantizesPerTensorAndPerChannel) {
  std::vector<float> out;
  QuantParams per_tensor;
  per_tensor.scale = {0.5f};
  per_tensor.zero_point = {-1};
  int8_t q8[] = {-1, 1, 3};
  ASSERT_TRUE(RealValues(View(DType::kInt8, Shape({3}), q8, 3, &per_tensor), out).ok());
  EXPECT_EQ(out, (std::vector<float>{0, 1, 2}));

  uint8_t u8[] = {128, 130};
  QuantParams u8q;
  u8q.scale = {0.25f};
  u8q.zero_point = {128};
  ASSERT_TRUE(RealValues(View(DType::kUInt8, Shape({2}), u8, 2, &u8q), out).ok());
  EXPECT_EQ(out, (std::vector<float>{0, 0.5f}));

  int16_t q16[] = {-32768, 100};
  QuantParams q16q;
  q16q.scale = {1.0f / 32768};
  q16q.zero_point = {0};
  ASSERT_TRUE(RealValues(View(DType::kInt16, Shape({2}), q16, 4, &q16q), out).ok());
  EXPECT_FLOAT_EQ(out[0], -1.0f);
  EXPECT_FLOAT_EQ(out[1], 100.0f / 32768);

  // Per channel along dim 1 of [2, 2]: columns scale 1 and 2, zero points 0 and 1.
  QuantParams per_channel;
  per_channel.scale = {1, 2};
  per_channel.zero_point = {0, 1};
  per_channel.quantized_dimension = 1;
  int8_t pc[] = {1, 2, 3, 4};
  ASSERT_TRUE(RealValues(View(DType::kInt8, Shape({2, 2}), pc, 4, &per_channel), out).ok());
  EXPECT_EQ(out, (std::vector<float>{1, 2, 3, 6}));
  per_channel.quantized_dimension = 0;
  ASSERT_TRUE(RealValues(View(DType::kInt8, Shape({2, 2}), pc, 4, &per_channel), out).ok());
  EXPECT_EQ(out, (std::vector<float>{1, 2, 4, 6}));
  per_channel.scale = {1, 2, 3};
  EXPECT_FALSE(RealValues(View(DType::kInt8, Shape({2, 2}), pc, 4, &per_channel), out).ok());
}

TEST(RealValues, FloatsIntegersAndBadTensors) {
  std::vector<float> out;
  const QuantParams none;
  uint16_t half[] = {FloatToHalf(1.5f), FloatToHalf(-2)};
  ASSERT_TRUE(RealValues(View(DType::kFloat16, Shape({2}), half, 4, &none), out).ok());
  EXPECT_EQ(out, (std::vector<float>{1.5f, -2}));
  int32_t i32[] = {7, -3};  // not quantized: taken as numbers
  ASSERT_TRUE(RealValues(View(DType::kInt32, Shape({2}), i32, 8, &none), out).ok());
  EXPECT_EQ(out, (std::vector<float>{7, -3}));
  ASSERT_TRUE(RealValues(View(DType::kInt32, Shape({2}), i32, 8, nullptr), out).ok());
  bool b[] = {true, false};
  ASSERT_TRUE(RealValues(View(DType::kBool, Shape({2}), b, 2, &none), out).ok());
  EXPECT_EQ(out, (std::vector<float>{1, 0}));

  char s[4] = {};
  const Status str = RealValues(View(DType::kString, Shape({1}), s, 4, &none), out);
  EXPECT_EQ(str.code(), StatusCode::kUnimplemented);
  EXPECT_NE(str.message().find("tensor 't' is string"), std::string::npos) << str.message();
  float f[1];
  EXPECT_FALSE(RealValues(View(DType::kFloat32, Shape({2}), f, 4, &none), out).ok());
  EXPECT_FALSE(RealValues(View(DType::kFloat32, Shape({2}), nullptr, 0, &none), out).ok());
}

}  // namespace
}  // namespace liteforge::quant
