// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// UNIDIRECTIONAL_SEQUENCE_LSTM: an LSTM run over a whole sequence, keeping
// its output state and cell state in two variable tensors between invokes.
//
// Inputs (20 or 24; optional ones may be omitted):
//   0 input [batch, time, input] ([time, batch, input] when time_major)
//   1-4   input_to_{input,forget,cell,output} weights [cell, input] (1 optional: CIFG)
//   5-8   recurrent_to_{input,forget,cell,output} weights [cell, output] (5 optional)
//   9-11  cell_to_{input,forget,output} peephole weights [cell] (optional)
//   12-15 {input,forget,cell,output} gate bias [cell] (12 optional: CIFG)
//   16    projection weights [output, cell], 17 projection bias [output] (optional)
//   18    output state [batch, output], 19 cell state [batch, cell] (variables)
//   20-23 {input,forget,cell,output} layer norm coefficients [cell] (optional)
// Output [.., .., output]: the output state after every step.
//
// Supported as TFLite's builtin kernel computes them:
//   float32 everywhere (the float path of lstm_eval);
//   int8 input/weights/output state, int16 cell state (power-of-two scale),
//   int32 biases, int16 peephole and layer norm weights: the "8x8_16"
//   integer LSTM, with the gate scales taken from the op's five intermediate
//   tensors (used only with layer norm; 2^-12 otherwise) and the hidden scale
//   from intermediate 4.
//   hybrid: float32 input, states, biases and layer norm with int8 weights
//     (input-to-gate, recurrent, peephole and projection; one scale per
//     tensor), the activations quantized per batch row on the fly,
//     asymmetrically when asymmetric_quantize_inputs is set (TFLite's
//     versions 2 and 3).

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "liteforge/kernels/lstm/lstm_variants.h"
#include "liteforge/kernels/lstm/reference.h"
#include "liteforge/kernels/quant_math.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

using kernels::kGateCell;
using kernels::kGateForget;
using kernels::kGateInput;
using kernels::kGateOutput;
using kernels::RecurrentActivation;

constexpr int kInput = 0;
constexpr int kInputWeights = 1;      // + gate
constexpr int kRecurrentWeights = 5;  // + gate
constexpr int kBias = 12;             // + gate
constexpr int kProjectionWeights = 16;
constexpr int kProjectionBias = 17;
constexpr int kOutputState = 18;
constexpr int kCellState = 19;
constexpr int kLayerNorm = 20;  // + gate

constexpr const char* kGateNames[4] = {"input", "forget", "cell", "output"};

// Peephole input index per gate (the cell gate has none).
int PeepholeIndex(int gate) {
  switch (gate) {
    case kGateInput:
      return 9;
    case kGateForget:
      return 10;
    case kGateOutput:
      return 11;
    default:
      return -1;
  }
}

std::string Role(std::string_view prefix, int gate, std::string_view suffix) {
  return fmt::format("{}{}{}", prefix, kGateNames[gate], suffix);
}

RecurrentActivation ToRecurrentActivation(ir::Activation a) {
  switch (a) {
    case ir::Activation::kNone:
      return RecurrentActivation::kNone;
    case ir::Activation::kRelu:
      return RecurrentActivation::kRelu;
    case ir::Activation::kReluN1To1:
      return RecurrentActivation::kReluN1To1;
    case ir::Activation::kRelu6:
      return RecurrentActivation::kRelu6;
    case ir::Activation::kTanh:
      return RecurrentActivation::kTanh;
    case ir::Activation::kSignBit:
      return RecurrentActivation::kSignBit;
  }
  return RecurrentActivation::kNone;
}

Status ExpectVariable(const PrepareContext& ctx, const TensorView& t, std::string_view role) {
  const auto& tensors = ctx.subgraph().tensors;
  if (t.index < 0 || static_cast<size_t>(t.index) >= tensors.size() ||
      !tensors[static_cast<size_t>(t.index)].is_variable) {
    return InvalidArgument("{} must be a variable tensor (the op keeps its state there)",
                           Describe(t, role));
  }
  return Status::Ok();
}

Status ExpectDims(const TensorView& t, std::string_view role, std::initializer_list<int32_t> dims) {
  const Shape expected(dims);
  if (t.shape != expected) {
    return InvalidArgument("{} has shape {}, expected {}", Describe(t, role), t.shape.ToString(),
                           expected.ToString());
  }
  return Status::Ok();
}

// TFLite's CheckedLog2: the nearest integer log2 of `x`, when x is a power of
// two to within 1e-3 in the exponent.
bool PowerOfTwoExponent(float x, int* log2) {
  const float l = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(l);
  *log2 = static_cast<int>(rounded);
  return std::abs(l - rounded) < 1e-3f;
}

// The op's input views (null where omitted), taken from a PrepareContext
// (constants only have data there) or an EvalContext.
struct LstmInputs {
  const TensorView* views[24] = {};
  int count = 0;
  const TensorView* operator()(int i) const { return i < count ? views[i] : nullptr; }
  template <typename Context>
  static LstmInputs Of(const Context& ctx) {
    LstmInputs in;
    in.count = std::min(ctx.num_inputs(), 24);
    for (int i = 0; i < in.count; ++i) in.views[i] = ctx.input(i);
    return in;
  }
};

