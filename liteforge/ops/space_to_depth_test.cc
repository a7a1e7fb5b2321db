// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(SpaceToDepthTest, InvertsDepthToSpace) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 4, 4, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSpaceToDepth, ir::BlockSizeOptions{2});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 2, 4}));
  std::vector<float> expected(16);
  for (int i = 0; i < 16; ++i) expected[i] = static_cast<float>(i);
  EXPECT_EQ(m.Output<float>(0), expected);
}

TEST(SpaceToDepthTest, Int8TwoChannels) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 2, 2, 2});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kSpaceToDepth, ir::BlockSizeOptions{2});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {1, -1, 2, -2, 3, -3, 4, -4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 1, 1, 8}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{1, -1, 2, -2, 3, -3, 4, -4}));
}

TEST(SpaceToDepthTest, IndivisibleSpatialIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 3, 4, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSpaceToDepth, ir::BlockSizeOptions{2});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("not multiples of block_size 2"));
}

}  // namespace
}  // namespace liteforge::ops
