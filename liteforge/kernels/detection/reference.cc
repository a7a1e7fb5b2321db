// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/detection/reference.h"

#include "liteforge/kernels/detection/box_overlap.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace liteforge::kernels {
namespace {

float IntersectionOverUnion(const DetectionBox& a, const DetectionBox& b) {
  return DetectionIou(a, DetectionBoxArea(a), b, DetectionBoxArea(b));
}

bool BoxesAreValid(const DetectionBox* boxes, int num_boxes) {
  for (int i = 0; i < num_boxes; ++i) {
    if (boxes[i].ymin > boxes[i].ymax || boxes[i].xmin > boxes[i].xmax) return false;
  }
  return true;
}

// Reused buffers of one NMS run (a run performs one single-class NMS per
// class on the regular path).
struct NmsWorkspace {
  std::vector<int> kept;       // indices of boxes whose score passed
  std::vector<float> kept_scores;
  std::vector<int> order;      // positions into `kept`, best first
  std::vector<uint8_t> active;
};

// Single-class NMS: indices of the selected boxes, best first, at most
// max_selected of them.
void SelectSingleClass(const DetectionBox* boxes, const float* scores, int num_boxes,
                       int max_selected, float score_threshold, float iou_threshold,
                       NmsWorkspace& ws, std::vector<int>& selected) {
  selected.clear();
  ws.kept.clear();
  ws.kept_scores.clear();
  for (int i = 0; i < num_boxes; ++i) {
    if (scores[i] >= score_threshold) {
      ws.kept.push_back(i);
      ws.kept_scores.push_back(scores[i]);
    }
  }
  const int num_kept = static_cast<int>(ws.kept.size());
  ws.order.resize(static_cast<size_t>(num_kept));
  std::iota(ws.order.begin(), ws.order.end(), 0);
  const float* kept_scores = ws.kept_scores.data();
  std::stable_sort(ws.order.begin(), ws.order.end(),
                   [kept_scores](int a, int b) { return kept_scores[a] > kept_scores[b]; });

  const size_t limit = static_cast<size_t>(std::min(num_kept, max_selected));
  ws.active.assign(static_cast<size_t>(num_kept), 1);
  int num_active = num_kept;
  for (int i = 0; i < num_kept; ++i) {
    if (num_active == 0 || selected.size() >= limit) break;
    if (ws.active[static_cast<size_t>(i)] == 0) continue;
    const int box_i = ws.kept[static_cast<size_t>(ws.order[static_cast<size_t>(i)])];
    selected.push_back(box_i);
    ws.active[static_cast<size_t>(i)] = 0;
    --num_active;
    for (int j = i + 1; j < num_kept; ++j) {
      if (ws.active[static_cast<size_t>(j)] == 0) continue;
      const int box_j = ws.kept[static_cast<size_t>(ws.order[static_cast<size_t>(j)])];
      if (IntersectionOverUnion(boxes[box_i], boxes[box_j]) > iou_threshold) {
        ws.active[static_cast<size_t>(j)] = 0;
        --num_active;
      }
    }
  }
}

}  // namespace

void RankScoresDescending(const float* values, int n, int num_to_sort, int* indices) {
  if (num_to_sort == 1) {
    int best = 0;
    for (int i = 1; i < n; ++i) {
      if (values[i] > values[best]) best = i;
    }
    indices[0] = best;
    return;
  }
  std::iota(indices, indices + n, 0);
  std::partial_sort(indices, indices + num_to_sort, indices + n,
                    [values](int a, int b) { return values[a] > values[b]; });
}

