// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Validation helpers for Prepare. Each returns a Status whose message names
// the tensor by role, index and name ("filter (tensor 42 'conv1/weights')
// has 3 dims, expected 4"); the runtime adds the op's own description.

#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "liteforge/base/status.h"
#include "liteforge/ops/op_kernel.h"

namespace liteforge::ops {

// "filter (tensor 42 'conv1/weights')"
std::string Describe(const TensorView& t, std::string_view role);

Status ExpectInputCount(const PrepareContext& ctx, int min, int max);
inline Status ExpectInputCount(const PrepareContext& ctx, int n) { return ExpectInputCount(ctx, n, n); }
Status ExpectOutputCount(const PrepareContext& ctx, int min, int max);
inline Status ExpectOutputCount(const PrepareContext& ctx, int n) { return ExpectOutputCount(ctx, n, n); }

// Input i, which must be present (not omitted).
Result<const TensorView*> RequiredInput(const PrepareContext& ctx, int i, std::string_view role);

Status ExpectRank(const TensorView& t, std::string_view role, int rank);
Status ExpectRankBetween(const TensorView& t, std::string_view role, int min, int max);
Status ExpectDType(const TensorView& t, std::string_view role, DType dtype);
Status ExpectDTypeIn(const TensorView& t, std::string_view role, std::initializer_list<DType> dtypes);
Status ExpectSameDType(const TensorView& a, std::string_view role_a, const TensorView& b,
                       std::string_view role_b);
Status ExpectConstant(const TensorView& t, std::string_view role);
// A quantized tensor must carry one scale and zero point.
Status ExpectPerTensorQuant(const TensorView& t, std::string_view role);
// Every zero point of `t` fits its dtype (int8, uint8, int16, ...): a corrupt
// model's out-of-range zero point would overflow the int32 offset
// arithmetic of the integer kernels. No quantization passes.
Status ExpectZeroPointInRange(const TensorView& t, std::string_view role);
// int8/uint8/int16 tensors used as quantized activations need quantization.
Status ExpectQuantized(const TensorView& t, std::string_view role);

// Reads an integer tensor (int32 or int64) that must be constant, e.g. a
// RESHAPE shape or a PAD paddings input, into int64 values.
Result<std::vector<int64_t>> ReadConstantInts(const TensorView& t, std::string_view role);
// Same for a tensor whose values are known only at Eval (data bound).
std::vector<int64_t> ReadInts(const TensorView& t);

// Normalizes a possibly negative axis against `rank`; error names the role.
Result<int> NormalizeAxis(int64_t axis, int rank, std::string_view role);

}  // namespace liteforge::ops
