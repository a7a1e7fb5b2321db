// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The LSTM variant table built from variants.inc, and the weight packing
// for the variants' layouts. Portable: it only takes the kernels'
// addresses and moves bytes.

#include "liteforge/kernels/lstm/lstm_variants.h"

#include <cstring>
#include <utility>

#include "liteforge/kernels/variant_table.h"

namespace liteforge::kernels {
namespace {

// Ends with a sentinel so that a build without SIMD kernels still has a
// well-formed (empty) table.
constexpr LstmVariant kVariants[] = {
#define LF_LSTM(isa, qs8_tile_rows, qs8_group, qs8_bytes, qs8_offset, qs8_products,               \
                hybrid_products, qs16_sigmoid, qs16_tanh, f32_tile_rows, f32_products, f32_sigmoid, \
                f32_tanh)                                                                         \
  {#qs8_products,                                                                                 \
   Isa::isa,                                                                                      \
   {qs8_tile_rows, qs8_group, qs8_bytes, qs8_offset},                                             \
   &qs8_products,                                                                                 \
   &hybrid_products,                                                                              \
   &qs16_sigmoid,                                                                                 \
   &qs16_tanh,                                                                                    \
   f32_tile_rows,                                                                                 \
   &f32_products,                                                                                 \
   &f32_sigmoid,                                                                                  \
   &f32_tanh},
#include "liteforge/kernels/lstm/variants.inc"
#undef LF_LSTM
    {nullptr, Isa::kReference, {}, nullptr, nullptr, nullptr, nullptr, 0, nullptr, nullptr, nullptr},
};

int64_t RoundUp(int64_t v, int64_t m) { return (v + m - 1) / m * m; }

}  // namespace

std::span<const LstmVariant> LstmVariants() { return VariantsOf(kVariants); }

const LstmVariant* SelectLstm(Isa max_isa) { return SelectVariant(LstmVariants(), max_isa); }

size_t LstmQs8PackedBytes(const LstmQs8Layout& layout, int32_t rows, int32_t cols) {
  return static_cast<size_t>(RoundUp(rows, layout.tile_rows) * RoundUp(cols, layout.group) *
                             layout.element_bytes);
}

void PackLstmQs8(const LstmQs8Layout& layout, const int8_t* const* mats, int n_mats,
                 int32_t rows_per_mat, int32_t cols, void* out) {
  const int64_t rows = static_cast<int64_t>(n_mats) * rows_per_mat;
  const int64_t tr = layout.tile_rows;
  const int64_t gr = layout.group;
  const int64_t groups = RoundUp(cols, gr) / gr;
  const int64_t tiles = RoundUp(rows, tr) / tr;
  std::memset(out, 0, LstmQs8PackedBytes(layout, static_cast<int32_t>(rows), cols));
  auto* bytes = static_cast<int8_t*>(out);
  auto* words = static_cast<int16_t*>(out);
  for (int64_t t = 0; t < tiles; ++t) {
    for (int64_t k = 0; k < groups; ++k) {
      for (int64_t i = 0; i < tr; ++i) {
        const int64_t r = t * tr + i;
        if (r >= rows) break;
        const int8_t* src = mats[r / rows_per_mat] + (r % rows_per_mat) * cols;
        for (int64_t j = 0; j < gr; ++j) {
          const int64_t c = k * gr + j;
          if (c >= cols) break;
          const int64_t at = ((t * groups + k) * tr + i) * gr + j;
          if (layout.element_bytes == 1) {
            bytes[at] = src[c];
          } else {
            words[at] = src[c];
          }
        }
      }
    }
  }
}

size_t LstmF32PackedFloats(int32_t tile_rows, int32_t rows, int32_t n_input, int32_t n_output) {
  return static_cast<size_t>(RoundUp(rows, tile_rows) * (int64_t{n_input} + n_output));
}

void PackLstmF32(int32_t tile_rows, const float* const* in_mats, const float* const* rec_mats,
                 int n_mats, int32_t rows_per_mat, int32_t n_input, int32_t n_output, float* out) {
  const int64_t rows = static_cast<int64_t>(n_mats) * rows_per_mat;
  const int64_t cols = int64_t{n_input} + n_output;
  const int64_t tiles = RoundUp(rows, tile_rows) / tile_rows;
  std::memset(out, 0, LstmF32PackedFloats(tile_rows, static_cast<int32_t>(rows), n_input,
                                          n_output) * sizeof(float));
  for (int64_t t = 0; t < tiles; ++t) {
    for (int64_t i = 0; i < tile_rows; ++i) {
      const int64_t r = t * tile_rows + i;
      if (r >= rows) break;
      const int64_t m = r / rows_per_mat;
      const int64_t row = r % rows_per_mat;
      for (int64_t c = 0; c < cols; ++c) {
        const float w = c < n_input ? in_mats[m][row * n_input + c]
                                    : rec_mats[m][row * n_output + (c - n_input)];
        out[(t * cols + c) * tile_rows + i] = w;
      }
    }
  }
}

