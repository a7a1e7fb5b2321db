// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The 8-bit conv GEMM with AVX-512 VNNI. Operands, packing and the two
// output stages are described in q8_conv.h.
//
// Work is done in blocks of output pixels. A block's patches are either
// the input's own rows (1x1 stride-1 convs) or gathered into scratch;
// either way each row's byte sum is taken once. Then every weight panel
// sweeps the block in tiles of MR pixels x NR vectors of 16 channels
// (6x4, 8x3, 12x2, 24x1: 24 accumulators, plus NR weight registers).
// int8 activation bytes are never held in a register: vpdpbusd reads them
// (its signed operand) with an embedded broadcast. uint8 ones are its
// unsigned operand, which must be a register: each pixel's 4 bytes are
// broadcast once and serve all NR weight vectors. The output stage runs on the accumulators and
// the tile's rows leave as bytes: four vectors are narrowed together with
// saturating packs, clamped as bytes and stored in one go.

#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "liteforge/kernels/gemm_q8/q8_conv.h"
#include "liteforge/kernels/requantize/x86_avx512_requantize.h"

// GCC 12's intrinsic headers build "undefined" vectors by self-assignment,
// which -Wuninitialized reports once the one-row tile is inlined.
#pragma GCC diagnostic ignored "-Wuninitialized"

namespace liteforge::kernels {
namespace {

// Four activation bytes as one memory operand.
struct Bytes4 {
  uint8_t b[4];
};

// acc += per lane, the dot product of the lane's 4 weight bytes (unsigned)
// with the 4 signed bytes at p, which the instruction broadcasts to every
// lane itself (an embedded broadcast, which the intrinsic cannot ask for).
inline __m512i DotBroadcast(__m512i acc, __m512i w, const uint8_t* p) {
  __asm__("vpdpbusd %[x]%{1to16%}, %[w], %[acc]"
          : [acc] "+v"(acc)
          : [w] "v"(w), [x] "m"(*reinterpret_cast<const Bytes4*>(p)));
  return acc;
}

// acc += per lane, the dot product of the 4 unsigned bytes at p (the same
// in every lane) with the lane's 4 signed weight bytes. Written as asm
// like DotBroadcast: through the intrinsic GCC 12 copies every
// accumulator around each instruction.
inline __m512i DotUnsigned(__m512i acc, __m512i x, __m512i w) {
  __asm__("vpdpbusd %[w], %[x], %[acc]" : [acc] "+v"(acc) : [x] "v"(x), [w] "v"(w));
  return acc;
}

// Pixels per tile for a panel of `vectors` x 16 channels.
constexpr int TilePixels(int vectors) {
  return vectors == 4 ? 6 : vectors == 3 ? 8 : vectors == 2 ? 12 : 24;
}
static_assert(TilePixels(1) == kQ8MaxTilePixels);

inline __mmask64 ByteMask(int n) {
  return n >= 64 ? ~__mmask64{0} : (__mmask64{1} << n) - 1;
}

// The sums of groups of 8 bytes of the n bytes at p, their sign bits
// flipped when kFlip (vpsadbw against zero): 8 partial unsigned sums.
template <bool kFlip>
inline __m512i ByteSad(const uint8_t* p, int n) {
  const __m512i flip = _mm512_set1_epi8(static_cast<char>(kFlip ? 0x80 : 0x00));
  const __m512i zero = _mm512_setzero_si512();
  __m512i acc = zero;
  int i = 0;
  for (; i + 64 <= n; i += 64) {
    const __m512i x = _mm512_xor_si512(_mm512_loadu_si512(p + i), flip);
    acc = _mm512_add_epi64(acc, _mm512_sad_epu8(x, zero));
  }
  if (i < n) {
    const __mmask64 m = ByteMask(n - i);
    const __m512i x =
        _mm512_maskz_mov_epi8(m, _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, p + i), flip));
    acc = _mm512_add_epi64(acc, _mm512_sad_epu8(x, zero));
  }
  return acc;
}

