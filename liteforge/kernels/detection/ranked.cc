// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/detection/ranked.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "liteforge/kernels/detection/box_overlap.h"

namespace liteforge::kernels {
namespace {

// A thresholded candidate: its ranking key (a float score, or the byte
// index of an 8-bit score) and its anchor. 8 bytes for both key types.
template <typename K>
struct Candidate {
  K key;
  int32_t anchor;
};

// The ranking: better key first, lower anchor first among equal keys. Keys
// of candidates passed `>= threshold`, so none is NaN and this is a strict
// total order (+0 and -0 are equal, as in TFLite's comparison).
template <typename K>
bool RanksAhead(const Candidate<K>& a, const Candidate<K>& b) {
  return a.key > b.key || (a.key == b.key && a.anchor < b.anchor);
}

struct SelectedBox {
  DetectionBox box;
  float area;
  float score;
  int32_t anchor;
};

// One detection of the regular path's running list.
struct ClassDetection {
  int32_t index;  // anchor * num_score_columns + column
  float score;
};

struct ScratchLayout {
  size_t candidates = 0;
  size_t boxes = 0;
  size_t decoded = 0;
  size_t selected = 0;
  size_t top = 0;
  size_t merged = 0;
  size_t class_list = 0;
  size_t row_values = 0;
  size_t row_order = 0;
  size_t total = 0;
};

ScratchLayout LayoutScratch(const DetectionNmsParams& p, int num_boxes) {
  ScratchLayout l;
  size_t offset = 0;
  auto take = [&offset](size_t bytes) {
    const size_t at = offset;
    offset += (bytes + 15) & ~size_t{15};
    return at;
  };
  const size_t n = static_cast<size_t>(std::max(num_boxes, 0));
  const size_t detections = static_cast<size_t>(std::max(p.max_detections, 1));
  const size_t columns = static_cast<size_t>(std::max(p.num_score_columns, 1));
  static_assert(sizeof(Candidate<float>) == sizeof(Candidate<int32_t>));
  l.candidates = take(n * sizeof(Candidate<float>));
  l.boxes = take(n * sizeof(DetectionBox));
  l.decoded = take(n);
  l.selected = take(detections * sizeof(SelectedBox));
  l.top = take(detections * sizeof(ClassDetection));
  l.merged = take(detections * sizeof(ClassDetection));
  l.class_list = take(detections * sizeof(ClassDetection));
  l.row_values = take(columns * sizeof(float));
  l.row_order = take(columns * sizeof(int));
  l.total = offset;
  return l;
}

// Element i of `t` as the reference dequantizes it.
inline float ValueAt(const DetectionTensor& t, int64_t i) {
  switch (t.type) {
    case DetectionElement::kUInt8:
      return (static_cast<float>(static_cast<const uint8_t*>(t.data)[i]) -
              static_cast<float>(t.zero_point)) *
             t.scale;
    case DetectionElement::kInt8:
      return (static_cast<float>(static_cast<const int8_t*>(t.data)[i]) -
              static_cast<float>(t.zero_point)) *
             t.scale;
    case DetectionElement::kFloat32:
      break;
  }
  return static_cast<const float*>(t.data)[i];
}

template <typename T>
inline int32_t ByteIndex(T q) {
  if constexpr (std::is_same_v<T, int8_t>) {
    return static_cast<int32_t>(q) + 128;
  } else {
    return static_cast<int32_t>(q);
  }
}

// Decodes boxes on first use (with the reference decoder, so each box is
// bit-identical to the reference's) and keeps them for later uses.
class BoxDecoder {
 public:
  BoxDecoder(const RankedDetectionPlan& plan, const DetectionTensor& encodings,
             const DetectionTensor& anchors, DetectionBox* boxes, uint8_t* decoded)
      : plan_(plan), encodings_(encodings), anchors_(anchors), boxes_(boxes), decoded_(decoded) {}

