// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Expected values were computed independently with numpy (a direct float
// LSTM: sigmoid gates, tanh cell activation, c' = f*c + i*g, h = o*tanh(c'),
// peephole/projection/layer norm/CIFG variants as in TFLite's lstm_eval), not
// with this code.

#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

void ExpectNear(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-5) << "at " << i;
}

// Gate order: input, forget, cell, output. An empty vector is an omitted input.
template <typename W>
struct LstmSpec {
  int n_input = 2;
  int n_cell = 2;
  int n_output = 2;
  std::array<std::vector<W>, 4> w, r;
  std::array<std::vector<W>, 4> peephole;  // index 2 (cell) unused
  std::array<std::vector<float>, 4> bias;
  std::array<std::vector<float>, 4> layer_norm;
  std::vector<W> projection;
  std::vector<float> projection_bias;
};

// Model A: 2 inputs, 2 cells, no projection.
LstmSpec<float> ModelA() {
  LstmSpec<float> s;
  s.w = {{{0.1f, 0.2f, 0.3f, -0.1f},
          {-0.2f, 0.4f, 0.5f, 0.1f},
          {0.3f, -0.3f, 0.2f, 0.6f},
          {0.4f, 0.1f, -0.5f, 0.2f}}};
  s.r = {{{0.1f, -0.1f, 0.2f, 0.05f},
          {0.3f, 0.1f, -0.2f, 0.2f},
          {-0.1f, 0.4f, 0.25f, -0.3f},
          {0.2f, 0.2f, 0.1f, -0.4f}}};
  s.bias = {{{0.1f, -0.1f}, {1.0f, 0.5f}, {0.0f, 0.2f}, {-0.1f, 0.3f}}};
  return s;
}

// numpy: model A over x0 = [1, 0.5], x1 = [-0.5, 2] ...
const std::vector<float> kModelAOut = {0.050049021f, 0.149083095f, -0.13733728f, 0.347658876f};
// ... and over x0 = [0.25, -1], x1 = [2, 1].
const std::vector<float> kModelAOutOther = {0.081120669f, -0.085291529f, 0.191174848f,
                                            0.135558199f};

struct FloatLstm {
  FloatLstm(const LstmSpec<float>& s, const Shape& input_shape, int n_batch,
            ir::SequenceLstmOptions opts = {ir::Activation::kTanh, 0.f, 0.f, false}) {
    input = m.AddInput(DType::kFloat32, input_shape);
    auto add = [&](const std::vector<float>& v, const Shape& shape) {
      if (v.empty()) {
        m.AddOmittedInput();
      } else {
        m.AddConstInput<float>(shape, v);
      }
    };
    for (int g = 0; g < 4; ++g) add(s.w[g], {s.n_cell, s.n_input});
    for (int g = 0; g < 4; ++g) add(s.r[g], {s.n_cell, s.n_output});
    for (int g : {0, 1, 3}) add(s.peephole[g], {s.n_cell});
    for (int g = 0; g < 4; ++g) add(s.bias[g], {s.n_cell});
    add(s.projection, {s.n_output, s.n_cell});
    add(s.projection_bias, {s.n_output});
    m.AddVariableInput(DType::kFloat32, {n_batch, s.n_output});
    m.AddVariableInput(DType::kFloat32, {n_batch, s.n_cell});
    for (int g = 0; g < 4; ++g) add(s.layer_norm[g], {s.n_cell});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kUnidirectionalSequenceLstm, opts);
  }
  SingleOpModel m;
  int input = 0;
};

TEST(UnidirectionalSequenceLstmTest, FloatBasicSequence) {
  FloatLstm f(ModelA(), {1, 2, 2}, 1);
  ASSERT_TRUE(f.m.Build().ok());
  EXPECT_EQ(f.m.OutputShape(0), Shape({1, 2, 2}));
  f.m.SetInput<float>(f.input, {1, 0.5f, -0.5f, 2});
  ASSERT_TRUE(f.m.Invoke().ok());
  ExpectNear(f.m.Output<float>(0), kModelAOut);
}