// sums[i] = scale * (sum of the n bytes of row i, read as signed when
// kSigned), rows `stride` bytes apart. The signed sum is the flipped
// bytes' unsigned sum minus 128 per byte. Eight rows at a time: their
// eight vectors of partial sums are added across in a tree of interleaves.
template <bool kSigned>
void RowSums(const uint8_t* rows, size_t stride, int count, int n, int32_t scale,
             int32_t* sums) {
  const __m256i bias = _mm256_set1_epi32(kSigned ? 128 * n : 0);
  const __m256i factor = _mm256_set1_epi32(scale);
  int i = 0;
  if (stride == static_cast<size_t>(n) && (n == 16 || n == 32)) {
    // Short rows back to back (1x1 convs over 16 or 32 channels): a vector
    // holds 4 or 2 whole rows. vpdpbusd with ones sums each 4 bytes (the
    // rows as its signed or unsigned operand), adds within 128-bit lanes finish a 16-byte row (and a lane
    // pair a 32-byte one); a permute collects the eight rows' sums.
    const __m512i ones = _mm512_set1_epi8(1);
    const __m512i zero = _mm512_setzero_si512();
    const int per_vector = 64 / n;
    // Dword 4 * lane of each reduced vector holds the sum of that lane's
    // row (16-byte rows) or of the row starting at that lane (32-byte).
    const __m512i pick = n == 16 ? _mm512_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28, 0, 0, 0, 0, 0, 0, 0, 0)
                                 : _mm512_setr_epi32(0, 8, 16, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    for (; i + 8 <= count; i += 8) {
      __m512i reduced[4];
      for (int v = 0; v < 8 / per_vector; ++v) {
        const __m512i x = _mm512_loadu_si512(rows + (i + v * per_vector) * stride);
        __m512i d = kSigned ? _mm512_dpbusd_epi32(zero, ones, x) : _mm512_dpbusd_epi32(zero, x, ones);
        d = _mm512_add_epi32(d, _mm512_shuffle_epi32(d, _MM_PERM_BADC));
        d = _mm512_add_epi32(d, _mm512_shuffle_epi32(d, _MM_PERM_CDAB));
        if (n == 32) d = _mm512_add_epi32(d, _mm512_shuffle_i32x4(d, d, _MM_PERM_CDAB));
        reduced[v] = d;
      }
      __m256i signed_sums;
      if (n == 16) {
        signed_sums = _mm512_castsi512_si256(_mm512_permutex2var_epi32(reduced[0], pick, reduced[1]));
      } else {
        const __m512i low = _mm512_permutex2var_epi32(reduced[0], pick, reduced[1]);
        const __m512i high = _mm512_permutex2var_epi32(reduced[2], pick, reduced[3]);
        signed_sums = _mm256_inserti128_si256(_mm512_castsi512_si256(low),
                                              _mm512_castsi512_si128(high), 1);
      }
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(sums + i),
                          _mm256_mullo_epi32(signed_sums, factor));
    }
  }
  for (; i + 8 <= count; i += 8) {
    __m512i s[8];
    for (int r = 0; r < 8; ++r) s[r] = ByteSad<kSigned>(rows + (i + r) * stride, n);
    __m512i pairs[4];  // per 128-bit lane: rows 2j and 2j + 1
    for (int j = 0; j < 4; ++j) {
      pairs[j] = _mm512_add_epi64(_mm512_unpacklo_epi64(s[2 * j], s[2 * j + 1]),
                                  _mm512_unpackhi_epi64(s[2 * j], s[2 * j + 1]));
    }
    __m512i quads[2];  // lanes summed in pairs: [0..3] then [4..7] in lane order
    for (int j = 0; j < 2; ++j) {
      quads[j] = _mm512_add_epi64(_mm512_shuffle_i64x2(pairs[2 * j], pairs[2 * j + 1], 0x88),
                                  _mm512_shuffle_i64x2(pairs[2 * j], pairs[2 * j + 1], 0xDD));
    }
    const __m512i total = _mm512_add_epi64(_mm512_shuffle_i64x2(quads[0], quads[1], 0x88),
                                           _mm512_shuffle_i64x2(quads[0], quads[1], 0xDD));
    const __m256i signed_sums = _mm256_sub_epi32(_mm512_cvtepi64_epi32(total), bias);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(sums + i),
                        _mm256_mullo_epi32(signed_sums, factor));
  }
  for (; i < count; ++i) {
    const int64_t unsigned_sum = _mm512_reduce_add_epi64(ByteSad<kSigned>(rows + i * stride, n));
    sums[i] = scale * static_cast<int32_t>(unsigned_sum - (kSigned ? int64_t{128} * n : 0));
  }
}

