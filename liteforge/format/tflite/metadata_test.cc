// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/format/tflite/metadata.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <flatbuffers/flatbuffers.h>

#include "liteforge/base/mapped_file.h"
#include "liteforge/format/tflite/reader.h"
#include "liteforge/format/tflite/schema/tflite_metadata_generated.h"

namespace liteforge::tflite_format {
namespace {

// A classifier's metadata as the public tooling writes it: an RGB image
// input normalized per channel, a probability output with a label file.
std::vector<uint8_t> ClassifierMetadata(std::vector<float> mean = {123.f, 117.f, 104.f},
                                        std::vector<float> std = {58.f, 57.f, 57.5f}) {
  flatbuffers::FlatBufferBuilder fbb;
  auto image = tflmeta::CreateImageProperties(fbb, tflmeta::ColorSpaceType::RGB);
  auto content = tflmeta::CreateContent(fbb, tflmeta::ContentProperties::ImageProperties, image.Union());
  auto norm = tflmeta::CreateNormalizationOptionsDirect(fbb, &mean, &std);
  std::vector<flatbuffers::Offset<tflmeta::ProcessUnit>> units = {
      tflmeta::CreateProcessUnit(fbb, tflmeta::ProcessUnitOptions::NormalizationOptions, norm.Union())};
  std::vector<float> lo = {0.f}, hi = {255.f};
  auto stats = tflmeta::CreateStatsDirect(fbb, &hi, &lo);
  std::vector<flatbuffers::Offset<tflmeta::TensorMetadata>> inputs = {
      tflmeta::CreateTensorMetadataDirect(fbb, "image", "the photo", nullptr, content, &units, stats)};
  std::vector<flatbuffers::Offset<tflmeta::AssociatedFile>> files = {
      tflmeta::CreateAssociatedFileDirect(fbb, "calib.csv", nullptr,
                                          tflmeta::AssociatedFileType::TENSOR_AXIS_SCORE_CALIBRATION),
      tflmeta::CreateAssociatedFileDirect(fbb, "labels.txt", "class names",
                                          tflmeta::AssociatedFileType::TENSOR_AXIS_LABELS, "en")};
  auto feature = tflmeta::CreateFeatureProperties(fbb);
  auto out_content = tflmeta::CreateContent(fbb, tflmeta::ContentProperties::FeatureProperties, feature.Union());
  std::vector<flatbuffers::Offset<tflmeta::TensorMetadata>> outputs = {tflmeta::CreateTensorMetadataDirect(
      fbb, "probability", nullptr, nullptr, out_content, nullptr, 0, &files)};
  std::vector<flatbuffers::Offset<tflmeta::SubGraphMetadata>> subgraphs = {
      tflmeta::CreateSubGraphMetadataDirect(fbb, "main", nullptr, &inputs, &outputs)};
  auto root = tflmeta::CreateModelMetadataDirect(fbb, "TinyNet", "classifies things", "v7", &subgraphs,
                                                 "A. Author", "Apache-2.0", nullptr, "1.0.0");
  tflmeta::FinishModelMetadataBuffer(fbb, root);
  return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()};
}

TEST(MetadataTest, ParsesEveryField) {
  const auto bytes = ClassifierMetadata();
  auto m = ParseModelMetadata(bytes);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->name, "TinyNet");
  EXPECT_EQ(m->description, "classifies things");
  EXPECT_EQ(m->version, "v7");
  EXPECT_EQ(m->author, "A. Author");
  EXPECT_EQ(m->license, "Apache-2.0");
  EXPECT_EQ(m->min_parser_version, "1.0.0");
  ASSERT_EQ(m->subgraphs.size(), 1u);
  ASSERT_EQ(m->subgraphs[0].inputs.size(), 1u);
  const TensorMetadata& in = m->subgraphs[0].inputs[0];
  EXPECT_EQ(in.name, "image");
  EXPECT_EQ(in.content, "image");
  EXPECT_EQ(in.color_space, "RGB");
  ASSERT_TRUE(in.normalization.has_value());
  EXPECT_EQ(in.normalization->mean, (std::vector<float>{123.f, 117.f, 104.f}));
  EXPECT_EQ(in.normalization->std, (std::vector<float>{58.f, 57.f, 57.5f}));
  // Stats store max before min; they must not come out swapped.
  EXPECT_EQ(in.min, std::vector<float>{0.f});
  EXPECT_EQ(in.max, std::vector<float>{255.f});
  ASSERT_NE(m->InputNormalization(0), nullptr);
  EXPECT_EQ(m->InputNormalization(1), nullptr);
  const TensorMetadata& out = m->subgraphs[0].outputs[0];
  EXPECT_EQ(out.content, "feature");
  ASSERT_EQ(out.associated_files.size(), 2u);
  EXPECT_EQ(out.associated_files[1].locale, "en");
  // The label file is the TENSOR_AXIS_LABELS one, not the first file.
  const AssociatedFile* labels = m->OutputLabelFile(0);
  ASSERT_NE(labels, nullptr);
  EXPECT_EQ(labels->name, "labels.txt");
  EXPECT_EQ(AssociatedFileTypeName(labels->type), "TENSOR_AXIS_LABELS");
  EXPECT_EQ(m->OutputLabelFile(1), nullptr);
  EXPECT_EQ(m->OutputLabelFile(-1), nullptr);
}

