// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// BATCH_MATMUL: out[..., a, c] = sum_k x[..., a, k] * y[..., k, c], where x is
// lhs (transposed in its last two dims when adj_x) and y is rhs (transposed
// when adj_y). Ranks 2 to 5; the leading (batch) dims broadcast NumPy-style
// and the output has the larger rank.
//
// Supported as TFLite's builtin kernel computes them: float32; int8 (int8
// or raw int32 output); int16; int16 x int8; hybrid float32 x int8 (rows of
// lhs quantized on the fly, per-tensor or per-column rhs scales). There is
// no fused activation.
//
// Both operands are fed to the kernels along contiguous depth: a constant
// rhs is transposed once in Prepare, anything else at Eval into scratch.

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

#include "liteforge/kernels/batch_matmul/reference.h"
#include "liteforge/kernels/quant_math.h"
#include "liteforge/ops/activation_range.h"
#include "liteforge/ops/op_checks.h"
#include "liteforge/ops/op_resolver.h"

namespace liteforge::ops {
namespace {

using kernels::MatMulDims;

enum class BmmMode : uint8_t { kFloat, kQs8, kQs8ToS32, kQs16, kQs16Qs8, kHybrid };

// Shape padded on the left with 1s to `rank` dims.
std::vector<int32_t> Extend(const Shape& s, int rank) {
  std::vector<int32_t> out(static_cast<size_t>(rank - s.rank()), 1);
  out.insert(out.end(), s.dims().begin(), s.dims().end());
  return out;
}

class BatchMatMul final : public OpKernel {
 public:
  Status Prepare(PrepareContext& ctx) override {
    LF_RETURN_IF_ERROR(ExpectInputCount(ctx, 2));
    LF_RETURN_IF_ERROR(ExpectOutputCount(ctx, 1));
    LF_ASSIGN_OR_RETURN(const TensorView* lhs, RequiredInput(ctx, 0, "lhs"));
    LF_ASSIGN_OR_RETURN(const TensorView* rhs, RequiredInput(ctx, 1, "rhs"));
    const TensorView& output = ctx.output(0);
    const auto& opts = ctx.options<ir::BatchMatMulOptions>();
    adj_x_ = opts.adj_x;
    adj_y_ = opts.adj_y;
    asymmetric_ = opts.asymmetric_quantize_inputs;

    LF_RETURN_IF_ERROR(ExpectRankBetween(*lhs, "lhs", 2, 5));
    LF_RETURN_IF_ERROR(ExpectRankBetween(*rhs, "rhs", 2, 5));
    LF_RETURN_IF_ERROR(SelectMode(*lhs, *rhs, output));

    // Shapes.
    const int rank = std::max(lhs->shape.rank(), rhs->shape.rank());
    const std::vector<int32_t> l = Extend(lhs->shape, rank);
    const std::vector<int32_t> r = Extend(rhs->shape, rank);
    const int32_t lhs_depth = adj_x_ ? l[rank - 2] : l[rank - 1];
    const int32_t rhs_depth = adj_y_ ? r[rank - 1] : r[rank - 2];
    if (lhs_depth != rhs_depth) {
      return InvalidArgument("{} {} (adj_x={}) and {} {} (adj_y={}) do not agree on the "
                             "contracted dimension ({} vs {})",
                             Describe(*lhs, "lhs"), lhs->shape.ToString(), adj_x_,
                             Describe(*rhs, "rhs"), rhs->shape.ToString(), adj_y_, lhs_depth,
                             rhs_depth);
    }
    dims_ = MatMulDims{adj_x_ ? l[rank - 1] : l[rank - 2], lhs_depth,
                       adj_y_ ? r[rank - 2] : r[rank - 1]};
    std::vector<int32_t> out_dims(static_cast<size_t>(rank));
    for (int i = 0; i < rank - 2; ++i) {
      if (l[i] != r[i] && l[i] != 1 && r[i] != 1) {
        return InvalidArgument("batch dimension {} does not broadcast: {} {} vs {} {}", i,
                               Describe(*lhs, "lhs"), lhs->shape.ToString(),
                               Describe(*rhs, "rhs"), rhs->shape.ToString());
      }
      out_dims[i] = l[i] == 1 ? r[i] : l[i];
    }
    out_dims[rank - 2] = dims_.rows;
    out_dims[rank - 1] = dims_.cols;
    const Shape out_shape(out_dims);
    LF_RETURN_IF_ERROR(ctx.SetOutputShape(0, out_shape));
    BuildBatchIndex(l, r, out_dims, rank);
    lhs_batches_ = lhs->shape.Product(0, lhs->shape.rank() - 2);
    rhs_batches_ = rhs->shape.Product(0, rhs->shape.rank() - 2);

    LF_RETURN_IF_ERROR(PrepareQuantization(*lhs, *rhs, output));

    // Operand layouts for the kernels.
    const size_t lhs_elem = DTypeSize(lhs->dtype);
    const size_t rhs_elem = DTypeSize(rhs->dtype);
    const size_t lhs_bytes = static_cast<size_t>(lhs->num_elements()) * lhs_elem;
    const size_t rhs_bytes = static_cast<size_t>(rhs->num_elements()) * rhs_elem;
    lhs_scratch_ = adj_x_ ? ctx.RequestScratch(lhs_bytes) : -1;
    rhs_scratch_ = -1;
    packed_rhs_ = nullptr;
    const bool rhs_constant = rhs->is_constant && rhs->data != nullptr;
    if (!adj_y_) {
      if (rhs_constant) {
        uint8_t* packed = ctx.AllocatePersistent(rhs_bytes);
        if (packed == nullptr) return ResourceExhausted("cannot allocate the transposed rhs");
        TransposeRhs(rhs->data, packed, rhs_elem);
        packed_rhs_ = packed;
      } else {
        rhs_scratch_ = ctx.RequestScratch(rhs_bytes);
      }
    }
    if (mode_ == BmmMode::kHybrid) {
      quantized_scratch_ = ctx.RequestScratch(static_cast<size_t>(dims_.depth));
      col_sums_.clear();
      col_sums_scratch_ = -1;
      if (asymmetric_) {
        const size_t count = static_cast<size_t>(rhs_batches_) * dims_.cols;
        if (rhs_constant) {
          col_sums_.resize(count);
          const int8_t* rt = reinterpret_cast<const int8_t*>(adj_y_ ? rhs->data : packed_rhs_);
          ComputeColumnSums(rt, col_sums_.data());
        } else {
          col_sums_scratch_ = ctx.RequestScratch(count * sizeof(int32_t));
        }
      }
    }
    return Status::Ok();
  }

