// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include <cmath>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

template <typename T>
Status RunFloorMod(const Shape& sa, const std::vector<T>& av, const Shape& sb,
                   const std::vector<T>& bv, std::vector<T>* out) {
  SingleOpModel m;
  const int ia = m.AddInput(DTypeOf<T>::value, sa);
  const int ib = m.AddInput(DTypeOf<T>::value, sb);
  m.AddOutput(DTypeOf<T>::value);
  m.SetOp(ir::OpType::kFloorMod);
  LF_RETURN_IF_ERROR(m.Build());
  m.SetInput<T>(ia, av);
  m.SetInput<T>(ib, bv);
  LF_RETURN_IF_ERROR(m.Invoke());
  *out = m.Output<T>(0);
  return Status::Ok();
}

TEST(FloorModTest, Int32TakesTheDivisorsSign) {
  std::vector<int32_t> out;
  ASSERT_TRUE(RunFloorMod<int32_t>({5}, {7, -7, 7, -7, -2147483647 - 1}, {5}, {3, 3, -3, -3, -1},
                                   &out)
                  .ok());
  EXPECT_EQ(out, (std::vector<int32_t>{1, 2, -2, -1, 0}));
}

TEST(FloorModTest, Int64Int16Int8WithBroadcast) {
  std::vector<int64_t> out64;
  ASSERT_TRUE(RunFloorMod<int64_t>({2, 2}, {10, -10, 11, -11}, {2, 1}, {4, -4}, &out64).ok());
  EXPECT_EQ(out64, (std::vector<int64_t>{2, 2, -1, -3}));
  std::vector<int16_t> out16;
  ASSERT_TRUE(RunFloorMod<int16_t>({2}, {-32768, 5}, {}, {7}, &out16).ok());
  EXPECT_EQ(out16, (std::vector<int16_t>{6, 5}));
  std::vector<int8_t> out8;
  ASSERT_TRUE(RunFloorMod<int8_t>({2}, {-128, 9}, {2}, {-1, -4}, &out8).ok());
  EXPECT_EQ(out8, (std::vector<int8_t>{0, -3}));
}

TEST(FloorModTest, Float) {
  std::vector<float> out;
  ASSERT_TRUE(RunFloorMod<float>({4}, {7.5f, -7.5f, 7.5f, 1.f}, {4}, {2.f, 2.f, -2.f, 0.f}, &out)
                  .ok());
  EXPECT_EQ(out[0], 1.5f);
  EXPECT_EQ(out[1], 0.5f);
  EXPECT_EQ(out[2], -0.5f);
  EXPECT_TRUE(std::isnan(out[3]));  // no error for float, as in TFLite
}

TEST(FloorModTest, IntegerZeroDivisorIsAnError) {
  std::vector<int32_t> out;
  const Status s = RunFloorMod<int32_t>({2}, {1, 2}, {}, {0}, &out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("division by zero"), std::string::npos) << s.message();
}

TEST(FloorModTest, UnsupportedType) {
  std::vector<uint8_t> out;
  const Status s = RunFloorMod<uint8_t>({1}, {1}, {1}, {1}, &out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  EXPECT_NE(s.message().find("uint8"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
