// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected int8 values from an independent Python model of TFLite's
// float-built ELU table.

#include <gtest/gtest.h>

#include <cmath>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

TEST(EluTest, Float) {
  SingleOpModel m;
  const int x = m.AddInput(DType::kFloat32, {7});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kElu);
  ASSERT_TRUE(m.Build().ok());
  const std::vector<float> in = {-3.f, -1.f, -0.5f, 0.f, 0.5f, 1.f, 3.f};
  m.SetInput<float>(x, in);
  ASSERT_TRUE(m.Invoke().ok());
  const std::vector<float> out = m.Output<float>(0);
  for (size_t i = 0; i < in.size(); ++i) {
    const double expected = in[i] < 0 ? std::expm1(static_cast<double>(in[i])) : in[i];
    EXPECT_NEAR(out[i], expected, 1e-7) << in[i];
  }
}

TEST(EluTest, Int8Table) {
  SingleOpModel m;
  const int x = m.AddInput(DType::kInt8, {9}, PerTensor(0.05f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.02f, 20));
  m.SetOp(ir::OpType::kElu);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int8_t>(x, {-128, -60, -20, -1, 0, 1, 20, 60, 127});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{-30, -28, -12, 18, 20, 23, 70, 127, 127}));
}

TEST(EluTest, Uint8IsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, {2}, PerTensor(0.05f, 0));
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.05f, 0));
  m.SetOp(ir::OpType::kElu);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("ELU"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
