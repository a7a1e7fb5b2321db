// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

// Direct evaluation of the definition, in double.
std::vector<double> Expected(const std::vector<float>& x, int depth, int radius, double bias,
                             double alpha, double beta) {
  std::vector<double> out(x.size());
  for (size_t row = 0; row < x.size() / depth; ++row) {
    for (int c = 0; c < depth; ++c) {
      double sum = 0;
      for (int k = std::max(0, c - radius); k <= std::min(depth - 1, c + radius); ++k) {
        sum += double{x[row * depth + k]} * x[row * depth + k];
      }
      out[row * depth + c] = x[row * depth + c] / std::pow(bias + alpha * sum, beta);
    }
  }
  return out;
}

void Check(float beta) {
  SingleOpModel m;
  const int x = m.AddInput(DType::kFloat32, {1, 1, 2, 6});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kLocalResponseNormalization,
          ir::LocalResponseNormalizationOptions{2, 1.5f, 0.3f, beta});
  ASSERT_TRUE(m.Build().ok());
  const std::vector<float> in = {-1.1f, 0.6f, 0.7f, 1.2f, -0.7f, 0.1f,
                                 3.0f,  0.f,  -2.f, 0.5f, 1.f,   -4.f};
  m.SetInput<float>(x, in);
  ASSERT_TRUE(m.Invoke().ok());
  const std::vector<float> out = m.Output<float>(0);
  const std::vector<double> expected = Expected(in, 6, 2, 1.5, 0.3, beta);
  for (size_t i = 0; i < in.size(); ++i) EXPECT_NEAR(out[i], expected[i], 1e-6) << i;
}

TEST(LocalResponseNormalizationTest, BetaOne) { Check(1.0f); }
TEST(LocalResponseNormalizationTest, BetaHalf) { Check(0.5f); }
TEST(LocalResponseNormalizationTest, GeneralBeta) { Check(0.75f); }

TEST(LocalResponseNormalizationTest, RadiusZeroIsElementwise) {
  SingleOpModel m;
  const int x = m.AddInput(DType::kFloat32, {1, 1, 1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kLocalResponseNormalization,
          ir::LocalResponseNormalizationOptions{0, 1.0f, 1.0f, 1.0f});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(x, {1.f, 2.f});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0.5f, 0.4f}));
}

TEST(LocalResponseNormalizationTest, NeedsRank4Float) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 6});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kLocalResponseNormalization, ir::LocalResponseNormalizationOptions{});
  Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("expected 4"), std::string::npos) << s.message();

  SingleOpModel q;
  q.AddInput(DType::kInt8, {1, 1, 1, 2});
  q.AddOutput(DType::kInt8);
  q.SetOp(ir::OpType::kLocalResponseNormalization, ir::LocalResponseNormalizationOptions{});
  s = q.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace liteforge::ops
