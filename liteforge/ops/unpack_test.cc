// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

TEST(UnpackTest, FloatAxis0) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 3});
  m.AddOutput(DType::kFloat32);
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kUnpack, ir::UnpackOptions{2, 0});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 2, 3}));
  EXPECT_EQ(m.Output<float>(1), (std::vector<float>{4, 5, 6}));
}

TEST(UnpackTest, Int8LastAxisNegative) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {2, 3}, testing::PerTensor(0.5f, 1));
  for (int i = 0; i < 3; ++i) m.AddOutput(DType::kInt8, {}, testing::PerTensor(0.5f, 1));
  m.SetOp(ir::OpType::kUnpack, ir::UnpackOptions{3, -1});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {1, 2, 3, -4, -5, -6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(2), Shape({2}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{1, -4}));
  EXPECT_EQ(m.Output<int8_t>(1), (std::vector<int8_t>{2, -5}));
  EXPECT_EQ(m.Output<int8_t>(2), (std::vector<int8_t>{3, -6}));
}

TEST(UnpackTest, VectorToScalars) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kInt32);
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kUnpack, ir::UnpackOptions{2, 0});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(in, {7, 8});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(1), Shape({}));
  EXPECT_EQ(m.Output<int32_t>(1), (std::vector<int32_t>{8}));
}

TEST(UnpackTest, OutputCountMustMatchDim) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 3});
  m.AddOutput(DType::kFloat32);
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kUnpack, ir::UnpackOptions{2, 1});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("has size 3 but the op has 2 outputs"));
}

}  // namespace
}  // namespace liteforge::ops
