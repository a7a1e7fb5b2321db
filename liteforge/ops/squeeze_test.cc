// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(SqueezeTest, AllOnesWhenNoDimsListed) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2, 1, 3, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSqueeze, ir::SqueezeOptions{});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 3}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(SqueezeTest, ListedDimsWithNegative) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 2, 1, 1});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kSqueeze, ir::SqueezeOptions{{0, -1}});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {-3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 1}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-3, 4}));
}

TEST(SqueezeTest, ToScalar) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt32, {1, 1});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kSqueeze, ir::SqueezeOptions{});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(in, {9});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({}));
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{9}));
}

TEST(SqueezeTest, NonUnitDimIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSqueeze, ir::SqueezeOptions{{1}});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("cannot squeeze dim 1"));
}

TEST(SqueezeTest, OutOfRangeDimIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSqueeze, ir::SqueezeOptions{{-3}});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("squeeze_dims entry -3 is out of range for rank 2"));
}

}  // namespace
}  // namespace liteforge::ops
