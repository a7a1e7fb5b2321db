// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/base/cpu_features.h"

#include <cstdlib>
#include <thread>

#include <fmt/format.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#elif defined(__aarch64__) && defined(__linux__)
#include <sys/auxv.h>
#endif

namespace liteforge {

std::string_view IsaName(Isa isa) {
  switch (isa) {
    case Isa::kReference: return "reference";
    case Isa::kAvx2: return "avx2";
    case Isa::kAvx512: return "avx512";
    case Isa::kAvx512Vnni: return "avx512vnni";
    case Isa::kNeon: return "neon";
    case Isa::kNeonDot: return "neondot";
  }
  return "unknown";
}

std::optional<Isa> ParseIsa(std::string_view name) {
  for (Isa isa :
       {Isa::kReference, Isa::kAvx2, Isa::kAvx512, Isa::kAvx512Vnni, Isa::kNeon, Isa::kNeonDot}) {
    if (IsaName(isa) == name) return isa;
  }
  return std::nullopt;
}

namespace {

CpuFeatures Detect() {
  CpuFeatures f;
  unsigned hw = std::thread::hardware_concurrency();
  f.logical_cores = hw == 0 ? 1 : static_cast<int>(hw);
#if defined(__x86_64__) || defined(__i386__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) return f;
  const bool osxsave = (ecx >> 27) & 1;
  f.fma = (ecx >> 12) & 1;
  f.f16c = (ecx >> 29) & 1;
  const bool avx = (ecx >> 28) & 1;
  unsigned long long xcr0 = 0;
  if (osxsave) {
    unsigned lo = 0, hi = 0;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    xcr0 = (static_cast<unsigned long long>(hi) << 32) | lo;
  }
  const bool os_avx = (xcr0 & 0x6) == 0x6;
  const bool os_avx512 = (xcr0 & 0xe6) == 0xe6;
  if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) != 0) {
    f.avx2 = avx && os_avx && ((ebx >> 5) & 1);
    if (os_avx512) {
      f.avx512f = (ebx >> 16) & 1;
      f.avx512dq = (ebx >> 17) & 1;
      f.avx512bw = (ebx >> 30) & 1;
      f.avx512vl = (ebx >> 31) & 1;
      f.avx512vnni = (ecx >> 11) & 1;
    }
  }
  if (!os_avx) f.fma = f.f16c = false;
#elif defined(__aarch64__)
  // Advanced SIMD is mandatory in ARMv8-A (the compiler's baseline here);
  // the dot products are optional before ARMv8.4, so the kernel says.
  f.neon = true;
#if defined(__linux__)
  // Bit values from the arm64 Linux ABI, spelled out for older headers.
  constexpr unsigned long kHwcapAsimd = 1ul << 1;
  constexpr unsigned long kHwcapAsimdDp = 1ul << 20;
  const unsigned long hwcap = getauxval(AT_HWCAP);
  f.neon = (hwcap & kHwcapAsimd) != 0;
  f.neondot = f.neon && (hwcap & kHwcapAsimdDp) != 0;
#endif
#endif
  return f;
}

}  // namespace

const CpuFeatures& CpuFeatures::Get() {
  static const CpuFeatures features = Detect();
  return features;
}

bool CpuFeatures::Supports(Isa isa) const {
  switch (isa) {
    case Isa::kReference: return true;
    case Isa::kAvx2: return avx2 && fma && f16c;
    case Isa::kAvx512: return Supports(Isa::kAvx2) && avx512f && avx512bw && avx512vl && avx512dq;
    case Isa::kAvx512Vnni: return Supports(Isa::kAvx512) && avx512vnni;
    case Isa::kNeon: return neon;
    case Isa::kNeonDot: return neon && neondot;
  }
  return false;
}

Isa CpuFeatures::Best() const {
  for (Isa isa : {Isa::kAvx512Vnni, Isa::kAvx512, Isa::kAvx2, Isa::kNeonDot, Isa::kNeon}) {
    if (Supports(isa)) return isa;
  }
  return Isa::kReference;
}

std::string CpuFeatures::ToString() const {
  std::string s;
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!s.empty()) s += ' ';
    s += name;
  };
  add(avx2, "avx2");
  add(fma, "fma");
  add(f16c, "f16c");
  add(avx512f, "avx512f");
  add(avx512bw, "avx512bw");
  add(avx512vl, "avx512vl");
  add(avx512dq, "avx512dq");
  add(avx512vnni, "avx512vnni");
  add(neon, "neon");
  add(neondot, "neondot");
  return fmt::format("{} ({} logical cores)", s.empty() ? "baseline" : s, logical_cores);
}

Isa DefaultMaxIsa() {
  Isa best = CpuFeatures::Get().Best();
  if (const char* env = std::getenv("LITEFORGE_MAX_ISA")) {
    if (auto cap = ParseIsa(env)) {
      if (static_cast<int>(*cap) < static_cast<int>(best)) return *cap;
    }
  }
  return best;
}

}  // namespace liteforge
