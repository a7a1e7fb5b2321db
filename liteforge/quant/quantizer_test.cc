// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// QuantizeModel() on small hand-built graphs, with scales and zero points
// checked against values computed by hand, and the errors bad input gets.

#include "liteforge/quant/quantizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/float16.h"
#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/reader.h"
#include "liteforge/format/tflite/writer.h"

namespace liteforge::quant {
namespace {

// Calibration samples held in memory: one float32 array per input.
class VectorData final : public CalibrationData {
 public:
  void Add(std::vector<std::pair<Shape, std::vector<float>>> arrays) {
    std::vector<NpyArray> sample;
    for (auto& [shape, values] : arrays) {
      NpyArray a;
      a.dtype = DType::kFloat32;
      a.shape = shape;
      a.data.resize(values.size() * sizeof(float));
      std::memcpy(a.data.data(), values.data(), a.data.size());
      sample.push_back(std::move(a));
    }
    samples_.push_back(std::move(sample));
  }
  size_t size() const override { return samples_.size(); }
  Result<std::vector<NpyArray>> Sample(size_t i) const override { return samples_[i]; }

 private:
  std::vector<std::vector<NpyArray>> samples_;
};

// A tiny graph builder for subgraph 0.
struct GraphBuilder {
  ir::Graph g;
  GraphBuilder() { g.subgraphs.emplace_back(); }
  ir::Subgraph& sg() { return g.subgraphs[0]; }

