// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Quantized expectations come from an independent Python model of TFLite's
// default softmax kernels (8-bit float table path; int16 table path).

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename In, typename Out>
std::vector<Out> RunOp(const std::vector<In>& in, const Shape& shape, float beta,
                       const QuantParams& qin, const QuantParams& qout) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<In>::value, shape, qin);
  m.AddOutput(DTypeOf<Out>::value, {}, qout);
  m.SetOp(ir::OpType::kSoftmax, ir::SoftmaxOptions{beta});
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<In>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  EXPECT_EQ(m.OutputShape(0), shape);
  return m.Output<Out>(0);
}

Status BuildError(DType in, DType out, const QuantParams& qin, const QuantParams& qout,
                  const Shape& shape = {1, 4}) {
  SingleOpModel m;
  m.AddInput(in, shape, qin);
  m.AddOutput(out, {}, qout);
  m.SetOp(ir::OpType::kSoftmax, ir::SoftmaxOptions{1.0f});
  return m.Build();
}

TEST(SoftmaxTest, FloatRows) {
  const std::vector<float> out =
      RunOp<float, float>({0, 1, 2, 3, 0, 1, 2, 3}, {2, 4}, 1.0f, {}, {});
  const std::vector<double> expected = {0.0320586, 0.0871443, 0.2368828, 0.6439143};
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(out[i], expected[i % 4], 1e-6) << i;
}

TEST(SoftmaxTest, FloatBetaAndHigherRank) {
  const std::vector<float> out =
      RunOp<float, float>({0, 1, 2, 3, 10, 10, 10, 10}, {2, 1, 4}, 2.0f, {}, {});
  const std::vector<double> expected = {0.0021440, 0.0158422, 0.1170589, 0.8649549,
                                        0.25,      0.25,      0.25,      0.25};
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(out[i], expected[i], 1e-6) << i;
}

TEST(SoftmaxTest, FloatLargeInputsStayFinite) {
  const std::vector<float> out = RunOp<float, float>({1000.f, 1000.f}, {2}, 1.0f, {}, {});
  EXPECT_EQ(out, (std::vector<float>{0.5f, 0.5f}));
}

TEST(SoftmaxTest, Uint8) {
  EXPECT_EQ((RunOp<uint8_t, uint8_t>({0, 10, 20, 30, 100, 100, 100, 100, 255, 0, 128, 250}, {3, 4},
                                     1.0f, PerTensor(0.1f, 0), PerTensor(1.0f / 256, 0))),
            (std::vector<uint8_t>{8, 22, 61, 165, 64, 64, 64, 64, 159, 0, 0, 97}));
}

TEST(SoftmaxTest, Int8) {
  EXPECT_EQ((RunOp<int8_t, int8_t>({-128, -10, 0, 127, 5, 5, -5, -5}, {2, 4}, 1.0f,
                                   PerTensor(0.05f, 3), PerTensor(1.0f / 256, -128))),
            (std::vector<int8_t>{-128, -128, -128, 127, -48, -48, -80, -80}));
  EXPECT_EQ((RunOp<int8_t, int8_t>({-128, -10, 0, 127, 5, 5, -5, -5}, {2, 4}, 0.5f,
                                   PerTensor(0.05f, 3), PerTensor(1.0f / 256, -128))),
            (std::vector<int8_t>{-128, -120, -118, 110, -56, -56, -72, -72}));
}

TEST(SoftmaxTest, Int8ToInt16) {
  EXPECT_EQ((RunOp<int8_t, int16_t>({-128, -10, 0, 127, 5, 5, -5, -5}, {2, 4}, 1.0f,
                                    PerTensor(0.05f, 0), PerTensor(1.0f / 32768, 0))),
            (std::vector<int16_t>{0, 35, 57, 32676, 10198, 10198, 6186, 6186}));
}

TEST(SoftmaxTest, Uint8ToInt16) {
  EXPECT_EQ((RunOp<uint8_t, int16_t>({0, 10, 20, 30}, {4}, 1.0f, PerTensor(0.1f, 0),
                                     PerTensor(1.0f / 32768, 0))),
            (std::vector<int16_t>{1050, 2856, 7762, 21100}));
}