// dst[0, n) = src[0, n).
inline void CopyBytes(uint8_t* dst, const uint8_t* src, int n) {
  int i = 0;
  for (; i + 64 <= n; i += 64) _mm512_storeu_si512(dst + i, _mm512_loadu_si512(src + i));
  if (i < n) {
    const __mmask64 m = ByteMask(n - i);
    _mm512_mask_storeu_epi8(dst + i, m, _mm512_maskz_loadu_epi8(m, src + i));
  }
}

inline void FillBytes(uint8_t* dst, __m512i value, int n) {
  int i = 0;
  for (; i + 64 <= n; i += 64) _mm512_storeu_si512(dst + i, value);
  if (i < n) _mm512_mask_storeu_epi8(dst + i, ByteMask(n - i), value);
}

// The wide output stage (q8_conv.h): 64-bit products of the even and the
// odd lanes, one shift each; the odd lanes' results end in their high
// halves, so one blend recombines them. Scale returns int32 lanes, zero
// point included, not yet clamped. A tile loads a channel block's
// constants once (Load) and scales all its rows with them: loading them
// per row made the stage load-bound.
template <bool kTiesAway>
struct WideStage {
  struct Channels {
    __m512i multiplier, multiplier_odd, add_even, add_odd, shift_even, shift_odd;
    __m512i negative_even, negative_odd;  // ties away only
  };
  Channels Load(const Q8ChannelBlock& b) const {
    Channels c;
    c.multiplier = _mm512_load_si512(b.multiplier);
    c.multiplier_odd = _mm512_srli_epi64(c.multiplier, 32);  // odd channels' to the low halves
    c.add_even = _mm512_load_si512(b.add_even);
    c.add_odd = _mm512_load_si512(b.add_odd);
    c.shift_even = _mm512_load_si512(b.shift_even);
    c.shift_odd = _mm512_load_si512(b.shift_odd);
    if constexpr (kTiesAway) {
      c.negative_even = _mm512_load_si512(b.negative_even);
      c.negative_odd = _mm512_load_si512(b.negative_odd);
    }
    return c;
  }
  __m512i Scale(__m512i acc, const Channels& c) const {
    const __m512i odd = _mm512_srli_epi64(acc, 32);
    __m512i even_p = _mm512_add_epi64(_mm512_mul_epi32(acc, c.multiplier), c.add_even);
    __m512i odd_p = _mm512_add_epi64(_mm512_mul_epi32(odd, c.multiplier_odd), c.add_odd);
    if constexpr (kTiesAway) {
      const __m512i two31 = _mm512_set1_epi64(int64_t{1} << 31);
      even_p = _mm512_mask_sub_epi64(even_p, _mm512_cmplt_epi64_mask(even_p, c.negative_even),
                                     even_p, two31);
      odd_p = _mm512_mask_sub_epi64(odd_p, _mm512_cmplt_epi64_mask(odd_p, c.negative_odd), odd_p,
                                    two31);
    }
    even_p = _mm512_srav_epi64(even_p, c.shift_even);
    odd_p = _mm512_srav_epi64(odd_p, c.shift_odd);
    return _mm512_mask_blend_epi32(static_cast<__mmask16>(0xAAAA), even_p, odd_p);
  }
};

// The general output stage: channel_bias in wrapping int32, then the
// vector ConvScale, zero point and clamp.
template <ConvRounding kRounding>
struct GeneralStage {
  __m512i offset, lo, hi;
  struct Channels {
    __m512i channel_bias, multiplier, left_shift, right_shift;
  };
  Channels Load(const Q8ChannelBlock& b) const {
    return {_mm512_load_si512(b.channel_bias), _mm512_load_si512(b.multiplier),
            _mm512_load_si512(b.left_shift), _mm512_load_si512(b.right_shift)};
  }
  __m512i Scale(__m512i acc, const Channels& c) const {
    acc = _mm512_add_epi32(acc, c.channel_bias);
    return avx512::Requantize<kRounding>(acc, c.multiplier, c.left_shift, c.right_shift, offset,
                                         lo, hi);
  }
};