TEST(UnidirectionalSequenceLstmTest, FloatStatePersistsAcrossInvokes) {
  // One step per invoke: the second invoke must continue from the first.
  FloatLstm f(ModelA(), {1, 1, 2}, 1);
  ASSERT_TRUE(f.m.Build().ok());
  f.m.SetInput<float>(f.input, {1, 0.5f});
  ASSERT_TRUE(f.m.Invoke().ok());
  ExpectNear(f.m.Output<float>(0), {kModelAOut[0], kModelAOut[1]});
  f.m.SetInput<float>(f.input, {-0.5f, 2});
  ASSERT_TRUE(f.m.Invoke().ok());
  ExpectNear(f.m.Output<float>(0), {kModelAOut[2], kModelAOut[3]});
}

TEST(UnidirectionalSequenceLstmTest, FloatBatchMajorAndTimeMajorAgree) {
  // Batch 0 sees [1, 0.5], [-0.5, 2]; batch 1 sees [0.25, -1], [2, 1].
  {
    FloatLstm f(ModelA(), {2, 2, 2}, 2);  // [batch, time, input]
    ASSERT_TRUE(f.m.Build().ok());
    f.m.SetInput<float>(f.input, {1, 0.5f, -0.5f, 2, 0.25f, -1, 2, 1});
    ASSERT_TRUE(f.m.Invoke().ok());
    std::vector<float> want = kModelAOut;
    want.insert(want.end(), kModelAOutOther.begin(), kModelAOutOther.end());
    ExpectNear(f.m.Output<float>(0), want);
  }
  {
    FloatLstm f(ModelA(), {2, 2, 2}, 2,
                {ir::Activation::kTanh, 0.f, 0.f, true});  // [time, batch, input]
    ASSERT_TRUE(f.m.Build().ok());
    f.m.SetInput<float>(f.input, {1, 0.5f, 0.25f, -1, -0.5f, 2, 2, 1});
    ASSERT_TRUE(f.m.Invoke().ok());
    ExpectNear(f.m.Output<float>(0),
               {kModelAOut[0], kModelAOut[1], kModelAOutOther[0], kModelAOutOther[1], kModelAOut[2],
                kModelAOut[3], kModelAOutOther[2], kModelAOutOther[3]});
  }
}

// CIFG (no input gate), peephole on forget/output, projection 3 -> 2 with bias.
LstmSpec<float> ModelB() {
  LstmSpec<float> s;
  s.n_cell = 3;
  s.w = {{{},
          {0.2f, -0.4f, 0.5f, 0.3f, -0.1f, 0.2f},
          {0.7f, -0.3f, 0.2f, 0.9f, -0.6f, 0.4f},
          {0.4f, 0.1f, -0.5f, 0.2f, 0.3f, 0.3f}}};
  s.r = {{{},
          {0.3f, 0.1f, -0.2f, 0.2f, 0.1f, 0.1f},
          {-0.1f, 0.4f, 0.25f, -0.3f, 0.5f, 0.2f},
          {0.2f, 0.2f, 0.1f, -0.4f, -0.3f, 0.1f}}};
  s.bias = {{{}, {0.5f, 0.2f, -0.3f}, {0.1f, -0.2f, 0.3f}, {0.0f, 0.1f, -0.1f}}};
  s.peephole = {{{}, {0.5f, -0.4f, 0.3f}, {}, {-0.2f, 0.6f, 0.1f}}};
  s.projection = {0.8f, -0.5f, 0.3f, 0.4f, 0.6f, -0.7f};
  s.projection_bias = {0.05f, -0.05f};
  return s;
}

TEST(UnidirectionalSequenceLstmTest, FloatCifgPeepholeProjection) {
  FloatLstm f(ModelB(), {1, 3, 2}, 1);
  ASSERT_TRUE(f.m.Build().ok());
  EXPECT_EQ(f.m.OutputShape(0), Shape({1, 3, 2}));
  f.m.SetInput<float>(f.input, {1, 0.5f, -0.5f, 2, 1.5f, 1.5f});
  ASSERT_TRUE(f.m.Invoke().ok());
  ExpectNear(f.m.Output<float>(0), {0.114124877f, 0.057956445f, -0.149347449f, -0.085702228f,
                                    0.037969916f, 0.065601273f});
}

