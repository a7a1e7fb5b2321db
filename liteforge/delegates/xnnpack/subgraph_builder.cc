// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The value side of SubgraphBuilder: XNNPACK values for liteforge tensors
// (dtype, quantization, static data, external ids), fused activation bounds,
// and the op dispatch. The op families live in subgraph_builder_*.cc.

#include "liteforge/delegates/xnnpack/subgraph_builder.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "liteforge/base/float16.h"

namespace liteforge::delegates::xnnpack {

const char* XnnStatusName(xnn_status status) {
  switch (status) {
    case xnn_status_success:
      return "success";
    case xnn_status_uninitialized:
      return "uninitialized";
    case xnn_status_invalid_parameter:
      return "invalid parameter";
    case xnn_status_invalid_state:
      return "invalid state";
    case xnn_status_unsupported_parameter:
      return "unsupported parameter";
    case xnn_status_unsupported_hardware:
      return "unsupported hardware";
    case xnn_status_out_of_memory:
      return "out of memory";
  }
  return "unknown status";
}

namespace {

int32_t ZeroPoint(const QuantParams& q, size_t i) {
  if (q.zero_point.empty()) return 0;
  return static_cast<int32_t>(q.zero_point[std::min(i, q.zero_point.size() - 1)]);
}

}  // namespace

uint8_t* StaticBuffers::Allocate(size_t bytes) {
  auto buffer = std::unique_ptr<uint8_t[]>(new (std::nothrow) uint8_t[bytes + XNN_EXTRA_BYTES]());
  if (buffer == nullptr) return nullptr;
  buffers_.push_back(std::move(buffer));
  return buffers_.back().get();
}

GraphFacts::GraphFacts(const ir::Graph& graph, int subgraph) : graph_(graph), subgraph_(subgraph) {
  const ir::Subgraph& sg = graph.subgraphs[subgraph];
  producer_.assign(sg.tensors.size(), -1);
  for (int o = 0; o < static_cast<int>(sg.ops.size()); ++o) {
    for (int32_t t : sg.ops[o].outputs) {
      if (t >= 0 && t < static_cast<int32_t>(producer_.size())) producer_[t] = o;
    }
  }
}

bool GraphFacts::IsStatic(int32_t t) const {
  const ir::Subgraph& sg = subgraph();
  if (t < 0 || t >= static_cast<int32_t>(sg.tensors.size())) return false;
  const ir::Tensor& x = sg.tensors[t];
  if (x.is_variable) return false;
  if (x.data.has_value()) return !x.sparsity.has_value();
  const int p = producer_[t];
  if (p < 0) return false;
  const ir::Op& op = sg.ops[p];
  if (op.type != ir::OpType::kDequantize || op.inputs.size() != 1 || op.inputs[0] < 0) return false;
  const ir::Tensor& src = sg.tensors[op.inputs[0]];
  if (!src.is_constant() || src.sparsity.has_value() || x.dtype != DType::kFloat32) return false;
  if (src.shape.NumElements() != x.shape.NumElements()) return false;
  if (src.dtype == DType::kFloat16) return true;
  if (src.dtype != DType::kInt8 && src.dtype != DType::kUInt8) return false;
  const QuantParams& q = src.quant;
  if (q.scale.empty()) return false;
  if (!q.is_per_channel()) return true;
  return q.quantized_dimension >= 0 && q.quantized_dimension < src.shape.rank() &&
         static_cast<int64_t>(q.scale.size()) == src.shape.dim(q.quantized_dimension) &&
         (q.zero_point.empty() || q.zero_point.size() == q.scale.size());
}

const float* GraphFacts::DequantizedData(int32_t t) const {
  if (!IsStatic(t) || subgraph().tensors[t].data.has_value()) return nullptr;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = dequantized_.find(t); it != dequantized_.end()) return it->second.get();
  // What liteforge's DEQUANTIZE computes while folding; XNNPACK wants the
  // float weights before that happens (and whether or not it happens).
  const ir::Subgraph& sg = subgraph();
  const ir::Tensor& src = sg.tensors[sg.ops[producer_[t]].inputs[0]];
  const int64_t n = sg.tensors[t].shape.NumElements();
  const size_t count = static_cast<size_t>(n) + XNN_EXTRA_BYTES / sizeof(float);
  auto values = std::unique_ptr<float[]>(new (std::nothrow) float[count]());
  if (values == nullptr) return nullptr;
  float* out = values.get();
  if (src.dtype == DType::kFloat16) {
    const uint8_t* bytes = src.data->data();
    for (int64_t i = 0; i < n; ++i) {
      uint16_t h;
      std::memcpy(&h, bytes + 2 * i, sizeof(h));
      out[i] = HalfToFloat(h);
    }
  } else {
    const QuantParams& q = src.quant;
    const int axis = q.is_per_channel() ? q.quantized_dimension : 0;
    const int64_t channels = q.is_per_channel() ? src.shape.dim(axis) : 1;
    const int64_t inner = q.is_per_channel() ? src.shape.Product(axis + 1, src.shape.rank()) : 1;
    for (int64_t i = 0; i < n; ++i) {
      const size_t c = static_cast<size_t>((i / inner) % channels);
      const int32_t v = src.dtype == DType::kInt8
                            ? static_cast<int32_t>(src.data->as<int8_t>()[i])
                            : static_cast<int32_t>(src.data->as<uint8_t>()[i]);
      out[i] = q.scale[c] * static_cast<float>(v - ZeroPoint(q, c));
    }
  }
  return (dequantized_[t] = std::move(values)).get();
}