namespace {

size_t Aligned(size_t bytes) { return (bytes + 63) / 64 * 64; }

// Gates with weights: 4, or 3 under CIFG (no input gate).
int FirstGate(bool cifg) { return cifg ? kGateForget : kGateInput; }

}  // namespace

size_t LstmQs8StagesBytes(const LstmVariant& v, const LstmDims& d) {
  const int32_t rows = 4 * d.n_cell;
  return Aligned(LstmQs8PackedBytes(v.qs8_layout, rows, d.n_input)) +
         Aligned(LstmQs8PackedBytes(v.qs8_layout, rows, d.n_output)) +
         Aligned(8 * static_cast<size_t>(rows) * sizeof(int32_t));
}

bool PrepareLstmQs8Stages(const LstmVariant& v, const LstmDims& d, const LstmQs8Params& p,
                          void* memory, LstmQs8Stages* stages) {
  const bool cifg = p.gates[kGateInput].input_weights == nullptr;
  const int first = FirstGate(cifg);
  const int n_mats = 4 - first;
  const int32_t rows = n_mats * d.n_cell;
  for (int g = first; g < 4; ++g) {
    const LstmQs8Gate& q = p.gates[g];
    for (const auto& [mult, shift] : {std::pair{q.input_multiplier, q.input_shift},
                                      std::pair{q.recurrent_multiplier, q.recurrent_shift}}) {
      if (mult < 0 || shift > 30 || shift < -31) return false;
    }
  }
  const int8_t* in_mats[4];
  const int8_t* rec_mats[4];
  for (int g = first; g < 4; ++g) {
    in_mats[g - first] = p.gates[g].input_weights;
    rec_mats[g - first] = p.gates[g].recurrent_weights;
  }
  auto* next = static_cast<uint8_t*>(memory);
  LstmQs8Stacked s;
  s.rows = rows;
  s.first_gate = first;
  s.input_weights = next;
  PackLstmQs8(v.qs8_layout, in_mats, n_mats, d.n_cell, d.n_input, next);
  next += Aligned(LstmQs8PackedBytes(v.qs8_layout, 4 * d.n_cell, d.n_input));
  s.recurrent_weights = next;
  PackLstmQs8(v.qs8_layout, rec_mats, n_mats, d.n_cell, d.n_output, next);
  next += Aligned(LstmQs8PackedBytes(v.qs8_layout, 4 * d.n_cell, d.n_output));
  auto* ints = reinterpret_cast<int32_t*>(next);
  int32_t* in_bias = ints;
  int32_t* rec_bias = ints + rows;
  int32_t* in_scale = ints + 2 * rows;
  int32_t* rec_scale = ints + 5 * rows;
  // bias - offset * row sum, wrapping like the kernels' int32 sums.
  auto fold = [&](const int32_t* bias, const int8_t* w, int32_t cols) {
    int32_t sum = 0;
    for (int32_t c = 0; c < cols; ++c) sum += w[c];
    return static_cast<int32_t>(static_cast<uint32_t>(bias[0]) -
                                static_cast<uint32_t>(sum) *
                                    static_cast<uint32_t>(v.qs8_layout.input_offset));
  };
  for (int32_t r = 0; r < rows; ++r) {
    const LstmQs8Gate& q = p.gates[first + r / d.n_cell];
    const int32_t i = r % d.n_cell;
    in_bias[r] = fold(q.input_effective_bias + i, q.input_weights + int64_t{i} * d.n_input,
                      d.n_input);
    rec_bias[r] = fold(q.recurrent_effective_bias + i,
                       q.recurrent_weights + int64_t{i} * d.n_output, d.n_output);
    in_scale[r] = q.input_multiplier;
    in_scale[rows + r] = q.input_shift > 0 ? q.input_shift : 0;
    in_scale[2 * rows + r] = q.input_shift > 0 ? 0 : -q.input_shift;
    rec_scale[r] = q.recurrent_multiplier;
    rec_scale[rows + r] = q.recurrent_shift > 0 ? q.recurrent_shift : 0;
    rec_scale[2 * rows + r] = q.recurrent_shift > 0 ? 0 : -q.recurrent_shift;
  }
  s.input_bias = in_bias;
  s.recurrent_bias = rec_bias;
  s.input_scale = in_scale;
  s.recurrent_scale = rec_scale;
  stages->gate_products = v.qs8_gate_products;
  stages->stacked = s;
  stages->sigmoid = v.qs16_sigmoid;
  stages->tanh = v.qs16_tanh;
  return true;
}

