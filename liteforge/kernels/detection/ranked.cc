// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/detection/ranked.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "liteforge/kernels/detection/box_overlap.h"

namespace liteforge::kernels {
namespace {

// A thresholded candidate of the float path: its score and its anchor.
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
  // One selection holds distinct anchors (at most n); the regular path's
  // running list at most n per class. Bounding by them keeps a huge
  // max_detections from asking for a huge scratch block.
  const size_t max_detections = static_cast<size_t>(std::max(p.max_detections, 1));
  const size_t detections = std::max<size_t>(std::min(max_detections, n), 1);
  const size_t listed = std::max<size_t>(
      std::min(max_detections, n * static_cast<size_t>(std::max(p.num_classes, 1))), 1);
  const size_t columns = static_cast<size_t>(std::max(p.num_score_columns, 1));
  // Float candidates, or the byte path's order (int32) and keys (uint8).
  static_assert(sizeof(Candidate<float>) >= sizeof(int32_t) + sizeof(uint8_t));
  l.candidates = take(n * sizeof(Candidate<float>));
  l.boxes = take(n * sizeof(DetectionBox));
  l.decoded = take(n);
  l.selected = take(detections * sizeof(SelectedBox));
  l.top = take(listed * sizeof(ClassDetection));
  l.merged = take(listed * sizeof(ClassDetection));
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

// Greedy NMS in ranking order: the boxes selected so far (at most
// `limit`). A box offered next is kept unless it overlaps a selected one by
// IoU > iou_threshold.
class GreedySelection {
 public:
  GreedySelection(SelectedBox* selected, int limit, float iou_threshold, BoxDecoder& decoder)
      : selected_(selected), limit_(limit), iou_threshold_(iou_threshold), decoder_(decoder) {}

  bool full() const { return count_ >= limit_; }
  int count() const { return count_; }

  void Offer(int anchor, float score) {
    const DetectionBox& box = decoder_.Get(anchor);
    const float area = DetectionBoxArea(box);
    for (int s = 0; s < count_; ++s) {
      if (DetectionIou(selected_[s].box, selected_[s].area, box, area) > iou_threshold_) return;
    }
    selected_[count_++] = {box, area, score, anchor};
  }

