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

ir::ConcatenationOptions Axis(int32_t axis, ir::Activation act = ir::Activation::kNone) {
  return ir::ConcatenationOptions{axis, act};
}

TEST(ConcatenationTest, FloatInnerAxis) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kFloat32, {2, 2});
  const int b = m.AddInput(DType::kFloat32, {2, 3});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kConcatenation, Axis(1));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(a, {1, 2, 3, 4});
  m.SetInput<float>(b, {5, 6, 7, 8, 9, 10});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 5}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{1, 2, 5, 6, 7, 3, 4, 8, 9, 10}));
}

TEST(ConcatenationTest, NegativeAxisAndThreeInputsOuterAxis) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kInt32, {1, 2});
  const int b = m.AddInput(DType::kInt32, {2, 2});
  const int c = m.AddInput(DType::kInt32, {1, 2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kConcatenation, Axis(-2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(a, {1, 2});
  m.SetInput<int32_t>(b, {3, 4, 5, 6});
  m.SetInput<int32_t>(c, {-7, 8});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({4, 2}));
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{1, 2, 3, 4, 5, 6, -7, 8}));
}

TEST(ConcatenationTest, Int64AndEmptyInput) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kInt64, {2, 0});
  const int b = m.AddInput(DType::kInt64, {2, 1});
  m.AddOutput(DType::kInt64);
  m.SetOp(ir::OpType::kConcatenation, Axis(1));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int64_t>(a, {});
  m.SetInput<int64_t>(b, {int64_t{1} << 40, -3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 1}));
  EXPECT_EQ(m.Output<int64_t>(0), (std::vector<int64_t>{int64_t{1} << 40, -3}));
}

TEST(ConcatenationTest, ConstantScalarsMakeAVector) {
  SingleOpModel m;
  m.AddConstInput<int32_t>({}, {7});
  m.AddConstInput<int32_t>({}, {-1});
  m.AddConstInput<int32_t>({}, {3});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kConcatenation, Axis(0));
  ASSERT_TRUE(m.Build().ok());
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3}));
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{7, -1, 3}));
}

TEST(ConcatenationTest, FloatFusedRelu6Clamps) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kFloat32, {2});
  const int b = m.AddInput(DType::kFloat32, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kConcatenation, Axis(0, ir::Activation::kRelu6));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(a, {-1.5f, 2.f});
  m.SetInput<float>(b, {6.5f, 6.f});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0.f, 2.f, 6.f, 6.f}));
}

// uint8 with an input whose parameters differ from the output's: rescaled
// in float as q_out = round(q * s_in/s_out - z_in * s_in/s_out) + z_out.
TEST(ConcatenationTest, Uint8RescalesMismatchedInput) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kUInt8, {1, 4}, PerTensor(0.5f, 10));
  const int b = m.AddInput(DType::kUInt8, {1, 2}, PerTensor(1.f, 128));
  const int c = m.AddInput(DType::kUInt8, {1, 1}, PerTensor(2.f, 0));
  m.AddOutput(DType::kUInt8, {}, PerTensor(1.f, 128));
  m.SetOp(ir::OpType::kConcatenation, Axis(1));
  ASSERT_TRUE(m.Build().ok());
  // a: 0.5*q - 5 -> 11: 0.5 -> 1 (ties away), 9: -0.5 -> -1, 255: 122.5 -> 123,
  //    0: -5; then + 128.
  m.SetInput<uint8_t>(a, {11, 9, 255, 0});
  m.SetInput<uint8_t>(b, {1, 255});  // same parameters: copied
  m.SetInput<uint8_t>(c, {100});     // 200 + 128 saturates at 255
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{129, 127, 251, 123, 1, 255, 255}));
}

TEST(ConcatenationTest, Int8RescalesMismatchedInput) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kInt8, {2}, PerTensor(0.25f, -1));
  const int b = m.AddInput(DType::kInt8, {2}, PerTensor(0.5f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.5f, 0));
  m.SetOp(ir::OpType::kConcatenation, Axis(0));
  ASSERT_TRUE(m.Build().ok());
  // a: 0.5*q + 0.5 -> -128: -63.5 -> -64; 2: 1.5 -> 2.
  m.SetInput<int8_t>(a, {-128, 2});
  m.SetInput<int8_t>(b, {-128, 127});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-64, 2, -128, 127}));
}

TEST(ConcatenationTest, Int8FusedReluClampsAtZeroPoint) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kInt8, {2}, PerTensor(0.5f, -10));
  const int b = m.AddInput(DType::kInt8, {2}, PerTensor(0.5f, -10));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.5f, -10));
  m.SetOp(ir::OpType::kConcatenation, Axis(0, ir::Activation::kRelu));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(a, {-128, -11});
  m.SetInput<int8_t>(b, {-10, 5});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-10, -10, -10, 5}));
}

TEST(ConcatenationTest, Int16EqualParametersAreCopied) {
  SingleOpModel m;
  const int a = m.AddInput(DType::kInt16, {1, 1, 2}, PerTensor(0.01f, 0));
  const int b = m.AddInput(DType::kInt16, {1, 1, 1}, PerTensor(0.01f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.01f, 0));
  m.SetOp(ir::OpType::kConcatenation, Axis(2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(a, {-32768, 32767});
  m.SetInput<int16_t>(b, {123});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{-32768, 32767, 123}));
}

TEST(ConcatenationTest, MismatchedDimIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 2});
  m.AddInput(DType::kFloat32, {3, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kConcatenation, Axis(1));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("CONCATENATION"));
  EXPECT_THAT(s.message(), HasSubstr("differs from input 0"));
}

TEST(ConcatenationTest, AxisOutOfRangeIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 2});
  m.AddInput(DType::kFloat32, {2, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kConcatenation, Axis(2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("axis 2 is out of range for rank 2"));
}

TEST(ConcatenationTest, DTypeMismatchIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kConcatenation, Axis(0));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("int32"));
}

TEST(ConcatenationTest, ActivationOnInt32IsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt32, {2});
  m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kConcatenation, Axis(0, ir::Activation::kRelu));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace liteforge::ops
