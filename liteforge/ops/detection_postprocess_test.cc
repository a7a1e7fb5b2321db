// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <variant>

#include "liteforge/ops/testing/single_op_model.h"

namespace liteforge::ops {
namespace {

using testing::PerTensor;
using testing::SingleOpModel;

// A minimal FlexBuffer map writer (every value 64 bits wide), written from
// the format description so these tests do not depend on flatbuffers (and
// cross-check the reader): keys, then the typed vector of keys, then the
// map (keys-vector offset, keys width, size, values, type bytes), then the
// root reference.
using Attr = std::variant<int64_t, double, bool>;
std::vector<uint8_t> FlexMapBytes(const std::map<std::string, Attr>& attrs) {
  std::vector<uint8_t> buf;
  auto put64 = [&buf](uint64_t v) {
    for (int i = 0; i < 8; ++i) buf.push_back(static_cast<uint8_t>(v >> (8 * i)));
  };
  std::vector<size_t> key_pos;
  for (const auto& [key, value] : attrs) {
    key_pos.push_back(buf.size());
    buf.insert(buf.end(), key.begin(), key.end());
    buf.push_back(0);
  }
  while (buf.size() % 8 != 0) buf.push_back(0);
  put64(attrs.size());
  const size_t keys_vector = buf.size();
  for (size_t pos : key_pos) put64(buf.size() - pos);
  const size_t prefix = buf.size();
  put64(prefix - keys_vector);
  put64(8);
  put64(attrs.size());
  const size_t map = buf.size();
  std::vector<uint8_t> types;
  constexpr uint8_t kWidth64 = 3;
  for (const auto& [key, value] : attrs) {
    if (const auto* i = std::get_if<int64_t>(&value)) {
      put64(static_cast<uint64_t>(*i));
      types.push_back(static_cast<uint8_t>((1 << 2) | kWidth64));  // int
    } else if (const auto* d = std::get_if<double>(&value)) {
      uint64_t bits = 0;
      std::memcpy(&bits, d, sizeof(bits));
      put64(bits);
      types.push_back(static_cast<uint8_t>((3 << 2) | kWidth64));  // float
    } else {
      put64(std::get<bool>(value) ? 1 : 0);
      types.push_back(static_cast<uint8_t>((26 << 2) | kWidth64));  // bool
    }
  }
  buf.insert(buf.end(), types.begin(), types.end());
  const size_t root = buf.size();
  put64(root - map);
  buf.push_back(static_cast<uint8_t>((9 << 2) | kWidth64));  // map
  buf.push_back(8);
  return buf;
}

std::map<std::string, Attr> BaseAttrs(bool regular) {
  return {{"max_detections", int64_t{3}},
          {"max_classes_per_detection", int64_t{1}},
          {"detections_per_class", int64_t{2}},
          {"use_regular_nms", regular},
          {"nms_score_threshold", 0.25},
          {"nms_iou_threshold", 0.5},
          {"num_classes", int64_t{2}},
          {"y_scale", 10.0},
          {"x_scale", 10.0},
          {"h_scale", 5.0},
          {"w_scale", 5.0}};
}

// Four anchors (ycenter, xcenter, h, w); with zero encodings the decoded
// boxes are the anchors' corners:
//   0: [0, 0, 1, 1]   1: [0, 0.1, 1, 1.1] (IoU with 0 = 0.9 / 1.1)
//   2: [0, 3, 1, 4]   3: [5, 0, 6, 1]
const std::vector<float> kAnchors = {0.5f, 0.5f, 1, 1, 0.5f, 0.6f, 1, 1,
                                     0.5f, 3.5f, 1, 1, 5.5f, 0.5f, 1, 1};
// Columns: background, class 0, class 1.
const std::vector<float> kScores = {0, 0.9f, 0.1f, 0, 0.8f, 0.95f, 0, 0.3f, 0.2f, 0, 0.05f, 0.1f};

struct Detections {
  std::vector<float> boxes, classes, scores, count;
};

Detections Outputs(const SingleOpModel& m) {
  return {m.Output<float>(0), m.Output<float>(1), m.Output<float>(2), m.Output<float>(3)};
}

void ExpectBox(const Detections& d, int slot, std::vector<float> box) {
  for (int k = 0; k < 4; ++k) {
    EXPECT_NEAR(d.boxes[static_cast<size_t>(4 * slot + k)], box[static_cast<size_t>(k)], 1e-6)
        << "slot " << slot << " coordinate " << k;
  }
}

class FloatModel {
 public:
  explicit FloatModel(const std::map<std::string, Attr>& attrs, int num_boxes = 4,
                      int columns = 3) {
    boxes_ = m.AddInput(DType::kFloat32, {1, num_boxes, 4});
    scores_ = m.AddInput(DType::kFloat32, {1, num_boxes, columns});
    m.AddConstInput<float>({num_boxes, 4}, kAnchors);
    for (int i = 0; i < 4; ++i) m.AddOutput(DType::kFloat32);
    m.SetCustomOp("TFLite_Detection_PostProcess", FlexMapBytes(attrs));
  }
  SingleOpModel m;
  int boxes_ = 0;
  int scores_ = 0;
};

TEST(DetectionPostProcessTest, FastNmsKeepsTheBestClassPerAnchor) {
  FloatModel f(BaseAttrs(/*regular=*/false));
  ASSERT_TRUE(f.m.Build().ok());
  EXPECT_EQ(f.m.OutputShape(0), Shape({1, 3, 4}));
  EXPECT_EQ(f.m.OutputShape(1), Shape({1, 3}));
  EXPECT_EQ(f.m.OutputShape(3), Shape({1}));
  f.m.SetInput<float>(f.boxes_, std::vector<float>(16, 0.0f));
  f.m.SetInput<float>(f.scores_, kScores);
  ASSERT_TRUE(f.m.Invoke().ok());
  const Detections d = Outputs(f.m);
  // Best per anchor: 0.9 (c0), 0.95 (c1), 0.3 (c0), 0.1 (c1, below 0.25).
  // Anchor 1 wins and suppresses anchor 0; anchor 2 does not overlap.
  EXPECT_EQ(d.count, std::vector<float>{2});
  EXPECT_EQ(d.classes, (std::vector<float>{1, 0, 0}));
  EXPECT_EQ(d.scores, (std::vector<float>{0.95f, 0.3f, 0}));
  ExpectBox(d, 0, {0, 0.1f, 1, 1.1f});
  ExpectBox(d, 1, {0, 3, 1, 4});
  ExpectBox(d, 2, {0, 0, 0, 0});
}

TEST(DetectionPostProcessTest, RegularNmsRunsPerClass) {
  FloatModel f(BaseAttrs(/*regular=*/true));
  ASSERT_TRUE(f.m.Build().ok());
  f.m.SetInput<float>(f.boxes_, std::vector<float>(16, 0.0f));
  f.m.SetInput<float>(f.scores_, kScores);
  ASSERT_TRUE(f.m.Invoke().ok());
  const Detections d = Outputs(f.m);
  // Class 0 keeps anchors 0 and 2 (1 is suppressed by 0); class 1 keeps
  // anchor 1; merged by score.
  EXPECT_EQ(d.count, std::vector<float>{3});
  EXPECT_EQ(d.classes, (std::vector<float>{1, 0, 0}));
  EXPECT_EQ(d.scores, (std::vector<float>{0.95f, 0.9f, 0.3f}));
  ExpectBox(d, 0, {0, 0.1f, 1, 1.1f});
  ExpectBox(d, 1, {0, 0, 1, 1});
  ExpectBox(d, 2, {0, 3, 1, 4});
}

TEST(DetectionPostProcessTest, RegularNmsCapsDetectionsPerClass) {
  auto attrs = BaseAttrs(/*regular=*/true);
  attrs["detections_per_class"] = int64_t{1};
  FloatModel f(attrs);
  ASSERT_TRUE(f.m.Build().ok());
  f.m.SetInput<float>(f.boxes_, std::vector<float>(16, 0.0f));
  f.m.SetInput<float>(f.scores_, kScores);
  ASSERT_TRUE(f.m.Invoke().ok());
  const Detections d = Outputs(f.m);
  EXPECT_EQ(d.count, std::vector<float>{2});
  EXPECT_EQ(d.scores, (std::vector<float>{0.95f, 0.9f, 0}));
  EXPECT_EQ(d.classes, (std::vector<float>{1, 0, 0}));
}

TEST(DetectionPostProcessTest, SeveralClassesPerDetection) {
  auto attrs = BaseAttrs(/*regular=*/false);
  attrs["max_classes_per_detection"] = int64_t{2};
  attrs["max_detections"] = int64_t{2};
  FloatModel f(attrs);
  ASSERT_TRUE(f.m.Build().ok());
  EXPECT_EQ(f.m.OutputShape(1), Shape({1, 4}));
  f.m.SetInput<float>(f.boxes_, std::vector<float>(16, 0.0f));
  f.m.SetInput<float>(f.scores_, kScores);
  ASSERT_TRUE(f.m.Invoke().ok());
  const Detections d = Outputs(f.m);
  // Anchor 1 with classes 1 then 0, then anchor 2 with classes 0 then 1.
  EXPECT_EQ(d.count, std::vector<float>{2});
  EXPECT_EQ(d.classes, (std::vector<float>{1, 0, 0, 1}));
  EXPECT_EQ(d.scores, (std::vector<float>{0.95f, 0.8f, 0.3f, 0.2f}));
  ExpectBox(d, 1, {0, 0.1f, 1, 1.1f});
  ExpectBox(d, 3, {0, 3, 1, 4});
}

TEST(DetectionPostProcessTest, DecodesEncodingsWithScales) {
  auto attrs = BaseAttrs(/*regular=*/false);
  FloatModel f(attrs);
  ASSERT_TRUE(f.m.Build().ok());
  // Anchor 2 (0.5, 3.5, 1, 1) with encoding (1, -2, 5 ln 2, 0):
  //   ycenter = 1/10 * 1 + 0.5 = 0.6, xcenter = -2/10 + 3.5 = 3.3,
  //   half_h = 0.5 * exp(ln 2) = 1, half_w = 0.5.
  std::vector<float> enc(16, 0.0f);
  enc[8] = 1;
  enc[9] = -2;
  enc[10] = static_cast<float>(5 * std::log(2.0));
  f.m.SetInput<float>(f.boxes_, enc);
  f.m.SetInput<float>(f.scores_, kScores);
  ASSERT_TRUE(f.m.Invoke().ok());
  const Detections d = Outputs(f.m);
  ASSERT_EQ(d.scores[1], 0.3f);
  ExpectBox(d, 1, {-0.4f, 2.8f, 1.6f, 3.8f});
}

TEST(DetectionPostProcessTest, EqualScoresKeepAnchorOrder) {
  FloatModel f(BaseAttrs(/*regular=*/false));
  ASSERT_TRUE(f.m.Build().ok());
  f.m.SetInput<float>(f.boxes_, std::vector<float>(16, 0.0f));
  // Anchors 2 and 3 (disjoint) tie at 0.5; anchor 3 must not jump ahead.
  f.m.SetInput<float>(f.scores_, {0, 0, 0, 0, 0, 0, 0, 0.5f, 0, 0, 0.5f, 0});
  ASSERT_TRUE(f.m.Invoke().ok());
  const Detections d = Outputs(f.m);
  EXPECT_EQ(d.count, std::vector<float>{2});
  ExpectBox(d, 0, {0, 3, 1, 4});
  ExpectBox(d, 1, {5, 0, 6, 1});
}

TEST(DetectionPostProcessTest, ThresholdIsInclusiveAndNoBackgroundColumn) {
  auto attrs = BaseAttrs(/*regular=*/false);
  FloatModel f(attrs, 4, /*columns=*/2);
  ASSERT_TRUE(f.m.Build().ok());
  f.m.SetInput<float>(f.boxes_, std::vector<float>(16, 0.0f));
  // Without a background column, column 0 is class 0. Only anchor 3 has a
  // score >= 0.25, exactly at the threshold.
  f.m.SetInput<float>(f.scores_, {0.1f, 0.2f, 0, 0, 0.24f, 0, 0, 0.25f});
  ASSERT_TRUE(f.m.Invoke().ok());
  const Detections d = Outputs(f.m);
  EXPECT_EQ(d.count, std::vector<float>{1});
  EXPECT_EQ(d.classes[0], 1.0f);
  EXPECT_EQ(d.scores[0], 0.25f);
}

TEST(DetectionPostProcessTest, QuantizedInputsAreDequantized) {
  SingleOpModel m;
  const QuantParams enc_q = PerTensor(0.1f, 128);
  const QuantParams score_q = PerTensor(1.0f / 256, 0);
  const int boxes = m.AddInput(DType::kUInt8, {1, 4, 4}, enc_q);
  const int scores = m.AddInput(DType::kUInt8, {1, 4, 3}, score_q);
  // Anchors at scale 0.1: 5 -> 0.5, 6 -> 0.6, 10 -> 1, 35 -> 3.5, 55 -> 5.5.
  m.AddConstInput<uint8_t>({4, 4}, {5, 5, 10, 10, 5, 6, 10, 10, 5, 35, 10, 10, 55, 5, 10, 10},
                           PerTensor(0.1f, 0));
  for (int i = 0; i < 4; ++i) m.AddOutput(DType::kFloat32);
  m.SetCustomOp("TFLite_Detection_PostProcess", FlexMapBytes(BaseAttrs(false)));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<uint8_t>(boxes, std::vector<uint8_t>(16, 128));
  // 0.9 -> 230, 0.8 -> 205, 0.95 -> 243, 0.3 -> 77, 0.2 -> 51 (of 256).
  m.SetInput<uint8_t>(scores, {0, 230, 26, 0, 205, 243, 0, 77, 51, 0, 13, 26});
  ASSERT_TRUE(m.Invoke().ok());
  const Detections d = Outputs(m);
  EXPECT_EQ(d.count, std::vector<float>{2});
  EXPECT_EQ(d.classes, (std::vector<float>{1, 0, 0}));
  EXPECT_EQ(d.scores, (std::vector<float>{243.0f / 256, 77.0f / 256, 0}));
  ExpectBox(d, 0, {0, 0.1f, 1, 1.1f});
  ExpectBox(d, 1, {0, 3, 1, 4});
}

TEST(DetectionPostProcessTest, Int8ClassPredictions) {
  SingleOpModel m;
  const int boxes = m.AddInput(DType::kFloat32, {1, 4, 4});
  const int scores = m.AddInput(DType::kInt8, {1, 4, 3}, PerTensor(1.0f / 256, -128));
  m.AddConstInput<float>({4, 4}, kAnchors);
  for (int i = 0; i < 4; ++i) m.AddOutput(DType::kFloat32);
  m.SetCustomOp("TFLite_Detection_PostProcess", FlexMapBytes(BaseAttrs(true)));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(boxes, std::vector<float>(16, 0.0f));
  // q + 128 = the uint8 values of the previous test.
  m.SetInput<int8_t>(scores, {-128, 102, -102, -128, 77, 115, -128, -51, -77, -128, -115, -102});
  ASSERT_TRUE(m.Invoke().ok());
  const Detections d = Outputs(m);
  EXPECT_EQ(d.count, std::vector<float>{3});
  EXPECT_EQ(d.scores, (std::vector<float>{243.0f / 256, 230.0f / 256, 77.0f / 256}));
  EXPECT_EQ(d.classes, (std::vector<float>{1, 0, 0}));
}

TEST(DetectionPostProcessTest, InvalidDecodedBoxIsAnError) {
  SingleOpModel m;
  const int boxes = m.AddInput(DType::kFloat32, {1, 1, 4});
  const int scores = m.AddInput(DType::kFloat32, {1, 1, 3});
  m.AddConstInput<float>({1, 4}, {0.5f, 0.5f, -1.0f, 1.0f});  // negative height
  for (int i = 0; i < 4; ++i) m.AddOutput(DType::kFloat32);
  m.SetCustomOp("TFLite_Detection_PostProcess", FlexMapBytes(BaseAttrs(false)));
  ASSERT_TRUE(m.Build().ok());
  m.SetInput<float>(boxes, {0, 0, 0, 0});
  m.SetInput<float>(scores, {0, 0.9f, 0.1f});
  const Status s = m.Invoke();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("ymin > ymax"), std::string::npos) << s.message();
}

// Anchors 1 x 1 in a row, 2 apart (disjoint), except those listed in
// `stacked`, which all sit on anchor 0's box.
std::vector<float> RowOfAnchors(int n, int stacked = 0) {
  std::vector<float> a;
  for (int i = 0; i < n; ++i) {
    const float x = i < stacked ? 0.5f : 0.5f + 2.0f * static_cast<float>(i);
    a.insert(a.end(), {0.5f, x, 1, 1});
  }
  return a;
}

// A model over `n` anchors with uint8 encodings and scores (scale 1/256)
// and the given float anchors.
struct Uint8Model {
  Uint8Model(const std::map<std::string, Attr>& attrs, const std::vector<float>& anchors,
             int columns, std::optional<Isa> isa = std::nullopt) {
    const int n = static_cast<int>(anchors.size() / 4);
    boxes = m.AddInput(DType::kUInt8, {1, n, 4}, PerTensor(0.05f, 128));
    scores = m.AddInput(DType::kUInt8, {1, n, columns}, PerTensor(1.0f / 256, 0));
    m.AddConstInput<float>({n, 4}, anchors);
    for (int i = 0; i < 4; ++i) m.AddOutput(DType::kFloat32);
    m.SetCustomOp("TFLite_Detection_PostProcess", FlexMapBytes(attrs));
    InterpreterOptions options;
    options.max_isa = isa;
    status = m.Build(options);
  }
  SingleOpModel m;
  int boxes = 0;
  int scores = 0;
  Status status;
};

TEST(DetectionPostProcessTest, EqualScoresKeepAnchorOrderAcrossRankingBlocks) {
  // 300 anchors, all scoring the same; 0..99 share one box. The kernel ranks
  // the best 64 first: anchor 0 suppresses the rest of them, and the next
  // block must continue with anchors 100, 101, ... in order.
  for (bool regular : {false, true}) {
    auto attrs = BaseAttrs(regular);
    attrs["max_detections"] = int64_t{10};
    attrs["detections_per_class"] = int64_t{10};
    attrs["num_classes"] = int64_t{1};
    Uint8Model f(attrs, RowOfAnchors(300, 100), 2);
    ASSERT_TRUE(f.status.ok()) << f.status.message();
    f.m.SetInput<uint8_t>(f.boxes, std::vector<uint8_t>(300 * 4, 128));
    std::vector<uint8_t> scores(600, 0);
    for (int i = 0; i < 300; ++i) scores[2 * static_cast<size_t>(i) + 1] = 100;
    f.m.SetInput<uint8_t>(f.scores, scores);
    ASSERT_TRUE(f.m.Invoke().ok());
    const Detections d = Outputs(f.m);
    EXPECT_EQ(d.count, std::vector<float>{10}) << regular;
    for (int k = 0; k < 10; ++k) {
      const float x = k == 0 ? 0.0f : 2.0f * static_cast<float>(99 + k);
      ExpectBox(d, k, {0, x, 1, x + 1});
      EXPECT_EQ(d.scores[static_cast<size_t>(k)], 100.0f / 256);
    }
  }
}

TEST(DetectionPostProcessTest, RegularNmsEqualScoresKeepClassOrder) {
  // Anchor 0 scores 0.5 for class 1, anchor 1 scores 0.5 for class 0: the
  // earlier class comes first although its anchor is later.
  FloatModel f(BaseAttrs(/*regular=*/true));
  ASSERT_TRUE(f.m.Build().ok());
  f.m.SetInput<float>(f.boxes_, std::vector<float>(16, 0.0f));
  f.m.SetInput<float>(f.scores_, {0, 0, 0.5f, 0, 0.5f, 0, 0, 0, 0, 0, 0, 0});
  ASSERT_TRUE(f.m.Invoke().ok());
  const Detections d = Outputs(f.m);
  // Anchors 0 and 1 overlap (IoU 0.82) but are in different classes.
  EXPECT_EQ(d.count, std::vector<float>{2});
  EXPECT_EQ(d.classes, (std::vector<float>{0, 1, 0}));
  ExpectBox(d, 0, {0, 0.1f, 1, 1.1f});
  ExpectBox(d, 1, {0, 0, 1, 1});
}

TEST(DetectionPostProcessTest, Uint8ScoreEqualToTheThresholdPasses) {
  // 0.5 = 128 / 256 exactly: 128 passes, 127 does not.
  for (bool regular : {false, true}) {
    auto attrs = BaseAttrs(regular);
    attrs["nms_score_threshold"] = 0.5;
    Uint8Model f(attrs, RowOfAnchors(4), 3);
    ASSERT_TRUE(f.status.ok()) << f.status.message();
    f.m.SetInput<uint8_t>(f.boxes, std::vector<uint8_t>(16, 128));
    f.m.SetInput<uint8_t>(f.scores, {255, 127, 0, 0, 0, 128, 0, 127, 127, 0, 200, 0});
    ASSERT_TRUE(f.m.Invoke().ok());
    const Detections d = Outputs(f.m);
    EXPECT_EQ(d.count, std::vector<float>{2}) << regular;
    EXPECT_EQ(d.classes, (std::vector<float>{0, 1, 0})) << regular;
    EXPECT_EQ(d.scores, (std::vector<float>{200.0f / 256, 0.5f, 0})) << regular;
    ExpectBox(d, 0, {0, 6, 1, 7});
    ExpectBox(d, 1, {0, 2, 1, 3});
  }
}

TEST(DetectionPostProcessTest, DefaultKernelMatchesTheReferenceKernel) {
  // Random uint8 scores with many ties over overlapping anchors; the output
  // bytes of the default (ranked) kernel and of --isa reference are equal.
  std::mt19937 rng(42);
  const int n = 500;
  std::vector<float> anchors;
  for (int i = 0; i < n; ++i) {
    anchors.push_back(0.5f + static_cast<float>(rng() % 40) * 0.1f);
    anchors.push_back(0.5f + static_cast<float>(rng() % 40) * 0.1f);
    anchors.push_back(0.3f + static_cast<float>(rng() % 8) * 0.1f);
    anchors.push_back(0.3f + static_cast<float>(rng() % 8) * 0.1f);
  }
  std::vector<uint8_t> encodings(4 * n);
  std::vector<uint8_t> scores(4 * n);
  for (auto& e : encodings) e = static_cast<uint8_t>(108 + rng() % 40);
  for (auto& s : scores) s = static_cast<uint8_t>(rng() % 12 * 20);
  for (bool regular : {false, true}) {
    for (int64_t per_detection : {1, 2}) {
      auto attrs = BaseAttrs(regular);
      attrs["num_classes"] = int64_t{3};
      attrs["max_detections"] = int64_t{25};
      attrs["detections_per_class"] = int64_t{12};
      attrs["max_classes_per_detection"] = per_detection;
      attrs["nms_score_threshold"] = 60.0 / 256;
      std::vector<float> outputs[2][4];
      int k = 0;
      for (std::optional<Isa> isa : {std::optional<Isa>(Isa::kReference), std::optional<Isa>()}) {
        Uint8Model f(attrs, anchors, 4, isa);
        ASSERT_TRUE(f.status.ok()) << f.status.message();
        f.m.SetInput<uint8_t>(f.boxes, encodings);
        f.m.SetInput<uint8_t>(f.scores, scores);
        ASSERT_TRUE(f.m.Invoke().ok());
        for (int o = 0; o < 4; ++o) outputs[k][o] = f.m.Output<float>(o);
        ++k;
      }
      for (int o = 0; o < 4; ++o) {
        ASSERT_EQ(outputs[0][o].size(), outputs[1][o].size());
        EXPECT_EQ(0, std::memcmp(outputs[0][o].data(), outputs[1][o].data(),
                                 outputs[0][o].size() * sizeof(float)))
            << "output " << o << (regular ? " regular" : " fast") << " per_detection "
            << per_detection;
      }
      EXPECT_GT(outputs[1][3][0], 5.0f);
    }
  }
}

Status BuildWith(const std::map<std::string, Attr>& attrs) {
  FloatModel f(attrs);
  return f.m.Build();
}

TEST(DetectionPostProcessTest, AttributeErrorsNameTheAttribute) {
  auto missing = BaseAttrs(false);
  missing.erase("y_scale");
  Status s = BuildWith(missing);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'y_scale' is missing"), std::string::npos) << s.message();

  auto wrong_kind = BaseAttrs(false);
  wrong_kind["num_classes"] = 2.5;
  s = BuildWith(wrong_kind);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'num_classes' is a float"), std::string::npos) << s.message();

  auto bad_iou = BaseAttrs(false);
  bad_iou["nms_iou_threshold"] = 0.0;
  s = BuildWith(bad_iou);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("nms_iou_threshold"), std::string::npos) << s.message();

