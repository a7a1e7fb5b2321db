// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The XNNPACK delegate on real models from ../shared/testdata/models: each
// model runs once with `--delegate xnnpack` and once on liteforge's
// reference kernels (the oracle), on the golden input photo when there is
// one. Float results must agree within a stated tolerance. Integer ops are
// checked twice: each op alone, fed the reference's own inputs, within one
// step (XNNPACK requantizes in float with round-half-even where TFLite and
// liteforge use fixed-point multipliers with round-half-away), and whole
// models within TFLite's own builtin-vs-XNNPACK disagreement, since those
// steps add up over the layers. Each case also checks that XNNPACK claimed
// most of the ops that run, so no comparison passes by leaving everything
// to liteforge.

#include "liteforge/delegates/xnnpack/xnnpack_delegate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "liteforge/api/interpreter.h"
#include "liteforge/runtime/tensor_observer.h"
#include "liteforge/tensor/npy.h"

namespace liteforge::delegates::xnnpack {
namespace {

namespace fs = std::filesystem;

std::string TestdataDir() {
  if (const char* env = std::getenv("LITEFORGE_TESTDATA")) {
    if (fs::is_directory(env)) return env;
  }
  if (fs::is_directory(LITEFORGE_TESTDATA_DIR)) return LITEFORGE_TESTDATA_DIR;
  return "";
}

struct ModelCase {
  const char* model;       // file in models/, golden input in golden/<stem>/in*.npy
  double float_tolerance;  // max |delegate - reference| for float outputs
  int lsb_tolerance;       // the same in quantized steps for integer tensors
  double min_claimed;      // share of the ops that run which XNNPACK must take
};

// Float tolerances are about TFLite's own tolerance for these models
// (golden/*/meta.json: 4x its builtin-vs-XNNPACK disagreement): the noise
// floor of two correct float paths with different summation orders and FMA.
// Integer tolerances are TFLite's own builtin-vs-XNNPACK disagreement on the
// model's output (meta.json: 20, 3 and 2 steps) plus one step for this older
// XNNPACK: each op alone is within one step (EachIntegerOpWithinOneStep),
// and over 30 to 60 layers those steps add up.
constexpr ModelCase kCases[] = {
    {"mediapipe__face_detection_short_range.tflite", 2e-3, 0, 0.95},
    {"mediapipe__selfie_segmentation.tflite", 5e-4, 0, 0.95},
    {"mediapipe__hand_landmark_lite.tflite", 1.5e-3, 0, 0.95},
    {"coral__tf2_mobilenet_v2_1.0_224_ptq.tflite", 0, 21, 0.9},
    {"coral__mobilenet_v2_1.0_224_quant.tflite", 0, 4, 0.9},
    {"coral__mobilenet_v1_0.25_128_quant.tflite", 0, 3, 0.9},
};

// Fills input i from golden/<stem>/in<i>.npy, or with a fixed pattern.
void FillInput(Interpreter& interp, int i, const std::string& golden_dir) {
  const std::string path = golden_dir + "/in" + std::to_string(i) + ".npy";
  TensorView& in = interp.input(i);
  if (fs::exists(path)) {
    auto a = ReadNpy(path);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    const Status s = interp.SetInput(i, a->dtype, a->shape, a->data);
    ASSERT_TRUE(s.ok()) << s.ToString();
    return;
  }
  uint32_t state = 12345u + static_cast<uint32_t>(i);
  for (size_t b = 0; b < in.bytes; ++b) {
    state = state * 1664525u + 1013904223u;
    in.data[b] = static_cast<uint8_t>(state >> 24);
  }
  if (in.dtype == DType::kFloat32) {
    float* f = in.data_as<float>();
    for (int64_t k = 0; k < in.num_elements(); ++k)
      f[k] = static_cast<float>(in.data[4 * k] % 200) / 100.f - 1.f;
  }
}

// Keeps a copy of every tensor an op (or a delegated partition) writes.
class RecordingObserver final : public runtime::TensorObserver {
 public:
  struct Record {
    TensorView view;  // dtype, shape, quant; data points into `bytes`
    std::vector<uint8_t> bytes;
    bool from_partition = false;
  };
  void OnOpOutputs(int subgraph, int, const ir::Op& op,
                   std::span<const TensorView* const> outputs) override {
    if (subgraph != 0) return;
    for (size_t i = 0; i < outputs.size(); ++i) {
      if (outputs[i] == nullptr || outputs[i]->data == nullptr) continue;
      Record& r = records[op.outputs[i]];
      r.view = *outputs[i];
      r.bytes.assign(outputs[i]->data, outputs[i]->data + outputs[i]->bytes);
      r.view.data = r.bytes.data();
      r.from_partition = op.type == ir::OpType::kDelegate;
    }
  }
  std::map<int32_t, Record> records;
};

struct ModelRun {
  std::unique_ptr<Interpreter> interp;
  RecordingObserver observer;
  int ops_run = 0;      // ops not folded away while planning
  int ops_claimed = 0;  // of those, inside XNNPACK partitions
};

void RunModel(const std::string& path, const std::string& golden_dir, InterpreterOptions options,
              ModelRun* run) {
  auto interp = Interpreter::FromFile(path, options);
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  run->interp = std::move(*interp);
  run->interp->SetObserver(&run->observer);
  for (int i = 0; i < run->interp->num_inputs(); ++i) {
    FillInput(*run->interp, i, golden_dir);
    const TensorView& in = run->interp->input(i);
    RecordingObserver::Record& r = run->observer.records[run->interp->input_tensor_index(i)];
    r.view = in;
    r.bytes.assign(in.data, in.data + in.bytes);
    r.view.data = r.bytes.data();
  }
  const Status s = run->interp->Invoke();
  ASSERT_TRUE(s.ok()) << s.ToString();
  const auto steps = run->interp->plan().steps();
  const int total = static_cast<int>(run->interp->plan().subgraph().ops.size());
  int own_steps = 0, folded = 0;
  for (const auto& step : steps) {
    if (step.owned_node == nullptr) ++own_steps;
    if (step.folded) ++folded;
  }
  run->ops_run = total - folded;
  run->ops_claimed = total - own_steps;
}

// Largest |a - b| over two outputs of the same dtype and shape, in real
// units for float and in quantized steps for integers; infinity for NaN.
double MaxDiff(const TensorView& a, const TensorView& b, int64_t* differing = nullptr) {
  double max_diff = 0;
  for (int64_t k = 0; k < b.num_elements(); ++k) {
    double x = 0, y = 0;
    switch (b.dtype) {
      case DType::kFloat32:
        x = a.data_as<float>()[k];
        y = b.data_as<float>()[k];
        break;
      case DType::kInt8:
        x = a.data_as<int8_t>()[k];
        y = b.data_as<int8_t>()[k];
        break;
      case DType::kUInt8:
        x = a.data_as<uint8_t>()[k];
        y = b.data_as<uint8_t>()[k];
        break;
      case DType::kInt32:
        x = a.data_as<int32_t>()[k];
        y = b.data_as<int32_t>()[k];
        break;
      default:
        return std::numeric_limits<double>::infinity();
    }
    const double d =
        std::isnan(x) || std::isnan(y) ? std::numeric_limits<double>::infinity() : std::fabs(x - y);
    if (differing != nullptr) *differing += d != 0;
    max_diff = std::max(max_diff, d);
  }
  return max_diff;
}

class XnnpackModelTest : public ::testing::TestWithParam<ModelCase> {};

TEST_P(XnnpackModelTest, MatchesReferenceKernels) {
  const ModelCase& c = GetParam();
  const std::string root = TestdataDir();
  if (root.empty()) GTEST_SKIP() << "../shared/testdata not found; set LITEFORGE_TESTDATA";
  const std::string path = root + "/models/" + c.model;
  if (!fs::exists(path)) GTEST_SKIP() << path << " not found";
  const std::string golden = root + "/golden/" + fs::path(c.model).stem().string();

  InterpreterOptions reference_options;
  reference_options.max_isa = Isa::kReference;
  ModelRun reference;
  RunModel(path, golden, reference_options, &reference);
  InterpreterOptions xnn_options;
  xnn_options.delegates = {"xnnpack"};
  ModelRun xnn;
  RunModel(path, golden, xnn_options, &xnn);
  ASSERT_NE(reference.interp, nullptr);
  ASSERT_NE(xnn.interp, nullptr);

  std::printf("[xnnpack] %s: XNNPACK runs %d of %d ops\n", c.model, xnn.ops_claimed, xnn.ops_run);
  EXPECT_GE(xnn.ops_claimed, c.min_claimed * xnn.ops_run)
      << "XNNPACK claimed too few ops of " << c.model;

  // Every tensor XNNPACK hands back to liteforge, against the same tensor
  // computed by the reference kernels.
  int checked = 0;
  double worst = 0;
  for (const auto& [t, got] : xnn.observer.records) {
    if (!got.from_partition) continue;
    auto it = reference.observer.records.find(t);
    ASSERT_NE(it, reference.observer.records.end())
        << "tensor " << t << " not computed by reference";
    const TensorView& want = it->second.view;
    ASSERT_EQ(got.view.dtype, want.dtype) << "tensor " << t;
    ASSERT_EQ(got.view.shape, want.shape) << "tensor " << t;
    const double d = MaxDiff(got.view, want);
    const double tolerance = want.dtype == DType::kFloat32 ? c.float_tolerance : c.lsb_tolerance;
    EXPECT_LE(d, tolerance) << c.model << ": tensor " << t << " '" << want.name << "'";
    worst = std::max(worst, d);
    ++checked;
  }
  std::printf("[xnnpack] %s: %d tensors leave XNNPACK, worst max |diff| %.6g\n", c.model, checked,
              worst);
  EXPECT_GT(checked, 0);

  ASSERT_EQ(xnn.interp->num_outputs(), reference.interp->num_outputs());
  for (int o = 0; o < xnn.interp->num_outputs(); ++o) {
    const TensorView& got = xnn.interp->output(o);
    const TensorView& want = reference.interp->output(o);
    ASSERT_EQ(got.dtype, want.dtype);
    ASSERT_EQ(got.shape, want.shape);
    int64_t differing = 0;
    const double max_diff = MaxDiff(got, want, &differing);
    const double tolerance = want.dtype == DType::kFloat32 ? c.float_tolerance : c.lsb_tolerance;
    std::printf(
        "[xnnpack] %s out%d: max |diff| %.6g over %lld elements (%lld differ), tolerance %g\n",
        c.model, o, max_diff, static_cast<long long>(want.num_elements()),
        static_cast<long long>(differing), tolerance);
    EXPECT_LE(max_diff, tolerance) << c.model << " output " << o;
  }
}

INSTANTIATE_TEST_SUITE_P(Models, XnnpackModelTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) {
                           std::string n = fs::path(info.param.model).stem().string();
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

// Op `o` of the main subgraph as a model of its own: its tensors (constant
// bytes shared, not copied), its non-constant inputs as the model inputs.
// `sources[i]` is the original index of the new model's input i.
struct ExtractedOp {
  std::shared_ptr<const ir::Graph> graph;
  std::vector<int32_t> sources;
};

ExtractedOp ExtractOp(const ir::Graph& graph, int o) {
  const ir::Subgraph& sg = graph.subgraphs[0];
  ExtractedOp extracted;
  auto g = std::make_shared<ir::Graph>();
  g->subgraphs.emplace_back();
  ir::Subgraph& one = g->subgraphs[0];
  std::map<int32_t, int32_t> remap;
  auto add = [&](int32_t t) -> int32_t {
    if (t < 0) return -1;
    if (auto it = remap.find(t); it != remap.end()) return it->second;
    one.tensors.push_back(sg.tensors[t]);
    return remap[t] = static_cast<int32_t>(one.tensors.size() - 1);
  };
  ir::Op op = sg.ops[o];
  op.intermediates.clear();
  for (int32_t& t : op.inputs) {
    const int32_t original = t;
    const bool fresh = t >= 0 && !remap.count(t);
    t = add(t);
    if (fresh && !one.tensors[t].data.has_value()) {
      one.inputs.push_back(t);
      extracted.sources.push_back(original);
    }
  }
  for (int32_t& t : op.outputs) {
    t = add(t);
    one.outputs.push_back(t);
  }
  one.ops.push_back(std::move(op));
  extracted.graph = std::move(g);
  return extracted;
}

// Each integer op alone, fed the reference's own inputs, so rounding
// differences cannot accumulate: XNNPACK must agree within one step.
TEST_P(XnnpackModelTest, EachIntegerOpWithinOneStep) {
  const ModelCase& c = GetParam();
  if (c.lsb_tolerance == 0) GTEST_SKIP() << c.model << " is a float model";
  const std::string root = TestdataDir();
  if (root.empty()) GTEST_SKIP() << "../shared/testdata not found; set LITEFORGE_TESTDATA";
  const std::string path = root + "/models/" + c.model;
  if (!fs::exists(path)) GTEST_SKIP() << path << " not found";
  InterpreterOptions reference_options;
  reference_options.max_isa = Isa::kReference;
  reference_options.fold_constants = false;  // every op reports its outputs
  ModelRun reference;
  RunModel(path, root + "/golden/" + fs::path(c.model).stem().string(), reference_options,
           &reference);
  ASSERT_NE(reference.interp, nullptr);
  const ir::Graph& graph = reference.interp->graph();
  const auto& records = reference.observer.records;

  int checked = 0, exact = 0;
  for (int o = 0; o < static_cast<int>(graph.subgraphs[0].ops.size()); ++o) {
    const ir::Op& op = graph.subgraphs[0].ops[o];
    if (op.outputs.size() != 1 || records.count(op.outputs[0]) == 0) continue;
    const DType dt = records.at(op.outputs[0]).view.dtype;
    if (dt != DType::kInt8 && dt != DType::kUInt8) continue;
    InterpreterOptions options;
    options.delegates = {"xnnpack"};
    const ExtractedOp extracted = ExtractOp(graph, o);
    auto interp = Interpreter::FromGraph(extracted.graph, options);
    ASSERT_TRUE(interp.ok()) << interp.status().ToString();
    if ((*interp)->plan().steps().empty() || (*interp)->plan().steps()[0].owned_node == nullptr) {
      continue;  // left to liteforge
    }
    bool fed = true;
    for (int i = 0; i < (*interp)->num_inputs(); ++i) {
      auto r = records.find(extracted.sources[static_cast<size_t>(i)]);
      if (r == records.end()) {
        fed = false;
        break;
      }
      const Status s =
          (*interp)->SetInput(i, r->second.view.dtype, r->second.view.shape, r->second.bytes);
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
    if (!fed) continue;
    const Status s = (*interp)->Invoke();
    ASSERT_TRUE(s.ok()) << ir::DescribeOp(graph, 0, o) << ": " << s.ToString();
    const double d = MaxDiff((*interp)->output(0), records.at(op.outputs[0]).view);
    EXPECT_LE(d, 1.0) << ir::DescribeOp(graph, 0, o);
    ++checked;
    exact += d == 0;
  }
  std::printf("[xnnpack] %s: %d integer ops checked alone, %d bit-exact, the rest within 1\n",
              c.model, checked, exact);
  EXPECT_GT(checked, 0) << "no integer op of " << c.model << " was delegated";
}

TEST(XnnpackDelegateTest, TakesThreadsOption) {
  EXPECT_TRUE(CreateXnnpackDelegate("").ok());
  EXPECT_TRUE(CreateXnnpackDelegate("threads=2").ok());
  auto bad = CreateXnnpackDelegate("threads=0");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("threads must be 1..256"), std::string::npos);
  auto unknown = CreateXnnpackDelegate("fast=1");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown option 'fast=1'"), std::string::npos);
}

TEST(XnnpackDelegateTest, ThreadPoolGivesTheSameFloatResult) {
  const std::string root = TestdataDir();
  const std::string path = root + "/models/mediapipe__face_detection_short_range.tflite";
  if (root.empty() || !fs::exists(path)) GTEST_SKIP() << "face detection model not found";
  const std::string golden = root + "/golden/mediapipe__face_detection_short_range";
  InterpreterOptions one;
  one.delegates = {"xnnpack"};
  InterpreterOptions two;
  two.delegates = {"xnnpack?threads=2"};
  ModelRun a, b;
  RunModel(path, golden, one, &a);
  RunModel(path, golden, two, &b);
  ASSERT_NE(a.interp, nullptr);
  ASSERT_NE(b.interp, nullptr);
  EXPECT_GT(b.ops_claimed, 0);
  for (int o = 0; o < a.interp->num_outputs(); ++o) {
    ASSERT_EQ(a.interp->output(o).shape, b.interp->output(o).shape);
    EXPECT_LE(MaxDiff(a.interp->output(o), b.interp->output(o)), 1e-4) << "output " << o;
  }
}

TEST(XnnpackDelegateTest, RunsAroundOpsItCannotTake) {
  // The sparse face detector interleaves DENSIFY (sparse weights) and
  // CONCATENATION, which this XNNPACK cannot take, with convolutions it can:
  // many partitions with liteforge's ops between them, and the result must
  // still match the reference kernels.
  const std::string root = TestdataDir();
  const std::string path = root + "/models/mediapipe__face_detection_full_range_sparse.tflite";
  if (root.empty() || !fs::exists(path)) GTEST_SKIP() << "sparse face detection model not found";
  const std::string golden = root + "/golden/mediapipe__face_detection_full_range_sparse";
  InterpreterOptions reference_options;
  reference_options.max_isa = Isa::kReference;
  InterpreterOptions xnn_options;
  xnn_options.delegates = {"xnnpack"};
  ModelRun reference, xnn;
  RunModel(path, golden, reference_options, &reference);
  RunModel(path, golden, xnn_options, &xnn);
  ASSERT_NE(reference.interp, nullptr);
  ASSERT_NE(xnn.interp, nullptr);
  int partitions = 0;
  for (const auto& step : xnn.interp->plan().steps()) partitions += step.owned_node != nullptr;
  std::printf("[xnnpack] sparse face detection: XNNPACK runs %d of %d ops in %d partitions\n",
              xnn.ops_claimed, xnn.ops_run, partitions);
  EXPECT_GT(partitions, 1);
  EXPECT_LT(xnn.ops_claimed, xnn.ops_run);
  for (int o = 0; o < xnn.interp->num_outputs(); ++o) {
    const TensorView& x = xnn.interp->output(o);
    const TensorView& y = reference.interp->output(o);
    ASSERT_EQ(x.dtype, y.dtype);
    ASSERT_EQ(x.shape, y.shape);
    // golden/.../meta.json allows 8e-4 and 1.3e-3 against TFLite.
    EXPECT_LE(MaxDiff(x, y), 1e-3) << "output " << o;
  }
}

TEST(XnnpackDelegateTest, ResizedInputIsAClearError) {
  const std::string root = TestdataDir();
  const std::string path = root + "/models/mediapipe__face_detection_short_range.tflite";
  if (root.empty() || !fs::exists(path)) GTEST_SKIP() << "face detection model not found";
  InterpreterOptions options;
  options.delegates = {"xnnpack"};
  auto interp = Interpreter::FromFile(path, options);
  ASSERT_TRUE(interp.ok()) << interp.status().ToString();
  ASSERT_TRUE((*interp)->ResizeInput(0, Shape({2, 128, 128, 3})).ok());
  const Status s = (*interp)->AllocateTensors();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("the XNNPACK delegate runs the model's own shapes"), std::string::npos)
      << s.message();
}

}  // namespace
}  // namespace liteforge::delegates::xnnpack
