// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The .tflite writer on small hand-built graphs: every feature the format
// can carry survives write -> read (same ir::DumpGraph), the bytes follow
// the format's layout rules, and graphs that cannot be written say why.

#include "liteforge/format/tflite/writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>

#include <flatbuffers/flexbuffers.h>

#include "liteforge/api/interpreter.h"
#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/reader.h"
#include "liteforge/format/tflite/schema/tflite_generated.h"
#include "liteforge/ir/dump.h"

namespace liteforge::tflite_format {
namespace {

template <typename T>
ir::ConstData Constant(std::vector<T> values) {
  return ir::ConstData::Copy({reinterpret_cast<const uint8_t*>(values.data()),
                              values.size() * sizeof(T)});
}

ir::Tensor MakeTensor(std::string name, DType dtype, Shape shape) {
  ir::Tensor t;
  t.name = std::move(name);
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.has_rank = true;
  return t;
}

ir::Op MakeOp(ir::OpType type, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
              ir::OpOptions options = ir::NoOptions{}) {
  ir::Op op;
  op.type = type;
  op.inputs = std::move(inputs);
  op.outputs = std::move(outputs);
  op.options = std::move(options);
  return op;
}

// Writes `graph`, reads the bytes back and checks the dumps agree.
Result<ir::Graph> RoundTrip(const ir::Graph& graph, std::vector<uint8_t>* bytes_out = nullptr,
                            const WriterOptions& options = {}) {
  LF_ASSIGN_OR_RETURN(auto bytes, WriteTflite(graph, options));
  auto reread = ReadTflite(CopyBytes(bytes, "<written>"));
  if (bytes_out != nullptr) *bytes_out = std::move(bytes);
  return reread;
}

#define EXPECT_SAME_GRAPH(a, b) EXPECT_EQ(ir::DumpGraph(a), ir::DumpGraph(b))

// int8 conv with a per-channel quantized filter and int32 bias.
ir::Graph PerChannelConv() {
  ir::Graph g;
  g.description = "per-channel conv";
  ir::Subgraph& sg = g.subgraphs.emplace_back();
  sg.name = "main";
  ir::Tensor in = MakeTensor("input", DType::kInt8, Shape{1, 3, 3, 2});
  in.quant.scale = {0.5f};
  in.quant.zero_point = {-1};
  in.shape_signature = {-1, 3, 3, 2};
  ir::Tensor filter = MakeTensor("filter", DType::kInt8, Shape{3, 1, 1, 2});
  filter.quant.scale = {0.1f, 0.2f, 0.3f};
  filter.quant.zero_point = {0, 0, 0};
  filter.quant.quantized_dimension = 0;
  filter.data = Constant<int8_t>({1, -2, 3, -4, 5, -6});
  ir::Tensor bias = MakeTensor("bias", DType::kInt32, Shape{3});
  bias.quant.scale = {0.05f, 0.1f, 0.15f};
  bias.quant.zero_point = {0, 0, 0};
  bias.data = Constant<int32_t>({10, -20, 30});
  ir::Tensor out = MakeTensor("output", DType::kInt8, Shape{1, 3, 3, 3});
  out.quant.scale = {0.25f};
  out.quant.zero_point = {3};
  out.quant.min = {-32.75f};
  out.quant.max = {31.0f};
  out.shape_signature = {-1, 3, 3, 3};
  sg.tensors = {in, filter, bias, out};
  ir::Conv2DOptions conv;
  conv.padding = ir::Padding::kValid;
  conv.stride_w = conv.stride_h = 1;
  conv.activation = ir::Activation::kRelu6;
  ir::Op op = MakeOp(ir::OpType::kConv2D, {0, 1, 2}, {3}, conv);
  op.version = 3;
  sg.ops.push_back(op);
  sg.inputs = {0};
  sg.outputs = {3};
  return g;
}

TEST(TfliteWriterTest, PerChannelConvRoundTripsAndRuns) {
  const ir::Graph g = PerChannelConv();
  std::vector<uint8_t> bytes;
  auto reread = RoundTrip(g, &bytes);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_SAME_GRAPH(g, *reread);
  const ir::Tensor& filter = reread->subgraphs[0].tensors[1];
  EXPECT_EQ(filter.quant.scale, (std::vector<float>{0.1f, 0.2f, 0.3f}));
  EXPECT_EQ(filter.quant.quantized_dimension, 0);
  EXPECT_EQ(reread->subgraphs[0].tensors[3].quant.min, std::vector<float>{-32.75f});
  EXPECT_EQ(reread->subgraphs[0].tensors[0].shape_signature, (std::vector<int32_t>{-1, 3, 3, 2}));
  EXPECT_EQ(reread->description, "per-channel conv");
  EXPECT_EQ(reread->subgraphs[0].name, "main");

  // The written model runs: every output channel is relu6-clamped
  // (q - 3) * 0.25 of the per-channel dot product.
  auto interp = Interpreter::FromGraph(std::make_shared<const ir::Graph>(std::move(*reread)));
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  std::vector<int8_t> input(18, 1);  // real value (1 - (-1)) * 0.5 = 1
  ASSERT_TRUE((*interp)->SetInput(0, DType::kInt8, Shape{1, 3, 3, 2},
                                  {reinterpret_cast<const uint8_t*>(input.data()), 18})
                  .ok());
  ASSERT_TRUE((*interp)->Invoke().ok());
  const TensorView& out = (*interp)->output(0);
  const int8_t* q = reinterpret_cast<const int8_t*>(out.data);
  // Channel 0: (1*0.1 + -2*0.1) + 10*0.05 = 0.4  -> 0.4/0.25 + 3 = 4.6 -> 5
  // Channel 1: (3*0.2 + -4*0.2) + -20*0.1 = -2.2 -> relu6 0 -> 3
  // Channel 2: (5*0.3 + -6*0.3) + 30*0.15 = 4.2 -> 16.8 + 3 -> 20
  EXPECT_EQ(q[0], 5);
  EXPECT_EQ(q[1], 3);
  EXPECT_EQ(q[2], 20);
}

TEST(TfliteWriterTest, FollowsTheFormatsLayoutRules) {
  ir::Graph g = PerChannelConv();
  // A builtin code above 127 (GELU is 150) exercises the narrow field.
  ir::Subgraph& sg = g.subgraphs[0];
  sg.tensors.push_back(MakeTensor("gelu", DType::kFloat32, Shape{2}));
  sg.tensors.push_back(MakeTensor("gelu_out", DType::kFloat32, Shape{2}));
  sg.ops.push_back(MakeOp(ir::OpType::kGelu, {4}, {5}, ir::GeluOptions{true}));
  sg.inputs.push_back(4);
  sg.outputs.push_back(5);
  auto bytes = WriteTflite(g);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  ASSERT_TRUE(flatbuffers::BufferHasIdentifier(bytes->data(), "TFL3"));
  flatbuffers::Verifier verifier(bytes->data(), bytes->size());
  ASSERT_TRUE(tflite::VerifyModelBuffer(verifier));
  const tflite::Model* model = tflite::GetModel(bytes->data());
  EXPECT_EQ(model->version(), 3u);
  // Sentinel, filter, bias.
  ASSERT_EQ(model->buffers()->size(), 3u);
  EXPECT_EQ(model->buffers()->Get(0)->data(), nullptr);
  for (uint32_t b = 1; b < 3; ++b) {
    const auto* data = model->buffers()->Get(b)->data();
    ASSERT_NE(data, nullptr);
    EXPECT_EQ((data->data() - bytes->data()) % 16, 0) << "buffer " << b;
  }
  ASSERT_EQ(model->operator_codes()->size(), 2u);
  const tflite::OperatorCode* conv = model->operator_codes()->Get(0);
  EXPECT_EQ(conv->builtin_code(), tflite::BuiltinOperator::CONV_2D);
  EXPECT_EQ(conv->deprecated_builtin_code(), 3);
  EXPECT_EQ(conv->version(), 3);
  const tflite::OperatorCode* gelu = model->operator_codes()->Get(1);
  EXPECT_EQ(gelu->builtin_code(), tflite::BuiltinOperator::GELU);
  EXPECT_EQ(gelu->deprecated_builtin_code(), 127);
  const tflite::Operator* op0 = model->subgraphs()->Get(0)->operators()->Get(0);
  EXPECT_EQ(op0->builtin_options_type(), tflite::BuiltinOptions::Conv2DOptions);
  EXPECT_EQ(op0->builtin_options_as_Conv2DOptions()->fused_activation_function(),
            tflite::ActivationFunctionType::RELU6);
  EXPECT_TRUE(model->subgraphs()->Get(0)->operators()->Get(1)->builtin_options_as_GeluOptions()
                  ->approximate());
  // Writing is deterministic.
  auto again = WriteTflite(g);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*bytes, *again);
}

TEST(TfliteWriterTest, FieldlessOptionsTablesAreWrittenAndOthersOmitted) {
  ir::Graph g;
  ir::Subgraph& sg = g.subgraphs.emplace_back();
  sg.tensors = {MakeTensor("x", DType::kFloat32, Shape{2, 2}),
                MakeTensor("perm", DType::kInt32, Shape{2}),
                MakeTensor("t", DType::kFloat32, Shape{2, 2}),
                MakeTensor("y", DType::kFloat32, Shape{2, 2})};
  sg.tensors[1].data = Constant<int32_t>({1, 0});
  sg.ops = {MakeOp(ir::OpType::kTranspose, {0, 1}, {2}),
            MakeOp(ir::OpType::kAdd, {2, 2}, {3})};  // ADD without a table
  sg.inputs = {0};
  sg.outputs = {3};
  std::vector<uint8_t> bytes;
  auto reread = RoundTrip(g, &bytes);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_SAME_GRAPH(g, *reread);
  const auto* ops = tflite::GetModel(bytes.data())->subgraphs()->Get(0)->operators();
  EXPECT_EQ(ops->Get(0)->builtin_options_type(), tflite::BuiltinOptions::TransposeOptions);
  EXPECT_NE(ops->Get(0)->builtin_options(), nullptr);
  EXPECT_EQ(ops->Get(1)->builtin_options_type(), tflite::BuiltinOptions::NONE);
}

TEST(TfliteWriterTest, Float16ConstantRoundTripsAndDequantizes) {
  ir::Graph g;
  ir::Subgraph& sg = g.subgraphs.emplace_back();
  ir::Tensor w = MakeTensor("w_fp16", DType::kFloat16, Shape{3});
  // 1.0, -2.0, 0.5 in IEEE half precision.
  w.data = Constant<uint16_t>({0x3C00, 0xC000, 0x3800});
  sg.tensors = {w, MakeTensor("w", DType::kFloat32, Shape{3})};
  sg.ops = {MakeOp(ir::OpType::kDequantize, {0}, {1})};
  sg.outputs = {1};
  std::vector<uint8_t> bytes;
  auto reread = RoundTrip(g, &bytes);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_SAME_GRAPH(g, *reread);
  EXPECT_EQ(reread->subgraphs[0].tensors[0].dtype, DType::kFloat16);
  EXPECT_EQ(tflite::GetModel(bytes.data())->subgraphs()->Get(0)->operators()->Get(0)
                ->builtin_options_type(),
            tflite::BuiltinOptions::NONE);  // as the converter writes it

  auto interp = Interpreter::FromGraph(std::make_shared<const ir::Graph>(std::move(*reread)));
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  ASSERT_TRUE((*interp)->Invoke().ok());
  const float* out = reinterpret_cast<const float*>((*interp)->output(0).data);
  EXPECT_EQ(out[0], 1.0f);
  EXPECT_EQ(out[1], -2.0f);
  EXPECT_EQ(out[2], 0.5f);
}

TEST(TfliteWriterTest, SparseConstantKeepsItsIndexWidths) {
  // [[1, 0, 0], [0, 0, 2]] as CSR: row 0 dense, column dim sparse.
  ir::Graph g;
  ir::Subgraph& sg = g.subgraphs.emplace_back();
  ir::Tensor s = MakeTensor("sparse", DType::kFloat32, Shape{2, 3});
  s.data = Constant<float>({1.f, 2.f});
  ir::Sparsity sp;
  sp.traversal_order = {0, 1};
  ir::SparseDim rows;
  rows.format = ir::SparseDim::Format::kDense;
  rows.dense_size = 2;
  ir::SparseDim cols;
  cols.format = ir::SparseDim::Format::kSparseCsr;
  cols.array_segments = {0, 1, 2};
  cols.segments_type = ir::SparseDim::IndexType::kUint8;
  cols.array_indices = {0, 2};
  cols.indices_type = ir::SparseDim::IndexType::kUint16;
  sp.dim_metadata = {rows, cols};
  s.sparsity = sp;
  sg.tensors = {s, MakeTensor("dense", DType::kFloat32, Shape{2, 3})};
  sg.ops = {MakeOp(ir::OpType::kDensify, {0}, {1})};
  sg.outputs = {1};
  auto reread = RoundTrip(g);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_SAME_GRAPH(g, *reread);
  ASSERT_TRUE(reread->subgraphs[0].tensors[0].sparsity.has_value());
  EXPECT_EQ(*reread->subgraphs[0].tensors[0].sparsity, sp);

  auto interp = Interpreter::FromGraph(std::make_shared<const ir::Graph>(std::move(*reread)));
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  ASSERT_TRUE((*interp)->Invoke().ok());
  const float* out = reinterpret_cast<const float*>((*interp)->output(0).data);
  EXPECT_EQ(std::vector<float>(out, out + 6), (std::vector<float>{1, 0, 0, 0, 0, 2}));

  // An index that does not fit the recorded width is refused.
  g.subgraphs[0].tensors[0].sparsity->dim_metadata[1].array_segments = {0, 1, 300};
  auto bad = WriteTflite(g);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("sparse index 300"), std::string::npos)
      << bad.status().message();
  EXPECT_NE(bad.status().message().find("'sparse'"), std::string::npos);
}

