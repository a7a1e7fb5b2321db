// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The fast TFLite_Detection_PostProcess kernel: the same detections as
// kernels/detection/reference.h (bit for bit, same order), computed from
// the candidates that can matter instead of from every anchor.
//
//   * Scores are thresholded before anything else. 8-bit scores are
//     compared as stored bytes when the dequantization is strictly
//     increasing (then q >= q_min <=> dequantize(q) >= threshold, and the
//     first maximum of a row is the same element in both domains).
//   * Candidates are ranked by (score descending, anchor ascending), a
//     total order, so any sort gives the order of TFLite's stable sort.
//     Byte keys take a counting sort (256 bins, scattered in anchor order).
//     Float keys rank only the needed prefix: nth_element cuts a block of
//     the best remaining candidates, which is sorted and consumed; blocks
//     grow 2x.
//   * NMS is lazy: a candidate is tested against the boxes already selected
//     (its only possible suppressors) when reached, and the scan stops once
//     enough are selected. TFLite's eager form suppresses exactly the same
//     boxes, since a box is dropped iff a better selected box overlaps it.
//   * Boxes are decoded (with the reference decoder, one box at a time)
//     only when NMS reaches them. TFLite rejects a model when any decoded
//     box is inverted; that can only happen for an anchor with a negative
//     height or width (exp() >= 0, and c - h <= c + h for h >= 0 in float),
//     so only such anchors are decoded up front to check them.
//   * Every buffer is scratch laid out by RankedDetectionScratchBytes: Eval
//     does no heap allocation.

#pragma once

#include <cstddef>
#include <cstdint>

#include "liteforge/kernels/detection/reference.h"

namespace liteforge::kernels {

enum class DetectionElement : uint8_t { kFloat32, kUInt8, kInt8 };

// One input as the kernel reads it: float32, or 8-bit with per-tensor
// quantization, dequantized as (float(q) - zero_point) * scale.
struct DetectionTensor {
  const void* data = nullptr;
  DetectionElement type = DetectionElement::kFloat32;
  int32_t zero_point = 0;
  float scale = 1.0f;
};

// How 8-bit class scores are compared, fixed by their quantization and the
// score threshold (computed once, in Prepare). Bytes are indexed by
// "byte index": q for uint8, q + 128 for int8, so it grows with q.
struct DetectionScoreCoding {
  // Compare byte indices instead of floats: true when the dequantized
  // value strictly increases with the byte index.
  bool integer_keys = false;
  // The smallest byte index whose score passes (>= threshold); 256 if none.
  int32_t min_passing_index = 256;
  float values[256] = {};  // dequantized score by byte index
};

DetectionScoreCoding MakeDetectionScoreCoding(DetectionElement type, int32_t zero_point,
                                              float scale, float score_threshold);

// True when some anchor has a negative height or width (or could, when the
// anchors are null, i.e. not known before Eval): the kernel then checks
// those anchors' decoded boxes on every run.
bool DetectionAnchorsMayInvert(const DetectionTensor& anchors, int num_boxes);

struct RankedDetectionPlan {
  DetectionNmsParams params;
  CenterSizeBox scales{};
  int num_boxes = 0;
  int encoding_stride = 0;
  bool check_anchors = true;          // DetectionAnchorsMayInvert
  DetectionScoreCoding score_coding;  // for 8-bit scores
};

// Bytes of the scratch block f32_detection_postprocess__ranked needs.
size_t RankedDetectionScratchBytes(const DetectionNmsParams& params, int num_boxes);

// Decodes and selects like f32_decode_center_size_boxes__reference followed
// by f32_detection_nms__reference on the dequantized inputs, writing the
// same outputs. `scratch` holds RankedDetectionScratchBytes bytes, 16-byte
// aligned.
DetectionStatus f32_detection_postprocess__ranked(const RankedDetectionPlan& plan,
                                                  const DetectionTensor& encodings,
                                                  const DetectionTensor& scores,
                                                  const DetectionTensor& anchors, void* scratch,
                                                  const DetectionOutputs& outputs);

}  // namespace liteforge::kernels
