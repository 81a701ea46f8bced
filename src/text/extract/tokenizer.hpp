// Tokens read straight from the raw bytes, so that every span the extractor
// reports is exact: each word carries its search key (accents folded), and
// its accented lower form is computed only when a match needs to check it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace danvan::text::detail {

enum class tk : std::uint8_t { word, number, punct };

struct xtoken {
  std::size_t b = 0, e = 0;            // bytes of the whole text
  std::uint32_t key_b = 0, key_e = 0;  // search-key form in token_list::keys
  std::uint32_t id = 0;                // interned key, 0 when unknown
  char32_t cp = 0;                     // punct: the folded code point
  tk kind = tk::punct;
  std::uint8_t quote = 0;              // 1 opening, 2 closing, 3 straight
  bool upper = false, all_upper = false, plain = true;
  bool space_before = false, nl_before = false, para_before = false;
};

/// Lets maps keyed by std::string be searched with a string_view.
struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using string_memo = std::unordered_map<std::string, std::string, string_hash, std::equal_to<>>;

/// Lower-case, NFC, canonical tone marks: what accent checks compare.
std::string lower_form(std::string_view raw_word);

struct token_list {
  std::string_view text;  // the whole text
  std::string keys;
  std::vector<xtoken> toks;
  mutable std::vector<std::string> lowers;
  mutable std::vector<unsigned char> has_lower;
  string_memo* memo = nullptr;  // lower forms by raw word, shared by the chunks of one text

  [[nodiscard]] std::size_t size() const noexcept { return toks.size(); }
  [[nodiscard]] const xtoken& operator[](std::size_t i) const { return toks[i]; }
  [[nodiscard]] std::string_view key(std::size_t i) const {
    return std::string_view(keys).substr(toks[i].key_b, toks[i].key_e - toks[i].key_b);
  }
  [[nodiscard]] std::string_view raw(std::size_t i) const { return text.substr(toks[i].b, toks[i].e - toks[i].b); }
  [[nodiscard]] const std::string& lower(std::size_t i) const {
    if (!has_lower[i]) {
      if (toks[i].kind != tk::word) {
        lowers[i] = std::string(key(i));
      } else if (memo) {
        const auto r = raw(i);
        auto it = memo->find(r);
        if (it == memo->end()) {
          if (memo->size() > 200000) memo->clear();
          it = memo->emplace(std::string(r), lower_form(r)).first;
        }
        lowers[i] = it->second;
      } else {
        lowers[i] = lower_form(raw(i));
      }
      has_lower[i] = 1;
    }
    return lowers[i];
  }
  [[nodiscard]] bool is_punct(std::size_t i, char32_t c) const {
    return i < toks.size() && toks[i].kind == tk::punct && toks[i].cp == c;
  }
  [[nodiscard]] bool is_word(std::size_t i) const { return i < toks.size() && toks[i].kind == tk::word; }
  /// No line break and at most white space between tokens i and i + 1.
  [[nodiscard]] bool same_line(std::size_t i) const { return i + 1 < toks.size() && !toks[i + 1].nl_before; }
};

/// Dashes and `&` inside a phrase are transparent (`chính trị - xã hội`, `TN&MT`).
inline bool transparent(const xtoken& t) { return t.kind == tk::punct && (t.cp == '-' || t.cp == '&'); }

/// Tokenizes raw text [from, to) of `text` into `out` (replacing what it held).
void tokenize_text(std::string_view text, std::size_t from, std::size_t to, token_list& out);

}  // namespace danvan::text::detail
