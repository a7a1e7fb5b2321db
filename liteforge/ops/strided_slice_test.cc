// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numeric>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using ::testing::HasSubstr;
using testing::SingleOpModel;

template <typename T>
std::vector<T> Iota(int n) {
  std::vector<T> v(static_cast<size_t>(n));
  std::iota(v.begin(), v.end(), T{0});
  return v;
}

ir::StridedSliceOptions Masks(int32_t begin, int32_t end, int32_t ellipsis = 0,
                              int32_t new_axis = 0, int32_t shrink = 0, bool offset = false) {
  return ir::StridedSliceOptions{begin, end, ellipsis, new_axis, shrink, offset};
}

// Runs a float STRIDED_SLICE over iota(shape) with constant spec tensors.
struct Case {
  Shape shape;
  std::vector<int32_t> begin, end, strides;
  ir::StridedSliceOptions options;
};

Status RunFloat(const Case& c, Shape* out_shape, std::vector<float>* out) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, c.shape);
  const int32_t n = static_cast<int32_t>(c.begin.size());
  m.AddConstInput<int32_t>({n}, c.begin);
  m.AddConstInput<int32_t>({n}, c.end);
  m.AddConstInput<int32_t>({n}, c.strides);
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kStridedSlice, c.options);
  LF_RETURN_IF_ERROR(m.Build());
  m.SetInput<float>(in, Iota<float>(static_cast<int>(c.shape.NumElements())));
  LF_RETURN_IF_ERROR(m.Invoke());
  *out_shape = m.OutputShape(0);
  *out = m.Output<float>(0);
  return Status::Ok();
}

TEST(StridedSliceTest, NegativeIndicesAndNegativeStride) {
  Shape s;
  std::vector<float> v;
  ASSERT_TRUE(RunFloat({{3, 4}, {1, -1}, {3, 0}, {1, -1}, Masks(0, 0)}, &s, &v).ok());
  EXPECT_EQ(s, Shape({2, 3}));  // a[1:3, -1:0:-1]
  EXPECT_EQ(v, (std::vector<float>{7, 6, 5, 11, 10, 9}));
}

TEST(StridedSliceTest, BeginAndEndMasks) {
  Shape s;
  std::vector<float> v;
  ASSERT_TRUE(RunFloat({{3, 4}, {2, 0}, {1, 2}, {1, 1}, Masks(1, 1)}, &s, &v).ok());
  EXPECT_EQ(s, Shape({3, 2}));  // a[:, 0:2]
  EXPECT_EQ(v, (std::vector<float>{0, 1, 4, 5, 8, 9}));
}

TEST(StridedSliceTest, ShrinkAxis) {
  Shape s;
  std::vector<float> v;
  ASSERT_TRUE(RunFloat({{3, 4}, {2, 0}, {3, 4}, {1, 2}, Masks(0, 0, 0, 0, 1)}, &s, &v).ok());
  EXPECT_EQ(s, Shape({2}));  // a[2, 0:4:2]
  EXPECT_EQ(v, (std::vector<float>{8, 10}));
}

TEST(StridedSliceTest, ShrinkWithNegativeStrideTakesTheElement) {
  Shape s;
  std::vector<float> v;
  ASSERT_TRUE(RunFloat({{5}, {-1}, {0}, {-1}, Masks(0, 0, 0, 0, 1)}, &s, &v).ok());
  EXPECT_EQ(s, Shape({}));
  EXPECT_EQ(v, (std::vector<float>{4}));
}

TEST(StridedSliceTest, Ellipsis) {
  Shape s;
  std::vector<float> v;
  ASSERT_TRUE(RunFloat({{2, 3, 4}, {0, 1}, {0, 3}, {1, 1}, Masks(0, 0, 1)}, &s, &v).ok());
  EXPECT_EQ(s, Shape({2, 3, 2}));  // a[..., 1:3]
  EXPECT_EQ(v, (std::vector<float>{1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22}));
}

TEST(StridedSliceTest, NewAxis) {
  Shape s;
  std::vector<float> v;
  ASSERT_TRUE(RunFloat({{2, 3}, {0, 0, 0}, {0, 0, 0}, {1, 1, 1}, Masks(5, 5, 0, 2)}, &s, &v).ok());
  EXPECT_EQ(s, Shape({2, 1, 3}));  // a[:, None, :]
  EXPECT_EQ(v, (std::vector<float>{0, 1, 2, 3, 4, 5}));
}

