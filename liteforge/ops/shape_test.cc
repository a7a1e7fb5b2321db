// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(ShapeTest, Int32DefaultAndFollowsResize) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 3, 5});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kShape);
  ASSERT_TRUE(m.Build().ok());
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3}));
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{2, 3, 5}));
  ASSERT_TRUE(m.ResizeInput(0, {7, 1, 0}).ok());
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{7, 1, 0}));
}

TEST(ShapeTest, Int64OutTypeAndScalar) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {4});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kShape, ir::OutputTypeOptions{DType::kInt64});
  ASSERT_TRUE(m.Build().ok());
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{4}));

  SingleOpModel s;
  s.AddInput(DType::kFloat32, {});
  s.AddOutput(DType::kInt32);
  s.SetOp(ir::OpType::kShape);
  ASSERT_TRUE(s.Build().ok());
  ASSERT_TRUE(s.Invoke().ok());
  EXPECT_EQ(s.OutputShape(0), Shape({0}));
}

TEST(ShapeTest, OutTypeMustMatchOutput) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kShape, ir::OutputTypeOptions{DType::kInt64});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("out_type is int64"));
}

TEST(ShapeTest, FloatOutputIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kShape);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}


}  // namespace
}  // namespace liteforge::ops
