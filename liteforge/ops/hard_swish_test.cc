// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected integers from an independent Python model of TFLite's 16-bit
// fixed-point HARD_SWISH (reluish and output multipliers narrowed to Q15).

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
  m.SetOp(ir::OpType::kHardSwish);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(HardSwishTest, Float) {
  const std::vector<float> out = RunOp<float>({-4.f, -3.f, -1.f, 0.f, 1.f, 2.5f, 3.f, 5.f}, {}, {});
  const std::vector<float> expected = {0.f, 0.f, -1.f / 3, 0.f, 2.f / 3, 2.5f * 5.5f / 6, 3.f, 5.f};
  ASSERT_EQ(out.size(), expected.size());
  for (size_t i = 0; i < out.size(); ++i) EXPECT_NEAR(out[i], expected[i], 1e-6) << i;
}

TEST(HardSwishTest, Uint8) {
  EXPECT_EQ(RunOp<uint8_t>({0, 50, 100, 128, 140, 160, 200, 255}, PerTensor(0.05f, 128),
                         PerTensor(0.03f, 20)),
            (std::vector<uint8_t>{20, 20, 8, 20, 32, 61, 140, 232}));
}

TEST(HardSwishTest, Int8) {
  EXPECT_EQ(RunOp<int8_t>({-128, -60, -20, 0, 20, 60, 100, 127}, PerTensor(0.04f, 0),
                        PerTensor(0.02f, -50)),
            (std::vector<int8_t>{-50, -62, -65, -50, -25, 58, 127, 127}));
}

TEST(HardSwishTest, Int8ReluishLeftShiftSaturates) {
  // Input scale 0.2: |x| reaches 3 quickly, so the relu-ish factor
  // saturates through its left shift.
  EXPECT_EQ(RunOp<int8_t>({-128, -60, -20, 0, 20, 60, 100, 127}, PerTensor(0.2f, -10),
                        PerTensor(0.1f, -30)),
            (std::vector<int8_t>{-30, -30, -33, -13, 30, 110, 127, 127}));
}

TEST(HardSwishTest, OutputMultiplierAboveOneIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {4}, PerTensor(1.0f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.001f, 0));
  m.SetOp(ir::OpType::kHardSwish);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("HARD_SWISH"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("multiplier above 1"), std::string::npos) << s.message();
}

TEST(HardSwishTest, Int16IsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {4}, PerTensor(0.01f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.01f, 0));
  m.SetOp(ir::OpType::kHardSwish);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("int16"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
