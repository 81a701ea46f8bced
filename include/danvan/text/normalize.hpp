// danvan — normalization of Vietnamese text and accent-insensitive search keys.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <danvan/error.hpp>

namespace danvan::text {

/// What the text layer does with bytes that are not well-formed UTF-8:
/// truncated sequences, overlong forms, encoded surrogates (U+D800..U+DFFF),
/// values above U+10FFFF and stray continuation bytes. Every function that
/// reads UTF-8 takes this choice explicitly; none has undefined behaviour on
/// bad input.
enum class invalid_utf8 : unsigned char {
  /// Each maximal ill-formed subsequence becomes one U+FFFD (the practice the
  /// Unicode standard recommends). It counts as one code point in spans.
  replace,
  /// Throw invalid_utf8_error at the first ill-formed byte.
  reject,
};

/// Thrown under invalid_utf8::reject. The message reads
/// `invalid UTF-8 at byte offset 17: truncated 3-byte sequence (byte 0x41 is not a continuation byte)`.
class invalid_utf8_error : public danvan::error {
 public:
  /// The error at byte `offset`, for `reason`; what() reads `invalid UTF-8 at byte offset N: reason`.
  invalid_utf8_error(std::size_t offset, std::string reason);
  /// Offset in bytes of the first byte of the ill-formed sequence.
  [[nodiscard]] std::size_t offset() const noexcept { return offset_; }
  /// What is wrong, without the offset (`overlong encoding of U+002F`).
  [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

 private:
  std::size_t offset_;
  std::string reason_;
};

/// The steps of normalize(); all are on by default. Turning them all off
/// leaves plain Unicode NFC (with the invalid-UTF-8 policy applied).
struct normalize_options {
  invalid_utf8 invalid = invalid_utf8::replace;  ///< what to do with ill-formed UTF-8
  /// `Ð` (U+00D0, Icelandic eth) → `Đ` (U+0110) and `ð` → `đ`: legacy
  /// Vietnamese encodings and keyboards produce the look-alike.
  bool vietnamese_eth = true;
  /// One canonical tone-mark placement: `uỷ`→`ủy`, `hoà`→`hòa`, `khoẻ`→`khỏe`,
  /// `thuỵ`→`thụy`, misplaced marks moved (`muà`→`mùa`); only in words that
  /// parse as one Vietnamese syllable, so `quý`, `hoàng`, `thuở` and foreign
  /// words stay as they are.
  bool tone_marks = true;
  /// Join a lone consonant letter to the next word when the two make one valid
  /// Vietnamese syllable and only a space separates them (`T ham mưu` →
  /// `Tham mưu`, `t ổ chức` → `tổ chức`), a common artefact of PDF extraction.
  bool join_split_words = true;
  /// Dashes (Unicode category Pd and U+2212 minus) → `-`; curly and angle
  /// quotes → `'` or `"`.
  bool fold_punctuation = true;
  /// Drop default-ignorable code points: soft hyphen, zero-width space and
  /// joiners, byte-order mark, variation selectors.
  bool drop_ignorables = true;
  /// Runs of whitespace and control characters → one space; leading and
  /// trailing whitespace removed.
  bool collapse_whitespace = true;
  /// With collapse_whitespace: a run containing one line break becomes `\n`,
  /// a run containing several becomes `\n\n` (paragraphs survive).
  bool keep_line_breaks = false;
};

/// Normalizes UTF-8 text so that the many ways Vietnamese is typed compare
/// equal: NFC (via utf8proc), `Ð`→`Đ`, canonical tone marks, folded dashes
/// and quotes, collapsed whitespace. The result is valid UTF-8 in NFC.
/// Linear time; throws invalid_utf8_error only under invalid_utf8::reject.
[[nodiscard]] std::string normalize(std::string_view utf8, const normalize_options& options = {});

/// normalize() into `out`, replacing its contents but reusing its capacity:
/// normalizing many texts through one buffer saves allocating (and, for big
/// texts, the operating system zeroing) fresh memory for each.
void normalize_into(std::string_view utf8, std::string& out, const normalize_options& options = {});

/// The key names are compared by: normalize(), then case folding, accents
/// stripped, `đ`→`d`, compatibility forms folded (`ﬁ`→`fi`, full-width
/// letters → ASCII), and only letters and digits kept, separated by single
/// spaces: `Ban Dân vận Tỉnh uỷ` → `ban dan van tinh uy`.
/// Throws invalid_utf8_error only under invalid_utf8::reject.
[[nodiscard]] std::string search_key(std::string_view utf8, invalid_utf8 invalid = invalid_utf8::replace);

/// search_key() into `key`, replacing its contents but reusing its capacity.
void search_key_into(std::string_view utf8, std::string& key, invalid_utf8 invalid = invalid_utf8::replace);

/// Byte offset of the first ill-formed UTF-8 sequence, or std::string_view::npos.
[[nodiscard]] std::size_t find_invalid_utf8(std::string_view bytes) noexcept;

/// Number of code points, counting each maximal ill-formed subsequence as one
/// (as invalid_utf8::replace does): the unit of every `span` in this layer.
[[nodiscard]] std::size_t count_code_points(std::string_view bytes) noexcept;

}  // namespace danvan::text
