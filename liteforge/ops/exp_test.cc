// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Quantized expectations come from an independent Python model of TFLite's
// table builders (8-bit: float table; int16: 513-entry interpolated table).

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
  m.SetOp(ir::OpType::kExp);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(ExpTest, Float) {
  const std::vector<float> in = {-100.f, -1.f, 0.f, 0.5f, 10.f, 100.f};
  const std::vector<float> out = RunOp<float>(in, {}, {});
  for (size_t i = 0; i < in.size(); ++i) {
    const double e = std::exp(static_cast<double>(in[i]));
    if (std::isinf(static_cast<float>(e))) {
      EXPECT_TRUE(std::isinf(out[i]));
    } else {
      // Within a few float ulps of the exact value (exp(-100) is a
      // denormal, where a relative bound would be meaningless).
      EXPECT_FLOAT_EQ(out[i], static_cast<float>(e)) << in[i];
    }
  }
}

TEST(ExpTest, Int8Table) {
  EXPECT_EQ(RunOp<int8_t>({-128, -50, -1, 0, 1, 30, 50, 127}, PerTensor(0.05f, 0),
                          PerTensor(0.1f, -100)),
            (std::vector<int8_t>{-100, -99, -90, -90, -89, -55, 22, 127}));
}

TEST(ExpTest, Int16InterpolatedTable) {
  // exp on [-8, 8) in 0.1 steps of output; within 1% of the true value.
  EXPECT_EQ(RunOp<int16_t>({-32768, -8192, -4096, -1, 0, 1, 4096, 8192, 20000, 32767},
                           PerTensor(1.0f / 4096, 0), PerTensor(0.1f, 0)),
            (std::vector<int16_t>{0, 1, 4, 10, 10, 10, 27, 74, 1320, 29796}));
}

TEST(ExpTest, Int16NeedsZeroPointZero) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {2}, PerTensor(0.001f, 4));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kExp);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("EXP"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("zero point 0"), std::string::npos) << s.message();
}

TEST(ExpTest, Uint8IsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kUInt8, {2}, PerTensor(0.1f, 0));
  m.AddOutput(DType::kUInt8, {}, PerTensor(0.1f, 0));
  m.SetOp(ir::OpType::kExp);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace liteforge::ops
