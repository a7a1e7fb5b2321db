// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numeric>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(TransposeTest, Float3D) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 3, 4});
  m.AddConstInput<int32_t>({3}, {2, 0, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTranspose);
  ASSERT_TRUE(m.Build().ok());
  std::vector<float> x(24);
  std::iota(x.begin(), x.end(), 0.f);
  m.SetInput<float>(in, x);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({4, 2, 3}));
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22,
                                3, 7, 11, 15, 19, 23}));
}

TEST(TransposeTest, Int8NhwcToNchw) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {2, 3, 4, 5}, testing::PerTensor(0.5f, -3));
  m.AddConstInput<int64_t>({4}, {0, 3, 1, 2});
  m.AddOutput(DType::kInt8, {}, testing::PerTensor(0.5f, -3));
  m.SetOp(ir::OpType::kTranspose);
  ASSERT_TRUE(m.Build().ok());
  std::vector<int8_t> x(120);
  for (int i = 0; i < 120; ++i) x[i] = static_cast<int8_t>(i - 60);
  m.SetInput<int8_t>(in, x);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 5, 3, 4}));
  const std::vector<int8_t> out = m.Output<int8_t>(0);
  // out[0, 0, :, :] walks channel 0 of batch 0: elements 0, 5, 10, ...
  for (int k = 0; k < 12; ++k) EXPECT_EQ(out[k], static_cast<int8_t>(5 * k - 60)) << k;
  // out[1, 4, 2, 3] = in[1, 2, 3, 4] = 60 + 40 + 15 + 4 = 119.
  EXPECT_EQ(out.back(), static_cast<int8_t>(119 - 60));
}

TEST(TransposeTest, SixDimsAndInt64) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt64, {1, 2, 1, 2, 1, 2});
  m.AddConstInput<int32_t>({6}, {5, 4, 3, 2, 1, 0});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kTranspose);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int64_t>(in, {0, 1, 2, 3, 4, 5, 6, 7});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 1, 2, 1, 2, 1}));
  // Full reversal of the three size-2 dims: out[a][b][c] = in[c][b][a].
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{0, 4, 2, 6, 1, 5, 3, 7}));
}

TEST(TransposeTest, RuntimePermMakesDynamicOutput) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt16, {2, 3});
  const int perm = m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kInt16);
  m.SetOp(ir::OpType::kTranspose);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(in, {1, 2, 3, 4, 5, 6});
  m.SetInput<int32_t>(perm, {1, 0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3, 2}));
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{1, 4, 2, 5, 3, 6}));
  m.SetInput<int32_t>(perm, {0, 1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 3}));
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{1, 2, 3, 4, 5, 6}));
}

TEST(TransposeTest, BadPermIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>({2}, {1, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTranspose);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("perm 1,1 is not a permutation"));
}

TEST(TransposeTest, PermLengthMustMatchRank) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>({3}, {0, 1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kTranspose);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("perm has 3 entries but the input has rank 2"));
}

}  // namespace
}  // namespace liteforge::ops
