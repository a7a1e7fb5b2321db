// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// WHILE, IF and CALL_ONCE over hand-built multi-subgraph models. The
// subgraphs use tiny custom ops registered here, which also exercises the
// public custom-op API (OpResolver::AddCustom).

#include <gtest/gtest.h>

#include <cstring>

#include "liteforge/api/interpreter.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

// out = in < 5 (int32 scalar-ish -> bool).
class LessThanFive final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override { return ctx.SetOutputShape(0, ctx.input(0)->shape); }
  Status Eval(EvalContext& ctx) const override {
    ctx.output(0).data[0] = ctx.input(0)->data_as<int32_t>()[0] < 5 ? 1 : 0;
    return Status::Ok();
  }
};

class Increment final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override { return ctx.SetOutputShape(0, ctx.input(0)->shape); }
  Status Eval(EvalContext& ctx) const override {
    for (int64_t i = 0; i < ctx.input(0)->num_elements(); ++i) {
      ctx.output(0).data_as<int32_t>()[i] = ctx.input(0)->data_as<int32_t>()[i] + 1;
    }
    return Status::Ok();
  }
};

class Double final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override { return ctx.SetOutputShape(0, ctx.input(0)->shape); }
  Status Eval(EvalContext& ctx) const override {
    for (int64_t i = 0; i < ctx.input(0)->num_elements(); ++i) {
      ctx.output(0).data_as<float>()[i] = 2 * ctx.input(0)->data_as<float>()[i];
    }
    return Status::Ok();
  }
};

class Negate final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override { return ctx.SetOutputShape(0, ctx.input(0)->shape); }
  Status Eval(EvalContext& ctx) const override {
    for (int64_t i = 0; i < ctx.input(0)->num_elements(); ++i) {
      ctx.output(0).data_as<float>()[i] = -ctx.input(0)->data_as<float>()[i];
    }
    return Status::Ok();
  }
};

// float [n] -> [n + 1], appending 1.0: changes shape every iteration.
class AppendOne final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    return ctx.SetOutputShape(0, Shape({ctx.input(0)->shape.dim(0) + 1}));
  }
  Status Eval(EvalContext& ctx) const override {
    const int64_t n = ctx.input(0)->num_elements();
    std::memcpy(ctx.output(0).data, ctx.input(0)->data, n * sizeof(float));
    ctx.output(0).data_as<float>()[n] = 1.f;
    return Status::Ok();
  }
};

OpResolver TestResolver() {
  OpResolver r = BuiltinOpResolver();
  r.AddCustom("LessThanFive", MakeKernel<LessThanFive>);
  r.AddCustom("Increment", MakeKernel<Increment>);
  r.AddCustom("Double", MakeKernel<Double>);
  r.AddCustom("Negate", MakeKernel<Negate>);
  r.AddCustom("AppendOne", MakeKernel<AppendOne>);
  return r;
}

int AddTensor(ir::Subgraph& sg, DType dtype, Shape shape) {
  ir::Tensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.name = "t" + std::to_string(sg.tensors.size());
  sg.tensors.push_back(std::move(t));
  return static_cast<int>(sg.tensors.size()) - 1;
}

void AddCustomOp(ir::Subgraph& sg, const char* name, std::vector<int32_t> in, std::vector<int32_t> out) {
  ir::Op op;
  op.type = ir::OpType::kCustom;
  op.custom_code = name;
  op.inputs = std::move(in);
  op.outputs = std::move(out);
  sg.ops.push_back(std::move(op));
}

// main: WHILE(counter int32[1], acc float[accn]) with cond = counter < 5,
// body = (counter + 1, body_op(acc)).
std::shared_ptr<ir::Graph> WhileGraph(const char* body_op, int accn, bool recursive = false) {
  auto g = std::make_shared<ir::Graph>();
  g->subgraphs.resize(3);
  auto& main = g->subgraphs[0];
  const int c = AddTensor(main, DType::kInt32, {1});
  const int a = AddTensor(main, DType::kFloat32, {accn});
  const int c2 = AddTensor(main, DType::kInt32, {1});
  const int a2 = AddTensor(main, DType::kFloat32, {accn});
  main.inputs = {c, a};
  main.outputs = {c2, a2};
  ir::Op w;
  w.type = ir::OpType::kWhile;
  w.options = ir::WhileOptions{1, 2};
  w.inputs = {c, a};
  w.outputs = {c2, a2};
  main.ops.push_back(w);

  auto& cond = g->subgraphs[1];
  const int cc = AddTensor(cond, DType::kInt32, {1});
  const int ca = AddTensor(cond, DType::kFloat32, {accn});
  const int cb = AddTensor(cond, DType::kBool, {1});
  cond.inputs = {cc, ca};
  cond.outputs = {cb};
  AddCustomOp(cond, "LessThanFive", {cc}, {cb});

  auto& body = g->subgraphs[2];
  const int bc = AddTensor(body, DType::kInt32, {1});
  const int ba = AddTensor(body, DType::kFloat32, {accn});
  const int bc2 = AddTensor(body, DType::kInt32, {1});
  const int ba2 = AddTensor(body, DType::kFloat32, {accn});
  body.inputs = {bc, ba};
  body.outputs = {bc2, ba2};
  if (recursive) {
    ir::Op inner = w;
    inner.inputs = {bc, ba};
    inner.outputs = {bc2, ba2};
    body.ops.push_back(inner);
  } else {
    AddCustomOp(body, "Increment", {bc}, {bc2});
    AddCustomOp(body, body_op, {ba}, {ba2});
  }
  return g;
}

