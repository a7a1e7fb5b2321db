// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(SplitTest, FloatTwoPartsInnerAxis) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({}, {1});
  const int in = m.AddInput(DType::kFloat32, {2, 4});
  m.AddOutput(DType::kFloat32);
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSplit, ir::SplitOptions{2});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4, 5, 6, 7, 8});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 2, 5, 6}));
  EXPECT_EQ(m.Output<float>(1), (std::vector<float>{3, 4, 7, 8}));
}

TEST(SplitTest, Uint8ThreePartsNegativeAxis) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({1}, {-2});
  const int in = m.AddInput(DType::kUInt8, {3, 2}, testing::PerTensor(0.5f, 3));
  for (int i = 0; i < 3; ++i) m.AddOutput(DType::kUInt8, {}, testing::PerTensor(0.5f, 3));
  m.SetOp(ir::OpType::kSplit, ir::SplitOptions{3});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {0, 1, 2, 3, 254, 255});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(2), Shape({1, 2}));
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{0, 1}));
  EXPECT_EQ(m.Output<uint8_t>(1), (std::vector<uint8_t>{2, 3}));
  EXPECT_EQ(m.Output<uint8_t>(2), (std::vector<uint8_t>{254, 255}));
}

TEST(SplitTest, RuntimeAxisMakesDynamicOutputs) {
  SingleOpModel m;
  const int axis = m.AddInput(DType::kInt32, {});
  const int in = m.AddInput(DType::kInt16, {2, 2});
  m.AddOutput(DType::kInt16);
  m.AddOutput(DType::kInt16);
  m.SetOp(ir::OpType::kSplit, ir::SplitOptions{2});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(axis, {0});
  m.SetInput<int16_t>(in, {-1, 2, -3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(1), Shape({1, 2}));
  EXPECT_EQ(m.Output<int16_t>(1), (std::vector<int16_t>{-3, 4}));
  m.SetInput<int32_t>(axis, {1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(1), Shape({2, 1}));
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{-1, -3}));
  EXPECT_EQ(m.Output<int16_t>(1), (std::vector<int16_t>{2, 4}));
}

TEST(SplitTest, UnevenSplitIsAnError) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({}, {1});
  m.AddInput(DType::kFloat32, {2, 4});
  for (int i = 0; i < 3; ++i) m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSplit, ir::SplitOptions{3});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("does not split into 3 equal parts"));
}

TEST(SplitTest, AxisOutOfRangeIsAnError) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({}, {2});
  m.AddInput(DType::kFloat32, {2, 4});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSplit, ir::SplitOptions{1});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("axis 2 is out of range"));
}

}  // namespace
}  // namespace liteforge::ops
