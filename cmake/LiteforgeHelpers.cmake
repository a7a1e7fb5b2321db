# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# Shared build rules: warnings, sanitizers, ISA flags for x86_*.cc and
# arm_*.cc files, and the per-folder library/test/fuzz helpers.

set(LITEFORGE_WARNINGS -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare
    -Wno-missing-field-initializers)
if(LITEFORGE_WERROR)
  list(APPEND LITEFORGE_WARNINGS -Werror)
endif()

if(LITEFORGE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Only x86_<isa>.cc / arm_<isa>.cc files may use intrinsics; they get the flags
# of their ISA here and nothing else in the tree does (DESIGN.md conventions).
# GCC 12 reports its own `__m512i __Y = __Y;` idiom (_mm512_undefined_*,
# used inside many intrinsics) as maybe-uninitialized; that warning is
# silenced on ISA files only.
function(lf_apply_isa_flags)
  foreach(src IN LISTS ARGN)
    get_filename_component(name "${src}" NAME_WE)
    if(name MATCHES "x86_avx512vnni")
      set_source_files_properties("${src}" PROPERTIES COMPILE_OPTIONS
        "-mavx512f;-mavx512bw;-mavx512vl;-mavx512dq;-mavx512vnni;-mfma;-mavx2;-mf16c;-Wno-maybe-uninitialized")
    elseif(name MATCHES "x86_avx512")
      set_source_files_properties("${src}" PROPERTIES COMPILE_OPTIONS
        "-mavx512f;-mavx512bw;-mavx512vl;-mavx512dq;-mfma;-mavx2;-mf16c;-Wno-maybe-uninitialized")
    elseif(name MATCHES "x86_avx2")
      set_source_files_properties("${src}" PROPERTIES COMPILE_OPTIONS
        "-mavx2;-mfma;-mf16c;-Wno-maybe-uninitialized")
    elseif(name MATCHES "arm_neondot")
      # ARMv8.2-A dot products (SDOT/UDOT).
      set_source_files_properties("${src}" PROPERTIES COMPILE_OPTIONS
        "-march=armv8.2-a+dotprod;-fno-schedule-insns")
    elseif(name MATCHES "arm_neon")
      # Advanced SIMD is part of the ARMv8-A baseline: no -march. On both
      # ARM kinds GCC 12's scheduling before register allocation hoists
      # weight loads ahead of the register-blocked GEMM accumulators and
      # spills them (8-15 stack accesses per 64 SDOTs in gemm_q8's 4x16
      # loop; none without it).
      set_source_files_properties("${src}" PROPERTIES COMPILE_OPTIONS
        "-fno-schedule-insns")
    endif()
  endforeach()
endfunction()

# Drops the ISA files the target CPU family cannot build: arm_*.cc on x86
# and x86_*.cc elsewhere (their variants are then absent from dispatch).
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|i.86)$")
  set(LF_FOREIGN_ISA_REGEX "/arm_[^/]*\\.cc$")
else()
  set(LF_FOREIGN_ISA_REGEX "/x86_[^/]*\\.cc$")
  # AArch64's baseline has fused multiply-add, and GCC contracts a * b + c
  # into one in C++ by default; the reference kernels must round the
  # product first, as they do on an x86-64 baseline, so that the float SIMD
  # variants that keep the reference's operations stay bit-exact with it.
  add_compile_options(-ffp-contract=off)
endif()
macro(lf_filter_isa_sources var)
  list(FILTER ${var} EXCLUDE REGEX "${LF_FOREIGN_ISA_REGEX}")
endmacro()

# lf_add_library(<target> DIRS <dir>... DEPS <dep>...)
# Globs *.cc in the given folders (recursively), minus tests, fuzzers and
# benchmarks, into one static library.
function(lf_add_library target)
  cmake_parse_arguments(ARG "" "" "DIRS;DEPS;PUBLIC_DEPS" ${ARGN})
  set(srcs)
  foreach(dir IN LISTS ARG_DIRS)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS "${dir}/*.cc")
    list(APPEND srcs ${found})
  endforeach()
  list(FILTER srcs EXCLUDE REGEX "(_test|_fuzz|_bench)\\.cc$")
  list(FILTER srcs EXCLUDE REGEX "/testing/")
  lf_filter_isa_sources(srcs)
  if(NOT srcs)
    # A header-only layer (so far): an interface target keeps the graph.
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}")
    target_link_libraries(${target} INTERFACE ${ARG_PUBLIC_DEPS})
    return()
  endif()
  add_library(${target} STATIC ${srcs})
  lf_apply_isa_flags(${srcs})
  target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}"
                                              "${PROJECT_BINARY_DIR}")
  target_compile_options(${target} PRIVATE ${LITEFORGE_WARNINGS})
  target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_DEPS})
endfunction()

# lf_add_test(<target> DIRS <dir>... DEPS <dep>...)
# One gtest binary per layer: every *_test.cc under the folders.
function(lf_add_test target)
  if(NOT LITEFORGE_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "DIRS;DEPS;SOURCES" ${ARGN})
  set(srcs ${ARG_SOURCES})
  foreach(dir IN LISTS ARG_DIRS)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS "${dir}/*_test.cc")
    list(APPEND srcs ${found})
  endforeach()
  if(NOT srcs)
    return()
  endif()
  add_executable(${target} ${srcs})
  lf_apply_isa_flags(${srcs})
  target_compile_options(${target} PRIVATE ${LITEFORGE_WARNINGS})
  target_compile_definitions(${target} PRIVATE
    LITEFORGE_TESTDATA_DIR="${LITEFORGE_TESTDATA_DIR}"
    LITEFORGE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    LITEFORGE_BINARY_DIR="${PROJECT_BINARY_DIR}")
  target_link_libraries(${target} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  # Test code itself needs no -O3: the kernels and the runtime under test
  # keep the build type's flags, while the test bodies (gtest macros,
  # expected-value loops) compile about a third faster at -O1. This is most
  # of what a cold CI machine spends its time on.
  if(CMAKE_BUILD_TYPE STREQUAL "Release")
    target_compile_options(${target} PRIVATE -O1)
  endif()
  gtest_discover_tests(${target} DISCOVERY_MODE PRE_TEST
                       PROPERTIES TIMEOUT 900 LABELS unit)
endfunction()

# lf_add_fuzzer(<target> SOURCE <file> DEPS <dep>...)
function(lf_add_fuzzer target)
  if(NOT LITEFORGE_FUZZ)
    return()
  endif()
  cmake_parse_arguments(ARG "" "SOURCE" "DEPS" ${ARGN})
  add_executable(${target} ${ARG_SOURCE})
  target_compile_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(${target} PRIVATE ${ARG_DEPS})
endfunction()
