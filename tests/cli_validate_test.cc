// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// `liteforge validate` as CI uses it: a model against itself agrees
// perfectly and exits 0; a float model against its int8 twin (the TFLite
// Micro LSTM pair from the corpus) and against a twin liteforge writes
// with altered weights fails the thresholds with exit code 3; --json,
// --report and --per-layer write what they promise; models that do not
// correspond and bad flags are one clear error line with exit code 2.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "liteforge/format/tflite/reader.h"
#include "liteforge/format/tflite/writer.h"
#include "tests/cli_runner.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

class CliValidateTest : public CliFixture {
 protected:
  void SetUp() override {
    if (TestdataDir().empty()) GTEST_SKIP() << "../shared/testdata not found";
    CliFixture::SetUp();
  }

  CliResult Validate(const std::string& args) const { return RunCli("validate " + args); }

  // Usage and input errors exit 2 (3 is kept for failed thresholds).
  static void ExpectOneErrorLine(const CliResult& r, const std::string& needle) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    CliFixture::ExpectOneErrorLine(r, "validate", needle);
  }

  // The float LSTM with its FULLY_CONNECTED weights negated, written by
  // liteforge's writer: a "broken quantization" that needs no quantizer.
  std::string WriteAlteredLstm() {
    auto graph = tflite_format::ReadTfliteFile(Model("tflm__trained_lstm.tflite"));
    EXPECT_TRUE(graph.ok()) << graph.status().message();
    if (!graph.ok()) return "";
    ir::Subgraph& sg = graph->subgraphs[0];
    bool altered = false;
    for (const ir::Op& op : sg.ops) {
      if (op.type != ir::OpType::kFullyConnected) continue;
      ir::Tensor& weights = sg.tensors[op.inputs[1]];
      EXPECT_EQ(weights.dtype, DType::kFloat32);
      std::vector<float> values(weights.data->size() / sizeof(float));
      std::memcpy(values.data(), weights.data->data(), values.size() * sizeof(float));
      for (float& v : values) v = -v;
      weights.data = ir::ConstData::Copy(
          {reinterpret_cast<const uint8_t*>(values.data()), values.size() * sizeof(float)});
      altered = true;
    }
    EXPECT_TRUE(altered);
    const std::string path = Path("altered.tflite");
    const Status written = tflite_format::WriteTfliteFile(*graph, path);
    EXPECT_TRUE(written.ok()) << written.message();
    return path;
  }
};

TEST_F(CliValidateTest, ModelAgainstItselfAgreesAndExitsZero) {
  const std::string model = Model("coral__mobilenet_v1_0.25_128_quant.tflite");
  const CliResult r = Validate(model + " " + model + " --data " + Image("cat.bmp") + " --data " +
                               Image("grace_hopper.bmp") + " --min-agreement 1 --max-error 0");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("samples:   2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("top-1 agreement 100.00% (2 of 2), top-5 100.00%"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("max abs error 0, mean abs error 0, SNR inf dB"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("disagreements"), std::string::npos) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(CliValidateTest, PerLayerJsonAndReport) {
  const std::string model = Model("coral__mobilenet_v1_0.25_128_quant.tflite");
  const std::string report = Path("report.html");
  const CliResult r = Validate(model + " " + model + " --data " + Image("cat.bmp") +
                               " --per-layer --json --report " + report);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["samples"], 1);
  ASSERT_EQ(j["outputs"].size(), 1u);
  EXPECT_EQ(j["outputs"][0]["top1_agreement"], 1.0);
  EXPECT_EQ(j["outputs"][0]["max_abs_error"], 0.0);
  EXPECT_EQ(j["outputs"][0]["snr_db"], "inf");  // identical
  EXPECT_EQ(j["per_sample"][0]["name"], "cat.bmp");
  ASSERT_TRUE(j["layers"].is_array());
  EXPECT_GT(j["layers"].size(), 20u);  // every conv/depthwise/pool/... output
  for (const auto& layer : j["layers"]) EXPECT_EQ(layer["max_abs_error"], 0.0) << layer["name"];
  EXPECT_TRUE(j["largest_snr_drop"].is_null());
  EXPECT_EQ(j["reference_unmatched"], 0);
  EXPECT_TRUE(j["thresholds"]["passed"]);
  EXPECT_NE(r.err.find("wrote " + report), std::string::npos) << r.err;

  const std::string html = ReadWholeFile(report);
  for (const char* id : {"summary", "outputs", "histogram", "layers", "samples"}) {
    EXPECT_NE(html.find(std::string("<h2 id=") + id + ">"), std::string::npos) << id;
  }
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("cat.bmp"), std::string::npos);
}

