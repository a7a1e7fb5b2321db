// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The f32 conv driver (every GEMM variant this CPU runs; the others skip)
// against f32_conv2d__reference: 1x1 in place (contiguous and strided),
// 3x3 stride 1/2 with SAME- and VALID-style padding, dilation 2, non-square
// filters and strides, batch 2, output depths around the panel widths and
// several row blocks. Random data from a fixed seed.
//
// Tolerance: only the summation order differs (the reference adds four
// partial sums, then the bias; the GEMM starts from the bias and adds one
// FMA per tap), so each output must satisfy
//   |fast - reference| <= 2 * (K + 1) * 2^-24 * (|bias| + sum_k |x_k * w_k|)
// the rounding-error bound of both summations together. Results of row
// ranges (and pixel ranges) split into pieces must equal the whole-range
// result bit for bit.

#include "liteforge/kernels/gemm_f32/f32_conv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "liteforge/base/aligned_buffer.h"
#include "liteforge/kernels/conv/reference.h"

namespace liteforge::kernels {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

struct ConvCase {
  const char* name;
  int batches, height, width, depth;
  int filter_h, filter_w;
  int stride_h, stride_w;
  int dilation;
  bool same;  // TensorFlow SAME padding, else VALID
};

// Output size and leading padding the way TensorFlow derives them.
void Derive(int in, int filter, int stride, int dilation, bool same, int* out, int* pad) {
  const int effective = (filter - 1) * dilation + 1;
  if (same) {
    *out = (in + stride - 1) / stride;
    *pad = std::max((*out - 1) * stride + effective - in, 0) / 2;
  } else {
    *out = (in - effective + stride) / stride;
    *pad = 0;
  }
}

ConvGeometry MakeGeometry(const ConvCase& c, int output_depth) {
  ConvGeometry g;
  g.batches = c.batches;
  g.input_height = c.height;
  g.input_width = c.width;
  g.input_depth = c.depth;
  g.filter_height = c.filter_h;
  g.filter_width = c.filter_w;
  g.filter_depth = c.depth;
  g.output_depth = output_depth;
  g.stride_height = c.stride_h;
  g.stride_width = c.stride_w;
  g.dilation_height = c.dilation;
  g.dilation_width = c.dilation;
  Derive(c.height, c.filter_h, c.stride_h, c.dilation, c.same, &g.output_height, &g.pad_top);
  Derive(c.width, c.filter_w, c.stride_w, c.dilation, c.same, &g.output_width, &g.pad_left);
  return g;
}

std::vector<float> Random(size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-1.f, 1.f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  return v;
}

std::vector<float> Abs(const std::vector<float>& v) {
  std::vector<float> out(v.size());
  std::transform(v.begin(), v.end(), out.begin(), [](float x) { return std::fabs(x); });
  return out;
}

const ConvCase kCases[] = {
    // name              N  H   W   C   fh fw sh sw dil same
    {"pw_c1",            2, 5,  7,  1,  1, 1, 1, 1, 1, false},  // K = 1, in place
    {"pw_c3",            2, 5,  7,  3,  1, 1, 1, 1, 1, true},   // K = 3
    {"pw_c64",           2, 4,  6,  64, 1, 1, 1, 1, 1, false},  // K = 64
    {"pw_c100",          1, 3,  5,  100, 1, 1, 1, 1, 1, false}, // K = 100
    {"pw_c64_blocks",    2, 20, 30, 64, 1, 1, 1, 1, 1, false},  // several row blocks
    {"pw_s2_c27",        2, 7,  9,  27, 1, 1, 2, 2, 1, false},  // strided, in place per row
    {"pw_s2_same_c5",    2, 8,  6,  5,  1, 1, 2, 2, 1, true},
    {"k3_s1_same_c3",    2, 6,  7,  3,  3, 3, 1, 1, 1, true},   // K = 27
    {"k3_s1_same_c1",    2, 6,  5,  1,  3, 3, 1, 1, 1, true},   // K = 9
    {"k3_s2_same_c3",    2, 8,  9,  3,  3, 3, 2, 2, 1, true},
    {"k3_s2_valid_c5",   2, 9,  8,  5,  3, 3, 2, 2, 1, false},
    {"k3_s1_valid_c16",  2, 6,  6,  16, 3, 3, 1, 1, 1, false},  // K = 144
    {"k3_dil2_same_c4",  2, 9,  10, 4,  3, 3, 1, 1, 2, true},
    {"k3_dil2_valid_c3", 2, 9,  10, 3,  3, 3, 1, 1, 2, false},
    {"k2x5_s1x2_c2",     2, 7,  11, 2,  2, 5, 1, 2, 1, true},   // non-square
    {"k3_blocks_c3",     2, 20, 30, 3,  3, 3, 1, 1, 1, true},   // several row blocks
};

constexpr int kOutputDepths[] = {1, 8, 15, 16, 17, 31, 32, 33, 67, 80};

class F32ConvTest : public ::testing::TestWithParam<size_t> {
 protected:
  const F32Gemm& Variant() const { return F32GemmVariants()[GetParam()]; }
};

TEST_P(F32ConvTest, MatchesReference) {
  const F32Gemm& gemm = Variant();
  if (!F32GemmRunnable(gemm)) GTEST_SKIP() << "CPU lacks " << IsaName(gemm.isa);
  std::mt19937 rng(20260611);
  int case_index = 0;
  for (const ConvCase& c : kCases) {
    for (const int out_depth : kOutputDepths) {
      SCOPED_TRACE(std::string(c.name) + " output_depth=" + std::to_string(out_depth));
      const ConvGeometry g = MakeGeometry(c, out_depth);
      ASSERT_TRUE(F32ConvSupported(g));
      const size_t in_size = static_cast<size_t>(g.batches) * g.input_height * g.input_width *
                             g.input_depth;
      const size_t k = static_cast<size_t>(g.patch_size());
      const size_t out_size = static_cast<size_t>(g.rows()) * g.output_width * out_depth;
      const std::vector<float> input = Random(in_size, rng);
      const std::vector<float> filter = Random(k * out_depth, rng);
      const std::vector<float> bias = Random(out_depth, rng);
      // Every other case clamps (and omits the bias) to cover the fused
      // activation and the null bias.
      const bool clamp = (case_index++ % 2) == 1;
      const float lo = clamp ? -0.3f : -kInf;
      const float hi = clamp ? 0.5f : kInf;
      const float* bias_ptr = clamp ? nullptr : bias.data();

      std::vector<float> expected(out_size);
      f32_conv2d__reference(g, input.data(), filter.data(), bias_ptr, lo, hi, 0, g.rows(),
                            expected.data());
      // sum |x * w| + |b| per output: the scale of the rounding error.
      std::vector<float> magnitude(out_size);
      const std::vector<float> abs_bias = Abs(bias);
      f32_conv2d__reference(g, Abs(input).data(), Abs(filter).data(),
                            clamp ? nullptr : abs_bias.data(), -kInf, kInf, 0, g.rows(),
                            magnitude.data());

      AlignedBuffer packed(F32ConvPackedBytes(g, gemm));
      const F32PackedWeights weights =
          F32ConvPackWeights(g, gemm, filter.data(), bias_ptr, packed.data());
      AlignedBuffer scratch(F32ConvScratchBytes(g) + 64);

      std::vector<float> whole(out_size, std::nanf(""));
      F32ConvRun(gemm, g, input.data(), weights, lo, hi, 0, g.rows(), scratch.data(),
                 whole.data());
      const double unit = 2.0 * static_cast<double>(k + 1) * std::ldexp(1.0, -24) * 1.01;
      int reported = 0;
      for (size_t i = 0; i < out_size; ++i) {
        const double bound = unit * magnitude[i];
        const double diff = std::fabs(static_cast<double>(whole[i]) - expected[i]);
        if (!(diff <= bound) && reported++ < 5) {
          ADD_FAILURE() << "output " << i << ": got " << whole[i] << ", reference "
                        << expected[i] << ", bound " << bound;
        }
      }
      ASSERT_EQ(reported, 0);

      // Row ranges in pieces (the first a single row), with a scratch that
      // is only float-aligned: identical bits.
      std::vector<float> split(out_size, std::nanf(""));
      void* odd_scratch = scratch.data() + sizeof(float);
      const int rows = g.rows();
      const int cuts[] = {0, std::min(1, rows), std::max(1, rows / 2), rows - 1, rows};
      for (size_t i = 0; i + 1 < std::size(cuts); ++i) {
        const int begin = std::min(cuts[i], rows);
        const int end = std::max(begin, std::min(cuts[i + 1], rows));
        F32ConvRun(gemm, g, input.data(), weights, lo, hi, begin, end, odd_scratch, split.data());
      }
      ASSERT_EQ(0, std::memcmp(split.data(), whole.data(), out_size * sizeof(float)));

      // Pixel ranges cutting rows anywhere (1, 5, 24-aligned and odd
      // pieces): identical bits too.
      std::vector<float> pieces(out_size, std::nanf(""));
      const int64_t pixels = static_cast<int64_t>(rows) * g.output_width;
      const int64_t pixel_cuts[] = {0, std::min<int64_t>(1, pixels), std::min<int64_t>(6, pixels),
                                    std::min<int64_t>(24, pixels), pixels / 2 + 1, pixels};
      for (size_t i = 0; i + 1 < std::size(pixel_cuts); ++i) {
        const int64_t begin = std::min(pixel_cuts[i], pixels);
        const int64_t end = std::max(begin, std::min(pixel_cuts[i + 1], pixels));
        F32ConvRunPixels(gemm, g, input.data(), weights, lo, hi, begin, end, odd_scratch,
                         pieces.data());
      }
      ASSERT_EQ(0, std::memcmp(pieces.data(), whole.data(), out_size * sizeof(float)));
    }
  }
}

TEST_P(F32ConvTest, PointwiseNeedsNoScratch) {
  const ConvCase c{"pw", 1, 4, 4, 8, 1, 1, 1, 1, 1, false};
  EXPECT_EQ(F32ConvScratchBytes(MakeGeometry(c, 16)), 0u);
  const ConvCase k3{"k3", 1, 4, 4, 8, 3, 3, 1, 1, 1, true};
  const size_t bytes = F32ConvScratchBytes(MakeGeometry(k3, 16));
  EXPECT_GT(bytes, 0u);
  EXPECT_EQ(bytes % 64, 0u);
}

std::vector<size_t> VariantIndices() {
  std::vector<size_t> v(F32GemmVariants().size());
  for (size_t i = 0; i < v.size(); ++i) v[i] = i;
  return v;
}

INSTANTIATE_TEST_SUITE_P(Variants, F32ConvTest, ::testing::ValuesIn(VariantIndices()),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           return std::string(F32GemmVariants()[info.param].name);
                         });

}  // namespace
}  // namespace liteforge::kernels
