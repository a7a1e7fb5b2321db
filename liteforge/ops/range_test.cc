// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "liteforge/base/float16.h"
#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
Status RunConst(DType dtype, T start, T limit, T delta, std::vector<T>* out, Shape* shape = nullptr) {
  SingleOpModel m;
  // The dtype is explicit: float16 scalars travel as uint16_t bits.
  for (const T& v : {start, limit, delta}) {
    m.AddConstBytes(dtype, {}, {reinterpret_cast<const uint8_t*>(&v), sizeof(T)});
  }
  m.AddOutput(dtype);
  m.SetOp(ir::OpType::kRange);
  LF_RETURN_IF_ERROR(m.Build());
  LF_RETURN_IF_ERROR(m.Invoke());
  *out = m.Output<T>(0);
  if (shape) *shape = m.OutputShape(0);
  return Status::Ok();
}

TEST(RangeTest, Int32) {
  std::vector<int32_t> v;
  ASSERT_TRUE(RunConst<int32_t>(DType::kInt32, 2, 10, 3, &v).ok());
  EXPECT_EQ(v, (std::vector<int32_t>{2, 5, 8}));
  ASSERT_TRUE(RunConst<int32_t>(DType::kInt32, 4, 4, -1, &v).ok());
  EXPECT_TRUE(v.empty());
}

TEST(RangeTest, FloatNegativeDelta) {
  std::vector<float> v;
  ASSERT_TRUE(RunConst<float>(DType::kFloat32, 1.f, -1.f, -0.5f, &v).ok());
  EXPECT_EQ(v, (std::vector<float>{1.f, 0.5f, 0.f, -0.5f}));
}

TEST(RangeTest, FloatValuesAccumulateDelta) {
  std::vector<float> v;
  ASSERT_TRUE(RunConst<float>(DType::kFloat32, 0.1f, 1.f, 0.2f, &v).ok());
  ASSERT_EQ(v.size(), 5u);
  // Accumulated: 0.1f + 0.2f + 0.2f + 0.2f = 0.69999999 (start + 3 * delta
  // would give 0.70000005).
  EXPECT_EQ(v[3], 0.699999988079071f);
  EXPECT_EQ(v[4], 0.8999999761581421f);
}

TEST(RangeTest, Int64AndFloat16) {
  std::vector<int64_t> v;
  ASSERT_TRUE(RunConst<int64_t>(DType::kInt64, int64_t{1} << 40, (int64_t{1} << 40) + 5, 2, &v).ok());
  EXPECT_EQ(v, (std::vector<int64_t>{int64_t{1} << 40, (int64_t{1} << 40) + 2,
                                     (int64_t{1} << 40) + 4}));
  std::vector<uint16_t> h;
  const Status half_status =
      RunConst<uint16_t>(DType::kFloat16, FloatToHalf(0.f), FloatToHalf(1.f), FloatToHalf(0.25f), &h);
  ASSERT_TRUE(half_status.ok()) << half_status.message();
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(HalfToFloat(h[3]), 0.75f);
}

TEST(RangeTest, QuantizedInt8UsesStartParameters) {
  SingleOpModel m;
  m.AddConstInput<int8_t>({}, {12}, PerTensor(0.5f, 2));  // 5.0
  m.AddConstInput<int8_t>({}, {10}, PerTensor(1.f, 0));   // 10.0
  m.AddConstInput<int8_t>({}, {8}, PerTensor(0.25f, 0));  // 2.0
  m.AddOutput(DType::kInt8, {}, PerTensor(0.5f, 2));
  m.SetOp(ir::OpType::kRange);
  ASSERT_TRUE(m.Build().ok());
  ASSERT_TRUE(m.Invoke().ok());
  // (|10 - 5| + 2 - 1) / 2 = 3 values: 5, 7, 9 -> round(v / 0.5) + 2.
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{12, 16, 20}));
}

TEST(RangeTest, RuntimeInputsMakeDynamicOutput) {
  SingleOpModel m;
  const int s = m.AddInput(DType::kInt32, {});
  const int l = m.AddInput(DType::kInt32, {});
  m.AddConstInput<int32_t>({}, {1});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kRange);
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(s, {0});
  m.SetInput<int32_t>(l, {3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{0, 1, 2}));
  m.SetInput<int32_t>(l, {-3});
  const Status st = m.Invoke();
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("delta points away from limit"));
}

TEST(RangeTest, ZeroDeltaIsAnError) {
  std::vector<float> v;
  const Status s = RunConst<float>(DType::kFloat32, 0.f, 1.f, 0.f, &v);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("delta is 0"));
}

}  // namespace
}  // namespace liteforge::ops
