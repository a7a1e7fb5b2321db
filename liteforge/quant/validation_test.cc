// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Validation sessions over small hand-built models run by the interpreter:
// a model against itself, against a twin with altered weights (errors and
// agreement checked by hand), against an int8-output twin (dequantized
// comparison), per-layer capture with a folded op, models that do not
// correspond, and the thresholds.

#include "liteforge/quant/validation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "liteforge/api/interpreter.h"

namespace liteforge::quant {
namespace {

int AddTensor(ir::Subgraph& sg, const std::string& name, DType dtype, Shape shape) {
  ir::Tensor t;
  t.name = name;
  t.dtype = dtype;
  t.shape = std::move(shape);
  sg.tensors.push_back(std::move(t));
  return static_cast<int>(sg.tensors.size()) - 1;
}

ir::Op MakeOp(ir::OpType type, std::vector<int32_t> in, std::vector<int32_t> out,
              ir::OpOptions options = ir::NoOptions{}) {
  ir::Op op;
  op.type = type;
  op.inputs = std::move(in);
  op.outputs = std::move(out);
  op.options = std::move(options);
  return op;
}

// x [2, 3] -> MUL(x, w) -> "scaled" -> SOFTMAX -> "probs" [2, 3], where w
// is RESHAPE(constant) -> "w" (all-constant: folded while planning). With
// `int8_output`, SOFTMAX writes "probs_float" and a QUANTIZE writes the
// output "probs" as int8 (scale 1/256, zero point -128).
std::shared_ptr<ir::Graph> ScaleSoftmax(const std::vector<float>& weights, bool int8_output = false) {
  auto g = std::make_shared<ir::Graph>();
  auto& sg = g->subgraphs.emplace_back();
  const int x = AddTensor(sg, "x", DType::kFloat32, {2, 3});
  const int c = AddTensor(sg, "w_const", DType::kFloat32, {6});
  sg.tensors[c].data = ir::ConstData::Copy(
      {reinterpret_cast<const uint8_t*>(weights.data()), weights.size() * sizeof(float)});
  const int w = AddTensor(sg, "w", DType::kFloat32, {2, 3});
  const int scaled = AddTensor(sg, "scaled", DType::kFloat32, {2, 3});
  sg.ops.push_back(MakeOp(ir::OpType::kReshape, {c}, {w}, ir::ReshapeOptions{std::vector<int32_t>{2, 3}}));
  sg.ops.push_back(MakeOp(ir::OpType::kMul, {x, w}, {scaled}, ir::FusedActivationOptions{}));
  int probs;
  if (int8_output) {
    const int pf = AddTensor(sg, "probs_float", DType::kFloat32, {2, 3});
    probs = AddTensor(sg, "probs", DType::kInt8, {2, 3});
    sg.tensors[probs].quant.scale = {1.0f / 256};
    sg.tensors[probs].quant.zero_point = {-128};
    sg.ops.push_back(MakeOp(ir::OpType::kSoftmax, {scaled}, {pf}, ir::SoftmaxOptions{1.0f}));
    sg.ops.push_back(MakeOp(ir::OpType::kQuantize, {pf}, {probs}));
  } else {
    probs = AddTensor(sg, "probs", DType::kFloat32, {2, 3});
    sg.ops.push_back(MakeOp(ir::OpType::kSoftmax, {scaled}, {probs}, ir::SoftmaxOptions{1.0f}));
  }
  sg.inputs = {x};
  sg.outputs = {probs};
  return g;
}

const std::vector<float> kOnes = {1, 1, 1, 1, 1, 1};
const std::vector<float> kX = {1, 2, 3, 3, 2, 1};

// Runs both models on the same samples (each a [2, 3] float input).
Result<ValidationReport> Validate(std::shared_ptr<ir::Graph> ref, std::shared_ptr<ir::Graph> cand,
                                  const std::vector<std::vector<float>>& samples, bool per_layer) {
  ValidationOptions options;
  options.per_layer = per_layer;
  LF_ASSIGN_OR_RETURN(auto v, Validation::Create(*ref, *cand, options));
  LF_ASSIGN_OR_RETURN(auto a, Interpreter::FromGraph(ref));
  LF_ASSIGN_OR_RETURN(auto b, Interpreter::FromGraph(cand));
  a->SetObserver(v->reference_observer());
  b->SetObserver(v->candidate_observer());
  for (size_t s = 0; s < samples.size(); ++s) {
    const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(samples[s].data()),
                                         samples[s].size() * sizeof(float));
    LF_RETURN_IF_ERROR(a->SetInput(0, DType::kFloat32, Shape({2, 3}), bytes));
    LF_RETURN_IF_ERROR(b->SetInput(0, DType::kFloat32, Shape({2, 3}), bytes));
    LF_RETURN_IF_ERROR(a->Invoke());
    LF_RETURN_IF_ERROR(b->Invoke());
    const TensorView* ra[] = {&a->output(0)};
    const TensorView* rb[] = {&b->output(0)};
    LF_RETURN_IF_ERROR(v->AddSample("s" + std::to_string(s), ra, rb));
  }
  return v->Report();
}

const ComparedTensor* FindLayer(const ValidationReport& r, const std::string& name) {
  for (const auto& l : r.layers) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

TEST(Validation, ModelAgainstItselfAgreesPerfectly) {
  auto report = Validate(ScaleSoftmax(kOnes), ScaleSoftmax(kOnes), {kX, {0, 0, 5, 1, 1, 1}}, true);
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->outputs.size(), 1u);
  const ComparedTensor& out = report->outputs[0];
  EXPECT_EQ(out.name, "probs");
  EXPECT_EQ(out.classes, 3);
  EXPECT_EQ(out.summary.samples, 2);
  EXPECT_EQ(out.summary.max_abs_error, 0);
  EXPECT_EQ(out.summary.snr_db(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(out.summary.top1_agreement(), 1.0);
  EXPECT_EQ(out.summary.histogram.counts[0], 12);
  ASSERT_EQ(report->samples.size(), 2u);
  EXPECT_EQ(report->samples[1].name, "s1");
  EXPECT_EQ(report->samples[1].outputs[0].reference_top1, 2);

  // Per layer: "scaled" and "probs" run; "w" was folded while planning.
  EXPECT_TRUE(report->per_layer);
  ASSERT_EQ(report->layers.size(), 2u);
  EXPECT_NE(FindLayer(*report, "scaled"), nullptr);
  EXPECT_EQ(FindLayer(*report, "scaled")->summary.samples, 2);
  EXPECT_EQ(report->unobserved, std::vector<std::string>{"w"});
  EXPECT_TRUE(report->skipped.empty());
  EXPECT_TRUE(UnmetThresholds(*report, {.min_agreement = 1.0, .max_error = 0.0}).empty());
}

TEST(Validation, AlteredWeightsShowInOutputsAndLayers) {
  // Row 1 of w becomes [0, 1, 1]: "scaled" row 1 goes from [3, 2, 1] to
  // [0, 2, 1], so one element is off by 3 and that row's class flips.
  auto report = Validate(ScaleSoftmax(kOnes), ScaleSoftmax({1, 1, 1, 0, 1, 1}), {kX}, true);
  ASSERT_TRUE(report.ok()) << report.status().message();
  const ComparedTensor& out = report->outputs[0];
  EXPECT_EQ(out.summary.rows, 2);
  EXPECT_EQ(out.summary.top1_agree, 1);
  EXPECT_EQ(out.summary.top5_agree, 2);
  EXPECT_EQ(report->samples[0].outputs[0].reference_top1, 2);  // row 0: [1, 2, 3]
  const ComparedTensor* scaled = FindLayer(*report, "scaled");
  ASSERT_NE(scaled, nullptr);
  EXPECT_DOUBLE_EQ(scaled->summary.max_abs_error, 3);
  EXPECT_DOUBLE_EQ(scaled->summary.mean_abs_error(), 0.5);
  // Signal 1+4+9+9+4+1 = 28, noise 9.
  EXPECT_NEAR(scaled->summary.snr_db(), 10 * std::log10(28.0 / 9.0), 1e-9);
  // The softmax output fares worse than its input: it comes first.
  ASSERT_EQ(report->layers.size(), 2u);
  EXPECT_EQ(report->layers[0].name, "probs");
  EXPECT_EQ(report->layers[1].name, "scaled");
  EXPECT_EQ(report->layers[0].order, 2);  // written by op 2 (SOFTMAX)

  const auto unmet = UnmetThresholds(*report, {.min_agreement = 0.9, .max_error = 0.1});
  ASSERT_EQ(unmet.size(), 2u);
  EXPECT_EQ(unmet[0], "output 0 'probs': top-1 agreement 0.5 (1 of 2) is below the minimum 0.9");
  EXPECT_NE(unmet[1].find("output 0 'probs': max abs error 0.57"), std::string::npos) << unmet[1];
  EXPECT_NE(unmet[1].find("is above the maximum 0.1"), std::string::npos) << unmet[1];
  EXPECT_TRUE(UnmetThresholds(*report, {.min_agreement = 0.5}).empty());
  EXPECT_TRUE(UnmetThresholds(*report, {}).empty());
}

TEST(Validation, Int8OutputIsDequantized) {
  auto report = Validate(ScaleSoftmax(kOnes), ScaleSoftmax(kOnes, true), {kX, {0, 1, 0, 2, 2, 2}}, true);
  ASSERT_TRUE(report.ok()) << report.status().message();
  const ComparedTensor& out = report->outputs[0];
  EXPECT_EQ(out.reference_dtype, DType::kFloat32);
  EXPECT_EQ(out.candidate_dtype, DType::kInt8);
  // Quantization to steps of 1/256 errs by at most half a step.
  EXPECT_GT(out.summary.max_abs_error, 0);
  EXPECT_LE(out.summary.max_abs_error, 0.5 / 256 + 1e-6);
  EXPECT_EQ(out.summary.top1_agreement(), 1.0);
  EXPECT_GT(out.summary.snr_db(), 40);
  // Per layer, "probs" (float vs int8) and "scaled" are matched; the
  // candidate's "probs_float" has no twin.
  ASSERT_NE(FindLayer(*report, "probs"), nullptr);
  EXPECT_EQ(FindLayer(*report, "probs")->candidate_dtype, DType::kInt8);
  EXPECT_EQ(report->candidate_unmatched, 1);
}

// x [2, 3] -> MUL(x, a) -> "h1" -> MUL(h1, b) -> "h2" -> SOFTMAX -> "probs",
// with constant a and b.
std::shared_ptr<ir::Graph> Chain(const std::vector<float>& a, const std::vector<float>& b) {
  auto g = std::make_shared<ir::Graph>();
  auto& sg = g->subgraphs.emplace_back();
  const int x = AddTensor(sg, "x", DType::kFloat32, {2, 3});
  int prev = x;
  const std::vector<float>* weights[] = {&a, &b};
  for (int i = 0; i < 2; ++i) {
    const std::vector<float>& w = *weights[i];
    const int c = AddTensor(sg, "c" + std::to_string(i + 1), DType::kFloat32, {2, 3});
    sg.tensors[c].data = ir::ConstData::Copy(
        {reinterpret_cast<const uint8_t*>(w.data()), w.size() * sizeof(float)});
    const int h = AddTensor(sg, "h" + std::to_string(i + 1), DType::kFloat32, {2, 3});
    sg.ops.push_back(MakeOp(ir::OpType::kMul, {prev, c}, {h}, ir::FusedActivationOptions{}));
    prev = h;
  }
  const int probs = AddTensor(sg, "probs", DType::kFloat32, {2, 3});
  sg.ops.push_back(MakeOp(ir::OpType::kSoftmax, {prev}, {probs}, ir::SoftmaxOptions{1.0f}));
  sg.inputs = {x};
  sg.outputs = {probs};
  return g;
}

TEST(Validation, LargestSnrDropPointsAtTheBrokenLayer) {
  // The second MUL is altered: h1 is identical, h2 is the first to differ,
  // and probs (after SOFTMAX) has the lowest SNR but adds less error.
  auto report = Validate(Chain(kOnes, kOnes), Chain(kOnes, {1, 1, 1, 0, 1, 1}), {kX}, true);
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->layers.size(), 3u);
  EXPECT_EQ(report->layers[0].name, "probs");  // sorted by SNR: worst last layer first
  const ComparedTensor* h1 = FindLayer(*report, "h1");
  const ComparedTensor* h2 = FindLayer(*report, "h2");
  const ComparedTensor* probs = FindLayer(*report, "probs");
  ASSERT_TRUE(h1 && h2 && probs);
  EXPECT_FALSE(h1->snr_drop_db.has_value());  // reads only the model input
  ASSERT_TRUE(h2->snr_drop_db.has_value());
  EXPECT_EQ(*h2->snr_drop_db, std::numeric_limits<double>::infinity());  // from identical
  ASSERT_TRUE(probs->snr_drop_db.has_value());
  EXPECT_NEAR(*probs->snr_drop_db, h2->summary.snr_db() - probs->summary.snr_db(), 1e-12);
  EXPECT_GT(*probs->snr_drop_db, 0);
  const ComparedTensor* largest = LargestSnrDrop(*report);
  ASSERT_NE(largest, nullptr);
  EXPECT_EQ(largest->name, "h2");

  // Identical models: every drop is 0, and there is no largest drop.
  auto same = Validate(Chain(kOnes, kOnes), Chain(kOnes, kOnes), {kX}, true);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*FindLayer(*same, "probs")->snr_drop_db, 0.0);
  EXPECT_EQ(LargestSnrDrop(*same), nullptr);
}

TEST(Validation, CandidateRunFirstComparesNoLayer) {
  // The candidate's tensors are compared as it writes them, against the
  // reference's copies: run in the wrong order, nothing is compared (and
  // nothing is compared with a stale sample).
  ValidationOptions options;
  options.per_layer = true;
  auto graph = ScaleSoftmax(kOnes);
  auto v = Validation::Create(*graph, *graph, options);
  ASSERT_TRUE(v.ok());
  auto a = Interpreter::FromGraph(graph);
  auto b = Interpreter::FromGraph(graph);
  ASSERT_TRUE(a.ok() && b.ok());
  (*a)->SetObserver((*v)->reference_observer());
  (*b)->SetObserver((*v)->candidate_observer());
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(kX.data()), kX.size() * sizeof(float));
  for (int s = 0; s < 2; ++s) {
    ASSERT_TRUE((*a)->SetInput(0, DType::kFloat32, Shape({2, 3}), bytes).ok());
    ASSERT_TRUE((*b)->SetInput(0, DType::kFloat32, Shape({2, 3}), bytes).ok());
    ASSERT_TRUE((*b)->Invoke().ok());
    ASSERT_TRUE((*a)->Invoke().ok());
    const TensorView* ra[] = {&(*a)->output(0)};
    const TensorView* rb[] = {&(*b)->output(0)};
    ASSERT_TRUE((*v)->AddSample("s", ra, rb).ok());
  }
  const ValidationReport report = (*v)->Report();
  EXPECT_EQ(report.outputs[0].summary.samples, 2);
  EXPECT_TRUE(report.layers.empty());
  EXPECT_EQ(report.unobserved.size(), 3u);  // w, scaled, probs
}

