// Matching the tokens of one chunk against tries. The lexicon of function
// words is read once per chunk (every phrase at every token), since the
// clause reader asks about it at nearly every token, forwards and backwards.
#pragma once

#include "trie.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace danvan::text::detail {

struct gazetteer_index;

/// Keys and lower forms of one extraction: the gazetteer's, plus the network's.
struct vocabulary {
  interner keys, lowers;
  explicit vocabulary(const gazetteer_index& g);
};

class matcher {
 public:
  /// Also reads every phrase of `lexicon` in the text once, for lex() and lex_ending_at().
  matcher(const token_list& tl, const vocabulary& v, const phrase_trie& lexicon);

  /// Every phrase of `t` that starts at token i, longest first.
  std::vector<phrase_hit> all(const phrase_trie& t, std::size_t i) const {
    std::vector<phrase_hit> out;
    if (i >= tl_.size() || !t.may_start(tl_[i].id) || transparent(tl_[i])) return out;
    walk(t, 0, i, i, false, out);
    if (out.size() > 1)
      std::sort(out.begin(), out.end(), [](const phrase_hit& a, const phrase_hit& b) { return a.last > b.last; });
    return out;
  }
  /// The longest phrase of `t` at token i, if any.
  std::optional<phrase_hit> longest(const phrase_trie& t, std::size_t i) const {
    if (i >= tl_.size() || !t.may_start(tl_[i].id)) return std::nullopt;
    auto v = all(t, i);
    if (v.empty()) return std::nullopt;
    return v.front();
  }
  /// The longest lexicon phrase at i with one of `bits`; its last token.
  std::optional<std::size_t> lex(const phrase_trie&, std::size_t i, std::uint32_t bits) const {
    if (i >= tl_.size()) return std::nullopt;
    for (std::uint32_t x = start_[i]; x < start_[i + 1]; ++x)
      if (entries_[x].bits & bits) return entries_[x].last;
    return std::nullopt;
  }
  /// The payloads of the longest lexicon phrase at i with one of `bits`.
  const std::vector<std::uint32_t>* lex_payloads(std::size_t i, std::uint32_t bits) const {
    if (i >= tl_.size()) return nullptr;
    for (std::uint32_t x = start_[i]; x < start_[i + 1]; ++x)
      if (entries_[x].bits & bits) return entries_[x].payloads;
    return nullptr;
  }
  /// Whether a lexicon phrase with one of `bits` ends exactly at token `last`; its first token.
  std::optional<std::size_t> lex_ending_at(const phrase_trie&, std::size_t last, std::uint32_t bits) const {
    if (last >= tl_.size()) return std::nullopt;
    std::optional<std::size_t> best;
    for (std::uint32_t x = end_start_[last]; x < end_start_[last + 1]; ++x)
      if ((ends_[x].bits & bits) && (!best || ends_[x].last < *best)) best = ends_[x].last;
    return best;
  }

 private:
  struct lex_entry {
    std::uint32_t last;  // in ends_: the first token
    std::uint32_t bits;
    const std::vector<std::uint32_t>* payloads;
  };

  /// Whether token `pos` is the word of edge `e`; marks a match made only without accents.
  bool token_ok(const phrase_trie::edge& e, std::size_t pos, bool& unaccented) const;
  void walk(const phrase_trie& t, std::uint32_t node, std::size_t start, std::size_t pos, bool unaccented,
            std::vector<phrase_hit>& out) const;

  std::vector<std::uint32_t> start_, end_start_;
  std::vector<lex_entry> entries_, ends_;
  const token_list& tl_;
  const vocabulary& v_;
};

}  // namespace danvan::text::detail