TEST(SoftmaxTest, Int16) {
  EXPECT_EQ((RunOp<int16_t, int16_t>({-32768, -1000, 0, 1000, 5000, 7, 7, 7, 7, 7}, {2, 5}, 1.0f,
                                     PerTensor(1.0f / 4096, 0), PerTensor(1.0f / 32768, 0))),
            (std::vector<int16_t>{2, 3980, 5081, 6486, 17221, 6554, 6554, 6554, 6554, 6554}));
}

TEST(SoftmaxTest, Int8OutputMustBeScale1Over256ZeroPointMinus128) {
  const Status s =
      BuildError(DType::kInt8, DType::kInt8, PerTensor(0.1f, 0), PerTensor(1.0f / 256, 0));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("SOFTMAX"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("zero point -128"), std::string::npos) << s.message();
}

TEST(SoftmaxTest, Int16RankAboveFourIsUnimplemented) {
  const Status s = BuildError(DType::kInt16, DType::kInt16, PerTensor(0.001f, 0),
                              PerTensor(1.0f / 32768, 0), {1, 1, 1, 1, 4});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

TEST(SoftmaxTest, ScalarIsRejected) {
  const Status s = BuildError(DType::kFloat32, DType::kFloat32, {}, {}, {});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("scalar"), std::string::npos) << s.message();
}

TEST(SoftmaxTest, UnsupportedTypePairsAreUnimplemented) {
  Status s = BuildError(DType::kInt8, DType::kUInt8, PerTensor(0.1f, 0), PerTensor(1.0f / 256, 0));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
  s = BuildError(DType::kInt32, DType::kInt32, {}, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

// Rows are split over threads: 1 and 2 threads agree on every value; the
// 8-bit SIMD kernels also agree with the reference kernels (--isa
// reference) bit for bit.
template <typename In, typename Out>
std::vector<Out> RunRows(int threads, std::optional<Isa> max_isa, const QuantParams& qin,
                         const QuantParams& qout) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<In>::value, {300, 200}, qin);
  m.AddOutput(DTypeOf<Out>::value, {}, qout);
  m.SetOp(ir::OpType::kSoftmax, ir::SoftmaxOptions{0.8f});
  InterpreterOptions options;
  options.num_threads = threads;
  options.max_isa = max_isa;
  EXPECT_TRUE(m.Build(options).ok());
  std::vector<In> in(300 * 200);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<In>((i * 53) % 97);
  m.SetInput<In>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<Out>(0);
}

TEST(SoftmaxTest, ThreadsAndIsaGiveTheSameRows) {
  EXPECT_EQ((RunRows<float, float>(1, std::nullopt, {}, {})),
            (RunRows<float, float>(2, std::nullopt, {}, {})));
  const QuantParams qu8 = PerTensor(0.1f, 0), qs8 = PerTensor(0.1f, 3);
  const QuantParams out_u8 = PerTensor(1.0f / 256, 0), out_s8 = PerTensor(1.0f / 256, -128);
  const QuantParams out_s16 = PerTensor(1.0f / 32768, 0);
  for (int threads : {1, 2}) {
    EXPECT_EQ((RunRows<uint8_t, uint8_t>(threads, std::nullopt, qu8, out_u8)),
              (RunRows<uint8_t, uint8_t>(1, Isa::kReference, qu8, out_u8)));
    EXPECT_EQ((RunRows<int8_t, int8_t>(threads, std::nullopt, qs8, out_s8)),
              (RunRows<int8_t, int8_t>(1, Isa::kReference, qs8, out_s8)));
    EXPECT_EQ((RunRows<uint8_t, int16_t>(threads, std::nullopt, qu8, out_s16)),
              (RunRows<uint8_t, int16_t>(1, Isa::kReference, qu8, out_s16)));
    EXPECT_EQ((RunRows<int8_t, int16_t>(threads, std::nullopt, qs8, out_s16)),
              (RunRows<int8_t, int16_t>(1, Isa::kReference, qs8, out_s16)));
  }
}

}  // namespace
}  // namespace liteforge::ops