TEST(UnidirectionalSequenceLstmTest, FloatCellAndProjectionClipping) {
  FloatLstm f(ModelB(), {1, 3, 2}, 1, {ir::Activation::kTanh, 0.15f, 0.1f, false});
  ASSERT_TRUE(f.m.Build().ok());
  f.m.SetInput<float>(f.input, {1, 0.5f, -0.5f, 2, 1.5f, 1.5f});
  ASSERT_TRUE(f.m.Invoke().ok());
  ExpectNear(f.m.Output<float>(0),
             {0.083930134f, 0.042859073f, -0.036922347f, -0.079359294f, 0.1f, 0.003873214f});
}

TEST(UnidirectionalSequenceLstmTest, FloatLayerNorm) {
  LstmSpec<float> s;
  s.n_cell = 3;
  s.n_output = 3;
  s.w = {{{0.1f, 0.2f, 0.3f, -0.1f, 0.5f, 0.5f},
          {-0.2f, 0.4f, 0.5f, 0.1f, 0.1f, -0.3f},
          {0.3f, -0.3f, 0.2f, 0.6f, -0.4f, 0.1f},
          {0.4f, 0.1f, -0.5f, 0.2f, 0.2f, 0.2f}}};
  s.r = {{{0.1f, -0.1f, 0.2f, 0.2f, 0.05f, 0.0f, 0.1f, 0.1f, 0.1f},
          {0.3f, 0.1f, -0.1f, -0.2f, 0.2f, 0.3f, 0.0f, 0.1f, 0.2f},
          {-0.1f, 0.4f, 0.1f, 0.25f, -0.3f, 0.2f, 0.1f, 0.0f, 0.3f},
          {0.2f, 0.2f, 0.1f, 0.1f, -0.4f, 0.2f, 0.3f, 0.1f, 0.0f}}};
  s.bias = {{{0.1f, -0.1f, 0.0f}, {1.0f, 0.5f, 0.2f}, {0.0f, 0.2f, -0.1f}, {-0.1f, 0.3f, 0.1f}}};
  s.layer_norm = {{{1.0f, 0.5f, 0.8f}, {0.7f, 1.2f, 0.9f}, {0.6f, 0.4f, 1.1f}, {1.0f, 0.9f, 0.3f}}};
  FloatLstm f(s, {1, 2, 2}, 1);
  ASSERT_TRUE(f.m.Build().ok());
  f.m.SetInput<float>(f.input, {1, 0.5f, -0.5f, 2});
  ASSERT_TRUE(f.m.Invoke().ok());
  ExpectNear(f.m.Output<float>(0), {0.019565433f, 0.063185704f, -0.334608761f, -0.065686069f,
                                    0.24032634f, -0.087267768f});
}

// ---------------------------------------------------------------------------
// int8 "8x8_16"

// Model A quantized: input scale 1/64 zero point 10, weights 1/256, biases
// at 1/16384, output state and hidden 1/64 with zero point `state_zp`, cell
// 2^-12.
struct Int8Lstm {
  Int8Lstm(const Shape& input_shape, int n_batch, bool time_major = false, int state_zp = 0) {
    const std::array<std::vector<int8_t>, 4> w = {
        {{26, 51, 77, -26}, {-51, 102, 127, 26}, {77, -77, 51, 127}, {102, 26, -128, 51}}};
    const std::array<std::vector<int8_t>, 4> r = {
        {{26, -26, 51, 13}, {77, 26, -51, 51}, {-26, 102, 64, -77}, {51, 51, 26, -102}}};
    const std::array<std::vector<int32_t>, 4> b = {
        {{1638, -1638}, {16384, 8192}, {0, 3277}, {-1638, 4915}}};
    const QuantParams state_q = PerTensor(1.0f / 64, state_zp);
    input = m.AddInput(DType::kInt8, input_shape, PerTensor(1.0f / 64, 10));
    for (int g = 0; g < 4; ++g) m.AddConstInput<int8_t>({2, 2}, w[g], PerTensor(1.0f / 256, 0));
    for (int g = 0; g < 4; ++g) m.AddConstInput<int8_t>({2, 2}, r[g], PerTensor(1.0f / 256, 0));
    for (int i = 0; i < 3; ++i) m.AddOmittedInput();
    for (int g = 0; g < 4; ++g) m.AddConstInput<int32_t>({2}, b[g], PerTensor(1.0f / 16384, 0));
    m.AddOmittedInput();
    m.AddOmittedInput();
    m.AddVariableInput(DType::kInt8, {n_batch, 2}, state_q);
    m.AddVariableInput(DType::kInt16, {n_batch, 2}, PerTensor(1.0f / 4096, 0));
    for (int i = 0; i < 4; ++i) m.AddOmittedInput();
    m.AddOutput(DType::kInt8, {}, state_q);
    for (int i = 0; i < 4; ++i) m.AddIntermediate(DType::kFloat32, {});
    m.AddIntermediate(DType::kInt8, state_q);
    m.SetOp(ir::OpType::kUnidirectionalSequenceLstm,
            ir::SequenceLstmOptions{ir::Activation::kTanh, 10.f, 0.f, time_major});
  }
  SingleOpModel m;
  int input = 0;
};