Result<std::unique_ptr<SubgraphBuilder>> SubgraphBuilder::Create(const GraphFacts& facts,
                                                                 std::vector<int32_t> inputs,
                                                                 std::vector<int32_t> outputs,
                                                                 StaticBuffers* buffers) {
  std::unique_ptr<SubgraphBuilder> b(new SubgraphBuilder(facts, buffers));
  const uint32_t num_external = static_cast<uint32_t>(inputs.size() + outputs.size());
  const xnn_status s = xnn_create_subgraph(num_external, 0, &b->subgraph_);
  if (s != xnn_status_success) {
    return Internal("xnn_create_subgraph failed: {}", XnnStatusName(s));
  }
  uint32_t id = 0;
  for (int32_t t : inputs) b->external_[t] = {id++, XNN_VALUE_FLAG_EXTERNAL_INPUT};
  for (int32_t t : outputs) {
    if (b->external_.count(t)) {
      return Internal("{} is both an input and an output of the partition", b->Describe(t));
    }
    b->external_[t] = {id++, XNN_VALUE_FLAG_EXTERNAL_OUTPUT};
  }
  return b;
}

SubgraphBuilder::~SubgraphBuilder() {
  if (subgraph_ != nullptr) xnn_delete_subgraph(subgraph_);
}

std::string SubgraphBuilder::Describe(int32_t t) const {
  return ir::DescribeTensor(facts_.graph(), facts_.subgraph_index(), t);
}

Result<xnn_runtime_t> SubgraphBuilder::CreateRuntime(pthreadpool_t threadpool) {
  xnn_runtime_t runtime = nullptr;
  // Workers sleep once the runtime is done, instead of spinning while
  // liteforge runs the ops between partitions on its own threads.
  const uint32_t flags = threadpool != nullptr ? XNN_FLAG_YIELD_WORKERS : 0;
  const xnn_status s = xnn_create_runtime_v2(subgraph_, threadpool, flags, &runtime);
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK cannot create a runtime for this subgraph: {}", XnnStatusName(s));
  }
  return runtime;
}

Result<std::vector<size_t>> XnnDims(const Shape& shape, const std::string& what) {
  if (shape.rank() > XNN_MAX_TENSOR_DIMS) {
    return Unimplemented("{} has rank {}; XNNPACK takes at most {}", what, shape.rank(),
                         XNN_MAX_TENSOR_DIMS);
  }
  std::vector<size_t> dims;
  for (int d = 0; d < shape.rank(); ++d) {
    if (shape.dim(d) <= 0) return Unimplemented("{} has shape {}", what, shape.ToString());
    dims.push_back(static_cast<size_t>(shape.dim(d)));
  }
  // A scalar is a one-element vector to XNNPACK; broadcasting is unchanged.
  if (dims.empty()) dims.push_back(1);
  return dims;
}

Result<const uint8_t*> SubgraphBuilder::StaticData(int32_t t) {
  const ir::Tensor& x = tensor(t);
  if (x.data.has_value()) return x.data->data();
  if (!facts_.IsStatic(t)) return Internal("{} is not static", Describe(t));
  const float* values = facts_.DequantizedData(t);
  if (values == nullptr) return ResourceExhausted("cannot dequantize {}", Describe(t));
  return reinterpret_cast<const uint8_t*>(values);
}

