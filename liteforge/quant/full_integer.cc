// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Full-integer quantization of the main subgraph (int8 activations, or int16
// activations with int8 weights).
//
// Every float32 activation has a "primary" tensor, the one its producer
// writes (or the graph input), in float32 or in the integer type. Consumers
// that need it in another form get a "view": a tensor written by a QUANTIZE
// (float -> int, or int -> int with other parameters) or DEQUANTIZE op
// inserted just before the first consumer that asks, and shared by later
// ones. Which form and which parameters an op needs follows from its row in
// op_quant_rules.h alone:
//   - an op with an integer kernel reads integer views of its inputs, each
//     with the tensor's own parameters (or the output's, for ops whose
//     inputs must share it), and writes integer outputs whose parameters come
//     from the calibrated range, a fixed value, or its input;
//   - any other op reads float32 views and writes float32.
// Graph inputs and outputs keep the boundary types the options ask for; an
// output whose producer writes another form gets a final conversion op.

#include <algorithm>
#include <cmath>
#include <map>

#include "liteforge/quant/float_model.h"
#include "liteforge/quant/op_quant_rules.h"
#include "liteforge/quant/quant_passes.h"
#include "liteforge/quant/tensor_quantization.h"

namespace liteforge::quant {
namespace {

bool HasIntegerKernel(const OpQuantRule& rule, DType act) {
  return rule.output != OutputRule::kFloatOnly && (act == DType::kInt8 ? rule.int8 : rule.int16);
}

std::string NoKernelReason(DType act) {
  return fmt::format("no {} kernel", act == DType::kInt8 ? "int8" : "int16x8");
}

// How a tensor's values are stored: float32, or an integer type with
// per-tensor parameters.
struct Repr {
  DType dtype = DType::kFloat32;
  QuantParams quant;
  bool operator==(const Repr& o) const {
    return dtype == o.dtype && (dtype == DType::kFloat32 || quant == o.quant);
  }
};

struct TensorState {
  bool is_activation = false;  // float32, not constant
  int32_t primary = -1;
  Repr primary_repr;
  std::optional<QuantParams> natural;  // its integer parameters
  std::vector<std::pair<Repr, int32_t>> views;
};

class FullIntegerPass {
 public:
  FullIntegerPass(ir::Graph& graph, const std::vector<std::optional<Range>>& ranges,
                  const QuantizeOptions& options, QuantizeReport& report)
      : graph_(graph),
        sg_(graph.subgraphs[0]),
        ranges_(ranges),
        options_(options),
        report_(report),
        act_(options.mode == QuantMode::kInt16x8 ? DType::kInt16 : DType::kInt8) {}

  Status Run() {
    const size_t n = sg_.tensors.size();
    state_.resize(n);
    is_output_.assign(n, false);
    for (int32_t t : sg_.outputs) is_output_[static_cast<size_t>(t)] = true;
    for (size_t t = 0; t < n; ++t) {
      const ir::Tensor& tensor = sg_.tensors[t];
      TensorState& st = state_[t];
      // Variables (recurrent state) belong to their op and keep their type.
      st.is_activation =
          tensor.dtype == DType::kFloat32 && !tensor.data.has_value() && !tensor.is_variable;
      st.primary = static_cast<int32_t>(t);
      if (st.is_activation && t < ranges_.size() && ranges_[t]) {
        st.natural = ActivationParams(*ranges_[t], act_);
      }
    }
    LF_RETURN_IF_ERROR(SetUpInputs());
    for (size_t i = 0; i < sg_.ops.size(); ++i) {
      op_names_.push_back(ir::DescribeOp(graph_, 0, static_cast<int>(i)));
    }
    std::vector<ir::Op> ops = std::move(sg_.ops);
    for (size_t i = 0; i < ops.size(); ++i) {
      op_index_ = static_cast<int>(i);
      LF_ASSIGN_OR_RETURN(bool integer, Quantizable(ops[i]));
      if (integer) {
        LF_RETURN_IF_ERROR(EmitInteger(std::move(ops[i])));
        ++report_.ops_quantized;
      } else {
        LF_RETURN_IF_ERROR(EmitFloat(std::move(ops[i])));
      }
    }
    LF_RETURN_IF_ERROR(FinishOutputs());
    sg_.ops = std::move(new_ops_);
    PruneUnusedTensors(graph_, 0);
    return Status::Ok();
  }

