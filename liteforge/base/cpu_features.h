// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// What the CPU we run on can do, read once, and the ISA ceiling a user or
// test can impose (`--isa=reference`, LITEFORGE_MAX_ISA) so the portable
// reference kernels can be forced.

#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace liteforge {

// Ordered from least to most capable; kernels are picked best-first among
// those at or below the ceiling.
enum class Isa {
  kReference = 0,  // portable C++, the oracle
  kAvx2 = 1,       // AVX2 + FMA + F16C
  kAvx512 = 2,     // AVX-512 F/BW/VL/DQ
  kAvx512Vnni = 3, // plus VNNI int8 dot products
  kNeon = 4,       // AArch64 Advanced SIMD
  kNeonDot = 5,    // plus the ARMv8.2 int8 dot products (SDOT/UDOT)
};

std::string_view IsaName(Isa isa);
std::optional<Isa> ParseIsa(std::string_view name);

struct CpuFeatures {
  bool avx2 = false;
  bool fma = false;
  bool f16c = false;
  bool avx512f = false;
  bool avx512bw = false;
  bool avx512vl = false;
  bool avx512dq = false;
  bool avx512vnni = false;
  bool neon = false;
  bool neondot = false;  // HWCAP_ASIMDDP
  int logical_cores = 1;

  // Detected once per process.
  static const CpuFeatures& Get();

  bool Supports(Isa isa) const;
  // The best ISA this CPU supports.
  Isa Best() const;
  std::string ToString() const;
};

// The highest ISA kernels may use: the CPU's best, capped by the
// LITEFORGE_MAX_ISA environment variable when it names a known ISA.
Isa DefaultMaxIsa();

}  // namespace liteforge
