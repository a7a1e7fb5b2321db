// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/format/tflite/op_map.h"

#include <variant>

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

// ---------------------------------------------------------------------------
// Writing options.

namespace {

tflite::ActivationFunctionType ToFormat(ir::Activation a) {
  switch (a) {
    case ir::Activation::kRelu: return tflite::ActivationFunctionType::RELU;
    case ir::Activation::kReluN1To1: return tflite::ActivationFunctionType::RELU_N1_TO_1;
    case ir::Activation::kRelu6: return tflite::ActivationFunctionType::RELU6;
    case ir::Activation::kTanh: return tflite::ActivationFunctionType::TANH;
    case ir::Activation::kSignBit: return tflite::ActivationFunctionType::SIGN_BIT;
    case ir::Activation::kNone: break;
  }
  return tflite::ActivationFunctionType::NONE;
}

tflite::Padding ToFormat(ir::Padding p) {
  return p == ir::Padding::kValid ? tflite::Padding::VALID : tflite::Padding::SAME;
}

tflite::TensorType ToFormat(DType d) { return TensorTypeFromDType(d); }

// The field-less options table TFLite's converter attaches to `type` (an
// empty table, kept so our files look like the converter's), or NONE.
// Checked against the test models: PAD and TRANSPOSE carry an empty table;
// QUANTIZE, DEQUANTIZE, HARD_SWISH, DENSIFY, FLOOR_DIV and GATHER_ND never
// do, so they are left out here. Either form loads in TFLite.
BO EmptyTableFor(ir::OpType type) {
  using T = ir::OpType;
  switch (type) {
    case T::kPad: return BO::PadOptions;
    case T::kPadV2: return BO::PadV2Options;
    case T::kSpaceToBatchNd: return BO::SpaceToBatchNDOptions;
    case T::kBatchToSpaceNd: return BO::BatchToSpaceNDOptions;
    case T::kTranspose: return BO::TransposeOptions;
    case T::kExp: return BO::ExpOptions;
    case T::kCos: return BO::CosOptions;
    case T::kTopKV2: return BO::TopKV2Options;
    case T::kLogSoftmax: return BO::LogSoftmaxOptions;
    case T::kMaximum: case T::kMinimum: return BO::MaximumMinimumOptions;
    case T::kTile: return BO::TileOptions;
    case T::kGreater: return BO::GreaterOptions;
    case T::kGreaterEqual: return BO::GreaterEqualOptions;
    case T::kLess: return BO::LessOptions;
    case T::kLessEqual: return BO::LessEqualOptions;
    case T::kNeg: return BO::NegOptions;
    case T::kSelect: return BO::SelectOptions;
    case T::kSlice: return BO::SliceOptions;
    case T::kExpandDims: return BO::ExpandDimsOptions;
    case T::kEqual: return BO::EqualOptions;
    case T::kNotEqual: return BO::NotEqualOptions;
    case T::kRank: return BO::RankOptions;
    case T::kPow: return BO::PowOptions;
    case T::kLogicalOr: return BO::LogicalOrOptions;
    case T::kAbs: return BO::AbsOptions;
    case T::kLogicalAnd: return BO::LogicalAndOptions;
    case T::kLogicalNot: return BO::LogicalNotOptions;
    case T::kSquare: return BO::SquareOptions;
    case T::kZerosLike: return BO::ZerosLikeOptions;
    case T::kFill: return BO::FillOptions;
    case T::kFloorMod: return BO::FloorModOptions;
    case T::kRange: return BO::RangeOptions;
    case T::kSquaredDifference: return BO::SquaredDifferenceOptions;
    case T::kReverseV2: return BO::ReverseV2Options;
    case T::kAddN: return BO::AddNOptions;
    case T::kWhere: return BO::WhereOptions;
    case T::kMatrixDiag: return BO::MatrixDiagOptions;
    case T::kMatrixSetDiag: return BO::MatrixSetDiagOptions;
    case T::kNonMaxSuppressionV4: return BO::NonMaxSuppressionV4Options;
    case T::kNonMaxSuppressionV5: return BO::NonMaxSuppressionV5Options;
    case T::kScatterNd: return BO::ScatterNdOptions;
    case T::kSelectV2: return BO::SelectV2Options;
    case T::kSegmentSum: return BO::SegmentSumOptions;
    case T::kBroadcastTo: return BO::BroadcastToOptions;
    case T::kRfft2D: return BO::Rfft2dOptions;
    case T::kHashtableFind: return BO::HashtableFindOptions;
    case T::kHashtableImport: return BO::HashtableImportOptions;
    case T::kHashtableSize: return BO::HashtableSizeOptions;
    case T::kReadVariable: return BO::ReadVariableOptions;
    case T::kAssignVariable: return BO::AssignVariableOptions;
    case T::kDynamicUpdateSlice: return BO::DynamicUpdateSliceOptions;
    case T::kUnsortedSegmentProd: return BO::UnsortedSegmentProdOptions;
    case T::kUnsortedSegmentMax: return BO::UnsortedSegmentMaxOptions;
    case T::kUnsortedSegmentMin: return BO::UnsortedSegmentMinOptions;
    case T::kUnsortedSegmentSum: return BO::UnsortedSegmentSumOptions;
    case T::kAtan2: return BO::ATan2Options;
    case T::kSign: return BO::SignOptions;
    case T::kBitcast: return BO::BitcastOptions;
    case T::kBitwiseXor: return BO::BitwiseXorOptions;
    case T::kRightShift: return BO::RightShiftOptions;
    default: return BO::NONE;
  }
}

// Builds the typed options tables. Where several union members share one IR
// struct, the op type picks the member; an op type that does not normally
// carry that struct gets the struct's first member, so nothing is dropped.
class OptionsPacker {
 public:
  OptionsPacker(flatbuffers::FlatBufferBuilder& fbb, ir::OpType type, const std::string& where)
      : fbb_(fbb), type_(type), where_(where) {}