// while (i < 10) i = i + 3, over three subgraphs.
ir::Graph CountingLoop() {
  ir::Graph g;
  g.subgraphs.resize(3);
  ir::Subgraph& main = g.subgraphs[0];
  main.name = "main";
  main.tensors = {MakeTensor("i", DType::kInt32, Shape{1}),
                  MakeTensor("result", DType::kInt32, Shape{1})};
  main.ops = {MakeOp(ir::OpType::kWhile, {0}, {1}, ir::WhileOptions{1, 2})};
  main.inputs = {0};
  main.outputs = {1};
  ir::Subgraph& cond = g.subgraphs[1];
  cond.name = "cond";
  cond.tensors = {MakeTensor("i", DType::kInt32, Shape{1}),
                  MakeTensor("limit", DType::kInt32, Shape{1}),
                  MakeTensor("more", DType::kBool, Shape{1})};
  cond.tensors[1].data = Constant<int32_t>({10});
  cond.ops = {MakeOp(ir::OpType::kLess, {0, 1}, {2})};
  cond.inputs = {0};
  cond.outputs = {2};
  ir::Subgraph& body = g.subgraphs[2];
  body.name = "body";
  body.tensors = {MakeTensor("i", DType::kInt32, Shape{1}),
                  MakeTensor("step", DType::kInt32, Shape{1}),
                  MakeTensor("next", DType::kInt32, Shape{1})};
  body.tensors[1].data = Constant<int32_t>({3});
  body.ops = {MakeOp(ir::OpType::kAdd, {0, 1}, {2}, ir::FusedActivationOptions{})};
  body.inputs = {0};
  body.outputs = {2};
  return g;
}

