// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TFLite model metadata through the command line: `inspect` shows it (text
// and --json), `run --image` labels its top-k with the label file embedded
// in the model and normalizes float inputs as the metadata says, and a
// model whose metadata is damaged still inspects and runs, with a warning.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <flatbuffers/flatbuffers.h>
#include <nlohmann/json.hpp>

#include "liteforge/format/tflite/metadata.h"
#include "liteforge/format/tflite/reader.h"
#include "liteforge/format/tflite/schema/tflite_metadata_generated.h"
#include "liteforge/format/tflite/writer.h"
#include "tests/cli_runner.h"
#include "tests/golden_case.h"

namespace liteforge::testing {
namespace {

class CliMetadataTest : public CliFixture {
 protected:
  void SetUp() override {
    if (TestdataDir().empty()) GTEST_SKIP() << "../shared/testdata not found";
    CliFixture::SetUp();
  }

  // The label column of `liteforge run`'s top-k lines ("  index  score  label").
  static std::vector<std::string> TopLabels(const std::string& out) {
    std::vector<std::string> labels;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
      std::istringstream fields(line);
      int index = 0;
      double score = 0;
      if (!(fields >> index >> score)) continue;
      std::string label;
      std::getline(fields, label);
      label.erase(0, label.find_first_not_of(' '));
      labels.push_back(label);
    }
    return labels;
  }
};

TEST_F(CliMetadataTest, InspectShowsMetadata) {
  const CliResult r = RunCli("inspect " + Model("coral__mobilenet_v2_1.0_224_quant.tflite"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* needle :
       {"model metadata (TFLITE_METADATA):", "name: ImageClassifier",
        "description: Identify the most prominent object in the image",
        "min parser version: 1.0.0", "input [0] 'image' image (RGB)",
        "normalization: (x - [127.5]) / [127.5]", "range: min [0] max [255]",
        "output [0] 'probability' feature",
        "associated file 'imagenet_labels.txt' (TENSOR_AXIS_LABELS)",
        "files in the model's archive: imagenet_labels.txt"}) {
    EXPECT_NE(r.out.find(needle), std::string::npos) << "missing '" << needle << "' in:\n" << r.out;
  }
}

TEST_F(CliMetadataTest, InspectJsonIncludesMetadata) {
  const CliResult r = RunCli("inspect --json " + Model("coral__mobilenet_v1_0.25_128_quant.tflite"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  const auto& m = j.at("model_metadata");
  EXPECT_EQ(m.at("name"), "ImageClassifier");
  EXPECT_EQ(m.at("min_parser_version"), "1.0.0");
  ASSERT_EQ(m.at("inputs").size(), 1u);
  EXPECT_EQ(m.at("inputs")[0].at("normalization").at("mean"), nlohmann::json::array({127.5}));
  EXPECT_EQ(m.at("inputs")[0].at("normalization").at("std"), nlohmann::json::array({127.5}));
  EXPECT_EQ(m.at("inputs")[0].at("color_space"), "RGB");
  ASSERT_EQ(m.at("outputs")[0].at("associated_files").size(), 1u);
  EXPECT_EQ(m.at("outputs")[0].at("associated_files")[0].at("name"), "imagenet_labels.txt");
  EXPECT_EQ(m.at("outputs")[0].at("associated_files")[0].at("type"), "TENSOR_AXIS_LABELS");
  EXPECT_EQ(m.at("archive_files"), nlohmann::json::array({"imagenet_labels.txt"}));
}

TEST_F(CliMetadataTest, ModelWithoutMetadata) {
  const CliResult text = RunCli("inspect " + Model("tflm__add0.tflite"));
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("model metadata: none"), std::string::npos) << text.out;
  const CliResult json = RunCli("inspect --json " + Model("tflm__add0.tflite"));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_TRUE(j.at("model_metadata").is_null());
}

TEST_F(CliMetadataTest, RunLabelsTopKWithEmbeddedLabels) {
  // Grace Hopper in uniform: the classic ImageNet check.
  const CliResult r = RunCli("run " + Model("coral__mobilenet_v2_1.0_224_quant.tflite") + " --image " +
                             Image("grace_hopper.bmp") + " --top-k 5");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("labels: 1001 from the model's metadata"), std::string::npos) << r.err;
  const std::vector<std::string> labels = TopLabels(r.out);
  ASSERT_EQ(labels.size(), 5u) << r.out;
  EXPECT_EQ(labels[0], "military uniform") << r.out;
  // Every printed label is a line of the shipped ImageNet label list.
  const std::string all = ReadWholeFile(TestdataDir() + "/labels/imagenet_labels.txt");
  for (const std::string& label : labels) {
    ASSERT_FALSE(label.empty()) << r.out;
    EXPECT_NE(all.find("\n" + label + "\n"), std::string::npos) << label;
  }
}

TEST_F(CliMetadataTest, LabelsFlagOverridesEmbeddedLabels) {
  const std::string labels = Path("mine.txt");
  {
    std::ofstream out(labels);
    for (int i = 0; i < 1001; ++i) out << "class" << i << "\n";
  }
  const CliResult r = RunCli("run " + Model("coral__mobilenet_v2_1.0_224_quant.tflite") + " --image " +
                             Image("grace_hopper.bmp") + " --top-k 1 --labels " + labels);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto top = TopLabels(r.out);
  ASSERT_EQ(top.size(), 1u) << r.out;
  EXPECT_EQ(top[0].rfind("class", 0), 0u) << r.out;
  EXPECT_EQ(r.err.find("from the model's metadata"), std::string::npos) << r.err;
}

// No corpus model with metadata has a float input, so one is made: MediaPipe's
// float selfie segmenter plus a TFLITE_METADATA entry asking for
// (pixel - 0) / 255, written with our .tflite writer.
TEST_F(CliMetadataTest, FloatInputUsesMetadataNormalization) {
  auto graph = tflite_format::ReadTfliteFile(Model("mediapipe__selfie_segmentation.tflite"));
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  ASSERT_EQ(graph->subgraphs[0].tensors[graph->subgraphs[0].inputs[0]].dtype, DType::kFloat32);
  flatbuffers::FlatBufferBuilder fbb;
  std::vector<float> mean = {0.f}, std = {255.f};
  auto norm = tflmeta::CreateNormalizationOptionsDirect(fbb, &mean, &std);
  std::vector<flatbuffers::Offset<tflmeta::ProcessUnit>> units = {
      tflmeta::CreateProcessUnit(fbb, tflmeta::ProcessUnitOptions::NormalizationOptions, norm.Union())};
  std::vector<flatbuffers::Offset<tflmeta::TensorMetadata>> inputs = {
      tflmeta::CreateTensorMetadataDirect(fbb, "image", nullptr, nullptr, 0, &units)};
  std::vector<flatbuffers::Offset<tflmeta::SubGraphMetadata>> subgraphs = {
      tflmeta::CreateSubGraphMetadataDirect(fbb, nullptr, nullptr, &inputs)};
  tflmeta::FinishModelMetadataBuffer(
      fbb, tflmeta::CreateModelMetadataDirect(fbb, "SelfieWithMetadata", nullptr, "2", &subgraphs));
  graph->metadata.push_back({std::string(tflite_format::kModelMetadataName),
                             ir::ConstData::Copy({fbb.GetBufferPointer(), fbb.GetSize()})});
  const std::string model = Path("selfie_meta.tflite");
  ASSERT_TRUE(tflite_format::WriteTfliteFile(*graph, model).ok());

  const CliResult inspect = RunCli("inspect " + model);
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_NE(inspect.out.find("name: SelfieWithMetadata"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("normalization: (x - [0]) / [255]"), std::string::npos) << inspect.out;

  const CliResult r = RunCli("run " + model + " --image " + Image("squat.bmp"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("as float (pixel - 0) / 255 (model metadata)"), std::string::npos) << r.err;

  // Flags win over the metadata; without either the default is [-1, 1].
  const CliResult flags = RunCli("run " + model + " --image " + Image("squat.bmp") + " --mean 10 --std 20");
  ASSERT_EQ(flags.exit_code, 0) << flags.err;
  EXPECT_NE(flags.err.find("as float (pixel - 10) / 20 (flags)"), std::string::npos) << flags.err;
  const CliResult plain =
      RunCli("run " + Model("mediapipe__selfie_segmentation.tflite") + " --image " + Image("squat.bmp"));
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(plain.err.find("as float (pixel - 127.5) / 127.5 (default)"), std::string::npos) << plain.err;
}

TEST_F(CliMetadataTest, DamagedMetadataIsAWarning) {
  std::string bytes = ReadWholeFile(Model("coral__mobilenet_v1_0.25_128_quant.tflite"));
  const size_t id = bytes.find("M001");
  ASSERT_NE(id, std::string::npos);
  bytes[id + 3] = 'X';
  const std::string model = Path("damaged.tflite");
  std::ofstream(model, std::ios::binary) << bytes;

  const CliResult inspect = RunCli("inspect " + model);
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_NE(inspect.out.find("model metadata: unreadable"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("'M001'"), std::string::npos) << inspect.out;

  const CliResult run = RunCli("run " + model + " --image " + Image("grace_hopper.bmp") + " --top-k 2");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("warning: ignoring the model's metadata"), std::string::npos) << run.err;
  EXPECT_EQ(TopLabels(run.out).size(), 2u) << run.out;
}

}  // namespace
}  // namespace liteforge::testing
