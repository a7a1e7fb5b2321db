// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

void ExpectNear(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-5) << "at " << i;
}

// One batch, two inputs, two filters of rank 1 (two units), memory 2.
//   weights_feature = [[1, 2], [0.5, -1]], weights_time = [[1, 0.5], [2, -1]]
//   (memory oldest first), bias = [0.1, -0.2].
struct FloatSvdf {
  explicit FloatSvdf(ir::Activation act = ir::Activation::kNone, int rank = 1) {
    input = m.AddInput(DType::kFloat32, {1, 2});
    m.AddConstInput<float>({2, 2}, {1, 2, 0.5f, -1});
    m.AddConstInput<float>({2, 2}, {1, 0.5f, 2, -1});
    if (rank == 1) {
      m.AddConstInput<float>({2}, {0.1f, -0.2f});
    } else {
      m.AddConstInput<float>({1}, {0.1f});
    }
    m.AddVariableInput(DType::kFloat32, {1, 4});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kSvdf, ir::SvdfOptions{rank, act, false});
  }
  SingleOpModel m;
  int input = 0;
};

TEST(SvdfTest, FloatStatePersistsAcrossInvokes) {
  FloatSvdf f;
  ASSERT_TRUE(f.m.Build().ok());
  EXPECT_EQ(f.m.OutputShape(0), Shape({1, 2}));
  // x = [1, 1]: projections 3 and -0.5 enter the memories [0, 3], [0, -0.5];
  // time filters: 0.5 * 3 = 1.5 and -1 * -0.5 = 0.5; plus bias.
  f.m.SetInput<float>(f.input, {1, 1});
  ASSERT_TRUE(f.m.Invoke().ok());
  ExpectNear(f.m.Output<float>(0), {1.6f, 0.3f});
  // x = [2, 0]: projections 2 and 1; memories [3, 2] and [-0.5, 1];
  // 3 + 1 = 4 and -1 - 1 = -2.
  f.m.SetInput<float>(f.input, {2, 0});
  ASSERT_TRUE(f.m.Invoke().ok());
  ExpectNear(f.m.Output<float>(0), {4.1f, -2.2f});
}

TEST(SvdfTest, FloatActivationAndRank) {
  {
    FloatSvdf f(ir::Activation::kRelu);
    ASSERT_TRUE(f.m.Build().ok());
    f.m.SetInput<float>(f.input, {1, 1});
    ASSERT_TRUE(f.m.Invoke().ok());
    f.m.SetInput<float>(f.input, {2, 0});
    ASSERT_TRUE(f.m.Invoke().ok());
    ExpectNear(f.m.Output<float>(0), {4.1f, 0.0f});
  }
  {
    // Rank 2: both filters feed one unit, 1.5 + 0.5 + 0.1.
    FloatSvdf f(ir::Activation::kNone, /*rank=*/2);
    ASSERT_TRUE(f.m.Build().ok());
    EXPECT_EQ(f.m.OutputShape(0), Shape({1, 1}));
    f.m.SetInput<float>(f.input, {1, 1});
    ASSERT_TRUE(f.m.Invoke().ok());
    ExpectNear(f.m.Output<float>(0), {2.1f});
  }
}

TEST(SvdfTest, FloatBatchesKeepSeparateStates) {
  SingleOpModel m;
  const int input = m.AddInput(DType::kFloat32, {2, 2});
  m.AddConstInput<float>({2, 2}, {1, 2, 0.5f, -1});
  m.AddConstInput<float>({2, 2}, {1, 0.5f, 2, -1});
  m.AddOmittedInput();  // no bias
  m.AddVariableInput(DType::kFloat32, {2, 4});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kSvdf, ir::SvdfOptions{1, ir::Activation::kNone, false});
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(input, {1, 1, 2, 0});
  ASSERT_TRUE(m.Invoke().ok());
  // Batch 1 alone: projections 2 and 1 -> 0.5 * 2 = 1 and -1 * 1 = -1.
  ExpectNear(m.Output<float>(0), {1.5f, 0.5f, 1.0f, -1.0f});
  m.SetInput<float>(input, {2, 0, 1, 1});
  ASSERT_TRUE(m.Invoke().ok());
  // Batch 0 memories [3, 2], [-0.5, 1]; batch 1 memories [2, 3], [1, -0.5].
  ExpectNear(m.Output<float>(0), {4.0f, -2.0f, 3.5f, 2.5f});
}

// int8 SVDF. Scales: input 0.5 (zero point 2), weights_feature 0.25,
// state 0.125, weights_time 0.5, output 0.25 (zero point -3): the
// projection multiplier is exactly 1 and the output multiplier 0.25.
struct Int8Svdf {
  explicit Int8Svdf(float state_scale = 0.125f, ir::Activation act = ir::Activation::kRelu) {
    input = m.AddInput(DType::kInt8, {1, 2}, PerTensor(0.5f, 2));
    m.AddConstInput<int8_t>({2, 2}, {4, 8, 2, -4}, PerTensor(0.25f, 0));
    m.AddConstInput<int16_t>({2, 2}, {2, 1, 4, -2}, PerTensor(0.5f, 0));
    m.AddConstInput<int32_t>({2}, {1, -2}, PerTensor(state_scale * 0.5f, 0));
    m.AddVariableInput(DType::kInt16, {1, 4}, PerTensor(state_scale, 0));
    m.AddOutput(DType::kInt8, {}, PerTensor(0.25f, -3));
    m.SetOp(ir::OpType::kSvdf, ir::SvdfOptions{1, act, false}, 3);
  }
  SingleOpModel m;
  int input = 0;
};