TEST(TfliteWriterTest, TwoSubgraphsWithWhileRoundTripAndRun) {
  const ir::Graph g = CountingLoop();
  std::vector<uint8_t> bytes;
  auto reread = RoundTrip(g, &bytes);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_SAME_GRAPH(g, *reread);
  ASSERT_EQ(reread->subgraphs.size(), 3u);
  EXPECT_EQ(reread->subgraphs[2].name, "body");
  EXPECT_EQ(std::get<ir::WhileOptions>(reread->subgraphs[0].ops[0].options),
            (ir::WhileOptions{1, 2}));
  // LESS has an empty options table, WHILE a filled one.
  const auto* model = tflite::GetModel(bytes.data());
  EXPECT_EQ(model->subgraphs()->Get(1)->operators()->Get(0)->builtin_options_type(),
            tflite::BuiltinOptions::LessOptions);

  auto interp = Interpreter::FromGraph(std::make_shared<const ir::Graph>(std::move(*reread)));
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  const int32_t start = 1;
  ASSERT_TRUE((*interp)->SetInput(0, DType::kInt32, Shape{1},
                                  {reinterpret_cast<const uint8_t*>(&start), 4})
                  .ok());
  const Status s = (*interp)->Invoke();
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(*reinterpret_cast<const int32_t*>((*interp)->output(0).data), 10);  // 1, 4, 7, 10
}