TEST(MetadataTest, UnalignedBytesParse) {
  const auto bytes = ClassifierMetadata();
  std::vector<uint8_t> shifted(bytes.size() + 1);
  std::memcpy(shifted.data() + 1, bytes.data(), bytes.size());
  auto m = ParseModelMetadata(std::span<const uint8_t>(shifted).subspan(1));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->name, "TinyNet");
}

TEST(MetadataTest, MalformedMetadataIsAnError) {
  auto bytes = ClassifierMetadata();
  auto short_one = ParseModelMetadata(std::span<const uint8_t>(bytes).first(5));
  ASSERT_FALSE(short_one.ok());
  EXPECT_NE(short_one.status().ToString().find("too short"), std::string::npos);

  auto wrong_id = bytes;
  std::memcpy(wrong_id.data() + 4, "M002", 4);
  auto w = ParseModelMetadata(wrong_id);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().ToString().find("'M001'"), std::string::npos) << w.status().ToString();

  auto cut = ParseModelMetadata(std::span<const uint8_t>(bytes).first(bytes.size() / 2));
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().ToString().find("does not verify"), std::string::npos) << cut.status().ToString();

  auto zero_std = ParseModelMetadata(ClassifierMetadata({127.5f}, {0.f}));
  ASSERT_FALSE(zero_std.ok());
  EXPECT_NE(zero_std.status().ToString().find("subgraph 0 input 0: normalization std 0"), std::string::npos)
      << zero_std.status().ToString();

  auto no_mean = ParseModelMetadata(ClassifierMetadata({}, {1.f}));
  ASSERT_FALSE(no_mean.ok());
  EXPECT_NE(no_mean.status().ToString().find("0 mean and 1 std"), std::string::npos);
}

// Every single-bit corruption of a small metadata buffer parses or fails;
// none may crash (the sanitizer build makes this strict).
TEST(MetadataTest, EveryBitFlipIsHandled) {
  const auto original = ClassifierMetadata();
  auto bytes = original;
  int ok = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int b = 0; b < 8; ++b) {
      bytes[i] ^= static_cast<uint8_t>(1u << b);
      auto m = ParseModelMetadata(bytes);
      ok += m.ok();
      if (!m.ok()) {
        EXPECT_FALSE(m.status().ToString().empty());
      }
      bytes[i] = original[i];
    }
  }
  EXPECT_GT(ok, 0);  // flips inside string bytes still parse
}

ir::Graph GraphWithMetadata(std::vector<uint8_t> meta, int inputs, int outputs) {
  ir::Graph g;
  g.subgraphs.resize(1);
  for (int i = 0; i < inputs; ++i) g.subgraphs[0].inputs.push_back(i);
  for (int i = 0; i < outputs; ++i) g.subgraphs[0].outputs.push_back(inputs + i);
  g.metadata.push_back({"min_runtime_version", ir::ConstData::Copy(std::vector<uint8_t>{'1', '.', '5'})});
  g.metadata.push_back({std::string(kModelMetadataName), ir::ConstData::Copy(meta)});
  return g;
}

