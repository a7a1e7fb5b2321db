// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The ranked detection kernel against the reference one: identical bytes
// in every output (and the same status) over randomized problems built to
// hit the corner cases: many equal scores (ties across ranking blocks),
// thresholds equal to a score, clustered anchors (heavy suppression), every
// input dtype, NaN scores, negative anchor sizes, 8-bit scales whose
// dequantization is not strictly increasing.

#include "liteforge/kernels/detection/ranked.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "liteforge/kernels/detection/reference.h"

namespace liteforge::kernels {
namespace {

// One input in its stored form plus the float view the reference reads.
struct Input {
  DetectionElement type = DetectionElement::kFloat32;
  int32_t zero_point = 0;
  float scale = 1.0f;
  std::vector<float> f32;
  std::vector<uint8_t> u8;
  std::vector<int8_t> s8;

  DetectionTensor Tensor() const {
    DetectionTensor t;
    t.type = type;
    t.zero_point = zero_point;
    t.scale = scale;
    t.data = type == DetectionElement::kFloat32 ? static_cast<const void*>(f32.data())
             : type == DetectionElement::kUInt8 ? static_cast<const void*>(u8.data())
                                                : static_cast<const void*>(s8.data());
    return t;
  }
  std::vector<float> Dequantized() const {
    if (type == DetectionElement::kFloat32) return f32;
    if (type == DetectionElement::kUInt8) {
      std::vector<float> out(u8.size());
      qu8_dequantize_to_f32__reference(u8.data(), static_cast<int64_t>(u8.size()), zero_point,
                                       scale, out.data());
      return out;
    }
    std::vector<float> out(s8.size());
    qs8_dequantize_to_f32__reference(s8.data(), static_cast<int64_t>(s8.size()), zero_point, scale,
                                     out.data());
    return out;
  }
  // Stores `values` (floats) in this input's type by quantizing them.
  void Store(const std::vector<float>& values) {
    if (type == DetectionElement::kFloat32) {
      f32 = values;
      return;
    }
    const bool is_signed = type == DetectionElement::kInt8;
    const int lo = is_signed ? -128 : 0;
    const int hi = is_signed ? 127 : 255;
    for (float v : values) {
      const long q = std::lround(v / scale) + zero_point;
      const int c = static_cast<int>(std::min<long>(std::max<long>(q, lo), hi));
      if (is_signed) {
        s8.push_back(static_cast<int8_t>(c));
      } else {
        u8.push_back(static_cast<uint8_t>(c));
      }
    }
  }
};

struct Problem {
  DetectionNmsParams params;
  CenterSizeBox scales{10.0f, 10.0f, 5.0f, 5.0f};
  int num_boxes = 0;
  int encoding_stride = 4;
  Input encodings, scores, anchors;
};

struct Result {
  DetectionStatus status;
  std::vector<float> boxes, classes, scores, count;
};

Result Allocate(const DetectionNmsParams& p) {
  const size_t slots =
      static_cast<size_t>(p.max_detections) * static_cast<size_t>(p.max_classes_per_detection);
  Result r;
  // Prefilled with a pattern both kernels must overwrite.
  r.boxes.assign(4 * slots, -7.0f);
  r.classes.assign(slots, -7.0f);
  r.scores.assign(slots, -7.0f);
  r.count.assign(1, -7.0f);
  return r;
}

DetectionOutputs OutputsOf(Result& r) {
  return {r.boxes.data(), r.classes.data(), r.scores.data(), r.count.data()};
}

Result RunReference(const Problem& pr) {
  const std::vector<float> enc = pr.encodings.Dequantized();
  const std::vector<float> scores = pr.scores.Dequantized();
  const std::vector<float> anchors = pr.anchors.Dequantized();
  std::vector<DetectionBox> boxes(static_cast<size_t>(pr.num_boxes));
  f32_decode_center_size_boxes__reference(enc.data(), pr.encoding_stride,
                                          reinterpret_cast<const CenterSizeBox*>(anchors.data()),
                                          pr.num_boxes, pr.scales, boxes.data());
  Result r = Allocate(pr.params);
  r.status = f32_detection_nms__reference(boxes.data(), scores.data(), pr.num_boxes, pr.params,
                                          OutputsOf(r));
  return r;
}

Result RunRanked(const Problem& pr, bool always_check_anchors) {
  RankedDetectionPlan plan;
  plan.params = pr.params;
  plan.scales = pr.scales;
  plan.num_boxes = pr.num_boxes;
  plan.encoding_stride = pr.encoding_stride;
  plan.check_anchors =
      always_check_anchors || DetectionAnchorsMayInvert(pr.anchors.Tensor(), pr.num_boxes);
  const DetectionTensor scores = pr.scores.Tensor();
  plan.score_coding = MakeDetectionScoreCoding(scores.type, scores.zero_point, scores.scale,
                                               pr.params.score_threshold);
  const size_t bytes = RankedDetectionScratchBytes(pr.params, pr.num_boxes);
  // Garbage in the scratch block must not matter.
  std::vector<double> scratch(bytes / sizeof(double) + 1, -3.25);
  Result r = Allocate(pr.params);
  r.status = f32_detection_postprocess__ranked(plan, pr.encodings.Tensor(), scores,
                                               pr.anchors.Tensor(), scratch.data(), OutputsOf(r));
  return r;
}

bool SameBits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

void ExpectIdentical(const Problem& pr, const std::string& what) {
  const Result ref = RunReference(pr);
  for (bool always_check : {false, true}) {
    const Result fast = RunRanked(pr, always_check);
    ASSERT_EQ(static_cast<int>(fast.status), static_cast<int>(ref.status)) << what;
    if (ref.status != DetectionStatus::kOk) continue;
    EXPECT_TRUE(SameBits(fast.count, ref.count))
        << what << ": " << fast.count[0] << " vs " << ref.count[0] << " detections";
    EXPECT_TRUE(SameBits(fast.classes, ref.classes)) << what;
    EXPECT_TRUE(SameBits(fast.scores, ref.scores)) << what;
    EXPECT_TRUE(SameBits(fast.boxes, ref.boxes)) << what;
  }
}

struct ProblemShape {
  int num_boxes;
  int num_classes;
  bool background;
};

// Anchors in a few clusters so NMS suppresses most of them; scores drawn
// from `levels` distinct values (few levels = many ties).
Problem MakeProblem(std::mt19937& rng, const ProblemShape& s, int levels, DetectionElement enc_type,
                    DetectionElement score_type, DetectionElement anchor_type) {
  Problem pr;
  pr.num_boxes = s.num_boxes;
  pr.params.num_classes = s.num_classes;
  pr.params.num_score_columns = s.num_classes + (s.background ? 1 : 0);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);

