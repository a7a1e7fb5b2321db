// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Graph fusion through the interpreter: every fusable pattern computes the
// same outputs fused (the default) and unfused (fuse_ops = false), on the
// SIMD kernels and the reference kernels, for float32 and 8-bit graphs;
// observers get the unfused graph; the file writer refuses a fused graph.

#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "liteforge/api/interpreter.h"
#include "liteforge/format/tflite/writer.h"

namespace liteforge {
namespace {

struct GraphBuilder {
  std::shared_ptr<ir::Graph> graph = std::make_shared<ir::Graph>();
  ir::Subgraph& sg = graph->subgraphs.emplace_back();
  std::mt19937 rng{1234};

  int Tensor(DType dtype, Shape shape, QuantParams quant = {}) {
    ir::Tensor t;
    t.name = "t" + std::to_string(sg.tensors.size());
    t.dtype = dtype;
    t.shape = std::move(shape);
    t.has_rank = true;
    t.quant = std::move(quant);
    sg.tensors.push_back(std::move(t));
    return static_cast<int>(sg.tensors.size()) - 1;
  }
  template <typename T>
  int Const(DType dtype, Shape shape, const std::vector<T>& v, QuantParams quant = {}) {
    const int t = Tensor(dtype, std::move(shape), std::move(quant));
    sg.tensors[t].data =
        ir::ConstData::Copy({reinterpret_cast<const uint8_t*>(v.data()), v.size() * sizeof(T)});
    return t;
  }
  std::vector<float> Floats(size_t n, float lo = -1.f, float hi = 1.f) {
    std::uniform_real_distribution<float> d(lo, hi);
    std::vector<float> v(n);
    for (float& x : v) x = d(rng);
    return v;
  }
  template <typename T>
  std::vector<T> Ints(size_t n, int lo, int hi) {
    std::uniform_int_distribution<int> d(lo, hi);
    std::vector<T> v(n);
    for (T& x : v) x = static_cast<T>(d(rng));
    return v;
  }
  void Op(ir::OpType type, std::vector<int32_t> in, std::vector<int32_t> out,
          ir::OpOptions options = ir::NoOptions{}) {
    ir::Op op;
    op.type = type;
    op.inputs = std::move(in);
    op.outputs = std::move(out);
    op.options = std::move(options);
    sg.ops.push_back(std::move(op));
  }
};

QuantParams Q(float scale, int64_t zp) {
  QuantParams q;
  q.scale = {scale};
  q.zero_point = {zp};
  return q;
}

// Runs `graph` with fusion on and off (and the given ISA ceiling) on the
// same deterministic inputs; expects identical output bytes and that the
// fused plan has `fused_ops_removed` fewer ops.
void ExpectFusionKeepsOutputs(const std::shared_ptr<ir::Graph>& graph, size_t ops_removed,
                              std::optional<Isa> isa = std::nullopt) {
  InterpreterOptions on;
  on.max_isa = isa;
  on.num_threads = 2;
  InterpreterOptions off = on;
  off.fuse_ops = false;
  auto fused = Interpreter::FromGraph(graph, on);
  auto plain = Interpreter::FromGraph(graph, off);
  ASSERT_TRUE(fused.ok()) << fused.status().ToString();
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ((*fused)->run_graph().subgraphs[0].ops.size() + ops_removed,
            graph->subgraphs[0].ops.size());
  EXPECT_EQ((*fused)->fused(), ops_removed > 0);
  EXPECT_FALSE((*plain)->fused());
  std::mt19937 rng(99);
  for (int i = 0; i < (*fused)->num_inputs(); ++i) {
    TensorView& a = (*fused)->input(i);
    TensorView& b = (*plain)->input(i);
    ASSERT_EQ(a.bytes, b.bytes);
    if (a.dtype == DType::kFloat32) {
      std::uniform_real_distribution<float> d(-2.f, 2.f);
      for (int64_t k = 0; k < a.num_elements(); ++k) a.data_as<float>()[k] = d(rng);
    } else {
      for (size_t k = 0; k < a.bytes; ++k) a.data[k] = static_cast<uint8_t>(rng());
    }
    std::memcpy(b.data, a.data, a.bytes);
  }
  ASSERT_TRUE((*fused)->Invoke().ok());
  ASSERT_TRUE((*plain)->Invoke().ok());
  for (int i = 0; i < (*fused)->num_outputs(); ++i) {
    const TensorView& a = (*fused)->output(i);
    const TensorView& b = (*plain)->output(i);
    ASSERT_EQ(a.shape, b.shape);
    ASSERT_EQ(a.bytes, b.bytes);
    EXPECT_EQ(std::memcmp(a.data, b.data, a.bytes), 0) << "output " << i << " differs";
  }
}

// x [1,h,w,c] -> PAD -> CONV_2D or DEPTHWISE_CONV_2D (3x3 or 1x1) -> act op.
std::shared_ptr<ir::Graph> PadConvRelu(bool depthwise, DType dtype, std::array<int, 4> pads,
                                       ir::Padding padding, int stride, int kernel,
                                       ir::OpType act) {
  GraphBuilder b;
  const int h = 9, w = 7, c = 5;
  const int oc = depthwise ? c : 11;
  const bool quant = dtype != DType::kFloat32;
  const QuantParams qx = quant ? Q(0.05f, dtype == DType::kInt8 ? -7 : 120) : QuantParams{};
  const QuantParams qy = quant ? Q(0.08f, dtype == DType::kInt8 ? -20 : 100) : QuantParams{};
  const int x = b.Tensor(dtype, {1, h, w, c}, qx);
  const int paddings = b.Const(DType::kInt32, {4, 2},
                               std::vector<int32_t>{0, 0, pads[0], pads[1], pads[2], pads[3], 0, 0});
  const int p = b.Tensor(dtype, {1, h + pads[0] + pads[1], w + pads[2] + pads[3], c}, qx);
  const Shape fshape = depthwise ? Shape({1, kernel, kernel, c}) : Shape({oc, kernel, kernel, c});
  const size_t fn = static_cast<size_t>(fshape.NumElements());
  int filter = 0;
  int bias = 0;
  if (!quant) {
    filter = b.Const(DType::kFloat32, fshape, b.Floats(fn));
    bias = b.Const(DType::kFloat32, {oc}, b.Floats(static_cast<size_t>(oc)));
  } else if (dtype == DType::kInt8) {
    filter = b.Const(DType::kInt8, fshape, b.Ints<int8_t>(fn, -127, 127), Q(0.02f, 0));
    bias = b.Const(DType::kInt32, {oc}, b.Ints<int32_t>(static_cast<size_t>(oc), -500, 500),
                   Q(0.05f * 0.02f, 0));
  } else {
    filter = b.Const(DType::kUInt8, fshape, b.Ints<uint8_t>(fn, 0, 255), Q(0.02f, 130));
    bias = b.Const(DType::kInt32, {oc}, b.Ints<int32_t>(static_cast<size_t>(oc), -500, 500),
                   Q(0.05f * 0.02f, 0));
  }
  const int t = b.Tensor(dtype, {}, qy);
  const int y = b.Tensor(dtype, {}, qy);
  b.sg.inputs = {x};
  b.sg.outputs = {y};
  b.Op(ir::OpType::kPad, {x, paddings}, {p});
  if (depthwise) {
    b.Op(ir::OpType::kDepthwiseConv2D, {p, filter, bias}, {t},
         ir::DepthwiseConv2DOptions{padding, stride, stride, 1});
  } else {
    b.Op(ir::OpType::kConv2D, {p, filter, bias}, {t}, ir::Conv2DOptions{padding, stride, stride});
  }
  b.Op(act, {t}, {y});
  return b.graph;
}

TEST(FusionTest, PadConvActivationMatchesUnfused) {
  const std::array<int, 4> pad_cases[] = {{0, 1, 0, 1}, {1, 1, 1, 1}, {2, 3, 0, 4}, {3, 0, 1, 0}};
  for (bool depthwise : {false, true}) {
    for (DType dtype : {DType::kFloat32, DType::kInt8, DType::kUInt8}) {
      for (const auto& pads : pad_cases) {
        for (ir::Padding padding : {ir::Padding::kValid, ir::Padding::kSame}) {
          for (int stride : {1, 2}) {
            for (int kernel : {1, 3}) {
              for (std::optional<Isa> isa : {std::optional<Isa>(), std::optional<Isa>(Isa::kReference)}) {
                SCOPED_TRACE(testing::Message()
                             << "depthwise=" << depthwise << " dtype=" << DTypeName(dtype)
                             << " pads=" << pads[0] << pads[1] << pads[2] << pads[3]
                             << " same=" << (padding == ir::Padding::kSame) << " stride="
                             << stride << " kernel=" << kernel << " reference=" << isa.has_value());
                ExpectFusionKeepsOutputs(
                    PadConvRelu(depthwise, dtype, pads, padding, stride, kernel,
                                stride == 1 ? ir::OpType::kRelu : ir::OpType::kRelu6),
                    2, isa);
              }
            }
          }
        }
      }
    }
  }
}

// a, b [1,3,4,6] -> op -> act, for ADD / SUB / MUL.
std::shared_ptr<ir::Graph> BinaryActivation(ir::OpType op, ir::OpType act, DType dtype) {
  GraphBuilder b;
  const bool quant = dtype != DType::kFloat32;
  const QuantParams q = quant ? Q(0.03f, dtype == DType::kInt8 ? 4 : 130) : QuantParams{};
  const int x = b.Tensor(dtype, {1, 3, 4, 6}, q);
  const int y = b.Tensor(dtype, {1, 3, 4, 6}, q);
  const int t = b.Tensor(dtype, {1, 3, 4, 6}, quant ? Q(0.02f, -3 + (dtype == DType::kUInt8) * 131) : QuantParams{});
  const int z = b.Tensor(dtype, {1, 3, 4, 6}, b.sg.tensors[t].quant);
  b.sg.inputs = {x, y};
  b.sg.outputs = {z};
  b.Op(op, {x, y}, {t}, ir::FusedActivationOptions{});
  b.Op(act, {t}, {z});
  return b.graph;
}

TEST(FusionTest, BinaryOpActivationMatchesUnfused) {
  for (ir::OpType op : {ir::OpType::kAdd, ir::OpType::kSub, ir::OpType::kMul}) {
    for (ir::OpType act : {ir::OpType::kRelu, ir::OpType::kRelu6, ir::OpType::kReluN1To1}) {
      for (DType dtype : {DType::kFloat32, DType::kInt8, DType::kUInt8}) {
        SCOPED_TRACE(testing::Message() << ir::OpTypeName(op) << " " << ir::OpTypeName(act) << " "
                                        << DTypeName(dtype));
        ExpectFusionKeepsOutputs(BinaryActivation(op, act, dtype), 1);
      }
    }
  }
}

TEST(FusionTest, FullyConnectedAndTransposeConvActivationMatchUnfused) {
  {
    GraphBuilder b;
    const int x = b.Tensor(DType::kFloat32, {3, 37});
    const int w = b.Const(DType::kFloat32, {21, 37}, b.Floats(21 * 37));
    const int bias = b.Const(DType::kFloat32, {21}, b.Floats(21));
    const int t = b.Tensor(DType::kFloat32, {3, 21});
    const int y = b.Tensor(DType::kFloat32, {3, 21});
    b.sg.inputs = {x};
    b.sg.outputs = {y};
    b.Op(ir::OpType::kFullyConnected, {x, w, bias}, {t}, ir::FullyConnectedOptions{});
    b.Op(ir::OpType::kReluN1To1, {t}, {y});
    ExpectFusionKeepsOutputs(b.graph, 1);
  }
  {
    GraphBuilder b;
    const int shape = b.Const(DType::kInt32, {4}, std::vector<int32_t>{1, 10, 12, 6});
    const int w = b.Const(DType::kFloat32, {6, 3, 3, 4}, b.Floats(6 * 9 * 4));
    const int x = b.Tensor(DType::kFloat32, {1, 5, 6, 4});
    const int bias = b.Const(DType::kFloat32, {6}, b.Floats(6));
    const int t = b.Tensor(DType::kFloat32, {1, 10, 12, 6});
    const int y = b.Tensor(DType::kFloat32, {1, 10, 12, 6});
    b.sg.inputs = {x};
    b.sg.outputs = {y};
    b.Op(ir::OpType::kTransposeConv, {shape, w, x, bias}, {t},
         ir::TransposeConvOptions{ir::Padding::kSame, 2, 2});
    b.Op(ir::OpType::kRelu, {t}, {y});
    ExpectFusionKeepsOutputs(b.graph, 1);
  }
}

// Counts observer calls per op type.
class OpTypeObserver final : public runtime::TensorObserver {
 public:
  void OnOpOutputs(int, int, const ir::Op& op, std::span<const TensorView* const>) override {
    types.push_back(op.type);
  }
  std::vector<ir::OpType> types;
};

TEST(FusionTest, AnObserverGetsTheUnfusedGraph) {
  auto graph = BinaryActivation(ir::OpType::kAdd, ir::OpType::kRelu, DType::kFloat32);
  auto interp = Interpreter::FromGraph(graph);
  ASSERT_TRUE(interp.ok());
  EXPECT_TRUE((*interp)->fused());
  // Inputs set before SetObserver survive the re-plan.
  std::vector<float> ones(72, 1.f);
  ASSERT_TRUE((*interp)->SetInput(0, DType::kFloat32, {1, 3, 4, 6},
                                  {reinterpret_cast<const uint8_t*>(ones.data()), 288}).ok());
  ASSERT_TRUE((*interp)->SetInput(1, DType::kFloat32, {1, 3, 4, 6},
                                  {reinterpret_cast<const uint8_t*>(ones.data()), 288}).ok());
  OpTypeObserver observer;
  (*interp)->SetObserver(&observer);
  EXPECT_FALSE((*interp)->fused());
  ASSERT_TRUE((*interp)->Invoke().ok());
  EXPECT_EQ(observer.types, (std::vector<ir::OpType>{ir::OpType::kAdd, ir::OpType::kRelu}));
  EXPECT_EQ((*interp)->output(0).data_as<float>()[0], 2.f);
}

TEST(FusionTest, DelegatesSeeTheModelsOwnOps) {
  auto graph = PadConvRelu(false, DType::kFloat32, {1, 1, 1, 1}, ir::Padding::kValid, 1, 3,
                           ir::OpType::kRelu);
  // XNNPACK runs declared shapes: declare the conv's and RELU's outputs.
  graph->subgraphs[0].tensors[5].shape = Shape({1, 9, 7, 11});
  graph->subgraphs[0].tensors[6].shape = Shape({1, 9, 7, 11});
  InterpreterOptions with_delegate;
  with_delegate.delegates = {"xnnpack"};
  auto interp = Interpreter::FromGraph(graph, with_delegate);
  if (!interp.ok()) GTEST_SKIP() << "no XNNPACK delegate: " << interp.status().ToString();
  EXPECT_FALSE((*interp)->fused());
  EXPECT_EQ((*interp)->run_graph().subgraphs[0].ops.size(), 3u);
}

TEST(FusionTest, TheWriterRefusesExplicitPaddingButWritesTheOriginal) {
  auto graph = PadConvRelu(true, DType::kFloat32, {1, 1, 1, 1}, ir::Padding::kValid, 2, 3,
                           ir::OpType::kRelu6);
  auto interp = Interpreter::FromGraph(graph);
  ASSERT_TRUE(interp.ok());
  ASSERT_TRUE((*interp)->fused());
  auto fused_bytes = tflite_format::WriteTflite((*interp)->run_graph());
  ASSERT_FALSE(fused_bytes.ok());
  EXPECT_NE(fused_bytes.status().message().find("explicit input padding"), std::string::npos);
  EXPECT_TRUE(tflite_format::WriteTflite((*interp)->graph()).ok());
}

}  // namespace
}  // namespace liteforge
