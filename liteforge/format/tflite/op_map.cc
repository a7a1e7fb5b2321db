// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/format/tflite/op_map.h"

namespace liteforge::tflite_format {
namespace {

using BO = tflite::BuiltinOptions;
using BO2 = tflite::BuiltinOptions2;

ir::Activation Act(tflite::ActivationFunctionType a) {
  switch (a) {
    case tflite::ActivationFunctionType::RELU: return ir::Activation::kRelu;
    case tflite::ActivationFunctionType::RELU_N1_TO_1: return ir::Activation::kReluN1To1;
    case tflite::ActivationFunctionType::RELU6: return ir::Activation::kRelu6;
    case tflite::ActivationFunctionType::TANH: return ir::Activation::kTanh;
    case tflite::ActivationFunctionType::SIGN_BIT: return ir::Activation::kSignBit;
    default: return ir::Activation::kNone;
  }
}

ir::Padding Pad(tflite::Padding p) {
  return p == tflite::Padding::VALID ? ir::Padding::kValid : ir::Padding::kSame;
}

// Types inside options tables: an unknown value keeps the format's default
// (FLOAT32 = "unset") rather than failing the whole model.
DType OptType(tflite::TensorType t) {
  return DTypeFromTensorType(static_cast<int8_t>(t)).value_or(DType::kFloat32);
}

Status CheckActivation(tflite::ActivationFunctionType a, const std::string& where) {
  if (static_cast<int>(a) < 0 || static_cast<int>(a) > 5) {
    return InvalidArgument("{}: unknown fused activation {}", where, static_cast<int>(a));
  }
  return Status::Ok();
}

std::vector<int32_t> Ints(const flatbuffers::Vector<int32_t>* v) {
  return v ? std::vector<int32_t>(v->begin(), v->end()) : std::vector<int32_t>{};
}

// Re-serializes an options table we do not model as a standalone
// flatbuffer, so it can be written back unchanged.
template <typename UnionT, typename EnumT>
ir::OpaqueOptions Opaque(uint8_t which, EnumT type, const void* table) {
  ir::OpaqueOptions out;
  out.which = which;
  out.type = static_cast<uint8_t>(type);
  UnionT u;
  u.type = type;
  u.value = UnionT::UnPack(table, type, nullptr);
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(u.Pack(fbb));
  out.bytes.assign(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
  return out;
}

}  // namespace

std::optional<ir::OpType> OpTypeFromBuiltin(int32_t code) {
  switch (static_cast<tflite::BuiltinOperator>(code)) {
#define LF_OP(name, tflite_name) \
  case tflite::BuiltinOperator::tflite_name: return ir::OpType::k##name;
#include "liteforge/ir/ops.def"
#undef LF_OP
    default: return std::nullopt;
  }
}

tflite::BuiltinOperator BuiltinFromOpType(ir::OpType type) {
  switch (type) {
#define LF_OP(name, tflite_name) \
  case ir::OpType::k##name: return tflite::BuiltinOperator::tflite_name;
#include "liteforge/ir/ops.def"
#undef LF_OP
    default: return tflite::BuiltinOperator::CUSTOM;
  }
}

std::optional<DType> DTypeFromTensorType(int8_t type) {
  if (type < 0 || type > static_cast<int8_t>(tflite::TensorType::MAX)) return std::nullopt;
  // DType's enumerators are declared in the format's order.
  return static_cast<DType>(type);
}

tflite::TensorType TensorTypeFromDType(DType dtype) {
  return static_cast<tflite::TensorType>(static_cast<int8_t>(dtype));
}

static_assert(static_cast<int>(DType::kInt8) == static_cast<int>(tflite::TensorType::INT8));
static_assert(static_cast<int>(DType::kBFloat16) == static_cast<int>(tflite::TensorType::BFLOAT16));

Result<ir::OpOptions> ReadOptions(const tflite::Operator& op, const std::string& where) {
  const BO type = op.builtin_options_type();
  const void* table = op.builtin_options();
  if (type != BO::NONE && table == nullptr) return ir::OpOptions{ir::NoOptions{}};
  switch (type) {
    case BO::NONE:
      break;
    case BO::Conv2DOptions: {
      const auto* o = op.builtin_options_as_Conv2DOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::Conv2DOptions{Pad(o->padding()), o->stride_w(), o->stride_h(),
                                             Act(o->fused_activation_function()),
                                             o->dilation_w_factor(), o->dilation_h_factor(),
                                             OptType(o->quantized_bias_type())}};
    }
    case BO::DepthwiseConv2DOptions: {
      const auto* o = op.builtin_options_as_DepthwiseConv2DOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::DepthwiseConv2DOptions{
          Pad(o->padding()), o->stride_w(), o->stride_h(), o->depth_multiplier(),
          Act(o->fused_activation_function()), o->dilation_w_factor(), o->dilation_h_factor()}};
    }
    case BO::TransposeConvOptions: {
      const auto* o = op.builtin_options_as_TransposeConvOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::TransposeConvOptions{Pad(o->padding()), o->stride_w(),
                                                    o->stride_h(),
                                                    Act(o->fused_activation_function()),
                                                    OptType(o->quantized_bias_type())}};
    }
    case BO::Pool2DOptions: {
      const auto* o = op.builtin_options_as_Pool2DOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::Pool2DOptions{Pad(o->padding()), o->stride_w(), o->stride_h(),
                                             o->filter_width(), o->filter_height(),
                                             Act(o->fused_activation_function())}};
    }
    case BO::FullyConnectedOptions: {
      const auto* o = op.builtin_options_as_FullyConnectedOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::FullyConnectedOptions{
          Act(o->fused_activation_function()),
          o->weights_format() == tflite::FullyConnectedOptionsWeightsFormat::DEFAULT
              ? ir::FcWeightsFormat::kDefault
              : ir::FcWeightsFormat::kShuffled4x16Int8,
          o->keep_num_dims(), o->asymmetric_quantize_inputs(), OptType(o->quantized_bias_type())}};
    }
    case BO::AddOptions: {
      const auto* o = op.builtin_options_as_AddOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{
          ir::FusedActivationOptions{Act(o->fused_activation_function()), o->pot_scale_int16()}};
    }
    case BO::SubOptions: {
      const auto* o = op.builtin_options_as_SubOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{
          ir::FusedActivationOptions{Act(o->fused_activation_function()), o->pot_scale_int16()}};
    }
    case BO::MulOptions: {
      const auto* o = op.builtin_options_as_MulOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::FusedActivationOptions{Act(o->fused_activation_function()), true}};
    }
    case BO::DivOptions: {
      const auto* o = op.builtin_options_as_DivOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::FusedActivationOptions{Act(o->fused_activation_function()), true}};
    }
    case BO::L2NormOptions: {
      const auto* o = op.builtin_options_as_L2NormOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::FusedActivationOptions{Act(o->fused_activation_function()), true}};
    }
    case BO::SoftmaxOptions:
      return ir::OpOptions{ir::SoftmaxOptions{op.builtin_options_as_SoftmaxOptions()->beta()}};
    case BO::ConcatenationOptions: {
      const auto* o = op.builtin_options_as_ConcatenationOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::ConcatenationOptions{o->axis(), Act(o->fused_activation_function())}};
    }
    case BO::LocalResponseNormalizationOptions: {
      const auto* o = op.builtin_options_as_LocalResponseNormalizationOptions();
      return ir::OpOptions{
          ir::LocalResponseNormalizationOptions{o->radius(), o->bias(), o->alpha(), o->beta()}};
    }
    case BO::LSTMOptions: {
      const auto* o = op.builtin_options_as_LSTMOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::LstmOptions{
          Act(o->fused_activation_function()), o->cell_clip(), o->proj_clip(),
          o->kernel_type() == tflite::LSTMKernelType::BASIC ? ir::LstmKernelType::kBasic
                                                            : ir::LstmKernelType::kFull,
          o->asymmetric_quantize_inputs()}};
    }
    case BO::UnidirectionalSequenceLSTMOptions: {
      const auto* o = op.builtin_options_as_UnidirectionalSequenceLSTMOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::SequenceLstmOptions{
          Act(o->fused_activation_function()), o->cell_clip(), o->proj_clip(), o->time_major(),
          o->asymmetric_quantize_inputs(), o->diagonal_recurrent_tensors()}};
    }
    case BO::BidirectionalSequenceLSTMOptions: {
      const auto* o = op.builtin_options_as_BidirectionalSequenceLSTMOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::BidirectionalSequenceLstmOptions{
          Act(o->fused_activation_function()), o->cell_clip(), o->proj_clip(),
          o->merge_outputs(), o->time_major(), o->asymmetric_quantize_inputs()}};
    }
    case BO::RNNOptions: {
      const auto* o = op.builtin_options_as_RNNOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::RnnOptions{false, Act(o->fused_activation_function()),
                                          o->asymmetric_quantize_inputs()}};
    }
    case BO::SequenceRNNOptions: {
      const auto* o = op.builtin_options_as_SequenceRNNOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::RnnOptions{o->time_major(), Act(o->fused_activation_function()),
                                          o->asymmetric_quantize_inputs()}};
    }
    case BO::SVDFOptions: {
      const auto* o = op.builtin_options_as_SVDFOptions();
      LF_RETURN_IF_ERROR(CheckActivation(o->fused_activation_function(), where));
      return ir::OpOptions{ir::SvdfOptions{o->rank(), Act(o->fused_activation_function()),
                                           o->asymmetric_quantize_inputs()}};
    }
    case BO::ResizeBilinearOptions: {
      const auto* o = op.builtin_options_as_ResizeBilinearOptions();
      return ir::OpOptions{ir::ResizeOptions{o->align_corners(), o->half_pixel_centers()}};
    }
    case BO::ResizeNearestNeighborOptions: {
      const auto* o = op.builtin_options_as_ResizeNearestNeighborOptions();
      return ir::OpOptions{ir::ResizeOptions{o->align_corners(), o->half_pixel_centers()}};
    }
    case BO::ReshapeOptions: {
      const auto* o = op.builtin_options_as_ReshapeOptions();
      ir::ReshapeOptions r;
      if (o->new_shape() != nullptr) r.new_shape = Ints(o->new_shape());
      return ir::OpOptions{r};
    }
    case BO::SpaceToDepthOptions:
      return ir::OpOptions{
          ir::BlockSizeOptions{op.builtin_options_as_SpaceToDepthOptions()->block_size()}};
    case BO::DepthToSpaceOptions:
      return ir::OpOptions{
          ir::BlockSizeOptions{op.builtin_options_as_DepthToSpaceOptions()->block_size()}};
    case BO::GatherOptions: {
      const auto* o = op.builtin_options_as_GatherOptions();
      return ir::OpOptions{ir::GatherOptions{o->axis(), o->batch_dims()}};
    }
    case BO::ReducerOptions:
      return ir::OpOptions{ir::ReducerOptions{op.builtin_options_as_ReducerOptions()->keep_dims()}};
    case BO::SqueezeOptions:
      return ir::OpOptions{
          ir::SqueezeOptions{Ints(op.builtin_options_as_SqueezeOptions()->squeeze_dims())}};
    case BO::SplitOptions:
      return ir::OpOptions{ir::SplitOptions{op.builtin_options_as_SplitOptions()->num_splits()}};
    case BO::SplitVOptions:
      return ir::OpOptions{ir::SplitOptions{op.builtin_options_as_SplitVOptions()->num_splits()}};
    case BO::StridedSliceOptions: {
      const auto* o = op.builtin_options_as_StridedSliceOptions();
      return ir::OpOptions{ir::StridedSliceOptions{o->begin_mask(), o->end_mask(),
                                                   o->ellipsis_mask(), o->new_axis_mask(),
                                                   o->shrink_axis_mask(), o->offset()}};
    }
    case BO::CastOptions: {
      const auto* o = op.builtin_options_as_CastOptions();
      return ir::OpOptions{ir::CastOptions{OptType(o->in_data_type()), OptType(o->out_data_type())}};
    }
    case BO::ArgMaxOptions:
      return ir::OpOptions{
          ir::OutputTypeOptions{OptType(op.builtin_options_as_ArgMaxOptions()->output_type())}};
    case BO::ArgMinOptions:
      return ir::OpOptions{
          ir::OutputTypeOptions{OptType(op.builtin_options_as_ArgMinOptions()->output_type())}};
    case BO::ShapeOptions:
      return ir::OpOptions{
          ir::OutputTypeOptions{OptType(op.builtin_options_as_ShapeOptions()->out_type())}};
    case BO::PackOptions: {
      const auto* o = op.builtin_options_as_PackOptions();
      return ir::OpOptions{ir::PackOptions{o->values_count(), o->axis()}};
    }
    case BO::UnpackOptions: {
      const auto* o = op.builtin_options_as_UnpackOptions();
      return ir::OpOptions{ir::UnpackOptions{o->num(), o->axis()}};
    }
    case BO::LeakyReluOptions:
      return ir::OpOptions{ir::LeakyReluOptions{op.builtin_options_as_LeakyReluOptions()->alpha()}};
    case BO::MirrorPadOptions:
      return ir::OpOptions{ir::MirrorPadOptions{
          op.builtin_options_as_MirrorPadOptions()->mode() == tflite::MirrorPadMode::SYMMETRIC
              ? ir::MirrorPadMode::kSymmetric
              : ir::MirrorPadMode::kReflect}};
    case BO::IfOptions: {
      const auto* o = op.builtin_options_as_IfOptions();
      return ir::OpOptions{ir::IfOptions{o->then_subgraph_index(), o->else_subgraph_index()}};
    }
    case BO::WhileOptions: {
      const auto* o = op.builtin_options_as_WhileOptions();
      return ir::OpOptions{ir::WhileOptions{o->cond_subgraph_index(), o->body_subgraph_index()}};
    }
    case BO::CallOnceOptions:
      return ir::OpOptions{
          ir::CallOnceOptions{op.builtin_options_as_CallOnceOptions()->init_subgraph_index()}};
    case BO::BatchMatMulOptions: {
      const auto* o = op.builtin_options_as_BatchMatMulOptions();
      return ir::OpOptions{
          ir::BatchMatMulOptions{o->adj_x(), o->adj_y(), o->asymmetric_quantize_inputs()}};
    }
    case BO::GeluOptions:
      return ir::OpOptions{ir::GeluOptions{op.builtin_options_as_GeluOptions()->approximate()}};
    case BO::CumsumOptions: {
      const auto* o = op.builtin_options_as_CumsumOptions();
      return ir::OpOptions{ir::CumsumOptions{o->exclusive(), o->reverse()}};
    }
    case BO::OneHotOptions:
      return ir::OpOptions{ir::OneHotOptions{op.builtin_options_as_OneHotOptions()->axis()}};
    case BO::FakeQuantOptions: {
      const auto* o = op.builtin_options_as_FakeQuantOptions();
      return ir::OpOptions{ir::FakeQuantOptions{o->min(), o->max(), o->num_bits(), o->narrow_range()}};
    }
    // Tables without fields: nothing to keep.
    case BO::PadOptions: case BO::PadV2Options: case BO::SpaceToBatchNDOptions:
    case BO::BatchToSpaceNDOptions: case BO::TransposeOptions: case BO::ExpOptions:
    case BO::CosOptions: case BO::TopKV2Options: case BO::LogSoftmaxOptions:
    case BO::DequantizeOptions: case BO::MaximumMinimumOptions: case BO::TileOptions:
    case BO::GreaterOptions: case BO::GreaterEqualOptions: case BO::LessOptions:
    case BO::LessEqualOptions: case BO::NegOptions: case BO::SelectOptions:
    case BO::SliceOptions: case BO::ExpandDimsOptions: case BO::EqualOptions:
    case BO::NotEqualOptions: case BO::RankOptions: case BO::PowOptions:
    case BO::LogicalOrOptions: case BO::AbsOptions: case BO::HardSwishOptions:
    case BO::LogicalAndOptions: case BO::LogicalNotOptions: case BO::FloorDivOptions:
    case BO::SquareOptions: case BO::ZerosLikeOptions: case BO::FillOptions:
    case BO::FloorModOptions: case BO::RangeOptions: case BO::SquaredDifferenceOptions:
    case BO::ReverseV2Options: case BO::AddNOptions: case BO::GatherNdOptions:
    case BO::WhereOptions: case BO::MatrixDiagOptions: case BO::QuantizeOptions:
    case BO::MatrixSetDiagOptions: case BO::NonMaxSuppressionV4Options:
    case BO::NonMaxSuppressionV5Options: case BO::ScatterNdOptions: case BO::SelectV2Options:
    case BO::DensifyOptions: case BO::SegmentSumOptions: case BO::BroadcastToOptions:
    case BO::Rfft2dOptions: case BO::HashtableFindOptions: case BO::HashtableImportOptions:
    case BO::HashtableSizeOptions: case BO::ReadVariableOptions: case BO::AssignVariableOptions:
    case BO::DynamicUpdateSliceOptions: case BO::UnsortedSegmentProdOptions:
    case BO::UnsortedSegmentMaxOptions: case BO::UnsortedSegmentMinOptions:
    case BO::UnsortedSegmentSumOptions: case BO::ATan2Options: case BO::SignOptions:
    case BO::BitcastOptions: case BO::BitwiseXorOptions: case BO::RightShiftOptions:
      return ir::OpOptions{ir::NoOptions{}};
    default:
      if (static_cast<uint8_t>(type) > static_cast<uint8_t>(BO::MAX)) {
        return InvalidArgument("{}: unknown builtin options type {}", where,
                               static_cast<int>(type));
      }
      return ir::OpOptions{Opaque<tflite::BuiltinOptionsUnion>(1, type, table)};
  }
  const BO2 type2 = op.builtin_options_2_type();
  if (type2 != BO2::NONE) {
    if (static_cast<uint8_t>(type2) > static_cast<uint8_t>(BO2::MAX)) {
      return InvalidArgument("{}: unknown builtin options type {} (second union)", where,
                             static_cast<int>(type2));
    }
    if (op.builtin_options_2() == nullptr) return ir::OpOptions{ir::NoOptions{}};
    return ir::OpOptions{Opaque<tflite::BuiltinOptions2Union>(2, type2, op.builtin_options_2())};
  }
  return ir::OpOptions{ir::NoOptions{}};
}

}  // namespace liteforge::tflite_format
