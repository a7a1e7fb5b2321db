// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

template <typename T>
Status RunFloorDiv(const Shape& sa, const std::vector<T>& av, const Shape& sb,
                   const std::vector<T>& bv, std::vector<T>* out) {
  SingleOpModel m;
  const int ia = m.AddInput(DTypeOf<T>::value, sa);
  const int ib = m.AddInput(DTypeOf<T>::value, sb);
  m.AddOutput(DTypeOf<T>::value);
  m.SetOp(ir::OpType::kFloorDiv);
  LF_RETURN_IF_ERROR(m.Build());
  m.SetInput<T>(ia, av);
  m.SetInput<T>(ib, bv);
  LF_RETURN_IF_ERROR(m.Invoke());
  *out = m.Output<T>(0);
  return Status::Ok();
}

TEST(FloorDivTest, Int32RoundsTowardNegativeInfinity) {
  std::vector<int32_t> out;
  ASSERT_TRUE(RunFloorDiv<int32_t>({6}, {7, -7, 7, -7, 6, -2147483647 - 1}, {6},
                                   {2, 2, -2, -2, 3, -1}, &out)
                  .ok());
  // -2^31 / -1 does not fit and wraps back to -2^31.
  EXPECT_EQ(out, (std::vector<int32_t>{3, -4, -4, 3, 2, -2147483647 - 1}));
}

TEST(FloorDivTest, Int32Broadcast) {
  std::vector<int32_t> out;
  ASSERT_TRUE(RunFloorDiv<int32_t>({2, 3}, {-5, 0, 5, 9, 10, 11}, {3}, {3, 3, -3}, &out).ok());
  EXPECT_EQ(out, (std::vector<int32_t>{-2, 0, -2, 3, 3, -4}));
}

TEST(FloorDivTest, Int16AndInt8) {
  std::vector<int16_t> out16;
  ASSERT_TRUE(RunFloorDiv<int16_t>({3}, {-32768, 100, -1}, {}, {7}, &out16).ok());
  EXPECT_EQ(out16, (std::vector<int16_t>{-4682, 14, -1}));
  std::vector<int8_t> out8;
  ASSERT_TRUE(RunFloorDiv<int8_t>({3}, {-128, 127, -7}, {3}, {-1, -2, 2}, &out8).ok());
  EXPECT_EQ(out8, (std::vector<int8_t>{-128, -64, -4}));  // -128 / -1 wraps
}

TEST(FloorDivTest, Float) {
  std::vector<float> out;
  ASSERT_TRUE(RunFloorDiv<float>({4}, {7.5f, -7.5f, 1.f, -0.5f}, {4}, {2.f, 2.f, 3.f, 4.f}, &out)
                  .ok());
  EXPECT_EQ(out, (std::vector<float>{3.f, -4.f, 0.f, -1.f}));
}

TEST(FloorDivTest, ZeroDivisorIsAnError) {
  std::vector<int32_t> out;
  const Status s = RunFloorDiv<int32_t>({2}, {1, 2}, {2}, {3, 0}, &out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("division by zero"), std::string::npos) << s.message();
  std::vector<float> fout;
  EXPECT_FALSE(RunFloorDiv<float>({1}, {1.f}, {1}, {0.f}, &fout).ok());
}

TEST(FloorDivTest, UnsupportedTypeAndMismatch) {
  std::vector<int64_t> out;
  const Status s = RunFloorDiv<int64_t>({1}, {1}, {1}, {1}, &out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  SingleOpModel m;
  m.AddInput(DType::kInt32, {2});
  m.AddInput(DType::kFloat32, {2});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kFloorDiv);
  const Status mismatch = m.Build();
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.message().find("input2"), std::string::npos) << mismatch.message();
}

}  // namespace
}  // namespace liteforge::ops