 private:
  // Names are taken before the ops move out of the subgraph.
  const std::string& OpName() const { return op_names_[static_cast<size_t>(op_index_)]; }
  std::string TensorName(int32_t t) const { return ir::DescribeTensor(graph_, 0, t); }

  Repr IntRepr(const QuantParams& q) const { return Repr{act_, q}; }

  // The boundary form of a graph input or output for `type`.
  Result<Repr> BoundaryRepr(int32_t t, DType type) const {
    if (type == DType::kFloat32) return Repr{};
    const TensorState& st = state_[static_cast<size_t>(t)];
    if (!st.natural) {
      return FailedPrecondition("{} cannot be {}: calibration never reached it", TensorName(t),
                                DTypeName(type));
    }
    if (type == DType::kUInt8) return Repr{DType::kUInt8, ToUint8Params(*st.natural)};
    return IntRepr(*st.natural);
  }

  Status SetUpInputs() {
    for (int32_t t : sg_.inputs) {
      TensorState& st = state_[static_cast<size_t>(t)];
      if (!st.is_activation) continue;
      LF_ASSIGN_OR_RETURN(Repr r, BoundaryRepr(t, options_.input_type));
      ApplyRepr(t, r);
      st.primary_repr = r;
    }
    return Status::Ok();
  }

  void ApplyRepr(int32_t t, const Repr& r) {
    ir::Tensor& tensor = sg_.tensors[static_cast<size_t>(t)];
    tensor.dtype = r.dtype;
    tensor.quant = r.dtype == DType::kFloat32 ? QuantParams{} : r.quant;
  }

  int32_t NewTensorLike(int32_t t, const std::string& suffix, const Repr& r) {
    const ir::Tensor& src = sg_.tensors[static_cast<size_t>(t)];
    ir::Tensor nt;
    nt.name = src.name + suffix;
    nt.shape = src.shape;
    nt.shape_signature = src.shape_signature;
    nt.has_rank = src.has_rank;
    nt.dtype = r.dtype;
    if (r.dtype != DType::kFloat32) nt.quant = r.quant;
    sg_.tensors.push_back(std::move(nt));
    return static_cast<int32_t>(sg_.tensors.size() - 1);
  }

  int32_t NewConstant(const ir::Tensor& like, DType dtype, QuantizedData q) {
    ir::Tensor nt;
    nt.name = like.name;
    nt.shape = like.shape;
    nt.shape_signature = like.shape_signature;
    nt.has_rank = like.has_rank;
    nt.dtype = dtype;
    nt.quant = std::move(q.quant);
    nt.data = std::move(q.data);
    sg_.tensors.push_back(std::move(nt));
    return static_cast<int32_t>(sg_.tensors.size() - 1);
  }

  // A conversion op from `from` into `to` (form `tr`): QUANTIZE into an
  // integer form (from float, or requantizing), DEQUANTIZE into float32.
  void EmitConversion(int32_t from, int32_t to, const Repr& tr) {
    ir::Op op;
    op.type = tr.dtype == DType::kFloat32 ? ir::OpType::kDequantize : ir::OpType::kQuantize;
    op.inputs = {from};
    op.outputs = {to};
    op.version = ConverterOpVersion(sg_, op).value_or(1);
    new_ops_.push_back(std::move(op));
  }

  // The tensor holding activation `t` in form `r`, converting on first use.
  int32_t View(int32_t t, const Repr& r) {
    TensorState& st = state_[static_cast<size_t>(t)];
    if (st.primary_repr == r) return st.primary;
    for (const auto& [vr, idx] : st.views) {
      if (vr == r) return idx;
    }
    std::string suffix = "_dequantized";
    if (r.dtype != DType::kFloat32) {
      suffix = st.primary_repr.dtype == DType::kFloat32 ? std::string("_") + std::string(DTypeName(r.dtype))
                                                        : "_requantized";
    }
    const int32_t primary = st.primary;
    const int32_t v = NewTensorLike(t, suffix, r);
    EmitConversion(primary, v, r);
    state_.resize(sg_.tensors.size());
    state_[static_cast<size_t>(t)].views.emplace_back(r, v);
    return v;
  }

