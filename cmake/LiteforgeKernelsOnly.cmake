# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# LITEFORGE_KERNELS_ONLY: the layers a cross build needs to prove the SIMD
# kernels of another CPU family (lf_base, lf_tensor, lf_ir, lf_kernels) and
# their test binaries, without the libraries the upper layers link
# (flatbuffers, libzip, ...), which Debian ships for the build machine only.
# Used by the `aarch64` preset (cmake/aarch64-linux-gnu.cmake).
#
# Two host packages serve the target as sources:
#   libfmt-dev  header-only mode (FMT_HEADER_ONLY): fmt's headers are the
#               same for every architecture; only they are put on the
#               include path (through a link in the build tree), never the
#               host's /usr/include.
#   googletest  Debian ships GoogleTest's sources in /usr/src/googletest,
#               built here for the target.

find_path(LF_FMT_INCLUDE_DIR fmt/format.h PATHS /usr/include NO_DEFAULT_PATH
          NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(LF_FMT_LINK_DIR "${PROJECT_BINARY_DIR}/fmt_headers")
file(MAKE_DIRECTORY "${LF_FMT_LINK_DIR}")
file(CREATE_LINK "${LF_FMT_INCLUDE_DIR}/fmt" "${LF_FMT_LINK_DIR}/fmt" SYMBOLIC)
add_library(lf_fmt_header_only INTERFACE)
target_include_directories(lf_fmt_header_only SYSTEM INTERFACE "${LF_FMT_LINK_DIR}")
target_compile_definitions(lf_fmt_header_only INTERFACE FMT_HEADER_ONLY=1)
add_library(fmt::fmt ALIAS lf_fmt_header_only)

if(LITEFORGE_BUILD_TESTS)
  set(LF_GOOGLETEST_SOURCE /usr/src/googletest CACHE PATH "GoogleTest sources (Debian's googletest)")
  if(NOT EXISTS "${LF_GOOGLETEST_SOURCE}/CMakeLists.txt")
    message(FATAL_ERROR "LITEFORGE_KERNELS_ONLY builds GoogleTest from source: install "
                        "Debian's googletest package (scripts/setup.sh)")
  endif()
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(BUILD_GMOCK ON CACHE BOOL "" FORCE)
  add_subdirectory("${LF_GOOGLETEST_SOURCE}" "${PROJECT_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL)
  enable_testing()
  include(GoogleTest)
endif()

find_package(Threads REQUIRED)
set(LF_SRC "${PROJECT_SOURCE_DIR}/liteforge")
lf_add_library(lf_base DIRS "${LF_SRC}/base" PUBLIC_DEPS fmt::fmt Threads::Threads)
lf_add_library(lf_tensor DIRS "${LF_SRC}/tensor" PUBLIC_DEPS lf_base)
lf_add_library(lf_ir DIRS "${LF_SRC}/ir" PUBLIC_DEPS lf_tensor)
lf_add_library(lf_kernels DIRS "${LF_SRC}/kernels" PUBLIC_DEPS lf_tensor)

lf_add_test(lf_base_test DIRS "${LF_SRC}/base" "${LF_SRC}/tensor" "${LF_SRC}/ir" DEPS lf_ir)
lf_add_test(lf_kernels_test DIRS "${LF_SRC}/kernels" DEPS lf_kernels lf_base)