  int Tensor(const std::string& name, Shape shape, DType dtype = DType::kFloat32) {
    ir::Tensor t;
    t.name = name;
    t.shape = shape;
    t.has_rank = true;
    t.dtype = dtype;
    sg().tensors.push_back(std::move(t));
    return static_cast<int>(sg().tensors.size() - 1);
  }
  template <typename T>
  int Const(const std::string& name, Shape shape, const std::vector<T>& values) {
    const int t = Tensor(name, shape, DTypeOf<T>::value);
    sg().tensors[static_cast<size_t>(t)].data = ir::ConstData::Copy(
        {reinterpret_cast<const uint8_t*>(values.data()), values.size() * sizeof(T)});
    return t;
  }
  int Input(const std::string& name, Shape shape) {
    const int t = Tensor(name, shape);
    sg().inputs.push_back(t);
    return t;
  }
  void Output(int t) { sg().outputs.push_back(t); }
  void Op(ir::OpType type, std::vector<int32_t> in, std::vector<int32_t> out,
          ir::OpOptions options = ir::NoOptions{}) {
    ir::Op op;
    op.type = type;
    op.inputs = std::move(in);
    op.outputs = std::move(out);
    op.options = std::move(options);
    sg().ops.push_back(std::move(op));
  }
};

// Reads the bytes back (reader + verifier) into a graph.
ir::Graph ReadBack(const std::vector<uint8_t>& bytes) {
  auto g = tflite_format::ReadTflite(CopyBytes(bytes));
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? std::move(*g) : ir::Graph{};
}

const ir::Tensor& TensorNamed(const ir::Graph& g, const std::string& name) {
  for (const ir::Tensor& t : g.subgraphs[0].tensors) {
    if (t.name == name) return t;
  }
  static ir::Tensor none;
  ADD_FAILURE() << "no tensor " << name;
  return none;
}

std::vector<ir::OpType> OpTypes(const ir::Graph& g) {
  std::vector<ir::OpType> types;
  for (const ir::Op& op : g.subgraphs[0].ops) types.push_back(op.type);
  return types;
}

// x[1,2] -> FULLY_CONNECTED(w[2,2], b[2]) -> y[1,2].
GraphBuilder FcGraph() {
  GraphBuilder b;
  const int x = b.Input("x", {1, 2});
  const int w = b.Const<float>("w", {2, 2}, {1.f, -0.5f, 0.25f, 0.1f});
  const int bias = b.Const<float>("b", {2}, {0.5f, -1.f});
  const int y = b.Tensor("y", {1, 2});
  b.Op(ir::OpType::kFullyConnected, {x, w, bias}, {y}, ir::FullyConnectedOptions{});
  b.Output(y);
  return b;
}

// Samples spanning x in [-1, 3].
VectorData FcData() {
  VectorData d;
  d.Add({{Shape{1, 2}, {-1.f, 3.f}}});
  d.Add({{Shape{1, 2}, {0.5f, 0.5f}}});
  return d;
}

TEST(QuantizerTest, FullInt8FullyConnectedHasHandComputedParameters) {
  GraphBuilder b = FcGraph();
  VectorData data = FcData();
  QuantizeOptions o;
  o.mode = QuantMode::kFullInt8;
  QuantizeReport report;
  auto bytes = QuantizeModel(b.g, o, &data, &report);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const ir::Graph q = ReadBack(*bytes);
  EXPECT_EQ(OpTypes(q), (std::vector<ir::OpType>{ir::OpType::kQuantize, ir::OpType::kFullyConnected,
                                                 ir::OpType::kDequantize}));
  // Input range [-1, 3]: scale 4/255, zero point round(-128 + 1 / (4/255)) = -64.
  const ir::Tensor& xq = TensorNamed(q, "x_int8");
  EXPECT_EQ(xq.dtype, DType::kInt8);
  EXPECT_FLOAT_EQ(xq.quant.scale0(), 4.f / 255.f);
  EXPECT_EQ(xq.quant.zero_point0(), -64);
  // Weights per output channel: max |w| / 127.
  const ir::Tensor& w = TensorNamed(q, "w");
  ASSERT_EQ(w.dtype, DType::kInt8);
  ASSERT_EQ(w.quant.scale.size(), 2u);
  EXPECT_FLOAT_EQ(w.quant.scale[0], 1.f / 127.f);
  EXPECT_FLOAT_EQ(w.quant.scale[1], 0.25f / 127.f);
  const int8_t* wq = w.data->as<int8_t>();
  EXPECT_EQ(std::vector<int>(wq, wq + 4), (std::vector<int>{127, -64, 127, 51}));
  // Bias: int32, scale input x weight, zero point 0.
  const ir::Tensor& bias = TensorNamed(q, "b");
  ASSERT_EQ(bias.dtype, DType::kInt32);
  EXPECT_FLOAT_EQ(bias.quant.scale[0], (4.f / 255.f) * (1.f / 127.f));
  EXPECT_EQ(bias.data->as<int32_t>()[0], static_cast<int32_t>(std::round(0.5 / ((4.f / 255.f) * (1.f / 127.f)))));
  // The graph's boundary stays float32; the FC is the int8 kernel, version 4.
  EXPECT_EQ(q.subgraphs[0].tensors[static_cast<size_t>(q.subgraphs[0].inputs[0])].dtype, DType::kFloat32);
  EXPECT_EQ(q.subgraphs[0].tensors[static_cast<size_t>(q.subgraphs[0].outputs[0])].dtype, DType::kFloat32);
  EXPECT_EQ(q.subgraphs[0].ops[1].version, 4);
  // y = [x0 - 0.5 x1 + 0.5, 0.25 x0 + 0.1 x1 - 1]: observed over the samples
  // y0 in [-2, 0.75], y1 in [-1.05, -0.75] -> range [-1.05, 0] widened to 0.
  const ir::Tensor& yq = TensorNamed(q, "y_quantized");
  EXPECT_EQ(yq.dtype, DType::kInt8);
  EXPECT_NEAR(yq.quant.scale0(), 2.75f / 255.f, 1e-7);
  EXPECT_EQ(report.ops_quantized, 1u);
  EXPECT_GT(report.output_bytes, 0u);
}

TEST(QuantizerTest, FullInt8OutputsCloseToFloat) {
  GraphBuilder b = FcGraph();
  VectorData data = FcData();
  QuantizeOptions o;
  o.mode = QuantMode::kFullInt8;
  auto bytes = QuantizeModel(b.g, o, &data);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto interp = Interpreter::FromGraph(std::make_shared<const ir::Graph>(ReadBack(*bytes)));
  ASSERT_TRUE(interp.ok());
  const std::vector<float> x = {-1.f, 3.f};
  ASSERT_TRUE((*interp)->SetInput(0, DType::kFloat32, {1, 2}, {reinterpret_cast<const uint8_t*>(x.data()), 8}).ok());
  ASSERT_TRUE((*interp)->Invoke().ok());
  const float* y = (*interp)->output(0).data_as<float>();
  EXPECT_NEAR(y[0], -1.f - 1.5f + 0.5f, 0.03f);
  EXPECT_NEAR(y[1], -0.25f + 0.3f - 1.f, 0.03f);
}

TEST(QuantizerTest, Int8BoundaryTypes) {
  GraphBuilder b = FcGraph();
  VectorData data = FcData();
  QuantizeOptions o;
  o.mode = QuantMode::kFullInt8;
  o.input_type = DType::kUInt8;
  o.output_type = DType::kInt8;
  auto bytes = QuantizeModel(b.g, o, &data);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const ir::Graph q = ReadBack(*bytes);
  const ir::Subgraph& sg = q.subgraphs[0];
  const ir::Tensor& in = sg.tensors[static_cast<size_t>(sg.inputs[0])];
  EXPECT_EQ(in.dtype, DType::kUInt8);
  EXPECT_EQ(in.quant.zero_point0(), -64 + 128);  // int8 zero point + 128, same scale
  EXPECT_FLOAT_EQ(in.quant.scale0(), 4.f / 255.f);
  const ir::Tensor& out = sg.tensors[static_cast<size_t>(sg.outputs[0])];
  EXPECT_EQ(out.dtype, DType::kInt8);
  EXPECT_EQ(out.name, "y");
  // uint8 -> int8 requantize, then the FC writes the int8 output directly.
  EXPECT_EQ(OpTypes(q), (std::vector<ir::OpType>{ir::OpType::kQuantize, ir::OpType::kFullyConnected}));
}

TEST(QuantizerTest, FixedAndSharedOutputScales) {
  // x -> LOGISTIC -> a; x -> MAX_POOL -> p; CONCAT(x, a) -> c.
  GraphBuilder b;
  const int x = b.Input("x", {1, 2, 2, 1});
  const int a = b.Tensor("a", {1, 2, 2, 1});
  const int p = b.Tensor("p", {1, 1, 1, 1});
  const int c = b.Tensor("c", {1, 2, 2, 2});
  b.Op(ir::OpType::kLogistic, {x}, {a});
  ir::Pool2DOptions pool;
  pool.padding = ir::Padding::kValid;
  pool.stride_w = pool.stride_h = 2;
  pool.filter_w = pool.filter_h = 2;
  b.Op(ir::OpType::kMaxPool2D, {x}, {p}, pool);
  ir::ConcatenationOptions cat;
  cat.axis = 3;
  b.Op(ir::OpType::kConcatenation, {x, a}, {c}, cat);
  b.Output(p);
  b.Output(c);
  VectorData data;
  data.Add({{Shape{1, 2, 2, 1}, {-2.f, 0.f, 1.f, 2.f}}});
  for (QuantMode mode : {QuantMode::kFullInt8, QuantMode::kInt16x8}) {
    QuantizeOptions o;
    o.mode = mode;
    auto bytes = QuantizeModel(b.g, o, &data);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    const ir::Graph q = ReadBack(*bytes);
    const bool i16 = mode == QuantMode::kInt16x8;
    const ir::Tensor& aq = TensorNamed(q, "a");
    EXPECT_EQ(aq.dtype, i16 ? DType::kInt16 : DType::kInt8);
    EXPECT_FLOAT_EQ(aq.quant.scale0(), i16 ? 1.f / 32768.f : 1.f / 256.f);
    EXPECT_EQ(aq.quant.zero_point0(), i16 ? 0 : -128);
    // MAX_POOL keeps the input's parameters.
    const ir::Tensor& xq = TensorNamed(q, i16 ? "x_int16" : "x_int8");
    const ir::Tensor& pq = TensorNamed(q, "p_quantized");
    EXPECT_EQ(pq.quant, xq.quant);
    if (i16) {
      EXPECT_FLOAT_EQ(xq.quant.scale0(), 2.f / 32767.f);  // symmetric
      EXPECT_EQ(xq.quant.zero_point0(), 0);
    } else {
      EXPECT_FLOAT_EQ(xq.quant.scale0(), 4.f / 255.f);  // [-2, 2]
      EXPECT_EQ(xq.quant.zero_point0(), -1);            // round(-128 + 127.5), half away from 0
    }
    // CONCATENATION: both inputs requantized to the output's parameters.
    const ir::Tensor& cq = TensorNamed(q, "c_quantized");
    const ir::Op* concat = nullptr;
    for (const ir::Op& op : q.subgraphs[0].ops) {
      if (op.type == ir::OpType::kConcatenation) concat = &op;
    }
    ASSERT_NE(concat, nullptr);
    for (int32_t in : concat->inputs) {
      EXPECT_EQ(q.subgraphs[0].tensors[static_cast<size_t>(in)].quant, cq.quant);
    }
    EXPECT_EQ(concat->version, i16 ? 3 : 2);
  }
}

TEST(QuantizerTest, Int16x8UsesInt64BiasAndSymmetricActivations) {
  GraphBuilder b = FcGraph();
  VectorData data = FcData();
  QuantizeOptions o;
  o.mode = QuantMode::kInt16x8;
  auto bytes = QuantizeModel(b.g, o, &data);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const ir::Graph q = ReadBack(*bytes);
  const ir::Tensor& xq = TensorNamed(q, "x_int16");
  EXPECT_EQ(xq.dtype, DType::kInt16);
  EXPECT_FLOAT_EQ(xq.quant.scale0(), 3.f / 32767.f);
  EXPECT_EQ(xq.quant.zero_point0(), 0);
  const ir::Tensor& bias = TensorNamed(q, "b");
  EXPECT_EQ(bias.dtype, DType::kInt64);
  EXPECT_FLOAT_EQ(bias.quant.scale[1], (3.f / 32767.f) * (0.25f / 127.f));
  EXPECT_EQ(TensorNamed(q, "w").dtype, DType::kInt8);
  EXPECT_EQ(OpTypes(q), (std::vector<ir::OpType>{ir::OpType::kQuantize, ir::OpType::kFullyConnected,
                                                 ir::OpType::kDequantize}));
  EXPECT_EQ(q.subgraphs[0].ops[0].version, 2);  // QUANTIZE to int16
}

TEST(QuantizerTest, DynamicRangeQuantizesWeightsPerChannel) {
  GraphBuilder b = FcGraph();
  QuantizeOptions o;
  o.mode = QuantMode::kDynamicRange;
  o.min_weight_elements = 0;
  auto bytes = QuantizeModel(b.g, o, nullptr);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const ir::Graph q = ReadBack(*bytes);
  ASSERT_EQ(q.subgraphs[0].ops.size(), 1u);
  const ir::Op& fc = q.subgraphs[0].ops[0];
  EXPECT_EQ(fc.version, 12);  // hybrid, per-channel
  EXPECT_TRUE(std::get<ir::FullyConnectedOptions>(fc.options).asymmetric_quantize_inputs);
  const ir::Tensor& w = TensorNamed(q, "w");
  EXPECT_EQ(w.dtype, DType::kInt8);
  EXPECT_EQ(w.quant.scale.size(), 2u);
  EXPECT_EQ(TensorNamed(q, "b").dtype, DType::kFloat32);  // hybrid bias stays float
  EXPECT_EQ(TensorNamed(q, "x").dtype, DType::kFloat32);

  // TFLite's default: weights under 1024 elements stay float.
  o.min_weight_elements = 1024;
  auto small = QuantizeModel(b.g, o, nullptr);
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(TensorNamed(ReadBack(*small), "w").dtype, DType::kFloat32);
}

TEST(QuantizerTest, DynamicRangeConvVersions) {
  GraphBuilder b;
  const int x = b.Input("x", {1, 3, 3, 2});
  std::vector<float> wv(2 * 1 * 1 * 2);
  for (size_t i = 0; i < wv.size(); ++i) wv[i] = 0.1f * static_cast<float>(i + 1);
  const int w = b.Const<float>("w", {2, 1, 1, 2}, wv);
  const int dw = b.Const<float>("dw", {1, 1, 1, 2}, {0.5f, -2.f});
  const int y = b.Tensor("y", {1, 3, 3, 2});
  const int z = b.Tensor("z", {1, 3, 3, 2});
  ir::Conv2DOptions conv;
  conv.stride_w = conv.stride_h = 1;
  b.Op(ir::OpType::kConv2D, {x, w, -1}, {y}, conv);
  ir::DepthwiseConv2DOptions dwo;
  dwo.stride_w = dwo.stride_h = 1;
  dwo.depth_multiplier = 1;
  b.Op(ir::OpType::kDepthwiseConv2D, {y, dw, -1}, {z}, dwo);
  b.Output(z);
  QuantizeOptions o;
  o.min_weight_elements = 0;
  auto bytes = QuantizeModel(b.g, o, nullptr);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const ir::Graph q = ReadBack(*bytes);
  EXPECT_EQ(q.subgraphs[0].ops[0].version, 5);  // CONV_2D hybrid per-channel
  EXPECT_EQ(q.subgraphs[0].ops[1].version, 6);  // DEPTHWISE_CONV_2D hybrid per-channel
  const ir::Tensor& dwq = TensorNamed(q, "dw");
  EXPECT_EQ(dwq.quant.quantized_dimension, 3);
  EXPECT_FLOAT_EQ(dwq.quant.scale[1], 2.f / 127.f);
}

TEST(QuantizerTest, Float16StoresWeightsBehindDequantize) {
  GraphBuilder b = FcGraph();
  QuantizeOptions o;
  o.mode = QuantMode::kFloat16;
  auto bytes = QuantizeModel(b.g, o, nullptr);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const ir::Graph q = ReadBack(*bytes);
  EXPECT_EQ(OpTypes(q), (std::vector<ir::OpType>{ir::OpType::kDequantize, ir::OpType::kDequantize,
                                                 ir::OpType::kFullyConnected}));
  EXPECT_EQ(q.subgraphs[0].ops[0].version, 3);
  const ir::Tensor& w16 = TensorNamed(q, "w_fp16");
  EXPECT_EQ(w16.dtype, DType::kFloat16);
  EXPECT_EQ(HalfToFloat(w16.data->as<uint16_t>()[3]), HalfToFloat(FloatToHalf(0.1f)));
}

TEST(QuantizerTest, ReadsFloat16WeightModelsAsFloat) {
  // A float16-weights model (as MediaPipe ships) quantizes like its float twin.
  GraphBuilder b = FcGraph();
  QuantizeOptions f16;
  f16.mode = QuantMode::kFloat16;
  auto half = QuantizeModel(b.g, f16, nullptr);
  ASSERT_TRUE(half.ok());
  VectorData data = FcData();
  QuantizeOptions o;
  o.mode = QuantMode::kFullInt8;
  auto bytes = QuantizeModel(ReadBack(*half), o, &data);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(OpTypes(ReadBack(*bytes)).size(), 3u);
}

TEST(QuantizerTest, RejectsAlreadyQuantizedModel) {
  GraphBuilder b = FcGraph();
  VectorData data = FcData();
  QuantizeOptions o;
  o.mode = QuantMode::kFullInt8;
  auto bytes = QuantizeModel(b.g, o, &data);
  ASSERT_TRUE(bytes.ok());
  auto again = QuantizeModel(ReadBack(*bytes), o, &data);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("already quantized"), std::string::npos)
      << again.status().message();
}

TEST(QuantizerTest, RejectsBadCalibrationData) {
  GraphBuilder b = FcGraph();
  QuantizeOptions o;
  o.mode = QuantMode::kFullInt8;
  VectorData empty;
  auto r = QuantizeModel(b.g, o, &empty);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("calibration set is empty"), std::string::npos);

