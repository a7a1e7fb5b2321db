// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(GatherNdTest, SlicesOfRows) {
  SingleOpModel m;
  const int p = m.AddInput(DType::kFloat32, {2, 3, 2});
  const int i = m.AddInput(DType::kInt32, {2, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kGatherNd);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(p, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  m.SetInput<int32_t>(i, {1, 2, 0, 0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{10, 11, 0, 1}));
}

TEST(GatherNdTest, FullCoordinatesInt8WithBatchOfRows) {
  SingleOpModel m;
  const int p = m.AddInput(DType::kInt8, {2, 3, 2}, testing::PerTensor(0.1f, 2));
  const int i = m.AddInput(DType::kInt64, {2, 1, 3});
  m.AddOutput(DType::kInt8, {}, testing::PerTensor(0.1f, 2));
  m.SetOp(ir::OpType::kGatherNd);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(p, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  m.SetInput<int64_t>(i, {1, 0, 1, 0, 2, 0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 1}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{7, 4}));
}

TEST(GatherNdTest, OutOfRangeCoordinateIsAnErrorAtEval) {
  SingleOpModel m;
  const int p = m.AddInput(DType::kInt32, {2, 3});
  const int i = m.AddInput(DType::kInt32, {1, 2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kGatherNd);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(p, {1, 2, 3, 4, 5, 6});
  // Flat offset 0*3 + 4 = 4 would be inside params; the coordinate is not.
  m.SetInput<int32_t>(i, {0, 4});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_THAT(s.message(), HasSubstr("coordinate 1 = 4, outside params dim of size 3"));
}

TEST(GatherNdTest, TooManyCoordinatesIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddInput(DType::kInt32, {1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kGatherNd);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("rows have 2 coordinates but params has rank 1"));
}

}  // namespace
}  // namespace liteforge::ops