TEST(WhileTest, LoopsUntilConditionIsFalse) {
  const OpResolver resolver = TestResolver();
  InterpreterOptions options;
  options.resolver = &resolver;
  auto interp = Interpreter::FromGraph(WhileGraph("Double", 2), options);
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  (*interp)->input(0).data_as<int32_t>()[0] = 0;
  (*interp)->input(1).data_as<float>()[0] = 1.f;
  (*interp)->input(1).data_as<float>()[1] = -1.f;
  ASSERT_TRUE((*interp)->Invoke().ok());
  EXPECT_EQ((*interp)->output(0).data_as<int32_t>()[0], 5);
  EXPECT_EQ((*interp)->output(1).data_as<float>()[0], 32.f);
  EXPECT_EQ((*interp)->output(1).data_as<float>()[1], -32.f);

  // Starting past the bound: zero iterations, inputs pass through.
  (*interp)->input(0).data_as<int32_t>()[0] = 7;
  ASSERT_TRUE((*interp)->Invoke().ok());
  EXPECT_EQ((*interp)->output(0).data_as<int32_t>()[0], 7);
  EXPECT_EQ((*interp)->output(1).data_as<float>()[0], 1.f);
}

TEST(WhileTest, BodyThatGrowsTheStateMakesOutputsDynamic) {
  const OpResolver resolver = TestResolver();
  InterpreterOptions options;
  options.resolver = &resolver;
  auto graph = WhileGraph("AppendOne", 1);
  auto interp = Interpreter::FromGraph(graph, options);
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  (*interp)->input(0).data_as<int32_t>()[0] = 2;
  (*interp)->input(1).data_as<float>()[0] = 9.f;
  ASSERT_TRUE((*interp)->Invoke().ok());
  const TensorView& out = (*interp)->output(1);
  ASSERT_EQ(out.shape, Shape({4}));  // 3 iterations appended 3 ones
  EXPECT_EQ(out.data_as<float>()[0], 9.f);
  EXPECT_EQ(out.data_as<float>()[3], 1.f);
}

TEST(WhileTest, RecursiveModelFailsCleanly) {
  const OpResolver resolver = TestResolver();
  InterpreterOptions options;
  options.resolver = &resolver;
  auto interp = Interpreter::FromGraph(WhileGraph("Double", 2, /*recursive=*/true), options);
  ASSERT_FALSE(interp.ok());
  EXPECT_NE(interp.status().message().find("deeper than"), std::string::npos)
      << interp.status().message();
}

TEST(WhileTest, MissingCustomOpIsReportedAtPrepareWithItsName) {
  // No test ops registered: the callee's custom op is missing.
  auto interp = Interpreter::FromGraph(WhileGraph("Double", 2));
  ASSERT_FALSE(interp.ok());
  EXPECT_NE(interp.status().message().find("custom op 'LessThanFive' is not registered"),
            std::string::npos)
      << interp.status().message();
  EXPECT_NE(interp.status().message().find("subgraph 1, op 0"), std::string::npos)
      << interp.status().message();
}

std::shared_ptr<ir::Graph> IfGraph() {
  auto g = std::make_shared<ir::Graph>();
  g->subgraphs.resize(3);
  auto& main = g->subgraphs[0];
  const int c = AddTensor(main, DType::kBool, {1});
  const int x = AddTensor(main, DType::kFloat32, {3});
  const int y = AddTensor(main, DType::kFloat32, {3});
  main.inputs = {c, x};
  main.outputs = {y};
  ir::Op op;
  op.type = ir::OpType::kIf;
  op.options = ir::IfOptions{1, 2};
  op.inputs = {c, x};
  op.outputs = {y};
  main.ops.push_back(op);
  const char* branch_ops[] = {"Double", "Negate"};
  for (int b = 1; b <= 2; ++b) {
    auto& sg = g->subgraphs[b];
    const int in = AddTensor(sg, DType::kFloat32, {3});
    const int out = AddTensor(sg, DType::kFloat32, {3});
    sg.inputs = {in};
    sg.outputs = {out};
    AddCustomOp(sg, branch_ops[b - 1], {in}, {out});
  }
  return g;
}

TEST(IfTest, RunsTheChosenBranch) {
  const OpResolver resolver = TestResolver();
  InterpreterOptions options;
  options.resolver = &resolver;
  auto interp = Interpreter::FromGraph(IfGraph(), options);
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  const float x[3] = {1.f, -2.f, 3.f};
  std::memcpy((*interp)->input(1).data, x, sizeof(x));
  (*interp)->input(0).data[0] = 1;
  ASSERT_TRUE((*interp)->Invoke().ok());
  EXPECT_EQ((*interp)->output(0).data_as<float>()[1], -4.f);
  (*interp)->input(0).data[0] = 0;
  ASSERT_TRUE((*interp)->Invoke().ok());
  EXPECT_EQ((*interp)->output(0).data_as<float>()[1], 2.f);
}

TEST(IfTest, NonBoolConditionIsRejected) {
  auto g = IfGraph();
  g->subgraphs[0].tensors[0].dtype = DType::kInt32;
  const OpResolver resolver = TestResolver();
  InterpreterOptions options;
  options.resolver = &resolver;
  auto interp = Interpreter::FromGraph(g, options);
  ASSERT_FALSE(interp.ok());
  EXPECT_NE(interp.status().message().find("must be a single bool"), std::string::npos)
      << interp.status().message();
}

}  // namespace
}  // namespace liteforge::ops