  // Whether `op` runs with an integer kernel; fails under --strict for an
  // op that would stay float.
  Result<bool> Quantizable(const ir::Op& op) {
    const OpQuantRule& rule = RuleFor(op);
    bool has_float_activation = false;
    bool has_activation_input = false;
    std::string reason;
    for (size_t j = 0; j < op.inputs.size(); ++j) {
      const int32_t t = op.inputs[j];
      if (t < 0 || static_cast<size_t>(t) >= state_.size()) continue;
      const ir::Tensor& tensor = sg_.tensors[static_cast<size_t>(t)];
      if (state_[static_cast<size_t>(t)].is_activation) {
        has_float_activation = true;
        has_activation_input = true;
        if (!state_[static_cast<size_t>(t)].natural && reason.empty()) {
          reason = fmt::format("its input '{}' was never reached by calibration", tensor.name);
        }
        if (static_cast<int>(j) == rule.weights_input && rule.constant_weights && reason.empty()) {
          reason = "its weights are not constant";
        }
      } else if (tensor.dtype == DType::kFloat32 && tensor.is_variable && reason.empty()) {
        // A float32 state the integer kernel would have to hold as integers.
        reason = "it has float32 state";
      }
    }
    for (int32_t t : op.outputs) {
      if (t < 0) continue;
      const TensorState& st = state_[static_cast<size_t>(t)];
      if (!st.is_activation) continue;
      has_float_activation = true;
      if (!st.natural && rule.output == OutputRule::kRequantize && reason.empty()) {
        reason = fmt::format("its output '{}' was never reached by calibration",
                             sg_.tensors[static_cast<size_t>(t)].name);
      }
    }
    // Nothing to quantize (integer ops), or an op of constants only, whose
    // float32 result is quantized where an integer op reads it.
    if (!has_float_activation || !has_activation_input) return false;
    const bool kernel = HasIntegerKernel(rule, act_);
    if (kernel && reason.empty()) return true;
    if (!kernel) reason = NoKernelReason(act_);
    if (options_.strict) {
      return FailedPrecondition("{}: {}; --strict forbids float ops (drop --strict to keep it "
                                "float32)",
                                OpName(), reason);
    }
    report_.warnings.push_back(fmt::format("{} left float32: {}", OpName(), reason));
    ++report_.ops_float;
    return false;
  }

  // The first float activation input: what kSameAsInput outputs follow.
  int FirstActivationInput(const ir::Op& op) const {
    for (size_t j = 0; j < op.inputs.size(); ++j) {
      const int32_t t = op.inputs[j];
      if (t >= 0 && state_[static_cast<size_t>(t)].is_activation) return static_cast<int>(j);
    }
    return -1;
  }

  // Integer parameters for a constant input quantized on its own.
  QuantParams ConstantParams(std::span<const float> values) const {
    Range r{0.f, 0.f};
    for (float v : values) {
      if (!std::isfinite(v)) continue;
      r.lo = std::min(r.lo, v);
      r.hi = std::max(r.hi, v);
    }
    return ActivationParams(r, act_);
  }

  // Lower bounds on the weight scales of `op` from its constant bias.
  std::vector<float> MinScalesForBias(const ir::Op& op, const ir::Tensor& weights,
                                      const OpQuantRule& rule, std::optional<float> input_scale) const {
    if (rule.bias_input < 0 || static_cast<size_t>(rule.bias_input) >= op.inputs.size() ||
        op.inputs[static_cast<size_t>(rule.bias_input)] < 0 || !input_scale) {
      return {};
    }
    const ir::Tensor& bias = sg_.tensors[static_cast<size_t>(op.inputs[static_cast<size_t>(rule.bias_input)])];
    if (bias.dtype != DType::kFloat32 || !bias.is_constant()) return {};
    const size_t channels = rule.channel_axis >= 0 && rule.channel_axis < weights.shape.rank()
                                ? static_cast<size_t>(weights.shape.dim(rule.channel_axis))
                                : 1;
    std::span<const float> b = FloatValues(bias);
    if (channels == 1) {
      float m = 0.f;
      for (float v : b) m = std::max(m, std::fabs(v));
      return MinWeightScalesForBias(std::span<const float>(&m, 1), *input_scale,
                                    act_ == DType::kInt16 ? DType::kInt64 : DType::kInt32, 1);
    }
    return MinWeightScalesForBias(b, *input_scale, act_ == DType::kInt16 ? DType::kInt64 : DType::kInt32,
                                  channels);
  }