Result<uint32_t> SubgraphBuilder::Value(int32_t t, TensorRole role) {
  if (auto it = values_.find({t, role}); it != values_.end()) return it->second;
  if (t < 0 || t >= static_cast<int32_t>(facts_.subgraph().tensors.size())) {
    return Internal("tensor index {} is out of range", t);
  }
  const ir::Tensor& x = tensor(t);
  const std::string what = Describe(t);
  LF_ASSIGN_OR_RETURN(std::vector<size_t> dims, XnnDims(x.shape, what));
  if (x.is_variable) return Unimplemented("{} is a variable", what);

  uint32_t external_id = XNN_INVALID_VALUE_ID;
  uint32_t flags = 0;
  const void* data = nullptr;
  const bool is_static = facts_.IsStatic(t);
  if (auto it = external_.find(t); it != external_.end()) {
    if (is_static) return Internal("{} is static but listed as a partition boundary", what);
    external_id = it->second.first;
    flags = it->second.second;
  } else if (is_static) {
    LF_ASSIGN_OR_RETURN(const uint8_t* bytes, StaticData(t));
    data = bytes;
    if (role == TensorRole::kData) {
      // Elementwise kernels read whole vectors: give the operand the slack
      // XNNPACK may read past its end (filters are packed element-wise).
      const size_t size = static_cast<size_t>(x.shape.NumElements()) *
                          (x.data.has_value() ? DTypeSize(x.dtype) : sizeof(float));
      uint8_t* copy = buffers_->Allocate(size);
      if (copy == nullptr) return ResourceExhausted("cannot copy {}", what);
      std::memcpy(copy, bytes, size);
      data = copy;
    }
  } else if (role != TensorRole::kData) {
    return Unimplemented("{} is computed at run time; XNNPACK needs constant weights", what);
  }

  uint32_t id = XNN_INVALID_VALUE_ID;
  xnn_status s = xnn_status_success;
  const QuantParams& q = x.quant;
  // A folded DEQUANTIZE is float whatever its source.
  const DType dtype = x.data.has_value() || !is_static ? x.dtype : DType::kFloat32;
  switch (dtype) {
    case DType::kFloat32:
      s = xnn_define_tensor_value(subgraph_, xnn_datatype_fp32, dims.size(), dims.data(), data,
                                  external_id, flags, &id);
      break;
    case DType::kInt8:
    case DType::kUInt8: {
      if (q.scale.empty())
        return Unimplemented("{} is {} without quantization", what, DTypeName(dtype));
      const bool filter = role == TensorRole::kConvFilter || role == TensorRole::kDepthwiseFilter ||
                          role == TensorRole::kDenseFilter;
      if (q.is_per_channel()) {
        if (!filter || dtype != DType::kInt8) {
          return Unimplemented(
              "{} is quantized per channel; XNNPACK takes that only for int8 filters", what);
        }
        const int axis = role == TensorRole::kDepthwiseFilter ? 3 : 0;
        if (q.quantized_dimension != axis ||
            static_cast<int64_t>(q.scale.size()) != x.shape.dim(axis)) {
          return Unimplemented("{} is quantized along dimension {}; XNNPACK expects {}", what,
                               q.quantized_dimension, axis);
        }
        for (size_t c = 0; c < q.scale.size(); ++c) {
          if (ZeroPoint(q, c) != 0) return Unimplemented("{} has non-zero zero points", what);
        }
        // XNNPACK keeps the scale pointer: give it memory of our own.
        auto* scales = reinterpret_cast<float*>(buffers_->Allocate(q.scale.size() * sizeof(float)));
        if (scales == nullptr) return ResourceExhausted("cannot copy the scales of {}", what);
        std::copy(q.scale.begin(), q.scale.end(), scales);
        s = xnn_define_channelwise_quantized_tensor_value(subgraph_, xnn_datatype_qcint8, scales,
                                                          dims.size(), axis, dims.data(), data,
                                                          external_id, flags, &id);
      } else {
        const int32_t zp = ZeroPoint(q, 0);
        s = xnn_define_quantized_tensor_value(
            subgraph_, dtype == DType::kInt8 ? xnn_datatype_qint8 : xnn_datatype_quint8, zp,
            q.scale[0], dims.size(), dims.data(), data, external_id, flags, &id);
      }
      break;
    }
    case DType::kInt32: {
      if (role != TensorRole::kBias || data == nullptr || q.scale.empty()) {
        return Unimplemented("{} is int32; XNNPACK takes int32 only as a quantized bias", what);
      }
      for (size_t c = 0; c < q.scale.size(); ++c) {
        if (ZeroPoint(q, c) != 0) return Unimplemented("{} has non-zero zero points", what);
      }
      if (q.is_per_channel()) {
        auto* scales = reinterpret_cast<float*>(buffers_->Allocate(q.scale.size() * sizeof(float)));
        if (scales == nullptr) return ResourceExhausted("cannot copy the scales of {}", what);
        std::copy(q.scale.begin(), q.scale.end(), scales);
        s = xnn_define_channelwise_quantized_tensor_value(subgraph_, xnn_datatype_qcint32, scales,
                                                          dims.size(), 0, dims.data(), data,
                                                          external_id, flags, &id);
      } else {
        s = xnn_define_quantized_tensor_value(subgraph_, xnn_datatype_qint32, 0, q.scale[0],
                                              dims.size(), dims.data(), data, external_id, flags,
                                              &id);
      }
      break;
    }
    default:
      return Unimplemented("{} is {}; XNNPACK takes float32, int8 and uint8", what,
                           DTypeName(dtype));
  }
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected {}: {}", what, XnnStatusName(s));
  }
  values_[{t, role}] = id;
  return id;
}

