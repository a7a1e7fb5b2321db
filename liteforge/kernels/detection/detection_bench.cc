// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TFLite_Detection_PostProcess kernels, reference (dequantize, decode every
// anchor, NMS) against ranked, on an SSD-like problem the size of the Coral
// traffic model's: 26880 anchors on a multi-scale grid, uint8 inputs, 3
// classes plus background, 40 detections, a threshold every score passes
// (that model's -20) or a typical 0.5.

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "liteforge/kernels/detection/ranked.h"
#include "liteforge/kernels/detection/reference.h"

namespace liteforge::kernels {
namespace {

struct SsdProblem {
  int num_boxes = 0;
  int columns = 4;
  std::vector<uint8_t> encodings, scores, anchors;
  DetectionNmsParams params;
  CenterSizeBox scales{10.0f, 10.0f, 5.0f, 5.0f};
};

SsdProblem MakeSsd(float threshold, bool regular) {
  SsdProblem p;
  std::mt19937 rng(1);
  // Levels of g x g cells with 6 anchors each: 64, 32, 16, 8 -> 26880.
  for (int g : {64, 32, 16, 8}) {
    for (int y = 0; y < g; ++y) {
      for (int x = 0; x < g; ++x) {
        for (int a = 0; a < 6; ++a) {
          const float size = (1.0f + static_cast<float>(a % 3)) / static_cast<float>(g);
          const float cy = (static_cast<float>(y) + 0.5f) / static_cast<float>(g);
          const float cx = (static_cast<float>(x) + 0.5f) / static_cast<float>(g);
          for (float v : {cy, cx, size, size * (a < 3 ? 1.0f : 2.0f)}) {
            p.anchors.push_back(static_cast<uint8_t>(v * 255.0f));
          }
          ++p.num_boxes;
        }
      }
    }
  }
  for (int i = 0; i < 4 * p.num_boxes; ++i)
    p.encodings.push_back(static_cast<uint8_t>(118 + rng() % 20));
  for (int i = 0; i < p.columns * p.num_boxes; ++i) {
    // Mostly low scores (a logistic output far from objects), a few high.
    p.scores.push_back(static_cast<uint8_t>(rng() % 100 == 0 ? 128 + rng() % 128 : rng() % 24));
  }
  p.params.max_detections = 40;
  p.params.max_classes_per_detection = 1;
  p.params.detections_per_class = 40;
  p.params.score_threshold = threshold;
  p.params.iou_threshold = 0.6f;
  p.params.num_classes = 3;
  p.params.num_score_columns = 4;
  p.params.use_regular_nms = regular;
  return p;
}

constexpr float kAnchorScale = 1.0f / 255;
constexpr float kScoreScale = 1.0f / 256;
constexpr float kEncodingScale = 0.05f;

void BM_Reference(benchmark::State& state) {
  const SsdProblem p = MakeSsd(state.range(0) != 0 ? 0.5f : -20.0f, state.range(1) != 0);
  const size_t n = static_cast<size_t>(p.num_boxes);
  std::vector<float> enc(4 * n), scores(4 * n), anchors(4 * n);
  std::vector<DetectionBox> boxes(n);
  const size_t slots = static_cast<size_t>(p.params.max_detections);
  std::vector<float> ob(4 * slots), oc(slots), os(slots), on(1);
  for (auto _ : state) {
    qu8_dequantize_to_f32__reference(p.encodings.data(), static_cast<int64_t>(4 * n), 128,
                                     kEncodingScale, enc.data());
    qu8_dequantize_to_f32__reference(p.anchors.data(), static_cast<int64_t>(4 * n), 0, kAnchorScale,
                                     anchors.data());
    qu8_dequantize_to_f32__reference(p.scores.data(), static_cast<int64_t>(4 * n), 0, kScoreScale,
                                     scores.data());
    f32_decode_center_size_boxes__reference(enc.data(), 4,
                                            reinterpret_cast<const CenterSizeBox*>(anchors.data()),
                                            p.num_boxes, p.scales, boxes.data());
    f32_detection_nms__reference(boxes.data(), scores.data(), p.num_boxes, p.params,
                                 {ob.data(), oc.data(), os.data(), on.data()});
    benchmark::DoNotOptimize(on.data());
  }
}

void BM_Ranked(benchmark::State& state) {
  const SsdProblem p = MakeSsd(state.range(0) != 0 ? 0.5f : -20.0f, state.range(1) != 0);
  RankedDetectionPlan plan;
  plan.params = p.params;
  plan.scales = p.scales;
  plan.num_boxes = p.num_boxes;
  plan.encoding_stride = 4;
  const DetectionTensor encodings{p.encodings.data(), DetectionElement::kUInt8, 128,
                                  kEncodingScale};
  const DetectionTensor scores{p.scores.data(), DetectionElement::kUInt8, 0, kScoreScale};
  const DetectionTensor anchors{p.anchors.data(), DetectionElement::kUInt8, 0, kAnchorScale};
  plan.check_anchors = DetectionAnchorsMayInvert(anchors, p.num_boxes);
  plan.score_coding =
      MakeDetectionScoreCoding(DetectionElement::kUInt8, 0, kScoreScale, p.params.score_threshold);
  std::vector<double> scratch(RankedDetectionScratchBytes(p.params, p.num_boxes) / 8 + 1);
  const size_t slots = static_cast<size_t>(p.params.max_detections);
  std::vector<float> ob(4 * slots), oc(slots), os(slots), on(1);
  for (auto _ : state) {
    f32_detection_postprocess__ranked(plan, encodings, scores, anchors, scratch.data(),
                                      {ob.data(), oc.data(), os.data(), on.data()});
    benchmark::DoNotOptimize(on.data());
  }
}

// Args: {threshold 0.5 (else -20), regular NMS}.
BENCHMARK(BM_Reference)
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({0, 1})
    ->Args({1, 1})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Ranked)->Args({0, 0})->Args({1, 0})->Args({0, 1})->Args({1, 1})->Unit(
    benchmark::kMicrosecond);

}  // namespace
}  // namespace liteforge::kernels
