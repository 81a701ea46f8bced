// Character properties for the text layer, derived from utf8proc once and kept
// in immutable tables: the hot loops then need one array look-up per code point
// instead of several utf8proc calls.
#include "text/detail/unicode.hpp"
#include <danvan/text/normalize.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <utf8proc.h>

namespace danvan::text {

invalid_utf8_error::invalid_utf8_error(std::size_t offset, std::string reason)
    : danvan::error("invalid UTF-8 at byte offset " + std::to_string(offset) + ": " + reason),
      offset_(offset),
      reason_(std::move(reason)) {}

std::size_t find_invalid_utf8(std::string_view bytes) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  const auto* begin = p;
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const auto d = detail::decode_utf8(p, end);
    if (d.status != detail::utf8_status::ok) return static_cast<std::size_t>(p - begin);
    p += d.len;
  }
  return std::string_view::npos;
}

std::size_t count_code_points(std::string_view bytes) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  std::size_t n = 0;
  while (p < end) {
    if (*p < 0x80) {
      ++p;
    } else {
      p += detail::decode_utf8(p, end).len;
    }
    ++n;
  }
  return n;
}

namespace detail {

namespace {

std::string hex_byte(unsigned b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b & 0xFFu);
  return buf;
}

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

bool is_second(char32_t cp);

std::uint16_t compute_flags(char32_t cp, bool second) {
  const auto* prop = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  std::uint16_t f = 0;
  if (prop->combining_class == 0) f |= f_starter;
  switch (prop->category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      f |= f_letter | f_upper;
      break;
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      f |= f_letter;
      break;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      f |= f_mark;
      break;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      f |= f_number;
      break;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
      f |= f_space;
      break;
    case UTF8PROC_CATEGORY_PD:
      f |= f_dash;
      break;
    default:
      break;
  }
  switch (cp) {
    case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x85: case 0x2028: case 0x2029:
      f |= f_line_break;
      break;
    case 0x2212:  // MINUS SIGN is Sm, but in typed text it is a dash
      f |= f_dash;
      break;
    // Quotation marks have no Unicode property that tells single from double.
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039: case 0x203A:
    case 0x2032: case 0x2035: case 0xFF07:
      f |= f_quote1;
      break;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2033: case 0x2036: case 0x301D: case 0x301E: case 0x301F: case 0xFF02:
      f |= f_quote2;
      break;
    default:
      break;
  }
  if (prop->ignorable) f |= f_ignorable;
  if (second) f |= f_second;
  utf8proc_int32_t buf[8];
  int boundclass = 0;
  auto n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buf, 8, UTF8PROC_DECOMPOSE, &boundclass);
  // U+0F73, U+0F75 and U+0F81 have class 0 but decompose into combining marks,
  // which canonical ordering moves among the marks before them: not a starter here.
  if (n >= 1 && n <= 8 && buf[0] != static_cast<utf8proc_int32_t>(cp) &&
      utf8proc_get_property(buf[0])->combining_class != 0)
    f &= static_cast<std::uint16_t>(~f_starter);
  if ((f & f_starter) && !second) {
    bool stable = n == 1 && buf[0] == static_cast<utf8proc_int32_t>(cp);
    if (!stable && n > 1 && n <= 8) {
      n = utf8proc_normalize_utf32(buf, n, UTF8PROC_COMPOSE);
      stable = n == 1 && buf[0] == static_cast<utf8proc_int32_t>(cp);
    }
    if (stable) f |= f_stable;
  }
  return f;
}

// Code points of category L or N are kept by search keys; the rest separate words.
bool keeps_in_key(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool fold_compute(char32_t cp, std::string& out) {
  // đ and the eth look-alikes have no decomposition, yet read as d.
  if (cp == 0x110 || cp == 0x111 || cp == 0xD0 || cp == 0xF0) {
    out.push_back('d');
    return true;
  }
  constexpr auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                                           UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  utf8proc_int32_t small[32];
  std::vector<utf8proc_int32_t> big;
  utf8proc_int32_t* buf = small;
  int boundclass = 0;
  auto n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), small, 32, options, &boundclass);
  if (n > 32) {
    big.resize(static_cast<std::size_t>(n));
    buf = big.data();
    n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buf, n, options, &boundclass);
  }
  if (n < 0) {
    out.push_back(' ');
    return true;
  }
  if (n == 0) return false;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const auto c = buf[i];
    if (c == 0x110 || c == 0x111) {
      out.push_back('d');
    } else if (keeps_in_key(c)) {
      append_utf8(out, static_cast<char32_t>(c));
    } else {
      out.push_back(' ');
    }
  }
  return true;
}

