// danvan::text::detail — what the reference and period scanners share: the
// input cut into chunks, each normalized with a byte map and split into
// tokens; matches are then mapped back to spans of the original text.
// Not part of the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "text/detail/mapped.hpp"
#include <danvan/text/normalize.hpp>
#include <danvan/text/span.hpp>

namespace danvan::text::detail {

enum class tok : std::uint8_t { word, number, punct };

struct token {
  std::uint32_t b = 0, e = 0;  // bytes of the normalized text
  char32_t punct = 0;          // punct: the code point
  tok kind = tok::punct;
  bool space_before = false;   // whitespace between this token and the previous one
  bool upper_initial = false;  // words: first letter upper case
  bool all_upper = false;      // words: every letter upper case
  bool any_upper = false;      // words: some letter upper case
};

/// Words (letters and marks), numbers (ASCII digits) and single punctuation
/// code points of a normalized text. Lower-case forms are computed when asked
/// for: most words are never looked at.
struct token_stream {
  std::string_view text;
  std::vector<token> toks;

  [[nodiscard]] std::size_t size() const noexcept { return toks.size(); }
  [[nodiscard]] const token& operator[](std::size_t i) const { return toks[i]; }
  [[nodiscard]] std::string_view text_of(std::size_t i) const {
    return text.substr(toks[i].b, toks[i].e - toks[i].b);
  }
  /// The lower-case form of token i.
  [[nodiscard]] std::string lower_of(std::size_t i) const;
  [[nodiscard]] bool is_word(std::size_t i) const { return i < toks.size() && toks[i].kind == tok::word; }
  [[nodiscard]] bool is_number(std::size_t i) const { return i < toks.size() && toks[i].kind == tok::number; }
  [[nodiscard]] bool is_punct(std::size_t i, char32_t c) const {
    return i < toks.size() && toks[i].kind == tok::punct && toks[i].punct == c;
  }
  /// Token i is a word whose lower-case form is `lower_form`.
  [[nodiscard]] bool word_is(std::size_t i, std::string_view lower_form) const;
  /// Glued: no whitespace before token i.
  [[nodiscard]] bool glued(std::size_t i) const { return i < toks.size() && !toks[i].space_before; }
  /// Value of a number token (saturates at 10^9).
  [[nodiscard]] long value_of(std::size_t i) const;
  [[nodiscard]] std::size_t digits_of(std::size_t i) const { return toks[i].e - toks[i].b; }
};

void tokenize(std::string_view normalized, token_stream& out);

/// One chunk of the input, normalized, tokenized, with the map back to the input.
struct chunk_view {
  std::size_t base = 0;  // byte offset of the chunk in the whole input
  std::string_view raw;  // the chunk's original bytes
  const mapped_text* mapped = nullptr;
  const token_stream* tokens = nullptr;

  /// Byte span in the whole input of tokens [first, last].
  [[nodiscard]] text_span bytes_of(std::size_t first, std::size_t last) const {
    const auto& t = *tokens;
    return {base + mapped->begin[t[first].b], base + mapped->end[t[last].e - 1]};
  }
};

/// Cuts `text` into chunks of about 64 KiB at line breaks (at spaces, or at a
/// code point boundary, when lines are very long) and calls `visit` on each
/// chunk that `wanted` accepts (given the raw bytes); chunks it rejects are
/// only checked for ill-formed UTF-8 under invalid_utf8::reject.
void for_each_chunk(std::string_view text, invalid_utf8 invalid,
                    const std::function<bool(std::string_view raw)>& wanted,
                    const std::function<void(const chunk_view&)>& visit);

/// Converts increasing byte offsets of `text` to code-point offsets (each
/// maximal ill-formed subsequence counting as one), in one forward walk.
class code_point_counter {
 public:
  explicit code_point_counter(std::string_view text) : text_(text) {}
  /// Code-point offset of byte offset `byte`; calls must not decrease `byte`.
  std::size_t at(std::size_t byte);

 private:
  std::string_view text_;
  std::size_t byte_ = 0;
  std::size_t cps_ = 0;
};

}  // namespace danvan::text::detail
