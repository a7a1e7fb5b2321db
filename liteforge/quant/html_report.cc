// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/quant/html_report.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

namespace liteforge::quant {
namespace {

using Out = std::back_insert_iterator<std::string>;

constexpr char kStyle[] = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto;
       max-width: 1100px; color: #222; padding: 0 1em; overflow-wrap: anywhere; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: right; }
th { background: #f4f4f4; } td.name, th.name { text-align: left; word-break: break-all; max-width: 28em; }
tr.bad td { background: #fdecea; }
.pass { color: #1e7e34; font-weight: bold; } .fail { color: #b21f2d; font-weight: bold; }
.note { color: #555; font-size: 0.9em; }
svg { display: block; margin: 0.5em 0; font-size: 11px; }
svg text { fill: #333; }
)";

std::string Num(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return fmt::format("{:.4g}", v);
}

std::string Db(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return fmt::format("{:.2f}", v);
}

std::string Percent(double fraction) { return fmt::format("{:.2f}%", 100.0 * fraction); }

std::string ShapeAndTypes(const ComparedTensor& t) {
  std::string s = t.shape.ToString() + " " + std::string(DTypeName(t.reference_dtype));
  if (t.candidate_dtype != t.reference_dtype) s += " / " + std::string(DTypeName(t.candidate_dtype));
  return s;
}

std::string TensorNames(const ComparedTensor& t) {
  std::string s = HtmlEscape(t.name);
  if (t.candidate_name != t.name) s += "<br><span class=note>candidate: " + HtmlEscape(t.candidate_name) + "</span>";
  return s;
}

std::string ClassName(int cls, const std::vector<std::string>& labels) {
  if (cls < 0) return "";
  std::string s = std::to_string(cls);
  if (cls < static_cast<int>(labels.size()) && !labels[cls].empty()) {
    s += ' ';
    s += HtmlEscape(labels[cls]);
  }
  return s;
}

// The bar colour for an SNR: red below 10 dB, orange below 20, green above,
// grey for identical tensors.
const char* SnrColour(double snr) {
  if (std::isinf(snr) && snr > 0) return "#9aa5a6";
  if (!(snr >= 10)) return "#c0392b";
  if (snr < 20) return "#e67e22";
  return "#27ae60";
}

// Tick step giving at most ~8 ticks over `span`: 1, 2 or 5 times a power of 10.
double TickStep(double span) {
  if (!(span > 0)) return 1;
  const double raw = span / 8;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= raw) return m * p;
  }
  return 10 * p;
}

// SNR (dB) of every compared tensor as bars in execution order.
void LayerChart(Out out, std::vector<ComparedTensor> layers, const ComparedTensor* largest_drop) {
  const int marked = largest_drop != nullptr ? largest_drop->reference_index : -1;
  std::sort(layers.begin(), layers.end(),
            [](const ComparedTensor& a, const ComparedTensor& b) { return a.order < b.order; });
  double lo = 0, hi = 10;
  bool any_finite = false;
  for (const auto& l : layers) {
    const double s = l.summary.snr_db();
    if (!std::isfinite(s)) continue;
    if (!any_finite) hi = std::max(s, 1.0);
    any_finite = true;
    lo = std::min(lo, s);
    hi = std::max(hi, s);
  }
  hi += (hi - lo) * 0.08;  // room above the best finite bar for identical ones
  const double step = TickStep(hi - lo);
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;
  const int width = 1000, height = 280, left = 50, right = 10, top = 10, bottom = 40;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  auto y_of = [&](double v) { return top + plot_h * (hi - std::clamp(v, lo, hi)) / (hi - lo); };
  fmt::format_to(out, R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img" aria-label="per-layer SNR">)",
                 width, height);
  for (double v = lo; v <= hi + step / 2; v += step) {
    const double y = y_of(v);
    fmt::format_to(out, R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#e5e5e5"/>)", left,
                   width - right, y, y);
    fmt::format_to(out, R"(<text x="{}" y="{:.1f}" text-anchor="end">{}</text>)", left - 4, y + 4, Num(v));
  }
  const double zero = y_of(0);
  const double slot = plot_w / std::max<size_t>(layers.size(), 1);
  const double bar = std::max(1.0, slot * 0.8);
  for (size_t i = 0; i < layers.size(); ++i) {
    const double s = layers[i].summary.snr_db();
    const double y = y_of(std::isnan(s) ? lo : s);
    const double x = left + slot * static_cast<double>(i) + (slot - bar) / 2;
    const bool mark = layers[i].reference_index == marked;
    fmt::format_to(out,
                   R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"{}><title>{} (op {}): SNR {} dB{}, max abs error {}</title></rect>)",
                   x, std::min(y, zero), bar, std::max(std::fabs(zero - y), 0.5), SnrColour(s),
                   mark ? R"( stroke="#000" stroke-width="2")" : "", HtmlEscape(layers[i].name),
                   layers[i].order, Db(s),
                   layers[i].snr_drop_db ? fmt::format(" (drop {} dB)", Db(*layers[i].snr_drop_db)) : "",
                   Num(layers[i].summary.max_abs_error));
    if (mark) {
      fmt::format_to(out, R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle">&#9660;</text>)", x + bar / 2,
                     std::max(std::min(y, zero) - 3, static_cast<double>(top) + 9));
    }
  }
  fmt::format_to(out, R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#888"/>)", left,
                 width - right, zero, zero);
  fmt::format_to(out, R"(<text x="{}" y="{}" text-anchor="middle">matched tensors in execution order (1 to {}); bar height: SNR in dB, higher is better</text>)",
                 left + plot_w / 2, height - 12, layers.size());
  fmt::format_to(out, R"svg(<text x="12" y="{:.1f}" transform="rotate(-90 12 {:.1f})" text-anchor="middle">SNR (dB)</text>)svg",
                 top + plot_h / 2, top + plot_h / 2);
  out = fmt::format_to(out, "</svg>\n");
}

std::string EdgeLabel(int bin) {
  if (bin == 0) return "0";
  const double e = ErrorHistogram::kFirstDecade + static_cast<double>(bin - 1) / ErrorHistogram::kBinsPerDecade;
  return fmt::format("1e{}", static_cast<int>(e));
}

// The absolute errors of one output, bins from the first to the last
// non-empty one.
void HistogramChart(Out out, const ComparedTensor& t) {
  const ErrorHistogram& h = t.summary.histogram;
  int first = -1, last = -1;
  int64_t peak = 0;
  for (int b = 0; b < ErrorHistogram::kBins; ++b) {
    if (h.counts[b] == 0) continue;
    if (first < 0) first = b;
    last = b;
    peak = std::max(peak, h.counts[b]);
  }
  if (first < 0) {
    fmt::format_to(out, "<p class=note>no values compared</p>\n");
    return;
  }
  const int width = 640, height = 200, left = 60, right = 10, top = 10, bottom = 36;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const int n = last - first + 1;
  const double slot = plot_w / n;
  fmt::format_to(out, R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img" aria-label="error histogram">)",
                 width, height);
  fmt::format_to(out, R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", left - 4, top + 8, peak);
  fmt::format_to(out, R"(<text x="{}" y="{}" text-anchor="end">0</text>)", left - 4, top + plot_h);
  for (int b = first; b <= last; ++b) {
    const double x = left + slot * (b - first);
    const double bh = plot_h * static_cast<double>(h.counts[b]) / static_cast<double>(peak);
    const std::string range =
        b == 0 ? fmt::format("below {}", Num(ErrorHistogram::LowerEdge(1)))
        : b == ErrorHistogram::kBins - 1
            ? fmt::format("{} and above", Num(ErrorHistogram::LowerEdge(b)))
            : fmt::format("[{}, {})", Num(ErrorHistogram::LowerEdge(b)), Num(ErrorHistogram::LowerEdge(b + 1)));
    fmt::format_to(out,
                   R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="#3c78b4"><title>|error| {}: {} values</title></rect>)",
                   x + 1, top + plot_h - bh, std::max(slot - 2, 1.0), bh, range, h.counts[b]);
    if (b == 0 || (b - 1) % ErrorHistogram::kBinsPerDecade == 0) {
      fmt::format_to(out, R"(<text x="{:.1f}" y="{}" text-anchor="middle">{}</text>)", x, top + plot_h + 14,
                     b == 0 ? "0" : EdgeLabel(b));
    }
  }
  fmt::format_to(out, R"(<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#888"/>)", left, width - right,
                 top + plot_h, top + plot_h);
  fmt::format_to(out, R"(<text x="{}" y="{}" text-anchor="middle">absolute error (log scale); bar height: number of values</text>)",
                 left + plot_w / 2, height - 4);
  out = fmt::format_to(out, "</svg>\n");
}

void SummarySection(Out out, const ValidationReport& report, const HtmlReportInfo& info) {
  fmt::format_to(out, "<h2 id=summary>Summary</h2>\n<table>\n");
  fmt::format_to(out, "<tr><th class=name>reference</th><td class=name>{}</td></tr>\n", HtmlEscape(info.reference));
  fmt::format_to(out, "<tr><th class=name>candidate</th><td class=name>{}</td></tr>\n", HtmlEscape(info.candidate));
  fmt::format_to(out, "<tr><th class=name>samples</th><td class=name>{}</td></tr>\n", report.samples.size());
  if (info.thresholds.min_agreement) {
    fmt::format_to(out, "<tr><th class=name>minimum top-1 agreement</th><td class=name>{}</td></tr>\n",
                   Num(*info.thresholds.min_agreement));
  }
  if (info.thresholds.max_error) {
    fmt::format_to(out, "<tr><th class=name>maximum abs error</th><td class=name>{}</td></tr>\n",
                   Num(*info.thresholds.max_error));
  }
  fmt::format_to(out, "</table>\n");
  if (!info.thresholds.min_agreement && !info.thresholds.max_error) {
    fmt::format_to(out, "<p class=note>No thresholds were given.</p>\n");
  } else if (info.unmet.empty()) {
    fmt::format_to(out, "<p class=pass>PASS: every threshold is met.</p>\n");
  } else {
    fmt::format_to(out, "<p class=fail>FAIL: thresholds not met</p>\n<ul>\n");
    for (const auto& line : info.unmet) fmt::format_to(out, "<li>{}</li>\n", HtmlEscape(line));
    fmt::format_to(out, "</ul>\n");
  }
}

void OutputsSection(Out out, const ValidationReport& report, const HtmlReportInfo& info) {
  fmt::format_to(out, "<h2 id=outputs>Outputs</h2>\n<table>\n<tr><th>#</th><th class=name>tensor</th>"
                      "<th>shape, dtype</th><th>top-1 agreement</th><th>top-5 agreement</th>"
                      "<th>max abs error</th><th>mean abs error</th><th>SNR (dB)</th>"
                      "<th>cosine (mean)</th><th>cosine (min)</th></tr>\n");
  for (const ComparedTensor& t : report.outputs) {
    const bool bad =
        (info.thresholds.max_error && !(t.summary.max_abs_error <= *info.thresholds.max_error)) ||
        (info.thresholds.min_agreement && t.summary.has_agreement() &&
         !(t.summary.top1_agreement() >= *info.thresholds.min_agreement));
    const ComparisonSummary& s = t.summary;
    fmt::format_to(out, "<tr{}><td>{}</td><td class=name>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                   bad ? " class=bad" : "", t.order, TensorNames(t), ShapeAndTypes(t),
                   s.has_agreement() ? fmt::format("{} ({} / {})", Percent(s.top1_agreement()), s.top1_agree, s.rows) : "&ndash;",
                   s.has_agreement() ? Percent(s.top5_agreement()) : "&ndash;", Num(s.max_abs_error),
                   Num(s.mean_abs_error()), Db(s.snr_db()), fmt::format("{:.6f}", s.cosine_mean()),
                   fmt::format("{:.6f}", s.cosine_min));
  }
  fmt::format_to(out, "</table>\n<p class=note>Top-1 agreement: rows of the last dimension where both "
                      "models pick the same class; top-5: rows where the reference's class is among "
                      "the candidate's 5 best. SNR pools every sample: 10&middot;log10(&Sigma;r&sup2; / "
                      "&Sigma;(r&minus;c)&sup2;).</p>\n");
}

void HistogramSection(Out out, const ValidationReport& report) {
  fmt::format_to(out, "<h2 id=histogram>Output error histogram</h2>\n");
  for (const ComparedTensor& t : report.outputs) {
    fmt::format_to(out, "<h3>output {} &lsquo;{}&rsquo;</h3>\n", t.order, HtmlEscape(t.name));
    HistogramChart(out, t);
  }
}

void LayersSection(Out out, const ValidationReport& report) {
  fmt::format_to(out, "<h2 id=layers>Per-layer comparison</h2>\n");
  const ComparedTensor* largest = LargestSnrDrop(report);
  if (report.layers.empty()) {
    fmt::format_to(out, "<p>No intermediate tensor could be compared.</p>\n");
  } else {
    if (largest != nullptr) {
      const double in = largest->summary.snr_db() + *largest->snr_drop_db;
      fmt::format_to(out, "<p>Largest SNR drop: op {} &lsquo;{}&rsquo;, from {} dB in its inputs to {} dB "
                          "(marked &#9660; below). Errors pile up along the network, so the lowest SNRs "
                          "sit near its end; the largest drop shows where they start.</p>\n",
                     largest->order, HtmlEscape(largest->name),
                     std::isnan(in) ? std::string("inf") : Db(in), Db(largest->summary.snr_db()));
    }
    LayerChart(out, report.layers, largest);
    fmt::format_to(out, "<p class=note>Bars: red below 10 dB, orange below 20 dB, green above, grey "
                        "identical. Hover a bar for the tensor.</p>\n");
    fmt::format_to(out, "<table>\n<tr><th>rank</th><th class=name>tensor</th><th>matched by</th><th>op</th>"
                        "<th>shape, dtype</th><th>SNR (dB)</th><th>SNR drop (dB)</th><th>max abs error</th>"
                        "<th>mean abs error</th><th>cosine (mean)</th><th>top-1 agreement</th></tr>\n");
    for (size_t i = 0; i < report.layers.size(); ++i) {
      const ComparedTensor& t = report.layers[i];
      const ComparisonSummary& s = t.summary;
      fmt::format_to(out, "<tr{}><td>{}</td><td class=name>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                          "<td>{}</td><td>{}</td><td>{}</td><td>{:.6f}</td><td>{}</td></tr>\n",
                     &t == largest ? " class=bad" : "", i + 1, TensorNames(t), MatchRuleName(t.rule), t.order,
                     ShapeAndTypes(t), Db(s.snr_db()), t.snr_drop_db ? Db(*t.snr_drop_db) : "&ndash;",
                     Num(s.max_abs_error), Num(s.mean_abs_error()), s.cosine_mean(),
                     s.has_agreement() ? Percent(s.top1_agreement()) : "&ndash;");
    }
    fmt::format_to(out, "</table>\n");
  }
  fmt::format_to(out, "<p class=note>Tensors without a twin: {} in the reference, {} in the candidate "
                      "(see the matching rules in docs/quantization.md).</p>\n",
                 report.reference_unmatched, report.candidate_unmatched);
  if (!report.unobserved.empty()) {
    fmt::format_to(out, "<p class=note>Matched but never observed ({}: computed while planning, or inside a delegate):</p>\n<ul class=note>\n",
                   report.unobserved.size());
    for (const auto& name : report.unobserved) fmt::format_to(out, "<li>{}</li>\n", HtmlEscape(name));
    fmt::format_to(out, "</ul>\n");
  }
  if (!report.skipped.empty()) {
    fmt::format_to(out, "<p class=note>Matched but not compared ({}):</p>\n<ul class=note>\n", report.skipped.size());
    for (const auto& line : report.skipped) fmt::format_to(out, "<li>{}</li>\n", HtmlEscape(line));
    fmt::format_to(out, "</ul>\n");
  }
}

void SamplesSection(Out out, const ValidationReport& report, const HtmlReportInfo& info) {
  fmt::format_to(out, "<h2 id=samples>Samples</h2>\n<table>\n<tr><th class=name>sample</th><th>output</th>"
                      "<th class=name>reference top-1</th><th class=name>candidate top-1</th>"
                      "<th>max abs error</th><th>mean abs error</th><th>SNR (dB)</th><th>cosine</th></tr>\n");
  for (const SampleResult& sample : report.samples) {
    for (size_t o = 0; o < sample.outputs.size(); ++o) {
      const TensorComparison& c = sample.outputs[o];
      const bool classifier = c.rows > 0;
      const bool disagree = classifier && c.reference_top1 != c.candidate_top1;
      fmt::format_to(out, "<tr{}><td class=name>{}</td><td>{}</td><td class=name>{}</td><td class=name>{}</td>"
                          "<td>{}</td><td>{}</td><td>{}</td><td>{:.6f}</td></tr>\n",
                     disagree ? " class=bad" : "", HtmlEscape(sample.name), o,
                     classifier ? fmt::format("{} ({})", ClassName(c.reference_top1, info.labels), Num(c.reference_top1_score)) : "&ndash;",
                     classifier ? fmt::format("{} ({})", ClassName(c.candidate_top1, info.labels), Num(c.candidate_top1_score)) : "&ndash;",
                     Num(c.max_abs_error), Num(c.mean_abs_error()), Db(c.snr_db()), c.cosine);
    }
  }
  fmt::format_to(out, "</table>\n<p class=note>Top-1 columns show the first row of classifier-like outputs, "
                      "with its score.</p>\n");
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string s;
  s.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': s += "&amp;"; break;
      case '<': s += "&lt;"; break;
      case '>': s += "&gt;"; break;
      case '"': s += "&quot;"; break;
      case '\'': s += "&#39;"; break;
      default: s += ch;
    }
  }
  return s;
}

std::string RenderHtmlReport(const ValidationReport& report, const HtmlReportInfo& info) {
  std::string html;
  Out out(html);
  fmt::format_to(out, "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
                      "<title>liteforge validate: {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                 HtmlEscape(info.candidate), kStyle);
  fmt::format_to(out, "<h1>liteforge validate</h1>\n");
  SummarySection(out, report, info);
  OutputsSection(out, report, info);
  HistogramSection(out, report);
  if (report.per_layer) LayersSection(out, report);
  SamplesSection(out, report, info);
  fmt::format_to(out, "</body>\n</html>\n");
  return html;
}

}  // namespace liteforge::quant