  Status Eval(EvalContext& ctx) const override {
    TensorView& output = ctx.output(0);
    if (output.num_elements() == 0) return Status::Ok();
    const TensorView& lhs = *ctx.input(0);
    const TensorView& rhs = *ctx.input(1);
    const size_t lhs_elem = DTypeSize(lhs.dtype);
    const size_t rhs_elem = DTypeSize(rhs.dtype);
    const size_t out_elem = DTypeSize(output.dtype);

    const uint8_t* lhs_base = lhs.data;
    if (adj_x_) {
      uint8_t* t = ctx.scratch(lhs_scratch_);
      // Each [depth, rows] matrix becomes [rows, depth].
      const size_t matrix = static_cast<size_t>(dims_.rows) * dims_.depth * lhs_elem;
      for (int64_t b = 0; b < lhs_batches_; ++b) {
        kernels::TransposeMatrix(lhs.data + b * matrix, dims_.depth, dims_.rows, lhs_elem,
                                 t + b * matrix);
      }
      lhs_base = t;
    }
    const uint8_t* rhs_base = rhs.data;
    if (!adj_y_) {
      if (packed_rhs_ != nullptr) {
        rhs_base = packed_rhs_;
      } else {
        uint8_t* t = ctx.scratch(rhs_scratch_);
        TransposeRhs(rhs.data, t, rhs_elem);
        rhs_base = t;
      }
    }
    const int32_t* col_sums = nullptr;
    if (mode_ == BmmMode::kHybrid && asymmetric_) {
      if (col_sums_scratch_ >= 0) {
        auto* sums = reinterpret_cast<int32_t*>(ctx.scratch(col_sums_scratch_));
        ComputeColumnSums(reinterpret_cast<const int8_t*>(rhs_base), sums);
        col_sums = sums;
      } else {
        col_sums = col_sums_.data();
      }
    }

    const size_t lhs_matrix = static_cast<size_t>(dims_.rows) * dims_.depth;
    const size_t rhs_matrix = static_cast<size_t>(dims_.cols) * dims_.depth;
    const size_t out_matrix = static_cast<size_t>(dims_.rows) * dims_.cols;
    kernels::MatMulQuantParams p = params_;
    for (size_t b = 0; b < lhs_index_.size(); ++b) {
      const uint8_t* x = lhs_base + lhs_index_[b] * lhs_matrix * lhs_elem;
      const uint8_t* y = rhs_base + rhs_index_[b] * rhs_matrix * rhs_elem;
      uint8_t* z = output.data + b * out_matrix * out_elem;
      switch (mode_) {
        case BmmMode::kFloat:
          kernels::f32_matmul__reference(dims_, reinterpret_cast<const float*>(x),
                                         reinterpret_cast<const float*>(y),
                                         reinterpret_cast<float*>(z));
          break;
        case BmmMode::kQs8:
          kernels::qs8_matmul__reference(dims_, reinterpret_cast<const int8_t*>(x),
                                         reinterpret_cast<const int8_t*>(y), p,
                                         reinterpret_cast<int8_t*>(z));
          break;
        case BmmMode::kQs8ToS32:
          kernels::qs8_matmul_s32__reference(dims_, reinterpret_cast<const int8_t*>(x),
                                             reinterpret_cast<const int8_t*>(y),
                                             reinterpret_cast<int32_t*>(z));
          break;
        case BmmMode::kQs16:
          kernels::qs16_matmul__reference(dims_, reinterpret_cast<const int16_t*>(x),
                                          reinterpret_cast<const int16_t*>(y), p,
                                          reinterpret_cast<int16_t*>(z));
          break;
        case BmmMode::kQs16Qs8:
          kernels::qs16_qs8_matmul__reference(dims_, reinterpret_cast<const int16_t*>(x),
                                              reinterpret_cast<const int8_t*>(y), p,
                                              reinterpret_cast<int16_t*>(z));
          break;
        case BmmMode::kHybrid:
          kernels::f32_qs8w_matmul_hybrid__reference(
              dims_, reinterpret_cast<const float*>(x), reinterpret_cast<const int8_t*>(y),
              col_scales_.data(),
              col_sums != nullptr ? col_sums + rhs_index_[b] * dims_.cols : nullptr, asymmetric_,
              reinterpret_cast<int8_t*>(ctx.scratch(quantized_scratch_)),
              reinterpret_cast<float*>(z));
          break;
      }
    }
    return Status::Ok();
  }

