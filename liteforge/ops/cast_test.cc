// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "liteforge/base/float16.h"
#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

template <typename In, typename Out>
std::vector<Out> RunOp(const std::vector<In>& in, DType in_dtype = DTypeOf<In>::value,
                       DType out_dtype = DTypeOf<Out>::value) {
  SingleOpModel m;
  const int x = m.AddInput(in_dtype, {static_cast<int32_t>(in.size())});
  m.AddOutput(out_dtype);
  m.SetOp(ir::OpType::kCast);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<In>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<Out>(0);
}

constexpr float kInf = std::numeric_limits<float>::infinity();

TEST(CastTest, IntToFloat) {
  EXPECT_EQ((RunOp<int32_t, float>({-7, 0, 16777217})),
            (std::vector<float>{-7.f, 0.f, 16777216.f}));
  EXPECT_EQ((RunOp<uint8_t, float>({0, 200, 255})), (std::vector<float>{0.f, 200.f, 255.f}));
}

TEST(CastTest, FloatToInt32TruncatesAndSaturates) {
  EXPECT_EQ((RunOp<float, int32_t>({-2.7f, -0.5f, 0.5f, 2.7f, 3e9f, -3e9f, kInf, NAN})),
            (std::vector<int32_t>{-2, 0, 0, 2, std::numeric_limits<int32_t>::max(),
                                  std::numeric_limits<int32_t>::min(),
                                  std::numeric_limits<int32_t>::max(),
                                  std::numeric_limits<int32_t>::max()}));
}

TEST(CastTest, FloatToInt16AndUint8Saturate) {
  EXPECT_EQ((RunOp<float, int16_t>({-1e6f, -3.9f, 40000.f})),
            (std::vector<int16_t>{-32768, -3, 32767}));
  EXPECT_EQ((RunOp<float, uint8_t>({-5.f, 3.9f, 300.f})), (std::vector<uint8_t>{0, 3, 255}));
}

TEST(CastTest, FloatToInt8WrapsLikeX86) {
  // Not saturated in TFLite: converted through int32, then truncated.
  EXPECT_EQ((RunOp<float, int8_t>({-3.9f, 100.f, 200.f, 300.f})),
            (std::vector<int8_t>{-3, 100, -56, 44}));
}

TEST(CastTest, FloatToInt64) {
  EXPECT_EQ((RunOp<float, int64_t>({-1.5f, 1e12f})),
            (std::vector<int64_t>{-1, 999999995904}));
}

TEST(CastTest, ToAndFromBool) {
  const std::vector<uint8_t> as_bool =
      RunOp<float, uint8_t>({0.f, -0.f, 0.1f, NAN}, DType::kFloat32, DType::kBool);
  EXPECT_EQ(as_bool, (std::vector<uint8_t>{0, 0, 1, 1}));
  EXPECT_EQ((RunOp<uint8_t, int32_t>({0, 1, 1}, DType::kBool, DType::kInt32)),
            (std::vector<int32_t>{0, 1, 1}));
  EXPECT_EQ((RunOp<int32_t, uint8_t>({0, -5, 7}, DType::kInt32, DType::kBool)),
            (std::vector<uint8_t>{0, 1, 1}));
}

TEST(CastTest, IntegerNarrowingIsModular) {
  EXPECT_EQ((RunOp<int32_t, uint8_t>({256, 257, -1})), (std::vector<uint8_t>{0, 1, 255}));
  EXPECT_EQ((RunOp<int64_t, int32_t>({(int64_t{1} << 32) + 5, -1})),
            (std::vector<int32_t>{5, -1}));
  EXPECT_EQ((RunOp<int8_t, uint16_t>({-1, 3})), (std::vector<uint16_t>{65535, 3}));
}

TEST(CastTest, Float16BothWays) {
  const std::vector<uint16_t> halves =
      RunOp<float, uint16_t>({1.f / 3, 70000.f, -2.f}, DType::kFloat32, DType::kFloat16);
  EXPECT_EQ(halves, (std::vector<uint16_t>{FloatToHalf(1.f / 3), 0x7c00, FloatToHalf(-2.f)}));
  EXPECT_EQ((RunOp<uint16_t, int32_t>({FloatToHalf(-2.75f), FloatToHalf(9.f)}, DType::kFloat16,
                                      DType::kInt32)),
            (std::vector<int32_t>{-2, 9}));
}

TEST(CastTest, Float64) {
  EXPECT_EQ((RunOp<double, float>({0.1, 1e300})), (std::vector<float>{0.1f, kInf}));
  EXPECT_EQ((RunOp<int32_t, double>({-3})), (std::vector<double>{-3.0}));
}

TEST(CastTest, UnsupportedTypeIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kComplex128, {1});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kCast);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("CAST"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