  pr.anchors.type = anchor_type;
  pr.anchors.scale = 1.0f / 64;
  pr.anchors.zero_point = anchor_type == DetectionElement::kInt8 ? -128 : 0;
  const int clusters = 1 + static_cast<int>(rng() % 6);
  std::vector<float> centers;
  for (int c = 0; c < 2 * clusters; ++c) centers.push_back(0.5f + 2.5f * unit(rng));
  std::vector<float> anchors;
  for (int i = 0; i < s.num_boxes; ++i) {
    const int c = static_cast<int>(rng() % static_cast<unsigned>(clusters));
    anchors.push_back(centers[2 * c] + 0.2f * unit(rng));
    anchors.push_back(centers[2 * c + 1] + 0.2f * unit(rng));
    anchors.push_back(0.2f + 0.8f * unit(rng));
    anchors.push_back(0.2f + 0.8f * unit(rng));
  }
  pr.anchors.Store(anchors);

  pr.encodings.type = enc_type;
  pr.encodings.scale = 0.02f;
  pr.encodings.zero_point = enc_type == DetectionElement::kUInt8 ? 128 : 0;
  pr.encoding_stride = 4 + static_cast<int>(rng() % 3);
  std::vector<float> enc;
  for (int i = 0; i < s.num_boxes * pr.encoding_stride; ++i) enc.push_back(2.0f * unit(rng) - 1.0f);
  pr.encodings.Store(enc);

