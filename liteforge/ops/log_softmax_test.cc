// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Quantized expectations come from an independent Python model of TFLite's
// default 8-bit LOG_SOFTMAX (float table, logf, rint).

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <vector>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

template <typename T>
std::vector<T> RunOp(const std::vector<T>& in, const Shape& shape, const QuantParams& qin,
                     const QuantParams& qout) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<T>::value, shape, qin);
  m.AddOutput(DTypeOf<T>::value, {}, qout);
  m.SetOp(ir::OpType::kLogSoftmax);
  const Status s = m.Build();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(LogSoftmaxTest, Float) {
  const std::vector<float> out = RunOp<float>({0, 1, 2, 3, 5, 5}, {3, 2}, {}, {});
  const double l01 = std::log(1 + std::exp(1.0));
  const std::vector<double> expected = {-l01, 1 - l01, -l01, 1 - l01, -std::log(2.0),
                                        -std::log(2.0)};
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(out[i], expected[i], 1e-6) << i;
}

TEST(LogSoftmaxTest, Uint8) {
  EXPECT_EQ(RunOp<uint8_t>({0, 10, 20, 30, 200, 50, 255, 255}, {2, 4}, PerTensor(0.1f, 0),
                           PerTensor(16.0f / 256, 255)),
            (std::vector<uint8_t>{200, 216, 232, 248, 156, 0, 244, 244}));
}

TEST(LogSoftmaxTest, Int8) {
  EXPECT_EQ(RunOp<int8_t>({-128, -10, 0, 127, 5, 5, -5, -5}, {2, 4}, PerTensor(0.05f, 0),
                          PerTensor(16.0f / 256, 127)),
            (std::vector<int8_t>{-77, 17, 25, 127, 108, 108, 100, 100}));
}

TEST(LogSoftmaxTest, QuantizedOutputMustBe16Over256) {
  SingleOpModel m;
  m.AddInput(DType::kInt8, {4}, PerTensor(0.05f, 0));
  m.AddOutput(DType::kInt8, {}, PerTensor(0.1f, 127));
  m.SetOp(ir::OpType::kLogSoftmax);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("LOG_SOFTMAX"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("16/256"), std::string::npos) << s.message();
}

TEST(LogSoftmaxTest, Int16IsUnimplemented) {
  SingleOpModel m;
  m.AddInput(DType::kInt16, {4}, PerTensor(0.05f, 0));
  m.AddOutput(DType::kInt16, {}, PerTensor(0.05f, 0));
  m.SetOp(ir::OpType::kLogSoftmax);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnimplemented);
}

// Rows are split over threads: 1 and 2 threads agree on every value; the
// 8-bit SIMD kernels also agree with the reference kernels bit for bit.
template <typename T>
std::vector<T> RunRows(int threads, std::optional<Isa> max_isa, const QuantParams& qin,
                       const QuantParams& qout) {
  SingleOpModel m;
  const int x = m.AddInput(DTypeOf<T>::value, {300, 200}, qin);
  m.AddOutput(DTypeOf<T>::value, {}, qout);
  m.SetOp(ir::OpType::kLogSoftmax);
  InterpreterOptions options;
  options.num_threads = threads;
  options.max_isa = max_isa;
  EXPECT_TRUE(m.Build(options).ok());
  std::vector<T> in(300 * 200);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<T>((i * 53) % 97);
  m.SetInput<T>(x, in);
  EXPECT_TRUE(m.Invoke().ok());
  return m.Output<T>(0);
}

TEST(LogSoftmaxTest, ThreadsAndIsaGiveTheSameRows) {
  EXPECT_EQ(RunRows<float>(1, std::nullopt, {}, {}), RunRows<float>(2, std::nullopt, {}, {}));
  for (int threads : {1, 2}) {
    const QuantParams qu8 = PerTensor(0.1f, 0), out_u8 = PerTensor(16.0f / 256, 255);
    const QuantParams qs8 = PerTensor(0.1f, 2), out_s8 = PerTensor(16.0f / 256, 127);
    EXPECT_EQ(RunRows<uint8_t>(threads, std::nullopt, qu8, out_u8),
              RunRows<uint8_t>(1, Isa::kReference, qu8, out_u8));
    EXPECT_EQ(RunRows<int8_t>(threads, std::nullopt, qs8, out_s8),
              RunRows<int8_t>(1, Isa::kReference, qs8, out_s8));
  }
}

}  // namespace
}  // namespace liteforge::ops
