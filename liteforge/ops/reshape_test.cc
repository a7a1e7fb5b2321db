// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

TEST(ReshapeTest, ShapeFromConstantInputWithStretch) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>({2}, {3, -1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kReshape);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3, 2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(ReshapeTest, ShapeFromAttribute) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 4});
  m.AddOutput(DType::kInt8);
  m.SetOp(ir::OpType::kReshape, ir::ReshapeOptions{std::vector<int32_t>{2, 2}});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {-1, 2, -3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-1, 2, -3, 4}));
}

TEST(ReshapeTest, ShapeFromRuntimeInputIsDynamic) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {6});
  const int shape = m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kReshape);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4, 5, 6});
  m.SetInput<int32_t>(shape, {2, 3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 3}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(ReshapeTest, ElementCountMismatchIsAClearError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>({2}, {4, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kReshape);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("RESHAPE"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("has 8 elements, the input has 6"), std::string::npos) << s.message();
}

TEST(ReshapeTest, TwoStretchDimsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>({2}, {-1, -1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kReshape);
  EXPECT_FALSE(m.Build().ok());
}

}  // namespace
}  // namespace liteforge::ops
