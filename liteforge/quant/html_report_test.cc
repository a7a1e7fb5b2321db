// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0
//
// The HTML validation report: every section present, self-contained (no
// script, stylesheet link or remote resource), names escaped, labels shown,
// the verdict, and the per-layer chart and table.

#include "liteforge/quant/html_report.h"

#include <gtest/gtest.h>

#include <string>

namespace liteforge::quant {
namespace {

ComparedTensor Tensor(const std::string& name, int order, const std::vector<float>& ref,
                      const std::vector<float>& cand, int64_t classes) {
  ComparedTensor t;
  t.name = name;
  t.candidate_name = name;
  t.order = order;
  t.shape = Shape({1, static_cast<int32_t>(ref.size())});
  t.candidate_dtype = DType::kInt8;
  t.classes = classes;
  auto cmp = CompareValues(ref, cand, classes, &t.summary.histogram);
  EXPECT_TRUE(cmp.ok());
  t.summary.Add(*cmp);
  return t;
}

ValidationReport SampleReport() {
  ValidationReport r;
  r.outputs.push_back(Tensor("probs<1>", 0, {0.1f, 0.7f, 0.2f}, {0.5f, 0.3f, 0.2f}, 3));
  SampleResult s;
  s.name = "cat & dog.jpg";
  auto cmp = CompareValues(std::vector<float>{0.1f, 0.7f, 0.2f}, std::vector<float>{0.5f, 0.3f, 0.2f}, 3);
  s.outputs.push_back(*cmp);
  r.samples.push_back(s);
  r.per_layer = true;
  r.layers.push_back(Tensor("conv_bad", 3, {1, 2, 3}, {3, 2, 1}, 0));
  r.layers.push_back(Tensor("conv_ok", 1, {1, 2, 3}, {1, 2, 3.01f}, 0));
  r.layers.push_back(Tensor("exact", 2, {1, 2, 3}, {1, 2, 3}, 0));
  r.layers[1].candidate_name = "conv_ok_int8";
  r.layers[1].rule = MatchRule::kSuffix;
  r.unobserved = {"folded/weights"};
  r.skipped = {"'pool': shape [1, 8] in the reference, [1, 4] in the candidate"};
  r.reference_unmatched = 2;
  r.candidate_unmatched = 5;
  return r;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

TEST(HtmlReport, HasEverySectionAndIsSelfContained) {
  HtmlReportInfo info;
  info.reference = "float.tflite";
  info.candidate = "int8.tflite";
  info.labels = {"background", "tabby cat", "dog"};
  const std::string html = RenderHtmlReport(SampleReport(), info);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* id : {"summary", "outputs", "histogram", "layers", "samples"}) {
    EXPECT_NE(html.find(std::string("<h2 id=") + id + ">"), std::string::npos) << id;
  }
  // Offline: nothing to fetch or run.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  // Two charts: the output histogram and the per-layer bars.
  EXPECT_EQ(Count(html, "<svg"), 2u);
  EXPECT_EQ(Count(html, "</svg>"), 2u);
  EXPECT_NE(html.find("aria-label=\"error histogram\""), std::string::npos);
  EXPECT_NE(html.find("aria-label=\"per-layer SNR\""), std::string::npos);
  // Escaped names, labels beside classes, the candidate's own name.
  EXPECT_NE(html.find("probs&lt;1&gt;"), std::string::npos);
  EXPECT_NE(html.find("cat &amp; dog.jpg"), std::string::npos);
  EXPECT_EQ(html.find("probs<1>"), std::string::npos);
  EXPECT_NE(html.find("1 tabby cat (0.7)"), std::string::npos);
  EXPECT_NE(html.find("0 background (0.5)"), std::string::npos);
  EXPECT_NE(html.find("candidate: conv_ok_int8"), std::string::npos);
  EXPECT_NE(html.find("folded/weights"), std::string::npos);
  EXPECT_NE(html.find("&#39;pool&#39;: shape [1, 8]"), std::string::npos);
  EXPECT_NE(html.find("2 in the reference, 5 in the candidate"), std::string::npos);
  EXPECT_NE(html.find("No thresholds were given."), std::string::npos);
  // The disagreeing sample is highlighted.
  EXPECT_NE(html.find("<tr class=bad><td class=name>cat &amp; dog.jpg"), std::string::npos);
}

TEST(HtmlReport, LayersTableIsWorstFirstAndChartInExecutionOrder) {
  ValidationReport report = SampleReport();
  SortWorstFirst(report.layers);
  const std::string html = RenderHtmlReport(report, {});
  const size_t table = html.find("<th>rank</th>");
  ASSERT_NE(table, std::string::npos);
  const size_t bad = html.find("conv_bad", table), ok = html.find("conv_ok", table),
               exact = html.find("exact", table);
  EXPECT_LT(bad, ok);
  EXPECT_LT(ok, exact);
  // In the chart (before the table), bars follow the op order: 1, 2, 3.
  const size_t chart = html.find("aria-label=\"per-layer SNR\"");
  const size_t c1 = html.find("conv_ok (op 1)", chart), c2 = html.find("exact (op 2)", chart),
               c3 = html.find("conv_bad (op 3)", chart);
  EXPECT_LT(c1, c2);
  EXPECT_LT(c2, c3);
  EXPECT_LT(c3, table);
  EXPECT_NE(html.find("SNR inf dB"), std::string::npos);  // the identical tensor
}

TEST(HtmlReport, LargestSnrDropIsMarked) {
  ValidationReport report = SampleReport();
  std::string html = RenderHtmlReport(report, {});
  EXPECT_EQ(html.find("Largest SNR drop"), std::string::npos);  // no drops known
  report.layers[0].snr_drop_db = 12.5;  // conv_bad
  report.layers[1].snr_drop_db = 3.0;
  html = RenderHtmlReport(report, {});
  EXPECT_NE(html.find("Largest SNR drop: op 3 &lsquo;conv_bad&rsquo;"), std::string::npos);
  EXPECT_NE(html.find("stroke=\"#000\" stroke-width=\"2\"><title>conv_bad (op 3)"), std::string::npos);
  EXPECT_NE(html.find("(drop 12.50 dB)"), std::string::npos);
  EXPECT_NE(html.find("<td>12.50</td>"), std::string::npos);  // the table column
}

TEST(HtmlReport, Verdict) {
  ValidationReport report = SampleReport();
  HtmlReportInfo info;
  info.thresholds.min_agreement = 0.99;
  info.unmet = UnmetThresholds(report, info.thresholds);
  ASSERT_EQ(info.unmet.size(), 1u);
  std::string html = RenderHtmlReport(report, info);
  EXPECT_NE(html.find("FAIL: thresholds not met"), std::string::npos);
  EXPECT_NE(html.find("top-1 agreement 0 (0 of 1) is below the minimum 0.99"), std::string::npos);
  EXPECT_NE(html.find("<tr class=bad><td>0</td>"), std::string::npos);  // the failing output

  info.thresholds.min_agreement = 0.0;
  info.unmet = UnmetThresholds(report, info.thresholds);
  html = RenderHtmlReport(report, info);
  EXPECT_NE(html.find("PASS: every threshold is met."), std::string::npos);
}

TEST(HtmlReport, OutputsOnlyHasNoLayerSection) {
  ValidationReport report = SampleReport();
  report.per_layer = false;
  const std::string html = RenderHtmlReport(report, {});
  EXPECT_EQ(html.find("<h2 id=layers>"), std::string::npos);
  EXPECT_EQ(Count(html, "<svg"), 1u);
}

TEST(HtmlReport, Escape) {
  EXPECT_EQ(HtmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
}

}  // namespace
}  // namespace liteforge::quant
