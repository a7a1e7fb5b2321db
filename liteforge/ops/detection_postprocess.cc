// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// TFLite_Detection_PostProcess (custom op): the tail of SSD detectors.
// Decodes box encodings against anchors and keeps the best non-overlapping
// boxes with non-maximum suppression (kernels/detection/reference.h).
//
// Inputs:  box encodings [1, N, >=4], class predictions [1, N, C] (C =
//          num_classes, or num_classes + 1 with a leading background
//          column), anchors [N, 4]; each float32, or uint8/int8 with
//          per-tensor quantization (dequantized first).
// Outputs (float32): boxes [1, M, 4], classes [1, M], scores [1, M],
//          num_detections [1], M = max_detections * max_classes_per_detection.
// Attributes (FlexBuffer map): max_detections, max_classes_per_detection,
//          detections_per_class (default 100), use_regular_nms (default
//          false), nms_score_threshold, nms_iou_threshold, num_classes,
//          y_scale, x_scale, h_scale, w_scale.
//
// TFLite's kernel reads only uint8 quantized inputs; int8 is dequantized the
// same way. Unused output slots are zero (TFLite leaves them unwritten on
// the fast path).
//
// Two kernels, with identical outputs: the ranked kernel
// (kernels/detection/ranked.h: threshold first, rank and decode only what
// NMS reaches) by default, and the reference kernel (decode every anchor,
// sort every candidate) under --isa reference.

#include <cmath>
#include <limits>
#include <string>

#include "liteforge/format/tflite/custom_options.h"
#include "liteforge/kernels/detection/ranked.h"
#include "liteforge/kernels/detection/reference.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

using kernels::CenterSizeBox;
using kernels::DetectionBox;
using kernels::DetectionElement;
using kernels::DetectionTensor;
using tflite_format::FlexMap;

constexpr int kBoxCoords = 4;

Result<int> RequiredInt(const FlexMap& m, std::string_view key) {
  if (!m.Has(key)) return InvalidArgument("attribute '{}' is missing", key);
  const std::optional<int64_t> v = m.Int(key);
  if (!v) {
    return InvalidArgument("attribute '{}' is a {}, expected an integer", key,
                           FlexMap::KindName(*m.KindOf(key)));
  }
  if (*v < std::numeric_limits<int32_t>::min() || *v > std::numeric_limits<int32_t>::max()) {
    return InvalidArgument("attribute '{}' = {} does not fit in 32 bits", key, *v);
  }
  return static_cast<int>(*v);
}

Result<float> RequiredFloat(const FlexMap& m, std::string_view key) {
  if (!m.Has(key)) return InvalidArgument("attribute '{}' is missing", key);
  const std::optional<double> v = m.Float(key);
  if (!v) {
    return InvalidArgument("attribute '{}' is a {}, expected a number", key,
                           FlexMap::KindName(*m.KindOf(key)));
  }
  return static_cast<float>(*v);
}

Status ExpectSupportedInput(const TensorView& t, std::string_view role) {
  LF_RETURN_IF_ERROR(ExpectDTypeIn(t, role, {DType::kFloat32, DType::kUInt8, DType::kInt8}));
  if (t.dtype != DType::kFloat32) {
    LF_RETURN_IF_ERROR(ExpectQuantized(t, role));
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(t, role));
  }
  return Status::Ok();
}

// Float view of a float or quantized tensor: the data itself, or the
// dequantized copy written into `scratch`.
const float* AsFloat(const TensorView& t, float* scratch) {
  switch (t.dtype) {
    case DType::kUInt8:
      kernels::qu8_dequantize_to_f32__reference(t.data_as<uint8_t>(), t.num_elements(),
                                                t.zero_point(), t.scale(), scratch);
      return scratch;
    case DType::kInt8:
      kernels::qs8_dequantize_to_f32__reference(t.data_as<int8_t>(), t.num_elements(),
                                                t.zero_point(), t.scale(), scratch);
      return scratch;
    default:
      return t.data_as<float>();
  }
}

