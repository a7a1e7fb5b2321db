// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Translates liteforge ops into an XNNPACK subgraph (xnn_subgraph_t): one
// XNNPACK value per tensor, one or two XNNPACK nodes per op. The same code
// answers "can XNNPACK run this op?" (the delegate builds a one-op subgraph
// and asks XNNPACK to create a runtime for it) and builds the subgraph of a
// whole partition, so what is claimed is exactly what is built.
//
// Layouts line up without copies: TFLite's conv filters are OHWI and
// depthwise filters 1HWO, which is what XNNPACK's convolution and
// depthwise-convolution nodes expect; activations are NHWC in both.

#pragma once

#include <xnnpack.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "liteforge/base/status.h"
#include "liteforge/ir/graph.h"

namespace liteforge::delegates::xnnpack {

// Bytes XNNPACK keeps pointers to for the life of a runtime (weights
// converted from float16, padded copies of constant operands, per-channel
// scale arrays). Every buffer has XNN_EXTRA_BYTES of zeroed slack after it,
// because XNNPACK's vector loads may read that far past a tensor's end.
class StaticBuffers {
 public:
  // Zeroed; null only when the allocation fails.
  uint8_t* Allocate(size_t bytes);

 private:
  std::vector<std::unique_ptr<uint8_t[]>> buffers_;
};

// Facts about one subgraph of the model that every builder needs: which op
// produces each tensor and which tensors are static (known before running).
class GraphFacts {
 public:
  GraphFacts(const ir::Graph& graph, int subgraph);

  const ir::Graph& graph() const { return graph_; }
  int subgraph_index() const { return subgraph_; }
  const ir::Subgraph& subgraph() const { return graph_.subgraphs[subgraph_]; }
  // The op writing tensor t, or -1 (inputs, constants).
  int producer(int32_t t) const { return producer_[t]; }
  // A dense constant, or the float output of a DEQUANTIZE of one (float16
  // or int8 weights): liteforge folds those while planning and XNNPACK
  // wants them as static values it can pack.
  bool IsStatic(int32_t t) const;
  // The float values of a static DEQUANTIZE output, converted once and
  // kept (with XNN_EXTRA_BYTES of slack) for every subgraph built from
  // these facts; null when t is not one or memory runs out.
  const float* DequantizedData(int32_t t) const;

 private:
  const ir::Graph& graph_;
  int subgraph_;
  std::vector<int> producer_;
  mutable std::mutex mu_;
  mutable std::map<int32_t, std::unique_ptr<float[]>> dequantized_;
};

// How an op reads a tensor; decides how a static tensor is declared.
enum class TensorRole {
  kData,             // an activation, or a constant elementwise operand
  kConvFilter,       // OHWI, per-channel axis 0
  kDepthwiseFilter,  // 1HWO, per-channel axis 3
  kDenseFilter,      // [O, I] of FULLY_CONNECTED, per-channel axis 0
  kBias,             // int32 bias: per-channel when the filter is
};

class SubgraphBuilder {
 public:
  // `inputs` and `outputs` are the tensors that cross the subgraph's
  // boundary; their external ids are their positions in inputs ++ outputs.
  // Every other non-static tensor is internal to XNNPACK. `buffers` must
  // outlive any runtime created from the subgraph.
  static Result<std::unique_ptr<SubgraphBuilder>> Create(const GraphFacts& facts,
                                                         std::vector<int32_t> inputs,
                                                         std::vector<int32_t> outputs,
                                                         StaticBuffers* buffers);
  ~SubgraphBuilder();
  SubgraphBuilder(const SubgraphBuilder&) = delete;
  SubgraphBuilder& operator=(const SubgraphBuilder&) = delete;

  // Adds op `op_index` of the subgraph. Unimplemented when XNNPACK (this
  // version) or this translation cannot run it; nothing is added then, or
  // the builder must be discarded.
  Status DefineOp(int op_index);

