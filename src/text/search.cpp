// Ranked name look-up. Three tiers, scored in disjoint ranges so that a
// better kind of match always ranks first: exact/prefix keys (binary search
// over sorted keys), word overlap weighted by inverse document frequency
// (postings, with prefix and typo expansion of unknown words), and edit
// distance over the few candidates the other tiers and a length bucket give.
#include <danvan/text/search.hpp>

#include "detail/edit_distance.hpp"
#include "text/detail/unicode.hpp"
#include <danvan/text/normalize.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <unordered_map>

namespace danvan::text {

namespace {

constexpr std::size_t kMaxKeyLength = 256;     // keys longer than this are not length-bucketed
constexpr std::size_t kPrefixScan = 4096;      // names looked at for a prefix match
constexpr std::size_t kPrefixTokens = 64;      // vocabulary words a trailing partial word expands to
constexpr std::size_t kTypoTokens = 8;         // vocabulary words a misspelled word expands to
constexpr std::size_t kTokenCandidates = 256;  // best word-overlap names also tried by edit distance
constexpr std::size_t kBucketLimit = 3000;     // length-bucket names tried by edit distance

std::vector<std::string_view> split(std::string_view key) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < key.size()) {
    std::size_t j = key.find(' ', i);
    if (j == std::string_view::npos) j = key.size();
    out.push_back(key.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::uint32_t gram(std::string_view s, std::size_t i) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + 1])) << 8 |
         static_cast<unsigned char>(s[i + 2]);
}

// Trigrams of a word padded with a space on each side.
std::vector<std::uint32_t> grams_of(std::string_view word) {
  std::string padded;
  padded.reserve(word.size() + 2);
  padded.push_back(' ');
  padded.append(word);
  padded.push_back(' ');
  std::vector<std::uint32_t> g;
  for (std::size_t i = 0; i + 3 <= padded.size(); ++i) g.push_back(gram(padded, i));
  std::sort(g.begin(), g.end());
  g.erase(std::unique(g.begin(), g.end()), g.end());
  return g;
}

}  // namespace

struct fuzzy_index::impl {
  std::vector<std::string> names;
  std::vector<std::size_t> items;
  std::vector<std::string> keys;
  std::vector<std::uint32_t> by_key;        // name ids sorted by key
  std::string sorted_pool;                   // the keys in that order, contiguous for cache-friendly scans
  std::vector<std::string_view> sorted_keys;  // views into sorted_pool, parallel to by_key

  std::unordered_map<std::string, std::uint32_t> token_ids;
  std::vector<std::string> vocab;
  std::vector<std::uint32_t> vocab_sorted;                    // token ids sorted by text
  std::vector<std::vector<std::uint32_t>> postings;           // token → distinct name ids, ascending
  std::vector<float> idf;                                     // token → weight
  std::vector<float> name_weight;                             // name → sum of its distinct tokens' weights
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> vocab_grams;  // trigram → token ids
  std::vector<std::vector<std::uint32_t>> by_length;          // key length (bytes) → name ids
  std::unordered_map<std::uint32_t, std::vector<std::uint64_t>> common_bits;  // very common token → name bitmap