TEST(TfliteWriterTest, SignaturesAndMetadataRoundTrip) {
  ir::Graph g = CountingLoop();
  ir::Signature sig;
  sig.key = "serving_default";
  sig.subgraph_index = 0;
  sig.inputs = {{"start", 0}};
  sig.outputs = {{"count", 1}};
  g.signatures.push_back(sig);
  const std::string version = "1.14.0";
  const ir::ConstData shared = ir::ConstData::Copy(
      {reinterpret_cast<const uint8_t*>(version.data()), version.size()});
  // Two entries with the same bytes still get a buffer each.
  g.metadata.push_back({"min_runtime_version", shared});
  g.metadata.push_back({"copy", shared});
  g.metadata.push_back({"empty", ir::ConstData()});
  std::vector<uint8_t> bytes;
  auto reread = RoundTrip(g, &bytes);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_SAME_GRAPH(g, *reread);
  ASSERT_EQ(reread->signatures.size(), 1u);
  EXPECT_EQ(reread->signatures[0].key, "serving_default");
  EXPECT_EQ(reread->signatures[0].outputs[0].name, "count");
  const ir::MetadataEntry* m = reread->FindMetadata("min_runtime_version");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(m->data.data()), m->data.size()), version);
  const auto* meta = tflite::GetModel(bytes.data())->metadata();
  ASSERT_EQ(meta->size(), 3u);
  EXPECT_NE(meta->Get(0)->buffer(), meta->Get(1)->buffer());
  EXPECT_NE(meta->Get(1)->buffer(), meta->Get(2)->buffer());
}