Result<uint32_t> SubgraphBuilder::InternalValueLike(int32_t t, const std::vector<size_t>& dims) {
  const ir::Tensor& x = tensor(t);
  uint32_t id = XNN_INVALID_VALUE_ID;
  xnn_status s;
  if (x.dtype == DType::kFloat32) {
    s = xnn_define_tensor_value(subgraph_, xnn_datatype_fp32, dims.size(), dims.data(), nullptr,
                                XNN_INVALID_VALUE_ID, 0, &id);
  } else if ((x.dtype == DType::kInt8 || x.dtype == DType::kUInt8) && x.quant.scale.size() == 1) {
    s = xnn_define_quantized_tensor_value(
        subgraph_, x.dtype == DType::kInt8 ? xnn_datatype_qint8 : xnn_datatype_quint8,
        ZeroPoint(x.quant, 0), x.quant.scale[0], dims.size(), dims.data(), nullptr,
        XNN_INVALID_VALUE_ID, 0, &id);
  } else {
    return Unimplemented("{} is {}; XNNPACK takes float32, int8 and uint8", Describe(t),
                         DTypeName(x.dtype));
  }
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected a value like {}: {}", Describe(t), XnnStatusName(s));
  }
  return id;
}

Result<uint32_t> SubgraphBuilder::ZeroBias(int32_t input, int32_t filter, int channels) {
  const ir::Tensor& in = tensor(input);
  const ir::Tensor& f = tensor(filter);
  const size_t dims[1] = {static_cast<size_t>(channels)};
  uint32_t id = XNN_INVALID_VALUE_ID;
  xnn_status s;
  uint8_t* zeros = buffers_->Allocate(static_cast<size_t>(channels) * 4);
  if (zeros == nullptr) return ResourceExhausted("cannot allocate a zero bias");
  if (in.dtype == DType::kFloat32) {
    s = xnn_define_tensor_value(subgraph_, xnn_datatype_fp32, 1, dims, zeros, XNN_INVALID_VALUE_ID,
                                0, &id);
  } else {
    if (in.quant.scale.empty() || f.quant.scale.empty()) {
      return Unimplemented("{} or {} lacks quantization", Describe(input), Describe(filter));
    }
    const float in_scale = in.quant.scale[0];
    if (f.quant.is_per_channel()) {
      auto* scales =
          reinterpret_cast<float*>(buffers_->Allocate(f.quant.scale.size() * sizeof(float)));
      if (scales == nullptr) return ResourceExhausted("cannot allocate bias scales");
      for (size_t c = 0; c < f.quant.scale.size(); ++c) scales[c] = in_scale * f.quant.scale[c];
      s = xnn_define_channelwise_quantized_tensor_value(
          subgraph_, xnn_datatype_qcint32, scales, 1, 0, dims, zeros, XNN_INVALID_VALUE_ID, 0, &id);
    } else {
      s = xnn_define_quantized_tensor_value(subgraph_, xnn_datatype_qint32, 0,
                                            in_scale * f.quant.scale[0], 1, dims, zeros,
                                            XNN_INVALID_VALUE_ID, 0, &id);
    }
  }
  if (s != xnn_status_success) {
    return Unimplemented("XNNPACK rejected a zero bias for {}: {}", Describe(filter),
                         XnnStatusName(s));
  }
  return id;
}