  const DetectionBox& Get(int anchor) {
    if (decoded_[anchor] == 0) {
      Decode(anchor, boxes_[anchor]);
      decoded_[anchor] = 1;
    }
    return boxes_[anchor];
  }

  void Decode(int anchor, DetectionBox& box) const {
    const int64_t e = static_cast<int64_t>(anchor) * plan_.encoding_stride;
    const float encoding[4] = {ValueAt(encodings_, e), ValueAt(encodings_, e + 1),
                               ValueAt(encodings_, e + 2), ValueAt(encodings_, e + 3)};
    const int64_t a = static_cast<int64_t>(anchor) * 4;
    const CenterSizeBox center_size = {ValueAt(anchors_, a), ValueAt(anchors_, a + 1),
                                       ValueAt(anchors_, a + 2), ValueAt(anchors_, a + 3)};
    f32_decode_center_size_boxes__reference(encoding, 4, &center_size, 1, plan_.scales, &box);
  }

 private:
  const RankedDetectionPlan& plan_;
  const DetectionTensor& encodings_;
  const DetectionTensor& anchors_;
  DetectionBox* boxes_;
  uint8_t* decoded_;
};

// Greedy NMS over candidates[0..n) in ranking order: at most `limit`
// boxes, each overlapping no better selected box by IoU > iou_threshold.
// Ranks only the prefix it consumes. Returns the number selected.
template <typename K, typename ScoreOf>
int SelectRanked(Candidate<K>* candidates, int n, int limit, float iou_threshold,
                 BoxDecoder& decoder, ScoreOf score_of, SelectedBox* selected) {
  int num_selected = 0;
  int begin = 0;
  // A first block a few times the limit usually suffices; suppressed
  // candidates make later blocks necessary, each twice the previous.
  int block = std::max(4 * limit, 64);
  while (begin < n && num_selected < limit) {
    const int end = n - begin > block ? begin + block : n;
    if (end < n) std::nth_element(candidates + begin, candidates + end, candidates + n, RanksAhead<K>);
    std::sort(candidates + begin, candidates + end, RanksAhead<K>);
    for (int i = begin; i < end && num_selected < limit; ++i) {
      const int anchor = candidates[i].anchor;
      const DetectionBox& box = decoder.Get(anchor);
      const float area = DetectionBoxArea(box);
      bool suppressed = false;
      for (int s = 0; s < num_selected; ++s) {
        if (DetectionIou(selected[s].box, selected[s].area, box, area) > iou_threshold) {
          suppressed = true;
          break;
        }
      }
      if (!suppressed) selected[num_selected++] = {box, area, score_of(candidates[i].key), anchor};
    }
    begin = end;
    block = block > (1 << 29) ? block : 2 * block;
  }
  return num_selected;
}

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

struct Workspace {
  void* candidates;
  SelectedBox* selected;
  ClassDetection* top;
  ClassDetection* merged;
  ClassDetection* class_list;
  float* row_values;
  int* row_order;
};

// The class scores of one anchor's row (without the background column) as
// floats: the tensor itself, or dequantized into `buffer`.
const float* RowValues(const RankedDetectionPlan& plan, const DetectionTensor& scores, int anchor,
                       float* buffer) {
  const DetectionNmsParams& p = plan.params;
  const int64_t start = static_cast<int64_t>(anchor) * p.num_score_columns +
                        (p.num_score_columns - p.num_classes);
  if (scores.type == DetectionElement::kFloat32) return static_cast<const float*>(scores.data) + start;
  for (int c = 0; c < p.num_classes; ++c) buffer[c] = ValueAt(scores, start + c);
  return buffer;
}

// Fast path, float ranking: each anchor's best class score (the value the
// reference's RankScoresDescending puts first) against the threshold.
int GatherBestFloat(const RankedDetectionPlan& plan, const DetectionTensor& scores, int per_anchor,
                    const Workspace& ws, Candidate<float>* out) {
  const DetectionNmsParams& p = plan.params;
  int count = 0;
  for (int anchor = 0; anchor < plan.num_boxes; ++anchor) {
    const float* row = RowValues(plan, scores, anchor, ws.row_values);
    // The first maximum's value; NaN only when row[0] is NaN, as with
    // the reference's first-maximum loop.
    float best = row[0];
    bool has_nan = row[0] != row[0];
    for (int c = 1; c < p.num_classes; ++c) {
      best = row[c] > best ? row[c] : best;
      has_nan |= row[c] != row[c];
    }
    if (per_anchor > 1 && has_nan) {
      // Without a strict weak order the partial sort decides what comes
      // first; ask it.
      RankScoresDescending(row, p.num_classes, per_anchor, ws.row_order);
      best = row[ws.row_order[0]];
    }
    if (best >= p.score_threshold) out[count++] = {best, anchor};
  }
  return count;
}

// Fast path, byte ranking (8-bit scores, strictly increasing dequantization).
template <typename T>
int GatherBestBytes(const RankedDetectionPlan& plan, const T* scores, Candidate<int32_t>* out) {
  const DetectionNmsParams& p = plan.params;
  const int offset = p.num_score_columns - p.num_classes;
  const int32_t min_passing = plan.score_coding.min_passing_index;
  int count = 0;
  for (int anchor = 0; anchor < plan.num_boxes; ++anchor) {
    const T* row = scores + static_cast<int64_t>(anchor) * p.num_score_columns + offset;
    int32_t best = ByteIndex(row[0]);
    for (int c = 1; c < p.num_classes; ++c) best = std::max(best, ByteIndex(row[c]));
    if (best >= min_passing) out[count++] = {best, anchor};
  }
  return count;
}

template <typename K, typename ScoreOf>
void FastNms(const RankedDetectionPlan& plan, const DetectionTensor& scores,
             Candidate<K>* candidates, int num_candidates, BoxDecoder& decoder,
             ScoreOf score_of, const Workspace& ws, const DetectionOutputs& out) {
  const DetectionNmsParams& p = plan.params;
  const int per_anchor = std::min(p.max_classes_per_detection, p.num_classes);
  const int num_selected = SelectRanked(candidates, num_candidates, p.max_detections,
                                        p.iou_threshold, decoder, score_of, ws.selected);
  for (int d = 0; d < num_selected; ++d) {
    const SelectedBox& s = ws.selected[d];
    const float* row = RowValues(plan, scores, s.anchor, ws.row_values);
    RankScoresDescending(row, p.num_classes, per_anchor, ws.row_order);
    for (int k = 0; k < per_anchor; ++k) {
      WriteDetection(out, p.max_classes_per_detection * d + k, s.box, ws.row_order[k],
                     row[ws.row_order[k]]);
    }
  }
  out.num_detections[0] = static_cast<float>(num_selected);
}

// Regular path: per class, the candidates of that column (gathered by
// `gather(column, candidates)`), NMS, and a stable merge into the running
// list (the earlier class wins ties, as the reference's inplace_merge).
template <typename K, typename Gather, typename ScoreOf>
void RegularNms(const RankedDetectionPlan& plan, Gather gather, BoxDecoder& decoder,
                ScoreOf score_of, const Workspace& ws, const DetectionOutputs& out) {
  const DetectionNmsParams& p = plan.params;
  const int label_offset = p.num_score_columns - p.num_classes;
  const int per_class = std::min(p.detections_per_class, p.max_detections);
  auto* candidates = static_cast<Candidate<K>*>(ws.candidates);
  ClassDetection* top = ws.top;
  ClassDetection* merged = ws.merged;
  int top_size = 0;
  for (int cls = 0; cls < p.num_classes; ++cls) {
    const int column = cls + label_offset;
    const int n = gather(column, candidates);
    const int num_selected =
        SelectRanked(candidates, n, per_class, p.iou_threshold, decoder, score_of, ws.selected);
    if (num_selected == 0) continue;
    for (int k = 0; k < num_selected; ++k) {
      ws.class_list[k] = {ws.selected[k].anchor * p.num_score_columns + column,
                          ws.selected[k].score};
    }
    int i = 0;
    int j = 0;
    int size = 0;
    while (size < p.max_detections && (i < top_size || j < num_selected)) {
      const bool take_new =
          j < num_selected && (i >= top_size || ws.class_list[j].score > top[i].score);
      merged[size++] = take_new ? ws.class_list[j++] : top[i++];
    }
    std::swap(top, merged);
    top_size = size;
  }
  for (int k = 0; k < top_size; ++k) {
    const int anchor = top[k].index / p.num_score_columns;
    const int cls = top[k].index - anchor * p.num_score_columns - label_offset;
    WriteDetection(out, k, decoder.Get(anchor), cls, top[k].score);
  }
  out.num_detections[0] = static_cast<float>(top_size);
}

template <typename T>
void RunWithByteKeys(const RankedDetectionPlan& plan, const T* scores, BoxDecoder& decoder,
                     const DetectionTensor& score_tensor, const Workspace& ws,
                     const DetectionOutputs& out) {
  const DetectionNmsParams& p = plan.params;
  const float* values = plan.score_coding.values;
  auto score_of = [values](int32_t key) { return values[key]; };
  auto* candidates = static_cast<Candidate<int32_t>*>(ws.candidates);
  if (!p.use_regular_nms) {
    const int n = GatherBestBytes(plan, scores, candidates);
    FastNms(plan, score_tensor, candidates, n, decoder, score_of, ws, out);
    return;
  }
  const int32_t min_passing = plan.score_coding.min_passing_index;
  auto gather = [&plan, scores, min_passing](int column, Candidate<int32_t>* c) {
    int count = 0;
    const T* s = scores + column;
    const int stride = plan.params.num_score_columns;
    for (int anchor = 0; anchor < plan.num_boxes; ++anchor) {
      const int32_t key = ByteIndex(s[static_cast<int64_t>(anchor) * stride]);
      if (key >= min_passing) c[count++] = {key, anchor};
    }
    return count;
  };
  RegularNms<int32_t>(plan, gather, decoder, score_of, ws, out);
}

void RunWithFloatKeys(const RankedDetectionPlan& plan, const DetectionTensor& scores,
                      BoxDecoder& decoder, const Workspace& ws, const DetectionOutputs& out) {
  const DetectionNmsParams& p = plan.params;
  auto score_of = [](float key) { return key; };
  auto* candidates = static_cast<Candidate<float>*>(ws.candidates);
  if (!p.use_regular_nms) {
    const int per_anchor = std::min(p.max_classes_per_detection, p.num_classes);
    const int n = GatherBestFloat(plan, scores, per_anchor, ws, candidates);
    FastNms(plan, scores, candidates, n, decoder, score_of, ws, out);
    return;
  }
  auto gather = [&plan, &scores](int column, Candidate<float>* c) {
    int count = 0;
    const int stride = plan.params.num_score_columns;
    const float threshold = plan.params.score_threshold;
    for (int anchor = 0; anchor < plan.num_boxes; ++anchor) {
      const float v = ValueAt(scores, static_cast<int64_t>(anchor) * stride + column);
      if (v >= threshold) c[count++] = {v, anchor};
    }
    return count;
  };
  RegularNms<float>(plan, gather, decoder, score_of, ws, out);
}

}  // namespace

DetectionScoreCoding MakeDetectionScoreCoding(DetectionElement type, int32_t zero_point,
                                              float scale, float score_threshold) {
  DetectionScoreCoding coding;
  if (type == DetectionElement::kFloat32) return coding;
  const int lowest = type == DetectionElement::kInt8 ? -128 : 0;
  const float zp = static_cast<float>(zero_point);
  for (int i = 0; i < 256; ++i) {
    coding.values[i] = (static_cast<float>(lowest + i) - zp) * scale;
  }
  coding.integer_keys = true;
  for (int i = 0; i + 1 < 256; ++i) {
    if (!(coding.values[i] < coding.values[i + 1])) coding.integer_keys = false;
  }
  coding.min_passing_index = 256;
  for (int i = 0; i < 256; ++i) {
    if (coding.values[i] >= score_threshold) {
      coding.min_passing_index = i;
      break;
    }
  }
  return coding;
}

bool DetectionAnchorsMayInvert(const DetectionTensor& anchors, int num_boxes) {
  if (anchors.data == nullptr) return true;
  for (int i = 0; i < num_boxes; ++i) {
    const int64_t a = static_cast<int64_t>(i) * 4;
    if (ValueAt(anchors, a + 2) < 0 || ValueAt(anchors, a + 3) < 0) return true;
  }
  return false;
}

size_t RankedDetectionScratchBytes(const DetectionNmsParams& params, int num_boxes) {
  return LayoutScratch(params, num_boxes).total;
}

DetectionStatus f32_detection_postprocess__ranked(const RankedDetectionPlan& plan,
                                                  const DetectionTensor& encodings,
                                                  const DetectionTensor& scores,
                                                  const DetectionTensor& anchors, void* scratch,
                                                  const DetectionOutputs& outputs) {
  const DetectionNmsParams& p = plan.params;
  const int64_t slots = static_cast<int64_t>(p.max_detections) * p.max_classes_per_detection;
  std::fill(outputs.boxes, outputs.boxes + 4 * slots, 0.0f);
  std::fill(outputs.classes, outputs.classes + slots, 0.0f);
  std::fill(outputs.scores, outputs.scores + slots, 0.0f);
  outputs.num_detections[0] = 0.0f;

  const ScratchLayout layout = LayoutScratch(p, plan.num_boxes);
  auto* base = static_cast<uint8_t*>(scratch);
  auto* decoded = base + layout.decoded;
  std::memset(decoded, 0, static_cast<size_t>(plan.num_boxes));
  BoxDecoder decoder(plan, encodings, anchors, reinterpret_cast<DetectionBox*>(base + layout.boxes),
                     decoded);

  if (plan.check_anchors) {
    // Only an anchor with a negative height or width can decode inverted.
    for (int i = 0; i < plan.num_boxes; ++i) {
      const int64_t a = static_cast<int64_t>(i) * 4;
      if (ValueAt(anchors, a + 2) < 0 || ValueAt(anchors, a + 3) < 0) {
        const DetectionBox& b = decoder.Get(i);
        if (b.ymin > b.ymax || b.xmin > b.xmax) return DetectionStatus::kInvalidBox;
      }
    }
  }

  const Workspace ws = {base + layout.candidates,
                        reinterpret_cast<SelectedBox*>(base + layout.selected),
                        reinterpret_cast<ClassDetection*>(base + layout.top),
                        reinterpret_cast<ClassDetection*>(base + layout.merged),
                        reinterpret_cast<ClassDetection*>(base + layout.class_list),
                        reinterpret_cast<float*>(base + layout.row_values),
                        reinterpret_cast<int*>(base + layout.row_order)};
  const bool byte_keys = scores.type != DetectionElement::kFloat32 && plan.score_coding.integer_keys;
  if (byte_keys && scores.type == DetectionElement::kUInt8) {
    RunWithByteKeys(plan, static_cast<const uint8_t*>(scores.data), decoder, scores, ws, outputs);
  } else if (byte_keys) {
    RunWithByteKeys(plan, static_cast<const int8_t*>(scores.data), decoder, scores, ws, outputs);
  } else {
    RunWithFloatKeys(plan, scores, decoder, ws, outputs);
  }
  return DetectionStatus::kOk;
}

}  // namespace liteforge::kernels
