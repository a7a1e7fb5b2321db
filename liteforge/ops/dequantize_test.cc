// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include "liteforge/base/float16.h"
#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerChannel;
using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
std::vector<float> RunOp(const std::vector<T>& in, const Shape& shape, const QuantParams& q,
                         DType dtype = DTypeOf<T>::value) {
  SingleOpModel m;
  const int x = m.AddInput(dtype, shape, q);
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDequantize);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), shape);
  return m.Output<float>(0);
}

TEST(DequantizeTest, Uint8) {
  EXPECT_EQ(RunOp<uint8_t>({0, 10, 13, 255}, {4}, PerTensor(0.5f, 10)),
            (std::vector<float>{-5.f, 0.f, 1.5f, 122.5f}));
}

TEST(DequantizeTest, Int8) {
  EXPECT_EQ(RunOp<int8_t>({-128, -3, 0, 127}, {2, 2}, PerTensor(0.25f, -3)),
            (std::vector<float>{-31.25f, 0.f, 0.75f, 32.5f}));
  // scale * 3 with a scale that is not a power of two: same float result as
  // the double-precision product.
  EXPECT_EQ(RunOp<int8_t>({3}, {1}, PerTensor(0.1f, 0)), (std::vector<float>{0.1f * 3}));
}

TEST(DequantizeTest, Int16AndInt32) {
  EXPECT_EQ(RunOp<int16_t>({-32768, 0, 4}, {3}, PerTensor(0.125f, 0)),
            (std::vector<float>{-4096.f, 0.f, 0.5f}));
  EXPECT_EQ(RunOp<int32_t>({-1000000, 2}, {2}, PerTensor(0.5f, 0)),
            (std::vector<float>{-500000.f, 1.f}));
}

TEST(DequantizeTest, Float16) {
  const std::vector<uint16_t> halves = {FloatToHalf(1.5f), FloatToHalf(-0.25f),
                                        FloatToHalf(65504.f), FloatToHalf(0.f)};
  EXPECT_EQ(RunOp<uint16_t>(halves, {4}, {}, DType::kFloat16),
            (std::vector<float>{1.5f, -0.25f, 65504.f, 0.f}));
}

TEST(DequantizeTest, Int8PerChannel) {
  // Channels along dim 0, per-channel zero points.
  EXPECT_EQ(RunOp<int8_t>({1, 2, 3, 1, 2, 3}, {2, 3}, PerChannel({0.5f, 2.f}, 0, {1, -1})),
            (std::vector<float>{0.f, 0.5f, 1.f, 4.f, 6.f, 8.f}));
}

TEST(DequantizeTest, Uint8PerChannelInnerAxis) {
  EXPECT_EQ(RunOp<uint8_t>({10, 10, 12, 12}, {2, 2}, PerChannel({1.f, 0.5f}, 1, {10, 10})),
            (std::vector<float>{0.f, 0.f, 2.f, 1.f}));
}

TEST(DequantizeTest, Int16NeedsZeroPointZero) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {2}, PerTensor(0.1f, 3));
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDequantize);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("DEQUANTIZE"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("zero point 0"), std::string::npos) << s.message();
}

TEST(DequantizeTest, BadTypesAreRejected) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kDequantize);
  Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);

  SingleOpModel o;
  o.AddInput(DType::kInt8, {2}, PerTensor(0.1f, 0));
  o.AddOutput(DType::kInt32);
  o.SetOp(ir::OpType::kDequantize);
  s = o.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("expected float32"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
