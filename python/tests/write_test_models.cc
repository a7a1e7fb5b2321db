// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Writes the small models the Python tests need and the shared corpus does
// not have: `signatures.tflite`, two signatures on two subgraphs with a
// dynamic batch dimension —
//   'add' (subgraph 0): x, y [-1, 4] float32 -> sum = x + y
//   'mul' (subgraph 1): a, b [-1, 4] float32 -> product = a * b, and
//                       doubled = product + product
// Usage: write_test_models OUT_DIR

#include <cstdio>
#include <string>

#include "liteforge/format/tflite/writer.h"
#include "liteforge/ir/graph.h"

namespace liteforge {
namespace {

int AddTensor(ir::Subgraph& sg, const std::string& name) {
  ir::Tensor t;
  t.dtype = DType::kFloat32;
  t.shape = Shape({1, 4});
  t.shape_signature = {-1, 4};
  t.has_rank = true;
  t.name = name;
  sg.tensors.push_back(std::move(t));
  return static_cast<int>(sg.tensors.size()) - 1;
}

void AddOp(ir::Subgraph& sg, ir::OpType type, int a, int b, int out) {
  ir::Op op;
  op.type = type;
  op.inputs = {a, b};
  op.outputs = {out};
  op.options = ir::FusedActivationOptions{};
  sg.ops.push_back(std::move(op));
}

ir::Graph SignatureModel() {
  ir::Graph g;
  {
    auto& sg = g.subgraphs.emplace_back();
    sg.name = "add";
    const int x = AddTensor(sg, "add_x");
    const int y = AddTensor(sg, "add_y");
    const int sum = AddTensor(sg, "add_sum");
    AddOp(sg, ir::OpType::kAdd, x, y, sum);
    sg.inputs = {x, y};
    sg.outputs = {sum};
    g.signatures.push_back({"add", 0, {{"x", x}, {"y", y}}, {{"sum", sum}}});
  }
  {
    auto& sg = g.subgraphs.emplace_back();
    sg.name = "mul";
    const int a = AddTensor(sg, "mul_a");
    const int b = AddTensor(sg, "mul_b");
    const int product = AddTensor(sg, "mul_product");
    const int doubled = AddTensor(sg, "mul_doubled");
    AddOp(sg, ir::OpType::kMul, a, b, product);
    AddOp(sg, ir::OpType::kAdd, product, product, doubled);
    sg.inputs = {a, b};
    sg.outputs = {product, doubled};
    g.signatures.push_back({"mul", 1, {{"a", a}, {"b", b}}, {{"product", product}, {"doubled", doubled}}});
  }
  return g;
}

}  // namespace
}  // namespace liteforge

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string path = std::string(argv[1]) + "/signatures.tflite";
  const liteforge::Status s =
      liteforge::tflite_format::WriteTfliteFile(liteforge::SignatureModel(), path);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}
