// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected quantized values from an independent Python model of TFLite's
// float-built GELU tables (exact erfc form and tanh approximation).

#include <gtest/gtest.h>

#include <cmath>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
std::vector<T> RunOp(const std::vector<T>& in, bool approximate, const QuantParams& qin,
                   const QuantParams& qout) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<T>::value, {static_cast<int32_t>(in.size())}, qin);
  m.AddOutput(DTypeOf<T>::value, {}, qout);
  m.SetOp(ir::OpType::kGelu, ir::GeluOptions{approximate});
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(GeluTest, FloatExactAndApproximate) {
  const std::vector<float> in = {-3.f, -1.f, -0.5f, 0.f, 0.5f, 1.f, 3.f};
  const std::vector<float> exact = RunOp<float>(in, false, {}, {});
  const std::vector<float> approx = RunOp<float>(in, true, {}, {});
  for (size_t i = 0; i < in.size(); ++i) {
    const double x = in[i];
    EXPECT_NEAR(exact[i], 0.5 * x * std::erfc(-x / std::sqrt(2.0)), 2e-7) << x;
    const double k = std::sqrt(2.0 / M_PI);
    EXPECT_NEAR(approx[i], 0.5 * x * (1 + std::tanh(k * (x + 0.044715 * x * x * x))), 2e-7) << x;
  }
  // The two forms differ visibly at -3.
  EXPECT_NEAR(exact[0], -0.0040497, 1e-6);
  EXPECT_NEAR(approx[0], -0.0036374, 1e-6);
}

TEST(GeluTest, Int8) {
  const std::vector<int8_t> in = {-128, -60, -20, -5, 0, 5, 20, 60, 127};
  const std::vector<int8_t> expected = {-40, -44, -47, -40, -36, -31, -11, 55, 127};
  EXPECT_EQ(RunOp<int8_t>(in, false, PerTensor(0.03f, -5), PerTensor(0.02f, -40)), expected);
  EXPECT_EQ(RunOp<int8_t>(in, true, PerTensor(0.03f, -5), PerTensor(0.02f, -40)), expected);
}

TEST(GeluTest, Int8TablesOfTheTwoFormsDiffer) {
  const std::vector<int8_t> in = {-128, -120, -110, -100, -90};
  EXPECT_EQ(RunOp<int8_t>(in, false, PerTensor(0.025f, 0), PerTensor(0.0001f, 100)),
            (std::vector<int8_t>{78, 60, 18, -55, -128}));
  EXPECT_EQ(RunOp<int8_t>(in, true, PerTensor(0.025f, 0), PerTensor(0.0001f, 100)),
            (std::vector<int8_t>{81, 64, 23, -51, -128}));
}

TEST(GeluTest, Uint8) {
  EXPECT_EQ(RunOp<uint8_t>({0, 50, 90, 100, 110, 150, 255}, false, PerTensor(0.04f, 100),
                         PerTensor(0.03f, 10)),
            (std::vector<uint8_t>{10, 8, 5, 10, 19, 75, 217}));
}

TEST(GeluTest, Int16IsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {2}, PerTensor(0.01f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.01f, 0));
  m.SetOp(ir::OpType::kGelu, ir::GeluOptions{});
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace liteforge::ops