  explicit impl(std::vector<fuzzy_entry> entries) {
    const std::size_t n = entries.size();
    if (n >= UINT32_MAX) throw std::length_error("fuzzy_index: too many names");
    names.reserve(n);
    items.reserve(n);
    keys.reserve(n);
    for (auto& e : entries) {
      keys.push_back(search_key(e.name));
      names.push_back(std::move(e.name));
      items.push_back(e.item);
    }
    by_key.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) by_key[i] = i;
    std::sort(by_key.begin(), by_key.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
    std::size_t total = 0;
    for (const auto& k : keys) total += k.size();
    sorted_pool.reserve(total);
    for (const auto id : by_key) sorted_pool += keys[id];
    sorted_keys.reserve(n);
    std::size_t off = 0;
    for (const auto id : by_key) {
      sorted_keys.emplace_back(sorted_pool.data() + off, keys[id].size());
      off += keys[id].size();
    }

    by_length.resize(kMaxKeyLength + 1);
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!keys[i].empty() && keys[i].size() <= kMaxKeyLength) by_length[keys[i].size()].push_back(i);
      auto words = split(keys[i]);
      std::sort(words.begin(), words.end());
      words.erase(std::unique(words.begin(), words.end()), words.end());
      for (const auto w : words) {
        auto [it, added] = token_ids.try_emplace(std::string(w), static_cast<std::uint32_t>(vocab.size()));
        if (added) {
          vocab.emplace_back(w);
          postings.emplace_back();
        }
        postings[it->second].push_back(i);
      }
    }
    idf.resize(vocab.size());
    for (std::size_t t = 0; t < vocab.size(); ++t)
      idf[t] = static_cast<float>(std::log(1.0 + static_cast<double>(n) / static_cast<double>(postings[t].size())));
    name_weight.assign(n, 0.f);
    for (std::size_t t = 0; t < vocab.size(); ++t)
      for (const auto i : postings[t]) name_weight[i] += idf[t];
    if (n >= 1024) {
      for (std::uint32_t t = 0; t < vocab.size(); ++t) {
        if (postings[t].size() * 8 <= n) continue;
        auto& bits = common_bits[t];
        bits.assign((n + 63) / 64, 0);
        for (const auto i : postings[t]) bits[i >> 6] |= std::uint64_t{1} << (i & 63);
      }
    }
    vocab_sorted.resize(vocab.size());
    for (std::uint32_t t = 0; t < vocab.size(); ++t) vocab_sorted[t] = t;
    std::sort(vocab_sorted.begin(), vocab_sorted.end(),
              [&](std::uint32_t a, std::uint32_t b) { return vocab[a] < vocab[b]; });
    for (std::uint32_t t = 0; t < vocab.size(); ++t)
      for (const auto g : grams_of(vocab[t])) vocab_grams[g].push_back(t);
  }

  struct candidate {
    double score;
    std::uint32_t name;
    match_kind kind;
  };

  std::vector<fuzzy_match> find(std::string_view query, std::size_t limit) const {
    if (limit == 0 || names.empty()) return {};
    const std::string q = search_key(query);
    if (q.empty()) return {};

    // Every candidate goes in; finish() keeps each item's best.
    std::vector<candidate> best;
    auto consider = [&](std::uint32_t id, double score, match_kind kind) { best.push_back({score, id, kind}); };

    // Tier 1: exact key, then keys the query starts; among these the
    // shorter the key, the higher the score, so only the shortest matter.
    const auto first = std::lower_bound(sorted_keys.begin(), sorted_keys.end(), std::string_view(q));
    auto last = first;
    while (last != sorted_keys.end() && last->size() >= q.size() && last->compare(0, q.size(), q) == 0) {
      ++last;
      if (static_cast<std::size_t>(last - first) == kPrefixScan) break;
    }
    {
      std::vector<std::pair<std::size_t, std::uint32_t>> by_length;  // (key length, position in by_key)
      for (auto it = first; it != last; ++it)
        by_length.emplace_back(it->size(), static_cast<std::uint32_t>(it - sorted_keys.begin()));
      const std::size_t wanted = std::min(by_length.size(), 4 * limit);
      std::partial_sort(by_length.begin(), by_length.begin() + static_cast<std::ptrdiff_t>(wanted), by_length.end());
      for (std::size_t i = 0; i < wanted; ++i) {
        const auto [len, at] = by_length[i];
        const std::uint32_t id = by_key[at];
        if (len == q.size()) {
          consider(id, 1.0, match_kind::exact);
        } else {
          consider(id, 0.9 + 0.09 * static_cast<double>(q.size()) / static_cast<double>(len), match_kind::prefix);
        }
      }
    }

    // Scores of the kinds do not overlap: once `limit` items score above
    // everything a lower tier can give, that tier cannot change the answer.
    auto settled = [&](double floor) {
      std::vector<std::size_t> above;
      for (const auto& c : best)
        if (c.score > floor) above.push_back(items[c.name]);
      std::sort(above.begin(), above.end());
      return static_cast<std::size_t>(std::unique(above.begin(), above.end()) - above.begin()) >= limit;
    };
    if (settled(0.9)) return finish(best, limit);

    // Tier 2: shared words weighted by rarity.
    const std::size_t n = names.size();
    const auto max_weight = static_cast<float>(std::log(1.0 + static_cast<double>(n)));
    auto words = split(q);
    {
      std::vector<std::string_view> distinct;
      for (const auto w : words)
        if (std::find(distinct.begin(), distinct.end(), w) == distinct.end()) distinct.push_back(w);
      words.swap(distinct);
    }
    std::vector<float> acc(n, 0.f);
    std::vector<std::uint32_t> stamp(n, 0);
    std::vector<std::uint32_t> touched;
    std::vector<std::pair<std::uint32_t, float>> common;  // very common query words and their weights
    float query_weight = 0;
    for (std::size_t wi = 0; wi < words.size(); ++wi) {
      const auto w = words[wi];
      struct expansion {
        std::uint32_t token;
        float factor;
      };
      std::vector<expansion> exps;
      if (const auto it = token_ids.find(std::string(w)); it != token_ids.end()) {
        exps.push_back({it->second, 1.f});
      } else {
        if (wi + 1 == words.size() && w.size() >= 2) {  // the word being typed
          auto p = std::lower_bound(vocab_sorted.begin(), vocab_sorted.end(), w,
                                    [&](std::uint32_t t, std::string_view v) { return vocab[t] < v; });
          for (std::size_t c = 0; p != vocab_sorted.end() && c < kPrefixTokens; ++p, ++c) {
            if (vocab[*p].compare(0, w.size(), w) != 0) break;
            exps.push_back({*p, 0.8f});
          }
        }
        if (w.size() >= 3) typo_expansions(w, exps);
      }
      std::stable_sort(exps.begin(), exps.end(), [](const expansion& a, const expansion& b) { return a.factor > b.factor; });
      const float weight = exps.empty() ? max_weight : idf[exps.front().token];
      query_weight += weight;
      if (exps.size() == 1 && exps[0].factor == 1.f && common_bits.count(exps[0].token)) {
        common.emplace_back(exps[0].token, weight);
        continue;
      }
      for (const auto& e : exps) {
        for (const auto id : postings[e.token]) {
          if (stamp[id] == wi + 1) continue;  // this query word already matched this name
          stamp[id] = static_cast<std::uint32_t>(wi + 1);
          if (acc[id] == 0.f) touched.push_back(id);
          acc[id] += weight * e.factor;
        }
      }
    }
    // Very common words (in more than an eighth of the names) only add to
    // names a rarer word found: their postings would cost more than all the
    // rest, and a name sharing nothing but them cannot rank high. Without a
    // rarer word they are looked up in full.
    if (!touched.empty()) {
      for (const auto& [token, weight] : common) {
        const auto& bits = common_bits.at(token);
        for (const auto id : touched)
          if (bits[id >> 6] >> (id & 63) & 1u) acc[id] += weight;
      }
    } else {
      for (const auto& [token, weight] : common) {
        for (const auto id : postings[token]) {
          if (acc[id] == 0.f) touched.push_back(id);
          acc[id] += weight;
        }
      }
    }
    // The best `keep` names by similarity, kept in a min-heap: most names
    // fall below its top and cost one comparison.
    const std::size_t keep = std::max(kTokenCandidates, 4 * limit);
    std::vector<std::pair<float, std::uint32_t>> ranked;
    ranked.reserve(keep + 1);
    auto worse = [](const std::pair<float, std::uint32_t>& a, const std::pair<float, std::uint32_t>& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    };
    for (const auto id : touched) {
      const float denom = query_weight + name_weight[id] - acc[id];
      const float sim = denom > 0 ? std::min(1.f, acc[id] / denom) : 0.f;
      if (sim <= 0) continue;
      const std::pair<float, std::uint32_t> e{sim, id};
      if (ranked.size() < keep) {
        ranked.push_back(e);
        std::push_heap(ranked.begin(), ranked.end(), worse);
      } else if (worse(e, ranked.front())) {
        std::pop_heap(ranked.begin(), ranked.end(), worse);
        ranked.back() = e;
        std::push_heap(ranked.begin(), ranked.end(), worse);
      }
    }
    for (const auto& [sim, id] : ranked) consider(id, 0.5 + 0.39 * static_cast<double>(sim), match_kind::tokens);
    if (settled(0.49)) return finish(best, limit);

    // Tier 3: edit distance over the word-overlap candidates and names of about the query's length.
    const int k = std::max(1, std::min(3, static_cast<int>(danvan::detail::decode(q).size()) / 5));
    std::vector<std::uint32_t> pool;
    for (const auto& r : ranked) pool.push_back(r.second);
    std::size_t bucket = 0;
    const std::size_t lo_len = q.size() > static_cast<std::size_t>(k) ? q.size() - static_cast<std::size_t>(k) : 1;
    const std::size_t hi_len = std::min(kMaxKeyLength, q.size() + static_cast<std::size_t>(k) * 2);
    for (std::size_t len = lo_len; len <= hi_len; ++len) bucket += by_length[len].size();
    if (bucket <= kBucketLimit)
      for (std::size_t len = lo_len; len <= hi_len; ++len)
        pool.insert(pool.end(), by_length[len].begin(), by_length[len].end());
    std::sort(pool.begin(), pool.end());
    pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
    for (const auto id : pool) {
      const int d = danvan::detail::edit_distance(q, keys[id], k);
      if (d > k) continue;
      const double longest = static_cast<double>(std::max(danvan::detail::decode(q).size(), danvan::detail::decode(keys[id]).size()));
      consider(id, 0.49 * (1.0 - d / longest), match_kind::edit);
    }
    return finish(best, limit);
  }

  // Best first: higher score, then shorter name, then earlier name.
  bool better(const candidate& a, const candidate& b) const {
    if (a.score != b.score) return a.score > b.score;
    if (names[a.name].size() != names[b.name].size()) return names[a.name].size() < names[b.name].size();
    return a.name < b.name;
  }

  std::vector<fuzzy_match> finish(std::vector<candidate>& all, std::size_t limit) const {
    std::vector<fuzzy_match> result;
    std::sort(all.begin(), all.end(), [&](const candidate& a, const candidate& b) { return better(a, b); });
    // Each item once, with its best name.
    std::vector<std::size_t> seen;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < all.size() && kept < limit; ++i) {
      const std::size_t item = items[all[i].name];
      if (std::find(seen.begin(), seen.end(), item) != seen.end()) continue;
      seen.push_back(item);
      all[kept++] = all[i];
    }
    all.resize(kept);
    for (const auto& c : all) result.push_back(fuzzy_match{items[c.name], c.score, c.name, names[c.name], c.kind});
    return result;
  }

  // Vocabulary words within one edit (two for longer words) of a word the
  // index does not know: `duogn` finds `duong`.
  template <class Expansion>
  void typo_expansions(std::string_view w, std::vector<Expansion>& out) const {
    const int k = danvan::detail::decode(w).size() <= 5 ? 1 : 2;
    std::unordered_map<std::uint32_t, int> shared;
    for (const auto g : grams_of(w)) {
      const auto it = vocab_grams.find(g);
      if (it == vocab_grams.end()) continue;
      for (const auto t : it->second) ++shared[t];
    }
    std::vector<std::pair<int, std::uint32_t>> found;
    for (const auto& [t, count] : shared) {
      (void)count;
      const int d = danvan::detail::edit_distance(w, vocab[t], k);
      if (d <= k) found.emplace_back(d, t);
    }
    std::sort(found.begin(), found.end());
    for (std::size_t i = 0; i < found.size() && i < kTypoTokens; ++i)
      out.push_back({found[i].second, found[i].first == 1 ? 0.7f : 0.5f});
  }
};

