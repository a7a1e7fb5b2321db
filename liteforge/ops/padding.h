// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Output sizes and implicit padding of windowed ops (conv, depthwise,
// pooling, transpose conv) under the format's SAME/VALID rules. SAME pads
// so out = ceil(in / stride), with the odd pixel of padding after the data
// (the "offset"). A conv whose input PAD was fused away
// (ir/passes/fuse_pad_into_conv.h) carries that PAD's amounts as explicit
// padding: the SAME/VALID rule then applies to the padded input size.

#pragma once

#include <optional>

#include "liteforge/ir/op_options.h"

namespace liteforge::ops {

struct WindowPadding {
  int height = 0;         // rows of padding before the data
  int width = 0;          // columns of padding before the data
  int height_offset = 0;  // extra row after the data when the total is odd
  int width_offset = 0;
};

inline int EffectiveFilterSize(int filter, int dilation) { return (filter - 1) * dilation + 1; }

// Output length along one spatial dim; 0 when the window does not fit or
// stride is not positive.
inline int ComputeOutSize(ir::Padding padding, int in, int filter, int stride, int dilation = 1) {
  if (stride <= 0) return 0;
  const int effective = EffectiveFilterSize(filter, dilation);
  const int out = padding == ir::Padding::kSame ? (in + stride - 1) / stride
                                                : (in + stride - effective) / stride;
  return out < 0 ? 0 : out;
}

// Padding before the data along one dim; *offset gets the odd remainder.
inline int ComputePaddingWithOffset(int stride, int dilation, int in, int filter, int out,
                                    int* offset) {
  int total = (out - 1) * stride + EffectiveFilterSize(filter, dilation) - in;
  if (total < 0) total = 0;
  *offset = total % 2;
  return total / 2;
}

// Computes both output dims and the padding a forward windowed op uses.
inline WindowPadding ComputeWindowPadding(ir::Padding padding, int stride_h, int stride_w,
                                          int dilation_h, int dilation_w, int in_h, int in_w,
                                          int filter_h, int filter_w, int* out_h, int* out_w) {
  *out_h = ComputeOutSize(padding, in_h, filter_h, stride_h, dilation_h);
  *out_w = ComputeOutSize(padding, in_w, filter_w, stride_w, dilation_w);
  WindowPadding p;
  p.height = ComputePaddingWithOffset(stride_h, dilation_h, in_h, filter_h, *out_h, &p.height_offset);
  p.width = ComputePaddingWithOffset(stride_w, dilation_w, in_w, filter_w, *out_w, &p.width_offset);
  return p;
}

// As above for an op that may carry explicit input padding: the output
// size and padding of the op over the input padded by `explicit_padding`
// (top/bottom rows, left/right columns of zeros); the returned padding
// before the data includes the explicit amounts. Without explicit padding
// this is ComputeWindowPadding.
inline WindowPadding ComputeWindowPadding(
    ir::Padding padding, const std::optional<ir::ExplicitPadding>& explicit_padding,
    int stride_h, int stride_w, int dilation_h, int dilation_w, int in_h, int in_w,
    int filter_h, int filter_w, int* out_h, int* out_w) {
  const ir::ExplicitPadding e = explicit_padding.value_or(ir::ExplicitPadding{});
  WindowPadding p = ComputeWindowPadding(padding, stride_h, stride_w, dilation_h, dilation_w,
                                         in_h + e.top + e.bottom, in_w + e.left + e.right,
                                         filter_h, filter_w, out_h, out_w);
  p.height += e.top;
  p.width += e.left;
  return p;
}

}  // namespace liteforge::ops