size_t LstmHybridStagesBytes(const LstmVariant& v, const LstmDims& d) {
  const int32_t rows = 4 * d.n_cell;
  return Aligned(LstmQs8PackedBytes(v.qs8_layout, rows, d.n_input)) +
         Aligned(LstmQs8PackedBytes(v.qs8_layout, rows, d.n_output)) +
         Aligned(4 * static_cast<size_t>(rows) * sizeof(int32_t));
}

void PrepareLstmHybridStages(const LstmVariant& v, const LstmDims& d, const LstmHybridParams& p,
                             void* memory, LstmHybridStages* stages) {
  const bool cifg = p.gates[kGateInput].input_weights.data == nullptr;
  const int first = FirstGate(cifg);
  const int n_mats = 4 - first;
  const int32_t rows = n_mats * d.n_cell;
  const int8_t* in_mats[4];
  const int8_t* rec_mats[4];
  for (int g = first; g < 4; ++g) {
    in_mats[g - first] = p.gates[g].input_weights.data;
    rec_mats[g - first] = p.gates[g].recurrent_weights.data;
  }
  auto* next = static_cast<uint8_t*>(memory);
  LstmHybridStacked s;
  s.rows = rows;
  s.first_gate = first;
  s.input_weights = next;
  PackLstmQs8(v.qs8_layout, in_mats, n_mats, d.n_cell, d.n_input, next);
  next += Aligned(LstmQs8PackedBytes(v.qs8_layout, 4 * d.n_cell, d.n_input));
  s.recurrent_weights = next;
  PackLstmQs8(v.qs8_layout, rec_mats, n_mats, d.n_cell, d.n_output, next);
  next += Aligned(LstmQs8PackedBytes(v.qs8_layout, 4 * d.n_cell, d.n_output));
  auto* in_sums = reinterpret_cast<int32_t*>(next);
  int32_t* rec_sums = in_sums + rows;
  auto* in_scale = reinterpret_cast<float*>(in_sums + 2 * rows);
  float* rec_scale = in_scale + rows;
  for (int32_t r = 0; r < rows; ++r) {
    const LstmHybridGate& g = p.gates[first + r / d.n_cell];
    const int64_t i = r % d.n_cell;
    HybridLstmRowSums(g.input_weights.data + i * d.n_input, 1, d.n_input, &in_sums[r]);
    HybridLstmRowSums(g.recurrent_weights.data + i * d.n_output, 1, d.n_output, &rec_sums[r]);
    in_scale[r] = g.input_weights.scale;
    rec_scale[r] = g.recurrent_weights.scale;
  }
  s.input_row_sums = in_sums;
  s.recurrent_row_sums = rec_sums;
  s.input_weight_scale = in_scale;
  s.recurrent_weight_scale = rec_scale;
  stages->gate_products = v.hybrid_gate_products;
  stages->stacked = s;
  stages->sigmoid = v.f32_sigmoid;
  stages->tanh = v.f32_tanh;
}

size_t LstmF32StagesBytes(const LstmVariant& v, const LstmDims& d) {
  const int32_t rows = 4 * d.n_cell;
  return Aligned(LstmF32PackedFloats(v.f32_tile_rows, rows, d.n_input, d.n_output) *
                 sizeof(float)) +
         Aligned(static_cast<size_t>(rows) * sizeof(float));
}

void PrepareLstmF32Stages(const LstmVariant& v, const LstmDims& d, const LstmF32Params& p,
                          void* memory, LstmF32Stages* stages) {
  const bool cifg = p.gates[kGateInput].input_weights == nullptr;
  const int first = FirstGate(cifg);
  const int n_mats = 4 - first;
  const int32_t rows = n_mats * d.n_cell;
  const float* in_mats[4];
  const float* rec_mats[4];
  for (int g = first; g < 4; ++g) {
    in_mats[g - first] = p.gates[g].input_weights;
    rec_mats[g - first] = p.gates[g].recurrent_weights;
  }
  auto* weights = static_cast<float*>(memory);
  PackLstmF32(v.f32_tile_rows, in_mats, rec_mats, n_mats, d.n_cell, d.n_input, d.n_output,
              weights);
  auto* bias = reinterpret_cast<float*>(
      static_cast<uint8_t*>(memory) +
      Aligned(LstmF32PackedFloats(v.f32_tile_rows, 4 * d.n_cell, d.n_input, d.n_output) *
              sizeof(float)));
  for (int32_t r = 0; r < rows; ++r) {
    const LstmF32Gate& g = p.gates[first + r / d.n_cell];
    bias[r] = g.layer_norm != nullptr ? 0.f : g.bias[r % d.n_cell];
  }
  stages->gate_products = v.f32_gate_products;
  stages->stacked.rows = rows;
  stages->stacked.first_gate = first;
  stages->stacked.weights = weights;
  stages->stacked.bias = bias;
  stages->sigmoid = v.f32_sigmoid;
  stages->tanh = v.f32_tanh;
}

}  // namespace liteforge::kernels
