// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// SSD post-processing, the computation behind the TFLite_Detection_PostProcess
// custom op (ops/detection_postprocess.cc): decode center-size box encodings
// against anchors, then select boxes with non-maximum suppression (NMS).
//
// Everything is float, and reproduces TFLite's builtin kernel exactly,
// including the details that decide which boxes survive and in what order:
//   * decoding is computed in double and rounded to float once per
//     coordinate (center and half-size), then corners = center -/+ half;
//   * a score passes the threshold when score >= threshold;
//   * candidates are ordered by a stable descending sort (ties keep anchor
//     order); a candidate is suppressed when IoU > iou_threshold;
//   * IoU is computed in float as inter / (area_i + area_j - inter) and is 0
//     when either box has a non-positive area;
//   * the per-anchor class ranking of the fast path takes the first maximum
//     for one class and a partial sort otherwise; the regular path merges
//     each class's survivors into the running top list with a stable merge.

#pragma once

#include <cstdint>

namespace liteforge::kernels {

struct DetectionBox {
  float ymin;
  float xmin;
  float ymax;
  float xmax;
};

// A box encoding or anchor in center-size form (the order both are stored).
struct CenterSizeBox {
  float y;
  float x;
  float h;
  float w;
};

// Decodes box i from encodings[i * encoding_stride + 0..3] (ty, tx, th, tw)
// and anchors[i] (ycenter, xcenter, h, w):
//   ycenter = ty / scales.y * anchor.h + anchor.y
//   half_h  = 0.5 * exp(th / scales.h) * anchor.h     (and x, w alike)
void f32_decode_center_size_boxes__reference(const float* encodings, int encoding_stride,
                                             const CenterSizeBox* anchors, int num_boxes,
                                             const CenterSizeBox& scales, DetectionBox* boxes);

// q -> (float(q) - zero_point) * scale, the dequantization TFLite applies to
// quantized box encodings, anchors and class scores.
void qu8_dequantize_to_f32__reference(const uint8_t* input, int64_t n, int32_t zero_point,
                                      float scale, float* output);
void qs8_dequantize_to_f32__reference(const int8_t* input, int64_t n, int32_t zero_point,
                                      float scale, float* output);

// The num_to_sort best of values[0..n) (descending), as indices into
// `indices` (n entries). For one element this is the first maximum;
// otherwise std::partial_sort, whose order among equal values is the
// standard library's (as TFLite's). The fast path ranks each reported
// anchor's classes with it.
void RankScoresDescending(const float* values, int n, int num_to_sort, int* indices);

struct DetectionNmsParams {
  int max_detections = 0;
  int max_classes_per_detection = 0;  // fast NMS
  int detections_per_class = 0;       // regular NMS
  float score_threshold = 0.f;
  float iou_threshold = 0.f;
  int num_classes = 0;  // classes without the background column
  // Columns per row of `scores`: num_classes, or num_classes + 1 when
  // column 0 is the background class (which is skipped).
  int num_score_columns = 0;
  bool use_regular_nms = false;
};

// Output arrays with max_detections * max_classes_per_detection slots
// (which must be >= max_detections on the regular path): boxes 4 floats per
// slot, classes and scores 1 float per slot, num_detections 1 float.
struct DetectionOutputs {
  float* boxes = nullptr;
  float* classes = nullptr;
  float* scores = nullptr;
  float* num_detections = nullptr;
};

enum class DetectionStatus : uint8_t {
  kOk,
  // A decoded box has ymin > ymax or xmin > xmax (TFLite rejects these).
  kInvalidBox,
};

// Runs NMS over `num_boxes` decoded boxes with scores[num_boxes][num_score_columns]
// and writes the detections. Output slots no detection fills are zero.
DetectionStatus f32_detection_nms__reference(const DetectionBox* boxes, const float* scores,
                                             int num_boxes, const DetectionNmsParams& params,
                                             const DetectionOutputs& outputs);

}  // namespace liteforge::kernels
