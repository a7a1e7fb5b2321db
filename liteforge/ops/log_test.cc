// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Quantized expectations come from an independent Python model of TFLite's
// LOG tables (inputs <= 0 map to the lowest output).

#include <gtest/gtest.h>

#include <cmath>

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
  m.SetOp(ir::OpType::kLog);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(LogTest, Float) {
  const std::vector<float> out = RunOp<float>({1.f, 2.718281828f, 0.5f, 100.f, 0.f}, {}, {});
  EXPECT_NEAR(out[0], 0.0f, 1e-7);
  EXPECT_NEAR(out[1], 1.0f, 1e-6);
  EXPECT_NEAR(out[2], std::log(0.5), 1e-6);
  EXPECT_NEAR(out[3], std::log(100.0), 1e-5);
  EXPECT_TRUE(std::isinf(out[4]) && out[4] < 0);
}

TEST(LogTest, Int8TableFloorsNonPositiveInputs) {
  EXPECT_EQ(RunOp<int8_t>({-128, -101, -100, -99, -90, -50, 0, 127}, PerTensor(0.1f, -100),
                          PerTensor(0.05f, 20)),
            (std::vector<int8_t>{-128, -128, -128, -26, 20, 52, 66, 82}));
}

TEST(LogTest, Int16InterpolatedTable) {
  // Exact away from 0: log(x / 4096) * 2048 for the positive inputs.
  EXPECT_EQ(RunOp<int16_t>({1, 40, 4096, 10000, 32767}, PerTensor(1.0f / 4096, 0),
                           PerTensor(1.0f / 2048, 0)),
            (std::vector<int16_t>{-26911, -20810, 0, 1828, 4259}));
}

TEST(LogTest, Int16NeedsQuantization) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {2});
  m.AddOutput(DType::kInt16);
  m.SetOp(ir::OpType::kLog);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("LOG"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