  auto defaults = BaseAttrs(false);
  defaults.erase("detections_per_class");
  defaults.erase("use_regular_nms");
  EXPECT_TRUE(BuildWith(defaults).ok());
}

TEST(DetectionPostProcessTest, MalformedOptionBytesAreRejected) {
  SingleOpModel m;
  m.AddInput(DType::kFloat32, {1, 4, 4});
  m.AddInput(DType::kFloat32, {1, 4, 3});
  m.AddConstInput<float>({4, 4}, kAnchors);
  for (int i = 0; i < 4; ++i) m.AddOutput(DType::kFloat32);
  std::vector<uint8_t> bytes = FlexMapBytes(BaseAttrs(false));
  bytes.resize(bytes.size() - 5);
  m.SetCustomOp("TFLite_Detection_PostProcess", bytes);
  const Status s = m.Build();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("cannot read the attributes"), std::string::npos) << s.message();
}

TEST(DetectionPostProcessTest, ShapeErrors) {
  {
    // 4 classes of scores for num_classes = 2.
    FloatModel f(BaseAttrs(false), 4, /*columns=*/4);
    const Status s = f.m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("num_classes + 1"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kFloat32, {4, 4});  // rank 2
    m.AddInput(DType::kFloat32, {1, 4, 3});
    m.AddConstInput<float>({4, 4}, kAnchors);
    for (int i = 0; i < 4; ++i) m.AddOutput(DType::kFloat32);
    m.SetCustomOp("TFLite_Detection_PostProcess", FlexMapBytes(BaseAttrs(false)));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("box encodings"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("expected 3"), std::string::npos) << s.message();
  }
  {
    SingleOpModel m;
    m.AddInput(DType::kInt32, {1, 4, 4});
    m.AddInput(DType::kFloat32, {1, 4, 3});
    m.AddConstInput<float>({4, 4}, kAnchors);
    for (int i = 0; i < 4; ++i) m.AddOutput(DType::kFloat32);
    m.SetCustomOp("TFLite_Detection_PostProcess", FlexMapBytes(BaseAttrs(false)));
    const Status s = m.Build();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("int32"), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace liteforge::ops
