// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

Shape ExpandedShape(const Shape& in, int32_t axis) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, in);
  m.AddConstInput<int32_t>({1}, {axis});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kExpandDims);
  EXPECT_TRUE(m.Build().ok());
  return m.OutputShape(0);
}

TEST(ExpandDimsTest, PositiveAndNegativeAxes) {
  EXPECT_EQ(ExpandedShape({2, 3}, 0), Shape({1, 2, 3}));
  EXPECT_EQ(ExpandedShape({2, 3}, 2), Shape({2, 3, 1}));
  EXPECT_EQ(ExpandedShape({2, 3}, -1), Shape({2, 3, 1}));
  EXPECT_EQ(ExpandedShape({2, 3}, -3), Shape({1, 2, 3}));
  EXPECT_EQ(ExpandedShape({}, 0), Shape({1}));
}

TEST(ExpandDimsTest, CopiesValuesAndRuntimeAxis) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt16, {2});
  const int axis = m.AddInput(DType::kInt64, {});
  m.AddOutput(DType::kInt16);
  m.SetOp(ir::OpType::kExpandDims);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(in, {-1, 300});
  m.SetInput<int64_t>(axis, {1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 1}));
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{-1, 300}));
  m.SetInput<int64_t>(axis, {-3});
  ASSERT_FALSE(m.Invoke().ok());
}

TEST(ExpandDimsTest, AxisOutOfRangeIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddConstInput<int32_t>({}, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kExpandDims);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("axis 2 is out of range for rank 2"));
}

}  // namespace
}  // namespace liteforge::ops
