// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The f32 transposed-convolution driver (every GEMM variant this CPU runs;
// the others skip) against f32_transpose_conv__reference: the direct path
// (filter == stride, no padding, MediaPipe's 2x2 upsampling), overlapping
// filters (3x3 and 4x4 at stride 2, 3x3 at stride 1), padding before the
// data, non-square filters and strides, batch 2, output depths around the
// panel widths, with and without bias and clamp. Random data, fixed seed.
//
// Tolerance (f32_transpose_conv.h): per output,
//   |fast - reference| <= 2 * (T * (K + 1) + 1) * 2^-24 * (|bias| + sum |x * w|)
// with T the input pixels reaching it (ceil(filter / stride) per dim) and K
// the input depth; computed here from the same products in float64. Results
// of the row range split into pieces must equal the whole-range result bit
// for bit (the thread split never changes a value).

#include "liteforge/kernels/gemm_f32/f32_transpose_conv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "liteforge/base/aligned_buffer.h"
#include "liteforge/kernels/transpose_conv/reference.h"

namespace liteforge::kernels {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

struct TcCase {
  const char* name;
  int batches, height, width, depth;
  int filter_h, filter_w, stride_h, stride_w;
  int pad_top, pad_left;
  int crop_h, crop_w;  // output = (in - 1) * stride + filter - crop
};

const TcCase kCases[] = {
    // name            N  H  W   C   fh fw sh sw pt pl ch cw
    {"direct_2x2",     2, 4, 5,  8,  2, 2, 2, 2, 0, 0, 0, 0},
    {"direct_2x2_c1",  1, 3, 9,  1,  2, 2, 2, 2, 0, 0, 0, 0},
    {"direct_2x2_c33", 1, 6, 3,  33, 2, 2, 2, 2, 0, 0, 0, 0},
    {"direct_3x3_s3",  1, 3, 4,  5,  3, 3, 3, 3, 0, 0, 0, 0},
    {"k3_s2_same",     2, 5, 6,  7,  3, 3, 2, 2, 1, 1, 2, 2},
    {"k4_s2_same",     1, 4, 7,  16, 4, 4, 2, 2, 1, 1, 2, 2},
    {"k3_s1_valid",    2, 5, 4,  3,  3, 3, 1, 1, 0, 0, 0, 0},
    {"k3_s1_same",     1, 6, 6,  9,  3, 3, 1, 1, 1, 1, 2, 2},
    {"k2x3_s1x2",      2, 5, 6,  4,  2, 3, 1, 2, 0, 1, 1, 1},
    {"k1_s2",          1, 4, 4,  6,  1, 1, 2, 2, 0, 0, 0, 0},  // gaps between pixels
    {"k2_s2_pad",      1, 5, 5,  6,  2, 2, 2, 2, 1, 0, 1, 0},  // 2x2/2 but cropped: col2im
};

constexpr int kOutputDepths[] = {1, 3, 16, 17, 32, 33};

TransposeConvGeometry MakeGeometry(const TcCase& c, int output_depth) {
  TransposeConvGeometry g;
  g.batches = c.batches;
  g.input_height = c.height;
  g.input_width = c.width;
  g.input_depth = c.depth;
  g.output_depth = output_depth;
  g.filter_height = c.filter_h;
  g.filter_width = c.filter_w;
  g.stride_height = c.stride_h;
  g.stride_width = c.stride_w;
  g.pad_top = c.pad_top;
  g.pad_left = c.pad_left;
  g.output_height = (c.height - 1) * c.stride_h + c.filter_h - c.crop_h;
  g.output_width = (c.width - 1) * c.stride_w + c.filter_w - c.crop_w;
  return g;
}

std::vector<float> Random(size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-1.f, 1.f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  return v;
}

// Per output: |bias| + sum |x * w| and the number of input pixels reaching it.
void Magnitudes(const TransposeConvGeometry& g, const std::vector<float>& x,
                const std::vector<float>& w, const float* bias, std::vector<double>* mag,
                std::vector<int>* taps) {
  const size_t out_n = static_cast<size_t>(g.batches) * g.output_height * g.output_width * g.output_depth;
  mag->assign(out_n, 0.0);
  taps->assign(out_n, 0);
  for (int b = 0; b < g.batches; ++b)
    for (int iy = 0; iy < g.input_height; ++iy)
      for (int ix = 0; ix < g.input_width; ++ix)
        for (int ky = 0; ky < g.filter_height; ++ky)
          for (int kx = 0; kx < g.filter_width; ++kx) {
            const int oy = iy * g.stride_height - g.pad_top + ky;
            const int ox = ix * g.stride_width - g.pad_left + kx;
            if (oy < 0 || oy >= g.output_height || ox < 0 || ox >= g.output_width) continue;
            for (int o = 0; o < g.output_depth; ++o) {
              const size_t at = ((static_cast<size_t>(b) * g.output_height + oy) * g.output_width + ox) *
                                    g.output_depth + o;
              double s = 0;
              for (int c = 0; c < g.input_depth; ++c) {
                s += std::fabs(static_cast<double>(
                    x[((static_cast<size_t>(b) * g.input_height + iy) * g.input_width + ix) * g.input_depth + c] *
                    w[((static_cast<size_t>(o) * g.filter_height + ky) * g.filter_width + kx) * g.input_depth + c]));
              }
              (*mag)[at] += s;
              ++(*taps)[at];
            }
          }
  if (bias != nullptr) {
    for (size_t i = 0; i < out_n; ++i) (*mag)[i] += std::fabs(bias[i % g.output_depth]);
  }
}

class F32TransposeConvTest : public ::testing::TestWithParam<size_t> {
 protected:
  const F32Gemm& Variant() const { return F32GemmVariants()[GetParam()]; }
};

TEST_P(F32TransposeConvTest, MatchesReferenceAndSplitsBitExactly) {
  const F32Gemm& gemm = Variant();
  if (!F32GemmRunnable(gemm)) GTEST_SKIP() << "CPU lacks " << IsaName(gemm.isa);
  std::mt19937 rng(7);
  for (const TcCase& c : kCases) {
    for (int oc : kOutputDepths) {
      for (int variant = 0; variant < 3; ++variant) {  // bias+none, no bias, bias+relu6
        const TransposeConvGeometry g = MakeGeometry(c, oc);
        SCOPED_TRACE(testing::Message() << c.name << " oc=" << oc << " variant=" << variant);
        ASSERT_TRUE(F32TransposeConvSupported(g));
        const std::vector<float> x = Random(static_cast<size_t>(g.batches) * g.input_height * g.input_width * g.input_depth, rng);
        const std::vector<float> w = Random(static_cast<size_t>(oc) * g.filter_height * g.filter_width * g.input_depth, rng);
        const std::vector<float> bias_v = Random(static_cast<size_t>(oc), rng);
        const float* bias = variant == 1 ? nullptr : bias_v.data();
        const float lo = variant == 2 ? 0.f : -kInf;
        const float hi = variant == 2 ? 6.f : kInf;
        const size_t out_n = static_cast<size_t>(g.batches) * g.output_height * g.output_width * oc;

        std::vector<float> expected(out_n);
        f32_transpose_conv__reference(g, x.data(), w.data(), bias, lo, hi, expected.data());

        AlignedBuffer packed(F32TransposeConvPackedBytes(g, gemm));
        const F32TransposeConvPacked p = F32TransposeConvPackWeights(g, gemm, w.data(), bias, packed.data());
        EXPECT_EQ(p.direct, F32TransposeConvDirect(g));
        AlignedBuffer scratch(std::max<size_t>(64, F32TransposeConvScratchBytes(g)));
        const int rows = F32TransposeConvRows(g);
        std::vector<float> whole(out_n, std::nanf(""));
        F32TransposeConvRun(gemm, g, x.data(), p, bias, lo, hi, 0, rows, scratch.data(), whole.data());

        std::vector<double> mag;
        std::vector<int> taps;
        Magnitudes(g, x, w, bias, &mag, &taps);
        for (size_t i = 0; i < out_n; ++i) {
          const double bound = 2.0 * (taps[i] * (g.input_depth + 1) + 1) * std::ldexp(1.0, -24) * mag[i];
          ASSERT_LE(std::fabs(static_cast<double>(whole[i]) - expected[i]), bound) << "at " << i;
        }

        // Split into single rows and uneven pieces: bit-identical.
        for (int piece : {1, 2, 3}) {
          std::vector<float> split(out_n, std::nanf(""));
          for (int r = 0; r < rows; r += piece) {
            F32TransposeConvRun(gemm, g, x.data(), p, bias, lo, hi, r, std::min(rows, r + piece),
                                scratch.data(), split.data());
          }
          ASSERT_EQ(std::memcmp(split.data(), whole.data(), out_n * sizeof(float)), 0) << "piece " << piece;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Variants, F32TransposeConvTest,
                         ::testing::Range<size_t>(0, F32GemmVariants().size()),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           return std::string(F32GemmVariants()[info.param].name);
                         });

}  // namespace
}  // namespace liteforge::kernels