// The tensors of one op, looked up and shape-checked once.
struct LstmTensors {
  const TensorView* input = nullptr;
  const TensorView* input_weights[4] = {};
  const TensorView* recurrent_weights[4] = {};
  const TensorView* peephole[4] = {};
  const TensorView* bias[4] = {};
  const TensorView* layer_norm[4] = {};
  const TensorView* projection_weights = nullptr;
  const TensorView* projection_bias = nullptr;
  const TensorView* output_state = nullptr;
  const TensorView* cell_state = nullptr;
  bool cifg = false;
  bool peephole_used = false;
  bool layer_norm_used = false;
};

class UnidirectionalSequenceLstm final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    const auto& opts = ctx.options<ir::SequenceLstmOptions>();
    if (ctx.num_inputs() != 20 && ctx.num_inputs() != 24) {
      return InvalidArgument("expects 20 or 24 inputs, got {}", ctx.num_inputs());
    }
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    if (!(opts.cell_clip >= 0.f) || !(opts.proj_clip >= 0.f)) {
      return InvalidArgument("cell_clip {} and proj_clip {} must be >= 0", opts.cell_clip,
                             opts.proj_clip);
    }
    if (opts.diagonal_recurrent_tensors) {
      return Unimplemented(
          "diagonal recurrent weights (diagonal_recurrent_tensors) are not supported");
    }
    LstmTensors t;
    LF_RETURN_IF_ERROR(CollectAndCheck(ctx, opts, t));
    time_major_ = opts.time_major;

    const TensorView& output = ctx.output(0);
    const Shape& in_shape = t.input->shape;
    LF_RETURN_IF_ERROR(
        ctx.SetOutputShape(0, Shape({in_shape.dim(0), in_shape.dim(1), dims_.n_output})));

    const DType weight_type = t.input_weights[kGateOutput]->dtype;
    if (t.input->dtype == DType::kFloat32 && weight_type == DType::kFloat32) {
      return PrepareFloat(ctx, t, output, opts);
    }
    if (t.input->dtype == DType::kFloat32 && weight_type == DType::kInt8) {
      return PrepareHybrid(ctx, t, output, opts);
    }
    if (t.input->dtype == DType::kFloat32) {
      return Unimplemented("hybrid LSTM (float32 input, {} {}) is not supported",
                           DTypeName(weight_type),
                           Describe(*t.input_weights[kGateOutput], "input_to_output_weights"));
    }
    if (t.input->dtype == DType::kInt8) return PrepareInt8(ctx, t, output, opts);
    if (t.input->dtype == DType::kInt16) {
      return Unimplemented("{}: the int16 (16x8) LSTM is not supported",
                           Describe(*t.input, "input"));
    }
    return ExpectDTypeIn(*t.input, "input", {DType::kFloat32, DType::kInt8});
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& input = *ctx.input(kInput);
    TensorView& output = ctx.output(0);
    // The states are variables: the op writes them through the views.
    uint8_t* output_state = ctx.input(kOutputState)->data;
    uint8_t* cell_state = ctx.input(kCellState)->data;
    const int64_t seq = time_major_ ? input.shape.dim(0) : input.shape.dim(1);
    const int64_t batches = dims_.n_batch;
    if (is_hybrid_) {
      kernels::LstmHybridParams p = hybrid_params_;
      BindHybrid(LstmInputs::Of(ctx), p);
      uint8_t* scratch = ctx.scratch(scratch_);
      Walk<float, float>(input.data_as<float>(), reinterpret_cast<float*>(output_state),
                         reinterpret_cast<float*>(cell_state), output.data_as<float>(), seq,
                         batches,
                         [&](const kernels::LstmDims& d, const float* x, float* h, float* c) {
                           kernels::f32_qs8w_lstm_step_hybrid(d, p, hybrid_stages_, x, h, c,
                                                              scratch);
                         });
    } else if (is_float_) {
      kernels::LstmF32Params p = float_params_;
      BindFloat(LstmInputs::Of(ctx), p);
      auto* scratch = reinterpret_cast<float*>(ctx.scratch(scratch_));
      Walk<float, float>(input.data_as<float>(), reinterpret_cast<float*>(output_state),
                         reinterpret_cast<float*>(cell_state), output.data_as<float>(), seq,
                         batches,
                         [&](const kernels::LstmDims& d, const float* x, float* h, float* c) {
                           kernels::f32_lstm_step(d, p, float_stages_, x, h, c, scratch);
                         });
    } else {
      kernels::LstmQs8Params p = int_params_;
      BindInt8(LstmInputs::Of(ctx), p);
      auto* scratch = reinterpret_cast<int16_t*>(ctx.scratch(scratch_));
      Walk<int8_t, int16_t>(
          input.data_as<int8_t>(), reinterpret_cast<int8_t*>(output_state),
          reinterpret_cast<int16_t*>(cell_state), output.data_as<int8_t>(), seq, batches,
          [&](const kernels::LstmDims& d, const int8_t* x, int8_t* h, int16_t* c) {
            kernels::qs8_lstm_step(d, p, int_stages_, x, h, c, scratch);
          });
    }
    return Status::Ok();
  }

  bool HasSideEffects() const override { return true; }

 private:
  // Runs `step` over the sequence. Time-major input steps all batches at
  // once; batch-major input runs each batch's sequence on its own (as TFLite
  // does), with that batch's rows of the states.
  template <typename T, typename C, typename Step>
  void Walk(const T* input, T* output_state, C* cell_state, T* output, int64_t seq, int64_t batches,
            Step step) const {
    const int64_t in_w = dims_.n_input;
    const int64_t out_w = dims_.n_output;
    if (time_major_) {
      for (int64_t s = 0; s < seq; ++s) {
        step(dims_, input + s * batches * in_w, output_state, cell_state);
        std::copy(output_state, output_state + batches * out_w, output + s * batches * out_w);
      }
      return;
    }
    kernels::LstmDims one = dims_;
    one.n_batch = 1;
    for (int64_t b = 0; b < batches; ++b) {
      T* h = output_state + b * out_w;
      C* c = cell_state + b * dims_.n_cell;
      for (int64_t s = 0; s < seq; ++s) {
        step(one, input + (b * seq + s) * in_w, h, c);
        std::copy(h, h + out_w, output + (b * seq + s) * out_w);
      }
    }
  }

  Status CollectAndCheck(const PrepareContext& ctx, const ir::SequenceLstmOptions& opts,
                         LstmTensors& t) {
    LF_ASSIGN_OR_RETURN(t.input, RequiredInput(ctx, kInput, "input"));
    LF_RETURN_IF_ERROR(ExpectRank(*t.input, "input", 3));
    for (int g = kGateForget; g <= kGateOutput; ++g) {
      LF_ASSIGN_OR_RETURN(t.input_weights[g],
                          RequiredInput(ctx, kInputWeights + g, Role("input_to_", g, "_weights")));
      LF_ASSIGN_OR_RETURN(
          t.recurrent_weights[g],
          RequiredInput(ctx, kRecurrentWeights + g, Role("recurrent_to_", g, "_weights")));
      LF_ASSIGN_OR_RETURN(t.bias[g], RequiredInput(ctx, kBias + g, Role("", g, "_gate_bias")));
    }
    t.input_weights[kGateInput] = ctx.input(kInputWeights);
    t.recurrent_weights[kGateInput] = ctx.input(kRecurrentWeights);
    t.bias[kGateInput] = ctx.input(kBias);
    t.cifg = t.input_weights[kGateInput] == nullptr;
    if (t.cifg != (t.recurrent_weights[kGateInput] == nullptr)) {
      return InvalidArgument(
          "input_to_input_weights and recurrent_to_input_weights must be both present or both "
          "omitted (CIFG)");
    }
    if (t.cifg && t.bias[kGateInput] != nullptr) {
      return InvalidArgument("{} must be omitted in a CIFG LSTM (no input_to_input_weights)",
                             Describe(*t.bias[kGateInput], "input_gate_bias"));
    }
    if (!t.cifg && t.bias[kGateInput] == nullptr) {
      return InvalidArgument(
          "input_gate_bias (input 12) is required when the input gate has weights");
    }
    for (int g : {kGateInput, kGateForget, kGateOutput})
      t.peephole[g] = ctx.input(PeepholeIndex(g));
    t.peephole_used = t.peephole[kGateOutput] != nullptr;
    const bool no_peephole = t.peephole[kGateForget] == nullptr &&
                             t.peephole[kGateOutput] == nullptr &&
                             t.peephole[kGateInput] == nullptr;
    const bool full_peephole = t.peephole[kGateForget] != nullptr &&
                               t.peephole[kGateOutput] != nullptr &&
                               (t.cifg || t.peephole[kGateInput] != nullptr);
    const bool peephole_consistent = no_peephole || full_peephole;
    if (!peephole_consistent) {
      return InvalidArgument(
          "peephole weights (cell_to_input/forget/output, inputs 9-11) must be all present or all "
          "omitted");
    }
    t.projection_weights = ctx.input(kProjectionWeights);
    t.projection_bias = ctx.input(kProjectionBias);
    if (t.projection_weights == nullptr && t.projection_bias != nullptr) {
      return InvalidArgument("{} is given without projection_weights",
                             Describe(*t.projection_bias, "projection_bias"));
    }
    LF_ASSIGN_OR_RETURN(t.output_state, RequiredInput(ctx, kOutputState, "output_state"));
    LF_ASSIGN_OR_RETURN(t.cell_state, RequiredInput(ctx, kCellState, "cell_state"));
    LF_RETURN_IF_ERROR(ExpectVariable(ctx, *t.output_state, "output_state"));
    LF_RETURN_IF_ERROR(ExpectVariable(ctx, *t.cell_state, "cell_state"));
    for (int g = 0; g < 4; ++g) t.layer_norm[g] = ctx.input(kLayerNorm + g);
    t.layer_norm_used = t.layer_norm[kGateForget] != nullptr;
    if (t.layer_norm_used) {
      for (int g = kGateForget; g <= kGateOutput; ++g) {
        if (t.layer_norm[g] == nullptr) {
          return InvalidArgument(
              "{}_layer_norm_coefficients (input {}) is required with layer norm", kGateNames[g],
              kLayerNorm + g);
        }
      }
      if (t.cifg != (t.layer_norm[kGateInput] == nullptr)) {
        return InvalidArgument(
            "input_layer_norm_coefficients must be given exactly when the input gate exists");
      }
    } else {
      t.layer_norm[kGateInput] = t.layer_norm[kGateCell] = t.layer_norm[kGateOutput] = nullptr;
    }

    // Sizes.
    const Shape& s = t.input->shape;
    dims_.n_batch = opts.time_major ? s.dim(1) : s.dim(0);
    dims_.n_input = s.dim(2);
    const TensorView& iow = *t.input_weights[kGateOutput];
    LF_RETURN_IF_ERROR(ExpectRank(iow, "input_to_output_weights", 2));
    dims_.n_cell = iow.shape.dim(0);
    const TensorView& row = *t.recurrent_weights[kGateOutput];
    LF_RETURN_IF_ERROR(ExpectRank(row, "recurrent_to_output_weights", 2));
    dims_.n_output = row.shape.dim(1);
    const int32_t nc = dims_.n_cell;
    for (int g = 0; g < 4; ++g) {
      if (t.input_weights[g] != nullptr) {
        LF_RETURN_IF_ERROR(
            ExpectDims(*t.input_weights[g], Role("input_to_", g, "_weights"), {nc, dims_.n_input}));
      }
      if (t.recurrent_weights[g] != nullptr) {
        LF_RETURN_IF_ERROR(ExpectDims(*t.recurrent_weights[g], Role("recurrent_to_", g, "_weights"),
                                      {nc, dims_.n_output}));
      }
      if (t.bias[g] != nullptr) {
        LF_RETURN_IF_ERROR(ExpectDims(*t.bias[g], Role("", g, "_gate_bias"), {nc}));
      }
      if (t.peephole[g] != nullptr) {
        LF_RETURN_IF_ERROR(ExpectDims(*t.peephole[g], Role("cell_to_", g, "_weights"), {nc}));
      }
      if (t.layer_norm[g] != nullptr) {
        LF_RETURN_IF_ERROR(
            ExpectDims(*t.layer_norm[g], Role("", g, "_layer_norm_coefficients"), {nc}));
      }
    }
    if (t.projection_weights != nullptr) {
      LF_RETURN_IF_ERROR(
          ExpectDims(*t.projection_weights, "projection_weights", {dims_.n_output, nc}));
    } else if (dims_.n_output != nc) {
      return InvalidArgument(
          "without projection the output size ({}, from recurrent_to_output_weights) must equal "
          "the cell count ({})",
          dims_.n_output, nc);
    }
    if (t.projection_bias != nullptr) {
      LF_RETURN_IF_ERROR(ExpectDims(*t.projection_bias, "projection_bias", {dims_.n_output}));
    }
    if (t.output_state->num_elements() != int64_t{dims_.n_batch} * dims_.n_output) {
      return InvalidArgument(
          "{} has shape {}, expected {} elements (batch {} x output {})",
          Describe(*t.output_state, "output_state"), t.output_state->shape.ToString(),
          int64_t{dims_.n_batch} * dims_.n_output, dims_.n_batch, dims_.n_output);
    }
    if (t.cell_state->num_elements() != int64_t{dims_.n_batch} * nc) {
      return InvalidArgument("{} has shape {}, expected {} elements (batch {} x cell {})",
                             Describe(*t.cell_state, "cell_state"), t.cell_state->shape.ToString(),
                             int64_t{dims_.n_batch} * nc, dims_.n_batch, nc);
    }
    return Status::Ok();
  }

  // Every tensor but input, states and output must have `dtype`.
  // `peephole` defaults to `diagonal` (the layer norm's type).
  static Status ExpectParameterDTypes(const LstmTensors& t, DType weights, DType bias,
                                      DType diagonal, std::optional<DType> peephole = {}) {
    for (int g = 0; g < 4; ++g) {
      if (t.input_weights[g] != nullptr) {
        LF_RETURN_IF_ERROR(
            ExpectDType(*t.input_weights[g], Role("input_to_", g, "_weights"), weights));
      }
      if (t.recurrent_weights[g] != nullptr) {
        LF_RETURN_IF_ERROR(
            ExpectDType(*t.recurrent_weights[g], Role("recurrent_to_", g, "_weights"), weights));
      }
      if (t.bias[g] != nullptr) {
        LF_RETURN_IF_ERROR(ExpectDType(*t.bias[g], Role("", g, "_gate_bias"), bias));
      }
      if (t.peephole[g] != nullptr) {
        LF_RETURN_IF_ERROR(ExpectDType(*t.peephole[g], Role("cell_to_", g, "_weights"),
                                       peephole.value_or(diagonal)));
      }
      if (t.layer_norm[g] != nullptr) {
        LF_RETURN_IF_ERROR(
            ExpectDType(*t.layer_norm[g], Role("", g, "_layer_norm_coefficients"), diagonal));
      }
    }
    if (t.projection_weights != nullptr) {
      LF_RETURN_IF_ERROR(ExpectDType(*t.projection_weights, "projection_weights", weights));
    }
    if (t.projection_bias != nullptr) {
      LF_RETURN_IF_ERROR(ExpectDType(*t.projection_bias, "projection_bias", bias));
    }
    return Status::Ok();
  }

  Status PrepareFloat(PrepareContext& ctx, const LstmTensors& t, const TensorView& output,
                      const ir::SequenceLstmOptions& opts) {
    LF_RETURN_IF_ERROR(ExpectParameterDTypes(t, DType::kFloat32, DType::kFloat32, DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(*t.output_state, "output_state", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(*t.cell_state, "cell_state", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kFloat32));
    is_float_ = true;
    is_hybrid_ = false;
    has_layer_norm_ = t.layer_norm_used;
    float_params_ = {};
    float_params_.activation = ToRecurrentActivation(opts.activation);
    float_params_.cell_clip = opts.cell_clip;
    float_params_.proj_clip = opts.proj_clip;
    kernels::LstmDims step = StepDims();
    scratch_ = ctx.RequestScratch(
        static_cast<size_t>(std::max<int64_t>(1, kernels::F32LstmStagedScratchElements(step))) *
        sizeof(float));
    float_stages_ = {};
    if (const kernels::LstmVariant* v = kernels::SelectLstm(ctx.max_isa()); v != nullptr) {
      float_stages_.sigmoid = v->f32_sigmoid;
      float_stages_.tanh = v->f32_tanh;
      // The products are packed only when every weight and bias is a
      // constant (the views then hold their data already).
      kernels::LstmF32Params bound = float_params_;
      BindFloat(LstmInputs::Of(ctx), bound);
      bool constant = true;
      for (int g = t.cifg ? kGateForget : kGateInput; g <= kGateOutput; ++g) {
        const kernels::LstmF32Gate& q = bound.gates[g];
        constant = constant && q.input_weights != nullptr && q.recurrent_weights != nullptr &&
                   q.bias != nullptr;
      }
      if (constant) {
        const size_t bytes = kernels::LstmF32StagesBytes(*v, dims_);
        uint8_t* memory = ctx.AllocatePersistent(bytes);
        if (memory == nullptr) {
          return ResourceExhausted("cannot allocate {} bytes for packed LSTM weights", bytes);
        }
        kernels::PrepareLstmF32Stages(*v, dims_, bound, memory, &float_stages_);
      }
    }
    return Status::Ok();
  }

  // Weight and bias pointers are bound per invoke from the views (constant
  // data never moves, but the views are the source of truth).
  void BindFloat(const LstmInputs& in, kernels::LstmF32Params& p) const {
    auto data = [&](int i) -> const float* {
      const TensorView* v = in(i);
      return v != nullptr ? v->data_as<float>() : nullptr;
    };
    for (int g = 0; g < 4; ++g) {
      p.gates[g].input_weights = data(kInputWeights + g);
      p.gates[g].recurrent_weights = data(kRecurrentWeights + g);
      p.gates[g].bias = data(kBias + g);
      p.gates[g].peephole = PeepholeIndex(g) >= 0 ? data(PeepholeIndex(g)) : nullptr;
      p.gates[g].layer_norm =
          has_layer_norm_ && kLayerNorm + g < in.count ? data(kLayerNorm + g) : nullptr;
    }
    p.projection_weights = data(kProjectionWeights);
    p.projection_bias = data(kProjectionBias);
  }

  Status PrepareHybrid(PrepareContext& ctx, const LstmTensors& t, const TensorView& output,
                       const ir::SequenceLstmOptions& opts) {
    LF_RETURN_IF_ERROR(ExpectParameterDTypes(t, DType::kInt8, DType::kFloat32, DType::kFloat32,
                                             /*peephole=*/DType::kInt8));
    LF_RETURN_IF_ERROR(ExpectDType(*t.output_state, "output_state", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(*t.cell_state, "cell_state", DType::kFloat32));
    LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kFloat32));
    kernels::LstmHybridParams& p = hybrid_params_;
    p = {};
    p.activation = ToRecurrentActivation(opts.activation);
    p.cell_clip = opts.cell_clip;
    p.proj_clip = opts.proj_clip;
    p.asymmetric_inputs = opts.asymmetric_quantize_inputs;
    // Weights: symmetric int8, one scale each; constant, so their row sums
    // (the zero-point correction) and the dequantized peepholes are
    // computed once here.
    auto weights = [&](const TensorView* w, const std::string& role, int32_t rows, int32_t cols,
                       std::vector<int32_t>& sums) -> Result<kernels::LstmHybridWeights> {
      kernels::LstmHybridWeights hw;
      if (w == nullptr) return hw;
      LF_RETURN_IF_ERROR(ExpectQuantized(*w, role));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*w, role));
      LF_RETURN_IF_ERROR(ExpectConstant(*w, role));
      if (w->zero_point() != 0) {
        return InvalidArgument("{} has zero point {}; hybrid LSTM weights are symmetric",
                               Describe(*w, role), w->zero_point());
      }
      hw.scale = w->scale();
      sums.resize(static_cast<size_t>(rows));
      kernels::HybridLstmRowSums(w->data_as<int8_t>(), rows, cols, sums.data());
      return hw;
    };
    for (int g = 0; g < 4; ++g) {
      LF_ASSIGN_OR_RETURN(p.gates[g].input_weights,
                          weights(t.input_weights[g], Role("input_to_", g, "_weights"),
                                  dims_.n_cell, dims_.n_input, input_row_sums_[g]));
      LF_ASSIGN_OR_RETURN(p.gates[g].recurrent_weights,
                          weights(t.recurrent_weights[g], Role("recurrent_to_", g, "_weights"),
                                  dims_.n_cell, dims_.n_output, recurrent_row_sums_[g]));
      peephole_[g].clear();
      if (const TensorView* pv = t.peephole[g]; pv != nullptr) {
        const std::string role = Role("cell_to_", g, "_weights");
        LF_RETURN_IF_ERROR(ExpectQuantized(*pv, role));
        LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*pv, role));
        LF_RETURN_IF_ERROR(ExpectConstant(*pv, role));
        // TFLite recovers float peephole weights as q * scale.
        for (int32_t i = 0; i < dims_.n_cell; ++i) {
          peephole_[g].push_back(static_cast<float>(pv->data_as<int8_t>()[i]) * pv->scale());
        }
      }
    }
    LF_ASSIGN_OR_RETURN(p.projection_weights,
                        weights(t.projection_weights, "projection_weights", dims_.n_output,
                                dims_.n_cell, projection_row_sums_));
    is_float_ = false;
    is_hybrid_ = true;
    has_layer_norm_ = t.layer_norm_used;
    scratch_ = ctx.RequestScratch(static_cast<size_t>(
        std::max<int64_t>(64, kernels::HybridLstmStagedScratchBytes(StepDims()))));
    hybrid_stages_ = {};
    if (const kernels::LstmVariant* v = kernels::SelectLstm(ctx.max_isa()); v != nullptr) {
      // The weights are constants (checked above): pack them now.
      kernels::LstmHybridParams bound = p;
      BindHybrid(LstmInputs::Of(ctx), bound);
      const size_t bytes = kernels::LstmHybridStagesBytes(*v, dims_);
      uint8_t* memory = ctx.AllocatePersistent(bytes);
      if (memory == nullptr) {
        return ResourceExhausted("cannot allocate {} bytes for packed LSTM weights", bytes);
      }
      kernels::PrepareLstmHybridStages(*v, dims_, bound, memory, &hybrid_stages_);
    }
    return Status::Ok();
  }

  void BindHybrid(const LstmInputs& data, kernels::LstmHybridParams& p) const {
    auto bind = [](kernels::LstmHybridWeights& w, const TensorView* v,
                   const std::vector<int32_t>& sums) {
      w.data = v != nullptr ? v->data_as<int8_t>() : nullptr;
      w.row_sums = sums.data();
    };
    for (int g = 0; g < 4; ++g) {
      kernels::LstmHybridGate& q = p.gates[g];
      bind(q.input_weights, data(kInputWeights + g), input_row_sums_[g]);
      bind(q.recurrent_weights, data(kRecurrentWeights + g), recurrent_row_sums_[g]);
      const TensorView* b = data(kBias + g);
      q.bias = b != nullptr ? b->data_as<float>() : nullptr;
      q.peephole = peephole_[g].empty() ? nullptr : peephole_[g].data();
      q.layer_norm = has_layer_norm_ && kLayerNorm + g < data.count
                         ? data(kLayerNorm + g)->data_as<float>()
                         : nullptr;
    }
    bind(p.projection_weights, data(kProjectionWeights), projection_row_sums_);
    const TensorView* pb = data(kProjectionBias);
    p.projection_bias = pb != nullptr ? pb->data_as<float>() : nullptr;
  }

  Status PrepareInt8(PrepareContext& ctx, const LstmTensors& t, const TensorView& output,
                     const ir::SequenceLstmOptions& opts) {
    LF_RETURN_IF_ERROR(ExpectParameterDTypes(t, DType::kInt8, DType::kInt32, DType::kInt16));
    LF_RETURN_IF_ERROR(ExpectDType(*t.output_state, "output_state", DType::kInt8));
    LF_RETURN_IF_ERROR(ExpectDType(*t.cell_state, "cell_state", DType::kInt16));
    LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kInt8));
    // Every quantized tensor the arithmetic reads a scale from.
    std::vector<std::pair<const TensorView*, std::string>> scaled = {
        {t.input, "input"},
        {t.output_state, "output_state"},
        {t.cell_state, "cell_state"},
        {&output, "output"}};
    for (int g = 0; g < 4; ++g) {
      if (t.input_weights[g] != nullptr) {
        scaled.emplace_back(t.input_weights[g], Role("input_to_", g, "_weights"));
        scaled.emplace_back(t.recurrent_weights[g], Role("recurrent_to_", g, "_weights"));
      }
      if (t.peephole[g] != nullptr)
        scaled.emplace_back(t.peephole[g], Role("cell_to_", g, "_weights"));
      if (t.layer_norm[g] != nullptr) {
        scaled.emplace_back(t.layer_norm[g], Role("", g, "_layer_norm_coefficients"));
      }
    }
    if (t.projection_weights != nullptr)
      scaled.emplace_back(t.projection_weights, "projection_weights");
    for (const auto& [v, role] : scaled) {
      LF_RETURN_IF_ERROR(ExpectQuantized(*v, role));
      LF_RETURN_IF_ERROR(ExpectPerTensorQuant(*v, role));
    }
    // Row sums are folded into biases here: the weights must be constants.
    for (int g = 0; g < 4; ++g) {
      if (t.input_weights[g] == nullptr) continue;
      LF_RETURN_IF_ERROR(ExpectConstant(*t.input_weights[g], Role("input_to_", g, "_weights")));
      LF_RETURN_IF_ERROR(
          ExpectConstant(*t.recurrent_weights[g], Role("recurrent_to_", g, "_weights")));
      LF_RETURN_IF_ERROR(ExpectConstant(*t.bias[g], Role("", g, "_gate_bias")));
    }
    if (t.projection_weights != nullptr) {
      LF_RETURN_IF_ERROR(ExpectConstant(*t.projection_weights, "projection_weights"));
      if (t.projection_bias != nullptr) {
        LF_RETURN_IF_ERROR(ExpectConstant(*t.projection_bias, "projection_bias"));
      }
    }

    // Intermediates: 0-3 the gate matmul scales (layer norm only), 4 the hidden.
    const int n_intermediates = static_cast<int>(ctx.op().intermediates.size());
    if (n_intermediates != 5) {
      return InvalidArgument(
          "the integer LSTM needs 5 intermediate tensors (gate and hidden scales), the op has {}",
          n_intermediates);
    }
    float gate_scale[4];
    for (int g = 0; g < 4; ++g) {
      gate_scale[g] = 0x1p-12f;  // Q3.12, what the gate activations expect
      if (!t.layer_norm_used) continue;
      const TensorView* im = ctx.intermediate(g);
      if (im == nullptr || im->quant == nullptr || im->quant->scale.empty()) {
        return InvalidArgument("intermediate {} ({} gate) has no quantization scale", g,
                               kGateNames[g]);
      }
      gate_scale[g] = im->scale();
    }
    const TensorView* hidden = ctx.intermediate(4);
    if (hidden == nullptr || hidden->quant == nullptr || hidden->quant->scale.empty()) {
      return InvalidArgument("intermediate 4 (the hidden state) has no quantization scale");
    }
    const float hidden_scale = hidden->scale();
    const int32_t hidden_zp = hidden->zero_point();

    int cell_log2 = 0;
    if (!PowerOfTwoExponent(t.cell_state->scale(), &cell_log2)) {
      return Unimplemented("{} has scale {}, the integer LSTM needs a power of two",
                           Describe(*t.cell_state, "cell_state"), t.cell_state->scale());
    }
    // tanh(c) reads c with 15 + log2 integer bits; TFLite handles 0..6.
    if (cell_log2 < -15 || cell_log2 > -9) {
      return Unimplemented("{} has scale 2^{}, the integer LSTM supports 2^-15 .. 2^-9",
                           Describe(*t.cell_state, "cell_state"), cell_log2);
    }

    kernels::LstmQs8Params& p = int_params_;
    p = {};
    p.cell_scale_log2 = cell_log2;
    if (opts.cell_clip > 0.f) {
      p.cell_clip = static_cast<int16_t>(
          std::min(std::max(opts.cell_clip / t.cell_state->scale(), -32768.0f), 32767.0f));
    }
    if (opts.proj_clip > 0.f) {
      p.proj_clip =
          static_cast<int8_t>(std::min(std::max(opts.proj_clip / output.scale(), -128.0f), 127.0f));
    }

    // Effective scales, evaluated in the same float/double expressions as
    // TFLite so that the encoded multipliers agree bit for bit.
    const float input_scale = t.input->scale();
    const float state_scale = t.output_state->scale();
    const int32_t input_zp = t.input->zero_point();
    const int32_t state_zp = t.output_state->zero_point();
    for (int g = 0; g < 4; ++g) {
      kernels::LstmQs8Gate& q = p.gates[g];
      if (t.input_weights[g] == nullptr) continue;  // CIFG input gate
      const float in_eff = t.input_weights[g]->scale() * input_scale / gate_scale[g];
      const float rec_eff = t.recurrent_weights[g]->scale() * state_scale / gate_scale[g];
      kernels::QuantizeMultiplier(in_eff, &q.input_multiplier, &q.input_shift);
      kernels::QuantizeMultiplier(rec_eff, &q.recurrent_multiplier, &q.recurrent_shift);
      if (t.peephole[g] != nullptr) {
        const float peep_eff = static_cast<float>(std::pow(2.0, cell_log2) *
                                                  static_cast<double>(t.peephole[g]->scale()) /
                                                  static_cast<double>(gate_scale[g]));
        kernels::QuantizeMultiplier(peep_eff, &q.peephole_multiplier, &q.peephole_shift);
      }
      if (t.layer_norm[g] != nullptr) {
        const float ln_scale = t.layer_norm[g]->scale();
        kernels::QuantizeMultiplier(ln_scale, &q.layer_norm_multiplier, &q.layer_norm_shift);
        q.variance_guard = std::max(1, static_cast<int32_t>(10000 * ln_scale));
      }
      // Zero points folded into the biases; with layer norm the gate bias is
      // added after normalization instead.
      const int32_t* bias = t.layer_norm_used ? nullptr : t.bias[g]->data_as<int32_t>();
      FoldZeroPoint(*t.input_weights[g], -input_zp, bias, input_bias_[g]);
      FoldZeroPoint(*t.recurrent_weights[g], -state_zp, nullptr, recurrent_bias_[g]);
    }
    const float hidden_eff = static_cast<float>(
        std::pow(2.0, -15) / static_cast<double>(hidden_scale) * std::pow(2.0, -15));
    kernels::QuantizeMultiplier(hidden_eff, &p.hidden_multiplier, &p.hidden_shift);
    p.hidden_zero_point = hidden_zp;
    p.output_state_zero_point = state_zp;
    if (t.projection_weights != nullptr) {
      const float proj_eff = t.projection_weights->scale() * hidden_scale / state_scale;
      kernels::QuantizeMultiplier(proj_eff, &p.projection_multiplier, &p.projection_shift);
      // +hidden_zp: the kernel stores the projection's hidden input offset
      // by -hidden_zp (TFLite's convention), which this term undoes.
      FoldZeroPoint(*t.projection_weights, hidden_zp,
                    t.projection_bias != nullptr ? t.projection_bias->data_as<int32_t>() : nullptr,
                    projection_bias_);
    }
    has_layer_norm_ = t.layer_norm_used;
    is_float_ = false;
    is_hybrid_ = false;
    kernels::LstmDims step = StepDims();
    scratch_ = ctx.RequestScratch(
        static_cast<size_t>(std::max<int64_t>(1, kernels::Qs8LstmStagedScratchElements(step))) *
        sizeof(int16_t));
    int_stages_ = {};
    if (const kernels::LstmVariant* v = kernels::SelectLstm(ctx.max_isa()); v != nullptr) {
      int_stages_.sigmoid = v->qs16_sigmoid;
      int_stages_.tanh = v->qs16_tanh;
      // Weights and biases are constants (checked above): pack them now.
      kernels::LstmQs8Params bound = int_params_;
      BindInt8(LstmInputs::Of(ctx), bound);
      const size_t bytes = kernels::LstmQs8StagesBytes(*v, dims_);
      uint8_t* memory = ctx.AllocatePersistent(bytes);
      if (memory == nullptr) {
        return ResourceExhausted("cannot allocate {} bytes for packed LSTM weights", bytes);
      }
      // False (multipliers the vector requantization cannot take): the
      // products stay on the reference loops.
      (void)kernels::PrepareLstmQs8Stages(*v, dims_, bound, memory, &int_stages_);
    }
    return Status::Ok();
  }

  // out[r] = bias[r] (or 0) + zero_point * sum_c w[r, c], wrapping like
  // TFLite's int32 arithmetic.
  static void FoldZeroPoint(const TensorView& w, int32_t zero_point, const int32_t* bias,
                            std::vector<int32_t>& out) {
    const int32_t rows = w.shape.dim(0);
    const int32_t cols = w.shape.dim(1);
    out.assign(static_cast<size_t>(rows), 0);
    const int8_t* wd = w.data_as<int8_t>();
    for (int32_t r = 0; r < rows; ++r) {
      int32_t sum = 0;
      for (int32_t c = 0; c < cols; ++c) sum += wd[static_cast<int64_t>(r) * cols + c];
      const uint32_t folded = static_cast<uint32_t>(bias != nullptr ? bias[r] : 0) +
                              static_cast<uint32_t>(sum) * static_cast<uint32_t>(zero_point);
      out[static_cast<size_t>(r)] = static_cast<int32_t>(folded);
    }
  }

  void BindInt8(const LstmInputs& data, kernels::LstmQs8Params& p) const {
    for (int g = 0; g < 4; ++g) {
      kernels::LstmQs8Gate& q = p.gates[g];
      const TensorView* iw = data(kInputWeights + g);
      if (iw == nullptr) continue;
      q.input_weights = iw->data_as<int8_t>();
      q.recurrent_weights = data(kRecurrentWeights + g)->data_as<int8_t>();
      q.input_effective_bias = input_bias_[g].data();
      q.recurrent_effective_bias = recurrent_bias_[g].data();
      const int peep = PeepholeIndex(g);
      const TensorView* pv = peep >= 0 ? data(peep) : nullptr;
      q.peephole = pv != nullptr ? pv->data_as<int16_t>() : nullptr;
      if (has_layer_norm_) {
        q.layer_norm = data(kLayerNorm + g)->data_as<int16_t>();
        q.layer_norm_bias = data(kBias + g)->data_as<int32_t>();
      }
    }
    const TensorView* pw = data(kProjectionWeights);
    if (pw != nullptr) {
      p.projection_weights = pw->data_as<int8_t>();
      p.projection_effective_bias = projection_bias_.data();
    }
  }

  // The batch one kernel call sees.
  kernels::LstmDims StepDims() const {
    kernels::LstmDims d = dims_;
    if (!time_major_) d.n_batch = 1;
    return d;
  }

  kernels::LstmDims dims_;
  bool time_major_ = false;
  bool is_float_ = true;
  bool is_hybrid_ = false;
  bool has_layer_norm_ = false;
  kernels::LstmHybridParams hybrid_params_;
  std::vector<int32_t> input_row_sums_[4];
  std::vector<int32_t> recurrent_row_sums_[4];
  std::vector<int32_t> projection_row_sums_;
  std::vector<float> peephole_[4];
  kernels::LstmF32Params float_params_;
  kernels::LstmQs8Params int_params_;
  // SIMD stages picked in Prepare (defaults: the reference loops); their
  // packed weights live in the plan's persistent memory.
  kernels::LstmF32Stages float_stages_;
  kernels::LstmQs8Stages int_stages_;
  kernels::LstmHybridStages hybrid_stages_;
  std::vector<int32_t> input_bias_[4];
  std::vector<int32_t> recurrent_bias_[4];
  std::vector<int32_t> projection_bias_;
  int scratch_ = -1;
};

}  // namespace

void RegisterUnidirectionalSequenceLstm(OpResolver& r) {
  r.AddBuiltin(ir::OpType::kUnidirectionalSequenceLstm, MakeKernel<UnidirectionalSequenceLstm>, 1,
               4);
}

}  // namespace liteforge::ops
