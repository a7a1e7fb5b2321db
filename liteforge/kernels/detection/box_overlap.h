// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The overlap test non-maximum suppression applies to two decoded boxes,
// shared by the reference kernel and the ranked one so both compute the
// same floats in the same order (their outputs must be identical).

#pragma once

#include <algorithm>

#include "liteforge/kernels/detection/reference.h"

namespace liteforge::kernels {

// (ymax - ymin) * (xmax - xmin) in float; a box's area is a pure function of
// the box, so a kernel may compute it once and reuse it.
inline float DetectionBoxArea(const DetectionBox& b) {
  return (b.ymax - b.ymin) * (b.xmax - b.xmin);
}

// Intersection over union in float given both areas (DetectionBoxArea), 0
// when either area is not positive. Callers pass the higher-ranked box as
// `a`, as TFLite does.
inline float DetectionIou(const DetectionBox& a, float area_a, const DetectionBox& b,
                          float area_b) {
  if (area_a <= 0 || area_b <= 0) return 0.0f;
  const float top = std::max(a.ymin, b.ymin);
  const float left = std::max(a.xmin, b.xmin);
  const float bottom = std::min(a.ymax, b.ymax);
  const float right = std::min(a.xmax, b.xmax);
  const float inter = std::max(bottom - top, 0.0f) * std::max(right - left, 0.0f);
  return inter / (area_a + area_b - inter);
}

}  // namespace liteforge::kernels