// numpy float LSTM on the dequantized weights, with the output state
// requantized after each step: h / (1/64) = 3.21, 9.03, -8.06, 20.29 (each at
// least 0.2 away from a rounding boundary, far beyond the error of the
// fixed-point gates).
TEST(UnidirectionalSequenceLstmTest, Int8Sequence) {
  Int8Lstm q({1, 2, 2}, 1);
  ASSERT_TRUE(q.m.Build().ok());
  // x = [1, 0.5], [-0.5, 2 (saturates to 127)] at 1/64 + 10.
  q.m.SetInput<int8_t>(q.input, {74, 42, -22, 127});
  ASSERT_TRUE(q.m.Invoke().ok());
  EXPECT_EQ(q.m.Output<int8_t>(0), (std::vector<int8_t>{3, 9, -8, 20}));
}

TEST(UnidirectionalSequenceLstmTest, Int8StatePersistsAndBatchesAreIndependent) {
  Int8Lstm q({2, 1, 2}, 2);  // two batches, one step per invoke
  ASSERT_TRUE(q.m.Build().ok());
  q.m.SetInput<int8_t>(q.input, {74, 42, 74, 42});
  ASSERT_TRUE(q.m.Invoke().ok());
  EXPECT_EQ(q.m.Output<int8_t>(0), (std::vector<int8_t>{3, 9, 3, 9}));
  q.m.SetInput<int8_t>(q.input, {-22, 127, 74, 42});
  ASSERT_TRUE(q.m.Invoke().ok());
  // Batch 1 saw x0 twice; numpy: 6.68, 14.24.
  EXPECT_EQ(q.m.Output<int8_t>(0), (std::vector<int8_t>{-8, 20, 7, 14}));
}

TEST(UnidirectionalSequenceLstmTest, Int8TimeMajorMatchesBatchMajor) {
  Int8Lstm q({2, 1, 2}, 1, /*time_major=*/true);
  ASSERT_TRUE(q.m.Build().ok());
  q.m.SetInput<int8_t>(q.input, {74, 42, -22, 127});
  ASSERT_TRUE(q.m.Invoke().ok());
  EXPECT_EQ(q.m.OutputShape(0), Shape({2, 1, 2}));
  EXPECT_EQ(q.m.Output<int8_t>(0), (std::vector<int8_t>{3, 9, -8, 20}));
}

// Output state / hidden zero point -3: the same real values shifted by -3
// (numpy: 0.21, 6.03, -11.06, 17.29). TFLite starts an int8 variable at its
// zero point (ResetVariableTensor), i.e. at real 0; liteforge's runtime still
// zero-fills variables (real +3/64 here), so this stays disabled until
// ExecutionContext::ResetVariables fills int8 variables with their zero point.
TEST(UnidirectionalSequenceLstmTest, Int8NonZeroStateZeroPoint) {
  Int8Lstm q({1, 2, 2}, 1, /*time_major=*/false, /*state_zp=*/-3);
  ASSERT_TRUE(q.m.Build().ok());
  q.m.SetInput<int8_t>(q.input, {74, 42, -22, 127});
  ASSERT_TRUE(q.m.Invoke().ok());
  EXPECT_EQ(q.m.Output<int8_t>(0), (std::vector<int8_t>{0, 6, -11, 17}));
}

