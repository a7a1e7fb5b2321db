// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The XNNPACK delegate: runs the ops of a model that XNNPACK's subgraph API
// can express through XNNPACK, and leaves the rest to liteforge's kernels.
// It is the yardstick TFLite users know (TFLite's default CPU fast path), so
// `liteforge bench MODEL --delegate xnnpack` says how liteforge's own
// kernels compare on the same machine.
//
// Built into liteforge when CMake finds XNNPACK (Debian's libxnnpack-dev)
// and selected by name: `--delegate xnnpack` or `--delegate
// xnnpack?threads=N`. Without `threads` it uses the interpreter's thread
// count. This header does not include xnnpack.h, so users of the delegate do
// not need XNNPACK's headers.

#pragma once

#include <memory>
#include <string_view>

#include "liteforge/base/status.h"
#include "liteforge/runtime/delegate.h"

namespace liteforge::delegates::xnnpack {

inline constexpr std::string_view kXnnpackDelegateName = "xnnpack";

// `options` is the text after '?' in the spec: "" or "threads=N" (1..256).
// Fails when XNNPACK cannot initialise on this CPU or the options are bad.
Result<std::shared_ptr<runtime::Delegate>> CreateXnnpackDelegate(std::string_view options);

}  // namespace liteforge::delegates::xnnpack