// Starters that combine with what precedes them (Hangul vowels and final
// consonants, some Indic vowel signs) are found by decomposing every
// composite: they are the non-initial starters of some decomposition.
struct second_set {
  std::vector<bool> bmp = std::vector<bool>(0x10000, false);
  std::vector<char32_t> beyond;  // sorted

  second_set() {
    auto scan = [&](char32_t from, char32_t to) {
      for (char32_t cp = from; cp < to; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        utf8proc_int32_t buf[8];
        int boundclass = 0;
        const auto n =
            utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buf, 8, UTF8PROC_DECOMPOSE, &boundclass);
        if (n <= 1 || n > 8) continue;
        for (utf8proc_ssize_t i = 1; i < n; ++i) {
          if (utf8proc_get_property(buf[i])->combining_class != 0) continue;
          const auto s = static_cast<char32_t>(buf[i]);
          if (s < 0x10000) {
            bmp[s] = true;
          } else {
            beyond.push_back(s);
          }
        }
      }
    };
    scan(0, 0x20000);
    scan(0x2F800, 0x2FA20);
    std::sort(beyond.begin(), beyond.end());
    beyond.erase(std::unique(beyond.begin(), beyond.end()), beyond.end());
  }
};

const second_set& seconds() {
  static const second_set s;
  return s;
}

bool is_second(char32_t cp) {
  const auto& s = seconds();
  if (cp < 0x10000) return s.bmp[cp];
  return std::binary_search(s.beyond.begin(), s.beyond.end(), cp);
}

unicode_tables build_tables() {
  unicode_tables t;
  t.flags.resize(unicode_tables::kFlagsSize);
  for (char32_t cp = 0; cp < unicode_tables::kFlagsSize; ++cp) {
    t.flags[cp] = (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : compute_flags(cp, is_second(cp));
  }
  t.fold.resize(unicode_tables::kFoldSize);
  for (char32_t cp = 0; cp < unicode_tables::kFoldSize; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const auto off = t.fold_pool.size();
    fold_compute(cp, t.fold_pool);
    const auto len = t.fold_pool.size() - off;
    if (len > 255) throw std::logic_error("search-key form too long");
    t.fold[cp] = static_cast<std::uint32_t>(off << 8 | len);
  }

  // The 134 Vietnamese vowel letters, composed by utf8proc from base + marks.
  constexpr char32_t bases[kVowelBases][2] = {{'a', 0},      {'a', 0x306}, {'a', 0x302}, {'e', 0},
                                              {'e', 0x302},  {'i', 0},     {'o', 0},     {'o', 0x302},
                                              {'o', 0x31B},  {'u', 0},     {'u', 0x31B}, {'y', 0}};
  constexpr char32_t tones[kTones] = {0, 0x300, 0x301, 0x309, 0x303, 0x323};
  t.viet.assign(unicode_tables::kFoldSize, 0);
  std::u32string composed;
  for (int b = 0; b < kVowelBases; ++b) {
    for (int tone = 0; tone < kTones; ++tone) {
      for (int upper = 0; upper < 2; ++upper) {
        char32_t seq[3];
        std::size_t n = 0;
        seq[n++] = upper ? bases[b][0] - 'a' + 'A' : bases[b][0];
        if (bases[b][1]) seq[n++] = bases[b][1];
        if (tones[tone]) seq[n++] = tones[tone];
        compose_cluster(seq, n, composed);
        if (composed.size() != 1 || composed[0] >= unicode_tables::kFoldSize)
          throw std::logic_error("utf8proc does not compose a Vietnamese vowel");
        t.vowel[b][tone][upper] = composed[0];
        t.viet[composed[0]] = static_cast<std::uint8_t>((1 + b * kTones + tone) | (upper ? kVietUpper : 0));
      }
    }
  }
  t.viet[0x110] = kVietD | kVietUpper;
  t.viet[0x111] = kVietD;
  return t;
}

}  // namespace