// Model B quantized (CIFG, int16 peephole, projection with bias): input 1/64
// zero point -5, weights 1/128, peephole 1/4096, hidden 1/141, output 1/283.
// numpy, with the hidden vector rounded to int8 before the projection as the
// integer kernel does: outputs 31.93, 16.97, -42.71, -23.77, 10.16, 19.76
// (hidden and outputs all at least 0.2 LSB from a rounding boundary).
TEST(UnidirectionalSequenceLstmTest, Int8CifgPeepholeProjection) {
  SingleOpModel m;
  const QuantParams w_q = PerTensor(1.0f / 128, 0);
  const int input = m.AddInput(DType::kInt8, {1, 3, 2}, PerTensor(1.0f / 64, -5));
  m.AddOmittedInput();
  m.AddConstInput<int8_t>({3, 2}, {26, -51, 64, 38, -13, 26}, w_q);
  m.AddConstInput<int8_t>({3, 2}, {90, -38, 26, 115, -77, 51}, w_q);
  m.AddConstInput<int8_t>({3, 2}, {51, 13, -64, 26, 38, 38}, w_q);
  m.AddOmittedInput();
  m.AddConstInput<int8_t>({3, 2}, {38, 13, -26, 26, 13, 13}, w_q);
  m.AddConstInput<int8_t>({3, 2}, {-13, 51, 32, -38, 64, 26}, w_q);
  m.AddConstInput<int8_t>({3, 2}, {26, 26, 13, -51, -38, 13}, w_q);
  m.AddOmittedInput();
  m.AddConstInput<int16_t>({3}, {2048, -1638, 1229}, PerTensor(1.0f / 4096, 0));
  m.AddConstInput<int16_t>({3}, {-819, 2458, 410}, PerTensor(1.0f / 4096, 0));
  m.AddOmittedInput();
  const QuantParams b_q = PerTensor(1.0f / 8192, 0);
  m.AddConstInput<int32_t>({3}, {4096, 1638, -2458}, b_q);
  m.AddConstInput<int32_t>({3}, {819, -1638, 2458}, b_q);
  m.AddConstInput<int32_t>({3}, {0, 819, -819}, b_q);
  m.AddConstInput<int8_t>({2, 3}, {102, -64, 38, 51, 77, -90}, w_q);
  m.AddConstInput<int32_t>({2}, {902, -902}, PerTensor(1.0f / (128 * 141), 0));
  const QuantParams out_q = PerTensor(1.0f / 283, 0);
  m.AddVariableInput(DType::kInt8, {1, 2}, out_q);
  m.AddVariableInput(DType::kInt16, {1, 3}, PerTensor(1.0f / 4096, 0));
  for (int i = 0; i < 4; ++i) m.AddOmittedInput();
  m.AddOutput(DType::kInt8, {}, out_q);
  for (int i = 0; i < 4; ++i) m.AddIntermediate(DType::kFloat32, {});
  m.AddIntermediate(DType::kInt8, PerTensor(1.0f / 141, 0));
  m.SetOp(ir::OpType::kUnidirectionalSequenceLstm,
          ir::SequenceLstmOptions{ir::Activation::kTanh, 0.f, 0.f, false});
  ASSERT_TRUE(m.Build().ok());
  EXPECT_EQ(m.OutputShape(0), Shape({1, 3, 2}));
  m.SetInput<int8_t>(input, {59, 27, -37, 123, 91, 91});
  ASSERT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{32, 17, -43, -24, 10, 20}));
}

// ---------------------------------------------------------------------------
// errors

TEST(UnidirectionalSequenceLstmTest, WrongWeightShapeNamesTheTensor) {
  LstmSpec<float> s = ModelA();
  s.w[1] = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2});
  for (int g = 0; g < 4; ++g) {
    m.AddConstInput<float>(g == 1 ? Shape({2, 3}) : Shape({2, 2}), s.w[g]);
  }
  for (int g = 0; g < 4; ++g) m.AddConstInput<float>({2, 2}, s.r[g]);
  for (int i = 0; i < 3; ++i) m.AddOmittedInput();
  for (int g = 0; g < 4; ++g) m.AddConstInput<float>({2}, s.bias[g]);
  m.AddOmittedInput();
  m.AddOmittedInput();
  m.AddVariableInput(DType::kFloat32, {1, 2});
  m.AddVariableInput(DType::kFloat32, {1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kUnidirectionalSequenceLstm,
          ir::SequenceLstmOptions{ir::Activation::kTanh, 0.f, 0.f, false});
  const Status st = m.Build();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("input_to_forget_weights"), std::string::npos) << st.message();
}

