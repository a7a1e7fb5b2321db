// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// QuantizeModel(): checks the options and the model, expands the float
// weights, calibrates when the mode needs it, runs the mode's pass, writes
// the file, and reads it back through the reader, verifier and runtime so a
// model that would not load is an error here rather than on the device.

#include "liteforge/quant/quantizer.h"

#include <memory>

#include "liteforge/format/tflite/reader.h"
#include "liteforge/format/tflite/writer.h"
#include "liteforge/ops/op_resolver.h"
#include "liteforge/quant/calibrator.h"
#include "liteforge/quant/float_model.h"
#include "liteforge/quant/model_runner.h"
#include "liteforge/quant/quant_passes.h"

namespace liteforge::quant {
namespace {

Status CheckOptions(const QuantizeOptions& o, const CalibrationData* data) {
  auto allowed = [&](DType t) {
    switch (o.mode) {
      case QuantMode::kFullInt8:
        return t == DType::kFloat32 || t == DType::kInt8 || t == DType::kUInt8;
      case QuantMode::kInt16x8:
        return t == DType::kFloat32 || t == DType::kInt16;
      default:
        return t == DType::kFloat32;
    }
  };
  const char* expected = o.mode == QuantMode::kFullInt8   ? "float32, int8 or uint8"
                         : o.mode == QuantMode::kInt16x8 ? "float32 or int16"
                                                          : "float32";
  if (!allowed(o.input_type)) {
    return InvalidArgument("input type {} is not available in {} mode (use {})",
                           DTypeName(o.input_type), QuantModeName(o.mode), expected);
  }
  if (!allowed(o.output_type)) {
    return InvalidArgument("output type {} is not available in {} mode (use {})",
                           DTypeName(o.output_type), QuantModeName(o.mode), expected);
  }
  const bool calibrated = o.mode == QuantMode::kFullInt8 || o.mode == QuantMode::kInt16x8;
  if (calibrated && data == nullptr) {
    return InvalidArgument("{} quantization needs a representative dataset (--calibration)",
                           QuantModeName(o.mode));
  }
  if (o.method == CalibrationMethod::kPercentile && !(o.percentile > 50.f && o.percentile <= 100.f)) {
    return InvalidArgument("percentile {} is outside (50, 100]", o.percentile);
  }
  return Status::Ok();
}

// Every op must be one liteforge can run: calibration runs the model, and
// the result is prepared before it is returned.
Status CheckOpsKnown(const ir::Graph& graph) {
  const ops::OpResolver& resolver = ops::BuiltinOpResolver();
  for (size_t s = 0; s < graph.subgraphs.size(); ++s) {
    const ir::Subgraph& sg = graph.subgraphs[s];
    for (size_t i = 0; i < sg.ops.size(); ++i) {
      auto found = resolver.Find(sg.ops[i]);
      if (!found.ok()) {
        return Unimplemented("{}: {}; liteforge cannot quantize a model it cannot run",
                             ir::DescribeOp(graph, static_cast<int>(s), static_cast<int>(i)),
                             found.status().message());
      }
    }
  }
  return Status::Ok();
}

Status CheckRuns(const std::vector<uint8_t>& bytes) {
  LF_ASSIGN_OR_RETURN(ir::Graph read,
                      tflite_format::ReadTflite(CopyBytes(bytes, "<quantized model>")));
  auto runner = ModelRunner::Create(std::make_shared<const ir::Graph>(std::move(read)), 1,
                                    /*fold_constants=*/true);
  return runner.status();
}

}  // namespace

std::string_view QuantModeName(QuantMode mode) {
  switch (mode) {
    case QuantMode::kDynamicRange: return "dynamic";
    case QuantMode::kFullInt8: return "int8";
    case QuantMode::kFloat16: return "float16";
    case QuantMode::kInt16x8: return "int16x8";
  }
  return "?";
}

std::string_view CalibrationMethodName(CalibrationMethod m) {
  switch (m) {
    case CalibrationMethod::kMinMax: return "minmax";
    case CalibrationMethod::kPercentile: return "percentile";
    case CalibrationMethod::kEntropy: return "entropy";
    case CalibrationMethod::kMse: return "mse";
  }
  return "?";
}

Result<std::vector<uint8_t>> QuantizeModel(const ir::Graph& float_model,
                                           const QuantizeOptions& options,
                                           const CalibrationData* data, QuantizeReport* report) {
  QuantizeReport local;
  QuantizeReport& rep = report ? *report : local;
  rep = QuantizeReport{};
  LF_RETURN_IF_ERROR(CheckOptions(options, data));
  LF_ASSIGN_OR_RETURN(ir::Graph graph, ExpandFloatModel(float_model));
  LF_RETURN_IF_ERROR(CheckOpsKnown(graph));
  {
    LF_ASSIGN_OR_RETURN(std::vector<uint8_t> original, tflite_format::WriteTflite(float_model));
    rep.input_bytes = original.size();
  }
  switch (options.mode) {
    case QuantMode::kDynamicRange:
      LF_RETURN_IF_ERROR(QuantizeDynamicRange(graph, options, rep));
      break;
    case QuantMode::kFloat16:
      LF_RETURN_IF_ERROR(QuantizeFloat16(graph, rep));
      break;
    case QuantMode::kFullInt8:
    case QuantMode::kInt16x8: {
      const DType act = options.mode == QuantMode::kInt16x8 ? DType::kInt16 : DType::kInt8;
      LF_RETURN_IF_ERROR(CheckIntegerKernels(graph, options));
      LF_ASSIGN_OR_RETURN(auto ranges, Calibrate(graph, *data, options, act));
      LF_RETURN_IF_ERROR(QuantizeFullInteger(graph, ranges, options, rep));
      break;
    }
  }
  for (size_t s = 0; s < graph.subgraphs.size(); ++s) PruneUnusedTensors(graph, static_cast<int>(s));
  LF_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, tflite_format::WriteTflite(graph));
  LF_RETURN_IF_ERROR_CTX(CheckRuns(bytes), "the {} model liteforge wrote does not load",
                         QuantModeName(options.mode));
  rep.output_bytes = bytes.size();
  return bytes;
}

}  // namespace liteforge::quant
