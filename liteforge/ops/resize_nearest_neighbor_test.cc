// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Source indices computed by hand (float rule) and with numpy (TFLite's
// 16.16 fixed-point rule of its 8-bit kernel).

#include <gtest/gtest.h>

#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

ir::ResizeOptions Opts(bool align_corners, bool half_pixel_centers) {
  ir::ResizeOptions o;
  o.align_corners = align_corners;
  o.half_pixel_centers = half_pixel_centers;
  return o;
}

template <typename T>
std::vector<T> RunResize(DType dtype, const Shape& in_shape, const std::vector<T>& x, int out_h,
                         int out_w, bool align, bool half) {
  SingleOpModel m;
  const int in = m.AddInput(dtype, in_shape);
  m.AddConstInput<int32_t>({2}, {out_h, out_w});
  m.AddOutput(dtype);
  m.SetOp(ir::OpType::kResizeNearestNeighbor, Opts(align, half));
  EXPECT_TRUE(m.Build().ok());
  m.SetInput<T>(in, x);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({in_shape.dim(0), out_h, out_w, in_shape.dim(3)}));
  return m.Output<T>(0);
}

TEST(ResizeNearestNeighborTest, FloatModes) {
  // 2 -> 3: floor(x * 2/3) = 0,0,1; align round(x * 1/2) = 0,1,1;
  // half floor((x + .5) * 2/3) = 0,1,1.
  EXPECT_EQ(RunResize<float>(DType::kFloat32, {1, 1, 2, 1}, {5, 7}, 1, 3, false, false),
            (std::vector<float>{5, 5, 7}));
  EXPECT_EQ(RunResize<float>(DType::kFloat32, {1, 1, 2, 1}, {5, 7}, 1, 3, true, false),
            (std::vector<float>{5, 7, 7}));
  EXPECT_EQ(RunResize<float>(DType::kFloat32, {1, 1, 2, 1}, {5, 7}, 1, 3, false, true),
            (std::vector<float>{5, 7, 7}));
}

TEST(ResizeNearestNeighborTest, TwoDimsAndChannels) {
  // 3 -> 5 with align_corners: 0,1,1,2,2 on both axes.
  std::vector<int32_t> x;
  for (int i = 0; i < 9; ++i) {
    x.push_back(i);
    x.push_back(-i);
  }
  const auto out = RunResize<int32_t>(DType::kInt32, {1, 3, 3, 2}, x, 5, 5, true, false);
  const int src[5] = {0, 1, 1, 2, 2};
  std::vector<int32_t> want;
  for (int y = 0; y < 5; ++y) {
    for (int xx = 0; xx < 5; ++xx) {
      want.push_back(src[y] * 3 + src[xx]);
      want.push_back(-(src[y] * 3 + src[xx]));
    }
  }
  EXPECT_EQ(out, want);
}

TEST(ResizeNearestNeighborTest, EightBitUsesFixedPointScale) {
  // 2 -> 82: output 41 is 41 * 2/82 = 1.0 exactly, but in float32 the
  // product is just below 1 so the float rule picks 0, while the 16.16 rule
  // of TFLite's 8-bit kernel picks 1.
  const auto u8 = RunResize<uint8_t>(DType::kUInt8, {1, 1, 2, 1}, {10, 20}, 1, 82, false, false);
  EXPECT_EQ(u8[40], 10);
  EXPECT_EQ(u8[41], 20);
  const auto f32 = RunResize<float>(DType::kFloat32, {1, 1, 2, 1}, {10, 20}, 1, 82, false, false);
  EXPECT_EQ(f32[41], 10);
  const auto s8 = RunResize<int8_t>(DType::kInt8, {1, 1, 2, 1}, {-1, 1}, 1, 82, false, false);
  EXPECT_EQ(s8[41], 1);
  // With half_pixel_centers the 8-bit kernel falls back to the float rule:
  // 3 -> 5 gives floor((x + .5) * 0.6) = 0,0,1,2,2.
  EXPECT_EQ(RunResize<int8_t>(DType::kInt8, {1, 1, 3, 1}, {1, 2, 3}, 1, 5, false, true),
            (std::vector<int8_t>{1, 1, 2, 3, 3}));
}

TEST(ResizeNearestNeighborTest, Int16Downscale) {
  EXPECT_EQ(RunResize<int16_t>(DType::kInt16, {1, 1, 4, 1}, {-300, 1, 2, 300}, 1, 2, false, false),
            (std::vector<int16_t>{-300, 2}));
}

TEST(ResizeNearestNeighborTest, RuntimeSize) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kUInt8, {1, 1, 2, 1}, PerTensor(1.f, 0));
  const int size = m.AddInput(DType::kInt32, {2});
  m.AddOutput(DType::kUInt8, {}, PerTensor(1.f, 0));
  m.SetOp(ir::OpType::kResizeNearestNeighbor, Opts(false, false));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(in, {3, 9});
  m.SetInput<int32_t>(size, {2, 4});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 4, 1}));
  EXPECT_EQ(m.Output<uint8_t>(0), (std::vector<uint8_t>{3, 3, 9, 9, 3, 3, 9, 9}));
}

TEST(ResizeNearestNeighborTest, Errors) {
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {1, 2, 2, 1});
    m.AddConstInput<int32_t>({2}, {-1, 4});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kResizeNearestNeighbor, Opts(false, false));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("RESIZE_NEAREST_NEIGHBOR"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("both sizes must be positive"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {1, 2, 2, 1});
    m.AddConstInput<int64_t>({2}, {4, 4});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kResizeNearestNeighbor, Opts(false, false));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("size"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("int64"), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace liteforge::ops