  pr.scores.type = score_type;
  pr.scores.scale = 1.0f / 256;
  pr.scores.zero_point = score_type == DetectionElement::kInt8 ? -128 : 0;
  std::vector<float> scores;
  const int columns = pr.params.num_score_columns;
  for (int i = 0; i < s.num_boxes * columns; ++i) {
    const int level = static_cast<int>(rng() % static_cast<unsigned>(levels));
    scores.push_back(static_cast<float>(level) * (255.0f / 256) / static_cast<float>(levels));
  }
  pr.scores.Store(scores);

  // A threshold equal to a stored score half of the time.
  const std::vector<float> deq = pr.scores.Dequantized();
  pr.params.score_threshold =
      (rng() % 2 == 0 && !deq.empty()) ? deq[rng() % deq.size()] : unit(rng) * 0.6f;
  pr.params.iou_threshold = 0.1f + 0.8f * unit(rng);
  pr.params.max_detections = 1 + static_cast<int>(rng() % 40);
  pr.params.max_classes_per_detection = 1 + static_cast<int>(rng() % 3);
  pr.params.detections_per_class = 1 + static_cast<int>(rng() % 30);
  pr.params.use_regular_nms = rng() % 2 == 0;
  return pr;
}

std::string Describe(const Problem& pr, int trial) {
  const auto& p = pr.params;
  return "trial " + std::to_string(trial) + ": boxes " + std::to_string(pr.num_boxes) +
         ", classes " + std::to_string(p.num_classes) + "/" + std::to_string(p.num_score_columns) +
         (p.use_regular_nms ? ", regular" : ", fast") + ", max_det " +
         std::to_string(p.max_detections) + ", per_det " +
         std::to_string(p.max_classes_per_detection) + ", per_class " +
         std::to_string(p.detections_per_class) + ", thr " + std::to_string(p.score_threshold) +
         ", iou " + std::to_string(p.iou_threshold);
}

const ProblemShape kShapes[] = {{0, 1, true},   {1, 1, false},  {7, 3, true},    {60, 2, false},
                                {257, 4, true}, {700, 1, true}, {1500, 3, true}, {2100, 6, false}};
const DetectionElement kTypes[] = {DetectionElement::kFloat32, DetectionElement::kUInt8,
                                   DetectionElement::kInt8};

TEST(RankedDetectionTest, MatchesReferenceOnRandomProblems) {
  std::mt19937 rng(20261205);
  int trial = 0;
  for (const ProblemShape& shape : kShapes) {
    for (int levels : {2, 9, 200}) {
      for (int rep = 0; rep < 4; ++rep) {
        const Problem pr = MakeProblem(rng, shape, levels, kTypes[rng() % 3], kTypes[rng() % 3],
                                       kTypes[rng() % 3]);
        ExpectIdentical(pr, Describe(pr, trial++));
      }
    }
  }
}

TEST(RankedDetectionTest, EveryAnchorPassingTheThreshold) {
  // The traffic model's situation: a threshold below every score, so the
  // ranking, not the threshold, limits the work; equal scores everywhere.
  std::mt19937 rng(7);
  for (bool regular : {false, true}) {
    for (int levels : {1, 3, 256}) {
      Problem pr = MakeProblem(rng, {3000, 3, true}, levels, DetectionElement::kUInt8,
                               DetectionElement::kUInt8, DetectionElement::kUInt8);
      pr.params.score_threshold = -20.0f;
      pr.params.use_regular_nms = regular;
      pr.params.max_detections = 40;
      pr.params.detections_per_class = 40;
      pr.params.iou_threshold = 0.6f;
      ExpectIdentical(pr, Describe(pr, levels));
    }
  }
}

TEST(RankedDetectionTest, NaNScores) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 24; ++trial) {
    Problem pr = MakeProblem(rng, {200, 4, trial % 2 == 0}, 5, DetectionElement::kFloat32,
                             DetectionElement::kFloat32, DetectionElement::kFloat32);
    for (size_t i = 0; i < pr.scores.f32.size(); i += 1 + rng() % 7) {
      pr.scores.f32[i] = std::numeric_limits<float>::quiet_NaN();
    }
    ExpectIdentical(pr, "NaN " + Describe(pr, trial));
  }
}