// Narrows NR vectors of int32 to bytes with saturating packs (which keep
// every value inside the 8-bit range unchanged), restores channel order
// (the packs interleave 128-bit lanes), clamps to [lo, hi] as bytes and
// stores the bytes `mask` selects.
template <int NR, bool kSigned>
inline void StoreRow(const __m512i* y, __m512i lo, __m512i hi, __mmask64 mask, uint8_t* out) {
  // After the packs, 32-bit group 4 * lane + v holds vector v's channels
  // 4 * lane .. 4 * lane + 3.
  const __m512i order = _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
  const __m512i p01 = _mm512_packs_epi32(y[0], y[NR > 1 ? 1 : 0]);
  __m512i p23 = p01;
  if constexpr (NR == 4) p23 = _mm512_packs_epi32(y[2], y[3]);
  if constexpr (NR == 3) p23 = _mm512_packs_epi32(y[2], y[2]);
  __m512i bytes = kSigned ? _mm512_packs_epi16(p01, p23) : _mm512_packus_epi16(p01, p23);
  bytes = _mm512_permutexvar_epi32(order, bytes);
  if constexpr (kSigned) {
    bytes = _mm512_min_epi8(_mm512_max_epi8(bytes, lo), hi);
  } else {
    bytes = _mm512_min_epu8(_mm512_max_epu8(bytes, lo), hi);
  }
  _mm512_mask_storeu_epi8(out, mask, bytes);
}

// What every tile of one panel shares.
struct PanelArgs {
  const uint8_t* weights;         // the panel
  int groups;                     // k4 / 4
  const Q8ChannelBlock* blocks;   // the panel's first channel block
  __mmask64 mask;                 // output bytes of a row that are real channels
  __m512i lo, hi;                 // activation bounds as bytes
  size_t out_stride;              // bytes between output rows (n)
};

// One tile: MR patches at a (stride bytes apart), accumulators starting
// at the rows' sums terms.
template <int NR, bool kSigned, class Stage, int MR = TilePixels(NR)>
__attribute__((noinline)) void Tile(const PanelArgs& pa, const Stage& stage, const uint8_t* a,
                                    size_t stride, const int32_t* sums, uint8_t* out) {
  __m512i acc[MR][NR];
#pragma GCC unroll 24
  for (int i = 0; i < MR; ++i) {
    const __m512i s = _mm512_set1_epi32(sums[i]);
#pragma GCC unroll 4
    for (int v = 0; v < NR; ++v) acc[i][v] = s;
  }
  const uint8_t* w = pa.weights;
  for (int kg = 0; kg < pa.groups; ++kg) {
    __m512i wv[NR];
#pragma GCC unroll 4
    for (int v = 0; v < NR; ++v) wv[v] = _mm512_load_si512(w + 64 * v);
    w += 64 * NR;
    const uint8_t* ap = a + 4 * kg;
#pragma GCC unroll 24
    for (int i = 0; i < MR; ++i) {
      if constexpr (kSigned) {
#pragma GCC unroll 4
        for (int v = 0; v < NR; ++v) acc[i][v] = DotBroadcast(acc[i][v], wv[v], ap + i * stride);
      } else {
        int32_t four;
        std::memcpy(&four, ap + i * stride, 4);
        const __m512i x = _mm512_set1_epi32(four);
#pragma GCC unroll 4
        for (int v = 0; v < NR; ++v) acc[i][v] = DotUnsigned(acc[i][v], x, wv[v]);
      }
    }
  }
  // Scale in place, one channel block at a time, then narrow row by row.
#pragma GCC unroll 4
  for (int v = 0; v < NR; ++v) {
    const typename Stage::Channels c = stage.Load(pa.blocks[v]);
#pragma GCC unroll 24
    for (int i = 0; i < MR; ++i) acc[i][v] = stage.Scale(acc[i][v], c);
  }
#pragma GCC unroll 24
  for (int i = 0; i < MR; ++i) {
    StoreRow<NR, kSigned>(acc[i], pa.lo, pa.hi, pa.mask, out + i * pa.out_stride);
  }
}

// Tiles of MR rows over rows [0, pixels) of a block, pixels >= MR. A
// partial last tile is the MR rows that end the block: the rows it shares
// with the tile before are computed and stored again, with the same
// values, so no row is ever copied or read past the block.
template <int NR, bool kSigned, int MR, class Stage>
void RunTiles(const PanelArgs& pa, const Stage& stage, const uint8_t* a, size_t stride,
              const int32_t* sums, int pixels, uint8_t* out) {
  for (int i = 0; i < pixels; i += MR) {
    const int at = std::min(i, pixels - MR);
    Tile<NR, kSigned, Stage, MR>(pa, stage, a + at * stride, stride, sums + at,
                                 out + at * pa.out_stride);
  }
}