 private:
  Status SelectMode(const TensorView& lhs, const TensorView& rhs, const TensorView& output) {
    const DType l = lhs.dtype;
    const DType r = rhs.dtype;
    if (l == DType::kFloat32 && r == DType::kFloat32) {
      LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kFloat32));
      mode_ = BmmMode::kFloat;
    } else if (l == DType::kFloat32 && r == DType::kInt8) {
      LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kFloat32));
      mode_ = BmmMode::kHybrid;
    } else if (l == DType::kInt8 && r == DType::kInt8) {
      LF_RETURN_IF_ERROR(ExpectDTypeIn(output, "output", {DType::kInt8, DType::kInt32}));
      mode_ = output.dtype == DType::kInt8 ? BmmMode::kQs8 : BmmMode::kQs8ToS32;
    } else if (l == DType::kInt16 && (r == DType::kInt16 || r == DType::kInt8)) {
      LF_RETURN_IF_ERROR(ExpectDType(output, "output", DType::kInt16));
      mode_ = r == DType::kInt16 ? BmmMode::kQs16 : BmmMode::kQs16Qs8;
    } else {
      return Unimplemented("{} is {} and {} is {}; supported: float32 x float32, float32 x int8, "
                           "int8 x int8, int16 x int16, int16 x int8",
                           Describe(lhs, "lhs"), DTypeName(l), Describe(rhs, "rhs"),
                           DTypeName(r));
    }
    return Status::Ok();
  }

  Status PrepareQuantization(const TensorView& lhs, const TensorView& rhs,
                             const TensorView& output) {
    params_ = kernels::MatMulQuantParams{};
    if (mode_ == BmmMode::kFloat) return Status::Ok();
    if (mode_ == BmmMode::kHybrid) {
      LF_RETURN_IF_ERROR(ExpectQuantized(rhs, "rhs"));
      const QuantParams& q = *rhs.quant;
      const int column_axis = adj_y_ ? rhs.shape.rank() - 2 : rhs.shape.rank() - 1;
      col_scales_.assign(static_cast<size_t>(dims_.cols), q.scale0());
      if (q.scale.size() > 1) {
        if (q.quantized_dimension != column_axis ||
            static_cast<int>(q.scale.size()) != dims_.cols) {
          return InvalidArgument("{} has {} scales on dimension {}; per-channel rhs needs {} on "
                                 "dimension {}",
                                 Describe(rhs, "rhs"), q.scale.size(), q.quantized_dimension,
                                 dims_.cols, column_axis);
        }
        col_scales_.assign(q.scale.begin(), q.scale.end());
      }
      return Status::Ok();
    }
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(lhs, "lhs"));
    if (rhs.quant == nullptr || rhs.quant->scale.size() != 1) {
      return Unimplemented("{} must have per-tensor quantization for integer BATCH_MATMUL",
                           Describe(rhs, "rhs"));
    }
    params_.lhs_offset = -lhs.zero_point();
    params_.rhs_offset = -rhs.zero_point();
    if (mode_ == BmmMode::kQs8ToS32) return Status::Ok();
    LF_RETURN_IF_ERROR(ExpectPerTensorQuant(output, "output"));
    if (mode_ == BmmMode::kQs16 || mode_ == BmmMode::kQs16Qs8) {
      if (lhs.zero_point() != 0 || rhs.zero_point() != 0 || output.zero_point() != 0) {
        return InvalidArgument("int16 BATCH_MATMUL needs zero points 0 (lhs {}, rhs {}, output {})",
                               lhs.zero_point(), rhs.zero_point(), output.zero_point());
      }
    }
    // TFLite: the input scales are multiplied in float, the quotient taken
    // in double.
    const double real = static_cast<double>(lhs.scale() * rhs.scale()) /
                        static_cast<double>(output.scale());
    if (!(real >= 0) || !(output.scale() > 0.f)) {
      return InvalidArgument("quantization scales must be positive (lhs {}, rhs {}, output {})",
                             lhs.scale(), rhs.scale(), output.scale());
    }
    int exponent = 0;
    kernels::QuantizeMultiplier(real, &params_.multiplier, &exponent);
    params_.exponent = exponent;
    params_.output_offset = output.zero_point();
    const QuantRange range = DTypeRange(output.dtype);
    params_.act_min = range.min;
    params_.act_max = range.max;
    return Status::Ok();
  }

  // For every output batch, the lhs and rhs batch it reads (broadcast dims
  // stay at 0).
  void BuildBatchIndex(const std::vector<int32_t>& l, const std::vector<int32_t>& r,
                       const std::vector<int32_t>& out, int rank) {
    const int batch_rank = rank - 2;
    int64_t total = 1;
    for (int i = 0; i < batch_rank; ++i) total *= out[i];
    lhs_index_.assign(static_cast<size_t>(total), 0);
    rhs_index_.assign(static_cast<size_t>(total), 0);
    std::vector<int32_t> coord(static_cast<size_t>(batch_rank), 0);
    for (int64_t b = 0; b < total; ++b) {
      int64_t li = 0;
      int64_t ri = 0;
      for (int i = 0; i < batch_rank; ++i) {
        li = li * l[i] + (l[i] == 1 ? 0 : coord[i]);
        ri = ri * r[i] + (r[i] == 1 ? 0 : coord[i]);
      }
      lhs_index_[static_cast<size_t>(b)] = li;
      rhs_index_[static_cast<size_t>(b)] = ri;
      for (int i = batch_rank - 1; i >= 0; --i) {
        if (++coord[i] < out[i]) break;
        coord[i] = 0;
      }
    }
  }

  // Every rhs [depth, cols] matrix becomes [cols, depth].
  void TransposeRhs(const uint8_t* rhs, uint8_t* out, size_t elem) const {
    const size_t matrix = static_cast<size_t>(dims_.cols) * dims_.depth * elem;
    for (int64_t b = 0; b < rhs_batches_; ++b) {
      kernels::TransposeMatrix(rhs + b * matrix, dims_.depth, dims_.cols, elem, out + b * matrix);
    }
  }

  // Sums of every [cols, depth] rhs row, for the asymmetric hybrid path.
  void ComputeColumnSums(const int8_t* rhs_t, int32_t* sums) const {
    const int64_t rows = rhs_batches_ * dims_.cols;
    for (int64_t c = 0; c < rows; ++c) {
      int32_t s = 0;
      const int8_t* row = rhs_t + c * dims_.depth;
      for (int k = 0; k < dims_.depth; ++k) s += row[k];
      sums[c] = s;
    }
  }

  BmmMode mode_ = BmmMode::kFloat;
  bool adj_x_ = false;
  bool adj_y_ = false;
  bool asymmetric_ = false;
  MatMulDims dims_;
  int64_t lhs_batches_ = 1;
  int64_t rhs_batches_ = 1;
  std::vector<int64_t> lhs_index_;
  std::vector<int64_t> rhs_index_;
  kernels::MatMulQuantParams params_;
  int lhs_scratch_ = -1;
  int rhs_scratch_ = -1;
  const uint8_t* packed_rhs_ = nullptr;  // plan-lifetime memory
  // Hybrid.
  std::vector<float> col_scales_;
  std::vector<int32_t> col_sums_;
  int col_sums_scratch_ = -1;
  int quantized_scratch_ = -1;
};

}  // namespace

void RegisterBatchMatMul(OpResolver& r) {
  // TFLite's builtin resolver registers versions 1-4.
  r.AddBuiltin(ir::OpType::kBatchMatMul, MakeKernel<BatchMatMul>, 1, 4);
}

}  // namespace liteforge::ops
