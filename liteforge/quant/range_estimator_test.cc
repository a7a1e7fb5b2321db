// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Range selection on histograms with known answers.

#include "liteforge/quant/range_estimator.h"

#include <gtest/gtest.h>

#include <vector>

namespace liteforge::quant {
namespace {

// A million values uniform in [-1, 1] plus one outlier at 100.
Histogram WithOutlier(std::vector<float>& values) {
  constexpr int kN = 1000000;
  for (int i = 0; i < kN; ++i) values.push_back(-1.f + 2.f * static_cast<float>(i) / (kN - 1));
  values.push_back(100.f);
  Histogram h(-1.f, 100.f);
  h.Add(values.data(), static_cast<int64_t>(values.size()));
  return h;
}

TEST(RangeEstimatorTest, MinMaxKeepsTheObservedRangeWidenedToZero) {
  const Range r = ChooseRange(CalibrationMethod::kMinMax, 99.99f, DType::kInt8, {0.5f, 2.f}, Histogram());
  EXPECT_EQ(r.lo, 0.f);
  EXPECT_EQ(r.hi, 2.f);
}

TEST(RangeEstimatorTest, ClippingMethodsDropTheOutlier) {
  std::vector<float> values;
  const Histogram h = WithOutlier(values);
  const Range observed{-1.f, 100.f};
  const Range p = ChooseRange(CalibrationMethod::kPercentile, 99.9f, DType::kInt8, observed, h);
  EXPECT_LT(p.hi, 2.f);   // the top 0.1 % is above ~0.998
  EXPECT_GE(p.hi, 0.9f);
  EXPECT_LE(p.lo, -0.9f);
  // Clipping the outlier at 10 costs 90^2 / 1e6 = 0.008 per value; keeping
  // it costs (101 / 255)^2 / 12 = 0.013: MSE clips, and only on its side.
  const Range mse = ChooseRange(CalibrationMethod::kMse, 0.f, DType::kInt8, observed, h);
  EXPECT_LT(mse.hi, 50.f);
  EXPECT_LE(mse.lo, -0.9f);
  const Range kl = ChooseRange(CalibrationMethod::kEntropy, 0.f, DType::kInt8, observed, h);
  EXPECT_LT(kl.hi, 100.f);
  EXPECT_LE(kl.lo, 0.f);
  // int16 has levels to spare: the entropy method keeps the range.
  const Range kl16 = ChooseRange(CalibrationMethod::kEntropy, 0.f, DType::kInt16, observed, h);
  EXPECT_EQ(kl16.hi, 100.f);
}

TEST(RangeEstimatorTest, DegenerateHistogramsKeepTheObservedRange) {
  Histogram flat(3.f, 3.f);
  const float v = 3.f;
  flat.Add(&v, 1);
  const Range r = ChooseRange(CalibrationMethod::kEntropy, 0.f, DType::kInt8, {3.f, 3.f}, flat);
  EXPECT_EQ(r.lo, 0.f);
  EXPECT_EQ(r.hi, 3.f);
}

}  // namespace
}  // namespace liteforge::quant