  // Creates a runtime from what was defined; the builder keeps the subgraph
  // and deletes it on destruction (a runtime does not need it afterwards).
  Result<xnn_runtime_t> CreateRuntime(pthreadpool_t threadpool);

 private:
  SubgraphBuilder(const GraphFacts& facts, StaticBuffers* buffers)
      : facts_(facts), buffers_(buffers) {}

  const ir::Tensor& tensor(int32_t t) const { return facts_.subgraph().tensors[t]; }
  std::string Describe(int32_t t) const;

  // The XNNPACK value for tensor t read in `role`, defined on first use.
  Result<uint32_t> Value(int32_t t, TensorRole role = TensorRole::kData);
  // A value of `t`'s dtype and quantization but with `dims`, internal; for
  // ops XNNPACK needs in two steps (MEAN without keep_dims).
  Result<uint32_t> InternalValueLike(int32_t t, const std::vector<size_t>& dims);
  // The static bytes of t (float for a folded DEQUANTIZE).
  Result<const uint8_t*> StaticData(int32_t t);
  // A zero bias for filter `filter` with `channels` outputs.
  Result<uint32_t> ZeroBias(int32_t input, int32_t filter, int channels);

  // Fused activation bounds in real units; for a quantized output the
  // bounds are exact multiples of its scale so XNNPACK's rounding lands on
  // the same integers as TFLite's.
  Result<std::pair<float, float>> ActivationBounds(ir::Activation activation, int32_t output) const;
  // The same for explicit real bounds [lo, hi] (standalone RELU ops).
  Result<std::pair<float, float>> ClampBounds(float lo, float hi, int32_t output) const;

  // One function per family of ops (subgraph_builder_*.cc).
  Status DefineConv2D(const ir::Op& op);
  Status DefineDepthwiseConv2D(const ir::Op& op);
  Status DefineFullyConnected(const ir::Op& op);
  Status DefineTransposeConv(const ir::Op& op);
  Status DefinePool2D(const ir::Op& op);
  Status DefineMean(const ir::Op& op);
  Status DefineBinary(const ir::Op& op);
  Status DefineUnary(const ir::Op& op);
  Status DefineClampOp(const ir::Op& op);
  Status DefineSoftmax(const ir::Op& op);
  Status DefineReshapeLike(const ir::Op& op);
  Status DefinePad(const ir::Op& op);
  Status DefineResizeBilinear(const ir::Op& op);
  Status DefineDepthToSpace(const ir::Op& op);
  Status DefineConvert(const ir::Op& op);
  Status DefinePrelu(const ir::Op& op);

  // Shared checks.
  Status ExpectCounts(const ir::Op& op, int min_inputs, int max_inputs, int outputs) const;
  Status ExpectDynamic(int32_t t) const;  // not static: an activation
  Status ExpectSameQuant(int32_t a, int32_t b) const;
  // float32 x float32, int8 x int8 (+ int32 bias) or uint8 x uint8.
  Status ExpectWeightedDTypes(int32_t input, int32_t filter, int32_t bias, int32_t output) const;
  Status ExpectStaticWeights(int32_t filter, int32_t bias) const;
  // The values of a static int32/int64 tensor (axes, paddings, sizes).
  Result<std::vector<int64_t>> ConstantInts(int32_t t) const;
  bool IsQuantized8(int32_t t) const;

  const GraphFacts& facts_;
  StaticBuffers* buffers_;
  xnn_subgraph_t subgraph_ = nullptr;
  std::map<int32_t, std::pair<uint32_t, uint32_t>> external_;  // tensor -> (id, flags)
  std::map<std::pair<int32_t, TensorRole>, uint32_t> values_;
};

// XNNPACK's dims for a shape (a scalar becomes [1]); Unimplemented for
// empty tensors and ranks above XNN_MAX_TENSOR_DIMS. `what` names the
// tensor in the message.
Result<std::vector<size_t>> XnnDims(const Shape& shape, const std::string& what);

// "unsupported parameter" and friends, for messages.
const char* XnnStatusName(xnn_status status);

}  // namespace liteforge::delegates::xnnpack
