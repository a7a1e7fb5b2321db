// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The validation report as one self-contained HTML page (`liteforge
// validate --report`): readable offline and attachable to a CI run, so it
// carries no script, no external stylesheet, font or image. Charts are
// inline SVG with native tooltips (<title>).
//
// Sections (each an <h2> with an id): "summary" (models, samples, the
// thresholds and whether they were met), "outputs" (the metrics of every
// output), "histogram" (the distribution of absolute output errors on a log
// scale, per output), "layers" (per-layer mode: a bar chart of every matched
// tensor's SNR in execution order, then the table worst first, then what
// could not be compared), and "samples" (every sample's outputs side by
// side).

#pragma once

#include <string>
#include <vector>

#include "liteforge/quant/validation.h"

namespace liteforge::quant {

struct HtmlReportInfo {
  std::string reference;  // the models as the user named them
  std::string candidate;
  // Class names by index, shown beside top-1 classes (may be empty).
  std::vector<std::string> labels;
  Thresholds thresholds;
  std::vector<std::string> unmet;  // UnmetThresholds(report, thresholds)
};

std::string RenderHtmlReport(const ValidationReport& report, const HtmlReportInfo& info);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace liteforge::quant
