// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Quantized SQRT truncates (TFLite's float path); expectations computed by
// hand / an independent Python model.

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
  m.SetOp(ir::OpType::kSqrt);
  LF_RETURN_IF_ERROR(m.Build());
  m.SetInput<T>(x, in);
  LF_RETURN_IF_ERROR(m.Invoke());
  *out = m.Output<T>(0);
  return Status::Ok();
}

TEST(SqrtTest, Float) {
  std::vector<float> out;
  ASSERT_TRUE(RunOp<float>({0.f, 1.f, 2.f, 9.f, 1e6f}, {}, {}, &out).ok());
  EXPECT_EQ(out, (std::vector<float>{0.f, 1.f, std::sqrt(2.f), 3.f, 1000.f}));
}

TEST(SqrtTest, Int8Truncates) {
  std::vector<int8_t> out;
  ASSERT_TRUE(RunOp<int8_t>({-10, -9, 0, 10, 50, 127}, PerTensor(0.1f, -10),
                            PerTensor(0.02f, -50), &out)
                  .ok());
  // -9 -> sqrt(0.1) / 0.02 = 15.8 -> 15 (truncated) - 50.
  EXPECT_EQ(out, (std::vector<int8_t>{-50, -35, 0, 20, 72, 127}));
}

TEST(SqrtTest, Int16) {
  std::vector<int16_t> out;
  ASSERT_TRUE(RunOp<int16_t>({0, 1, 100, 1000, 32767}, PerTensor(0.001f, 0),
                             PerTensor(0.0001f, 0), &out)
                  .ok());
  EXPECT_EQ(out, (std::vector<int16_t>{0, 316, 3162, 10000, 32767}));
}

TEST(SqrtTest, NegativeQuantizedInputIsARuntimeError) {
  std::vector<int8_t> out;
  const Status s = RunOp<int8_t>({5, -11}, PerTensor(0.1f, -10), PerTensor(0.02f, 0), &out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("negative"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("element 1"), std::string::npos) << s.message();
}

TEST(SqrtTest, Uint8IsUnimplemented) {
  std::vector<uint8_t> out;
  const Status s = RunOp<uint8_t>({1}, PerTensor(0.1f, 0), PerTensor(0.1f, 0), &out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace liteforge::ops