  VectorData misshaped;
  misshaped.Add({{Shape{1, 3}, {1.f, 2.f, 3.f}}});
  r = QuantizeModel(b.g, o, &misshaped);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("calibration sample 0, input 0 'x': has shape [1, 3]"),
            std::string::npos)
      << r.status().message();

  r = QuantizeModel(b.g, o, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("representative dataset"), std::string::npos);

  o.input_type = DType::kInt16;
  VectorData data = FcData();
  r = QuantizeModel(b.g, o, &data);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("input type int16"), std::string::npos);
}

TEST(QuantizerTest, UnknownOpIsNamed) {
  GraphBuilder b;
  const int x = b.Input("x", {1, 2});
  const int y = b.Tensor("y", {1, 2});
  b.Op(ir::OpType::kCustom, {x}, {y});
  b.sg().ops[0].custom_code = "MyMysteryOp";
  b.Output(y);
  auto r = QuantizeModel(b.g, QuantizeOptions{}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("MyMysteryOp"), std::string::npos) << r.status().message();
}

TEST(QuantizerTest, FloatOnlyOpWarnsOrFailsUnderStrict) {
  // x -> FLOOR (no integer kernel) -> f -> RELU -> y.
  GraphBuilder b;
  const int x = b.Input("x", {1, 4});
  const int f = b.Tensor("f", {1, 4});
  const int y = b.Tensor("y", {1, 4});
  b.Op(ir::OpType::kFloor, {x}, {f});
  b.Op(ir::OpType::kRelu, {f}, {y});
  b.Output(y);
  VectorData data;
  data.Add({{Shape{1, 4}, {-1.5f, 0.2f, 2.7f, 1.f}}});
  QuantizeOptions o;
  o.mode = QuantMode::kFullInt8;
  QuantizeReport report;
  auto bytes = QuantizeModel(b.g, o, &data, &report);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find("(FLOOR) left float32: no int8 kernel"), std::string::npos)
      << report.warnings[0];
  EXPECT_EQ(OpTypes(ReadBack(*bytes)),
            (std::vector<ir::OpType>{ir::OpType::kFloor, ir::OpType::kQuantize, ir::OpType::kRelu,
                                     ir::OpType::kDequantize}));
  o.strict = true;
  auto strict = QuantizeModel(b.g, o, &data);
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.status().message().find("op 0 'f' (FLOOR): no int8 kernel"), std::string::npos)
      << strict.status().message();
}