// Every tile of one panel over a block of `pixels` patches. Blocks of
// fewer rows than the panel's tile (small layers, the last rows of a
// conv) run 6-row tiles, and below 6 rows one-row tiles (a fully
// connected layer's batch rows).
template <int NR, bool kSigned, class Stage>
void RunPanel(const PanelArgs& pa, const Stage& stage, const uint8_t* a, size_t stride,
              const int32_t* sums, int pixels, uint8_t* out) {
  constexpr int MR = TilePixels(NR);
  if (pixels >= MR) {
    RunTiles<NR, kSigned, MR>(pa, stage, a, stride, sums, pixels, out);
  } else if (MR > 6 && pixels >= 6) {
    RunTiles<NR, kSigned, 6>(pa, stage, a, stride, sums, pixels, out);
  } else {
    RunTiles<NR, kSigned, 1>(pa, stage, a, stride, sums, pixels, out);
  }
}

// One pixel's patch into row (k4 bytes), any geometry: taps outside the
// image take the pad byte.
void GatherPixel(const ConvGeometry& g, const Q8ConvPacked& p, const uint8_t* image, int oy,
                 int ox, __m512i pad, uint8_t* row) {
  const int cin = g.input_depth;
  const int row_bytes = g.filter_width * cin;
  uint8_t* dst = row;
  const int ix0 = ox * g.stride_width - g.pad_left;
  const bool columns_inside =
      g.dilation_width == 1 && ix0 >= 0 && ix0 + g.filter_width <= g.input_width;
  for (int fy = 0; fy < g.filter_height; ++fy) {
    const int iy = oy * g.stride_height - g.pad_top + fy * g.dilation_height;
    if (iy < 0 || iy >= g.input_height) {
      FillBytes(dst, pad, row_bytes);
      dst += row_bytes;
      continue;
    }
    const uint8_t* src = image + static_cast<size_t>(iy) * g.input_width * cin;
    if (columns_inside) {
      // The filter row's taps are adjacent input pixels: one run of bytes.
      CopyBytes(dst, src + static_cast<size_t>(ix0) * cin, row_bytes);
      dst += row_bytes;
      continue;
    }
    for (int fx = 0; fx < g.filter_width; ++fx) {
      const int ix = ix0 + fx * g.dilation_width;
      if (ix >= 0 && ix < g.input_width) {
        CopyBytes(dst, src + static_cast<size_t>(ix) * cin, cin);
      } else {
        FillBytes(dst, pad, cin);
      }
      dst += cin;
    }
  }
  // Bytes that round the patch up to k4 meet zero weights; zero here too.
  for (int k = p.k; k < p.k4; ++k) row[k] = 0;
}

// Vector types of 16, 32 and 64 bytes for GatherInterior.
template <int kBytes>
struct ByteVector;
template <>
struct ByteVector<16> {
  static void CopyRun(uint8_t* dst, const uint8_t* src, __mmask64 m) {
    const __m128i x = _mm_maskz_loadu_epi8(static_cast<__mmask16>(m), src);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), x);
  }
};
template <>
struct ByteVector<32> {
  static void CopyRun(uint8_t* dst, const uint8_t* src, __mmask64 m) {
    const __m256i x = _mm256_maskz_loadu_epi8(static_cast<__mmask32>(m), src);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), x);
  }
};
template <>
struct ByteVector<64> {
  static void CopyRun(uint8_t* dst, const uint8_t* src, __mmask64 m) {
    _mm512_storeu_si512(dst, _mm512_maskz_loadu_epi8(m, src));
  }
};

