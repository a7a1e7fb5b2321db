// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The one place every op this build ships is registered. Each op file
// defines Register<Op>(OpResolver&) declaring the versions it implements.

#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {

// --- convolution and matrix ops
void RegisterConv2D(OpResolver&);
void RegisterDepthwiseConv2D(OpResolver&);
void RegisterBatchMatMul(OpResolver&);
void RegisterFullyConnected(OpResolver&);
void RegisterTransposeConv(OpResolver&);
void RegisterConvolution2DTransposeBias(OpResolver&);
// --- elementwise binary ops
void RegisterAdd(OpResolver&);
void RegisterSub(OpResolver&);
void RegisterMul(OpResolver&);
void RegisterDiv(OpResolver&);
void RegisterFloorDiv(OpResolver&);
void RegisterFloorMod(OpResolver&);
void RegisterMinimum(OpResolver&);
void RegisterMaximum(OpResolver&);
void RegisterPow(OpResolver&);
void RegisterSquaredDifference(OpResolver&);
void RegisterEqual(OpResolver&);
void RegisterNotEqual(OpResolver&);
void RegisterLess(OpResolver&);
void RegisterLessEqual(OpResolver&);
void RegisterGreater(OpResolver&);
void RegisterGreaterEqual(OpResolver&);
void RegisterLogicalAnd(OpResolver&);
void RegisterLogicalOr(OpResolver&);
void RegisterLogicalNot(OpResolver&);
void RegisterSelect(OpResolver&);
void RegisterSelectV2(OpResolver&);
void RegisterPrelu(OpResolver&);
void RegisterAddN(OpResolver&);
// --- unary ops and activations
void RegisterHardSwish(OpResolver&);
void RegisterElu(OpResolver&);
void RegisterGelu(OpResolver&);
void RegisterExp(OpResolver&);
void RegisterLog(OpResolver&);
void RegisterSqrt(OpResolver&);
void RegisterRsqrt(OpResolver&);
void RegisterSquare(OpResolver&);
void RegisterAbs(OpResolver&);
void RegisterNeg(OpResolver&);
void RegisterSin(OpResolver&);
void RegisterCos(OpResolver&);
void RegisterFloor(OpResolver&);
void RegisterCeil(OpResolver&);
void RegisterRound(OpResolver&);
void RegisterSign(OpResolver&);
void RegisterSoftmax(OpResolver&);
void RegisterLogSoftmax(OpResolver&);
void RegisterL2Normalization(OpResolver&);
void RegisterLocalResponseNormalization(OpResolver&);
void RegisterQuantize(OpResolver&);
void RegisterDequantize(OpResolver&);
void RegisterCast(OpResolver&);
void RegisterLogistic(OpResolver&);
void RegisterTanh(OpResolver&);
void RegisterRelu(OpResolver&);
void RegisterRelu6(OpResolver&);
void RegisterReluN1To1(OpResolver&);
void RegisterRelu0To1(OpResolver&);
void RegisterLeakyRelu(OpResolver&);
// --- shape and data movement ops
void RegisterReshape(OpResolver&);
void RegisterConcatenation(OpResolver&);
void RegisterSplit(OpResolver&);
void RegisterSplitV(OpResolver&);
void RegisterPack(OpResolver&);
void RegisterUnpack(OpResolver&);
void RegisterStridedSlice(OpResolver&);
void RegisterSlice(OpResolver&);
void RegisterGather(OpResolver&);
void RegisterGatherNd(OpResolver&);
void RegisterScatterNd(OpResolver&);
void RegisterTranspose(OpResolver&);
void RegisterPad(OpResolver&);
void RegisterPadV2(OpResolver&);
void RegisterMirrorPad(OpResolver&);
void RegisterTile(OpResolver&);
void RegisterBroadcastTo(OpResolver&);
void RegisterShape(OpResolver&);
void RegisterRank(OpResolver&);
void RegisterFill(OpResolver&);
void RegisterZerosLike(OpResolver&);
void RegisterRange(OpResolver&);
void RegisterSqueeze(OpResolver&);
void RegisterExpandDims(OpResolver&);
void RegisterDepthToSpace(OpResolver&);
void RegisterSpaceToDepth(OpResolver&);
void RegisterSpaceToBatchNd(OpResolver&);
void RegisterBatchToSpaceNd(OpResolver&);
void RegisterReverseV2(OpResolver&);
void RegisterOneHot(OpResolver&);
void RegisterCumsum(OpResolver&);
void RegisterWhere(OpResolver&);
void RegisterDensify(OpResolver&);
// --- pooling, reduction, resize
void RegisterAveragePool2D(OpResolver&);
void RegisterMaxPool2D(OpResolver&);
void RegisterL2Pool2D(OpResolver&);
void RegisterResizeBilinear(OpResolver&);
void RegisterResizeNearestNeighbor(OpResolver&);
void RegisterArgMax(OpResolver&);
void RegisterArgMin(OpResolver&);
void RegisterMean(OpResolver&);
void RegisterSum(OpResolver&);
void RegisterReduceProd(OpResolver&);
void RegisterReduceMax(OpResolver&);
void RegisterReduceMin(OpResolver&);
void RegisterReduceAny(OpResolver&);
void RegisterReduceAll(OpResolver&);
void RegisterMaxPoolingWithArgmax2D(OpResolver&);
void RegisterMaxUnpooling2D(OpResolver&);
void RegisterTopKV2(OpResolver&);
// --- sequence, recurrent and detection ops
void RegisterUnidirectionalSequenceLstm(OpResolver&);
void RegisterSvdf(OpResolver&);
void RegisterDetectionPostProcess(OpResolver&);
// --- control flow
void RegisterCallOnce(OpResolver&);
void RegisterIf(OpResolver&);
void RegisterWhile(OpResolver&);

