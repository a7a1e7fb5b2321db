// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(BroadcastToTest, AddsLeadingDimAndExpandsOnes) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 1});
  m.AddConstInput<int32_t>({3}, {2, 2, 3});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBroadcastTo, ir::NoOptions{}, 2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2, 3}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2}));
}

TEST(BroadcastToTest, ScalarAndInt64Shape) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kUInt8, {});
  m.AddConstInput<int64_t>({2}, {2, 2});
  m.AddOutput(DType::kUInt8);
  m.SetOp(ir::OpType::kBroadcastTo, ir::NoOptions{}, 2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {200});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{200, 200, 200, 200}));
}

TEST(BroadcastToTest, RuntimeShapeMakesDynamicOutput) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt32, {3});
  const int shape = m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kBroadcastTo, ir::NoOptions{}, 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(in, {1, 2, 3});
  m.SetInput<int32_t>(shape, {2, 3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 3}));
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{1, 2, 3, 1, 2, 3}));
}

TEST(BroadcastToTest, IncompatibleShapeIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>({2}, {2, 4});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kBroadcastTo, ir::NoOptions{}, 2);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("cannot broadcast shape [2, 3] to [2, 4]"));
}

}  // namespace
}  // namespace liteforge::ops