  // Explicit input padding exists only in the runtime's fused copy of a
  // graph (ir/passes/fuse_pad_into_conv.h); the format cannot say it.
  Status ExplicitPaddingError() const {
    return InvalidArgument("{}: explicit input padding (from PAD fusion) has no .tflite form; "
                           "write the unfused graph",
                           where_);
  }

  Result<PackedOptions> operator()(const ir::NoOptions&) {
    const BO empty = EmptyTableFor(type_);
    if (empty == BO::NONE) return PackedOptions{};
    const auto start = fbb_.StartTable();
    return One(empty, flatbuffers::Offset<void>(fbb_.EndTable(start)));
  }
  Result<PackedOptions> operator()(const ir::Conv2DOptions& o) {
    if (o.explicit_padding) return ExplicitPaddingError();
    return One(BO::Conv2DOptions,
               tflite::CreateConv2DOptions(fbb_, ToFormat(o.padding), o.stride_w, o.stride_h,
                                           ToFormat(o.activation), o.dilation_w, o.dilation_h,
                                           ToFormat(o.quantized_bias_type)));
  }
  Result<PackedOptions> operator()(const ir::DepthwiseConv2DOptions& o) {
    if (o.explicit_padding) return ExplicitPaddingError();
    return One(BO::DepthwiseConv2DOptions,
               tflite::CreateDepthwiseConv2DOptions(fbb_, ToFormat(o.padding), o.stride_w,
                                                    o.stride_h, o.depth_multiplier,
                                                    ToFormat(o.activation), o.dilation_w,
                                                    o.dilation_h));
  }
  Result<PackedOptions> operator()(const ir::TransposeConvOptions& o) {
    return One(BO::TransposeConvOptions,
               tflite::CreateTransposeConvOptions(fbb_, ToFormat(o.padding), o.stride_w,
                                                  o.stride_h, ToFormat(o.activation),
                                                  ToFormat(o.quantized_bias_type)));
  }
  Result<PackedOptions> operator()(const ir::Pool2DOptions& o) {
    return One(BO::Pool2DOptions,
               tflite::CreatePool2DOptions(fbb_, ToFormat(o.padding), o.stride_w, o.stride_h,
                                           o.filter_w, o.filter_h, ToFormat(o.activation)));
  }
  Result<PackedOptions> operator()(const ir::FullyConnectedOptions& o) {
    const auto format = o.weights_format == ir::FcWeightsFormat::kDefault
                            ? tflite::FullyConnectedOptionsWeightsFormat::DEFAULT
                            : tflite::FullyConnectedOptionsWeightsFormat::SHUFFLED4x16INT8;
    return One(BO::FullyConnectedOptions,
               tflite::CreateFullyConnectedOptions(fbb_, ToFormat(o.activation), format,
                                                   o.keep_num_dims, o.asymmetric_quantize_inputs,
                                                   ToFormat(o.quantized_bias_type)));
  }
  Result<PackedOptions> operator()(const ir::FusedActivationOptions& o) {
    const auto act = ToFormat(o.activation);
    switch (type_) {
      case ir::OpType::kSub:
        return One(BO::SubOptions, tflite::CreateSubOptions(fbb_, act, o.pot_scale_int16));
      case ir::OpType::kMul: return One(BO::MulOptions, tflite::CreateMulOptions(fbb_, act));
      case ir::OpType::kDiv: return One(BO::DivOptions, tflite::CreateDivOptions(fbb_, act));
      case ir::OpType::kL2Normalization:
        return One(BO::L2NormOptions, tflite::CreateL2NormOptions(fbb_, act));
      default:
        return One(BO::AddOptions, tflite::CreateAddOptions(fbb_, act, o.pot_scale_int16));
    }
  }
  Result<PackedOptions> operator()(const ir::SoftmaxOptions& o) {
    return One(BO::SoftmaxOptions, tflite::CreateSoftmaxOptions(fbb_, o.beta));
  }
  Result<PackedOptions> operator()(const ir::ConcatenationOptions& o) {
    return One(BO::ConcatenationOptions,
               tflite::CreateConcatenationOptions(fbb_, o.axis, ToFormat(o.activation)));
  }
  Result<PackedOptions> operator()(const ir::LocalResponseNormalizationOptions& o) {
    return One(BO::LocalResponseNormalizationOptions,
               tflite::CreateLocalResponseNormalizationOptions(fbb_, o.radius, o.bias, o.alpha,
                                                               o.beta));
  }
  Result<PackedOptions> operator()(const ir::LstmOptions& o) {
    const auto kernel = o.kernel_type == ir::LstmKernelType::kBasic ? tflite::LSTMKernelType::BASIC
                                                                   : tflite::LSTMKernelType::FULL;
    return One(BO::LSTMOptions,
               tflite::CreateLSTMOptions(fbb_, ToFormat(o.activation), o.cell_clip, o.proj_clip,
                                         kernel, o.asymmetric_quantize_inputs));
  }
  Result<PackedOptions> operator()(const ir::SequenceLstmOptions& o) {
    return One(BO::UnidirectionalSequenceLSTMOptions,
               tflite::CreateUnidirectionalSequenceLSTMOptions(
                   fbb_, ToFormat(o.activation), o.cell_clip, o.proj_clip, o.time_major,
                   o.asymmetric_quantize_inputs, o.diagonal_recurrent_tensors));
  }
  Result<PackedOptions> operator()(const ir::BidirectionalSequenceLstmOptions& o) {
    return One(BO::BidirectionalSequenceLSTMOptions,
               tflite::CreateBidirectionalSequenceLSTMOptions(
                   fbb_, ToFormat(o.activation), o.cell_clip, o.proj_clip, o.merge_outputs,
                   o.time_major, o.asymmetric_quantize_inputs));
  }
  Result<PackedOptions> operator()(const ir::RnnOptions& o) {
    if (type_ == ir::OpType::kUnidirectionalSequenceRnn) {
      return One(BO::SequenceRNNOptions,
                 tflite::CreateSequenceRNNOptions(fbb_, o.time_major, ToFormat(o.activation),
                                                  o.asymmetric_quantize_inputs));
    }
    return One(BO::RNNOptions, tflite::CreateRNNOptions(fbb_, ToFormat(o.activation),
                                                         o.asymmetric_quantize_inputs));
  }
  Result<PackedOptions> operator()(const ir::SvdfOptions& o) {
    return One(BO::SVDFOptions, tflite::CreateSVDFOptions(fbb_, o.rank, ToFormat(o.activation),
                                                          o.asymmetric_quantize_inputs));
  }
  Result<PackedOptions> operator()(const ir::ResizeOptions& o) {
    if (type_ == ir::OpType::kResizeNearestNeighbor) {
      return One(BO::ResizeNearestNeighborOptions,
                 tflite::CreateResizeNearestNeighborOptions(fbb_, o.align_corners,
                                                            o.half_pixel_centers));
    }
    return One(BO::ResizeBilinearOptions,
               tflite::CreateResizeBilinearOptions(fbb_, o.align_corners, o.half_pixel_centers));
  }
  Result<PackedOptions> operator()(const ir::ReshapeOptions& o) {
    flatbuffers::Offset<flatbuffers::Vector<int32_t>> shape;
    if (o.new_shape) shape = fbb_.CreateVector(*o.new_shape);
    return One(BO::ReshapeOptions, tflite::CreateReshapeOptions(fbb_, shape));
  }
  Result<PackedOptions> operator()(const ir::BlockSizeOptions& o) {
    if (type_ == ir::OpType::kDepthToSpace) {
      return One(BO::DepthToSpaceOptions, tflite::CreateDepthToSpaceOptions(fbb_, o.block_size));
    }
    return One(BO::SpaceToDepthOptions, tflite::CreateSpaceToDepthOptions(fbb_, o.block_size));
  }
  Result<PackedOptions> operator()(const ir::GatherOptions& o) {
    return One(BO::GatherOptions, tflite::CreateGatherOptions(fbb_, o.axis, o.batch_dims));
  }
  Result<PackedOptions> operator()(const ir::ReducerOptions& o) {
    return One(BO::ReducerOptions, tflite::CreateReducerOptions(fbb_, o.keep_dims));
  }
  Result<PackedOptions> operator()(const ir::SqueezeOptions& o) {
    // The converter always writes squeeze_dims, empty meaning "every size-1 dim".
    return One(BO::SqueezeOptions,
               tflite::CreateSqueezeOptions(fbb_, fbb_.CreateVector(o.squeeze_dims)));
  }
  Result<PackedOptions> operator()(const ir::SplitOptions& o) {
    if (type_ == ir::OpType::kSplitV) {
      return One(BO::SplitVOptions, tflite::CreateSplitVOptions(fbb_, o.num_splits));
    }
    return One(BO::SplitOptions, tflite::CreateSplitOptions(fbb_, o.num_splits));
  }
  Result<PackedOptions> operator()(const ir::StridedSliceOptions& o) {
    return One(BO::StridedSliceOptions,
               tflite::CreateStridedSliceOptions(fbb_, o.begin_mask, o.end_mask, o.ellipsis_mask,
                                                 o.new_axis_mask, o.shrink_axis_mask, o.offset));
  }
  Result<PackedOptions> operator()(const ir::CastOptions& o) {
    return One(BO::CastOptions, tflite::CreateCastOptions(fbb_, ToFormat(o.in_data_type),
                                                          ToFormat(o.out_data_type)));
  }
  Result<PackedOptions> operator()(const ir::OutputTypeOptions& o) {
    const auto t = ToFormat(o.output_type);
    switch (type_) {
      case ir::OpType::kArgMin:
        return One(BO::ArgMinOptions, tflite::CreateArgMinOptions(fbb_, t));
      case ir::OpType::kShape: return One(BO::ShapeOptions, tflite::CreateShapeOptions(fbb_, t));
      default: return One(BO::ArgMaxOptions, tflite::CreateArgMaxOptions(fbb_, t));
    }
  }
  Result<PackedOptions> operator()(const ir::PackOptions& o) {
    return One(BO::PackOptions, tflite::CreatePackOptions(fbb_, o.values_count, o.axis));
  }
  Result<PackedOptions> operator()(const ir::UnpackOptions& o) {
    return One(BO::UnpackOptions, tflite::CreateUnpackOptions(fbb_, o.num, o.axis));
  }
  Result<PackedOptions> operator()(const ir::LeakyReluOptions& o) {
    return One(BO::LeakyReluOptions, tflite::CreateLeakyReluOptions(fbb_, o.alpha));
  }
  Result<PackedOptions> operator()(const ir::MirrorPadOptions& o) {
    const auto mode = o.mode == ir::MirrorPadMode::kSymmetric ? tflite::MirrorPadMode::SYMMETRIC
                                                              : tflite::MirrorPadMode::REFLECT;
    return One(BO::MirrorPadOptions, tflite::CreateMirrorPadOptions(fbb_, mode));
  }
  Result<PackedOptions> operator()(const ir::IfOptions& o) {
    return One(BO::IfOptions, tflite::CreateIfOptions(fbb_, o.then_subgraph, o.else_subgraph));
  }
  Result<PackedOptions> operator()(const ir::WhileOptions& o) {
    return One(BO::WhileOptions,
               tflite::CreateWhileOptions(fbb_, o.cond_subgraph, o.body_subgraph));
  }
  Result<PackedOptions> operator()(const ir::CallOnceOptions& o) {
    return One(BO::CallOnceOptions, tflite::CreateCallOnceOptions(fbb_, o.init_subgraph));
  }
  Result<PackedOptions> operator()(const ir::BatchMatMulOptions& o) {
    return One(BO::BatchMatMulOptions,
               tflite::CreateBatchMatMulOptions(fbb_, o.adj_x, o.adj_y,
                                                o.asymmetric_quantize_inputs));
  }
  Result<PackedOptions> operator()(const ir::GeluOptions& o) {
    return One(BO::GeluOptions, tflite::CreateGeluOptions(fbb_, o.approximate));
  }
  Result<PackedOptions> operator()(const ir::CumsumOptions& o) {
    return One(BO::CumsumOptions, tflite::CreateCumsumOptions(fbb_, o.exclusive, o.reverse));
  }
  Result<PackedOptions> operator()(const ir::OneHotOptions& o) {
    return One(BO::OneHotOptions, tflite::CreateOneHotOptions(fbb_, o.axis));
  }
  Result<PackedOptions> operator()(const ir::FakeQuantOptions& o) {
    return One(BO::FakeQuantOptions,
               tflite::CreateFakeQuantOptions(fbb_, o.min, o.max, o.num_bits, o.narrow_range));
  }
  Result<PackedOptions> operator()(const ir::OpaqueOptions& o) {
    // The bytes are a standalone flatbuffer whose root is the options
    // table. They may come from anywhere that built an IR, so verify them
    // before unpacking, then re-pack into the model being written.
    const bool first = o.which == 1;
    if (!first && o.which != 2) {
      return InvalidArgument("{}: opaque options name union {}, expected 1 or 2", where_, o.which);
    }
    const uint8_t max_type = first ? static_cast<uint8_t>(BO::MAX) : static_cast<uint8_t>(BO2::MAX);
    if (o.type == 0 || o.type > max_type) {
      return InvalidArgument("{}: opaque options have unknown union member {}", where_, o.type);
    }
    if (o.bytes.size() < sizeof(flatbuffers::uoffset_t) ||
        o.bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE) {
      return InvalidArgument("{}: opaque options hold {} bytes, not a flatbuffer table", where_,
                             o.bytes.size());
    }
    flatbuffers::Verifier verifier(o.bytes.data(), o.bytes.size());
    const flatbuffers::uoffset_t root = verifier.VerifyOffset(0);
    const uint8_t* table = o.bytes.data() + root;
    const bool valid =
        root != 0 &&
        (first ? tflite::VerifyBuiltinOptions(verifier, table, static_cast<BO>(o.type))
               : tflite::VerifyBuiltinOptions2(verifier, table, static_cast<BO2>(o.type)));
    if (!valid) {
      return InvalidArgument("{}: opaque options (union member {}) do not verify", where_, o.type);
    }
    PackedOptions out;
    if (first) {
      tflite::BuiltinOptionsUnion u;
      u.type = static_cast<BO>(o.type);
      u.value = tflite::BuiltinOptionsUnion::UnPack(table, u.type, nullptr);
      out.type = u.type;
      out.value = u.Pack(fbb_);
    } else {
      tflite::BuiltinOptions2Union u;
      u.type = static_cast<BO2>(o.type);
      u.value = tflite::BuiltinOptions2Union::UnPack(table, u.type, nullptr);
      out.type2 = u.type;
      out.value2 = u.Pack(fbb_);
    }
    return out;
  }

 private:
  template <typename T>
  static PackedOptions One(BO type, flatbuffers::Offset<T> value) {
    PackedOptions out;
    out.type = type;
    out.value = value.Union();
    return out;
  }
  static PackedOptions One(BO type, flatbuffers::Offset<void> value) {
    PackedOptions out;
    out.type = type;
    out.value = value;
    return out;
  }

  flatbuffers::FlatBufferBuilder& fbb_;
  ir::OpType type_;
  const std::string& where_;
};

}  // namespace

Result<PackedOptions> WriteOptions(flatbuffers::FlatBufferBuilder& fbb, const ir::Op& op,
                                   const std::string& where) {
  return std::visit(OptionsPacker(fbb, op.type, where), op.options);
}

}  // namespace liteforge::tflite_format