// A float model A with input `i` replaced: `kind` 0 omits it, 1 makes it a
// non-variable constant.
Status BuildModelAWithBadState(int state_input, int kind) {
  LstmSpec<float> s = ModelA();
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 2, 2});
  for (int g = 0; g < 4; ++g) m.AddConstInput<float>({2, 2}, s.w[g]);
  for (int g = 0; g < 4; ++g) m.AddConstInput<float>({2, 2}, s.r[g]);
  for (int i = 0; i < 3; ++i) m.AddOmittedInput();
  for (int g = 0; g < 4; ++g) m.AddConstInput<float>({2}, s.bias[g]);
  m.AddOmittedInput();
  m.AddOmittedInput();
  for (int i : {18, 19}) {
    if (i != state_input) {
      m.AddVariableInput(DType::kFloat32, {1, 2});
    } else if (kind == 0) {
      m.AddOmittedInput();
    } else {
      m.AddConstInput<float>({1, 2}, {0, 0});
    }
  }
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kUnidirectionalSequenceLstm,
          ir::SequenceLstmOptions{ir::Activation::kTanh, 0.f, 0.f, false});
  return m.Build();
}

TEST(UnidirectionalSequenceLstmTest, MissingOrConstantStateIsAnError) {
  {
    const Status st = BuildModelAWithBadState(18, 0);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("output_state"), std::string::npos) << st.message();
  }
  {
    const Status st = BuildModelAWithBadState(19, 0);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("cell_state"), std::string::npos) << st.message();
  }
  {
    const Status st = BuildModelAWithBadState(19, 1);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("must be a variable"), std::string::npos) << st.message();
  }
}

TEST(UnidirectionalSequenceLstmTest, UnsupportedTypesAreClearErrors) {
  {
    // Float input with int16 weights (only int8 hybrid weights exist).
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {1, 2, 2});
    for (int g = 0; g < 8; ++g) {
      m.AddConstInput<int16_t>({2, 2}, {1, 2, 3, 4}, PerTensor(0.1f, 0));
    }
    for (int i = 0; i < 3; ++i) m.AddOmittedInput();
    for (int g = 0; g < 4; ++g) m.AddConstInput<float>({2}, {0, 0});
    m.AddOmittedInput();
    m.AddOmittedInput();
    m.AddVariableInput(DType::kFloat32, {1, 2});
    m.AddVariableInput(DType::kFloat32, {1, 2});
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kUnidirectionalSequenceLstm,
            ir::SequenceLstmOptions{ir::Activation::kTanh, 0.f, 0.f, false});
    const Status st = m.Build();
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), StatusCode::kUnimplemented) << st.message();
    EXPECT_NE(st.message().find("hybrid"), std::string::npos) << st.message();
  }
  {
    // Float input with an int16 cell state.
    LstmSpec<float> s = ModelA();
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {1, 2, 2});
    for (int g = 0; g < 4; ++g) m.AddConstInput<float>({2, 2}, s.w[g]);
    for (int g = 0; g < 4; ++g) m.AddConstInput<float>({2, 2}, s.r[g]);
    for (int i = 0; i < 3; ++i) m.AddOmittedInput();
    for (int g = 0; g < 4; ++g) m.AddConstInput<float>({2}, s.bias[g]);
    m.AddOmittedInput();
    m.AddOmittedInput();
    m.AddVariableInput(DType::kFloat32, {1, 2});
    m.AddVariableInput(DType::kInt16, {1, 2}, PerTensor(1.0f / 4096, 0));
    m.AddOutput(DType::kFloat32);
    m.SetOp(ir::OpType::kUnidirectionalSequenceLstm,
            ir::SequenceLstmOptions{ir::Activation::kTanh, 0.f, 0.f, false});
    const Status st = m.Build();
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("cell_state"), std::string::npos) << st.message();
  }
  {
    // Rank-2 input.
    FloatLstm f(ModelA(), {2, 2}, 1);
    const Status st = f.m.Build();
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("input"), std::string::npos) << st.message();
  }
}