 private:
  SelectedBox* selected_;
  int limit_;
  float iou_threshold_;
  BoxDecoder& decoder_;
  int count_ = 0;
};

// Offers candidates[0..n) in ranking order until the selection is full,
// ranking only the prefix it consumes: nth_element cuts the best block of
// the rest, which is sorted and offered; blocks start at a few times the
// limit (usually enough) and double (when suppression eats them).
template <typename K, typename ScoreOf>
void SelectByBlocks(Candidate<K>* candidates, int n, int limit, ScoreOf score_of,
                    GreedySelection& selection) {
  int begin = 0;
  int block = std::max(4 * limit, 64);
  while (begin < n && !selection.full()) {
    const int end = n - begin > block ? begin + block : n;
    if (end < n) {
      std::nth_element(candidates + begin, candidates + end, candidates + n, RanksAhead<K>);
    }
    std::sort(candidates + begin, candidates + end, RanksAhead<K>);
    for (int i = begin; i < end && !selection.full(); ++i) {
      selection.Offer(candidates[i].anchor, score_of(candidates[i].key));
    }
    begin = end;
    block = block > (1 << 29) ? block : 2 * block;
  }
}

// Byte keys (keys[anchor] = byte index of its score): offers the anchors
// whose key is >= min_passing by descending key, anchors ascending within a
// key, until the selection is full. A histogram splits the keys into
// rounds, best keys first, each holding at least `block` anchors (doubling
// per round) unless it is a single key. A single-key round streams the
// anchors in index order (it stops as soon as the selection is full, which
// matters when most anchors share one score); a wider round is ordered by
// a counting sort into `order`.
void SelectByByteKeys(const uint8_t* keys, int num_boxes, int32_t min_passing, int block,
                      const float* values, int32_t* order, GreedySelection& selection) {
  // Four histograms (by anchor mod 4) so runs of equal keys do not chain
  // each increment on the previous one.
  int32_t counts[4][256] = {};
  int a = 0;
  for (; a + 4 <= num_boxes; a += 4) {
    ++counts[0][keys[a]];
    ++counts[1][keys[a + 1]];
    ++counts[2][keys[a + 2]];
    ++counts[3][keys[a + 3]];
  }
  for (; a < num_boxes; ++a) ++counts[0][keys[a]];
  int32_t histogram[256];
  for (int k = 0; k < 256; ++k) {
    histogram[k] = counts[0][k] + counts[1][k] + counts[2][k] + counts[3][k];
  }

  int hi = 256;  // the next round takes keys in [lo, hi)
  while (hi > min_passing && !selection.full()) {
    int lo = hi;
    int total = 0;
    while (lo > min_passing && total < block) total += histogram[--lo];
    if (total == 0) break;
    if (lo + 1 == hi) {
      const uint8_t key = static_cast<uint8_t>(lo);
      for (int anchor = 0; anchor < num_boxes && !selection.full(); ++anchor) {
        if (keys[anchor] == key) selection.Offer(anchor, values[key]);
      }
    } else {
      int32_t start[256];
      int position = 0;
      for (int k = hi - 1; k >= lo; --k) {
        start[k] = position;
        position += histogram[k];
      }
      // Most anchors fall outside the round: test 32 keys at a time with a
      // loop the compiler vectorizes, scatter only chunks that have a hit.
      constexpr int kChunk = 32;
      const uint8_t low = static_cast<uint8_t>(lo);
      const int width = hi - lo;  // key in round <=> uint8(key - lo) < width
      int anchor = 0;
      for (; anchor + kChunk <= num_boxes; anchor += kChunk) {
        const uint8_t* chunk = keys + anchor;
        int hits = 0;
        for (int j = 0; j < kChunk; ++j) {
          hits |= static_cast<uint8_t>(chunk[j] - low) < width ? 1 : 0;
        }
        if (hits == 0) continue;
        for (int j = 0; j < kChunk; ++j) {
          const int32_t key = chunk[j];
          if (key >= lo && key < hi) order[start[key]++] = anchor + j;
        }
      }
      for (; anchor < num_boxes; ++anchor) {
        const int32_t key = keys[anchor];
        if (key >= lo && key < hi) order[start[key]++] = anchor;
      }
      for (int i = 0; i < total && !selection.full(); ++i) {
        selection.Offer(order[i], values[keys[order[i]]]);
      }
    }
    hi = lo;
    block = block > (1 << 29) ? block : 2 * block;
  }
}

// keys[anchor] = the byte index of the anchor's best class score (the
// first maximum in bytes is the first maximum in float). Compile-time
// class and column counts (kClasses > 0) give a loop the compiler unrolls
// and vectorizes; kClasses == 0 reads them at run time.
template <int kClasses, int kColumns, typename T>
void BestByteKeys(const T* scores, int columns, int num_classes, int num_boxes, uint8_t* keys) {
  const int classes = kClasses > 0 ? kClasses : num_classes;
  const int stride = kClasses > 0 ? kColumns : columns;
  const T* first = scores + (stride - classes);
  for (int anchor = 0; anchor < num_boxes; ++anchor) {
    const T* row = first + static_cast<int64_t>(anchor) * stride;
    T best = row[0];
    for (int c = 1; c < classes; ++c) best = row[c] > best ? row[c] : best;
    keys[anchor] = static_cast<uint8_t>(ByteIndex(best));
  }
}

// BestByteKeys with the class count fixed for the common small cases.
template <typename T>
void BestByteKeysFor(const T* scores, int columns, int num_classes, int num_boxes, uint8_t* keys) {
  const bool background = columns != num_classes;
  switch (num_classes * 2 + (background ? 1 : 0)) {
    case 2:
      return BestByteKeys<1, 1>(scores, columns, num_classes, num_boxes, keys);
    case 3:
      return BestByteKeys<1, 2>(scores, columns, num_classes, num_boxes, keys);
    case 4:
      return BestByteKeys<2, 2>(scores, columns, num_classes, num_boxes, keys);
    case 5:
      return BestByteKeys<2, 3>(scores, columns, num_classes, num_boxes, keys);
    case 6:
      return BestByteKeys<3, 3>(scores, columns, num_classes, num_boxes, keys);
    case 7:
      return BestByteKeys<3, 4>(scores, columns, num_classes, num_boxes, keys);
    case 8:
      return BestByteKeys<4, 4>(scores, columns, num_classes, num_boxes, keys);
    default:
      return BestByteKeys<0, 0>(scores, columns, num_classes, num_boxes, keys);
  }
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
  const int64_t start =
      static_cast<int64_t>(anchor) * p.num_score_columns + (p.num_score_columns - p.num_classes);
  if (scores.type == DetectionElement::kFloat32) {
    return static_cast<const float*>(scores.data) + start;
  }
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

// Fast path: `select(selection)` offers the anchors, best first, each
// with its best class score; the selected anchors report their top
// max_classes_per_detection classes.
template <typename Select>
void FastNms(const RankedDetectionPlan& plan, const DetectionTensor& scores, BoxDecoder& decoder,
             Select select, const Workspace& ws, const DetectionOutputs& out) {
  const DetectionNmsParams& p = plan.params;
  const int per_anchor = std::min(p.max_classes_per_detection, p.num_classes);
  GreedySelection selection(ws.selected, p.max_detections, p.iou_threshold, decoder);
  select(selection);
  for (int d = 0; d < selection.count(); ++d) {
    const SelectedBox& s = ws.selected[d];
    const float* row = RowValues(plan, scores, s.anchor, ws.row_values);
    RankScoresDescending(row, p.num_classes, per_anchor, ws.row_order);
    for (int k = 0; k < per_anchor; ++k) {
      WriteDetection(out, p.max_classes_per_detection * d + k, s.box, ws.row_order[k],
                     row[ws.row_order[k]]);
    }
  }
  out.num_detections[0] = static_cast<float>(selection.count());
}

// Regular path: per class, `select(column, selection)` offers that
// column's anchors best first; the class's survivors are merged stably into
// the running list (the earlier class wins ties, as the reference's
// inplace_merge) which keeps the best max_detections.
template <typename Select>
void RegularNms(const RankedDetectionPlan& plan, BoxDecoder& decoder, Select select,
                const Workspace& ws, const DetectionOutputs& out) {
  const DetectionNmsParams& p = plan.params;
  const int label_offset = p.num_score_columns - p.num_classes;
  const int per_class = std::min(p.detections_per_class, p.max_detections);
  ClassDetection* top = ws.top;
  ClassDetection* merged = ws.merged;
  int top_size = 0;
  for (int cls = 0; cls < p.num_classes; ++cls) {
    const int column = cls + label_offset;
    GreedySelection selection(ws.selected, per_class, p.iou_threshold, decoder);
    select(column, selection);
    const int num_selected = selection.count();
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

// 8-bit scores whose dequantization strictly increases: ranked by byte
// index with a counting sort.
template <typename T>
void RunWithByteKeys(const RankedDetectionPlan& plan, const T* scores, BoxDecoder& decoder,
                     const DetectionTensor& score_tensor, const Workspace& ws,
                     const DetectionOutputs& out) {
  const DetectionNmsParams& p = plan.params;
  const int columns = p.num_score_columns;
  const int32_t min_passing = plan.score_coding.min_passing_index;
  const float* values = plan.score_coding.values;
  // The candidates region holds the order (4 bytes per anchor), then the
  // keys (1 byte per anchor).
  auto* order = static_cast<int32_t*>(ws.candidates);
  auto* keys = reinterpret_cast<uint8_t*>(order + plan.num_boxes);
  const int limit =
      p.use_regular_nms ? std::min(p.detections_per_class, p.max_detections) : p.max_detections;
  const int block = std::max(4 * limit, 64);
  if (!p.use_regular_nms) {
    const int n = plan.num_boxes;
    BestByteKeysFor(scores, columns, p.num_classes, n, keys);
    FastNms(
        plan, score_tensor, decoder,
        [&](GreedySelection& selection) {
          SelectByByteKeys(keys, n, min_passing, block, values, order, selection);
        },
        ws, out);
    return;
  }
  RegularNms(
      plan, decoder,
      [&](int column, GreedySelection& selection) {
        const T* column_scores = scores + column;
        for (int anchor = 0; anchor < plan.num_boxes; ++anchor) {
          keys[anchor] = static_cast<uint8_t>(
              ByteIndex(column_scores[static_cast<int64_t>(anchor) * columns]));
        }
        SelectByByteKeys(keys, plan.num_boxes, min_passing, block, values, order, selection);
      },
      ws, out);
}

// Float scores (or 8-bit ones compared as floats): thresholded candidates
// ranked block by block.
void RunWithFloatKeys(const RankedDetectionPlan& plan, const DetectionTensor& scores,
                      BoxDecoder& decoder, const Workspace& ws, const DetectionOutputs& out) {
  const DetectionNmsParams& p = plan.params;
  auto score_of = [](float key) { return key; };
  auto* candidates = static_cast<Candidate<float>*>(ws.candidates);
  if (!p.use_regular_nms) {
    const int per_anchor = std::min(p.max_classes_per_detection, p.num_classes);
    FastNms(
        plan, scores, decoder,
        [&](GreedySelection& selection) {
          const int n = GatherBestFloat(plan, scores, per_anchor, ws, candidates);
          SelectByBlocks(candidates, n, p.max_detections, score_of, selection);
        },
        ws, out);
    return;
  }
  const int per_class = std::min(p.detections_per_class, p.max_detections);
  RegularNms(
      plan, decoder,
      [&](int column, GreedySelection& selection) {
        int n = 0;
        const int64_t stride = p.num_score_columns;
        for (int anchor = 0; anchor < plan.num_boxes; ++anchor) {
          const float v = ValueAt(scores, anchor * stride + column);
          if (v >= p.score_threshold) candidates[n++] = {v, anchor};
        }
        SelectByBlocks(candidates, n, per_class, score_of, selection);
      },
      ws, out);
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
  const bool byte_keys =
      scores.type != DetectionElement::kFloat32 && plan.score_coding.integer_keys;
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