TEST(TfliteWriterTest, CustomOpKeepsNameVersionAndOptions) {
  flexbuffers::Builder fbx;
  fbx.Map([&] {
    fbx.Int("max_detections", 10);
    fbx.Float("nms_iou_threshold", 0.6f);
  });
  fbx.Finish();
  ir::Graph g;
  ir::Subgraph& sg = g.subgraphs.emplace_back();
  sg.tensors = {MakeTensor("a", DType::kFloat32, Shape{4}),
                MakeTensor("b", DType::kFloat32, Shape{4})};
  ir::Op op = MakeOp(ir::OpType::kCustom, {0}, {1});
  op.custom_code = "MyCustomOp";
  op.version = 2;
  op.custom_options = fbx.GetBuffer();
  sg.ops = {op};
  sg.inputs = {0};
  sg.outputs = {1};
  std::vector<uint8_t> bytes;
  auto reread = RoundTrip(g, &bytes);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_SAME_GRAPH(g, *reread);
  const ir::Op& back = reread->subgraphs[0].ops[0];
  EXPECT_EQ(back.custom_code, "MyCustomOp");
  EXPECT_EQ(back.version, 2);
  EXPECT_EQ(back.custom_options, fbx.GetBuffer());
  const tflite::OperatorCode* code = tflite::GetModel(bytes.data())->operator_codes()->Get(0);
  EXPECT_EQ(code->builtin_code(), tflite::BuiltinOperator::CUSTOM);
  EXPECT_EQ(code->deprecated_builtin_code(), 32);

  // A custom op without a name cannot be written.
  g.subgraphs[0].ops[0].custom_code.clear();
  auto bad = WriteTflite(g);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("subgraph 0, op 0"), std::string::npos)
      << bad.status().message();
  EXPECT_NE(bad.status().message().find("custom op needs a name"), std::string::npos);
}