TEST(UnidirectionalSequenceLstmTest, Int8NonPowerOfTwoCellScaleIsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {1, 1, 2}, PerTensor(1.0f / 64, 0));
  for (int g = 0; g < 8; ++g) m.AddConstInput<int8_t>({2, 2}, {1, 2, 3, 4}, PerTensor(0.01f, 0));
  for (int i = 0; i < 3; ++i) m.AddOmittedInput();
  for (int g = 0; g < 4; ++g) m.AddConstInput<int32_t>({2}, {0, 0}, PerTensor(0.001f, 0));
  m.AddOmittedInput();
  m.AddOmittedInput();
  m.AddVariableInput(DType::kInt8, {1, 2}, PerTensor(0.01f, 0));
  m.AddVariableInput(DType::kInt16, {1, 2}, PerTensor(0.0003f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.01f, 0));
  for (int i = 0; i < 4; ++i) m.AddIntermediate(DType::kFloat32, {});
  m.AddIntermediate(DType::kInt8, PerTensor(0.01f, 0));
  m.SetOp(ir::OpType::kUnidirectionalSequenceLstm,
          ir::SequenceLstmOptions{ir::Activation::kTanh, 0.f, 0.f, false});
  const Status st = m.Build();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kUnimplemented) << st.message();
  EXPECT_NE(st.message().find("power of two"), std::string::npos) << st.message();
}


// ---------------------------------------------------------------------------
// hybrid: float activations, int8 weights

namespace hybrid {

// Symmetric per-tensor int8 quantization of a float weight tensor.
struct QuantWeights {
  std::vector<int8_t> q;
  float scale = 1.f;
  std::vector<float> dequantized;
};

QuantWeights Quantize(const std::vector<float>& w) {
  QuantWeights r;
  float m = 0.f;
  for (float v : w) m = std::max(m, std::fabs(v));
  r.scale = m > 0 ? m / 127.f : 1.f;
  for (float v : w) {
    r.q.push_back(static_cast<int8_t>(std::lround(v / r.scale)));
    r.dequantized.push_back(static_cast<float>(r.q.back()) * r.scale);
  }
  return r;
}

// The float spec with every weight replaced by its dequantized int8 value.
LstmSpec<float> Dequantized(const LstmSpec<float>& s) {
  LstmSpec<float> d = s;
  for (int g = 0; g < 4; ++g) {
    if (!s.w[g].empty()) d.w[g] = Quantize(s.w[g]).dequantized;
    if (!s.r[g].empty()) d.r[g] = Quantize(s.r[g]).dequantized;
    if (!s.peephole[g].empty()) d.peephole[g] = Quantize(s.peephole[g]).dequantized;
  }
  if (!s.projection.empty()) d.projection = Quantize(s.projection).dequantized;
  return d;
}

struct HybridLstm {
  HybridLstm(const LstmSpec<float>& s, const Shape& input_shape, int n_batch, bool asymmetric) {
    input = m.AddInput(DType::kFloat32, input_shape);
    auto weights = [&](const std::vector<float>& v, const Shape& shape) {
      if (v.empty()) {
        m.AddOmittedInput();
        return;
      }
      QuantWeights q = Quantize(v);
      m.AddConstInput<int8_t>(shape, q.q, PerTensor(q.scale, 0));
    };
    auto floats = [&](const std::vector<float>& v, const Shape& shape) {
      if (v.empty()) {
        m.AddOmittedInput();
      } else {
        m.AddConstInput<float>(shape, v);
      }
    };
    for (int g = 0; g < 4; ++g) weights(s.w[g], {s.n_cell, s.n_input});
    for (int g = 0; g < 4; ++g) weights(s.r[g], {s.n_cell, s.n_output});
    for (int g : {0, 1, 3}) weights(s.peephole[g], {s.n_cell});
    for (int g = 0; g < 4; ++g) floats(s.bias[g], {s.n_cell});
    weights(s.projection, {s.n_output, s.n_cell});
    floats(s.projection_bias, {s.n_output});
    m.AddVariableInput(DType::kFloat32, {n_batch, s.n_output});
    m.AddVariableInput(DType::kFloat32, {n_batch, s.n_cell});
    for (int g = 0; g < 4; ++g) floats(s.layer_norm[g], {s.n_cell});
    m.AddOutput(DType::kFloat32);
    ir::SequenceLstmOptions opts{ir::Activation::kTanh, 0.f, 0.f, false};
    opts.asymmetric_quantize_inputs = asymmetric;
    m.SetOp(ir::OpType::kUnidirectionalSequenceLstm, opts, asymmetric ? 3 : 2);
  }
  SingleOpModel m;
  int input = 0;
};

// Real values the hybrid kernel sees for an input row x quantized
// symmetrically: q = round(x * 127 / max|x|).
std::vector<float> SymmetricRow(const std::vector<float>& x) {
  float m = 0.f;
  for (float v : x) m = std::max(m, std::fabs(v));
  const float s = m / 127.f;
  std::vector<float> out;
  for (float v : x) out.push_back(static_cast<float>(std::lround(v / s)) * s);
  return out;
}

TEST(UnidirectionalSequenceLstmTest, HybridFirstStepIsFloatOnQuantizedValues) {
  // From a zero state only the input product counts: the hybrid step equals
  // the float LSTM with dequantized weights run on the quantized input.
  const std::vector<float> x = {1.f, 0.3f};
  HybridLstm h(ModelA(), {1, 1, 2}, 1, /*asymmetric=*/false);
  ASSERT_TRUE(h.m.Build().ok());
  h.m.SetInput<float>(h.input, x);
  ASSERT_TRUE(h.m.Invoke().ok());
  FloatLstm f(Dequantized(ModelA()), {1, 1, 2}, 1);
  ASSERT_TRUE(f.m.Build().ok());
  f.m.SetInput<float>(f.input, SymmetricRow(x));
  ASSERT_TRUE(f.m.Invoke().ok());
  ExpectNear(h.m.Output<float>(0), f.m.Output<float>(0));
}

TEST(UnidirectionalSequenceLstmTest, HybridCloseToFloat) {
  for (bool asymmetric : {false, true}) {
    {
      HybridLstm h(ModelA(), {1, 2, 2}, 1, asymmetric);
      ASSERT_TRUE(h.m.Build().ok());
      h.m.SetInput<float>(h.input, {1, 0.5f, -0.5f, 2});
      ASSERT_TRUE(h.m.Invoke().ok());
      const std::vector<float> got = h.m.Output<float>(0);
      ASSERT_EQ(got.size(), kModelAOut.size());
      for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], kModelAOut[i], 0.01) << i;
    }
    {
      // CIFG, peephole (int8, recovered as q * scale) and projection.
      HybridLstm h(ModelB(), {1, 3, 2}, 1, asymmetric);
      ASSERT_TRUE(h.m.Build().ok());
      h.m.SetInput<float>(h.input, {1, 0.5f, -0.5f, 2, 1.5f, 1.5f});
      ASSERT_TRUE(h.m.Invoke().ok());
      const std::vector<float> want = {0.114124877f,  0.057956445f, -0.149347449f,
                                       -0.085702228f, 0.037969916f, 0.065601273f};
      const std::vector<float> got = h.m.Output<float>(0);
      ASSERT_EQ(got.size(), want.size());
      for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 0.01) << i;
    }
  }
}

