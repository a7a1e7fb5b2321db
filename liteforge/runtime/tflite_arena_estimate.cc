// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/runtime/tflite_arena_estimate.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <variant>
#include <vector>

#include "liteforge/runtime/memory_planner.h"

namespace liteforge::runtime {
namespace {

constexpr int kNotYet = std::numeric_limits<int>::max();
// TensorFlow Lite looks at the first three inputs for one to share.
constexpr size_t kShareableInputs = 3;
// Tensors this small are never shared by an op that writes its output.
constexpr size_t kScalarBytes = 4;

struct InPlace {
  unsigned inputs = 0;      // bit j: input j may share the first output's bytes
  bool unmodified = false;  // the op only reinterprets the bytes
};

InPlace InPlaceOf(ir::OpType type) {
  switch (type) {
    case ir::OpType::kReshape:
    case ir::OpType::kSqueeze:
    case ir::OpType::kExpandDims:
    case ir::OpType::kBitcast:
      return {1u, true};
    case ir::OpType::kAdd:
    case ir::OpType::kSub:
    case ir::OpType::kMul:
    case ir::OpType::kDiv:
      return {3u, false};
    default:
      return {};
  }
}

// Bytes of CONV_2D's im2col temporary, or 0 when the optimized kernel
// reads the input directly (1x1, stride 1, no dilation) or, for float on
// more than one thread, when the multithreaded kernel (no im2col; its
// transposed weights are persistent) takes an undilated conv.
size_t Im2colBytes(const ir::Op& op, std::span<const TensorPlan> tensors, int threads) {
  const auto* opts = std::get_if<ir::Conv2DOptions>(&op.options);
  if (opts == nullptr || op.inputs.size() < 2 || op.outputs.empty()) return 0;
  const int32_t in = op.inputs[0], filter = op.inputs[1], out = op.outputs[0];
  if (in < 0 || filter < 0 || out < 0) return 0;
  const Shape& fs = tensors[filter].view.shape;
  const Shape& os = tensors[out].view.shape;
  if (fs.rank() != 4 || os.rank() != 4) return 0;
  const bool direct = opts->stride_w == 1 && opts->stride_h == 1 && opts->dilation_w == 1 &&
                      opts->dilation_h == 1 && fs.dim(1) == 1 && fs.dim(2) == 1;
  if (direct) return 0;
  // A float conv with 8-bit weights (hybrid) gathers quantized input bytes.
  const DType in_type = tensors[in].view.dtype;
  const DType filter_type = tensors[filter].view.dtype;
  const bool multithreaded = threads > 1 && in_type == DType::kFloat32 &&
                             filter_type == DType::kFloat32 && opts->dilation_w == 1 &&
                             opts->dilation_h == 1;
  if (multithreaded) return 0;
  const DType type = in_type == DType::kFloat32 && filter_type != DType::kFloat32 ? filter_type
                                                                                  : in_type;
  const size_t pixels = static_cast<size_t>(os.dim(0)) * os.dim(1) * os.dim(2);
  const size_t patch = static_cast<size_t>(fs.dim(1)) * fs.dim(2) * fs.dim(3);
  return pixels * patch * DTypeSize(type);
}

// UNIDIRECTIONAL_SEQUENCE_LSTM's scratch. Float: one buffer of batch x
// (4 gates, 3 without an input gate, + one accumulator) x cells + 16
// elements. 8-bit (8x8->16): four int16, one int8 and one int32 buffer of
// batch x cells each.
void LstmTemporaries(const ir::Op& op, std::span<const TensorPlan> tensors,
                     std::vector<size_t>& out) {
  const auto* opts = std::get_if<ir::SequenceLstmOptions>(&op.options);
  if (opts == nullptr || op.inputs.size() < 5 || op.inputs[0] < 0 || op.inputs[4] < 0) return;
  const TensorView& input = tensors[op.inputs[0]].view;
  const Shape& to_output = tensors[op.inputs[4]].view.shape;  // [cells, inputs]
  if (input.shape.rank() < 2 || to_output.rank() != 2) return;
  const size_t batch = static_cast<size_t>(input.shape.dim(opts->time_major ? 1 : 0));
  const size_t cells = static_cast<size_t>(to_output.dim(0));
  if (input.dtype == DType::kInt8) {
    for (int i = 0; i < 4; ++i) out.push_back(batch * cells * 2);
    out.push_back(batch * cells);
    out.push_back(batch * cells * 4);
    return;
  }
  const bool cifg = op.inputs[1] < 0;
  out.push_back(batch * (cells * (cifg ? 4 : 5) + 16) * DTypeSize(input.dtype));
}

// SVDF's scratch: batch x filters (int32 or float); a full-integer SVDF
// also keeps units x batch int32 outputs.
void SvdfTemporaries(const ir::Op& op, std::span<const TensorPlan> tensors,
                     std::vector<size_t>& out) {
  const auto* opts = std::get_if<ir::SvdfOptions>(&op.options);
  if (opts == nullptr || opts->rank <= 0 || op.inputs.size() < 2 || op.inputs[0] < 0 ||
      op.inputs[1] < 0) {
    return;
  }
  const TensorView& input = tensors[op.inputs[0]].view;
  const Shape& features = tensors[op.inputs[1]].view.shape;  // [filters, inputs]
  if (input.shape.rank() < 1 || features.rank() != 2) return;
  const size_t batch = static_cast<size_t>(input.shape.dim(0));
  const size_t filters = static_cast<size_t>(features.dim(0));
  out.push_back(batch * filters * 4);
  if (input.dtype == DType::kInt8) out.push_back(filters / opts->rank * batch * 4);
}

// The arena temporaries TensorFlow Lite's kernel for `op` asks for.
std::vector<size_t> TemporariesOf(const ir::Op& op, std::span<const TensorPlan> tensors,
                                  int threads) {
  std::vector<size_t> bytes;
  switch (op.type) {
    case ir::OpType::kConv2D:
      if (const size_t im2col = Im2colBytes(op, tensors, threads); im2col > 0) {
        bytes.push_back(im2col);
      }
      break;
    case ir::OpType::kUnidirectionalSequenceLstm:
      LstmTemporaries(op, tensors, bytes);
      break;
    case ir::OpType::kSvdf:
      SvdfTemporaries(op, tensors, bytes);
      break;
    default:
      break;
  }
  return bytes;
}

}  // namespace

TfliteArenaEstimate EstimateTfliteArena(const ExecutionPlan& plan) {
  const auto tensors = plan.tensors();
  const ir::Subgraph& sg = plan.subgraph();
  const size_t num_tensors = tensors.size();
  const auto in_arena = [&](int32_t t) {
    return t >= 0 && static_cast<size_t>(t) < num_tensors && tensors[t].home == TensorHome::kArena;
  };
  std::vector<bool> graph_input(num_tensors, false), graph_output(num_tensors, false);
  for (int32_t t : sg.inputs) {
    if (in_arena(t)) graph_input[t] = true;
  }
  for (int32_t t : sg.outputs) {
    if (in_arena(t)) graph_output[t] = true;
  }

  // The nodes TensorFlow Lite would run: every step liteforge runs.
  std::vector<const ir::Op*> nodes;
  for (const Step& step : plan.steps()) {
    if (!step.folded) nodes.push_back(step.node);
  }
  const int num_nodes = static_cast<int>(nodes.size());

  // References: graph inputs and outputs hold one each, every read one more.
  std::vector<int> held(num_tensors, 0), refs(num_tensors, 0);
  for (size_t t = 0; t < num_tensors; ++t) held[t] = graph_input[t] + graph_output[t];
  refs = held;
  for (const ir::Op* node : nodes) {
    for (int32_t t : node->inputs) {
      if (in_arena(t)) ++refs[t];
    }
  }

  // In-place ops: output -> the tensor whose bytes it uses.
  std::unordered_map<int32_t, int32_t> shares;
  const auto find = [&](int32_t t) {
    const auto it = shares.find(t);
    return it == shares.end() ? t : it->second;
  };
  for (const ir::Op* node : nodes) {
    const InPlace in_place = InPlaceOf(node->type);
    if (in_place.inputs == 0 || node->outputs.empty()) continue;
    const int32_t out = node->outputs[0];
    if (!in_arena(out) || graph_output[out]) continue;
    int32_t chosen = -1;
    for (size_t j = 0; j < std::min(kShareableInputs, node->inputs.size()); ++j) {
      const int32_t in = node->inputs[j];
      if (((in_place.inputs >> j) & 1u) == 0 || !in_arena(in) || graph_input[in]) continue;
      if (tensors[in].view.bytes != tensors[out].view.bytes) continue;
      if (!in_place.unmodified && (tensors[in].view.bytes <= kScalarBytes || refs[in] > 1)) continue;
      chosen = in;
      break;
    }
    if (chosen < 0) continue;
    const int32_t root = find(chosen);
    if (!in_place.unmodified && refs[root] > 1) continue;
    shares[out] = root;
  }

  // Allocation and release steps, reads counted on the buffer's owner.
  std::vector<int> alloc(num_tensors, kNotYet), release(num_tensors, kNotYet);
  std::vector<int> remaining = held;
  for (const ir::Op* node : nodes) {
    for (int32_t t : node->inputs) {
      if (in_arena(t)) ++remaining[find(t)];
    }
  }
  for (size_t t = 0; t < num_tensors; ++t) {
    if (graph_input[t]) alloc[t] = 0;
  }
  struct Temporary {
    int node;
    size_t bytes;
  };
  std::vector<Temporary> temporaries;
  for (int i = 0; i < num_nodes; ++i) {
    for (int32_t t : nodes[i]->outputs) {
      if (in_arena(t) && alloc[t] == kNotYet) alloc[t] = i;
    }
    for (int32_t t : nodes[i]->inputs) {
      if (!in_arena(t)) continue;
      const int32_t owner = find(t);
      if (--remaining[owner] == 0 && alloc[owner] != kNotYet) release[owner] = i;
    }
    for (size_t bytes : TemporariesOf(*nodes[i], tensors, plan.options().num_threads)) {
      if (bytes > 0) temporaries.push_back({i, bytes});
    }
  }

  // One request per buffer; temporaries come after the graph's tensors, as
  // their indices do in TensorFlow Lite.
  std::vector<BufferRequest> requests;
  std::vector<bool> whole_run;
  TfliteArenaEstimate estimate;
  for (size_t t = 0; t < num_tensors; ++t) {
    if (!in_arena(static_cast<int32_t>(t)) || alloc[t] == kNotYet) continue;
    if (shares.count(static_cast<int32_t>(t)) != 0) {
      ++estimate.shared_tensors;
      continue;
    }
    const int last = release[t] == kNotYet ? num_nodes : release[t];
    requests.push_back({tensors[t].view.bytes, alloc[t], last});
    whole_run.push_back(alloc[t] == 0 && release[t] == kNotYet);
  }
  for (const Temporary& tmp : temporaries) {
    requests.push_back({tmp.bytes, tmp.node, tmp.node});
    whole_run.push_back(false);
    estimate.temporary_bytes = std::max(estimate.temporary_bytes, tmp.bytes);
  }
  std::vector<size_t> order(requests.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (whole_run[a] != whole_run[b]) return static_cast<bool>(whole_run[a]);
    if (whole_run[a]) return false;  // index order
    if (requests[a].bytes != requests[b].bytes) return requests[a].bytes > requests[b].bytes;
    return requests[a].first_step < requests[b].first_step;
  });
  estimate.arena_bytes = PlaceInOrder(requests, order, GapRule::kBestFit).arena_bytes;
  estimate.arena_tensors = static_cast<int>(requests.size());
  return estimate;
}

}  // namespace liteforge::runtime