  Status EmitInteger(ir::Op op) {
    const OpQuantRule& rule = RuleFor(op);
    const bool shares = rule.inputs_share_output || rule.output == OutputRule::kSameAsInput;
    // Output parameters first where inputs must follow them.
    std::optional<QuantParams> shared;
    if (rule.inputs_share_output) {
      for (int32_t t : op.outputs) {
        if (t >= 0 && state_[static_cast<size_t>(t)].natural) {
          shared = *state_[static_cast<size_t>(t)].natural;
          break;
        }
      }
    } else if (rule.output == OutputRule::kSameAsInput) {
      const int j = FirstActivationInput(op);
      if (j >= 0) shared = *state_[static_cast<size_t>(op.inputs[static_cast<size_t>(j)])].natural;
    }

    std::vector<float> weight_scales;
    std::optional<float> input_scale;
    std::vector<int32_t> inputs = op.inputs;
    for (size_t j = 0; j < inputs.size(); ++j) {
      const int32_t t = inputs[j];
      if (t < 0) continue;
      const ir::Tensor& tensor = sg_.tensors[static_cast<size_t>(t)];
      if (state_[static_cast<size_t>(t)].is_activation) {
        const QuantParams q = shared && rule.inputs_share_output ? *shared
                                                                 : *state_[static_cast<size_t>(t)].natural;
        inputs[j] = View(t, IntRepr(q));
        if (!input_scale) input_scale = q.scale0();
        continue;
      }
      if (tensor.dtype != DType::kFloat32 || !tensor.is_constant()) continue;
      const std::span<const float> values = FloatValues(tensor);
      if (static_cast<int>(j) == rule.weights_input) {
        QuantizedData q = QuantizeWeights(values, tensor.shape, rule.channel_axis,
                                          MinScalesForBias(op, tensor, rule, input_scale));
        weight_scales = q.quant.scale;
        inputs[j] = NewConstant(tensor, DType::kInt8, std::move(q));
      } else if (static_cast<int>(j) == rule.bias_input) {
        continue;  // needs the input and weight scales: below
      } else {
        const QuantParams q = shares && shared ? *shared : ConstantParams(values);
        QuantizedData d{QuantizeValues(values, q, act_), q};
        inputs[j] = NewConstant(tensor, act_, std::move(d));
        if (!input_scale) input_scale = q.scale0();
      }
    }
    if (rule.bias_input >= 0 && static_cast<size_t>(rule.bias_input) < inputs.size() &&
        inputs[static_cast<size_t>(rule.bias_input)] >= 0) {
      const int32_t t = inputs[static_cast<size_t>(rule.bias_input)];
      const ir::Tensor& tensor = sg_.tensors[static_cast<size_t>(t)];
      if (tensor.dtype == DType::kFloat32 && tensor.is_constant()) {
        if (!input_scale || weight_scales.empty()) {
          return Internal("{}: bias without input or weight scales", OpName());
        }
        const DType bias_type = act_ == DType::kInt16 ? DType::kInt64 : DType::kInt32;
        QuantizedData q = QuantizeBias(FloatValues(tensor), *input_scale, weight_scales, bias_type);
        if (q.quant.scale.size() > 1) q.quant.quantized_dimension = 0;
        inputs[static_cast<size_t>(rule.bias_input)] = NewConstant(tensor, bias_type, std::move(q));
      }
    }
    op.inputs = std::move(inputs);

    for (int32_t& o : op.outputs) {
      if (o < 0 || !state_[static_cast<size_t>(o)].is_activation) continue;
      QuantParams q;
      switch (rule.output) {
        case OutputRule::kFixed: {
          const FixedQuant f = act_ == DType::kInt16 ? rule.fixed_int16 : rule.fixed_int8;
          q.scale = {f.scale};
          q.zero_point = {f.zero_point};
          break;
        }
        case OutputRule::kSameAsInput:
          q = *shared;
          break;
        default:
          q = *state_[static_cast<size_t>(o)].natural;
          break;
      }
      LF_RETURN_IF_ERROR(SetPrimary(o, IntRepr(q)));
      o = state_[static_cast<size_t>(o)].primary;
    }
    if (act_ == DType::kInt16) {
      // int16 ADD / SUB with calibrated (not power-of-two) scales.
      if (auto* f = std::get_if<ir::FusedActivationOptions>(&op.options)) f->pot_scale_int16 = false;
    }
    if (auto v = ConverterOpVersion(sg_, op)) op.version = std::max(op.version, *v);
    new_ops_.push_back(std::move(op));
    return Status::Ok();
  }

