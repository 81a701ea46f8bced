// Phrases of the gazetteer and of the network as tries over interned search
// keys: a walk from a token reads every phrase that starts there at once.
#pragma once

#include "tokenizer.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace danvan::text::detail {

using intern_map = std::unordered_map<std::string, std::uint32_t, string_hash, std::equal_to<>>;

/// Interned strings: ids from 1. An overlay extends a frozen base.
struct interner {
  const interner* base = nullptr;
  intern_map map;
  std::vector<std::string> strings;  // strings[id - first - 1]
  std::uint32_t first = 0;           // ids of this layer start after `first`

  std::uint32_t find(std::string_view s) const {
    if (base)
      if (const auto id = base->find(s)) return id;
    if (map.empty()) return 0;
    const auto it = map.find(s);
    return it == map.end() ? 0 : it->second;
  }
  std::uint32_t add(std::string_view s) {
    if (const auto id = find(s)) return id;
    const auto id = static_cast<std::uint32_t>(first + strings.size() + 1);
    strings.emplace_back(s);
    map.emplace(std::string(s), id);
    return id;
  }
  const std::string& at(std::uint32_t id) const {
    if (id <= first) return base->at(id);
    return strings[id - first - 1];
  }
  std::uint32_t next() const { return static_cast<std::uint32_t>(first + strings.size()); }
};

struct pattern_token {
  std::uint32_t key = 0, lower = 0;
  bool word = false;
};

/// A trie of token sequences; payloads at the nodes where a phrase ends.
struct phrase_trie {
  struct edge {
    std::uint32_t key, lower, child;
    bool abbrev;
  };
  std::vector<std::vector<edge>> edges{1};
  std::vector<std::vector<std::uint32_t>> payloads{1};

  void add(const std::vector<pattern_token>& seq, std::uint32_t payload, bool abbrev);
  /// Sorts the edges for lookup; called once every phrase is added.
  void finish();
  [[nodiscard]] bool empty() const noexcept { return edges[0].empty(); }
  /// Whether some phrase starts with the word of this key (a quick test before a walk).
  [[nodiscard]] bool may_start(std::uint32_t key) const noexcept { return key < starts.size() && starts[key]; }
  std::vector<unsigned char> starts;
};

/// One match of a trie phrase: tokens [first, last], its payloads, and
/// whether some word matched only without its accents.
struct phrase_hit {
  std::size_t last = 0;
  const std::vector<std::uint32_t>* payloads = nullptr;
  bool unaccented = false;
};

/// The tokens of a phrase as the tries store them (dashes and `&` left out).
std::vector<pattern_token> compile_phrase(std::string_view phrase, interner& keys, interner& lowers);

}  // namespace danvan::text::detail