TEST(Validation, OutputsOnlyWithoutPerLayer) {
  auto report = Validate(ScaleSoftmax(kOnes), ScaleSoftmax({2, 2, 2, 2, 2, 2}), {kX}, false);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_FALSE(report->per_layer);
  EXPECT_TRUE(report->layers.empty());
  EXPECT_TRUE(report->unobserved.empty());
  EXPECT_GT(report->outputs[0].summary.max_abs_error, 0);
}

TEST(Validation, ModelsThatDoNotCorrespond) {
  auto ref = ScaleSoftmax(kOnes);
  auto other = ScaleSoftmax(kOnes);
  other->subgraphs[0].tensors[0].name = "image";
  other->subgraphs[0].tensors[0].shape = Shape({1, 6});
  auto r = Validation::Create(*ref, *other);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "input 0: the reference's 'x' has shape [2, 3] but the candidate's 'image' has shape [1, 6]");

  auto two_outputs = ScaleSoftmax(kOnes);
  two_outputs->subgraphs[0].outputs.push_back(3);  // "scaled"
  r = Validation::Create(*ref, *two_outputs);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "the reference has 1 output(s) but the candidate has 2");

  auto bad_output = ScaleSoftmax(kOnes);
  auto& probs = bad_output->subgraphs[0].tensors[bad_output->subgraphs[0].outputs[0]];
  probs.shape = Shape({3, 2});
  r = Validation::Create(*ref, *bad_output);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("output 0: the reference's 'probs' has shape [2, 3]"),
            std::string::npos)
      << r.status().message();

  auto strings = ScaleSoftmax(kOnes);
  strings->subgraphs[0].tensors[0].dtype = DType::kString;
  r = Validation::Create(*ref, *strings);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnimplemented);
}

