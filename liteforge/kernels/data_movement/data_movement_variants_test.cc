// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// Every CONCATENATION / SPLIT variant this CPU runs against the reference
// kernels, byte for byte, with guard bytes after the output: 1-5 parts,
// block lengths around the 8/16/32/64-byte steps and past the memcpy
// threshold, empty blocks, many outer repeats; for the uint8 / int8
// requantizing concatenation, random and exact-half scales (ties must round
// away from zero), zero points on both ends of the range, plain-copy and
// rescaled parts mixed, full and narrowed activation ranges, and the
// Coral traffic model's box-predictor concatenations.

#include "liteforge/kernels/data_movement/data_movement_variants.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "liteforge/base/cpu_features.h"
#include "liteforge/kernels/data_movement/reference.h"

namespace liteforge::kernels {
namespace {

constexpr size_t kGuard = 80;

size_t RandomBlock(std::mt19937& rng) {
  switch (rng() % 8) {
    case 0:
      return 0;
    case 1:
      return 4097 + rng() % 3000;
    case 2:
      return 60 + rng() % 10;
    default:
      return rng() % 140;
  }
}

template <typename Fn>
void ForEachVariant(Fn fn) {
  int ran = 0;
  for (const DataMovementVariant& v : DataMovementVariants()) {
    if (!CpuFeatures::Get().Supports(v.isa)) continue;
    ++ran;
    fn(v);
  }
  if (ran == 0) GTEST_SKIP() << "no data-movement variant runs on this CPU";
}

TEST(DataMovementVariants, ConcatAndSplitMatchReference) {
  ForEachVariant([](const DataMovementVariant& v) {
    std::mt19937 rng(3);
    for (int trial = 0; trial < 300; ++trial) {
      const int64_t outer = 1 + static_cast<int64_t>(rng() % (trial % 3 == 0 ? 70 : 4));
      const size_t parts = 1 + rng() % 5;
      std::vector<size_t> blocks(parts);
      size_t row = 0;
      for (size_t& b : blocks) row += (b = RandomBlock(rng));
      std::vector<std::vector<uint8_t>> ins(parts);
      std::vector<const uint8_t*> in_ptrs(parts);
      for (size_t p = 0; p < parts; ++p) {
        ins[p].resize(blocks[p] * static_cast<size_t>(outer) + 1);
        for (uint8_t& b : ins[p]) b = static_cast<uint8_t>(rng());
        in_ptrs[p] = ins[p].data();
      }
      const size_t total = row * static_cast<size_t>(outer);
      std::vector<uint8_t> want(total + kGuard, 0x5A), got(total + kGuard, 0x5A);
      x8_concat__reference(outer, in_ptrs, blocks, want.data());
      v.x8_concat(outer, in_ptrs, blocks, got.data());
      ASSERT_EQ(want, got) << v.name << " concat trial " << trial;

      // Split the concatenation back.
      std::vector<std::vector<uint8_t>> want_parts(parts), got_parts(parts);
      std::vector<uint8_t*> want_ptrs(parts), got_ptrs(parts);
      for (size_t p = 0; p < parts; ++p) {
        want_parts[p].assign(blocks[p] * static_cast<size_t>(outer) + kGuard, 0x33);
        got_parts[p] = want_parts[p];
        want_ptrs[p] = want_parts[p].data();
        got_ptrs[p] = got_parts[p].data();
      }
      x8_split__reference(outer, want.data(), want_ptrs, blocks);
      v.x8_split(outer, want.data(), got_ptrs, blocks);
      ASSERT_EQ(want_parts, got_parts) << v.name << " split trial " << trial;
    }
  });
}

struct Quant {
  float scale;
  int32_t zero_point;
};

ConcatRequant RequantFor(const Quant& in, const Quant& out) {
  ConcatRequant r;
  if (in.scale == out.scale && in.zero_point == out.zero_point) return r;
  r.copy = false;
  r.scale = in.scale * (1.f / out.scale);  // as ops/concatenation.cc computes it
  r.bias = static_cast<float>(-in.zero_point) * r.scale;
  r.output_zero_point = out.zero_point;
  return r;
}

template <typename T>
void CheckRequant(const DataMovementVariant& v, int64_t outer, const std::vector<size_t>& blocks,
                  const std::vector<ConcatRequant>& requant, int32_t act_min, int32_t act_max,
                  std::mt19937& rng, const std::string& what) {
  const size_t parts = blocks.size();
  std::vector<std::vector<T>> ins(parts);
  std::vector<const T*> ptrs(parts);
  size_t row = 0;
  for (size_t p = 0; p < parts; ++p) {
    ins[p].resize(blocks[p] * static_cast<size_t>(outer) + 1);
    for (T& x : ins[p]) x = static_cast<T>(rng());
    ptrs[p] = ins[p].data();
    row += blocks[p];
  }
  const size_t total = row * static_cast<size_t>(outer);
  std::vector<T> want(total + kGuard, T{17}), got(total + kGuard, T{17});
  if constexpr (std::is_signed_v<T>) {
    qs8_concat_requant__reference(outer, ptrs, blocks, requant, act_min, act_max, want.data());
    v.qs8_concat_requant(outer, ptrs, blocks, requant, act_min, act_max, got.data());
  } else {
    qu8_concat_requant__reference(outer, ptrs, blocks, requant, act_min, act_max, want.data());
    v.qu8_concat_requant(outer, ptrs, blocks, requant, act_min, act_max, got.data());
  }
  ASSERT_EQ(want, got) << v.name << " " << what;
}

template <typename T>
void CheckRequant(const DataMovementVariant& v, int64_t outer, const std::vector<size_t>& blocks,
                  const std::vector<Quant>& quants, const Quant& out_quant, int32_t act_min,
                  int32_t act_max, std::mt19937& rng, const std::string& what) {
  std::vector<ConcatRequant> requant;
  for (const Quant& q : quants) requant.push_back(RequantFor(q, out_quant));
  CheckRequant<T>(v, outer, blocks, requant, act_min, act_max, rng, what);
}

template <typename T>
void RandomRequantCases(const DataMovementVariant& v) {
  std::mt19937 rng(std::is_signed_v<T> ? 21 : 22);
  const int32_t type_min = std::numeric_limits<T>::min(), type_max = std::numeric_limits<T>::max();
  auto random_zp = [&] {
    switch (rng() % 4) {
      case 0:
        return type_min;
      case 1:
        return type_max;
      default:
        return type_min + static_cast<int32_t>(rng() % 256);
    }
  };
  for (int trial = 0; trial < 400; ++trial) {
    const int64_t outer = 1 + static_cast<int64_t>(rng() % (trial % 3 == 0 ? 40 : 3));
    const size_t parts = 1 + rng() % 5;
    const Quant out{0.02f + static_cast<float>(rng() % 1000) * 1e-4f, random_zp()};
    std::vector<size_t> blocks(parts);
    std::vector<Quant> quants(parts);
    for (size_t p = 0; p < parts; ++p) {
      blocks[p] = RandomBlock(rng) % 300;
      switch (rng() % 4) {
        case 0:
          quants[p] = out;
          break;  // plain copy
        case 1:
          quants[p] = {out.scale * 0.5f, random_zp()};
          break;  // exact halves: ties
        case 2:
          quants[p] = {out.scale * 2.f, out.zero_point};
          break;
        default:
          quants[p] = {out.scale * (0.2f + static_cast<float>(rng() % 3000) * 1e-3f), random_zp()};
          break;
      }
    }
    int32_t act_min = type_min, act_max = type_max;
    if (rng() % 3 == 0) {
      act_min = type_min + static_cast<int32_t>(rng() % 100);
      act_max = type_max - static_cast<int32_t>(rng() % 100);
    }
    CheckRequant<T>(v, outer, blocks, quants, out, act_min, act_max, rng,
                    "trial " + std::to_string(trial));
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(DataMovementVariants, Uint8RequantizingConcatMatchesReference) {
  ForEachVariant([](const DataMovementVariant& v) { RandomRequantCases<uint8_t>(v); });
}

TEST(DataMovementVariants, Int8RequantizingConcatMatchesReference) {
  ForEachVariant([](const DataMovementVariant& v) { RandomRequantCases<int8_t>(v); });
}

// Rescales by exact halves put many values on a tie; the reference rounds
// them away from zero (hand-checked here), and so must every variant.
TEST(DataMovementVariants, ExactTiesRoundAwayFromZero) {
  auto halves = [](float scale, int32_t in_zp, int32_t out_zp) {
    ConcatRequant r;
    r.copy = false;
    r.scale = scale;
    r.bias = static_cast<float>(-in_zp) * scale;
    r.output_zero_point = out_zp;
    return r;
  };
  const int8_t in[] = {1, -1, 3, -3};
  const int8_t* ptrs[] = {in};
  const size_t blocks[] = {4};
  const ConcatRequant r[] = {halves(0.5f, 0, 0)};
  int8_t out[4];
  qs8_concat_requant__reference(1, ptrs, blocks, r, -128, 127, out);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[1], -1);
  EXPECT_EQ(out[2], 2);
  EXPECT_EQ(out[3], -2);
  ForEachVariant([&](const DataMovementVariant& v) {
    std::mt19937 rng(9);
    for (float scale : {0.5f, 1.5f, 2.5f, 0.25f}) {
      for (int32_t in_zp : {-128, -1, 0, 1, 7, 127}) {
        for (int32_t out_zp : {-128, -3, 0, 5, 127}) {
          const std::vector<ConcatRequant> rq = {halves(scale, in_zp, out_zp),
                                                 halves(scale, in_zp + 1, out_zp)};
          CheckRequant<int8_t>(v, 3, {37, 70}, rq, -128, 127, rng, "int8 halves");
          CheckRequant<uint8_t>(
              v, 3, {37, 70},
              {halves(scale, in_zp + 128, out_zp + 128), halves(scale, in_zp + 127, out_zp + 128)},
              0, 255, rng, "uint8 halves");
        }
      }
    }
  });
}

TEST(DataMovementVariants, TrafficModelBoxConcatenations) {
  ForEachVariant([](const DataMovementVariant& v) {
    std::mt19937 rng(5);
    // Coral automl_video_ondevice traffic model, ops 'concat' and 'concat_1'.
    CheckRequant<uint8_t>(v, 1, {81920, 20480, 5120},
                          {{0.0323282331f, 117}, {0.031998761f, 115}, {0.0274075679f, 131}},
                          {0.0323282331f, 117}, 0, 255, rng, "concat");
    CheckRequant<uint8_t>(v, 1, {81920, 20480, 5120},
                          {{0.0850615799f, 255}, {0.0867951885f, 254}, {0.0556985028f, 255}},
                          {0.0850615799f, 255}, 0, 255, rng, "concat_1");
  });
}

// TRANSPOSE-style plans: random permutations of random shapes, 1-, 2- and
// 4-byte elements (the variant speeds up 1-byte plane interleaves and hands
// everything else to the reference), plus NCHW -> NHWC of 2-4 planes with
// plane lengths around the 16-byte step.
TEST(DataMovementVariants, StridedCopyMatchesReference) {
  ForEachVariant([](const DataMovementVariant& v) {
    std::mt19937 rng(13);
    auto check = [&](std::vector<int32_t> dims, std::vector<int> perm, size_t elem) {
      std::vector<int64_t> in_strides(dims.size()), counts, strides;
      RowMajorStrides(dims, in_strides);
      for (int p : perm) {
        counts.push_back(dims[p]);
        strides.push_back(in_strides[p]);
      }
      StridedCopyPlan plan;
      ASSERT_TRUE(MakeStridedCopyPlan(counts, strides, 0, elem, &plan));
      size_t n = elem;
      for (int32_t d : dims) n *= static_cast<size_t>(d);
      std::vector<uint8_t> in(n);
      for (uint8_t& b : in) b = static_cast<uint8_t>(rng());
      std::vector<uint8_t> want(n + kGuard, 0x11), got(n + kGuard, 0x11);
      SelectStridedCopy(plan)(plan, in.data(), want.data());
      if (plan.unit_bytes == 1) {
        v.x8_strided_copy(plan, in.data(), got.data());
      } else {
        got = want;  // ops only hand 1-byte plans to the variant
        v.x8_strided_copy(plan, in.data(), got.data());
      }
      std::string what;
      for (int32_t d : dims) what += std::to_string(d) + " ";
      ASSERT_EQ(want, got) << v.name << " dims " << what << "elem " << elem;
    };
    for (int32_t planes : {2, 3, 4}) {
      for (int32_t hw : {1, 15, 16, 17, 31, 33, 100}) {
        check({2, planes, hw, 3}, {0, 2, 3, 1}, 1);
        check({1, planes, 7, hw}, {0, 2, 3, 1}, 1);
      }
    }
    check({1, 3, 224, 224}, {0, 2, 3, 1}, 1);
    for (int trial = 0; trial < 300; ++trial) {
      const int rank = 2 + static_cast<int>(rng() % 4);
      std::vector<int32_t> dims;
      std::vector<int> perm;
      for (int d = 0; d < rank; ++d) {
        dims.push_back(static_cast<int32_t>(1 + rng() % (rng() % 3 == 0 ? 40 : 5)));
        perm.push_back(d);
      }
      std::shuffle(perm.begin(), perm.end(), rng);
      const size_t sizes[] = {1, 1, 2, 4};
      check(dims, perm, sizes[rng() % 4]);
    }
  });
}

TEST(DataMovementVariants, SelectHonoursTheCeiling) {
  EXPECT_EQ(SelectDataMovement(Isa::kReference), nullptr);
  const DataMovementVariant* best = SelectDataMovement(Isa::kAvx512Vnni);
  if (best != nullptr) {
    EXPECT_TRUE(CpuFeatures::Get().Supports(best->isa));
  }
  // Every ISA with a variant line gets it when the CPU has the ISA.
  for (Isa isa : {Isa::kAvx2, Isa::kAvx512, Isa::kNeon}) {
    if (!CpuFeatures::Get().Supports(isa)) continue;
    const DataMovementVariant* v = SelectDataMovement(isa);
    ASSERT_NE(v, nullptr) << static_cast<int>(isa);
    EXPECT_EQ(v->isa, isa) << v->name;
  }
}

}  // namespace
}  // namespace liteforge::kernels