// Patches of `count` pixels of one output row whose taps all lie inside
// the image (dilation 1 along x): each filter row is one run of
// row_bytes input bytes. Every run is stored as a whole kBytes vector
// whose bytes past the run are 0 (the masked load zeroes them); later runs and rows overwrite them, so the
// last run also zeroes the patch's k4 padding (kBytes >= row_bytes + 3)
// and the block needs kBytes of slack.
template <int kBytes>
void GatherInterior(const ConvGeometry& g, const Q8ConvPacked& p, const uint8_t* const* rows,
                    int ix0, int count, uint8_t* dst) {
  const int cin = g.input_depth;
  const int row_bytes = g.filter_width * cin;
  const __mmask64 m = ByteMask(row_bytes);
  const size_t step = static_cast<size_t>(g.stride_width) * cin;
  size_t at = static_cast<size_t>(ix0) * cin;
  for (int i = 0; i < count; ++i, at += step, dst += p.k4) {
    for (int fy = 0; fy < g.filter_height; ++fy) {
      ByteVector<kBytes>::CopyRun(dst + fy * row_bytes, rows[fy] + at, m);
    }
  }
}

// Gathers the patches of pixels [m0, m0 + count) into rows of k4 bytes
// (A's bytes are the input's own in both types), an output row's stretch
// at a time.
void GatherBlock(const ConvGeometry& g, const Q8ConvPacked& p, const uint8_t* input, int m0,
                 int count, uint8_t* patches) {
  const __m512i pad = _mm512_set1_epi8(static_cast<char>(p.pad_byte));
  const int cin = g.input_depth;
  const int row_bytes = g.filter_width * cin;
  const size_t image_bytes = static_cast<size_t>(g.input_height) * g.input_width * cin;
  const size_t line_bytes = static_cast<size_t>(g.input_width) * cin;
  // Output columns whose taps are all inside the image along x.
  int ox_lo = g.output_width;
  int ox_hi = 0;
  constexpr int kMaxFastRows = 16;
  if (g.dilation_width == 1 && row_bytes + 3 <= 64 && g.filter_height <= kMaxFastRows) {
    ox_lo = (g.pad_left + g.stride_width - 1) / g.stride_width;
    ox_hi = (g.input_width - g.filter_width + g.pad_left) / g.stride_width + 1;
    ox_hi = std::min(ox_hi, g.output_width);
    if (g.input_width < g.filter_width) ox_hi = 0;
  }
  int b = m0 / (g.output_height * g.output_width);
  int oy = (m0 / g.output_width) % g.output_height;
  int ox = m0 % g.output_width;
  int i = 0;
  while (i < count) {
    const int run_end = ox + std::min(count - i, g.output_width - ox);
    const uint8_t* image = input + static_cast<size_t>(b) * image_bytes;
    const int iy0 = oy * g.stride_height - g.pad_top;
    const bool rows_inside =
        iy0 >= 0 && iy0 + (g.filter_height - 1) * g.dilation_height < g.input_height;
    const int lo = rows_inside ? std::clamp(ox_lo, ox, run_end) : run_end;
    const int hi = rows_inside ? std::clamp(ox_hi, lo, run_end) : run_end;
    for (; ox < lo; ++ox, ++i) {
      GatherPixel(g, p, image, oy, ox, pad, patches + static_cast<size_t>(i) * p.k4);
    }
    if (hi > lo) {
      const uint8_t* rows[kMaxFastRows];
      for (int fy = 0; fy < g.filter_height; ++fy) {
        rows[fy] = image + static_cast<size_t>(iy0 + fy * g.dilation_height) * line_bytes;
      }
      uint8_t* dst = patches + static_cast<size_t>(i) * p.k4;
      const int ix0 = ox * g.stride_width - g.pad_left;
      if (row_bytes + 3 <= 16) {
        GatherInterior<16>(g, p, rows, ix0, hi - lo, dst);
      } else if (row_bytes + 3 <= 32) {
        GatherInterior<32>(g, p, rows, ix0, hi - lo, dst);
      } else {
        GatherInterior<64>(g, p, rows, ix0, hi - lo, dst);
      }
      i += hi - lo;
      ox = hi;
    }
    for (; ox < run_end; ++ox, ++i) {
      GatherPixel(g, p, image, oy, ox, pad, patches + static_cast<size_t>(i) * p.k4);
    }
    if (ox == g.output_width) {
      ox = 0;
      if (++oy == g.output_height) {
        oy = 0;
        ++b;
      }
    }
  }
}

