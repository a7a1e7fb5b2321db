// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Quantized expectations come from an independent Python model of TFLite's
// integer L2 normalization (fixed-point inverse square root); they are within
// one step of x / ||x|| * 128.

#include <gtest/gtest.h>

#include <cmath>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
std::vector<T> RunOp(const std::vector<T>& in, const Shape& shape, const QuantParams& qin,
                     const QuantParams& qout) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<T>::value, shape, qin);
  m.AddOutput(DTypeOf<T>::value, {}, qout);
  m.SetOp(ir::OpType::kL2Normalization, ir::FusedActivationOptions{});
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(L2NormalizationTest, Float) {
  const std::vector<float> out = RunOp<float>({3, 4, 0, 0, -1, 0, 0, 0}, {2, 1, 4}, {}, {});
  const std::vector<float> expected = {0.6f, 0.8f, 0, 0, -1, 0, 0, 0};
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(out[i], expected[i], 1e-7) << i;
}

TEST(L2NormalizationTest, FloatAllZeroRowUsesEpsilon) {
  EXPECT_EQ(RunOp<float>({0, 0}, {2}, {}, {}), (std::vector<float>{0, 0}));
}

TEST(L2NormalizationTest, Uint8) {
  EXPECT_EQ(RunOp<uint8_t>({130, 140, 100, 128, 0, 255, 128, 128, 128, 128, 128, 128}, {3, 4},
                           PerTensor(0.1f, 128), PerTensor(1.0f / 128, 128)),
            (std::vector<uint8_t>{137, 178, 10, 128, 37, 218, 128, 128, 128, 128, 128, 128}));
}

TEST(L2NormalizationTest, Int8) {
  EXPECT_EQ(RunOp<int8_t>({3, 10, -20, 0, -128, 127, 1, 1, -5, -5, -5, -5}, {3, 4},
                          PerTensor(0.1f, -5), PerTensor(1.0f / 128, 0)),
            (std::vector<int8_t>{44, 83, -83, 28, -87, 94, 4, 4, 0, 0, 0, 0}));
}

TEST(L2NormalizationTest, FusedActivationIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {4});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kL2Normalization, ir::FusedActivationOptions{ir::Activation::kRelu});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("activation"), std::string::npos) << s.message();
}

TEST(L2NormalizationTest, QuantizedOutputScaleIsChecked) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, {4}, PerTensor(0.1f, 128));
  m.AddOutput(DType::kUInt8, {}, PerTensor(1.0f / 128, 0));
  m.SetOp(ir::OpType::kL2Normalization, ir::FusedActivationOptions{});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("zero point 128"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
