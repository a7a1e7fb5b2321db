// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected integers from an independent Python model of TFLite's int8
// fixed-point RSQRT and int16 RSQRT table.

#include <gtest/gtest.h>

#include <cmath>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
Status RunOp(const std::vector<T>& in, const QuantParams& qin, const QuantParams& qout,
             std::vector<T>* out) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<T>::value, {static_cast<int32_t>(in.size())}, qin);
  m.AddOutput(DTypeOf<T>::value, {}, qout);
  m.SetOp(ir::OpType::kRsqrt);
  LF_RETURN_IF_ERROR(m.Build());
  m.SetInput<T>(x, in);
  LF_RETURN_IF_ERROR(m.Invoke());
  *out = m.Output<T>(0);
  return Status::Ok();
}

TEST(RsqrtTest, Float) {
  std::vector<float> out;
  ASSERT_TRUE(RunOp<float>({1.f, 4.f, 0.25f}, {}, {}, &out).ok());
  EXPECT_EQ(out, (std::vector<float>{1.f, 0.5f, 2.f}));
}

TEST(RsqrtTest, Int8FixedPoint) {
  std::vector<int8_t> out;
  // 1/sqrt(0.05 * (q + 5)) / 0.1 - 100; q == zero point gives the maximum.
  ASSERT_TRUE(RunOp<int8_t>({-5, -4, 0, 20, 60, 127}, PerTensor(0.05f, -5), PerTensor(0.1f, -100),
                            &out)
                  .ok());
  EXPECT_EQ(out, (std::vector<int8_t>{127, -55, -80, -91, -94, -96}));
}

TEST(RsqrtTest, Int16Table) {
  std::vector<int16_t> out;
  ASSERT_TRUE(RunOp<int16_t>({64, 1024, 8192, 32767}, PerTensor(1.0f / 1024, 0),
                             PerTensor(1.0f / 4096, 0), &out)
                  .ok());
  EXPECT_EQ(out, (std::vector<int16_t>{20645, 4094, 1448, 724}));
}

TEST(RsqrtTest, InputBelowZeroPointIsARuntimeError) {
  std::vector<int8_t> out;
  Status s = RunOp<int8_t>({0, -6}, PerTensor(0.05f, -5), PerTensor(0.1f, 0), &out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("negative"), std::string::npos) << s.message();
  std::vector<int16_t> out16;
  s = RunOp<int16_t>({-1}, PerTensor(0.001f, 0), PerTensor(0.001f, 0), &out16);
  ASSERT_FALSE(s.ok());
}

}  // namespace
}  // namespace liteforge::ops