template <bool kInt8, class Stage>
void Run(const ConvGeometry& g, const Q8ConvPacked& p, const Stage& stage, const uint8_t* input,
         const Q8ConvWork& work, uint8_t* scratch, uint8_t* output) {
  const int pixel_begin = work.pixel_begin;
  const int pixel_end = work.pixel_end;
  const Q8Patches kind = Q8ConvPatches(g);
  const Q8ScratchLayout layout =
      Q8ConvScratchLayout(p.k4, kind, int64_t{g.rows()} * g.output_width);
  alignas(64) int32_t sums[kQ8MaxBlockPixels];
  uint8_t* patches = scratch + layout.patches;
  // Rows formed from the input's own rows keep its stride (k, a multiple
  // of 4, so k4 == k).
  const size_t stride = static_cast<size_t>(p.k4);
  const __m512i lo = _mm512_set1_epi8(static_cast<char>(p.act_min));
  const __m512i hi = _mm512_set1_epi8(static_cast<char>(p.act_max));
  for (int m0 = pixel_begin; m0 < pixel_end; m0 += layout.block_pixels) {
    const int pixels = std::min(layout.block_pixels, pixel_end - m0);
    const uint8_t* a = patches;
    switch (kind) {
      case Q8Patches::kInPlace:
        a = input + static_cast<size_t>(m0) * stride;
        break;
      case Q8Patches::kGathered:
        GatherBlock(g, p, input, m0, pixels, patches);
        break;
    }
    RowSums<kInt8>(a, stride, pixels, p.k4, p.pixel_scale, sums);
    uint8_t* out = output + static_cast<size_t>(m0) * p.n;
    int c0 = 0;
    for (int panel = 0; panel < work.panel_begin; ++panel) c0 += 16 * Q8PanelVectors((p.n16 - c0) / 16);
    for (int panel = work.panel_begin; panel < work.panel_end; ++panel) {
      const int vectors = Q8PanelVectors((p.n16 - c0) / 16);
      PanelArgs pa;
      pa.weights = p.weights + static_cast<size_t>(c0) * p.k4;
      pa.groups = p.k4 / 4;
      pa.blocks = p.blocks + c0 / 16;
      pa.mask = ByteMask(std::min(16 * vectors, p.n - c0));
      pa.lo = lo;
      pa.hi = hi;
      pa.out_stride = static_cast<size_t>(p.n);
      switch (vectors) {
        case 4: RunPanel<4, kInt8>(pa, stage, a, stride, sums, pixels, out + c0); break;
        case 3: RunPanel<3, kInt8>(pa, stage, a, stride, sums, pixels, out + c0); break;
        case 2: RunPanel<2, kInt8>(pa, stage, a, stride, sums, pixels, out + c0); break;
        default: RunPanel<1, kInt8>(pa, stage, a, stride, sums, pixels, out + c0); break;
      }
      c0 += 16 * vectors;
    }
  }
}

template <class Stage>
void RunTyped(const ConvGeometry& g, const Q8ConvPacked& p, const Stage& stage,
              const uint8_t* input, const Q8ConvWork& work, uint8_t* scratch, uint8_t* output) {
  if (p.int8) {
    Run<true>(g, p, stage, input, work, scratch, output);
  } else {
    Run<false>(g, p, stage, input, work, scratch, output);
  }
}

}  // namespace

void q8_conv2d_gemm_6x64c4__avx512vnni(const ConvGeometry& g, const Q8ConvPacked& packed,
                                       const uint8_t* input, const Q8ConvWork& work,
                                       uint8_t* scratch, uint8_t* output) {
  const bool ties_up = packed.rounding == ConvRounding::kDoubleRoundingTiesUp;
  if (packed.wide_stage) {
    if (ties_up) {
      RunTyped(g, packed, WideStage<false>{}, input, work, scratch, output);
    } else {
      RunTyped(g, packed, WideStage<true>{}, input, work, scratch, output);
    }
    return;
  }
  const __m512i offset = _mm512_set1_epi32(packed.output_offset);
  const __m512i lo = _mm512_set1_epi32(packed.act_min);
  const __m512i hi = _mm512_set1_epi32(packed.act_max);
  if (ties_up) {
    const GeneralStage<ConvRounding::kDoubleRoundingTiesUp> stage{offset, lo, hi};
    RunTyped(g, packed, stage, input, work, scratch, output);
  } else {
    const GeneralStage<ConvRounding::kDoubleRounding> stage{offset, lo, hi};
    RunTyped(g, packed, stage, input, work, scratch, output);
  }
}

}  // namespace liteforge::kernels
