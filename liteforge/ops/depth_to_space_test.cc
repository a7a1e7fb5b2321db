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

TEST(DepthToSpaceTest, Float2x2Blocks) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 2, 4});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDepthToSpace, ir::BlockSizeOptions{2});
  ASSERT_TRUE(m.Build().ok());
  std::vector<float> x(16);
  std::iota(x.begin(), x.end(), 0.f);
  m.SetInput<float>(in, x);
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 4, 4, 1}));
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15}));
}

TEST(DepthToSpaceTest, Uint8KeepsChannelGroups) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kUInt8, {1, 1, 1, 8});
  m.AddOutput(DType::kUInt8);
  m.SetOp(ir::OpType::kDepthToSpace, ir::BlockSizeOptions{2});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {1, 2, 3, 4, 5, 6, 7, 8});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 2, 2}));
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(DepthToSpaceTest, ChannelsNotDivisibleIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2, 6});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDepthToSpace, ir::BlockSizeOptions{2});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("not a multiple of block_size^2 = 4"));
}

TEST(DepthToSpaceTest, RankMustBe4) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 4});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDepthToSpace, ir::BlockSizeOptions{2});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("has 2 dims [2, 4], expected 4"));
}

}  // namespace
}  // namespace liteforge::ops
