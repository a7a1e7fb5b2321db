// Copyright 2026 The liteforge Authors
// SPDX-License-Identifier: Apache-2.0

#include "liteforge/quant/layer_matcher.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "liteforge/quant/comparison_metrics.h"

namespace liteforge::quant {
namespace {

constexpr std::string_view kConversionSuffixes[] = {
    "_int8",      "_uint8",   "_int16",       "_int32",       "_float16",  "_float32",
    "_fp16",      "_quantized", "_dequantized", "_dequantize", "/quantize", "/dequantize",
};

// A tensor that may be paired: written by an op of the main subgraph.
struct Candidate {
  int tensor;
  int op;
  bool paired = false;
};

std::vector<Candidate> Candidates(const ir::Subgraph& sg) {
  std::vector<Candidate> out;
  std::vector<bool> seen(sg.tensors.size(), false);
  for (size_t op = 0; op < sg.ops.size(); ++op) {
    for (int32_t t : sg.ops[op].outputs) {
      if (t < 0 || static_cast<size_t>(t) >= sg.tensors.size() || seen[t]) continue;
      seen[t] = true;
      const ir::Tensor& tensor = sg.tensors[t];
      if (tensor.name.empty() || tensor.is_constant() || !HasRealValues(tensor.dtype)) continue;
      out.push_back({t, static_cast<int>(op)});
    }
  }
  return out;
}

using KeyFn = std::string_view (*)(std::string_view);

std::string_view WholeName(std::string_view name) { return name; }

// Pairs the unpaired candidates whose keys are equal. With `unique_only`,
// a key pairs only when it names exactly one unpaired tensor per side;
// otherwise the k-th tensor of a key pairs with the k-th.
void PairBy(KeyFn key, bool unique_only, MatchRule rule, const ir::Subgraph& ref_sg,
            const ir::Subgraph& cand_sg, std::vector<Candidate>& ref,
            std::vector<Candidate>& cand, std::vector<std::pair<size_t, size_t>>& pairs,
            std::vector<MatchRule>& rules) {
  std::map<std::string_view, std::vector<size_t>> ref_keys, cand_keys;
  for (size_t i = 0; i < ref.size(); ++i) {
    if (!ref[i].paired) ref_keys[key(ref_sg.tensors[ref[i].tensor].name)].push_back(i);
  }
  for (size_t i = 0; i < cand.size(); ++i) {
    if (!cand[i].paired) cand_keys[key(cand_sg.tensors[cand[i].tensor].name)].push_back(i);
  }
  for (const auto& [k, ref_list] : ref_keys) {
    if (k.empty()) continue;
    const auto it = cand_keys.find(k);
    if (it == cand_keys.end()) continue;
    const auto& cand_list = it->second;
    if (unique_only && (ref_list.size() != 1 || cand_list.size() != 1)) continue;
    const size_t n = std::min(ref_list.size(), cand_list.size());
    for (size_t j = 0; j < n; ++j) {
      ref[ref_list[j]].paired = true;
      cand[cand_list[j]].paired = true;
      pairs.emplace_back(ref_list[j], cand_list[j]);
      rules.push_back(rule);
    }
  }
}

}  // namespace

std::string_view MatchRuleName(MatchRule rule) {
  switch (rule) {
    case MatchRule::kExactName: return "name";
    case MatchRule::kSuffix: return "suffix";
    case MatchRule::kFusedPrefix: return "fused-prefix";
  }
  return "?";
}

std::string_view StripConversionSuffix(std::string_view name) {
  for (std::string_view suffix : kConversionSuffixes) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      return name.substr(0, name.size() - suffix.size());
    }
  }
  return name;
}

std::string_view FusedNamePrefix(std::string_view name) {
  return name.substr(0, name.find(';'));
}

LayerMatching MatchLayers(const ir::Graph& reference, const ir::Graph& candidate) {
  LayerMatching result;
  if (reference.subgraphs.empty() || candidate.subgraphs.empty()) return result;
  const ir::Subgraph& ref_sg = reference.subgraphs[0];
  const ir::Subgraph& cand_sg = candidate.subgraphs[0];
  std::vector<Candidate> ref = Candidates(ref_sg), cand = Candidates(cand_sg);

  std::vector<std::pair<size_t, size_t>> pairs;
  std::vector<MatchRule> rules;
  PairBy(WholeName, false, MatchRule::kExactName, ref_sg, cand_sg, ref, cand, pairs, rules);
  PairBy(StripConversionSuffix, true, MatchRule::kSuffix, ref_sg, cand_sg, ref, cand, pairs, rules);
  PairBy(FusedNamePrefix, true, MatchRule::kFusedPrefix, ref_sg, cand_sg, ref, cand, pairs, rules);

  for (size_t i = 0; i < pairs.size(); ++i) {
    const Candidate& r = ref[pairs[i].first];
    const Candidate& c = cand[pairs[i].second];
    const ir::Tensor& rt = ref_sg.tensors[r.tensor];
    const ir::Tensor& ct = cand_sg.tensors[c.tensor];
    if (rt.shape != ct.shape) {
      result.skipped.push_back(fmt::format("'{}': shape {} in the reference, {} in the candidate{}",
                                           rt.name, rt.shape.ToString(), ct.shape.ToString(),
                                           rt.name == ct.name ? "" : fmt::format(" ('{}')", ct.name)));
      continue;
    }
    result.matched.push_back({r.tensor, c.tensor, r.op, rules[i]});
  }
  std::stable_sort(result.matched.begin(), result.matched.end(),
                   [](const TensorMatch& a, const TensorMatch& b) {
                     return a.reference_op != b.reference_op ? a.reference_op < b.reference_op
                                                             : a.reference < b.reference;
                   });
  for (const Candidate& r : ref) result.reference_unmatched += r.paired ? 0 : 1;
  for (const Candidate& c : cand) result.candidate_unmatched += c.paired ? 0 : 1;
  return result;
}

}  // namespace liteforge::quant