const unicode_tables& unicode_tables::get() {
  static const unicode_tables tables = build_tables();
  return tables;
}

std::uint16_t flags_slow(char32_t cp) noexcept {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return compute_flags(cp, is_second(cp));
}

bool append_fold(const unicode_tables& t, std::string& out, char32_t cp) {
  if (cp < unicode_tables::kFoldSize) {
    const auto e = t.fold[cp];
    const auto len = e & 0xFFu;
    if (len == 0) return false;
    out.append(t.fold_pool, e >> 8, len);
    return true;
  }
  return fold_compute(cp, out);
}

char32_t to_lower(char32_t cp) noexcept {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

void compose_cluster(const char32_t* cps, std::size_t n, std::u32string& out) {
  std::string bytes;
  bytes.reserve(n * 4);
  for (std::size_t i = 0; i < n; ++i) append_utf8(bytes, cps[i]);
  utf8proc_int32_t small[64];
  std::vector<utf8proc_int32_t> big;
  utf8proc_int32_t* buf = small;
  const auto* src = reinterpret_cast<const utf8proc_uint8_t*>(bytes.data());
  const auto len = static_cast<utf8proc_ssize_t>(bytes.size());
  auto m = utf8proc_decompose(src, len, small, 64, UTF8PROC_DECOMPOSE);
  if (m > 64) {
    big.resize(static_cast<std::size_t>(m));
    buf = big.data();
    m = utf8proc_decompose(src, len, buf, m, UTF8PROC_DECOMPOSE);
  }
  out.clear();
  if (m < 0) {  // cannot happen for the valid code points we pass; keep the input rather than lose it
    out.assign(cps, n);
    return;
  }
  m = utf8proc_normalize_utf32(buf, m, UTF8PROC_COMPOSE);
  for (utf8proc_ssize_t i = 0; i < m; ++i) out.push_back(static_cast<char32_t>(buf[i]));
}

void throw_invalid_utf8(std::string_view text, std::size_t offset, decoded d, std::size_t base) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + offset;
  const std::size_t avail = text.size() - offset;
  std::string reason;
  switch (d.status) {
    case utf8_status::stray_continuation:
      reason = "unexpected continuation byte " + hex_byte(p[0]);
      break;
    case utf8_status::invalid_byte:
      reason = "byte " + hex_byte(p[0]) + " never occurs in UTF-8";
      if (p[0] == 0xC0 || p[0] == 0xC1) reason += " (overlong 2-byte encoding)";
      break;
    case utf8_status::overlong:
      reason = "overlong encoding (" + hex_byte(p[0]) + " followed by " + hex_byte(p[1]) + ")";
      break;
    case utf8_status::surrogate:
      if (avail > 2 && (p[2] & 0xC0u) == 0x80u) {
        const char32_t cp = 0xD000u | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        reason = "encoded surrogate " + code_point_name(cp) + " (surrogates are not characters)";
      } else {
        reason = "start of an encoded surrogate (" + hex_byte(p[0]) + " followed by " + hex_byte(p[1]) + ")";
      }
      break;
    case utf8_status::too_large:
      reason = "code point beyond U+10FFFF (" + hex_byte(p[0]) + " followed by " + hex_byte(p[1]) + ")";
      break;
    case utf8_status::truncated: {
      const unsigned lead = p[0];
      const int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      reason = "truncated " + std::to_string(need) + "-byte sequence (";
      if (d.len >= avail) {
        reason += "the input ends after " + std::to_string(d.len) + (d.len == 1 ? " byte)" : " bytes)");
      } else {
        reason += "byte " + hex_byte(p[d.len]) + " is not a continuation byte)";
      }
      break;
    }
    case utf8_status::ok:
      reason = "internal error";
      break;
  }
  throw invalid_utf8_error(base + offset, std::move(reason));
}

}  // namespace detail
}  // namespace danvan::text
