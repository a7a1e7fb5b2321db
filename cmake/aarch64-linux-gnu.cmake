# Copyright 2026 The liteforge Authors
# SPDX-License-Identifier: Apache-2.0
#
# Cross toolchain for 64-bit ARM Linux (Raspberry Pi 3/4/5, phones) with
# Debian's g++-aarch64-linux-gnu. The baseline is plain ARMv8-A (Advanced
# SIMD is part of it); only arm_neondot.cc files get ARMv8.2-A + dotprod
# (cmake/LiteforgeHelpers.cmake). Test binaries run under qemu-user
# (Debian's qemu-user), which ctest and gtest_discover_tests use through
# CMAKE_CROSSCOMPILING_EMULATOR; qemu's default CPU has every extension the
# kernels use.
#   cmake --preset aarch64   (CMakePresets.json)

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(LF_CROSS_TRIPLE aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${LF_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${LF_CROSS_TRIPLE}-g++)

# Headers and libraries of the target come from the cross sysroot Debian
# installs under /usr/aarch64-linux-gnu; programs (flatc, python) from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${LF_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

find_program(LF_QEMU_AARCH64 NAMES qemu-aarch64 qemu-aarch64-static)
if(LF_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${LF_QEMU_AARCH64};-L;/usr/${LF_CROSS_TRIPLE}")
endif()
