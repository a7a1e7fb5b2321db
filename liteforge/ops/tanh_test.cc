// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected integers come from an independent Python model of TFLite's
// TANH kernels (float32 table build; int16 sigmoid-table and gemmlowp
// paths).

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
  m.SetOp(ir::OpType::kTanh);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

Status BuildError(DType dtype, const QuantParams& qin, const QuantParams& qout) {
  SingleOpModel m;
  m.AddInput(dtype, {2, 3}, qin);
  m.AddOutput(dtype, {}, qout);
  m.SetOp(ir::OpType::kTanh);
  return m.Build();
}

TEST(TanhTest, Float) {
  const std::vector<float> in = {-20.f, -1.f, 0.f, 0.5f, 3.f};
  const std::vector<float> out = RunOp<float>(in, {}, {});
  ASSERT_EQ(out.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    EXPECT_NEAR(out[i], std::tanh(static_cast<double>(in[i])), 1e-7) << in[i];
  }
}

TEST(TanhTest, Uint8TableAnyOutputScale) {
  const std::vector<uint8_t> in = {0, 50, 90, 99, 100, 101, 110, 150, 255};
  EXPECT_EQ(RunOp<uint8_t>(in, PerTensor(0.05f, 100), PerTensor(1.0f / 128, 128)),
            (std::vector<uint8_t>{0, 2, 69, 122, 128, 134, 187, 254, 255}));
}

TEST(TanhTest, Int8Table) {
  const std::vector<int8_t> in = {-128, -100, -50, -10, -1, 0, 1, 10, 50, 100, 127};
  EXPECT_EQ(RunOp<int8_t>(in, PerTensor(0.03f, 0), PerTensor(1.0f / 128, 0)),
            (std::vector<int8_t>{-128, -127, -116, -37, -4, 0, 4, 37, 116, 127, 127}));
}

TEST(TanhTest, Int16Scale2PowMinus12UsesFixedPoint) {
  const std::vector<int16_t> in = {-32768, -20000, -4096, -1, 0, 1, 4096, 12345, 32767};
  EXPECT_EQ(RunOp<int16_t>(in, PerTensor(1.0f / 4096, 0), PerTensor(1.0f / 32768, 0)),
            (std::vector<int16_t>{-32767, -32767, -24964, -8, 0, 8, 24964, 32616, 32767}));
}

TEST(TanhTest, Int16Scale2PowMinus11DoublesTheInputFirst) {
  const std::vector<int16_t> in = {-32768, -20000, -4096, -1, 0, 1, 4096, 12345, 32767};
  EXPECT_EQ(RunOp<int16_t>(in, PerTensor(1.0f / 2048, 0), PerTensor(1.0f / 32768, 0)),
            (std::vector<int16_t>{-32767, -32767, -31596, -24, 0, 24, 31596, 32767, 32767}));
}

TEST(TanhTest, Int16GeneralScaleUsesSigmoidTable) {
  const std::vector<int16_t> in = {-32768, -20000, -4096, -1, 0, 1, 4096, 12345, 32767};
  EXPECT_EQ(RunOp<int16_t>(in, PerTensor(0.0005f, 0), PerTensor(1.0f / 32768, 0)),
            (std::vector<int16_t>{-32767, -32767, -31695, -16, 0, 16, 31695, 32767, 32767}));
}

TEST(TanhTest, Int16OutputScaleMustBe2PowMinus15) {
  const Status s = BuildError(DType::kInt16, PerTensor(1.0f / 4096, 0), PerTensor(0.001f, 0));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("TANH"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("2^-15"), std::string::npos) << s.message();
}

TEST(TanhTest, MismatchedDTypesAreAnError) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddOutput(DType::kInt8, {}, PerTensor(1.0f / 128, 0));
  m.SetOp(ir::OpType::kTanh);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("output"), std::string::npos) << s.message();
}

TEST(TanhTest, UnsupportedDTypeIsUnimplemented) {
  const Status s = BuildError(DType::kInt64, {}, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace liteforge::ops