fuzzy_index::fuzzy_index() : impl_(std::make_shared<const impl>(std::vector<fuzzy_entry>{})) {}

fuzzy_index::fuzzy_index(std::vector<fuzzy_entry> entries)
    : impl_(std::make_shared<const impl>(std::move(entries))) {}

fuzzy_index::fuzzy_index(const std::vector<std::string>& names) {
  std::vector<fuzzy_entry> entries;
  entries.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) entries.push_back({names[i], i});
  impl_ = std::make_shared<const impl>(std::move(entries));
}

std::vector<fuzzy_match> fuzzy_index::find(std::string_view query, std::size_t limit) const {
  return impl_->find(query, limit);
}

std::size_t fuzzy_index::size() const noexcept { return impl_->names.size(); }

const std::string& fuzzy_index::name(std::size_t i) const {
  if (i >= size()) throw std::out_of_range("fuzzy_index::name: index " + std::to_string(i) + " >= size " + std::to_string(size()));
  return impl_->names[i];
}

std::size_t fuzzy_index::item(std::size_t i) const {
  if (i >= size()) throw std::out_of_range("fuzzy_index::item: index " + std::to_string(i) + " >= size " + std::to_string(size()));
  return impl_->items[i];
}

const std::string& fuzzy_index::key(std::size_t i) const {
  if (i >= size()) throw std::out_of_range("fuzzy_index::key: index " + std::to_string(i) + " >= size " + std::to_string(size()));
  return impl_->keys[i];
}

}  // namespace danvan::text
