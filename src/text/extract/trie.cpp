#include "trie.hpp"

#include <algorithm>

namespace danvan::text::detail {

void phrase_trie::add(const std::vector<pattern_token>& seq, std::uint32_t payload, bool abbrev) {
  if (seq.empty()) return;
  std::uint32_t node = 0;
  for (const auto& t : seq) {
    std::uint32_t child = 0;
    for (const auto& e : edges[node])
      if (e.key == t.key && e.lower == t.lower && e.abbrev == abbrev) child = e.child;
    if (!child) {
      child = static_cast<std::uint32_t>(edges.size());
      edges.emplace_back();
      payloads.emplace_back();
      edges[node].push_back({t.key, t.lower, child, abbrev});
    }
    node = child;
  }
  auto& p = payloads[node];
  if (std::find(p.begin(), p.end(), payload) == p.end()) p.push_back(payload);
}

void phrase_trie::finish() {
  for (auto& v : edges)
    std::sort(v.begin(), v.end(), [](const edge& a, const edge& b) { return a.key < b.key; });
  std::uint32_t top = 0;
  for (const auto& e : edges[0]) top = std::max(top, e.key);
  starts.assign(top + 1, 0);
  for (const auto& e : edges[0]) starts[e.key] = 1;
}

std::vector<pattern_token> compile_phrase(std::string_view phrase, interner& keys, interner& lowers) {
  token_list tl;
  tokenize_text(phrase, 0, phrase.size(), tl);
  std::vector<pattern_token> out;
  for (std::size_t i = 0; i < tl.size(); ++i) {
    if (transparent(tl[i])) continue;
    pattern_token p;
    p.key = keys.add(tl.key(i));
    p.lower = lowers.add(tl.lower(i));
    p.word = tl[i].kind == tk::word;
    out.push_back(p);
  }
  return out;
}

}  // namespace danvan::text::detail