namespace {

void WriteDetection(const DetectionOutputs& out, int slot, const DetectionBox& box, int cls,
                    float score) {
  float* b = out.boxes + 4 * static_cast<int64_t>(slot);
  b[0] = box.ymin;
  b[1] = box.xmin;
  b[2] = box.ymax;
  b[3] = box.xmax;
  out.classes[slot] = static_cast<float>(cls);
  out.scores[slot] = score;
}

// Fast NMS: each anchor competes once, with its best class score; the
// selected anchors report their top max_classes_per_detection classes.
void FastNms(const DetectionBox* boxes, const float* scores, int num_boxes,
             const DetectionNmsParams& p, const DetectionOutputs& out) {
  const int label_offset = p.num_score_columns - p.num_classes;
  const int per_anchor = std::min(p.max_classes_per_detection, p.num_classes);
  std::vector<int> class_order(static_cast<size_t>(num_boxes) * static_cast<size_t>(p.num_classes));
  std::vector<float> best_scores(static_cast<size_t>(num_boxes));
  for (int row = 0; row < num_boxes; ++row) {
    const float* row_scores =
        scores + static_cast<int64_t>(row) * p.num_score_columns + label_offset;
    int* order = class_order.data() + static_cast<int64_t>(row) * p.num_classes;
    RankScoresDescending(row_scores, p.num_classes, per_anchor, order);
    best_scores[static_cast<size_t>(row)] = row_scores[order[0]];
  }
  NmsWorkspace ws;
  std::vector<int> selected;
  SelectSingleClass(boxes, best_scores.data(), num_boxes, p.max_detections, p.score_threshold,
                    p.iou_threshold, ws, selected);
  int detection = 0;
  for (int anchor : selected) {
    const float* row_scores =
        scores + static_cast<int64_t>(anchor) * p.num_score_columns + label_offset;
    const int* order = class_order.data() + static_cast<int64_t>(anchor) * p.num_classes;
    for (int k = 0; k < per_anchor; ++k) {
      WriteDetection(out, p.max_classes_per_detection * detection + k, boxes[anchor], order[k],
                     row_scores[order[k]]);
    }
    ++detection;
  }
  out.num_detections[0] = static_cast<float>(detection);
}

struct Candidate {
  int index;  // anchor * num_score_columns + column
  float score;
};

// Regular NMS: a separate NMS per class, then the best max_detections of
// all classes' survivors.
void RegularNms(const DetectionBox* boxes, const float* scores, int num_boxes,
                const DetectionNmsParams& p, const DetectionOutputs& out) {
  const int label_offset = p.num_score_columns - p.num_classes;
  const int per_class = std::min(p.detections_per_class, p.max_detections);
  // The running top list (at most max_detections) plus one class's
  // survivors (at most per_class <= max_detections).
  std::vector<Candidate> top(2 * static_cast<size_t>(p.max_detections));
  int top_size = 0;
  std::vector<float> class_scores(static_cast<size_t>(num_boxes));
  NmsWorkspace ws;
  std::vector<int> selected;
  for (int cls = 0; cls < p.num_classes; ++cls) {
    const int column = cls + label_offset;
    for (int row = 0; row < num_boxes; ++row) {
      class_scores[static_cast<size_t>(row)] =
          scores[static_cast<int64_t>(row) * p.num_score_columns + column];
    }
    SelectSingleClass(boxes, class_scores.data(), num_boxes, per_class, p.score_threshold,
                      p.iou_threshold, ws, selected);
    if (selected.empty()) continue;
    for (size_t k = 0; k < selected.size(); ++k) {
      top[static_cast<size_t>(top_size) + k] = {selected[k] * p.num_score_columns + column,
                                                class_scores[static_cast<size_t>(selected[k])]};
    }
    const auto first = top.begin();
    const auto middle = first + top_size;
    const auto last = middle + static_cast<std::ptrdiff_t>(selected.size());
    // Stable: earlier classes win ties.
    std::inplace_merge(first, middle, last,
                       [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    top_size = std::min(top_size + static_cast<int>(selected.size()), p.max_detections);
  }
  for (int k = 0; k < top_size; ++k) {
    const int anchor = top[static_cast<size_t>(k)].index / p.num_score_columns;
    const int cls = top[static_cast<size_t>(k)].index - anchor * p.num_score_columns - label_offset;
    WriteDetection(out, k, boxes[anchor], cls, top[static_cast<size_t>(k)].score);
  }
  out.num_detections[0] = static_cast<float>(top_size);
}

}  // namespace

void f32_decode_center_size_boxes__reference(const float* encodings, int encoding_stride,
                                             const CenterSizeBox* anchors, int num_boxes,
                                             const CenterSizeBox& scales, DetectionBox* boxes) {
  const double sy = scales.y;
  const double sx = scales.x;
  const double sh = scales.h;
  const double sw = scales.w;
  for (int i = 0; i < num_boxes; ++i) {
    const float* e = encodings + static_cast<int64_t>(i) * encoding_stride;
    const CenterSizeBox& a = anchors[i];
    const float ycenter = static_cast<float>(static_cast<double>(e[0]) / sy * a.h + a.y);
    const float xcenter = static_cast<float>(static_cast<double>(e[1]) / sx * a.w + a.x);
    const float half_h =
        static_cast<float>(0.5 * std::exp(static_cast<double>(e[2]) / sh) * a.h);
    const float half_w =
        static_cast<float>(0.5 * std::exp(static_cast<double>(e[3]) / sw) * a.w);
    boxes[i] = {ycenter - half_h, xcenter - half_w, ycenter + half_h, xcenter + half_w};
  }
}

void qu8_dequantize_to_f32__reference(const uint8_t* input, int64_t n, int32_t zero_point,
                                      float scale, float* output) {
  const float zp = static_cast<float>(zero_point);
  for (int64_t i = 0; i < n; ++i) output[i] = (static_cast<float>(input[i]) - zp) * scale;
}

void qs8_dequantize_to_f32__reference(const int8_t* input, int64_t n, int32_t zero_point,
                                      float scale, float* output) {
  const float zp = static_cast<float>(zero_point);
  for (int64_t i = 0; i < n; ++i) output[i] = (static_cast<float>(input[i]) - zp) * scale;
}

DetectionStatus f32_detection_nms__reference(const DetectionBox* boxes, const float* scores,
                                             int num_boxes, const DetectionNmsParams& params,
                                             const DetectionOutputs& outputs) {
  // The outputs hold max_detections * max_classes_per_detection slots on
  // both paths (the regular path fills only the first max_detections).
  const int64_t slots =
      static_cast<int64_t>(params.max_detections) * params.max_classes_per_detection;
  std::fill(outputs.boxes, outputs.boxes + 4 * slots, 0.0f);
  std::fill(outputs.classes, outputs.classes + slots, 0.0f);
  std::fill(outputs.scores, outputs.scores + slots, 0.0f);
  outputs.num_detections[0] = 0.0f;
  if (!BoxesAreValid(boxes, num_boxes)) return DetectionStatus::kInvalidBox;
  if (params.use_regular_nms) {
    RegularNms(boxes, scores, num_boxes, params, outputs);
  } else {
    FastNms(boxes, scores, num_boxes, params, outputs);
  }
  return DetectionStatus::kOk;
}

}  // namespace liteforge::kernels