TEST(StridedSliceTest, FullMasksWithReverseStride) {
  Shape s;
  std::vector<float> v;
  ASSERT_TRUE(RunFloat({{5}, {0}, {0}, {-2}, Masks(1, 1)}, &s, &v).ok());
  EXPECT_EQ(v, (std::vector<float>{4, 2, 0}));  // a[::-2]
}

TEST(StridedSliceTest, PartialSpecAndClampedEnd) {
  Shape s;
  std::vector<float> v;
  // a[1:, ::2, -2:] via begin/end masks on dim 1 and an end past the dim.
  ASSERT_TRUE(
      RunFloat({{2, 3, 4}, {1, 0, -2}, {100, 0, 100}, {1, 2, 1}, Masks(2, 2)}, &s, &v).ok());
  EXPECT_EQ(s, Shape({1, 2, 2}));
  EXPECT_EQ(v, (std::vector<float>{14, 15, 22, 23}));
  // Entries missing at the back take whole dims.
  ASSERT_TRUE(RunFloat({{2, 3}, {1}, {2}, {1}, Masks(0, 0)}, &s, &v).ok());
  EXPECT_EQ(s, Shape({1, 3}));
  EXPECT_EQ(v, (std::vector<float>{3, 4, 5}));
}

TEST(StridedSliceTest, OffsetMakesEndRelative) {
  Shape s;
  std::vector<float> v;
  ASSERT_TRUE(RunFloat({{6}, {1}, {3}, {1}, Masks(0, 0, 0, 0, 0, true)}, &s, &v).ok());
  EXPECT_EQ(v, (std::vector<float>{1, 2, 3}));
}

TEST(StridedSliceTest, EmptyResult) {
  Shape s;
  std::vector<float> v;
  ASSERT_TRUE(RunFloat({{4}, {3}, {1}, {1}, Masks(0, 0)}, &s, &v).ok());
  EXPECT_EQ(s, Shape({0}));
  EXPECT_TRUE(v.empty());
}

TEST(StridedSliceTest, Int16) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt16, {2, 3}, testing::PerTensor(1.f / 4096, 0));
  m.AddConstInput<int32_t>({2}, {0, 2});
  m.AddConstInput<int32_t>({2}, {2, -4});
  m.AddConstInput<int32_t>({2}, {1, -1});
  m.AddOutput(DType::kInt16, {}, testing::PerTensor(1.f / 4096, 0));
  m.SetOp(ir::OpType::kStridedSlice, Masks(0, 0));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int16_t>(in, {-32768, 2, 32767, 4, -5, 6});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({2, 3}));  // a[0:2, 2::-1] (end -4 clamps to -1)
  EXPECT_EQ(m.Output<int16_t>(0), (std::vector<int16_t>{32767, 2, -32768, 6, -5, 4}));
}

TEST(StridedSliceTest, RuntimeBeginMakesDynamicOutput) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kInt32, {5});
  const int begin = m.AddInput(DType::kInt32, {1});
  m.AddConstInput<int32_t>({1}, {5});
  m.AddConstInput<int32_t>({1}, {1});
  m.AddOutput(DType::kInt32);
  m.SetOp(ir::OpType::kStridedSlice, Masks(0, 0));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<int32_t>(in, {10, 11, 12, 13, 14});
  m.SetInput<int32_t>(begin, {3});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{13, 14}));
  m.SetInput<int32_t>(begin, {-4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int32_t>(0), (std::vector<int32_t>{11, 12, 13, 14}));
}

TEST(StridedSliceTest, ZeroStrideIsAnError) {
  Shape s;
  std::vector<float> v;
  const Status st = RunFloat({{4}, {0}, {4}, {0}, Masks(0, 0)}, &s, &v);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("strides[0] is 0"));
}

TEST(StridedSliceTest, ShrinkOutOfRangeIsAnError) {
  Shape s;
  std::vector<float> v;
  const Status st = RunFloat({{4}, {4}, {5}, {1}, Masks(0, 0, 0, 0, 1)}, &s, &v);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("shrink_axis index 4 is out of range"));
}

TEST(StridedSliceTest, TooManyEntriesIsAnError) {
  Shape s;
  std::vector<float> v;
  const Status st = RunFloat({{4}, {0, 0}, {1, 1}, {1, 1}, Masks(0, 0)}, &s, &v);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("names 2 dims but the input has rank 1"));
}

}  // namespace
}  // namespace liteforge::ops
