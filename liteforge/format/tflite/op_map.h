// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The mapping between the .tflite format's operators and liteforge's IR:
// builtin operator codes <-> ir::OpType (via ops.def), tensor types <->
// DType, and option tables <-> ir option structs, in both directions.
// Internal to the format layer (it includes the generated schema).

#pragma once

#include <optional>
#include <string>

#include <flatbuffers/flatbuffers.h>

#include "liteforge/base/status.h"
#include "liteforge/format/tflite/schema/tflite_generated.h"
#include "liteforge/ir/graph.h"

namespace liteforge::tflite_format {

std::optional<ir::OpType> OpTypeFromBuiltin(int32_t code);
tflite::BuiltinOperator BuiltinFromOpType(ir::OpType type);

std::optional<DType> DTypeFromTensorType(int8_t type);
tflite::TensorType TensorTypeFromDType(DType dtype);

// Reads an operator's options (either union) into IR form. `where` names
// the op in errors.
Result<ir::OpOptions> ReadOptions(const tflite::Operator& op, const std::string& where);

// An options union member ready to be attached to an Operator.
struct PackedOptions {
  tflite::BuiltinOptions type = tflite::BuiltinOptions::NONE;
  flatbuffers::Offset<void> value;
  tflite::BuiltinOptions2 type2 = tflite::BuiltinOptions2::NONE;
  flatbuffers::Offset<void> value2;
};

// Writes `op`'s options into `fbb`; the union member is chosen by op type
// (ADD -> AddOptions) so files match what TFLite's converter writes.
Result<PackedOptions> WriteOptions(flatbuffers::FlatBufferBuilder& fbb, const ir::Op& op,
                                   const std::string& where);

}  // namespace liteforge::tflite_format