TEST(UnidirectionalSequenceLstmTest, HybridRejectsAsymmetricWeights) {
  SingleOpModel m;
  const LstmSpec<float> s = ModelA();
  m.AddInput(DType::kFloat32, {1, 1, 2});
  for (int g = 0; g < 8; ++g) {
    const std::vector<float>& v = g < 4 ? s.w[g] : s.r[g - 4];
    QuantWeights q = Quantize(v);
    m.AddConstInput<int8_t>({2, 2}, q.q, PerTensor(q.scale, g == 3 ? 5 : 0));
  }
  for (int i = 0; i < 3; ++i) m.AddOmittedInput();
  for (int g = 0; g < 4; ++g) m.AddConstInput<float>({2}, s.bias[g]);
  m.AddOmittedInput();
  m.AddOmittedInput();
  m.AddVariableInput(DType::kFloat32, {1, 2});
  m.AddVariableInput(DType::kFloat32, {1, 2});
  m.AddOutput(DType::kFloat32);
  m.SetOp(ir::OpType::kUnidirectionalSequenceLstm,
          ir::SequenceLstmOptions{ir::Activation::kTanh, 0.f, 0.f, false}, 2);
  const Status st = m.Build();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("zero point 5; hybrid LSTM weights are symmetric"), std::string::npos)
      << st.message();
}

}  // namespace hybrid

}  // namespace
}  // namespace liteforge::ops
