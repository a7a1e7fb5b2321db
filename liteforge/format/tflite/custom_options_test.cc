// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/format/tflite/custom_options.h"

#include <gtest/gtest.h>

#include <flatbuffers/flexbuffers.h>

namespace liteforge::tflite_format {
namespace {

// The attribute map an SSD model's TFLite_Detection_PostProcess carries.
std::vector<uint8_t> DetectionOptions() {
  flexbuffers::Builder fbb;
  fbb.Map([&] {
    fbb.Int("max_detections", 10);
    fbb.Int("max_classes_per_detection", 1);
    fbb.Int("detections_per_class", 100);
    fbb.Bool("use_regular_nms", false);
    fbb.Float("nms_score_threshold", 0.3f);
    fbb.Float("nms_iou_threshold", 0.6f);
    fbb.Int("num_classes", 90);
    fbb.Float("y_scale", 10.0f);
    fbb.Float("x_scale", 10.0f);
    fbb.Float("h_scale", 5.0f);
    fbb.Float("w_scale", 5.0f);
  });
  fbb.Finish();
  return fbb.GetBuffer();
}

TEST(FlexMapTest, ReadsTheDetectionAttributes) {
  const std::vector<uint8_t> bytes = DetectionOptions();
  Result<FlexMap> m = FlexMap::Parse(bytes);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->size(), 11u);
  EXPECT_EQ(m->Int("max_detections"), 10);
  EXPECT_EQ(m->Int("num_classes"), 90);
  EXPECT_EQ(m->Bool("use_regular_nms"), false);
  ASSERT_TRUE(m->Float("nms_iou_threshold").has_value());
  EXPECT_FLOAT_EQ(static_cast<float>(*m->Float("nms_iou_threshold")), 0.6f);
  EXPECT_FLOAT_EQ(static_cast<float>(*m->Float("h_scale")), 5.0f);
  EXPECT_EQ(m->KindOf("y_scale"), FlexMap::Kind::kFloat);
  EXPECT_FALSE(m->Has("missing"));
  EXPECT_EQ(m->Int("missing"), std::nullopt);
  // Keys come back sorted.
  const std::vector<std::string> keys = m->Keys();
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
}

TEST(FlexMapTest, ConversionsAreLosslessOnly) {
  flexbuffers::Builder fbb;
  fbb.Map([&] {
    fbb.Int("i", -3);
    fbb.UInt("u", 7);
    fbb.Float("f", 2.5f);
    fbb.Bool("b", true);
    fbb.String("s", "hello");
    fbb.Null("n");
  });
  fbb.Finish();
  Result<FlexMap> m = FlexMap::Parse(fbb.GetBuffer());
  ASSERT_TRUE(m.ok()) << m.status().message();
  // Ints read as floats; floats never read as ints.
  EXPECT_EQ(m->Float("i"), -3.0);
  EXPECT_EQ(m->Int("f"), std::nullopt);
  EXPECT_EQ(m->Float("f"), 2.5);
  // Negative ints are not uints; uints are ints.
  EXPECT_EQ(m->UInt("i"), std::nullopt);
  EXPECT_EQ(m->Int("u"), 7);
  // Bools read as 0/1 and numbers as bools.
  EXPECT_EQ(m->Int("b"), 1);
  EXPECT_EQ(m->Bool("i"), true);
  EXPECT_EQ(m->String("s"), "hello");
  EXPECT_EQ(m->String("i"), std::nullopt);
  // Null is present but reads as absent.
  EXPECT_TRUE(m->Has("n"));
  EXPECT_EQ(m->KindOf("n"), FlexMap::Kind::kNull);
  EXPECT_EQ(m->Int("n"), std::nullopt);
}

TEST(FlexMapTest, VectorsAndBlobs) {
  flexbuffers::Builder fbb;
  fbb.Map([&] {
    fbb.Vector("ints", [&] {
      fbb.Int(1);
      fbb.Int(-2);
      fbb.Int(300000);
    });
    fbb.Vector("mixed", [&] {
      fbb.Int(1);
      fbb.Float(0.5f);
    });
    const float typed[3] = {0.25f, 0.5f, 4.0f};
    fbb.TypedVector("typed", [&] {
      for (float f : typed) fbb.Float(f);
    });
    const uint8_t blob[4] = {1, 2, 3, 250};
    fbb.Blob("blob", blob, sizeof(blob));
    fbb.Vector("strings", [&] { fbb.String("x"); });
  });
  fbb.Finish();
  Result<FlexMap> m = FlexMap::Parse(fbb.GetBuffer());
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->IntVector("ints"), (std::vector<int64_t>{1, -2, 300000}));
  EXPECT_EQ(m->FloatVector("ints"), (std::vector<double>{1, -2, 300000}));
  EXPECT_EQ(m->IntVector("mixed"), std::nullopt);
  EXPECT_EQ(m->FloatVector("mixed"), (std::vector<double>{1, 0.5}));
  EXPECT_EQ(m->FloatVector("typed"), (std::vector<double>{0.25, 0.5, 4.0}));
  EXPECT_EQ(m->Blob("blob"), (std::vector<uint8_t>{1, 2, 3, 250}));
  EXPECT_EQ(m->KindOf("strings"), FlexMap::Kind::kUnsupported);
  EXPECT_NE(m->ToString().find("ints=[1,-2,300000]"), std::string::npos) << m->ToString();
}

TEST(FlexMapTest, EmptyBytesAreAnEmptyMap) {
  Result<FlexMap> m = FlexMap::Parse({});
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->size(), 0u);
}

TEST(FlexMapTest, RootThatIsNotAMapIsRejected) {
  flexbuffers::Builder fbb;
  fbb.Int(42);
  fbb.Finish();
  Result<FlexMap> m = FlexMap::Parse(fbb.GetBuffer());
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("root is not a map"), std::string::npos)
      << m.status().message();
}

TEST(FlexMapTest, GarbageIsRejected) {
  const std::vector<uint8_t> garbage = {0xff, 0x13, 0x77, 0x00, 0x01, 0x2a, 0x09};
  Result<FlexMap> m = FlexMap::Parse(garbage);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("not a valid FlexBuffer"), std::string::npos)
      << m.status().message();
  const std::vector<uint8_t> tiny = {0x01};
  EXPECT_FALSE(FlexMap::Parse(tiny).ok());
}

// Every truncation and single-byte corruption of a valid map is either
// rejected or read safely (ASan checks the "safely").
TEST(FlexMapTest, TruncatedAndCorruptedBytesNeverCrash) {
  const std::vector<uint8_t> good = DetectionOptions();
  for (size_t n = 0; n < good.size(); ++n) {
    std::vector<uint8_t> cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n));
    Result<FlexMap> m = FlexMap::Parse(cut);
    if (m.ok()) (void)m->ToString();
  }
  int rejected = 0;
  for (size_t i = 0; i < good.size(); ++i) {
    for (uint8_t delta : {uint8_t{1}, uint8_t{0x80}, uint8_t{0xff}}) {
      std::vector<uint8_t> bad = good;
      bad[i] = static_cast<uint8_t>(bad[i] + delta);
      Result<FlexMap> m = FlexMap::Parse(bad);
      if (m.ok()) {
        (void)m->ToString();
      } else {
        ++rejected;
      }
    }
  }
  EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace liteforge::tflite_format
