#include "matcher.hpp"

#include "gazetteer_index.hpp"

#include <algorithm>

namespace danvan::text::detail {

vocabulary::vocabulary(const gazetteer_index& g) {
  keys.base = &g.keys;
  keys.first = g.keys.next();
  lowers.base = &g.lowers;
  lowers.first = g.lowers.next();
}

matcher::matcher(const token_list& tl, const vocabulary& v, const phrase_trie& lexicon) : tl_(tl), v_(v) {
  const std::size_t n = tl.size();
  start_.assign(n + 1, 0);
  std::vector<phrase_hit> hits;
  std::vector<std::uint32_t> count(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    start_[i] = static_cast<std::uint32_t>(entries_.size());
    if (!lexicon.may_start(tl_[i].id) || transparent(tl_[i])) continue;
    hits.clear();
    walk(lexicon, 0, i, i, false, hits);
    if (hits.size() > 1)
      std::sort(hits.begin(), hits.end(), [](const phrase_hit& a, const phrase_hit& b) { return a.last > b.last; });
    for (const auto& h : hits) {
      std::uint32_t bits = 0;
      for (const auto p : *h.payloads) bits |= p;
      entries_.push_back({static_cast<std::uint32_t>(h.last), bits, h.payloads});
      ++count[h.last];
    }
  }
  start_[n] = static_cast<std::uint32_t>(entries_.size());
  // The same phrases by their last token (a counting sort).
  end_start_.assign(n + 2, 0);
  for (std::size_t k = 0; k < n; ++k) end_start_[k + 1] = end_start_[k] + count[k];
  end_start_[n + 1] = end_start_[n];
  ends_.resize(entries_.size());
  std::vector<std::uint32_t> fill(end_start_.begin(), end_start_.end() - 1);
  for (std::size_t i = 0; i < n; ++i)
    for (std::uint32_t x = start_[i]; x < start_[i + 1]; ++x) {
      const auto& en = entries_[x];
      ends_[fill[en.last]++] = {static_cast<std::uint32_t>(i), en.bits, en.payloads};
    }
}

bool matcher::token_ok(const phrase_trie::edge& e, std::size_t pos, bool& unaccented) const {
  const xtoken& t = tl_[pos];
  if (t.kind != tk::word) return true;
  if (e.abbrev && !t.all_upper) return false;
  const std::string& want = v_.lowers.at(e.lower);
  const std::string& got = tl_.lower(pos);
  if (got == want) return true;
  if (t.plain) {  // text typed without accents: the keys already agree
    unaccented = true;
    return true;
  }
  return false;
}

void matcher::walk(const phrase_trie& t, std::uint32_t node, std::size_t start, std::size_t pos, bool unaccented,
                   std::vector<phrase_hit>& out) const {
  while (pos < tl_.size() && pos > start && transparent(tl_[pos])) ++pos;
  if (pos >= tl_.size() || (pos > start && tl_[pos].para_before)) return;
  const std::uint32_t key = tl_[pos].id;
  if (!key) return;
  const auto& edges = t.edges[node];
  auto it = std::lower_bound(edges.begin(), edges.end(), key,
                             [](const phrase_trie::edge& e, std::uint32_t k) { return e.key < k; });
  for (; it != edges.end() && it->key == key; ++it) {
    bool u = unaccented;
    if (!token_ok(*it, pos, u)) continue;
    if (!t.payloads[it->child].empty()) out.push_back({pos, &t.payloads[it->child], u});
    walk(t, it->child, start, pos + 1, u, out);
  }
}

}  // namespace danvan::text::detail