TEST(TfliteWriterTest, OpaqueOptionsAndOpDetailsRoundTrip) {
  // EmbeddingLookupSparseOptions is not modeled: it travels as opaque bytes.
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflite::CreateEmbeddingLookupSparseOptions(fbb, tflite::CombinerType::SQRTN));
  ir::OpaqueOptions opaque;
  opaque.which = 1;
  opaque.type = static_cast<uint8_t>(tflite::BuiltinOptions::EmbeddingLookupSparseOptions);
  opaque.bytes.assign(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());

  ir::Graph g;
  ir::Subgraph& sg = g.subgraphs.emplace_back();
  sg.tensors = {MakeTensor("ids", DType::kInt32, Shape{2}),
                MakeTensor("state", DType::kFloat32, Shape{2}),
                MakeTensor("scratch", DType::kFloat32, Shape{2}),
                MakeTensor("out", DType::kFloat32, Shape{2}),
                MakeTensor("unranked", DType::kFloat32, Shape{})};
  sg.tensors[1].is_variable = true;
  sg.tensors[1].data = Constant<float>({0.f, 0.f});
  sg.tensors[4].has_rank = false;
  ir::Op op = MakeOp(ir::OpType::kEmbeddingLookupSparse, {0, 1, -1}, {3}, opaque);
  op.intermediates = {2};
  op.mutating_variable_inputs = {false, true, false};
  sg.ops = {op};
  sg.inputs = {0, 4};
  sg.outputs = {3};
  auto reread = RoundTrip(g);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_SAME_GRAPH(g, *reread);
  const ir::Op& back = reread->subgraphs[0].ops[0];
  EXPECT_EQ(back.inputs, (std::vector<int32_t>{0, 1, -1}));
  EXPECT_EQ(back.intermediates, std::vector<int32_t>{2});
  EXPECT_EQ(back.mutating_variable_inputs, (std::vector<bool>{false, true, false}));
  ASSERT_TRUE(std::holds_alternative<ir::OpaqueOptions>(back.options));
  EXPECT_EQ(std::get<ir::OpaqueOptions>(back.options), opaque);
  EXPECT_TRUE(reread->subgraphs[0].tensors[1].is_variable);
  EXPECT_FALSE(reread->subgraphs[0].tensors[4].has_rank);

  // Opaque bytes that are not a table of that type are refused.
  std::get<ir::OpaqueOptions>(g.subgraphs[0].ops[0].options).bytes = {1, 2, 3, 4, 5, 6, 7, 8};
  auto bad = WriteTflite(g);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("opaque options"), std::string::npos)
      << bad.status().message();
}