TEST(QuantizerTest, WeightScaleWidenedSoTheBiasFitsInt32) {
  // Channel 1 has nearly-zero weights but a large bias: its weight scale is
  // raised until bias / (input_scale x weight_scale) fits.
  GraphBuilder b;
  const int x = b.Input("x", {1, 2});
  const int w = b.Const<float>("w", {2, 2}, {1.f, 1.f, 1e-9f, -1e-9f});
  const int bias = b.Const<float>("b", {2}, {0.f, 100.f});
  const int y = b.Tensor("y", {1, 2});
  b.Op(ir::OpType::kFullyConnected, {x, w, bias}, {y}, ir::FullyConnectedOptions{});
  b.Output(y);
  VectorData data;
  data.Add({{Shape{1, 2}, {-1.f, 1.f}}});
  QuantizeOptions o;
  o.mode = QuantMode::kFullInt8;
  auto bytes = QuantizeModel(b.g, o, &data);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const ir::Graph q = ReadBack(*bytes);
  const ir::Tensor& bq = TensorNamed(q, "b");
  const int32_t b1 = bq.data->as<int32_t>()[1];
  EXPECT_LT(b1, std::numeric_limits<int32_t>::max());
  EXPECT_NEAR(static_cast<double>(b1) * bq.quant.scale[1], 100.0, 1e-3);
  EXPECT_GT(TensorNamed(q, "w").quant.scale[1], 1e-9f / 127.f);
}

