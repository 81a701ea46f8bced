// danvan::text::detail — UTF-8 decoding and character properties derived once
// from utf8proc. Not part of the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::text::detail {

enum class utf8_status : std::uint8_t {
  ok,
  stray_continuation,  // 0x80..0xBF where a sequence should start
  invalid_byte,        // 0xC0, 0xC1, 0xF5..0xFF never occur in UTF-8
  overlong,            // E0 80..9F, F0 80..8F
  surrogate,           // ED A0..BF
  too_large,           // F4 90..BF
  truncated,           // a valid prefix followed by a non-continuation byte or the end
};

struct decoded {
  char32_t cp;         // U+FFFD when status != ok
  std::uint32_t len;   // bytes consumed: the maximal ill-formed subsequence when status != ok
  utf8_status status;
};

/// Decodes one code point at p (p < end) following Unicode's Table 3-7 of
/// well-formed byte sequences.
inline decoded decode_utf8(const unsigned char* p, const unsigned char* end) noexcept {
  const unsigned b0 = p[0];
  if (b0 < 0x80) return {b0, 1, utf8_status::ok};
  if (b0 < 0xC2) return {0xFFFD, 1, b0 < 0xC0 ? utf8_status::stray_continuation : utf8_status::invalid_byte};
  const std::size_t avail = static_cast<std::size_t>(end - p);
  auto cont = [&](std::size_t i, unsigned lo, unsigned hi) { return i < avail && p[i] >= lo && p[i] <= hi; };
  if (b0 < 0xE0) {
    if (!cont(1, 0x80, 0xBF)) return {0xFFFD, 1, utf8_status::truncated};
    return {static_cast<char32_t>(((b0 & 0x1F) << 6) | (p[1] & 0x3F)), 2, utf8_status::ok};
  }
  if (b0 < 0xF0) {
    unsigned lo = 0x80, hi = 0xBF;
    utf8_status bad = utf8_status::truncated;
    if (b0 == 0xE0) lo = 0xA0, bad = utf8_status::overlong;
    if (b0 == 0xED) hi = 0x9F, bad = utf8_status::surrogate;
    if (!cont(1, lo, hi)) {
      const bool in_any = avail > 1 && p[1] >= 0x80 && p[1] <= 0xBF;
      return {0xFFFD, 1, in_any ? bad : utf8_status::truncated};
    }
    if (!cont(2, 0x80, 0xBF)) return {0xFFFD, 2, utf8_status::truncated};
    return {static_cast<char32_t>(((b0 & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F)), 3,
            utf8_status::ok};
  }
  if (b0 < 0xF5) {
    unsigned lo = 0x80, hi = 0xBF;
    utf8_status bad = utf8_status::truncated;
    if (b0 == 0xF0) lo = 0x90, bad = utf8_status::overlong;
    if (b0 == 0xF4) hi = 0x8F, bad = utf8_status::too_large;
    if (!cont(1, lo, hi)) {
      const bool in_any = avail > 1 && p[1] >= 0x80 && p[1] <= 0xBF;
      return {0xFFFD, 1, in_any ? bad : utf8_status::truncated};
    }
    if (!cont(2, 0x80, 0xBF)) return {0xFFFD, 2, utf8_status::truncated};
    if (!cont(3, 0x80, 0xBF)) return {0xFFFD, 3, utf8_status::truncated};
    return {static_cast<char32_t>(((b0 & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) |
                                  (p[3] & 0x3F)),
            4, utf8_status::ok};
  }
  return {0xFFFD, 1, utf8_status::invalid_byte};
}

/// Throws invalid_utf8_error for the ill-formed sequence at `offset` of `text`;
/// `base` is added to the offset in the message (text may be a chunk of a larger input).
[[noreturn]] void throw_invalid_utf8(std::string_view text, std::size_t offset, decoded d, std::size_t base = 0);

inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 2);
  } else if (cp < 0x10000) {
    const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 3);
  } else {
    const char b[4] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                       static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 4);
  }
}

inline std::size_t utf8_length(char32_t cp) noexcept {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// ---- character properties -------------------------------------------------

enum cp_flag : std::uint16_t {
  f_stable = 1u << 0,      // starter whose NFC is itself and that never composes with what precedes it
  f_starter = 1u << 1,     // canonical combining class 0
  f_letter = 1u << 2,      // general category L*
  f_number = 1u << 3,      // general category N*
  f_mark = 1u << 4,        // general category M*
  f_space = 1u << 5,       // whitespace (Z*, ASCII and C1 whitespace) or another control character
  f_line_break = 1u << 6,  // LF, VT, FF, CR, NEL, U+2028, U+2029
  f_ignorable = 1u << 7,   // Default_Ignorable_Code_Point
  f_dash = 1u << 8,        // category Pd, or U+2212 MINUS SIGN
  f_quote1 = 1u << 9,      // folds to '
  f_quote2 = 1u << 10,     // folds to "
  f_upper = 1u << 11,      // upper or title case letter
  f_second = 1u << 12,     // starter that can compose with a preceding starter (Hangul jamo V/T, ...)
};

// Vietnamese vowels are the twelve bases a ă â e ê i o ô ơ u ư y, each with
// one of six tones; `viet` codes are 1 + base * 6 + tone, kVietD for đ/Đ,
// with kVietUpper set for capitals.
inline constexpr std::uint8_t kVietD = 73;
inline constexpr std::uint8_t kVietUpper = 0x80;
inline constexpr int kVowelBases = 12;
inline constexpr int kTones = 6;  // none, grave (huyền), acute (sắc), hook (hỏi), tilde (ngã), dot (nặng)

struct unicode_tables {
  static constexpr char32_t kFlagsSize = 0x10000;  // the whole BMP
  static constexpr char32_t kFoldSize = 0x3100;    // Latin, Greek, Cyrillic, punctuation, CJK symbols

  std::vector<std::uint16_t> flags;  // kFlagsSize entries
  std::vector<std::uint8_t> viet;    // kFoldSize entries
  std::vector<std::uint32_t> fold;   // kFoldSize entries: offset << 8 | length into fold_pool
  std::string fold_pool;             // search-key forms: letters and digits, ' ' for separators
  char32_t vowel[kVowelBases][kTones][2];  // [base][tone][upper]

  /// Built once from utf8proc on first use; immutable afterwards.
  static const unicode_tables& get();
};

/// Flags of any code point (table look-up in the BMP, utf8proc beyond).
std::uint16_t flags_slow(char32_t cp) noexcept;
inline std::uint16_t cp_flags(const unicode_tables& t, char32_t cp) noexcept {
  return cp < unicode_tables::kFlagsSize ? t.flags[cp] : flags_slow(cp);
}
inline std::uint8_t cp_viet(const unicode_tables& t, char32_t cp) noexcept {
  return cp < unicode_tables::kFoldSize ? t.viet[cp] : 0;
}

/// Appends the search-key form of cp: lower-case letters and digits without
/// marks, ' ' for anything that separates words; nothing for marks and
/// ignorables. Returns false when cp contributed nothing at all.
bool append_fold(const unicode_tables& t, std::string& out, char32_t cp);

/// Unicode simple lower-case mapping.
char32_t to_lower(char32_t cp) noexcept;

/// Canonical composition of a short run of code points (a starter and what
/// follows it) into `out`, via utf8proc.
void compose_cluster(const char32_t* cps, std::size_t n, std::u32string& out);

}  // namespace danvan::text::detail