// How the ranked kernel reads `t` (data may be null before Eval).
DetectionTensor KernelTensor(const TensorView& t) {
  DetectionTensor k;
  k.data = t.data;
  switch (t.dtype) {
    case DType::kUInt8:
      k.type = DetectionElement::kUInt8;
      break;
    case DType::kInt8:
      k.type = DetectionElement::kInt8;
      break;
    default:
      return k;
  }
  k.zero_point = t.zero_point();
  k.scale = t.scale();
  return k;
}

class DetectionPostProcess final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ReadAttributes(ctx.op().custom_options));
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 3));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 4));
    LF_ASSIGN_OR_RETURN(const TensorView* boxes, RequiredInput(ctx, 0, "box encodings"));
    LF_ASSIGN_OR_RETURN(const TensorView* classes, RequiredInput(ctx, 1, "class predictions"));
    LF_ASSIGN_OR_RETURN(const TensorView* anchors, RequiredInput(ctx, 2, "anchors"));
    LF_RETURN_IF_ERROR(ExpectRank(*boxes, "box encodings", 3));
    LF_RETURN_IF_ERROR(ExpectRank(*classes, "class predictions", 3));
    LF_RETURN_IF_ERROR(ExpectRank(*anchors, "anchors", 2));
    LF_RETURN_IF_ERROR(ExpectSupportedInput(*boxes, "box encodings"));
    LF_RETURN_IF_ERROR(ExpectSupportedInput(*classes, "class predictions"));
    LF_RETURN_IF_ERROR(ExpectSupportedInput(*anchors, "anchors"));
    for (int i = 0; i < 4; ++i) {
      LF_RETURN_IF_ERROR(ExpectDType(ctx.output(i), kOutputRoles[i], DType::kFloat32));
    }

    if (boxes->shape.dim(0) != 1) {
      return Unimplemented("{} has batch {}; only batch 1 is supported",
                           Describe(*boxes, "box encodings"), boxes->shape.dim(0));
    }
    num_boxes_ = boxes->shape.dim(1);
    encoding_stride_ = boxes->shape.dim(2);
    if (encoding_stride_ < kBoxCoords) {
      return InvalidArgument("{} has {} values per box, expected at least 4",
                             Describe(*boxes, "box encodings"), encoding_stride_);
    }
    const Shape& cs = classes->shape;
    if (cs.dim(0) != 1 || cs.dim(1) != num_boxes_) {
      return InvalidArgument("{} has shape {}, expected [1, {}, classes]",
                             Describe(*classes, "class predictions"), cs.ToString(), num_boxes_);
    }
    params_.num_score_columns = cs.dim(2);
    const int background = params_.num_score_columns - params_.num_classes;
    if (background != 0 && background != 1) {
      return InvalidArgument(
          "{} has {} columns for num_classes = {}; expected num_classes or num_classes + 1",
          Describe(*classes, "class predictions"), params_.num_score_columns,
          params_.num_classes);
    }
    if (anchors->shape.dim(0) != num_boxes_ || anchors->shape.dim(1) != kBoxCoords) {
      return InvalidArgument("{} has shape {}, expected [{}, 4]", Describe(*anchors, "anchors"),
                             anchors->shape.ToString(), num_boxes_);
    }

    const int32_t slots = params_.max_detections * params_.max_classes_per_detection;
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, Shape({1, slots, kBoxCoords})));
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(1, Shape({1, slots})));
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(2, Shape({1, slots})));
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(3, Shape({1})));

    decoded_scratch_ = encodings_scratch_ = anchors_scratch_ = scores_scratch_ = -1;
    ranked_scratch_ = -1;
    use_ranked_ = ctx.max_isa() != Isa::kReference;
    if (use_ranked_) {
      plan_.params = params_;
      plan_.scales = scales_;
      plan_.num_boxes = num_boxes_;
      plan_.encoding_stride = encoding_stride_;
      // Constant anchors are checked once here; others on every run.
      plan_.check_anchors = kernels::DetectionAnchorsMayInvert(KernelTensor(*anchors), num_boxes_);
      const DetectionTensor scores = KernelTensor(*classes);
      plan_.score_coding = kernels::MakeDetectionScoreCoding(
          scores.type, scores.zero_point, scores.scale, params_.score_threshold);
      ranked_scratch_ =
          ctx.RequestScratch(kernels::RankedDetectionScratchBytes(params_, num_boxes_));
      return Status::Ok();
    }
    const size_t n = static_cast<size_t>(num_boxes_);
    decoded_scratch_ = ctx.RequestScratch(n * sizeof(DetectionBox));
    encodings_scratch_ = boxes->dtype == DType::kFloat32
                             ? -1
                             : ctx.RequestScratch(n * static_cast<size_t>(encoding_stride_) *
                                                  sizeof(float));
    anchors_scratch_ = anchors->dtype == DType::kFloat32
                           ? -1
                           : ctx.RequestScratch(n * kBoxCoords * sizeof(float));
    scores_scratch_ = classes->dtype == DType::kFloat32
                          ? -1
                          : ctx.RequestScratch(n * static_cast<size_t>(params_.num_score_columns) *
                                               sizeof(float));
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    const TensorView& boxes = *ctx.input(0);
    const TensorView& classes = *ctx.input(1);
    const TensorView& anchors = *ctx.input(2);
    kernels::DetectionOutputs out;
    out.boxes = ctx.output(0).data_as<float>();
    out.classes = ctx.output(1).data_as<float>();
    out.scores = ctx.output(2).data_as<float>();
    out.num_detections = ctx.output(3).data_as<float>();
    const kernels::DetectionStatus status =
        use_ranked_ ? kernels::f32_detection_postprocess__ranked(
                          plan_, KernelTensor(boxes), KernelTensor(classes),
                          KernelTensor(anchors), ctx.scratch(ranked_scratch_), out)
                    : EvalReference(ctx, boxes, classes, anchors, out);
    if (status != kernels::DetectionStatus::kOk) {
      return InvalidArgument(
          "a decoded box has ymin > ymax or xmin > xmax (check the anchors' heights and "
          "widths)");
    }
    return Status::Ok();
  }

 private:
  kernels::DetectionStatus EvalReference(EvalContext& ctx, const TensorView& boxes,
                                         const TensorView& classes, const TensorView& anchors,
                                         const kernels::DetectionOutputs& out) const {
    const float* encodings = AsFloat(boxes, ScratchFloats(ctx, encodings_scratch_));
    const float* anchor_values = AsFloat(anchors, ScratchFloats(ctx, anchors_scratch_));
    const float* scores = AsFloat(classes, ScratchFloats(ctx, scores_scratch_));
    auto* decoded = reinterpret_cast<DetectionBox*>(ctx.scratch(decoded_scratch_));
    kernels::f32_decode_center_size_boxes__reference(
        encodings, encoding_stride_, reinterpret_cast<const CenterSizeBox*>(anchor_values),
        num_boxes_, scales_, decoded);
    return kernels::f32_detection_nms__reference(decoded, scores, num_boxes_, params_, out);
  }

  static constexpr const char* kOutputRoles[4] = {"detection boxes", "detection classes",
                                                  "detection scores", "num detections"};

  static float* ScratchFloats(EvalContext& ctx, int id) {
    return id < 0 ? nullptr : reinterpret_cast<float*>(ctx.scratch(id));
  }

  Status ReadAttributes(const std::vector<uint8_t>& bytes) {
    Result<FlexMap> parsed = FlexMap::Parse(bytes);
    if (!parsed.ok()) {
      return InvalidArgument("cannot read the attributes: {}", parsed.status().message());
    }
    const FlexMap& m = *parsed;
    LF_ASSIGN_OR_RETURN(params_.max_detections, RequiredInt(m, "max_detections"));
    LF_ASSIGN_OR_RETURN(params_.max_classes_per_detection,
                        RequiredInt(m, "max_classes_per_detection"));
    params_.detections_per_class = 100;
    if (m.Has("detections_per_class") && m.KindOf("detections_per_class") != FlexMap::Kind::kNull) {
      LF_ASSIGN_OR_RETURN(params_.detections_per_class, RequiredInt(m, "detections_per_class"));
    }
    params_.use_regular_nms = false;
    if (m.Has("use_regular_nms") && m.KindOf("use_regular_nms") != FlexMap::Kind::kNull) {
      const std::optional<bool> b = m.Bool("use_regular_nms");
      if (!b) {
        return InvalidArgument("attribute 'use_regular_nms' is a {}, expected a bool",
                               FlexMap::KindName(*m.KindOf("use_regular_nms")));
      }
      params_.use_regular_nms = *b;
    }
    LF_ASSIGN_OR_RETURN(params_.score_threshold, RequiredFloat(m, "nms_score_threshold"));
    LF_ASSIGN_OR_RETURN(params_.iou_threshold, RequiredFloat(m, "nms_iou_threshold"));
    LF_ASSIGN_OR_RETURN(params_.num_classes, RequiredInt(m, "num_classes"));
    LF_ASSIGN_OR_RETURN(scales_.y, RequiredFloat(m, "y_scale"));
    LF_ASSIGN_OR_RETURN(scales_.x, RequiredFloat(m, "x_scale"));
    LF_ASSIGN_OR_RETURN(scales_.h, RequiredFloat(m, "h_scale"));
    LF_ASSIGN_OR_RETURN(scales_.w, RequiredFloat(m, "w_scale"));

    if (params_.max_detections < 0) {
      return InvalidArgument("max_detections is {}, must be >= 0", params_.max_detections);
    }
    if (params_.num_classes <= 0) {
      return InvalidArgument("num_classes is {}, must be positive", params_.num_classes);
    }
    if (!(params_.iou_threshold > 0.0f && params_.iou_threshold <= 1.0f)) {
      return InvalidArgument("nms_iou_threshold is {}, must be in (0, 1]",
                             params_.iou_threshold);
    }
    if (params_.use_regular_nms) {
      if (params_.detections_per_class <= 0 || params_.max_detections <= 0) {
        return InvalidArgument(
            "regular NMS needs detections_per_class ({}) and max_detections ({}) > 0",
            params_.detections_per_class, params_.max_detections);
      }
      if (params_.max_classes_per_detection < 1) {
        return InvalidArgument(
            "max_classes_per_detection is {}; the outputs need room for max_detections",
            params_.max_classes_per_detection);
      }
    } else if (params_.max_classes_per_detection <= 0) {
      return InvalidArgument("max_classes_per_detection is {}, must be positive",
                             params_.max_classes_per_detection);
    }
    const int64_t slots =
        static_cast<int64_t>(params_.max_detections) * params_.max_classes_per_detection;
    if (slots > (int64_t{1} << 24)) {
      return InvalidArgument("max_detections * max_classes_per_detection = {} is too large",
                             slots);
    }
    return Status::Ok();
  }

  kernels::DetectionNmsParams params_;
  CenterSizeBox scales_{};
  int num_boxes_ = 0;
  int encoding_stride_ = 0;
  int decoded_scratch_ = -1;
  int encodings_scratch_ = -1;
  int anchors_scratch_ = -1;
  int scores_scratch_ = -1;
  bool use_ranked_ = false;
  kernels::RankedDetectionPlan plan_;
  int ranked_scratch_ = -1;
};

}  // namespace

void RegisterDetectionPostProcess(OpResolver& r) {
  r.AddCustom("TFLite_Detection_PostProcess", MakeKernel<DetectionPostProcess>);
}

}  // namespace liteforge::ops