TEST(QuantizerTest, DynamicRangeLstmUsesTheHybridKernel) {
  const std::string path = std::string(LITEFORGE_TESTDATA_DIR) + "/models/tflm__trained_lstm.tflite";
  auto model = tflite_format::ReadTfliteFile(path);
  if (!model.ok()) GTEST_SKIP() << "../shared/testdata not found";
  QuantizeOptions o;
  o.min_weight_elements = 0;
  QuantizeReport report;
  auto bytes = QuantizeModel(*model, o, nullptr, &report);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const ir::Graph q = ReadBack(*bytes);
  bool found = false;
  for (const ir::Op& op : q.subgraphs[0].ops) {
    if (op.type != ir::OpType::kUnidirectionalSequenceLstm) continue;
    found = true;
    EXPECT_EQ(op.version, 3);  // hybrid with asymmetric input quantization
    EXPECT_EQ(q.subgraphs[0].tensors[static_cast<size_t>(op.inputs[2])].dtype, DType::kInt8);
  }
  EXPECT_TRUE(found);
  // Float and hybrid agree closely on a smooth input.
  std::vector<float> x(28 * 28);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>((i * 37) % 100) / 100.f;
  auto run = [&](const ir::Graph& g) {
    auto interp = Interpreter::FromGraph(std::make_shared<const ir::Graph>(g));
    EXPECT_TRUE(interp.ok());
    EXPECT_TRUE((*interp)->SetInput(0, DType::kFloat32, {1, 28, 28},
                                    {reinterpret_cast<const uint8_t*>(x.data()), x.size() * 4})
                    .ok());
    EXPECT_TRUE((*interp)->Invoke().ok());
    const TensorView& out = (*interp)->output(0);
    return std::vector<float>(out.data_as<float>(), out.data_as<float>() + out.num_elements());
  };
  const std::vector<float> f = run(*model), h = run(q);
  ASSERT_EQ(f.size(), h.size());
  for (size_t i = 0; i < f.size(); ++i) EXPECT_NEAR(f[i], h[i], 0.02) << i;
}

}  // namespace
}  // namespace liteforge::quant