void RegisterBuiltinOps(OpResolver& r) {
  // --- convolution and matrix ops
  RegisterConv2D(r);
  RegisterDepthwiseConv2D(r);
  RegisterBatchMatMul(r);
  RegisterFullyConnected(r);
  RegisterTransposeConv(r);
  RegisterConvolution2DTransposeBias(r);
  // --- elementwise binary ops
  RegisterAdd(r);
  RegisterSub(r);
  RegisterMul(r);
  RegisterDiv(r);
  RegisterFloorDiv(r);
  RegisterFloorMod(r);
  RegisterMinimum(r);
  RegisterMaximum(r);
  RegisterPow(r);
  RegisterSquaredDifference(r);
  RegisterEqual(r);
  RegisterNotEqual(r);
  RegisterLess(r);
  RegisterLessEqual(r);
  RegisterGreater(r);
  RegisterGreaterEqual(r);
  RegisterLogicalAnd(r);
  RegisterLogicalOr(r);
  RegisterLogicalNot(r);
  RegisterSelect(r);
  RegisterSelectV2(r);
  RegisterPrelu(r);
  RegisterAddN(r);
  // --- unary ops and activations
  RegisterHardSwish(r);
  RegisterElu(r);
  RegisterGelu(r);
  RegisterExp(r);
  RegisterLog(r);
  RegisterSqrt(r);
  RegisterRsqrt(r);
  RegisterSquare(r);
  RegisterAbs(r);
  RegisterNeg(r);
  RegisterSin(r);
  RegisterCos(r);
  RegisterFloor(r);
  RegisterCeil(r);
  RegisterRound(r);
  RegisterSign(r);
  RegisterSoftmax(r);
  RegisterLogSoftmax(r);
  RegisterL2Normalization(r);
  RegisterLocalResponseNormalization(r);
  RegisterQuantize(r);
  RegisterDequantize(r);
  RegisterCast(r);
  RegisterLogistic(r);
  RegisterTanh(r);
  RegisterRelu(r);
  RegisterRelu6(r);
  RegisterReluN1To1(r);
  RegisterRelu0To1(r);
  RegisterLeakyRelu(r);
  // --- shape and data movement ops
  RegisterReshape(r);
  RegisterConcatenation(r);
  RegisterSplit(r);
  RegisterSplitV(r);
  RegisterPack(r);
  RegisterUnpack(r);
  RegisterStridedSlice(r);
  RegisterSlice(r);
  RegisterGather(r);
  RegisterGatherNd(r);
  RegisterScatterNd(r);
  RegisterTranspose(r);
  RegisterPad(r);
  RegisterPadV2(r);
  RegisterMirrorPad(r);
  RegisterTile(r);
  RegisterBroadcastTo(r);
  RegisterShape(r);
  RegisterRank(r);
  RegisterFill(r);
  RegisterZerosLike(r);
  RegisterRange(r);
  RegisterSqueeze(r);
  RegisterExpandDims(r);
  RegisterDepthToSpace(r);
  RegisterSpaceToDepth(r);
  RegisterSpaceToBatchNd(r);
  RegisterBatchToSpaceNd(r);
  RegisterReverseV2(r);
  RegisterOneHot(r);
  RegisterCumsum(r);
  RegisterWhere(r);
  RegisterDensify(r);
  // --- pooling, reduction, resize
  RegisterAveragePool2D(r);
  RegisterMaxPool2D(r);
  RegisterL2Pool2D(r);
  RegisterResizeBilinear(r);
  RegisterResizeNearestNeighbor(r);
  RegisterArgMax(r);
  RegisterArgMin(r);
  RegisterMean(r);
  RegisterSum(r);
  RegisterReduceProd(r);
  RegisterReduceMax(r);
  RegisterReduceMin(r);
  RegisterReduceAny(r);
  RegisterReduceAll(r);
  RegisterMaxPoolingWithArgmax2D(r);
  RegisterMaxUnpooling2D(r);
  RegisterTopKV2(r);
  // --- sequence, recurrent and detection ops
  RegisterUnidirectionalSequenceLstm(r);
  RegisterSvdf(r);
  RegisterDetectionPostProcess(r);
  // --- control flow
  RegisterCallOnce(r);
  RegisterIf(r);
  RegisterWhile(r);
}

}  // namespace liteforge::ops