  Status EmitFloat(ir::Op op) {
    for (int32_t& t : op.inputs) {
      if (t >= 0 && static_cast<size_t>(t) < state_.size() && state_[static_cast<size_t>(t)].is_activation) {
        t = View(t, Repr{});
      }
    }
    for (int32_t& o : op.outputs) {
      if (o < 0 || !state_[static_cast<size_t>(o)].is_activation) continue;
      LF_RETURN_IF_ERROR(SetPrimary(o, Repr{}));
      o = state_[static_cast<size_t>(o)].primary;
    }
    new_ops_.push_back(std::move(op));
    return Status::Ok();
  }

  // Records that activation `t` is produced in form `r`; an output whose
  // boundary form differs is produced into a new tensor and converted at
  // the end.
  Status SetPrimary(int32_t t, const Repr& r) {
    if (r.dtype != DType::kFloat32) state_[static_cast<size_t>(t)].natural = r.quant;
    if (is_output_[static_cast<size_t>(t)]) {
      LF_ASSIGN_OR_RETURN(Repr boundary, BoundaryRepr(t, options_.output_type));
      if (!(boundary == r)) {
        const int32_t p = NewTensorLike(t, r.dtype == DType::kFloat32 ? "_float" : "_quantized", r);
        state_.resize(sg_.tensors.size());
        TensorState& st = state_[static_cast<size_t>(t)];
        st.primary = p;
        st.primary_repr = r;
        pending_outputs_.emplace_back(t, boundary);
        return Status::Ok();
      }
    }
    ApplyRepr(t, r);
    state_[static_cast<size_t>(t)].primary_repr = r;
    return Status::Ok();
  }

  Status FinishOutputs() {
    for (const auto& [t, boundary] : pending_outputs_) {
      TensorState& st = state_[static_cast<size_t>(t)];
      ApplyRepr(t, boundary);
      EmitConversion(st.primary, t, boundary);
    }
    return Status::Ok();
  }

  ir::Graph& graph_;
  ir::Subgraph& sg_;
  const std::vector<std::optional<Range>>& ranges_;
  const QuantizeOptions& options_;
  QuantizeReport& report_;
  const DType act_;
  std::vector<TensorState> state_;
  std::vector<bool> is_output_;
  std::vector<ir::Op> new_ops_;
  std::vector<std::pair<int32_t, Repr>> pending_outputs_;
  std::vector<std::string> op_names_;
  int op_index_ = 0;
};

}  // namespace

Status CheckIntegerKernels(const ir::Graph& graph, const QuantizeOptions& options) {
  if (!options.strict) return Status::Ok();
  const DType act = options.mode == QuantMode::kInt16x8 ? DType::kInt16 : DType::kInt8;
  const ir::Subgraph& sg = graph.subgraphs[0];
  for (size_t i = 0; i < sg.ops.size(); ++i) {
    const ir::Op& op = sg.ops[i];
    bool reads_activation = false;
    for (int32_t t : op.inputs) {
      if (t < 0) continue;
      const ir::Tensor& tensor = sg.tensors[static_cast<size_t>(t)];
      reads_activation = reads_activation || (tensor.dtype == DType::kFloat32 && !tensor.data);
    }
    if (reads_activation && !HasIntegerKernel(RuleFor(op), act)) {
      return FailedPrecondition("{}: {}; --strict forbids float ops (drop --strict to keep it "
                                "float32)",
                                ir::DescribeOp(graph, 0, static_cast<int>(i)), NoKernelReason(act));
    }
  }
  return Status::Ok();
}

Status QuantizeFullInteger(ir::Graph& graph, const std::vector<std::optional<Range>>& ranges,
                           const QuantizeOptions& options, QuantizeReport& report) {
  return FullIntegerPass(graph, ranges, options, report).Run();
}

}  // namespace liteforge::quant