TEST_F(CliValidateTest, FloatAgainstInt8TwinFailsThresholds) {
  // The corpus's float / int8 LSTM pair on the golden case's input (random
  // values, far from the digits it was calibrated on): the two disagree.
  const std::string pair = Model("tflm__trained_lstm.tflite") + " " + Model("tflm__trained_lstm_int8.tflite");
  const std::string data = " --data " + Golden("tflm__trained_lstm/in0.npy");
  const CliResult plain = Validate(pair + data + " --per-layer");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;  // no threshold: a report, not a gate
  EXPECT_NE(plain.out.find("float32 vs int8"), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("top-1 disagreements, output 0:"), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("per-layer: 4 matched tensors compared, worst first"), std::string::npos)
      << plain.out;

  const CliResult gated = Validate(pair + data + " --min-agreement 0.99 --max-error 0.05");
  EXPECT_EQ(gated.exit_code, 3) << gated.err;
  EXPECT_NE(gated.err.find("liteforge validate: threshold not met: output 0 'StatefulPartitionedCall:0': "
                           "top-1 agreement 0 (0 of 1) is below the minimum 0.99"),
            std::string::npos)
      << gated.err;
  EXPECT_NE(gated.err.find("max abs error"), std::string::npos) << gated.err;

  // --json still reports the verdict on stdout.
  const CliResult json = Validate(pair + data + " --json --max-error 0.05");
  EXPECT_EQ(json.exit_code, 3);
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_FALSE(j["thresholds"]["passed"]);
  EXPECT_EQ(j["thresholds"]["unmet"].size(), 1u);
  EXPECT_EQ(j["outputs"][0]["candidate_dtype"], "int8");
}

TEST_F(CliValidateTest, AlteredWeightsFailAndLabelsNameTheClasses) {
  const std::string altered = WriteAlteredLstm();
  ASSERT_FALSE(altered.empty());
  std::ofstream(Path("digits.txt")) << "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n";
  const CliResult r = Validate(Model("tflm__trained_lstm.tflite") + " " + altered + " --data " +
                               Golden("tflm__trained_lstm/in0.npy") + " --labels " + Path("digits.txt") +
                               " --min-agreement 0.5 --per-layer");
  EXPECT_EQ(r.exit_code, 3) << r.err << r.out;
  // The float model's golden output says class 5.
  EXPECT_NE(r.out.find("in0.npy: reference 5 'five'"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("threshold not met"), std::string::npos) << r.err;
  // The LSTM and RESHAPE before it are identical: the FULLY_CONNECTED (op 2)
  // is where the error starts.
  EXPECT_NE(r.out.find("largest SNR drop: op 2 'model/sequential/output/MatMul;"), std::string::npos) << r.out;
}

TEST_F(CliValidateTest, RegressionOutputsGateOnMaxError) {
  // hello_world predicts one number: no agreement, but the error gates.
  const std::string pair = Model("tflm__hello_world_float.tflite") + " " + Model("tflm__hello_world_int8.tflite");
  const std::string data = " --data " + Golden("tflm__hello_world_float/in0.npy");
  const CliResult loose = Validate(pair + data + " --max-error 1");
  EXPECT_EQ(loose.exit_code, 0) << loose.err;
  EXPECT_EQ(loose.out.find("top-1"), std::string::npos) << loose.out;
  EXPECT_EQ(Validate(pair + data + " --max-error 0").exit_code, 3);
  ExpectOneErrorLine(Validate(pair + data + " --min-agreement 0.9"),
                     "--min-agreement needs a classifier-like output");
}

TEST_F(CliValidateTest, ModelsThatDoNotCorrespond) {
  const CliResult r = Validate(Model("tflm__trained_lstm.tflite") + " " +
                               Model("coral__mobilenet_v1_0.25_128_quant.tflite") + " --data " +
                               Golden("tflm__trained_lstm/in0.npy"));
  ExpectOneErrorLine(r, "input 0: the reference's 'serving_default_fixed_input:0' has shape [1, 28, 28] "
                        "but the candidate's 'input' has shape [1, 128, 128, 3]");
}

TEST_F(CliValidateTest, BadUsage) {
  const std::string lstm = Model("tflm__trained_lstm.tflite");
  const std::string npy = " --data " + Golden("tflm__trained_lstm/in0.npy");
  ExpectOneErrorLine(Validate(lstm), "expected REFERENCE and CANDIDATE models");
  ExpectOneErrorLine(Validate(lstm + " " + lstm), "give the samples with --data");
  ExpectOneErrorLine(Validate(lstm + " " + lstm + npy + " --min-agreement 95"),
                     "--min-agreement is a fraction between 0 and 1");
  ExpectOneErrorLine(Validate(lstm + " " + lstm + npy + " --max-error -1"), "--max-error must be a number >= 0");
  ExpectOneErrorLine(Validate(lstm + " " + lstm + npy + " --range 1,0"), "--range expects LO,HI");
  ExpectOneErrorLine(Validate(lstm + " " + lstm + " --data /nonexistent/samples"), "/nonexistent/samples");
  ExpectOneErrorLine(Validate(lstm + " /nonexistent/cand.tflite" + npy), "/nonexistent/cand.tflite");
  ExpectOneErrorLine(Validate(lstm + " " + lstm + npy + " --report /nonexistent/dir/r.html"),
                     "cannot write --report '/nonexistent/dir/r.html'");
}

TEST_F(CliValidateTest, DataAfterTheModelsAndMaxSamples) {
  // `--data a b c`: paths after the two models are samples too (shell globs).
  const std::string model = Model("coral__mobilenet_v1_0.25_128_quant.tflite");
  const CliResult all = Validate(model + " " + model + " --data " + Image("cat.bmp") + " " +
                                 Image("grace_hopper.bmp") + " " + Image("dragonfly.bmp") + " --json");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(nlohmann::json::parse(all.out)["samples"], 3);
  const CliResult two = Validate(model + " " + model + " --data " + Image("cat.bmp") + " " +
                                 Image("grace_hopper.bmp") + " " + Image("dragonfly.bmp") +
                                 " --json --max-samples 2");
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(nlohmann::json::parse(two.out)["samples"], 2);
}

}  // namespace
}  // namespace liteforge::testing