Result<std::pair<float, float>> SubgraphBuilder::ClampBounds(float lo, float hi,
                                                             int32_t output) const {
  const ir::Tensor& out = tensor(output);
  if (out.dtype == DType::kFloat32) return std::make_pair(lo, hi);
  if (!IsQuantized8(output)) {
    return Unimplemented("{} is {}; XNNPACK clamps float32, int8 and uint8", Describe(output),
                         DTypeName(out.dtype));
  }
  const float scale = out.quant.scale[0];
  const int32_t zp = ZeroPoint(out.quant, 0);
  const int32_t qmin = out.dtype == DType::kInt8 ? -128 : 0;
  const int32_t qmax = out.dtype == DType::kInt8 ? 127 : 255;
  // TFLite quantizes the bounds with round-half-away; XNNPACK quantizes
  // what we pass with round-half-even. Passing exact multiples of the scale
  // makes both land on the same integers.
  int32_t q_lo = qmin, q_hi = qmax;
  if (std::isfinite(lo)) q_lo = std::max(qmin, zp + static_cast<int32_t>(std::round(lo / scale)));
  if (std::isfinite(hi)) q_hi = std::min(qmax, zp + static_cast<int32_t>(std::round(hi / scale)));
  if (q_lo >= q_hi)
    return Unimplemented("{}: the activation leaves a single value", Describe(output));
  return std::make_pair(static_cast<float>(q_lo - zp) * scale,
                        static_cast<float>(q_hi - zp) * scale);
}

Result<std::pair<float, float>> SubgraphBuilder::ActivationBounds(ir::Activation activation,
                                                                  int32_t output) const {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  switch (activation) {
    case ir::Activation::kNone:
      return ClampBounds(-kInf, kInf, output);
    case ir::Activation::kRelu:
      return ClampBounds(0.f, kInf, output);
    case ir::Activation::kReluN1To1:
      return ClampBounds(-1.f, 1.f, output);
    case ir::Activation::kRelu6:
      return ClampBounds(0.f, 6.f, output);
    default:
      return Unimplemented("fused activation {} has no XNNPACK equivalent",
                           ir::ActivationName(activation));
  }
}

Result<std::vector<int64_t>> SubgraphBuilder::ConstantInts(int32_t t) const {
  if (t < 0) return Unimplemented("a constant input is omitted");
  const ir::Tensor& x = tensor(t);
  if (!x.is_constant() || x.sparsity.has_value()) {
    return Unimplemented("{} is computed at run time; XNNPACK needs it constant", Describe(t));
  }
  const int64_t n = x.shape.NumElements();
  const size_t width = x.dtype == DType::kInt32 ? 4 : x.dtype == DType::kInt64 ? 8 : 0;
  if (width == 0 || x.data->size() < static_cast<size_t>(n) * width) {
    return Unimplemented("{} is {}, expected int32 or int64", Describe(t), DTypeName(x.dtype));
  }
  std::vector<int64_t> values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    if (width == 4) {
      int32_t v;
      std::memcpy(&v, x.data->data() + 4 * i, 4);
      values[i] = v;
    } else {
      std::memcpy(&values[i], x.data->data() + 8 * i, 8);
    }
  }
  return values;
}

bool SubgraphBuilder::IsQuantized8(int32_t t) const {
  const ir::Tensor& x = tensor(t);
  return (x.dtype == DType::kInt8 || x.dtype == DType::kUInt8) && x.quant.scale.size() == 1;
}

Status SubgraphBuilder::ExpectCounts(const ir::Op& op, int min_inputs, int max_inputs,
                                     int outputs) const {
  const int n = static_cast<int>(op.inputs.size());
  if (n < min_inputs || n > max_inputs || static_cast<int>(op.outputs.size()) != outputs) {
    return Unimplemented("{} has {} inputs and {} outputs", op.DisplayName(), n, op.outputs.size());
  }
  for (int i = 0; i < min_inputs; ++i) {
    if (op.inputs[i] < 0) return Unimplemented("{} omits input {}", op.DisplayName(), i);
  }
  return Status::Ok();
}

