// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected integers: out_zp + MultiplyByQuantizedMultiplier(q - in_zp) with
// the multiplier of float(in_scale / out_scale), clamped to
// out_zp + round(bound / out_scale); computed independently in Python.

#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
std::vector<T> RunOp(const std::vector<T>& in, const QuantParams& qin, const QuantParams& qout) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<T>::value, {static_cast<int32_t>(in.size())}, qin);
  m.AddOutput(DTypeOf<T>::value, {}, qout);
  m.SetOp(ir::OpType::kRelu6);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(Relu6Test, Float) {
  EXPECT_EQ(RunOp<float>({-7.f, -1.5f, -0.5f, 0.f, 0.25f, 0.75f, 1.f, 3.f, 6.f, 8.f}, {}, {}),
            (std::vector<float>{0.f, 0.f, 0.f, 0.f, 0.25f, 0.75f, 1.f, 3.f, 6.f, 6.f}));
}

TEST(Relu6Test, FloatMultiDimKeepsShape) {
  SingleOpModel m;
  const int x = m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kRelu6);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(x, {-2.f, 0.5f, 0.f, 9.f});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 2, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0.f, 0.5f, 0.f, 6.f}));
}

TEST(Relu6Test, Int8RescalesAndClamps) {
  EXPECT_EQ(RunOp<int8_t>({-128, -60, -6, -5, -4, 0, 10, 40, 80, 127}, PerTensor(0.1f, -5),
                        PerTensor(0.07f, 3)),
            (std::vector<int8_t>{3, 3, 3, 3, 4, 10, 24, 67, 89, 89}));
}

TEST(Relu6Test, Uint8) {
  EXPECT_EQ(RunOp<uint8_t>({0, 5, 10, 11, 50, 200, 255}, PerTensor(0.05f, 10), PerTensor(0.03f, 5)),
            (std::vector<uint8_t>{5, 5, 5, 7, 72, 205, 205}));
}

TEST(Relu6Test, Int16) {
  EXPECT_EQ(RunOp<int16_t>({-32768, -100, 0, 100, 1000, 20000, 32767}, PerTensor(0.001f, 0),
                         PerTensor(0.0002f, 0)),
            (std::vector<int16_t>{0, 0, 0, 500, 5000, 30000, 30000}));
}

TEST(Relu6Test, Int16NeedsZeroPointZero) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {2}, PerTensor(0.001f, 1));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.001f, 0));
  m.SetOp(ir::OpType::kRelu6);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("RELU6"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("zero point 0"), std::string::npos) << s.message();
}

TEST(Relu6Test, UnsupportedDTypeIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kRelu6);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("int32"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