TEST(MetadataTest, ReadFromGraph) {
  auto none = ReadModelMetadata(ir::Graph{});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  auto good = ReadModelMetadata(GraphWithMetadata(ClassifierMetadata(), 1, 1));
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  ASSERT_TRUE(good->has_value());
  EXPECT_EQ((*good)->name, "TinyNet");

  // Tensor lists that disagree with the graph are refused, not trusted.
  auto mismatch = ReadModelMetadata(GraphWithMetadata(ClassifierMetadata(), 2, 1));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.status().ToString().find("describes 1 inputs but the model has 2"), std::string::npos)
      << mismatch.status().ToString();

  auto bad = ReadModelMetadata(GraphWithMetadata({1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("TFLITE_METADATA"), std::string::npos) << bad.status().ToString();
}

// --- associated files -----------------------------------------------------

uint32_t Crc32(std::span<const uint8_t> data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (uint8_t byte : data) {
    crc ^= byte;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void Put16(std::vector<uint8_t>& out, uint32_t v) {
  out.push_back(static_cast<uint8_t>(v));
  out.push_back(static_cast<uint8_t>(v >> 8));
}
void Put32(std::vector<uint8_t>& out, uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

struct Entry {
  std::string name;
  std::string content;
};

// `prefix` followed by a ZIP archive of stored (uncompressed) entries whose
// offsets count from the start of the whole file, which is how the TFLite
// metadata tooling appends its archive to a model.
std::vector<uint8_t> WithStoredZip(std::vector<uint8_t> out, const std::vector<Entry>& entries) {
  std::vector<uint32_t> offsets;
  for (const Entry& e : entries) {
    offsets.push_back(static_cast<uint32_t>(out.size()));
    const uint32_t crc = Crc32({reinterpret_cast<const uint8_t*>(e.content.data()), e.content.size()});
    Put32(out, 0x04034b50);
    Put16(out, 20);
    Put16(out, 0);
    Put16(out, 0);  // stored
    Put16(out, 0);
    Put16(out, 0x21);
    Put32(out, crc);
    Put32(out, static_cast<uint32_t>(e.content.size()));
    Put32(out, static_cast<uint32_t>(e.content.size()));
    Put16(out, static_cast<uint32_t>(e.name.size()));
    Put16(out, 0);
    out.insert(out.end(), e.name.begin(), e.name.end());
    out.insert(out.end(), e.content.begin(), e.content.end());
  }
  const uint32_t cd_start = static_cast<uint32_t>(out.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    const uint32_t crc = Crc32({reinterpret_cast<const uint8_t*>(e.content.data()), e.content.size()});
    Put32(out, 0x02014b50);
    Put16(out, 20);
    Put16(out, 20);
    Put16(out, 0);
    Put16(out, 0);
    Put16(out, 0);
    Put16(out, 0x21);
    Put32(out, crc);
    Put32(out, static_cast<uint32_t>(e.content.size()));
    Put32(out, static_cast<uint32_t>(e.content.size()));
    Put16(out, static_cast<uint32_t>(e.name.size()));
    Put16(out, 0);
    Put16(out, 0);
    Put16(out, 0);
    Put16(out, 0);
    Put32(out, 0);
    Put32(out, offsets[i]);
    out.insert(out.end(), e.name.begin(), e.name.end());
  }
  const uint32_t cd_size = static_cast<uint32_t>(out.size()) - cd_start;
  Put32(out, 0x06054b50);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<uint32_t>(entries.size()));
  Put16(out, static_cast<uint32_t>(entries.size()));
  Put32(out, cd_size);
  Put32(out, cd_start);
  Put16(out, 0);
  return out;
}

TEST(AssociatedFilesTest, ReadsLinesFromAppendedArchive) {
  const std::vector<uint8_t> model(300, 0x5A);  // stands in for the flatbuffer
  const auto file = WithStoredZip(model, {{"labels.txt", "background\r\ncat\n\ndog\n"},
                                          {"vocab.txt", "no trailing newline"}});
  auto names = ListAssociatedFiles(file);
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  EXPECT_EQ(*names, (std::vector<std::string>{"labels.txt", "vocab.txt"}));

  auto lines = ReadAssociatedFileLines(file, "labels.txt");
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  EXPECT_EQ(*lines, (std::vector<std::string>{"background", "cat", "", "dog"}));
  auto vocab = ReadAssociatedFileLines(file, "vocab.txt");
  ASSERT_TRUE(vocab.ok());
  EXPECT_EQ(*vocab, std::vector<std::string>{"no trailing newline"});

  auto missing = ReadAssociatedFile(file, "nope.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("'nope.txt' is not in the model's archive"), std::string::npos);
}

TEST(AssociatedFilesTest, NoArchive) {
  const std::vector<uint8_t> model(300, 0x5A);
  auto names = ListAssociatedFiles(model);
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  EXPECT_TRUE(names->empty());
  auto missing = ReadAssociatedFile(model, "labels.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("carries no associated files"), std::string::npos)
      << missing.status().ToString();
  EXPECT_TRUE(ListAssociatedFiles({}).ok());
}

TEST(AssociatedFilesTest, CorruptArchivesAreErrors) {
  const std::vector<uint8_t> model(64, 0x5A);
  const auto original = WithStoredZip(model, {{"labels.txt", "a\nb\nc\n"}});
  // Content damaged: the CRC no longer matches.
  auto bad_crc = original;
  bad_crc[model.size() + 30 + 10] ^= 0x01;
  auto r = ReadAssociatedFile(bad_crc, "labels.txt");
  EXPECT_FALSE(r.ok());
  // Every single-byte corruption: a Status or the right bytes, never a crash.
  for (size_t i = model.size(); i < original.size(); ++i) {
    auto bytes = original;
    bytes[i] ^= 0xA5;
    auto names = ListAssociatedFiles(bytes);
    auto data = ReadAssociatedFile(bytes, "labels.txt");
    if (data.ok()) {
      EXPECT_EQ(data->size(), 6u) << "byte " << i;
    }
  }
}

// --- the corpus -------------------------------------------------------------

std::string CorpusModel(const std::string& name) {
  const std::string path = std::string(LITEFORGE_TESTDATA_DIR) + "/models/" + name;
  return std::filesystem::exists(path) ? path : std::string();
}

TEST(MetadataCorpusTest, CoralClassifiersCarryMetadataAndLabels) {
  struct Case {
    const char* model;
    const char* label_file;
    size_t labels;
  };
  const Case cases[] = {
      {"coral__mobilenet_v1_0.25_128_quant.tflite", "imagenet_labels.txt", 1001},
      {"coral__mobilenet_v1_0.5_160_quant.tflite", "imagenet_labels.txt", 1001},
      {"coral__mobilenet_v2_1.0_224_quant.tflite", "imagenet_labels.txt", 1001},
      {"coral__tf2_mobilenet_v2_1.0_224_ptq.tflite", "imagenet_labels.txt", 1001},
      {"coral__mobilenet_v2_1.0_224_inat_insect_quant.tflite", "inat_insect_labels.txt", 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.model);
    const std::string path = CorpusModel(c.model);
    if (path.empty()) GTEST_SKIP() << "../shared/testdata not found";
    auto graph = ReadTfliteFile(path);
    ASSERT_TRUE(graph.ok()) << graph.status().ToString();
    auto meta = ReadModelMetadata(*graph);
    ASSERT_TRUE(meta.ok()) << meta.status().ToString();
    ASSERT_TRUE(meta->has_value());
    const ModelMetadata& m = **meta;
    EXPECT_EQ(m.name, "ImageClassifier");
    const Normalization* norm = m.InputNormalization(0);
    ASSERT_NE(norm, nullptr);
    EXPECT_EQ(norm->mean, std::vector<float>{127.5f});
    EXPECT_EQ(norm->std, std::vector<float>{127.5f});
    const AssociatedFile* labels = m.OutputLabelFile(0);
    ASSERT_NE(labels, nullptr);
    EXPECT_EQ(labels->name, c.label_file);
    auto bytes = MapFile(path);
    ASSERT_TRUE(bytes.ok());
    auto lines = ReadAssociatedFileLines((*bytes)->bytes(), labels->name);
    ASSERT_TRUE(lines.ok()) << lines.status().ToString();
    if (c.labels != 0) {
      ASSERT_EQ(lines->size(), c.labels);
      EXPECT_EQ((*lines)[0], "background");
      EXPECT_EQ((*lines)[285], "Siamese cat, Siamese");
    } else {
      // One label per class of the output axis.
      const auto& sg = graph->subgraphs[0];
      EXPECT_EQ(static_cast<int64_t>(lines->size()), sg.tensors[sg.outputs[0]].shape.NumElements());
    }
  }
}

TEST(MetadataCorpusTest, ModelWithoutMetadata) {
  const std::string path = CorpusModel("tflm__add0.tflite");
  if (path.empty()) GTEST_SKIP() << "../shared/testdata not found";
  auto graph = ReadTfliteFile(path);
  ASSERT_TRUE(graph.ok());
  auto meta = ReadModelMetadata(*graph);
  ASSERT_TRUE(meta.ok());
  EXPECT_FALSE(meta->has_value());
  auto bytes = MapFile(path);
  ASSERT_TRUE(bytes.ok());
  auto names = ListAssociatedFiles((*bytes)->bytes());
  ASSERT_TRUE(names.ok());
  EXPECT_TRUE(names->empty());
}

}  // namespace
}  // namespace liteforge::tflite_format
