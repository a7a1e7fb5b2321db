// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/kernels/pad/reference.h"

#include <cstring>

#include "liteforge/kernels/data_movement/reference.h"

namespace liteforge::kernels {
namespace {

void FillElements(uint8_t* out, int64_t count, const uint8_t* element, size_t element_bytes) {
  x8_fill_pattern__reference(out, count, element, element_bytes);
}

// Writes output dims [d, rank) for the input block at `in`; returns the end
// of what it wrote.
uint8_t* PadLevel(const PadGeometry& g, size_t d, const uint8_t* in, const uint8_t* pad,
                  uint8_t* out) {
  const size_t eb = g.element_bytes;
  const int64_t n = g.in_dims[d];
  if (d + 1 == g.in_dims.size()) {
    FillElements(out, g.before[d], pad, eb);
    out += static_cast<size_t>(g.before[d]) * eb;
    if (n > 0) std::memcpy(out, in, static_cast<size_t>(n) * eb);
    out += static_cast<size_t>(n) * eb;
    FillElements(out, g.after[d], pad, eb);
    return out + static_cast<size_t>(g.after[d]) * eb;
  }
  const int64_t block = g.out_inner[d];
  FillElements(out, g.before[d] * block, pad, eb);
  out += static_cast<size_t>(g.before[d] * block) * eb;
  const size_t in_step = static_cast<size_t>(g.in_inner[d]) * eb;
  for (int64_t i = 0; i < n; ++i) out = PadLevel(g, d + 1, in + static_cast<size_t>(i) * in_step, pad, out);
  FillElements(out, g.after[d] * block, pad, eb);
  return out + static_cast<size_t>(g.after[d] * block) * eb;
}

// Input index that output index j of a mirrored dim reads.
int32_t MirrorSource(int64_t j, int64_t before, int64_t size, bool symmetric) {
  const int64_t skip = symmetric ? 0 : 1;
  if (j < before) return static_cast<int32_t>(before - j - 1 + skip);
  const int64_t i = j - before;
  if (i < size) return static_cast<int32_t>(i);
  const int64_t k = i - size;  // 0 for the first element after the input
  return static_cast<int32_t>(size - 1 - k - skip);
}

uint8_t* MirrorLevel(const MirrorPadGeometry& g, size_t d, const uint8_t* in, uint8_t* out) {
  const size_t eb = g.element_bytes;
  const std::vector<int32_t>& src = g.source[d];
  const int64_t n_out = g.out_dims[d];
  if (d + 1 == g.in_dims.size()) {
    const int64_t before = g.before[d];
    const int64_t n_in = g.in_dims[d];
    for (int64_t j = 0; j < n_out;) {
      if (j == before && n_in > 0) {  // the unmirrored middle is one run
        std::memcpy(out, in, static_cast<size_t>(n_in) * eb);
        out += static_cast<size_t>(n_in) * eb;
        j += n_in;
        continue;
      }
      std::memcpy(out, in + static_cast<size_t>(src[j]) * eb, eb);
      out += eb;
      ++j;
    }
    return out;
  }
  const size_t in_step = static_cast<size_t>(g.in_inner[d]) * eb;
  for (int64_t j = 0; j < n_out; ++j) {
    out = MirrorLevel(g, d + 1, in + static_cast<size_t>(src[j]) * in_step, out);
  }
  return out;
}

// Row-major position inside the block for combined index t.
void BlockShift(int64_t t, const std::vector<int64_t>& block, int64_t* shift) {
  for (size_t i = block.size(); i-- > 0;) {
    shift[i] = t % block[i];
    t /= block[i];
  }
}

}  // namespace

PadGeometry MakePadGeometry(std::span<const int32_t> in_dims, std::span<const int64_t> before,
                            std::span<const int64_t> after, size_t element_bytes) {
  PadGeometry g;
  size_t keep = in_dims.size();
  size_t fold = 1;
  while (keep > 0 && before[keep - 1] == 0 && after[keep - 1] == 0) {
    fold *= static_cast<size_t>(in_dims[keep - 1]);
    --keep;
  }
  g.fold = fold;
  g.element_bytes = element_bytes * fold;
  g.in_dims.assign(in_dims.begin(), in_dims.begin() + keep);
  g.before.assign(before.begin(), before.begin() + keep);
  g.after.assign(after.begin(), after.begin() + keep);
  g.out_inner.assign(keep, 1);
  g.in_inner.assign(keep, 1);
  for (size_t d = keep; d-- > 1;) {
    g.out_inner[d - 1] = g.out_inner[d] * (g.before[d] + g.in_dims[d] + g.after[d]);
    g.in_inner[d - 1] = g.in_inner[d] * g.in_dims[d];
  }
  return g;
}

void x8_pad__reference(const PadGeometry& g, const uint8_t* input, const uint8_t* pad_element,
                       uint8_t* output) {
  if (g.element_bytes == 0) return;
  if (g.in_dims.empty()) {
    std::memcpy(output, input, g.element_bytes);
    return;
  }
  PadLevel(g, 0, input, pad_element, output);
}

MirrorPadGeometry MakeMirrorPadGeometry(std::span<const int32_t> in_dims,
                                        std::span<const int64_t> before,
                                        std::span<const int64_t> after, bool symmetric,
                                        size_t element_bytes) {
  MirrorPadGeometry g;
  size_t keep = in_dims.size();
  size_t fold = 1;
  while (keep > 0 && before[keep - 1] == 0 && after[keep - 1] == 0) {
    fold *= static_cast<size_t>(in_dims[keep - 1]);
    --keep;
  }
  g.element_bytes = element_bytes * fold;
  g.in_dims.assign(in_dims.begin(), in_dims.begin() + keep);
  g.before.assign(before.begin(), before.begin() + keep);
  g.out_dims.resize(keep);
  g.in_inner.assign(keep, 1);
  g.source.resize(keep);
  for (size_t d = 0; d < keep; ++d) {
    g.out_dims[d] = before[d] + in_dims[d] + after[d];
    g.source[d].resize(static_cast<size_t>(g.out_dims[d]));
    for (int64_t j = 0; j < g.out_dims[d]; ++j) {
      g.source[d][j] = MirrorSource(j, before[d], in_dims[d], symmetric);
    }
  }
  for (size_t d = keep; d-- > 1;) g.in_inner[d - 1] = g.in_inner[d] * g.in_dims[d];
  return g;
}

void x8_mirror_pad__reference(const MirrorPadGeometry& g, const uint8_t* input,
                              uint8_t* output) {
  if (g.element_bytes == 0) return;
  if (g.in_dims.empty()) {
    std::memcpy(output, input, g.element_bytes);
    return;
  }
  MirrorLevel(g, 0, input, output);
}

void x8_space_to_batch__reference(const SpaceBatchGeometry& g, const uint8_t* input,
                                  const uint8_t* pad_row, uint8_t* output) {
  const size_t m = g.block.size();
  const size_t row = g.row_bytes;
  int64_t blocks = 1;
  for (int64_t b : g.block) blocks *= b;
  int64_t out_rows = 1;  // spatial positions per output batch
  for (int64_t s : g.spatial_out) out_rows *= s;
  if (row == 0 || out_rows == 0) return;
  // Input row strides of each spatial dim.
  std::vector<int64_t> in_stride(m, 1);
  for (size_t i = m; i-- > 1;) in_stride[i - 1] = in_stride[i] * g.spatial_in[i];
  const int64_t in_batch_rows = m == 0 ? 1 : in_stride[0] * g.spatial_in[0];
  std::vector<int64_t> shift(m), pos(m);
  for (int64_t ob = 0; ob < blocks * g.batch; ++ob) {
    const int64_t b = ob % g.batch;
    BlockShift(ob / g.batch, g.block, shift.data());
    std::fill(pos.begin(), pos.end(), 0);
    for (int64_t r = 0; r < out_rows; ++r) {
      bool inside = true;
      int64_t in_row = b * in_batch_rows;
      for (size_t i = 0; i < m; ++i) {
        const int64_t s = pos[i] * g.block[i] + shift[i] - g.edge[i];
        if (s < 0 || s >= g.spatial_in[i]) {
          inside = false;
          break;
        }
        in_row += s * in_stride[i];
      }
      std::memcpy(output, inside ? input + static_cast<size_t>(in_row) * row : pad_row, row);
      output += row;
      for (size_t i = m; i-- > 0;) {
        if (++pos[i] < g.spatial_out[i]) break;
        pos[i] = 0;
      }
    }
  }
}

void x8_batch_to_space__reference(const SpaceBatchGeometry& g, const uint8_t* input,
                                  uint8_t* output) {
  const size_t m = g.block.size();
  const size_t row = g.row_bytes;
  int64_t blocks = 1;
  for (int64_t b : g.block) blocks *= b;
  int64_t in_rows = 1;  // spatial positions per input batch
  for (int64_t s : g.spatial_in) in_rows *= s;
  if (row == 0 || in_rows == 0) return;
  std::vector<int64_t> out_stride(m, 1);
  for (size_t i = m; i-- > 1;) out_stride[i - 1] = out_stride[i] * g.spatial_out[i];
  const int64_t out_batch_rows = m == 0 ? 1 : out_stride[0] * g.spatial_out[0];
  std::vector<int64_t> shift(m), pos(m);
  for (int64_t ib = 0; ib < blocks * g.batch; ++ib) {
    const int64_t b = ib % g.batch;
    BlockShift(ib / g.batch, g.block, shift.data());
    std::fill(pos.begin(), pos.end(), 0);
    for (int64_t r = 0; r < in_rows; ++r, input += row) {
      bool inside = true;
      int64_t out_row = b * out_batch_rows;
      for (size_t i = 0; i < m; ++i) {
        const int64_t o = pos[i] * g.block[i] + shift[i] - g.edge[i];
        if (o < 0 || o >= g.spatial_out[i]) {
          inside = false;
          break;
        }
        out_row += o * out_stride[i];
      }
      if (inside) std::memcpy(output + static_cast<size_t>(out_row) * row, input, row);
      for (size_t i = m; i-- > 0;) {
        if (++pos[i] < g.spatial_in[i]) break;
        pos[i] = 0;
      }
    }
  }
}

}  // namespace liteforge::kernels