TEST(SvdfTest, Int8MatchesTfliteRounding) {
  Int8Svdf s;
  ASSERT_TRUE(s.m.Build().ok());
  // x - zp = [2, 2]: projections 24 and -4; time sums 24 and 8; plus bias
  // 25 and 6; times 0.25 with TFLite's two roundings: 6.25 -> 7, 1.5 -> 2;
  // plus the zero point.
  s.m.SetInput<int8_t>(s.input, {4, 4});
  ASSERT_TRUE(s.m.Invoke().ok());
  EXPECT_EQ(s.m.Output<int8_t>(0), (std::vector<int8_t>{4, -1}));
  // x - zp = [-2, 4]: projections 24 and -20; memories [24, 24] and
  // [-4, -20]; sums 72 + 1 = 73 -> 19 and 24 - 2 = 22 -> 6.
  s.m.SetInput<int8_t>(s.input, {0, 6});
  ASSERT_TRUE(s.m.Invoke().ok());
  EXPECT_EQ(s.m.Output<int8_t>(0), (std::vector<int8_t>{16, 3}));
}

TEST(SvdfTest, Int8StateSaturatesToInt16) {
  // State scale 0.125 / 1024: the projection multiplier is 1024, so
  // 1500 * 1024 and -250 * 1024 saturate to 32767 and -32768. The output
  // multiplier is 1/4096: 32768 -> 8 and 65534 -> 16 (15.9995 rounded).
  Int8Svdf s(0.125f / 1024);
  ASSERT_TRUE(s.m.Build().ok());
  s.m.SetInput<int8_t>(s.input, {127, 127});
  ASSERT_TRUE(s.m.Invoke().ok());
  EXPECT_EQ(s.m.Output<int8_t>(0), (std::vector<int8_t>{5, 13}));
}

TEST(SvdfTest, Int8NeedsRelu) {
  Int8Svdf s(0.125f, ir::Activation::kNone);
  const Status st = s.m.Build();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("RELU"), std::string::npos) << st.message();
}

TEST(SvdfTest, StateMustBeAVariableOfTheRightShape) {
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {1, 2});
    m.AddConstInput<float>({2, 2}, {1, 2, 0.5f, -1});
    m.AddConstInput<float>({2, 2}, {1, 0.5f, 2, -1});
    m.AddOmittedInput();
    m.AddInput(DType::kFloat32, {1, 4});  // not a variable
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kSvdf, ir::SvdfOptions{1, ir::Activation::kNone, false});
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("must be a variable"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {1, 2});
    m.AddConstInput<float>({2, 2}, {1, 2, 0.5f, -1});
    m.AddConstInput<float>({2, 2}, {1, 0.5f, 2, -1});
    m.AddOmittedInput();
    m.AddVariableInput(DType::kFloat32, {1, 3});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kSvdf, ir::SvdfOptions{1, ir::Activation::kNone, false});
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("memory_size * filters"), std::string::npos) << s.message();
  }
}

TEST(SvdfTest, RankAndTypeErrors) {
  {
    FloatSvdf f(ir::Activation::kNone, /*rank=*/3);  // 2 filters, rank 3
    const Status s = f.m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("not a multiple of rank 3"), std::string::npos) << s.message();
  }
  {
    // Hybrid: float input, int8 weights.
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {1, 2});
    m.AddConstInput<int8_t>({2, 2}, {4, 8, 2, -4}, PerTensor(0.25f, 0));
    m.AddConstInput<int8_t>({2, 2}, {2, 1, 4, -2}, PerTensor(0.5f, 0));
    m.AddOmittedInput();
    m.AddVariableInput(DType::kFloat32, {1, 4});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kSvdf, ir::SvdfOptions{1, ir::Activation::kNone, false}, 2);
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kUnimplemented) << s.message();
    EXPECT_NE(s.message().find("hybrid"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kUInt8, {1, 2}, PerTensor(0.5f, 2));
    m.AddConstInput<int8_t>({2, 2}, {4, 8, 2, -4}, PerTensor(0.25f, 0));
    m.AddConstInput<int16_t>({2, 2}, {2, 1, 4, -2}, PerTensor(0.5f, 0));
    m.AddOmittedInput();
    m.AddVariableInput(DType::kInt16, {1, 4}, PerTensor(0.125f, 0));
    m.AddOutput(DType::kUInt8, {}, PerTensor(0.25f, 3));
    m.SetOp(ir::OpType::kSvdf, ir::SvdfOptions{1, ir::Activation::kRelu, false});
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("uint8"), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace liteforge::ops