TEST(RankedDetectionTest, NegativeAnchorSizes) {
  std::mt19937 rng(5);
  for (int trial = 0; trial < 12; ++trial) {
    Problem pr = MakeProblem(rng, {50, 2, true}, 9, DetectionElement::kFloat32,
                             DetectionElement::kFloat32, DetectionElement::kFloat32);
    const size_t anchor = rng() % 50;
    // A negative height is an error unless it is absorbed by a huge center
    // (the decoded corners then compare equal).
    pr.anchors.f32[4 * anchor + 2] = -0.5f;
    if (trial % 3 == 0) pr.anchors.f32[4 * anchor] = 1e12f;
    if (trial % 3 == 1) pr.anchors.f32[4 * anchor + 2] = -0.0f;
    ExpectIdentical(pr, "negative anchor " + Describe(pr, trial));
  }
}

TEST(RankedDetectionTest, ScoreScaleWithoutStrictOrder) {
  // A scale so large that (q - zp) * scale overflows to the same infinity
  // for several q: scores must then be compared as floats.
  const DetectionScoreCoding coding =
      MakeDetectionScoreCoding(DetectionElement::kUInt8, 0, 1e37f, 0.0f);
  EXPECT_FALSE(coding.integer_keys);
  std::mt19937 rng(3);
  for (int trial = 0; trial < 8; ++trial) {
    Problem pr = MakeProblem(rng, {300, 3, true}, 50, DetectionElement::kFloat32,
                             DetectionElement::kUInt8, DetectionElement::kFloat32);
    pr.scores.scale = 1e37f;
    pr.params.score_threshold = trial % 2 == 0 ? 3e37f : std::numeric_limits<float>::infinity();
    ExpectIdentical(pr, "huge scale " + Describe(pr, trial));
  }
}

TEST(RankedDetectionTest, ScoreCodingThresholdIsExact) {
  // 0.5 is exactly (q - 0) / 256 at q = 128; int8 with zero point -128 too.
  DetectionScoreCoding u8 = MakeDetectionScoreCoding(DetectionElement::kUInt8, 0, 1.0f / 256, 0.5f);
  EXPECT_TRUE(u8.integer_keys);
  EXPECT_EQ(u8.min_passing_index, 128);
  DetectionScoreCoding s8 =
      MakeDetectionScoreCoding(DetectionElement::kInt8, -128, 1.0f / 256, 0.5f);
  EXPECT_EQ(s8.min_passing_index, 128);  // q = 0
  EXPECT_EQ(
      MakeDetectionScoreCoding(DetectionElement::kUInt8, 0, 1.0f / 256, 0.50001f).min_passing_index,
      129);
  EXPECT_EQ(
      MakeDetectionScoreCoding(DetectionElement::kUInt8, 0, 1.0f / 256, 2.0f).min_passing_index,
      256);
  EXPECT_EQ(
      MakeDetectionScoreCoding(DetectionElement::kUInt8, 0, 1.0f / 256, -1.0f).min_passing_index,
      0);
}

TEST(RankedDetectionTest, ScratchIsBoundedByTheAnchors) {
  // A huge max_detections over 4 anchors needs room for 4 selections only.
  DetectionNmsParams p;
  p.max_detections = 1 << 24;
  p.max_classes_per_detection = 1;
  p.detections_per_class = 100;
  p.num_classes = 2;
  p.num_score_columns = 3;
  EXPECT_LT(RankedDetectionScratchBytes(p, 4), size_t{4096});
  std::mt19937 rng(9);
  Problem pr = MakeProblem(rng, {4, 2, true}, 3, DetectionElement::kFloat32,
                           DetectionElement::kFloat32, DetectionElement::kFloat32);
  pr.params.max_detections = 1000;
  pr.params.detections_per_class = 1000;
  pr.params.score_threshold = 0.0f;
  for (bool regular : {false, true}) {
    pr.params.use_regular_nms = regular;
    ExpectIdentical(pr, regular ? "regular, 1000 detections" : "fast, 1000 detections");
  }
}

}  // namespace
}  // namespace liteforge::kernels
