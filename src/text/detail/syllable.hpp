// danvan::text::detail — the structure of one Vietnamese syllable, enough to
// decide where its tone mark belongs. Not part of the public API.
#pragma once

#include <cstddef>
#include <cstdint>

namespace danvan::text::detail {

/// Where the tone of a word is and where the canonical placement puts it.
struct syllable_analysis {
  bool valid = false;    ///< the word is one well-formed Vietnamese syllable
  int tone = 0;          ///< 0 none, 1 grave, 2 acute, 3 hook, 4 tilde, 5 dot
  int tone_at = -1;      ///< letter index carrying the tone, -1 when toneless
  int canonical_at = -1; ///< letter index where the tone belongs, -1 when toneless
};

/// Longest word analyze_syllable() looks at (`nghiêng` has seven letters).
inline constexpr std::size_t kMaxSyllableLetters = 8;

/// Analyzes a word given as `viet` codes (see unicode_tables::viet: vowel
/// codes, kVietD for đ, 0 for other letters) and its code points. The onset
/// must be one of the 27 Vietnamese initials (with `qu` and `gi`), the vowel
/// nucleus one of the attested vowel clusters, the coda one of c ch m n ng nh p t.
syllable_analysis analyze_syllable(const std::uint8_t* viet, const char32_t* cps, std::size_t n) noexcept;

}  // namespace danvan::text::detail
