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

TEST(PadTest, Float2D) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {2, 3});
  m.AddConstInput<int32_t>({2, 2}, {1, 0, 0, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kPad);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({3, 5}));
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 4, 5, 6, 0, 0}));
}

TEST(PadTest, Int8PadsWithOutputZeroPointImageStyle) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt8, {1, 1, 2, 2}, PerTensor(0.5f, -7));
  m.AddConstInput<int64_t>({4, 2}, {0, 0, 1, 0, 0, 1, 0, 0});
  m.AddOutput(DType::kInt8, {}, PerTensor(0.5f, -7));
  m.SetOp(ir::OpType::kPad, ir::NoOptions{}, 2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(in, {1, 2, 3, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 3, 2}));
  EXPECT_EQ(m.Output<int8_t>(0),
            (std::vector<int8_t>{-7, -7, -7, -7, -7, -7, 1, 2, 3, 4, -7, -7}));
}

TEST(PadTest, Int16PadsWithZeroPointAndUint8) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt16, {2}, PerTensor(1.f / 32768, 0));
  m.AddConstInput<int32_t>({1, 2}, {2, 1});
  m.AddOutput(DType::kInt16, {}, PerTensor(1.f / 32768, 0));
  m.SetOp(ir::OpType::kPad, ir::NoOptions{}, 3);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(in, {-32768, 32767});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{0, 0, -32768, 32767, 0}));

  SingleOpModel u;
  const int uin = u.AddInput(DType::kUInt8, {1}, PerTensor(0.1f, 128));
  u.AddConstInput<int32_t>({1, 2}, {1, 1});
  u.AddOutput(DType::kUInt8, {}, PerTensor(0.1f, 128));
  u.SetOp(ir::OpType::kPad);
  ASSERT_TRUE(u.Build().ok());
  u.SetInput<uint8_t>(uin, {3});
  ASSERT_TRUE(u.Invoke().ok());
  EXPECT_EQ(u.Output<uint8_t>(0), (std::vector<uint8_t>{128, 3, 128}));
}

TEST(PadTest, PadV2ConstantValue) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 2});
  m.AddConstInput<int32_t>({2, 2}, {0, 1, 1, 1});
  m.AddConstInput<float>({}, {-2.5f});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kPadV2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {7, 8});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 4}));
  EXPECT_EQ(m.Output<float>(0),
            (std::vector<float>{-2.5f, 7, 8, -2.5f, -2.5f, -2.5f, -2.5f, -2.5f}));
}

TEST(PadTest, PadV2QuantizedValueIsRawAndRuntimeValueWorks) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kUInt8, {2}, PerTensor(0.5f, 10));
  m.AddConstInput<int32_t>({1, 2}, {1, 1});
  const int value = m.AddInput(DType::kUInt8, {}, PerTensor(0.5f, 10));
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.5f, 10));
  m.SetOp(ir::OpType::kPadV2);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {1, 2});
  m.SetInput<uint8_t>(value, {99});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{99, 1, 2, 99}));
}

TEST(PadTest, RuntimePaddingsMakeDynamicOutput) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt32, {2});
  const int pads = m.AddInput(DType::kInt32, {1, 2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kPad);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(in, {5, 6});
  m.SetInput<int32_t>(pads, {0, 3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{5, 6, 0, 0, 0}));
  m.SetInput<int32_t>(pads, {1, 0});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{0, 5, 6}));
}

TEST(PadTest, FiveDimsAndEmptyInput) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 1, 1, 1, 0});
  m.AddConstInput<int32_t>({5, 2}, {0, 0, 0, 0, 0, 0, 0, 1, 1, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kPad, ir::NoOptions{}, 4);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 1, 1, 2, 2}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0, 0, 0, 0}));
}

TEST(PadTest, NegativePaddingIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddConstInput<int32_t>({1, 2}, {-1, 0});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kPad);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("padding must be >= 0"));
}

TEST(PadTest, PaddingsShapeMustMatchRank) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2, 2});
  m.AddConstInput<int32_t>({1, 2}, {1, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kPad);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("expected [2, 2]"));
}

TEST(PadTest, MismatchedConstantValueQuantizationIsAnError) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {2}, PerTensor(0.5f, 0));
  m.AddConstInput<int32_t>({1, 2}, {1, 1});
  m.AddConstInput<int8_t>({}, {3}, PerTensor(0.25f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.5f, 0));
  m.SetOp(ir::OpType::kPadV2);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("constant_values"));
}

}  // namespace
}  // namespace liteforge::ops