Status SubgraphBuilder::ExpectDynamic(int32_t t) const {
  if (facts_.IsStatic(t)) {
    return Unimplemented("{} is constant where XNNPACK expects an activation", Describe(t));
  }
  return Status::Ok();
}

Status SubgraphBuilder::ExpectSameQuant(int32_t a, int32_t b) const {
  const ir::Tensor& x = tensor(a);
  const ir::Tensor& y = tensor(b);
  if (x.dtype != y.dtype) {
    return Unimplemented("{} is {} but {} is {}", Describe(a), DTypeName(x.dtype), Describe(b),
                         DTypeName(y.dtype));
  }
  if (x.dtype == DType::kFloat32) return Status::Ok();
  if (!IsQuantized8(a) || !IsQuantized8(b)) {
    return Unimplemented("{} and {} must be per-tensor int8 or uint8", Describe(a), Describe(b));
  }
  if (x.quant.scale[0] != y.quant.scale[0] || ZeroPoint(x.quant, 0) != ZeroPoint(y.quant, 0)) {
    return Unimplemented("{} and {} are quantized differently; XNNPACK does not requantize here",
                         Describe(a), Describe(b));
  }
  return Status::Ok();
}

Status SubgraphBuilder::DefineOp(int op_index) {
  const ir::Subgraph& sg = facts_.subgraph();
  if (op_index < 0 || op_index >= static_cast<int>(sg.ops.size())) {
    return Internal("op index {} is out of range", op_index);
  }
  const ir::Op& op = sg.ops[op_index];
  for (int32_t t : op.outputs) {
    if (t < 0 || facts_.IsStatic(t) || tensor(t).is_variable) {
      return Unimplemented("{} writes a constant or variable tensor", op.DisplayName());
    }
  }
  for (int32_t t : op.inputs) {
    if (t >= 0 && tensor(t).is_variable) {
      return Unimplemented("{} reads variable {}", op.DisplayName(), Describe(t));
    }
  }
  switch (op.type) {
    case ir::OpType::kConv2D:
      return DefineConv2D(op);
    case ir::OpType::kDepthwiseConv2D:
      return DefineDepthwiseConv2D(op);
    case ir::OpType::kFullyConnected:
      return DefineFullyConnected(op);
    case ir::OpType::kTransposeConv:
      return DefineTransposeConv(op);
    case ir::OpType::kAveragePool2D:
    case ir::OpType::kMaxPool2D:
      return DefinePool2D(op);
    case ir::OpType::kMean:
      return DefineMean(op);
    case ir::OpType::kAdd:
    case ir::OpType::kSub:
    case ir::OpType::kMul:
    case ir::OpType::kDiv:
    case ir::OpType::kMaximum:
    case ir::OpType::kMinimum:
    case ir::OpType::kSquaredDifference:
      return DefineBinary(op);
    case ir::OpType::kHardSwish:
    case ir::OpType::kLogistic:
    case ir::OpType::kAbs:
    case ir::OpType::kNeg:
    case ir::OpType::kFloor:
    case ir::OpType::kCeil:
    case ir::OpType::kSquare:
    case ir::OpType::kSqrt:
    case ir::OpType::kElu:
    case ir::OpType::kLeakyRelu:
      return DefineUnary(op);
    case ir::OpType::kRelu:
    case ir::OpType::kRelu6:
    case ir::OpType::kReluN1To1:
    case ir::OpType::kRelu0To1:
      return DefineClampOp(op);
    case ir::OpType::kSoftmax:
      return DefineSoftmax(op);
    case ir::OpType::kReshape:
    case ir::OpType::kSqueeze:
    case ir::OpType::kExpandDims:
      return DefineReshapeLike(op);
    case ir::OpType::kPad:
    case ir::OpType::kPadV2:
      return DefinePad(op);
    case ir::OpType::kResizeBilinear:
      return DefineResizeBilinear(op);
    case ir::OpType::kDepthToSpace:
      return DefineDepthToSpace(op);
    case ir::OpType::kQuantize:
    case ir::OpType::kDequantize:
      return DefineConvert(op);
    case ir::OpType::kPrelu:
      return DefinePrelu(op);
    case ir::OpType::kCustom:
      if (op.custom_code == "Convolution2DTransposeBias") return DefineTransposeConv(op);
      break;
    default:
      break;
  }
  return Unimplemented("{} has no XNNPACK translation", op.DisplayName());
}

}  // namespace liteforge::delegates::xnnpack
