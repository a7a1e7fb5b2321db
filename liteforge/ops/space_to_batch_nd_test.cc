// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::PerTensor;
using testing::SingleOpModel;

TEST(SpaceToBatchNdTest, FloatWithPadding) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 3, 1});
  m.AddConstInput<int32_t>({2}, {2, 2});
  m.AddConstInput<int32_t>({2, 2}, {0, 0, 1, 0});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSpaceToBatchNd);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({4, 1, 2, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0, 2, 1, 3, 0, 5, 4, 6}));
}

TEST(SpaceToBatchNdTest, Int8PadsWithZeroPointAndKeepsChannels) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 1, 2, 2}, PerTensor(0.5f, -5));
  m.AddConstInput<int32_t>({2}, {1, 2});
  m.AddConstInput<int32_t>({2, 2}, {0, 0, 0, 2});
  m.AddOutput(DType::kInt8, {}, PerTensor(0.5f, -5));
  m.SetOp(ir::OpType::kSpaceToBatchNd);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {1, 2, 3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  // Padded width 4: [(1,2) (3,4) pad pad]; batch 0 takes even columns.
  EXPECT_EQ(m.OutputShape(0), Shape({2, 1, 2, 2}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{1, 2, -5, -5, 3, 4, -5, -5}));
}

TEST(SpaceToBatchNdTest, OneSpatialDimAndBatch2) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt32, {2, 4, 1});
  m.AddConstInput<int32_t>({1}, {2});
  m.AddConstInput<int32_t>({1, 2}, {0, 0});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kSpaceToBatchNd, ir::NoOptions{}, 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(in, {1, 2, 3, 4, 5, 6, 7, 8});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({4, 2, 1}));
  // Output batch = shift * 2 + b.
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{1, 3, 5, 7, 2, 4, 6, 8}));
}

TEST(SpaceToBatchNdTest, IndivisiblePaddedDimIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 3, 3, 1});
  m.AddConstInput<int32_t>({2}, {2, 2});
  m.AddConstInput<int32_t>({2, 2}, {0, 0, 0, 0});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSpaceToBatchNd);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("padded to 3 is not a multiple of block_shape 2"));
}

}  // namespace
}  // namespace liteforge::ops
