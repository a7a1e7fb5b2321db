// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::PerTensor;
using testing::SingleOpModel;

TEST(PackTest, FloatAxis0) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kFloat32, {2});
  const int b = m.AddInput(DType::kFloat32, {2});
  const int c = m.AddInput(DType::kFloat32, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kPack, ir::PackOptions{3, 0});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(a, {1, 4});
  m.SetInput<float>(b, {2, 5});
  m.SetInput<float>(c, {3, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3, 2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 4, 2, 5, 3, 6}));
}

TEST(PackTest, Int32LastAxisNegative) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kInt32, {2});
  const int b = m.AddInput(DType::kInt32, {2});
  const int c = m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kPack, ir::PackOptions{3, -1});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(a, {1, 4});
  m.SetInput<int32_t>(b, {2, 5});
  m.SetInput<int32_t>(c, {3, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 3}));
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{1, 2, 3, 4, 5, 6}));
}

TEST(PackTest, Int8MiddleAxisWithEqualQuantization) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kInt8, {2, 2}, PerTensor(0.1f, 3));
  const int b = m.AddInput(DType::kInt8, {2, 2}, PerTensor(0.1f, 3));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.1f, 3));
  m.SetOp(ir::OpType::kPack, ir::PackOptions{2, 1});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(a, {1, 2, 3, 4});
  m.SetInput<int8_t>(b, {-1, -2, -3, -4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 2, 2}));
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{1, 2, -1, -2, 3, 4, -3, -4}));
}

TEST(PackTest, ScalarsBecomeAVector) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kInt64, {});
  const int b = m.AddInput(DType::kInt64, {});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kPack, ir::PackOptions{2, 0});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int64_t>(a, {-9});
  m.SetInput<int64_t>(b, {10});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2}));
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{-9, 10}));
}

TEST(PackTest, MismatchedQuantizationIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {2}, PerTensor(0.1f, 3));
  m.AddInput(DType::kInt8, {2}, PerTensor(0.2f, 3));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.1f, 3));
  m.SetOp(ir::OpType::kPack, ir::PackOptions{2, 0});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("PACK does not rescale"));
}

TEST(PackTest, ShapeMismatchAndBadAxisAreErrors) {
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2});
    m.AddInput(DType::kFloat32, {3});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kPack, ir::PackOptions{2, 0});
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_THAT(s.message(), HasSubstr("has shape [3] but input 0 has [2]"));
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {2});
    m.AddInput(DType::kFloat32, {2});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kPack, ir::PackOptions{2, 2});
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_THAT(s.message(), HasSubstr("axis 2 is out of range for rank 2"));
  }
}

}  // namespace
}  // namespace liteforge::ops