TEST(Validation, AddSampleChecksOutputCount) {
  auto ref = ScaleSoftmax(kOnes);
  auto v = Validation::Create(*ref, *ref);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE((*v)->AddSample("s", {}, {}).ok());
  EXPECT_EQ((*v)->reference_observer(), nullptr);  // not per-layer
}

TEST(Validation, AgreementThresholdNeedsAClassifier) {
  ValidationReport report;
  ComparedTensor regression;
  regression.name = "value";
  regression.summary.Add(TensorComparison{.elements = 1});
  report.outputs.push_back(regression);
  const auto unmet = UnmetThresholds(report, {.min_agreement = 0.5});
  ASSERT_EQ(unmet.size(), 1u);
  EXPECT_NE(unmet[0].find("no output is classifier-like"), std::string::npos);
  EXPECT_TRUE(UnmetThresholds(report, {.max_error = 0}).empty());
}

TEST(Validation, SortWorstFirst) {
  auto make = [](const std::string& name, int order, double signal, double noise, double abs) {
    ComparedTensor t;
    t.name = name;
    t.order = order;
    t.summary.samples = 1;
    t.summary.elements = 1;
    t.summary.sum_sq_reference = signal;
    t.summary.sum_sq_error = noise;
    t.summary.sum_abs_error = abs;
    return t;
  };
  std::vector<ComparedTensor> v = {make("exact_late", 5, 1, 0, 0), make("exact_early", 1, 1, 0, 0),
                                   make("good", 2, 100, 1, 1), make("bad", 3, 1, 1, 1),
                                   make("bad_bigger", 4, 1, 1, 2)};
  SortWorstFirst(v);
  std::vector<std::string> names;
  for (const auto& t : v) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"bad_bigger", "bad", "good", "exact_early", "exact_late"}));
}

}  // namespace
}  // namespace liteforge::quant
