// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// MediaPipe's MaxPoolingWithArgmax2D and MaxUnpooling2D; expected values
// computed by hand.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::SingleOpModel;

// TFLite's pooling parameter struct as raw bytes: padding, stride_w,
// stride_h, filter_w, filter_h, activation, then four computed-padding ints.
std::vector<uint8_t> PoolParams(int padding, int stride_w, int stride_h, int filter_w,
                                int filter_h, int activation = 0) {
  const int32_t fields[10] = {padding, stride_w, stride_h, filter_w, filter_h, activation,
                              0,       0,        0,        0};
  std::vector<uint8_t> bytes(sizeof(fields));
  std::memcpy(bytes.data(), fields, sizeof(fields));
  return bytes;
}

void ExpectFloats(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_FLOAT_EQ(got[i], want[i]) << "element " << i;
}

TEST(MaxPoolingWithArgmax2DTest, ValuesAndWindowRelativeIndices) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 4, 4, 1});
  m.AddOutput(DType::kFloat32);
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("MaxPoolingWithArgmax2D", PoolParams(2, 2, 2, 2, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {1, 2, 5, 3,  //
                         4, 0, 6, 6,  //
                         7, 9, 1, 1,  //
                         8, 2, 1, 1});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 2, 2, 1}));
  EXPECT_EQ(m.OutputShape(1), Shape({1, 2, 2, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{4, 6, 9, 1}));
  // The tie 6/6 and the all-equal window keep the first position.
  ExpectFloats(m.Output<float>(1), {2.1f, 2.1f, 1.1f, 0.1f});
}

TEST(MaxPoolingWithArgmax2DTest, SamePaddingCountsInWindowPositions) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 1, 3, 1});
  m.AddOutput(DType::kFloat32);
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("MaxPoolingWithArgmax2D", PoolParams(1, 1, 1, 3, 1));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {5, 1, 2});
  ASSERT_TRUE(m.Invoke().ok());
  // One column of padding before the data: window 0 is [pad, 5, 1].
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{5, 5, 2}));
  ExpectFloats(m.Output<float>(1), {1.1f, 0.1f, 1.1f});
}

TEST(MaxPoolingWithArgmax2DTest, Relu6Activation) {
  SingleOpModel m;
  const int in = m.AddInput(DType::kFloat32, {1, 1, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("MaxPoolingWithArgmax2D", PoolParams(2, 1, 1, 1, 1, 3));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(in, {-3, 9});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0, 6}));
}

TEST(MaxPoolingWithArgmax2DTest, ShortOptionsAreRejected) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("MaxPoolingWithArgmax2D", std::vector<uint8_t>(8, 1));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("MaxPoolingWithArgmax2D"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("custom_options has 8 bytes"), std::string::npos) << s.message();
}

TEST(MaxPoolingWithArgmax2DTest, UnknownPaddingIsRejected) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("MaxPoolingWithArgmax2D", PoolParams(0, 1, 1, 2, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("padding is 0"), std::string::npos) << s.message();
}

TEST(MaxUnpooling2DTest, ScattersToArgmaxPositions) {
  SingleOpModel m;
  const int values = m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  const int indices = m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("MaxUnpooling2D", PoolParams(2, 2, 2, 2, 2));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(values, {4, 6, 9, 1});
  m.SetInput<float>(indices, {2.1f, 2.1f, 1.1f, 0.1f});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 4, 4, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0, 0, 0, 0,  //
                                                    4, 0, 6, 0,  //
                                                    0, 9, 1, 0,  //
                                                    0, 0, 0, 0}));
}

TEST(MaxUnpooling2DTest, OutOfRangeAndNanIndicesAreSkipped) {
  SingleOpModel m;
  const int values = m.AddInput(DType::kFloat32, {1, 1, 3, 1});
  const int indices = m.AddInput(DType::kFloat32, {1, 1, 3, 1});
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("MaxUnpooling2D", PoolParams(2, 2, 1, 2, 1));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(values, {7, 8, 9});
  m.SetInput<float>(indices, {100.f, std::numeric_limits<float>::quiet_NaN(), 1.1f});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 1, 6, 1}));
  EXPECT_EQ(m.Output<float>(0), (std::vector<float>{0, 0, 0, 0, 0, 9}));
}

TEST(MaxUnpooling2DTest, IndicesShapeMustMatch) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2, 1});
  m.AddInput(DType::kFloat32, {1, 2, 1, 1});
  m.AddOutput(DType::kFloat32);
  m.SetCustomOp("MaxUnpooling2D", PoolParams(2, 2, 2, 2, 2));
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("indices"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace liteforge::ops