TEST(TfliteWriterTest, SharedConstantsShareABuffer) {
  ir::Graph g;
  ir::Subgraph& sg = g.subgraphs.emplace_back();
  const ir::ConstData one = Constant<float>({1.f, 2.f});
  sg.tensors = {MakeTensor("a", DType::kFloat32, Shape{2}),
                MakeTensor("b", DType::kFloat32, Shape{2}),
                MakeTensor("c", DType::kFloat32, Shape{2}),
                MakeTensor("out", DType::kFloat32, Shape{2})};
  sg.tensors[0].data = one;
  sg.tensors[1].data = one;                            // same bytes, same pointer
  sg.tensors[2].data = Constant<float>({1.f, 2.f});  // same bytes, other pointer
  sg.ops = {MakeOp(ir::OpType::kAddN, {0, 1, 2}, {3})};
  sg.outputs = {3};
  std::vector<uint8_t> bytes;
  auto reread = RoundTrip(g, &bytes);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_SAME_GRAPH(g, *reread);
  const auto* model = tflite::GetModel(bytes.data());
  EXPECT_EQ(model->buffers()->size(), 3u);
  const auto* tensors = model->subgraphs()->Get(0)->tensors();
  EXPECT_EQ(tensors->Get(0)->buffer(), tensors->Get(1)->buffer());
  EXPECT_NE(tensors->Get(0)->buffer(), tensors->Get(2)->buffer());
  EXPECT_EQ(tensors->Get(3)->buffer(), 0u);
  // Shared again after reading: the re-read graph writes the same bytes.
  auto again = WriteTflite(*reread);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, bytes);
}

TEST(TfliteWriterTest, BuffersAfterTheFlatbufferUseOffsetAndSize) {
  ir::Graph g = PerChannelConv();
  const std::string note = "metadata bytes";
  g.metadata.push_back(
      {"note", ir::ConstData::Copy({reinterpret_cast<const uint8_t*>(note.data()), note.size()})});
  WriterOptions options;
  options.buffer_placement = WriterOptions::BufferPlacement::kAfterFlatbuffer;
  std::vector<uint8_t> bytes;
  auto reread = RoundTrip(g, &bytes, options);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_SAME_GRAPH(g, *reread);

  const tflite::Model* model = tflite::GetModel(bytes.data());
  ASSERT_EQ(model->buffers()->size(), 4u);  // sentinel, filter, bias, metadata
  uint64_t previous_end = 0;
  for (uint32_t b = 1; b < 4; ++b) {
    const tflite::Buffer* buffer = model->buffers()->Get(b);
    EXPECT_EQ(buffer->data(), nullptr) << "buffer " << b;
    EXPECT_EQ(buffer->offset() % 16, 0u) << "buffer " << b;
    EXPECT_GT(buffer->offset(), previous_end);
    previous_end = buffer->offset() + buffer->size();
  }
  EXPECT_LE(previous_end, bytes.size());
  EXPECT_EQ(model->buffers()->Get(1)->size(), 6u);
  EXPECT_EQ(std::memcmp(bytes.data() + model->buffers()->Get(3)->offset(), note.data(),
                        note.size()),
            0);
  // The same graph written inline is a different file holding the same graph.
  auto inline_bytes = WriteTflite(g);
  ASSERT_TRUE(inline_bytes.ok());
  EXPECT_NE(*inline_bytes, bytes);
  auto again = WriteTflite(*reread, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, bytes);
}

TEST(TfliteWriterTest, RejectsAGraphTheVerifierRejects) {
  ir::Graph g = PerChannelConv();
  g.subgraphs[0].ops[0].inputs[1] = 17;
  auto bytes = WriteTflite(g);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bytes.status().message().find("subgraph 0, op 0 'output' (CONV_2D)"),
            std::string::npos)
      << bytes.status().message();
  EXPECT_NE(bytes.status().message().find("tensor 17"), std::string::npos);

  ir::Graph old = PerChannelConv();
  old.schema_version = 2;
  auto v2 = WriteTflite(old);
  ASSERT_FALSE(v2.ok());
  EXPECT_EQ(v2.status().code(), StatusCode::kUnimplemented);
}

TEST(TfliteWriterTest, WritesFilesAtomically) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("lf_writer_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "model.tflite").string();
  const ir::Graph g = PerChannelConv();
  ASSERT_TRUE(WriteTfliteFile(g, path).ok());
  auto reread = ReadTfliteFile(path);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_SAME_GRAPH(g, *reread);
  // Only the model is left behind, no temporary.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 1);
  // A failing write names the path and leaves nothing.
  const Status s = WriteTfliteFile(g, (dir / "missing" / "m.tflite").string());
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("missing"), std::string::npos) << s.message();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace liteforge::tflite_format
