// Extraction of draft network entries from report text. The text is read in
// chunks of about 256 KiB (cut at line breaks). Each chunk is tokenized here
// straight from the raw bytes (search keys per word, HTML tags read as
// spaces and entities as their letters), so that spans are exact; document
// references and periods come from the text layer's scanners, run on the
// chunk with the parts that cannot hold them blanked out (a worker thread
// scans references one chunk ahead). Organizations, localities, program
// heads, role cues and function words are matched with tries over the
// tokens' search keys, checked against the accented form so that `số` never
// reads as `Sở`. Roles are read clause by clause (docs/extraction.md).
#include <danvan/text/extract.hpp>

#include <danvan/builder.hpp>
#include <danvan/io/json.hpp>
#include "text/detail/scan.hpp"
#include "text/detail/unicode.hpp"
#include <danvan/text/gazetteer.hpp>
#include <danvan/text/normalize.hpp>
#include <danvan/text/periods.hpp>
#include <danvan/text/reference.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#ifdef DANVAN_HAVE_OPENSSL
#include <openssl/evp.h>
#endif

namespace danvan::text {

// ===========================================================================
// SHA-256 (FIPS 180-4). OpenSSL's when the build defines DANVAN_HAVE_OPENSSL.
// ===========================================================================

namespace {

#ifndef DANVAN_HAVE_OPENSSL
class sha256_state {
 public:
  void update(const unsigned char* p, std::size_t n) {
    total_ += n;
    while (n > 0) {
      const std::size_t take = std::min(n, std::size_t{64} - fill_);
      std::memcpy(buf_ + fill_, p, take);
      fill_ += take, p += take, n -= take;
      if (fill_ == 64) block(buf_), fill_ = 0;
    }
  }
  std::array<unsigned char, 32> finish() {
    const std::uint64_t bits = total_ * 8;
    const unsigned char one = 0x80, zero = 0;
    update(&one, 1);
    while (fill_ != 56) update(&zero, 1);
    unsigned char len[8];
    for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
    update(len, 8);
    std::array<unsigned char, 32> out{};
    for (int i = 0; i < 8; ++i)
      for (int j = 0; j < 4; ++j) out[static_cast<std::size_t>(4 * i + j)] = static_cast<unsigned char>(h_[i] >> (24 - 8 * j));
    return out;
  }

 private:
  static std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
  void block(const unsigned char* p) {
    static constexpr std::uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    std::uint32_t w[64];
    for (int i = 0; i < 16; ++i)
      w[i] = (std::uint32_t{p[4 * i]} << 24) | (std::uint32_t{p[4 * i + 1]} << 16) | (std::uint32_t{p[4 * i + 2]} << 8) |
             std::uint32_t{p[4 * i + 3]};
    for (int i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (int i = 0; i < 64; ++i) {
      const std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
      const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h_[0] += a, h_[1] += b, h_[2] += c, h_[3] += d, h_[4] += e, h_[5] += f, h_[6] += g, h_[7] += h;
  }
  std::uint32_t h_[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  unsigned char buf_[64] = {};
  std::size_t fill_ = 0;
  std::uint64_t total_ = 0;
};
#endif

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[32];
#ifdef DANVAN_HAVE_OPENSSL
  unsigned int n = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &n, EVP_sha256(), nullptr) != 1 || n != 32)
    throw danvan::error("danvan: SHA-256 failed (OpenSSL)");
#else
  sha256_state s;
  s.update(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  const auto d = s.finish();
  std::memcpy(digest, d.data(), 32);
#endif
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(64, '0');
  for (int i = 0; i < 32; ++i) {
    out[static_cast<std::size_t>(2 * i)] = hex[digest[i] >> 4];
    out[static_cast<std::size_t>(2 * i + 1)] = hex[digest[i] & 15];
  }
  return out;
}

std::string_view to_string(item_kind kind) noexcept {
  switch (kind) {
    case item_kind::document: return "document";
    case item_kind::organization: return "organization";
    case item_kind::program: return "program";
    case item_kind::period: return "period";
    case item_kind::district: return "district";
    case item_kind::role: return "role";
    case item_kind::province: return "province";
  }
  return "unknown";
}

// ===========================================================================
// Reading raw text: code points with HTML entities decoded and tags skipped.
// ===========================================================================

namespace detail {

namespace {

using text::detail::cp_flags;
using text::detail::decode_utf8;
using text::detail::unicode_tables;

struct raw_cp {
  char32_t cp = 0;
  std::uint32_t len = 1;
  bool tag = false;     // an HTML tag: read as white space
  bool block = false;   // a tag that breaks a line (<p>, <br>, <div>, <li>, ...)
  bool entity = false;  // decoded from an HTML entity
};

char32_t named_entity(std::string_view name) {
  struct entry { const char* name; char32_t cp; };
  static constexpr entry table[] = {
      {"nbsp", 0xA0},    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},    {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
      {"laquo", 0xAB},   {"raquo", 0xBB},   {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
      {"shy", 0xAD},     {"Agrave", 0xC0},  {"Aacute", 0xC1},  {"Acirc", 0xC2},   {"Atilde", 0xC3},
      {"Egrave", 0xC8},  {"Eacute", 0xC9},  {"Ecirc", 0xCA},   {"Igrave", 0xCC},  {"Iacute", 0xCD},
      {"Ograve", 0xD2},  {"Oacute", 0xD3},  {"Ocirc", 0xD4},   {"Otilde", 0xD5},  {"Ugrave", 0xD9},
      {"Uacute", 0xDA},  {"Yacute", 0xDD},  {"agrave", 0xE0},  {"aacute", 0xE1},  {"acirc", 0xE2},
      {"atilde", 0xE3},  {"egrave", 0xE8},  {"eacute", 0xE9},  {"ecirc", 0xEA},   {"igrave", 0xEC},
      {"iacute", 0xED},  {"ograve", 0xF2},  {"oacute", 0xF3},  {"ocirc", 0xF4},   {"otilde", 0xF5},
      {"ugrave", 0xF9},  {"uacute", 0xFA},  {"yacute", 0xFD},  {"ETH", 0xD0},     {"eth", 0xF0},
      {"times", 0xD7},   {"bull", 0x2022},  {"middot", 0xB7},  {"deg", 0xB0}};
  for (const auto& e : table)
    if (name == e.name) return e.cp;
  return 0;
}

bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

raw_cp read_cp(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const auto* end = reinterpret_cast<const unsigned char*>(s.data()) + s.size();
  const unsigned char c = *p;
  raw_cp r;
  if (c == '&') {
    // &name; &#123; &#x1F;
    std::size_t j = i + 1;
    const std::size_t limit = std::min(s.size(), i + 12);
    if (j < limit && s[j] == '#') {
      ++j;
      const bool hex = j < limit && (s[j] == 'x' || s[j] == 'X');
      if (hex) ++j;
      const std::size_t d0 = j;
      std::uint32_t v = 0;
      while (j < limit && ((s[j] >= '0' && s[j] <= '9') || (hex && std::isxdigit(static_cast<unsigned char>(s[j]))))) {
        const char ch = s[j];
        const std::uint32_t digit = ch <= '9' ? static_cast<std::uint32_t>(ch - '0')
                                              : static_cast<std::uint32_t>((ch | 0x20) - 'a' + 10);
        v = v * (hex ? 16u : 10u) + digit;
        if (v > 0x10FFFF) break;
        ++j;
      }
      if (j > d0 && j < limit && s[j] == ';' && v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) {
        r.cp = v, r.len = static_cast<std::uint32_t>(j + 1 - i), r.entity = true;
        return r;
      }
    } else {
      while (j < limit && ascii_alpha(s[j])) ++j;
      if (j > i + 1 && j < limit && s[j] == ';') {
        if (const char32_t v = named_entity(s.substr(i + 1, j - i - 1))) {
          r.cp = v, r.len = static_cast<std::uint32_t>(j + 1 - i), r.entity = true;
          return r;
        }
      }
    }
  } else if (c == '<' && i + 1 < s.size() && (ascii_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
    const std::size_t limit = std::min(s.size(), i + 1024);
    std::size_t j = i + 1;
    while (j < limit && s[j] != '>' && s[j] != '<') ++j;
    if (j < limit && s[j] == '>') {
      std::size_t n = i + 1;
      if (n < j && s[n] == '/') ++n;
      std::string name;
      while (n < j && ascii_alpha(s[n]) && name.size() < 12) name.push_back(static_cast<char>(s[n] | 0x20)), ++n;
      if (!name.empty() && (n == j || !ascii_alpha(s[n])) && (s[i + 1] != '!' || true)) {
        static const std::set<std::string> blocks{"p", "br", "div", "li", "ul", "ol", "tr", "table", "h1", "h2",
                                                  "h3", "h4", "h5", "h6", "section", "article", "blockquote",
                                                  "header", "footer", "hr", "td", "th", "dd", "dt"};
        r.tag = true, r.block = blocks.count(name) > 0, r.len = static_cast<std::uint32_t>(j + 1 - i), r.cp = ' ';
        return r;
      }
      if (s[i + 1] == '!') {  // <!-- comment --> or <!DOCTYPE>
        r.tag = true, r.len = static_cast<std::uint32_t>(j + 1 - i), r.cp = ' ';
        return r;
      }
    }
  }
  if (c < 0x80) {
    r.cp = c;
    return r;
  }
  const auto d = decode_utf8(p, end);
  r.cp = d.cp, r.len = d.len;
  return r;
}

/// The UTF-8 of raw text with entities decoded and tags dropped.
std::string decoded_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const raw_cp r = read_cp(s, i);
    if (r.tag) out.push_back(' ');
    else text::detail::append_utf8(out, r.cp);
    i += r.len;
  }
  return out;
}

/// Lower-case, NFC, canonical tone marks: what accent checks compare.
std::string lower_form(std::string_view raw_word) {
  bool ascii = true;
  for (const char c : raw_word)
    if (static_cast<unsigned char>(c) >= 0x80 || c == '&') ascii = false;
  if (ascii) {
    std::string out(raw_word);
    for (auto& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
  }
  const std::string n = normalize(decoded_text(raw_word));
  std::string out;
  out.reserve(n.size());
  const auto* p = reinterpret_cast<const unsigned char*>(n.data());
  const auto* end = p + n.size();
  while (p < end) {
    const auto d = decode_utf8(p, end);
    text::detail::append_utf8(out, text::detail::to_lower(d.cp));
    p += d.len;
  }
  return out;
}

}  // namespace

// ===========================================================================
// Tokens.
// ===========================================================================

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

struct sv_hash0 {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using string_memo = std::unordered_map<std::string, std::string, sv_hash0, std::equal_to<>>;

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

namespace {

bool transparent(const xtoken& t) { return t.kind == tk::punct && (t.cp == '-' || t.cp == '&'); }

/// Tokenizes raw text [from, to) of `text` into `out` (appending).
void tokenize_raw(std::string_view text, std::size_t from, std::size_t to, token_list& out) {
  const auto& t = unicode_tables::get();
  out.text = text;
  std::size_t i = from;
  bool space = false;
  int newlines = 0;
  while (i < to) {
    const unsigned char c0 = static_cast<unsigned char>(text[i]);
    if (c0 == ' ' || c0 == '\t') {
      space = true;
      ++i;
      continue;
    }
    if (c0 == '\n') {
      space = true;
      ++newlines;
      ++i;
      continue;
    }
    raw_cp r = read_cp(text, i);
    if (i + r.len > to) r.len = static_cast<std::uint32_t>(to - i), r.tag = false;
    if (r.tag) {
      space = true;
      if (r.block) ++newlines;
      i += r.len;
      continue;
    }
    if (r.cp == 0xD0) r.cp = 0x110;  // Ð read as Đ
    if (r.cp == 0xF0) r.cp = 0x111;  // ð read as đ
    const std::uint16_t f = cp_flags(t, r.cp);
    if ((f & text::detail::f_space) || r.cp == 0xA0) {
      space = true;
      if (f & text::detail::f_line_break) ++newlines;
      i += r.len;
      continue;
    }
    if (f & text::detail::f_ignorable) {
      i += r.len;
      continue;
    }
    xtoken k;
    k.b = i;
    k.space_before = space;
    k.nl_before = newlines > 0;
    k.para_before = newlines > 1;
    space = false;
    newlines = 0;
    k.key_b = static_cast<std::uint32_t>(out.keys.size());
    if (r.cp >= '0' && r.cp <= '9' && !r.entity) {
      k.kind = tk::number;
      std::size_t j = i;
      while (j < to && text[j] >= '0' && text[j] <= '9') out.keys.push_back(text[j]), ++j;
      i = j;
    } else if (f & (text::detail::f_letter | text::detail::f_mark)) {
      k.kind = tk::word;
      k.upper = (f & text::detail::f_upper) != 0;
      bool all_upper = true, plain = true;
      std::size_t j = i;
      while (j < to) {
        const unsigned char b = static_cast<unsigned char>(text[j]);
        if (b < 0x80 && b != '&' && b != '<') {
          // ASCII inside a word: a letter goes on, anything else ends it.
          const bool lower = b >= 'a' && b <= 'z', upper = b >= 'A' && b <= 'Z';
          if (!lower && !upper) break;
          if (lower) all_upper = false;
          out.keys.push_back(static_cast<char>(upper ? b + 32 : b));
          ++j;
          continue;
        }
        raw_cp c = read_cp(text, j);
        if (j + c.len > to || c.tag) break;
        if (c.cp == 0xD0) c.cp = 0x110;
        if (c.cp == 0xF0) c.cp = 0x111;
        const std::uint16_t g = cp_flags(t, c.cp);
        if (g & text::detail::f_ignorable) {
          j += c.len;
          continue;
        }
        if (!(g & (text::detail::f_letter | text::detail::f_mark))) break;
        if ((g & text::detail::f_letter) && !(g & text::detail::f_upper) && text::detail::to_lower(c.cp) == c.cp)
          all_upper = false;
        if (c.cp >= 0x80 || c.entity) plain = false;
        text::detail::append_fold(t, out.keys, c.cp);
        j += c.len;
      }
      k.all_upper = all_upper;
      k.plain = plain;
      i = j;
    } else {
      k.kind = tk::punct;
      char32_t cp = r.cp;
      if (f & text::detail::f_dash) cp = '-';
      if ((f & text::detail::f_quote2) || cp == '"' || cp == 0xAB || cp == 0xBB) {
        k.quote = (r.cp == 0x201C || r.cp == 0xAB || r.cp == 0x201E || r.cp == 0x201F) ? 1
                  : (r.cp == 0x201D || r.cp == 0xBB)                                     ? 2
                                                                                         : 3;
        cp = '"';
      } else if (f & text::detail::f_quote1) {
        cp = '\'';
      }
      k.cp = cp;
      text::detail::append_utf8(out.keys, cp);
      i += r.len;
    }
    k.e = i;
    k.key_e = static_cast<std::uint32_t>(out.keys.size());
    out.toks.push_back(k);
  }
}

bool single_consonant(std::string_view key) {
  return key.size() == 1 && std::strchr("bcdghklmnpqrstvx", key[0]) != nullptr;
}

/// Joins a lone consonant to the next word when the two make one syllable
/// (`T ham mưu` → `Tham mưu`), as the text layer's normalization does.
void join_split_words(token_list& tl) {
  std::vector<xtoken> out;
  out.reserve(tl.toks.size());
  for (std::size_t i = 0; i < tl.toks.size(); ++i) {
    xtoken t = tl.toks[i];
    if (t.kind == tk::word && i + 1 < tl.toks.size() && single_consonant(tl.key(i))) {
      const xtoken& n = tl.toks[i + 1];
      if (n.kind == tk::word && n.space_before && !n.nl_before && n.b == t.e + 1 && tl.text[t.e] == ' ' &&
          !n.upper && n.e - t.b < 32) {
        const std::string joined = normalize(decoded_text(tl.text.substr(t.b, n.e - t.b)));
        if (!joined.empty() && joined.find(' ') == std::string::npos) {
          const std::string key = std::string(tl.key(i)) + std::string(tl.key(i + 1));
          t.key_b = static_cast<std::uint32_t>(tl.keys.size());
          tl.keys += key;
          t.key_e = static_cast<std::uint32_t>(tl.keys.size());
          t.e = n.e;
          t.all_upper = false;
          t.plain = t.plain && n.plain;
          out.push_back(t);
          ++i;
          continue;
        }
      }
    }
    out.push_back(t);
  }
  tl.toks.swap(out);
}

}  // namespace

void tokenize_text(std::string_view text, std::size_t from, std::size_t to, token_list& out) {
  out.keys.clear();
  out.toks.clear();
  out.toks.reserve((to - from) / 5 + 4);
  out.keys.reserve(to - from);
  tokenize_raw(text, from, to, out);
  join_split_words(out);
  out.lowers.assign(out.toks.size(), std::string());
  out.has_lower.assign(out.toks.size(), 0);
}

}  // namespace detail

std::string slug(std::string_view text) {
  detail::token_list tl;
  detail::tokenize_text(text, 0, text.size(), tl);
  std::string out;
  for (std::size_t i = 0; i < tl.size() && out.size() < 80; ++i) {
    if (tl[i].kind == detail::tk::punct) continue;
    std::string k;
    for (const char c : tl.key(i))
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) k.push_back(c);
    if (k.empty()) continue;
    if (!out.empty()) out.push_back('-');
    out += k;
  }
  if (out.size() > 80) out.resize(80);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// ===========================================================================
// The compiled gazetteer: interned keys and tries of phrases.
// ===========================================================================

namespace detail {

struct sv_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using intern_map = std::unordered_map<std::string, std::uint32_t, sv_hash, std::equal_to<>>;

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

  void add(const std::vector<pattern_token>& seq, std::uint32_t payload, bool abbrev) {
    if (seq.empty()) return;
    std::uint32_t node = 0;
    for (const auto& t : seq) {
      std::uint32_t child = 0;
      for (const auto& e : edges[node])
        if (e.key == t.key && e.lower == t.lower && e.abbrev == abbrev) child = e.child;
      if (!child) {
        child = static_cast<std::uint32_t>(edges.size());
        edges.emplace_back();
        payloads.emplace_back();
        edges[node].push_back({t.key, t.lower, child, abbrev});
      }
      node = child;
    }
    auto& p = payloads[node];
    if (std::find(p.begin(), p.end(), payload) == p.end()) p.push_back(payload);
  }
  void finish() {
    for (auto& v : edges)
      std::sort(v.begin(), v.end(), [](const edge& a, const edge& b) { return a.key < b.key; });
    std::uint32_t top = 0;
    for (const auto& e : edges[0]) top = std::max(top, e.key);
    starts.assign(top + 1, 0);
    for (const auto& e : edges[0]) starts[e.key] = 1;
  }
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

enum lex_bits : std::uint32_t {
  lex_adverb = 1u << 0,
  lex_noun_marker = 1u << 1,
  lex_noun_skip = 1u << 2,
  lex_generic = 1u << 3,
  lex_possessive = 1u << 4,
  lex_separator = 1u << 5,
  lex_introducer = 1u << 6,
  lex_determiner = 1u << 7,
  lex_title = 1u << 8,
  lex_plan_connector = 1u << 9,
  lex_continues = 1u << 10,
  lex_implements = 1u << 11,
  lex_anaphor = 1u << 12,
  lex_program_filler = 1u << 13,
  lex_causative = 1u << 14,
  lex_preposition = 1u << 15,  // any role cue's object preposition
  lex_passive = 1u << 16,
  lex_venue = 1u << 17,
  lex_task = 1u << 18,  // payload high bits carry the task kind
};

constexpr std::uint32_t kTaskShift = 24;

struct gazetteer_index {
  interner keys, lowers;
  phrase_trie orgs;        // payload: entry << 1 | is_abbreviation
  phrase_trie localities;  // payload: locality index
  phrase_trie places;      // payload: place index
  phrase_trie heads;       // payload: program head index
  phrase_trie programs;    // payload: known program index
  phrase_trie cues;        // payload: role cue index
  phrase_trie lexicon;     // payload: lex bits (| task kind << kTaskShift)
  std::vector<gazetteer_organization> org_entries;
  std::vector<gazetteer_locality> locality_entries;
  std::vector<gazetteer_place> place_entries;
  std::vector<gazetteer_program_head> head_entries;
  std::vector<gazetteer_program> program_entries;
  std::vector<gazetteer_role_cue> cue_entries;
  std::vector<std::string> org_canonical_first_key;  // key of the first word of each entry's canonical name
};

namespace {

std::vector<pattern_token> compile_phrase(std::string_view phrase, interner& keys, interner& lowers) {
  token_list tl;
  tokenize_text(phrase, 0, phrase.size(), tl);
  std::vector<pattern_token> out;
  for (std::size_t i = 0; i < tl.size(); ++i) {
    if (transparent(tl[i])) continue;
    pattern_token p;
    p.key = keys.add(tl.key(i));
    p.lower = lowers.add(tl.lower(i));
    p.word = tl[i].kind == tk::word;
    out.push_back(p);
  }
  return out;
}

std::uint32_t lex_bit(std::string_view category) {
  static const std::map<std::string, std::uint32_t, std::less<>> bits{
      {"adverbs", lex_adverb},           {"noun_markers", lex_noun_marker},  {"noun_marker_skip", lex_noun_skip},
      {"generic_actors", lex_generic},   {"possessives", lex_possessive},    {"list_separators", lex_separator},
      {"list_introducers", lex_introducer}, {"determiners", lex_determiner}, {"title_markers", lex_title},
      {"plan_connectors", lex_plan_connector}, {"continues_markers", lex_continues},
      {"implements_markers", lex_implements}, {"anaphors", lex_anaphor},  {"program_fillers", lex_program_filler},
      {"causatives", lex_causative}};
  const auto it = bits.find(category);
  return it == bits.end() ? 0 : it->second;
}

}  // namespace

std::shared_ptr<const gazetteer_index> build_gazetteer_index(const gazetteer& g) {
  auto x = std::make_shared<gazetteer_index>();
  x->org_entries = g.organizations();
  x->locality_entries = g.localities();
  x->place_entries = g.places();
  x->head_entries = g.program_heads();
  x->program_entries = g.programs();
  x->cue_entries = g.role_cues();
  for (std::uint32_t i = 0; i < x->org_entries.size(); ++i) {
    const auto& e = x->org_entries[i];
    for (const auto& n : e.names) x->orgs.add(compile_phrase(n, x->keys, x->lowers), i << 1, false);
    for (const auto& n : e.abbreviations) x->orgs.add(compile_phrase(n, x->keys, x->lowers), i << 1 | 1u, true);
    std::string first;
    if (!e.names.empty()) {
      token_list tl;
      tokenize_text(e.names[0], 0, e.names[0].size(), tl);
      if (tl.size()) first = tl.key(0);
    }
    x->org_canonical_first_key.push_back(first);
  }
  for (std::uint32_t i = 0; i < x->locality_entries.size(); ++i)
    for (const auto& w : x->locality_entries[i].words) x->localities.add(compile_phrase(w, x->keys, x->lowers), i, false);
  for (std::uint32_t i = 0; i < x->place_entries.size(); ++i) {
    x->places.add(compile_phrase(x->place_entries[i].name, x->keys, x->lowers), i, false);
    for (const auto& a : x->place_entries[i].aliases) x->places.add(compile_phrase(a, x->keys, x->lowers), i, false);
  }
  for (std::uint32_t i = 0; i < x->head_entries.size(); ++i)
    x->heads.add(compile_phrase(x->head_entries[i].words, x->keys, x->lowers), i, false);
  for (std::uint32_t i = 0; i < x->program_entries.size(); ++i) {
    x->programs.add(compile_phrase(x->program_entries[i].name, x->keys, x->lowers), i, false);
    for (const auto& a : x->program_entries[i].aliases) x->programs.add(compile_phrase(a, x->keys, x->lowers), i, false);
  }
  for (std::uint32_t i = 0; i < x->cue_entries.size(); ++i) {
    const auto& c = x->cue_entries[i];
    for (const auto& w : c.cues) x->cues.add(compile_phrase(w, x->keys, x->lowers), i, false);
    for (const auto& w : c.prepositions) x->lexicon.add(compile_phrase(w, x->keys, x->lowers), lex_preposition, false);
    for (const auto& w : c.passive) x->lexicon.add(compile_phrase(w, x->keys, x->lowers), lex_passive, false);
    for (const auto& w : c.venue) x->lexicon.add(compile_phrase(w, x->keys, x->lowers), lex_venue, false);
  }
  for (const auto& w : g.words()) {
    std::uint32_t bit = lex_bit(w.category);
    if (!bit && w.category.rfind("task_", 0) == 0) {
      if (const auto k = enum_from_string<task_kind>(std::string_view(w.category).substr(5)))
        bit = lex_task | (static_cast<std::uint32_t>(*k) << kTaskShift);
    }
    if (!bit) continue;  // a category this version does not use
    for (const auto& word : w.words) x->lexicon.add(compile_phrase(word, x->keys, x->lowers), bit, false);
  }
  for (auto* t : {&x->orgs, &x->localities, &x->places, &x->heads, &x->programs, &x->cues, &x->lexicon}) t->finish();
  return x;
}

// ===========================================================================
// Matching tokens against tries.
// ===========================================================================

namespace {

/// Keys and lower forms of one extraction: the gazetteer's, plus the network's.
struct vocabulary {
  interner keys, lowers;
  explicit vocabulary(const gazetteer_index& g) {
    keys.base = &g.keys;
    keys.first = g.keys.next();
    lowers.base = &g.lowers;
    lowers.first = g.lowers.next();
  }
};

class matcher {
 public:
  /// Also reads every phrase of `lexicon` in the text once, for lex() and lex_ending_at().
  matcher(const token_list& tl, const vocabulary& v, const phrase_trie& lexicon) : tl_(tl), v_(v) {
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

  bool token_ok(const phrase_trie::edge& e, std::size_t pos, bool& unaccented) const {
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

  void walk(const phrase_trie& t, std::uint32_t node, std::size_t start, std::size_t pos, bool unaccented,
            std::vector<phrase_hit>& out) const {
    // Dashes and `&` inside a phrase are transparent (`chính trị - xã hội`, `TN&MT`).
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

  std::vector<std::uint32_t> start_, end_start_;
  std::vector<lex_entry> entries_, ends_;
  const token_list& tl_;
  const vocabulary& v_;
};

}  // namespace

}  // namespace detail

namespace detail {
struct draft_access {
  static std::vector<extracted_item>& items(draft& d) { return d.items_; }
  static std::shared_ptr<const danvan::network>& network(draft& d) { return d.network_; }
  static std::string& sha(draft& d) { return d.sha256_; }
  static std::string& source(draft& d) { return d.source_id_; }
  static std::size_t& length(draft& d) { return d.length_; }
  static std::size_t& bytes(draft& d) { return d.byte_length_; }
};
}  // namespace detail

// ===========================================================================
// Extraction state shared by all chunks, and what each chunk finds.
// ===========================================================================

namespace {

using detail::phrase_hit;
using detail::tk;
using detail::xtoken;
using detail::token_list;

struct byte_span {
  std::size_t b = 0, e = 0;
};

struct org_entity {
  std::string key, base_key, name, name_en, entry, net_id, sub_key, head;
  org_kind kind = org_kind::other;
  std::optional<danvan::level> lvl;
  bool has_place = false;
  bool bare = false;  // the head alone, of an entry that usually has a scope
  std::string area_key;
  std::vector<std::string> aliases;
  std::set<std::string> alias_keys;
  std::vector<byte_span> evidence;
  std::size_t mentions = 0;
  double conf = 0;
  int merged_into = -1;
};

struct area_entity {
  std::string key, name, net_id, code;
  danvan::level lvl = danvan::level::district;
  std::vector<byte_span> evidence;
  double conf = 0;
  std::size_t mentions = 0;
};

struct program_entity {
  std::string key, name, name_en;
  program_kind kind = program_kind::other;
  danvan::period per;
  std::vector<int> implements;  // document records
  std::vector<byte_span> evidence;
  double conf = 0;
  std::size_t mentions = 0;
};

struct task_entity {
  std::string name;
  task_kind kind = task_kind::other;
  task_status status = task_status::planned;
  byte_span span;
  std::vector<int> docs, areas;
};

struct doc_record {
  document_reference ref;
  byte_span span;
  int issued_by = -1;  // org entity
  std::vector<int> continues, implements;  // document records
};

struct item_record {
  item_kind kind = item_kind::organization;
  byte_span span;
  double conf = 0;
  int entity = -1;  // org, doc record, program, area; role: org entity
  std::uint32_t name = 0, category = 0, source = 0;  // interned strings (extractor::strings_)
  danvan::period per;
  // roles
  byte_span org_span;
  int program = -1, task = -1;
};

struct place_parse {
  std::size_t first = 0, last = 0;
  std::string name, code, net_id;
  std::optional<danvan::level> lvl;
  bool known = false;
  bool province_city = false;  // a centrally-run city
  bool province_name = false;  // the gazetteer knows the name as a province's
  std::string word;            // the locality word before it (`thành phố`)
};

struct locality_parse {
  std::size_t first = 0, last = 0;
  std::optional<danvan::level> lvl;
  std::string word;
  bool plural = false, city = false;
  std::optional<place_parse> place;
};

struct org_parse {
  std::size_t first = 0, last = 0;
  int entry = -1;  // gazetteer entry
  int net = -1;    // network organization
  std::string name, key, base_key;
  org_kind kind = org_kind::other;
  std::optional<danvan::level> lvl;
  double conf = 0;
  bool unaccented = false, plural = false, office = false, committee = false, bare = false;
  std::optional<place_parse> place;
  std::optional<std::size_t> locality_first;
  std::string sub_key, sub_name;
  std::optional<org_kind> sub_kind;
  std::optional<danvan::level> sub_lvl;
  std::optional<place_parse> sub_place;
  std::optional<std::size_t> sub_locality_first;
};

struct org_hit {
  std::size_t first = 0, last = 0;
  int entity = -1;
  bool object = false;    // follows a preposition or possessive: not an actor
  bool in_doc = false;    // inside a document reference
  bool in_title = false;  // inside the title of a document (`về ...`)
  double conf = 0;
};

std::string iso(const danvan::period& p) {
  if (p.start.empty() && p.end.empty()) return {};
  if (p.start == p.end) return p.start.to_string();
  return p.start.to_string() + "/" + p.end.to_string();
}

/// Segments of raw text that may hold a reference (a slash) or a period (a
/// digit, `hằng`/`hàng`, or `quý` as in `quý III` with the year from the
/// options) are kept, the rest turned into spaces, so that the scanners
/// normalize only what matters. Byte offsets are unchanged.
std::string blank_for(std::string_view s, bool periods) {
  std::string out(s);
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto period_word = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k + 1 < to; ++k) {
      const char c = static_cast<char>(s[k] | 0x20);
      if (c != 'h' && c != 'q') continue;
      const std::string_view rest = s.substr(k + 1, std::min<std::size_t>(8, to - k - 1));
      auto starts = [&rest](std::string_view w) { return rest.rfind(w, 0) == 0; };
      if (c == 'h' && (starts("\xe1\xba\xb1ng") || starts("\xc3\xa0ng") ||  // ằng, àng
                       starts("a\xcc\x86\xcc\x80ng") || starts("a\xcc\x80ng") || starts("\xc4\x83\xcc\x80ng")))
        return true;
      if (c == 'q' && (starts("u\xc3\xbd") || starts("U\xc3\x9d") || starts("uy\xcc\x81") ||  // uý, UÝ, NFD
                       starts("UY\xcc\x81")))
        return true;
    }
    return false;
  };
  while (i < n) {
    std::size_t j = i;
    bool keep = false;
    while (j < n) {
      const char c = s[j];
      if (periods ? (c >= '0' && c <= '9') : c == '/') keep = true;
      ++j;
      if (c == '\n' || c == ';' || c == '!' || c == '?') break;
      if ((c == '.' || (periods && c == ',')) && j < n && (s[j] == ' ' || s[j] == '\n' || s[j] == '\r')) break;
    }
    if (!keep && periods) keep = period_word(i, j);
    if (!keep)
      for (std::size_t k = i; k < j; ++k)
        if (out[k] != '\n') out[k] = ' ';
    i = j;
  }
  return out;
}

/// Where to cut the text into chunks of about `size` bytes: after a line break.
std::vector<std::size_t> chunk_cuts(std::string_view text, std::size_t size) {
  std::vector<std::size_t> cuts{0};
  std::size_t from = 0;
  while (text.size() - from > size) {
    const std::size_t target = from + size;
    const std::size_t limit = std::min(text.size(), from + 4 * size);
    std::size_t cut = std::string_view::npos;
    const char* base = text.data();
    if (const void* para = memmem(base + target, limit - target, "\n\n", 2))
      cut = static_cast<std::size_t>(static_cast<const char*>(para) - base) + 2;
    else if (const void* nl = std::memchr(base + target, '\n', limit - target))
      cut = static_cast<std::size_t>(static_cast<const char*>(nl) - base) + 1;
    else if (const void* sp = std::memchr(base + target, ' ', limit - target))
      cut = static_cast<std::size_t>(static_cast<const char*>(sp) - base) + 1;
    else {
      cut = target;
      while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u) ++cut;
    }
    cuts.push_back(cut);
    from = cut;
  }
  cuts.push_back(text.size());
  return cuts;
}

/// What the text layer finds in one chunk: references and periods, with byte
/// spans of the whole text (code-point spans are recomputed later).
struct chunk_scan {
  std::vector<document_reference> refs;
  std::vector<period_match> periods;
};

chunk_scan scan_chunk(std::string_view text, std::size_t from, std::size_t to, int default_year) {
  chunk_scan out;
  {
    const std::string blanked = blank_for(text.substr(from, to - from), false);
    out.refs = scan_references(blanked, invalid_utf8::replace);
    for (auto& r : out.refs) {
      r.byte_span.begin += from;
      r.byte_span.end += from;
    }
  }
  {
    const std::string blanked = blank_for(text.substr(from, to - from), true);
    period_options po;
    po.default_year = default_year;
    out.periods = scan_periods(blanked, po);
    for (auto& p : out.periods) {
      p.byte_span.begin += from;
      p.byte_span.end += from;
    }
  }
  return out;
}

}  // namespace

// ===========================================================================
// The extractor.
// ===========================================================================

namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

bool first_upper(std::string_view s) {
  token_list tl;
  detail::tokenize_text(s, 0, s.size(), tl);
  return tl.size() > 0 && tl[0].upper;
}

class extractor {
 public:
  extractor(std::string_view text, const extract_options& o, const gazetteer& g)
      : text_(text), o_(o), gx_(g.index()), vocab_(gx_) {
    build_network_index();
  }

  void process_chunk(std::size_t from, std::size_t to, chunk_scan scan);
  draft finish(std::string sha);

 private:
  // ---- network names -------------------------------------------------------
  void build_network_index();

  // ---- one chunk -----------------------------------------------------------
  void prepare_tokens(std::size_t from, std::size_t to);
  void map_documents(std::vector<document_reference> refs);
  void map_periods(std::vector<period_match> found);
  void find_quotes();
  void find_organizations();
  void find_generic_actors();
  void mark_object_lists();
  std::string head_of(int org) const;
  bool anaphor_word(std::size_t k) const {
    return tl_.is_word(k) && tl_[k].upper && m_->lex(gx_.lexicon, k, detail::lex_anaphor).has_value();
  }
  void find_areas();
  void find_programs();
  void find_cues();
  void read_roles();

  // ---- parsing helpers -----------------------------------------------------
  std::optional<place_parse> match_place(std::size_t k) const;
  std::optional<locality_parse> match_locality(std::size_t k) const;
  std::optional<org_parse> match_org(std::size_t i, bool attached, int depth) const;
  std::optional<org_parse> try_entry(int entry, std::size_t i, std::size_t j, bool unaccented, bool abbrev,
                                     bool attached, int depth) const;
  void finish_parse(org_parse& p) const;
  std::string span_text(std::size_t first, std::size_t last) const;  // normalized text of tokens
  std::string span_key(std::size_t first, std::size_t last) const;   // search key of tokens
  std::string skey(std::string_view s) const;                         // search_key(), remembered
  bool lex_at(std::size_t i, std::uint32_t bits) const { return m_->lex(gx_.lexicon, i, bits).has_value(); }
  bool word_is(std::size_t i, std::string_view lower) const { return tl_.is_word(i) && tl_.lower(i) == lower; }

  // ---- registering ---------------------------------------------------------
  int register_org(const org_parse& p);
  int register_area(const place_parse& p, danvan::level lvl, std::size_t first, double conf, std::string_view source);
  int register_program(const std::string& key, const std::string& name, program_kind kind, double conf);
  byte_span bytes(std::size_t first, std::size_t last) const { return {tl_[first].b, tl_[last].e}; }
  void evidence(std::vector<byte_span>& v, byte_span s) const {
    if (v.size() < o_.max_evidence) v.push_back(s);
  }

  std::string_view text_;
  const extract_options& o_;
  const detail::gazetteer_index& gx_;
  detail::vocabulary vocab_;

  // network
  detail::phrase_trie net_orgs_, net_areas_;
  std::vector<bool> net_org_title_;
  std::unordered_map<std::string, int> net_org_by_key_, net_area_by_key_;

  // chunk
  detail::string_memo lower_memo_;
  mutable detail::string_memo norm_memo_, key_memo_;
  token_list tl_;
  std::unique_ptr<detail::matcher> m_;
  std::vector<int> tok_doc_, tok_period_, tok_org_, tok_generic_, tok_program_, tok_cue_;
  std::vector<int> doc_start_, period_start_;
  std::vector<std::size_t> doc_last_, period_last_, generic_last_, cue_last_;
  std::vector<int> cue_entry_;
  std::vector<unsigned char> in_quote_, in_title_;
  std::vector<std::size_t> quote_close_;  // opening quote token -> closing quote token (npos: none)
  std::vector<org_hit> hits_;
  std::vector<int> hit_at_start_, hit_at_end_;
  std::vector<std::pair<int, std::pair<std::size_t, std::size_t>>> chunk_programs_;  // program, tokens
  std::vector<danvan::text::period_match> chunk_periods_;
  std::vector<int> chunk_docs_;
  std::vector<std::pair<std::size_t, int>> program_starts_;  // first token, program
  std::size_t chunk_items_from_ = 0;

  // whole text
  std::vector<org_entity> orgs_;
  std::unordered_map<std::string, int> org_by_key_;
  std::vector<area_entity> areas_;
  std::unordered_map<std::string, int> area_by_key_;
  std::vector<program_entity> programs_;
  std::unordered_map<std::string, int> program_by_key_;
  std::vector<task_entity> tasks_;
  std::vector<doc_record> docs_;
  std::vector<item_record> items_;
  std::set<std::string> roles_used_;
  std::vector<std::string> strings_{std::string()};
  std::unordered_map<std::string, std::uint32_t> string_ids_;
  std::uint32_t intern(std::string_view s) {
    auto it = string_ids_.find(std::string(s));
    if (it != string_ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(strings_.size());
    strings_.emplace_back(s);
    string_ids_.emplace(std::string(s), id);
    return id;
  }

  // discourse
  int subject_ = -1;
  byte_span subject_span_;
  std::unordered_map<std::string, std::pair<int, byte_span>> last_by_head_;
};

// ---- network -----------------------------------------------------------------

void extractor::build_network_index() {
  if (!o_.network) return;
  const auto& net = *o_.network;
  int pos = 0;
  for (const auto o : net.organizations()) {
    std::vector<std::string_view> names{o.name()};
    for (const auto a : o.aliases()) names.push_back(a);
    for (const auto& former : o.names()) names.push_back(former.name);  // a report may use any of them
    for (const auto n : names) {
      if (n.empty()) continue;
      const auto seq = detail::compile_phrase(n, vocab_.keys, vocab_.lowers);
      if (seq.empty()) continue;
      // A name written with a capital is matched only with its capital.
      const bool title = first_upper(n);
      net_orgs_.add(seq, static_cast<std::uint32_t>(pos) << 1 | (title ? 1u : 0u), false);
      net_org_by_key_.emplace(search_key(n), pos);
    }
    ++pos;
  }
  pos = 0;
  for (const auto a : net.areas()) {
    std::vector<std::string_view> names{a.name()};
    for (const auto x : a.aliases()) names.push_back(x);
    for (const auto n : names) {
      const auto seq = detail::compile_phrase(n, vocab_.keys, vocab_.lowers);
      if (seq.empty()) continue;
      net_areas_.add(seq, static_cast<std::uint32_t>(pos), false);
      net_area_by_key_.emplace(search_key(n), pos);
    }
    ++pos;
  }
  net_orgs_.finish();
  net_areas_.finish();
}

// ---- tokens and the text layer's scans ------------------------------------------

void extractor::prepare_tokens(std::size_t from, std::size_t to) {
  detail::tokenize_text(text_, from, to, tl_);
  tl_.memo = &lower_memo_;
  for (auto& t : tl_.toks) {
    const std::string_view key = std::string_view(tl_.keys).substr(t.key_b, t.key_e - t.key_b);
    t.id = vocab_.keys.find(key);
  }
  m_ = std::make_unique<detail::matcher>(tl_, vocab_, gx_.lexicon);
  const std::size_t n = tl_.size();
  tok_doc_.assign(n, -1);
  tok_period_.assign(n, -1);
  tok_org_.assign(n, -1);
  tok_generic_.assign(n, -1);
  tok_program_.assign(n, -1);
  tok_cue_.assign(n, -1);
  doc_start_.assign(n, -1);
  period_start_.assign(n, -1);
  doc_last_.assign(n, npos);
  period_last_.assign(n, npos);
  generic_last_.assign(n, npos);
  cue_last_.assign(n, npos);
  cue_entry_.assign(n, -1);
  in_quote_.assign(n, 0);
  in_title_.assign(n, 0);
  quote_close_.assign(n, npos);
  hit_at_start_.assign(n, -1);
  hit_at_end_.assign(n, -1);
  hits_.clear();
  chunk_programs_.clear();
  chunk_periods_.clear();
  chunk_docs_.clear();
}

/// Token range covering bytes [b, e): first token starting at or after b, last ending at or before e.
static std::pair<std::size_t, std::size_t> token_range(const token_list& tl, std::size_t b, std::size_t e) {
  const auto first = std::lower_bound(tl.toks.begin(), tl.toks.end(), b,
                                      [](const xtoken& t, std::size_t x) { return t.b < x; });
  if (first == tl.toks.end()) return {npos, npos};
  auto last = std::upper_bound(tl.toks.begin(), tl.toks.end(), e, [](std::size_t x, const xtoken& t) { return x < t.e; });
  if (last == tl.toks.begin()) return {npos, npos};
  --last;
  const auto f = static_cast<std::size_t>(first - tl.toks.begin());
  const auto l = static_cast<std::size_t>(last - tl.toks.begin());
  if (l < f) return {npos, npos};
  return {f, l};
}

void extractor::map_documents(std::vector<document_reference> refs) {
  for (auto& r : refs) {
    const auto [f, l] = token_range(tl_, r.byte_span.begin, r.byte_span.end);
    if (f == npos) continue;
    doc_record d;
    d.span = {r.byte_span.begin, r.byte_span.end};
    d.ref = std::move(r);
    const int idx = static_cast<int>(docs_.size());
    docs_.push_back(std::move(d));
    chunk_docs_.push_back(idx);
    doc_start_[f] = idx;
    doc_last_[f] = l;
    for (std::size_t k = f; k <= l; ++k) tok_doc_[k] = idx;
    item_record it;
    it.kind = item_kind::document;
    it.span = docs_.back().span;
    const auto& ref = docs_.back().ref;
    it.conf = ref.type_name.empty() ? 0.85 : 0.95;
    if (ref.key_from_context) it.conf -= 0.05;
    it.entity = idx;
    it.name = intern(ref.code);
    it.category = intern(ref.type);
    it.source = intern("reference");
    items_.push_back(std::move(it));
  }
}

void extractor::map_periods(std::vector<period_match> found) {
  for (auto& p : found) {
    const auto [f, l] = token_range(tl_, p.byte_span.begin, p.byte_span.end);
    if (f == npos) continue;
    const int idx = static_cast<int>(chunk_periods_.size());
    period_start_[f] = idx;
    period_last_[f] = l;
    for (std::size_t k = f; k <= l; ++k) tok_period_[k] = idx;
    item_record it;
    it.kind = item_kind::period;
    it.span = {p.byte_span.begin, p.byte_span.end};
    it.per = p.value;
    std::string name = p.kind == period_kind::recurrence && p.repeats != recurrence::none
                           ? std::string(danvan::to_string(p.repeats))
                           : iso(p.value);
    if (name.empty()) name = std::string(danvan::to_string(p.kind));
    it.name = intern(name);
    it.category = intern(danvan::to_string(p.kind));
    it.conf = p.kind == period_kind::recurrence || p.value.empty() ? 0.8 : 0.95;
    it.source = intern("periods");
    items_.push_back(std::move(it));
    chunk_periods_.push_back(std::move(p));
  }
}

void extractor::find_quotes() {
  int depth = 0;
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < tl_.size(); ++i) {
    const xtoken& t = tl_[i];
    if (t.para_before) depth = 0, open.clear();
    if (t.quote == 1 || (t.quote == 3 && depth == 0)) {
      open.push_back(i);
      ++depth;
      continue;
    }
    if (t.quote == 2 || (t.quote == 3 && depth > 0)) {
      if (!open.empty()) {
        // The closing quote ends the innermost open one; an unbalanced
        // opening quote before it is left open.
        quote_close_[open.back()] = i;
        open.pop_back();
      }
      depth = std::max(0, depth - 1);
      continue;
    }
    in_quote_[i] = depth > 0;
  }
}

// ---- names: places, localities, organizations --------------------------------

std::string extractor::span_text(std::size_t first, std::size_t last) const {
  std::string raw;
  for (std::size_t k = first; k <= last && k < tl_.size(); ++k) {
    if (k > first && tl_[k].space_before) raw.push_back(' ');
    raw += tl_.raw(k);
  }
  auto it = norm_memo_.find(raw);
  if (it == norm_memo_.end()) {
    if (norm_memo_.size() > 100000) norm_memo_.clear();
    it = norm_memo_.emplace(raw, normalize(detail::decoded_text(raw))).first;
  }
  return it->second;
}

std::string extractor::skey(std::string_view s) const {
  auto it = key_memo_.find(s);
  if (it == key_memo_.end()) {
    if (key_memo_.size() > 100000) key_memo_.clear();
    it = key_memo_.emplace(std::string(s), search_key(s)).first;
  }
  return it->second;
}

std::string extractor::span_key(std::size_t first, std::size_t last) const {
  std::string key;
  for (std::size_t k = first; k <= last && k < tl_.size(); ++k) {
    if (tl_[k].kind == tk::punct) continue;
    if (!key.empty()) key.push_back(' ');
    key += tl_.key(k);
  }
  return key;
}

std::optional<place_parse> extractor::match_place(std::size_t k) const {
  if (k >= tl_.size() || tl_[k].nl_before) return std::nullopt;
  const xtoken& t = tl_[k];
  place_parse p;
  p.first = k;
  if (t.kind == tk::number) {  // `Quận 1`, `Phường 3`
    p.last = k;
    p.name = std::string(tl_.key(k));
    return p;
  }
  if (t.kind != tk::word || !t.upper) return std::nullopt;
  // Known places: the network's areas first, then the gazetteer's.
  std::optional<phrase_hit> best;
  bool from_net = false;
  if (auto h = m_->longest(net_areas_, k)) best = h, from_net = true;
  if (auto h = m_->longest(gx_.places, k); h && (!best || h->last > best->last)) best = h, from_net = false;
  if (best) {
    p.last = best->last;
    const auto idx = (*best->payloads)[0];
    if (from_net) {
      const auto a = (*o_.network).areas()[idx];
      p.name = span_text(k, p.last);
      p.net_id = std::string(a.id());
      p.lvl = a.level();
      p.code = std::string(a.code());
      // What the gazetteer knows of the same name (a province? a centrally-run city?).
      if (auto g = m_->longest(gx_.places, k); g && g->last == p.last) {
        const auto& ge = gx_.place_entries[(*g->payloads)[0]];
        p.province_city = ge.level == danvan::level::province && skey(ge.type) == "thanh pho";
        p.province_name = ge.level == danvan::level::province;
      }
    } else {
      const auto& g = gx_.place_entries[idx];
      p.name = g.name;
      p.lvl = g.level;
      p.code = g.code;
      p.province_city = g.level == danvan::level::province && skey(g.type) == "thanh pho";
      p.province_name = g.level == danvan::level::province;
    }
    p.known = true;
    return p;
  }
  // An unknown place: a run of capitalized words on the same line (two, or
  // three when the third is not a common family name starting a person's name).
  static const std::set<std::string> surnames{"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu",
                                              "vo", "dang", "bui", "do", "ho", "ngo", "duong", "ly", "dong"};
  std::size_t j = k;
  while (j + 1 < tl_.size() && j - k < 2) {
    const xtoken& n = tl_[j + 1];
    if (n.kind != tk::word || !n.upper || n.nl_before || !n.space_before) break;
    if (n.all_upper && tl_.key(j + 1).size() > 1) break;
    if (j - k == 1 && surnames.count(std::string(tl_.key(j + 1)))) break;
    if (m_->longest(gx_.orgs, j + 1) || m_->longest(gx_.localities, j + 1) || m_->longest(gx_.cues, j + 1)) break;
    ++j;
  }
  if (t.all_upper && j == k && tl_.key(k).size() > 1) return std::nullopt;  // an abbreviation, not a name
  p.last = j;
  p.name = span_text(k, j);
  return p;
}

std::optional<locality_parse> extractor::match_locality(std::size_t k) const {
  if (k >= tl_.size() || tl_[k].nl_before) return std::nullopt;
  locality_parse l;
  l.first = k;
  // `các huyện, thị xã, thành phố` (but `các cấp` is one locality)
  if (auto det = m_->lex(gx_.lexicon, k, detail::lex_determiner); det && !m_->longest(gx_.localities, k)) {
    const std::size_t s = *det + 1;
    auto h = m_->longest(gx_.localities, s);
    if (!h) return std::nullopt;
    const auto& e = gx_.locality_entries[(*h->payloads)[0]];
    l.plural = true;
    l.lvl = e.level;
    l.city = e.city;
    l.word = e.canonical.empty() ? e.words.front() : e.canonical;
    l.last = h->last;
    for (;;) {
      std::size_t n = l.last + 1;
      if (tl_.is_punct(n, ',') || word_is(n, "và")) ++n;
      else break;
      auto h2 = m_->longest(gx_.localities, n);
      if (!h2) break;
      l.last = h2->last;
    }
    return l;
  }
  auto h = m_->longest(gx_.localities, k);
  if (!h) return std::nullopt;
  const auto& e = gx_.locality_entries[(*h->payloads)[0]];
  l.last = h->last;
  l.lvl = e.level;
  l.city = e.city;
  l.word = e.canonical.empty() ? e.words.front() : e.canonical;
  if (e.takes_place) {
    const std::size_t n = l.last + 1;
    // A place follows on the same line, not after a full stop (`TP.` is one locality word).
    if (auto p = n < tl_.size() && !tl_[n].nl_before ? match_place(n) : std::nullopt) {
      if (p->name.empty() || (tl_[p->first].kind == tk::number && !(e.level && *e.level != danvan::level::province)))
        p.reset();
      if (p) {
        if (e.city) {
          p->lvl = p->known && p->province_city ? danvan::level::province : danvan::level::district;
        } else if (e.level) {
          p->lvl = e.level;
        }
        l.lvl = p->lvl;
        l.last = p->last;
        p->word = l.word;
        l.place = std::move(p);
      }
    }
  }
  return l;
}

void extractor::finish_parse(org_parse& p) const {
  p.key = (p.net >= 0 ? "net:" + std::to_string(p.net) : p.name.empty() ? std::string() : skey(p.name));
  p.base_key = p.key;
  if (p.net < 0 && p.place) {
    // The same body without its place name: `Công an tỉnh` for `Công an tỉnh Hải Dương`.
    std::string base = p.name;
    const auto pos = base.rfind(p.place->name);
    if (pos != std::string::npos && pos + p.place->name.size() == base.size()) base.erase(pos);
    while (!base.empty() && base.back() == ' ') base.pop_back();
    p.base_key = skey(base);
  } else if (p.net < 0 && p.sub_place) {
    std::string base = p.name;
    const auto pos = base.rfind(p.sub_place->name);
    if (pos != std::string::npos && pos + p.sub_place->name.size() == base.size()) base.erase(pos);
    while (!base.empty() && base.back() == ' ') base.pop_back();
    p.base_key = skey(base);
  }
}

std::optional<org_parse> extractor::try_entry(int entry, std::size_t i, std::size_t j, bool unaccented, bool abbrev,
                                              bool attached, int depth) const {
  const auto& e = gx_.org_entries[static_cast<std::size_t>(entry)];
  if (!attached && !e.any_case && !abbrev && !tl_[i].upper) return std::nullopt;
  org_parse base;
  base.first = i;
  base.last = j;
  base.entry = entry;
  base.name = e.names.empty() ? span_text(i, j) : e.names.front();
  const std::vector<name_scope> scopes = e.scope.empty() ? std::vector<name_scope>{name_scope::none} : e.scope;
  // A body with a scope is named with the name the text uses (`Hội Nông dân tỉnh`,
  // not `Hội Nông dân Việt Nam tỉnh`), unless that is an abbreviation (`UBND tỉnh`
  // is `Ủy ban nhân dân tỉnh`).
  if (!abbrev && !(scopes.size() == 1 && scopes[0] == name_scope::none)) {
    const std::string k = span_key(i, j);
    for (const auto& name : e.names) {
      bool caps = false;
      for (std::size_t x = 0; x + 1 < name.size(); ++x)
        caps = caps || (std::isupper(static_cast<unsigned char>(name[x])) && std::isupper(static_cast<unsigned char>(name[x + 1])));
      if (!caps && skey(name) == k) {
        base.name = name;
        break;
      }
    }
  }
  const std::string head_name = base.name;
  base.kind = e.office ? org_kind::other : e.kind;
  base.lvl = e.level;
  base.office = e.office;
  base.committee = e.committee;
  base.plural = e.plural;
  base.unaccented = unaccented;
  auto attach_ok = [&](const org_parse& sub) {
    if (sub.office) return false;
    if (e.attach.empty()) return true;
    return std::find(e.attach.begin(), e.attach.end(), sub.kind) != e.attach.end();
  };
  auto with_sub = [&](org_parse p, const org_parse& sub) {
    p.sub_key = sub.key;
    p.sub_name = sub.name;
    p.sub_kind = sub.kind;
    p.sub_lvl = sub.lvl;
    p.sub_place = sub.place ? sub.place : sub.sub_place;
    p.sub_locality_first = sub.place ? sub.locality_first : sub.sub_locality_first;
    if (sub.lvl) p.lvl = sub.lvl;
    if (!e.office && e.party_kind && sub.kind == org_kind::party_committee) p.kind = *e.party_kind;
    if (!e.office && e.kind_from_parent) p.kind = sub.kind;
    p.name = head_name + " " + sub.name;
    return p;
  };
  for (const auto s : scopes) {
    switch (s) {
      case name_scope::none: {
        if (!e.standalone && !attached) break;  // `Trung ương` only as the body another belongs to
        org_parse p = base;
        p.conf = 0.9;
        return p;
      }
      case name_scope::place: {
        if (auto pl = match_place(j + 1)) {
          org_parse p = base;
          p.last = pl->last;
          if (e.committee && pl->known && pl->lvl == danvan::level::province &&
              (pl->province_city || (e.level && *e.level == danvan::level::province)))
            p.lvl = danvan::level::province;
          pl->lvl = p.lvl;
          p.name += " " + pl->name;
          p.place = std::move(pl);
          p.conf = 0.9;
          return p;
        }
        break;
      }
      case name_scope::locality: {
        if (auto lc = match_locality(j + 1)) {
          org_parse p = base;
          p.last = lc->last;
          if (lc->lvl) p.lvl = lc->lvl;
          p.name += " " + (lc->plural ? span_text(lc->first, lc->last) : lc->word);
          if (lc->place) {
            p.name += " " + lc->place->name;
            p.locality_first = lc->first;
            p.place = lc->place;
          }
          p.plural = p.plural || lc->plural;
          p.conf = 0.9;
          return p;
        }
        break;
      }
      case name_scope::organization: {
        if (depth >= 3) break;
        std::size_t k = j + 1;
        bool plural = false;
        if (auto det = m_->lex(gx_.lexicon, k, detail::lex_determiner)) k = *det + 1, plural = true;
        if (auto sub = match_org(k, true, depth + 1); sub && attach_ok(*sub)) {
          org_parse p = with_sub(base, *sub);
          p.last = sub->last;
          if (plural) {
            // `Ban Dân vận các huyện ủy, thị ủy, thành ủy`
            for (;;) {
              std::size_t n = p.last + 1;
              if (tl_.is_punct(n, ',') || word_is(n, "và")) ++n;
              else break;
              auto more = match_org(n, true, depth + 1);
              if (!more || !more->committee) break;
              p.last = more->last;
            }
            p.plural = true;
            p.name = head_name + " " + span_text(k, p.last);
          }
          p.conf = 0.9;
          return p;
        }
        break;
      }
      case name_scope::named: {
        // Free words up to a locality within the phrase: `Ban Chỉ đạo` ... `tỉnh`.
        std::optional<locality_parse> found;
        for (std::size_t k = j + 1; k < tl_.size() && k <= j + 10; ++k) {
          const xtoken& t = tl_[k];
          if (t.nl_before || (t.kind == tk::punct && !detail::transparent(t) && t.cp != '/')) break;
          if (k > j + 1 && (word_is(k, "và") || word_is(k, "của") || word_is(k, "với") || word_is(k, "để") ||
                            lex_at(k, detail::lex_adverb) || m_->longest(gx_.cues, k)))
            break;
          if (k > j + 1 && t.upper && m_->longest(gx_.orgs, k)) break;
          if (auto lc = match_locality(k); lc && !lc->plural) found = lc;
        }
        if (found && found->first > j + 1) {
          org_parse p = base;
          p.last = found->last;
          if (found->lvl) p.lvl = found->lvl;
          p.name = span_text(i, found->first - 1) + " " + found->word;
          if (found->place) {
            p.name += " " + found->place->name;
            p.locality_first = found->first;
            p.place = found->place;
          }
          p.conf = 0.85;
          return p;
        }
        break;
      }
    }
  }
  if (e.standalone && !(scopes.size() == 1 && scopes[0] == name_scope::none)) {
    org_parse p = base;
    const bool scoped = std::any_of(scopes.begin(), scopes.end(), [](name_scope s) { return s != name_scope::none; });
    p.conf = scoped ? e.standalone_confidence : 0.9;
    p.bare = scoped;
    if (abbrev && scoped) p.conf = std::max(p.conf, 0.75);
    return p;
  }
  // `Thường trực, Ban Thường vụ Tỉnh ủy`: the head shares the body named next.
  if (depth < 3 && std::find(scopes.begin(), scopes.end(), name_scope::organization) != scopes.end()) {
    std::size_t k = j + 1;
    if (tl_.is_punct(k, ',') || word_is(k, "và")) {
      if (auto other = match_org(k + 1, false, depth + 1); other && !other->sub_key.empty() && other->sub_kind &&
                                                           (e.attach.empty() ||
                                                            std::find(e.attach.begin(), e.attach.end(),
                                                                      *other->sub_kind) != e.attach.end())) {
        org_parse p = base;
        p.sub_key = other->sub_key;
        p.sub_name = other->sub_name;
        p.sub_kind = other->sub_kind;
        p.sub_lvl = other->sub_lvl;
        p.sub_place = other->sub_place;
        if (other->sub_lvl) p.lvl = other->sub_lvl;
        if (!e.office && e.party_kind && *other->sub_kind == org_kind::party_committee) p.kind = *e.party_kind;
        if (!e.office && e.kind_from_parent) p.kind = *other->sub_kind;
        p.name = head_name + " " + other->sub_name;
        p.conf = 0.65;
        return p;
      }
    }
  }
  return std::nullopt;
}

std::optional<org_parse> extractor::match_org(std::size_t i, bool attached, int depth) const {
  if (i >= tl_.size() || tl_[i].kind != tk::word) return std::nullopt;
  std::optional<org_parse> best;
  // The network's own names and aliases.
  for (const auto& h : m_->all(net_orgs_, i)) {
    for (const auto payload : *h.payloads) {
      const bool title = payload & 1u;
      if (title && !attached && !tl_[i].upper) continue;
      const int pos = static_cast<int>(payload >> 1);
      const auto o = o_.network->organizations()[static_cast<index>(pos)];
      org_parse p;
      p.first = i;
      p.last = h.last;
      p.net = pos;
      p.name = std::string(o.name());
      p.kind = o.kind();
      p.lvl = o.level();
      p.conf = h.unaccented ? 0.85 : 0.95;
      p.unaccented = h.unaccented;
      p.committee = o.kind() == org_kind::party_committee;
      best = std::move(p);
      break;
    }
    if (best) break;
  }
  for (const auto& h : m_->all(gx_.orgs, i)) {
    for (const auto payload : *h.payloads) {
      auto p = try_entry(static_cast<int>(payload >> 1), i, h.last, h.unaccented, payload & 1u, attached, depth);
      if (!p) continue;
      if (p->unaccented) p->conf -= 0.1;
      if (!best || p->last > best->last) best = std::move(p);
    }
  }
  if (best) finish_parse(*best);
  return best;
}

// ---- registering entities ------------------------------------------------------

int extractor::register_org(const org_parse& p) {
  int net = p.net;
  if (net < 0 && o_.network) {
    // A gazetteer match that names one of the network's organizations.
    for (const auto& k : {p.key, span_key(p.first, p.last)}) {
      const auto it = net_org_by_key_.find(k);
      if (it != net_org_by_key_.end()) {
        net = it->second;
        break;
      }
    }
  }
  const std::string key = net >= 0 ? "net:" + std::to_string(net) : p.key;
  auto [it, fresh] = org_by_key_.emplace(key, static_cast<int>(orgs_.size()));
  if (fresh) {
    org_entity e;
    e.key = key;
    e.base_key = net >= 0 ? key : p.base_key;
    e.kind = p.kind;
    e.lvl = p.lvl;
    if (net >= 0) {
      const auto o = o_.network->organizations()[static_cast<index>(net)];
      e.net_id = std::string(o.id());
      e.name = std::string(o.name());
      e.name_en = std::string(o.name_en());
      e.kind = o.kind();
      e.lvl = o.level();
    } else {
      e.name = p.name;
      if (p.entry >= 0) {
        const auto& g = gx_.org_entries[static_cast<std::size_t>(p.entry)];
        e.entry = g.id;
        if (p.sub_name.empty() && !p.place) e.name_en = g.name_en;
      }
    }
    e.sub_key = p.sub_key;
    e.has_place = p.place.has_value() || p.sub_place.has_value();
    e.bare = p.bare && net < 0;
    if (p.place) e.area_key = skey(p.place->name);
    {
      token_list nt;
      detail::tokenize_text(e.name, 0, e.name.size(), nt);
      if (nt.size()) e.head = std::string(nt.key(0));
    }
    orgs_.push_back(std::move(e));
  }
  auto& e = orgs_[static_cast<std::size_t>(it->second)];
  ++e.mentions;
  e.conf = std::max(e.conf, p.conf);
  evidence(e.evidence, bytes(p.first, p.last));
  const std::string surface = span_text(p.first, p.last);
  const std::string surface_key = skey(surface);
  if (surface != e.name && e.aliases.size() < 10 && !surface_key.empty() && surface_key != skey(e.name) &&
      e.alias_keys.insert(surface_key).second)
    e.aliases.push_back(surface);
  return it->second;
}

int extractor::register_area(const place_parse& p, danvan::level lvl, std::size_t first, double conf,
                             std::string_view source) {
  if (lvl != danvan::level::district && lvl != danvan::level::province) return -1;
  std::string name = p.name;
  if (!name.empty() && std::all_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    // `Quận 1`: the number alone is no name.
    std::string word = p.word.empty() ? std::string("quận") : p.word;
    if (word.rfind("quận", 0) == 0) word = "Quận" + word.substr(std::string("quận").size());
    else if (word.rfind("phường", 0) == 0) word = "Phường" + word.substr(std::string("phường").size());
    name = word + " " + name;
  }
  if (lvl == danvan::level::district && p.province_name) {
    // `thành phố Hải Dương`: the provincial capital, not the province.
    std::string word = p.word.empty() ? std::string("thành phố") : p.word;
    const std::string first = word.substr(0, 1);
    if (first >= "a" && first <= "z") word[0] = static_cast<char>(word[0] - 32);
    else if (word.rfind("thành", 0) == 0) word = "Thành" + word.substr(std::string("thành").size());
    name = word + " " + p.name;
  }
  // The network's area of that name and level, if any.
  std::string net_id;
  if (o_.network) {
    if (!p.net_id.empty()) {
      const auto pos = o_.network->find(entity_kind::area, p.net_id);
      if (pos && o_.network->areas()[*pos].level() == lvl) net_id = p.net_id;
    }
    for (const auto& n : {name, p.name}) {
      if (!net_id.empty()) break;
      const auto it = net_area_by_key_.find(skey(n));
      if (it == net_area_by_key_.end()) continue;
      const auto a = o_.network->areas()[static_cast<index>(it->second)];
      if (a.level() == lvl) net_id = std::string(a.id());
    }
  }
  const std::string key = net_id.empty() ? std::string(danvan::to_string(lvl)) + ":" + skey(name) : net_id;
  auto [it, fresh] = area_by_key_.emplace(key, static_cast<int>(areas_.size()));
  if (fresh) {
    area_entity a;
    a.key = key;
    a.name = name;
    a.net_id = net_id;
    a.code = p.code;
    a.lvl = lvl;
    areas_.push_back(std::move(a));
  }
  auto& a = areas_[static_cast<std::size_t>(it->second)];
  ++a.mentions;
  a.conf = std::max(a.conf, conf);
  const byte_span sp = bytes(first, p.last);
  evidence(a.evidence, sp);
  item_record r;
  r.kind = lvl == danvan::level::district ? item_kind::district : item_kind::province;
  r.span = sp;
  r.conf = conf;
  r.entity = it->second;
  r.name = intern(name);
  r.category = intern(danvan::to_string(lvl));
  r.source = intern(source);
  items_.push_back(std::move(r));
  return it->second;
}

int extractor::register_program(const std::string& key, const std::string& name, program_kind kind, double conf) {
  auto [it, fresh] = program_by_key_.emplace(key, static_cast<int>(programs_.size()));
  if (fresh) {
    program_entity p;
    p.key = key;
    p.name = name;
    p.kind = kind;
    programs_.push_back(std::move(p));
  }
  auto& p = programs_[static_cast<std::size_t>(it->second)];
  ++p.mentions;
  p.conf = std::max(p.conf, conf);
  return it->second;
}

// ---- organizations, actors, areas ------------------------------------------------

void extractor::find_organizations() {
  std::size_t i = 0;
  while (i < tl_.size()) {
    if (tl_[i].kind != tk::word) {
      ++i;
      continue;
    }
    auto p = match_org(i, false, 0);
    if (!p) {
      ++i;
      continue;
    }
    org_hit h;
    h.first = p->first;
    h.last = p->last;
    h.conf = p->conf;
    h.entity = register_org(*p);
    h.in_doc = tok_doc_[i] >= 0;
    // An organization after a preposition or possessive is not the actor of its clause.
    std::size_t k = i;
    while (k > 0) {
      if (auto d = m_->lex_ending_at(gx_.lexicon, k - 1, detail::lex_determiner)) k = *d;
      else if (k >= 2 && word_is(k - 2, "đồng") && word_is(k - 1, "chí")) k -= 2;
      else break;
    }
    if (k > 0 && m_->lex_ending_at(gx_.lexicon, k - 1,
                                   detail::lex_preposition | detail::lex_possessive | detail::lex_venue))
      h.object = true;
    const int idx = static_cast<int>(hits_.size());
    for (std::size_t x = p->first; x <= p->last; ++x) tok_org_[x] = idx;
    hit_at_start_[p->first] = idx;
    hit_at_end_[p->last] = idx;
    hits_.push_back(h);

    item_record r;
    r.kind = item_kind::organization;
    r.span = bytes(p->first, p->last);
    r.conf = p->conf;
    r.entity = h.entity;
    // name, category and source come from the entity (after merges) when the draft is made
    items_.push_back(std::move(r));

    if (p->place && p->place->lvl)
      register_area(*p->place, *p->place->lvl, p->locality_first.value_or(p->place->first), 0.85, "organization");
    else if (p->sub_place && p->sub_place->lvl)
      register_area(*p->sub_place, *p->sub_place->lvl, p->sub_locality_first.value_or(p->sub_place->first), 0.85,
                    "organization");

    i = p->last + 1;
  }
}

std::string extractor::head_of(int org) const {
  if (org < 0) return {};
  return orgs_[static_cast<std::size_t>(org)].head;
}

/// Bodies listed after a preposition share its object role: `với A, B và C`.
void extractor::mark_object_lists() {
  // A list after `với`, `cho`, ... goes on over commas and `và`; a list after
  // `của` only over `và` (`Theo hướng dẫn của Sở Nội vụ, Ban Dân vận ...`).
  bool in_list = false, possessive = false;
  auto starts = [&](std::size_t first) -> int {  // 0 no, 1 preposition, 2 possessive
    std::size_t k = first;
    while (k > 0) {
      if (auto d = m_->lex_ending_at(gx_.lexicon, k - 1, detail::lex_determiner)) k = *d;
      else if (k >= 2 && word_is(k - 2, "đồng") && word_is(k - 1, "chí")) k -= 2;
      else break;
    }
    if (k == 0) return 0;
    if (m_->lex_ending_at(gx_.lexicon, k - 1, detail::lex_preposition | detail::lex_venue)) return 1;
    if (m_->lex_ending_at(gx_.lexicon, k - 1, detail::lex_possessive)) return 2;
    return 0;
  };
  for (std::size_t i = 0; i < tl_.size(); ++i) {
    if (hit_at_start_[i] >= 0) {
      auto& h = hits_[static_cast<std::size_t>(hit_at_start_[i])];
      // A body followed by `đã`, `sẽ` or a role verb starts a clause of its own.
      const std::size_t after = h.last + 1;
      const bool acts = after < tl_.size() && tl_[after].kind == tk::word &&
                        ((m_->lex(gx_.lexicon, after, detail::lex_adverb) && !word_is(after, "và")) ||
                         m_->longest(gx_.cues, after));
      if (h.object) {
        in_list = true;
        possessive = starts(h.first) == 2;
      } else if (in_list && !acts) {
        h.object = true;
      } else {
        in_list = false;
      }
      i = h.last;
      continue;
    }
    if (tok_generic_[i] == static_cast<int>(i)) {
      if (const int s = starts(i)) in_list = true, possessive = s == 2;
      i = generic_last_[i];
      continue;
    }
    if (tl_.is_punct(i, ',')) {
      if (possessive) in_list = false;
      continue;
    }
    if (auto s = m_->lex(gx_.lexicon, i, detail::lex_separator | detail::lex_determiner)) {
      if (!word_is(i, "với") || in_list) {
        i = *s;
        continue;
      }
    }
    in_list = false;
  }
}

void extractor::find_generic_actors() {
  for (std::size_t i = 0; i < tl_.size(); ++i) {
    if (tok_org_[i] >= 0 || tl_[i].kind != tk::word) continue;
    if (auto last = m_->lex(gx_.lexicon, i, detail::lex_generic)) {
      bool clear = true;
      for (std::size_t k = i; k <= *last; ++k) clear = clear && tok_org_[k] < 0;
      if (!clear) continue;
      for (std::size_t k = i; k <= *last; ++k) tok_generic_[k] = static_cast<int>(i);
      generic_last_[i] = *last;
      i = *last;
    }
  }
}

void extractor::find_areas() {
  if (tl_.size() == 0) return;
  std::vector<unsigned char> used(tl_.size(), 0);
  for (std::size_t x = chunk_items_from_; x < items_.size(); ++x) {
    const auto& it = items_[x];
    if ((it.kind == item_kind::district || it.kind == item_kind::province) && it.span.b >= tl_[0].b) {
      const auto [f, l] = token_range(tl_, it.span.b, it.span.e);
      if (f != npos)
        for (std::size_t k = f; k <= l; ++k) used[k] = 1;
    }
  }
  auto free = [&](std::size_t f, std::size_t l) {
    for (std::size_t k = f; k <= l; ++k)
      if (used[k]) return false;
    return true;
  };
  auto mark = [&](std::size_t f, std::size_t l) {
    for (std::size_t k = f; k <= l; ++k) used[k] = 1;
  };
  for (std::size_t i = 0; i < tl_.size(); ++i) {
    if (tl_[i].kind != tk::word) continue;
    // Lists: `các huyện, thị xã, thành phố như: Thành phố Hải Dương, Kim Thành, ...`
    if (auto lc = match_locality(i); lc && lc->plural && lc->lvl && *lc->lvl == danvan::level::district) {
      std::size_t k = lc->last + 1;
      if (auto intro = m_->lex(gx_.lexicon, k, detail::lex_introducer)) k = *intro + 1;
      if (tl_.is_punct(k, ':')) ++k;
      for (int guard = 0; guard < 40 && k < tl_.size(); ++guard) {
        std::optional<place_parse> pl;
        std::size_t start = k;
        danvan::level lvl = danvan::level::district;
        if (auto one = match_locality(k); one && !one->plural && one->place) {
          pl = one->place;
          lvl = one->place->lvl.value_or(danvan::level::district);
        } else if (auto p = match_place(k)) {
          pl = p;
          if (p->known && p->lvl == danvan::level::province) lvl = danvan::level::province;
        }
        if (!pl) break;
        if (free(start, pl->last)) {
          register_area(*pl, lvl, start, 0.8, "list");
          mark(start, pl->last);
        }
        k = pl->last + 1;
        if (tl_.is_punct(k, ',') || word_is(k, "và")) ++k;
        else break;
      }
      i = std::max(i, lc->last);
      continue;
    }
    if (tok_org_[i] >= 0) continue;
    if (auto lc = match_locality(i); lc && !lc->plural && lc->place && lc->place->lvl) {
      if (free(i, lc->last)) {
        register_area(*lc->place, *lc->place->lvl, i, 0.9, "pattern");
        mark(i, lc->last);
      }
      i = lc->last;
      continue;
    }
    if (o_.network && tl_[i].upper) {
      if (auto h = m_->longest(net_areas_, i); h && free(i, h->last)) {
        const auto a = o_.network->areas()[static_cast<index>((*h->payloads)[0])];
        place_parse p;
        p.first = i;
        p.last = h->last;
        p.name = span_text(i, h->last);
        p.net_id = std::string(a.id());
        p.code = std::string(a.code());
        register_area(p, a.level(), i, 0.85, "network");
        mark(i, h->last);
        i = h->last;
      }
    }
  }
}

// ---- programs and movements ------------------------------------------------------

void extractor::find_programs() {
  auto period_after = [&](std::size_t first, std::size_t last) -> int {
    // A period inside the name (the last one), else one right after it.
    int found = -1;
    for (std::size_t k = first; k <= last && k < tl_.size(); ++k)
      if (period_start_[k] >= 0) found = period_start_[k];
    if (found >= 0) return found;
    std::size_t k = last + 1;
    for (int skip = 0; skip < 2 && k < tl_.size() && tl_[k].kind == tk::punct &&
                       (tl_[k].cp == ',' || tl_[k].cp == '(' || tl_[k].cp == '-');
         ++skip)
      ++k;
    if (k < tl_.size() && !tl_[k].para_before && period_start_[k] >= 0) {
      const auto& pm = chunk_periods_[static_cast<std::size_t>(period_start_[k])];
      if (pm.kind == period_kind::range || pm.kind == period_kind::year) return period_start_[k];
    }
    return -1;
  };
  auto add = [&](std::size_t first, std::size_t last, std::string name, program_kind kind, double conf,
                 std::string_view source, int doc) {
    std::string key = skey(name);
    if (key.empty()) return;
    const int idx = register_program(key, name, kind, conf);
    auto& prog = programs_[static_cast<std::size_t>(idx)];
    const int per = period_after(first, last);
    if (per >= 0 && prog.per.empty()) prog.per = chunk_periods_[static_cast<std::size_t>(per)].value;
    if (doc >= 0 && std::find(prog.implements.begin(), prog.implements.end(), doc) == prog.implements.end())
      prog.implements.push_back(doc);
    evidence(prog.evidence, bytes(first, last));
    item_record r;
    r.kind = item_kind::program;
    r.span = bytes(first, last);
    r.conf = conf;
    r.entity = idx;
    r.name = intern(prog.name);
    r.category = intern(danvan::to_string(prog.kind));
    r.per = per >= 0 ? chunk_periods_[static_cast<std::size_t>(per)].value : prog.per;
    r.source = intern(source);
    items_.push_back(std::move(r));
    for (std::size_t k = first; k <= last; ++k) tok_program_[k] = idx;
    chunk_programs_.push_back({idx, {first, last}});
  };
  // The content of a quote opening at token q, or nothing.
  auto quote_name = [&](std::size_t q, std::size_t& close) -> std::optional<std::string> {
    if (q >= tl_.size() || (tl_[q].quote != 1 && tl_[q].quote != 3)) return std::nullopt;
    close = quote_close_[q];
    if (close == npos || close <= q + 1 || close - q > 80) return std::nullopt;
    return span_text(q + 1, close - 1);
  };
  std::size_t i = 0;
  while (i < tl_.size()) {
    if (tl_[i].kind != tk::word || tok_org_[i] >= 0) {
      ++i;
      continue;
    }
    bool found = false;
    for (const auto& h : m_->all(gx_.heads, i)) {
      const auto& head = gx_.head_entries[(*h.payloads)[0]];
      const std::size_t j = h.last;
      auto has = [&](const char* f) { return std::find(head.forms.begin(), head.forms.end(), f) != head.forms.end(); };
      // A head that opens a document reference (`Kế hoạch số 12-KH/TU`) is the document.
      // A joint program's own number (`Chương trình phối hợp số 05-CTr/BDVTU-CAT`) names
      // both: the signed document and the program its signatories carry out.
      if (tok_doc_[i] >= 0) {
        if (head.kind == program_kind::joint_program && doc_start_[i] >= 0) {
          const auto& ref = docs_[static_cast<std::size_t>(doc_start_[i])].ref;
          const std::size_t end = doc_last_[i];
          add(i, end, ref.type_name.empty() ? ref.code : ref.type_name + " số " + ref.code, head.kind, 0.8,
              "reference", -1);
          found = true;
          i = end + 1;
        }
        break;
      }
      const std::string head_text = span_text(i, j);
      std::size_t k = j + 1;
      // Fillers between the head and a quoted name (`phong trào thi đua`, `mô hình, điển hình`).
      std::size_t q = k;
      for (int n = 0; n < 3 && q < tl_.size() && tl_[q].quote == 0; ++n) {
        if (auto f = m_->lex(gx_.lexicon, q, detail::lex_program_filler)) q = *f + 1;
        else break;
      }
      std::size_t close = npos;
      if (has("quote")) {
        if (auto name = quote_name(q, close)) {
          add(i, close, *name, head.kind, 0.9, "pattern", -1);
          found = true;
          i = close + 1;
          break;
        }
      }
      if (has("known")) {
        if (auto kh = m_->longest(gx_.programs, q); kh && tl_[q].upper) {
          const auto& kp = gx_.program_entries[(*kh->payloads)[0]];
          add(i, kh->last, kp.name, kp.kind, 0.85, "gazetteer:" + kp.id, -1);
          found = true;
          i = kh->last + 1;
          break;
        }
      }
      if (has("reference")) {
        std::size_t r = k;
        bool connector = false;
        if (auto c = m_->lex(gx_.lexicon, r, detail::lex_plan_connector)) {
          if (word_is(r, "số")) break;  // `Kế hoạch số ...`: a document, not a named plan
          r = *c + 1;
          connector = true;
        }
        if (connector && r < tl_.size() && doc_start_[r] >= 0) {
          const int d = doc_start_[r];
          const auto& ref = docs_[static_cast<std::size_t>(d)].ref;
          // The plan's name ends with the document's number.
          const std::size_t lastdoc = doc_last_[r];
          std::size_t end = lastdoc;
          for (std::size_t x = r; x <= lastdoc; ++x)
            if (tl_[x].kind == tk::punct && tl_[x].cp == '/') {
              end = x;
              while (end + 1 <= lastdoc && !tl_[end + 1].space_before) ++end;
              break;
            }
          const std::string name = head_text + " " + span_text(j + 1, r - 1) + " " +
                                   (ref.type_name.empty() ? ref.code : ref.type_name + " số " + ref.code);
          add(i, end, name, head.kind, 0.85, "pattern", d);
          found = true;
          i = end + 1;
          break;
        }
      }
      if (has("period")) {
        std::size_t r = k;
        while (r < tl_.size() && r <= k + 8 && tl_[r].kind == tk::word && period_start_[r] < 0 && tok_org_[r] < 0)
          ++r;
        if (r < tl_.size() && period_start_[r] >= 0) {
          const auto& pm = chunk_periods_[static_cast<std::size_t>(period_start_[r])];
          if (pm.kind == period_kind::year || pm.kind == period_kind::range) {
            const std::size_t end = period_last_[r];
            add(i, end, span_text(i, end), head.kind, 0.8, "pattern", -1);
            found = true;
            i = end + 1;
            break;
          }
        }
      }
    }
    if (found) continue;
    // A known program or movement named alone: the whole of a quote, or in the text.
    if (tl_[i].upper) {
      if (auto kh = m_->longest(gx_.programs, i)) {
        const bool quoted = i > 0 && (tl_[i - 1].quote == 1 || tl_[i - 1].quote == 3);
        const std::size_t after = kh->last + 1;
        const bool closes = after < tl_.size() && (tl_[after].quote == 2 || tl_[after].quote == 3);
        if (in_quote_[i] && !(quoted && closes)) {
          i = kh->last + 1;  // part of a longer quote (`Dân vận khéo thì ...`)
          continue;
        }
        const auto& kp = gx_.program_entries[(*kh->payloads)[0]];
        if (quoted && closes) add(i - 1, after, kp.name, kp.kind, 0.75, "gazetteer:" + kp.id, -1);
        else add(i, kh->last, kp.name, kp.kind, 0.6, "gazetteer:" + kp.id, -1);
        i = (quoted && closes ? after : kh->last) + 1;
        continue;
      }
    }
    ++i;
  }
  // A quote whose whole content is the name of a program found before.
  for (std::size_t q = 0; q < tl_.size(); ++q) {
    if (tok_program_[q] >= 0 || (tl_[q].quote != 1 && tl_[q].quote != 3)) continue;
    const std::size_t close = quote_close_[q];
    if (close == npos || close <= q + 1 || close - q > 80) continue;
    const auto it = program_by_key_.find(span_key(q + 1, close - 1));
    if (it == program_by_key_.end()) continue;
    const auto& prog = programs_[static_cast<std::size_t>(it->second)];
    add(q, close, prog.name, prog.kind, 0.75, "repeat", -1);
    q = close;
  }
}

// ---- role cues and roles -----------------------------------------------------------

void extractor::find_cues() {
  for (std::size_t i = 0; i < tl_.size(); ++i) {
    if (tl_[i].kind != tk::word || tok_org_[i] >= 0 || tok_program_[i] >= 0 || tok_doc_[i] >= 0) continue;
    auto h = m_->longest(gx_.cues, i);
    if (!h) continue;
    bool clear = true;
    for (std::size_t k = i; k <= h->last; ++k)
      clear = clear && tok_org_[k] < 0 && tok_program_[k] < 0 && tok_doc_[k] < 0;
    if (!clear) continue;
    cue_entry_[i] = static_cast<int>((*h->payloads)[0]);
    cue_last_[i] = h->last;
    for (std::size_t k = i; k <= h->last; ++k) tok_cue_[k] = static_cast<int>(i);
    i = h->last;
  }
}

void extractor::read_roles() {
  const std::size_t n = tl_.size();
  if (n == 0) return;
  program_starts_.clear();
  for (const auto& [prog, range] : chunk_programs_) program_starts_.push_back({range.first, prog});
  std::sort(program_starts_.begin(), program_starts_.end());
  struct clause {
    std::size_t first, last;
    int sentence;
  };
  std::vector<clause> clauses;
  {
    std::size_t start = 0;
    int sentence = 0;
    auto push = [&](std::size_t a, std::size_t b) {
      if (b != npos && a <= b && b < n) clauses.push_back({a, b, sentence});
    };
    for (std::size_t k = 0; k < n; ++k) {
      const xtoken& t = tl_[k];
      if (k > start && t.nl_before) {
        const xtoken& p = tl_[k - 1];
        const bool prev_end = p.kind == tk::punct && (p.cp == '.' || p.cp == ';' || p.cp == ':' || p.cp == '!' ||
                                                      p.cp == '?' || p.cp == 0x2026 || p.quote == 2);
        if (t.para_before || prev_end || t.upper || t.kind == tk::number || t.quote ||
            (t.kind == tk::punct && (t.cp == '-' || t.cp == 0x2022 || t.cp == '+'))) {
          push(start, k - 1);
          ++sentence;
          start = k;
        }
      }
      // A clause longer than any sentence (a text without punctuation) is cut.
      if (k >= start + 400 && (t.kind == tk::punct || k >= start + 600)) {
        push(start, k - 1);
        ++sentence;
        start = k;
      }
      if (t.kind != tk::punct) continue;
      if (t.cp == ';' || t.cp == ':') {
        push(start, k == 0 ? npos : k - 1);
        start = k + 1;
      } else if (t.cp == '.' || t.cp == '!' || t.cp == '?' || t.cp == 0x2026) {
        const bool last = k + 1 >= n;
        const bool next_starts = !last && (tl_[k + 1].nl_before ||
                                           (tl_[k + 1].space_before && (tl_[k + 1].upper || tl_[k + 1].quote ||
                                                                        tl_[k + 1].kind == tk::number)));
        bool abbrev = false;
        if (t.cp == '.' && k > 0 && tl_[k - 1].kind == tk::word && !t.space_before) {
          const auto key = tl_.key(k - 1);
          abbrev = key == "tp" || key == "tx" || key == "tt" || key == "q" || key == "p";
        }
        if ((last || next_starts) && !abbrev) {
          push(start, k == 0 ? npos : k - 1);
          ++sentence;
          start = k + 1;
        }
      }
    }
    if (start < n) push(start, n - 1);
  }

  // Titles of documents (`... số 25-NQ/TW về tăng cường ...`) describe content, not actions.
  for (const int d : chunk_docs_) {
    const auto [f, l] = token_range(tl_, docs_[static_cast<std::size_t>(d)].span.b, docs_[static_cast<std::size_t>(d)].span.e);
    if (f == npos) continue;
    std::size_t k = l + 1;
    if (tl_.is_punct(k, ',')) ++k;
    if (k < n && m_->lex(gx_.lexicon, k, detail::lex_title)) {
      auto c = std::upper_bound(clauses.begin(), clauses.end(), k, [](std::size_t x, const clause& cl) { return x < cl.first; });
      const std::size_t end = (c == clauses.begin() || (c - 1)->last < k) ? k : (c - 1)->last;
      // The title runs to the end of the clause, or to a comma after which the
      // sentence goes on: a date, a body, a role verb, `dưới sự chỉ đạo`, `đồng thời`.
      for (std::size_t x = k; x <= end; ++x) {
        if (x > k && tl_.is_punct(x, ',') && x + 1 <= end) {
          const std::size_t y = x + 1;
          if (period_start_[y] >= 0 || hit_at_start_[y] >= 0 || cue_entry_[y] >= 0 ||
              m_->lex(gx_.lexicon, y, detail::lex_passive | detail::lex_adverb | detail::lex_introducer) ||
              anaphor_word(y))
            break;
        }
        in_title_[x] = 1;
      }
    }
  }

  auto anaphor_at = [&](std::size_t k) -> std::optional<std::pair<int, byte_span>> {
    if (k >= n || !tl_[k].upper || tok_org_[k] >= 0 || tl_[k].kind != tk::word) return std::nullopt;
    auto last = m_->lex(gx_.lexicon, k, detail::lex_anaphor);
    if (!last) return std::nullopt;
    // `Ban đã cử ...`, `Ban cũng chủ trì ...`; not `Hội nghị`, `Ban hành`.
    const std::size_t next = *last + 1;
    if (next < n && tl_[next].kind == tk::word && !m_->lex(gx_.lexicon, next, detail::lex_adverb) &&
        cue_entry_[next] < 0)
      return std::nullopt;
    const std::string head(tl_.key(k));
    if (subject_ >= 0 && head_of(subject_) == head) return std::make_pair(subject_, subject_span_);
    auto before = std::lower_bound(hits_.begin(), hits_.end(), k, [](const org_hit& h, std::size_t x) { return h.first < x; });
    for (int steps = 0; before != hits_.begin() && steps < 400; ++steps) {
      --before;
      if (before->in_doc) continue;
      if (head_of(before->entity) == head) return std::make_pair(before->entity, bytes(before->first, before->last));
    }
    const auto it = last_by_head_.find(head);
    if (it == last_by_head_.end()) return std::nullopt;
    return it->second;
  };
  auto object_before = [&](std::size_t k) {
    if (k >= n) return false;
    while (k > 0) {
      if (auto d = m_->lex_ending_at(gx_.lexicon, k - 1, detail::lex_determiner)) k = *d;
      else break;
    }
    return k > 0 && m_->lex_ending_at(gx_.lexicon, k - 1,
                                      detail::lex_preposition | detail::lex_possessive | detail::lex_venue).has_value();
  };
  auto zone = [&](std::size_t k) { return in_title_[k] || tok_doc_[k] >= 0; };

  int prev_sentence = -1;
  int sentence_subject = -1;
  bool last_clause_coordinate = false;
  for (const auto& c : clauses) {
    if (c.sentence != prev_sentence) sentence_subject = -1, last_clause_coordinate = false;
    prev_sentence = c.sentence;
    std::size_t first = c.first;
    while (first <= c.last && tl_[first].quote) ++first;
    if (first > c.last) continue;
    const bool quoted = in_quote_[first] != 0;

    // The cues of the clause, without noun uses (`công tác tham mưu`).
    std::vector<std::size_t> cues;
    for (std::size_t k = first; k <= c.last; ++k) {
      if (cue_entry_[k] < 0 || zone(k)) continue;
      bool passive = k > 0 && m_->lex_ending_at(gx_.lexicon, k - 1, detail::lex_passive).has_value();
      if (!passive && k > 1 && word_is(k - 1, "sự") && m_->lex_ending_at(gx_.lexicon, k - 2, detail::lex_passive))
        passive = true;
      bool noun = false;
      if (!passive) {
        std::size_t p = k;
        for (int steps = 0; steps < 3 && p > first; ++steps) {
          const std::size_t q = p - 1;
          if (tl_.is_punct(q, ',') || m_->lex(gx_.lexicon, q, detail::lex_noun_skip) == q ||
              (tok_cue_[q] >= 0 && tok_cue_[q] != static_cast<int>(k)))
            p = tok_cue_[q] >= 0 ? static_cast<std::size_t>(tok_cue_[q]) : q;
          else
            break;
        }
        if (p > 0 && m_->lex_ending_at(gx_.lexicon, p - 1, detail::lex_noun_marker)) noun = true;
        if (k > 0 && m_->lex_ending_at(gx_.lexicon, k - 1, detail::lex_noun_marker)) noun = true;
      }
      if (!noun) cues.push_back(k);
      k = cue_last_[k];
    }

    // The actor of the clause: its first organization (or group) before the first cue.
    int subject = -1;
    byte_span subject_span;
    bool blocked = false, explicit_subject = false;
    std::vector<std::pair<int, byte_span>> group;
    // Passive cues (`dưới sự chỉ đạo của X`) do not end the subject's part of the clause.
    std::size_t until = c.last;
    for (const auto k : cues) {
      const bool passive = (k > 0 && m_->lex_ending_at(gx_.lexicon, k - 1, detail::lex_passive)) ||
                           (k > 1 && word_is(k - 1, "sự") && m_->lex_ending_at(gx_.lexicon, k - 2, detail::lex_passive));
      if (!passive) {
        until = k;
        break;
      }
    }
    bool leading = true;  // only adverbs, determiners and punctuation so far
    for (std::size_t k = first; k <= until && k <= c.last; ++k) {
      if (zone(k) || tok_cue_[k] >= 0) continue;
      if (hit_at_start_[k] >= 0) {
        const auto& h = hits_[static_cast<std::size_t>(hit_at_start_[k])];
        if (h.object || h.in_doc) {
          k = h.last;
          continue;
        }
        subject = h.entity;
        subject_span = bytes(h.first, h.last);
        group.push_back({subject, subject_span});
        std::size_t x = h.last + 1;
        while (x < c.last) {
          std::size_t y = x;
          if (tl_.is_punct(y, ',')) ++y;
          if (auto s = m_->lex(gx_.lexicon, y, detail::lex_separator); s && !tl_.is_punct(y, ',')) y = *s + 1;
          if (auto d = m_->lex(gx_.lexicon, y, detail::lex_determiner)) y = *d + 1;
          if (y == x || y >= n || hit_at_start_[y] < 0) break;
          const auto& g = hits_[static_cast<std::size_t>(hit_at_start_[y])];
          group.push_back({g.entity, bytes(g.first, g.last)});
          x = g.last + 1;
        }
        explicit_subject = true;
        break;
      }
      if (tok_generic_[k] == static_cast<int>(k) && !object_before(k)) {
        if (leading) {
          blocked = true;
          break;
        }
        k = generic_last_[k];
        continue;
      }
      if (auto a = anaphor_at(k); a && !object_before(k)) {
        subject = a->first;
        subject_span = a->second;
        group.push_back(*a);
        explicit_subject = true;
        break;
      }
      if (tl_[k].kind == tk::punct) continue;
      if (auto a = m_->lex(gx_.lexicon, k, detail::lex_adverb | detail::lex_determiner)) {
        k = *a;
        continue;
      }
      leading = false;
    }
    double inherit_conf = 0.85;
    if (!explicit_subject && !blocked) {
      if (sentence_subject >= 0) subject = sentence_subject, inherit_conf = 0.75;
      else subject = subject_, inherit_conf = 0.65;
      subject_span = subject_span_;
      if (subject >= 0) group.push_back({subject, subject_span});
    }
    if (explicit_subject && !quoted && subject >= 0) {
      subject_ = subject;
      subject_span_ = subject_span;
    }
    if (explicit_subject && subject >= 0) sentence_subject = subject;
    if (!explicit_subject && sentence_subject < 0 && subject >= 0) sentence_subject = subject;

    // Roles.
    std::set<std::pair<int, std::string>> done;
    int task = -1;
    auto target_program = [&](std::size_t after) -> int {
      const auto it = std::upper_bound(program_starts_.begin(), program_starts_.end(), after,
                                       [](std::size_t x, const std::pair<std::size_t, int>& p) { return x < p.first; });
      if (it == program_starts_.end() || it->first > c.last) return -1;
      return it->second;
    };
    auto clause_task = [&](std::size_t cue) {
      if (task >= 0) return task;
      task_entity t;
      const std::size_t end = std::min(c.last, cue + 15);
      std::size_t e = end;
      while (e > cue && tl_[e].kind == tk::punct) --e;
      t.name = span_text(cue, e);
      t.span = bytes(c.first, c.last);
      t.kind = task_kind::other;
      for (std::size_t k = c.first; k <= c.last; ++k) {
        bool hit = false;
        if (const auto* ps = m_->lex_payloads(k, detail::lex_task))
          for (const auto p : *ps)
            if (p & detail::lex_task) {
              t.kind = static_cast<task_kind>(p >> detail::kTaskShift);
              hit = true;
            }
        if (hit) break;
      }
      t.status = task_status::planned;
      for (std::size_t k = c.first; k < cue; ++k)
        if (word_is(k, "đã")) t.status = task_status::done;
      for (const int d : chunk_docs_) {
        const auto& sp = docs_[static_cast<std::size_t>(d)].span;
        if (sp.b >= tl_[c.first].b && sp.e <= tl_[c.last].e && std::find(t.docs.begin(), t.docs.end(), d) == t.docs.end())
          t.docs.push_back(d);
      }
      task = static_cast<int>(tasks_.size());
      tasks_.push_back(std::move(t));
      return task;
    };
    auto emit = [&](int org, byte_span org_span, const std::string& role, std::size_t cue_first, std::size_t cue_last,
                    double conf) {
      if (org < 0 || role.empty()) return;
      if (!done.insert({org, role}).second) return;
      item_record r;
      r.kind = item_kind::role;
      r.span = bytes(cue_first, cue_last);
      r.conf = conf;
      r.entity = org;
      r.name = intern(role);
      r.category = intern(span_text(cue_first, cue_last));
      r.org_span = org_span;
      r.source = intern("cue");
      r.program = target_program(cue_last);
      if (r.program < 0) r.task = clause_task(cue_first);
      roles_used_.insert(role);
      items_.push_back(std::move(r));
    };
    // Bodies listed after a preposition: `với A, B và C`.
    auto objects_from = [&](std::size_t k, std::vector<std::pair<int, byte_span>>& out) {
      for (int guard = 0; guard < 30 && k <= c.last; ++guard) {
        if (auto d = m_->lex(gx_.lexicon, k, detail::lex_determiner)) k = *d + 1;
        if (k > c.last) break;
        if (hit_at_start_[k] >= 0) {
          const auto& h = hits_[static_cast<std::size_t>(hit_at_start_[k])];
          out.push_back({h.entity, bytes(h.first, h.last)});
          k = h.last + 1;
        } else if (tok_generic_[k] == static_cast<int>(k)) {
          out.push_back({-1, bytes(k, generic_last_[k])});
          k = generic_last_[k] + 1;
        } else {
          break;
        }
        if (k > c.last) break;
        if (tl_.is_punct(k, ',')) ++k;
        else if (auto s = m_->lex(gx_.lexicon, k, detail::lex_separator)) k = *s + 1;
        else break;
      }
    };

    // `...; với MTTQ, ... trong việc ký kết ...`: the clause goes on with an
    // earlier `phối hợp` whose verb it leaves out.
    std::vector<std::pair<int, byte_span>> partners;
    bool this_clause_coordinate = false;
    if (last_clause_coordinate && word_is(first, "với") && !blocked) {
      std::vector<std::pair<int, byte_span>> objs;
      objects_from(first + 1, objs);
      if (!objs.empty()) {
        for (const auto& s : group) emit(s.first, s.second, "coordinate", first, first, inherit_conf - 0.1);
        for (const auto& o : objs)
          if (o.first >= 0) {
            emit(o.first, o.second, "coordinate", first, first, 0.7);
            partners.push_back(o);
          }
        this_clause_coordinate = true;
      }
    }

    int agent_override = -1;
    byte_span override_span;
    bool override_blocked = false;
    std::size_t override_after = npos;
    int prev_cue_entry = -1;
    std::size_t prev_cue_last = npos;
    for (const std::size_t k : cues) {
      const auto& def = gx_.cue_entries[static_cast<std::size_t>(cue_entry_[k])];
      const std::size_t kl = cue_last_[k];
      // `theo hướng dẫn của X`, `dưới sự chỉ đạo của X`
      const bool passive = (k > 0 && m_->lex_ending_at(gx_.lexicon, k - 1, detail::lex_passive)) ||
                           (k > 1 && word_is(k - 1, "sự") && m_->lex_ending_at(gx_.lexicon, k - 2, detail::lex_passive));
      if (passive) {
        std::size_t x = kl + 1;
        if (word_is(x, "của")) {
          ++x;
          if (auto d = m_->lex(gx_.lexicon, x, detail::lex_determiner)) x = *d + 1;
          if (x < n && hit_at_start_[x] >= 0) {
            const auto& h = hits_[static_cast<std::size_t>(hit_at_start_[x])];
            emit(h.entity, bytes(h.first, h.last), def.role, k, kl, 0.8);
          }
        }
        continue;
      }
      // `tham gia giảng dạy`: the second verb says what the part is.
      if (def.yields && kl + 1 <= c.last && cue_entry_[kl + 1] >= 0) continue;
      if (def.role == "coordinate") this_clause_coordinate = true;

      // Who acts: the nearest actor before the cue (adverbs between), else the
      // object of an earlier `tham mưu giúp X`, else the clause's subject.
      int agent = -1;
      byte_span agent_span;
      bool agent_blocked = false, local = false;
      {
        std::size_t p = k;
        while (p > first) {
          const std::size_t q = p - 1;
          if (tl_.is_punct(q, ',') || (tok_cue_[q] >= 0)) {
            p = tok_cue_[q] >= 0 ? static_cast<std::size_t>(tok_cue_[q]) : q;
            continue;
          }
          if (auto a = m_->lex_ending_at(gx_.lexicon, q, detail::lex_adverb)) {
            p = *a;
            continue;
          }
          break;
        }
        if (p > first && !zone(p - 1)) {
          const std::size_t q = p - 1;
          if (hit_at_end_[q] >= 0) {
            const auto& h = hits_[static_cast<std::size_t>(hit_at_end_[q])];
            if (!h.object && !h.in_doc) agent = h.entity, agent_span = bytes(h.first, h.last), local = true;
          } else if (tok_generic_[q] >= 0 && generic_last_[static_cast<std::size_t>(tok_generic_[q])] == q) {
            const std::size_t g = static_cast<std::size_t>(tok_generic_[q]);
            // `cử cán bộ giảng dạy`: the body that sends its staff acts.
            const bool sent = g > 0 && m_->lex_ending_at(gx_.lexicon, g - 1, detail::lex_causative | detail::lex_determiner) &&
                              (m_->lex_ending_at(gx_.lexicon, g - 1, detail::lex_causative) ||
                               (g > 1 && m_->lex_ending_at(gx_.lexicon, g - 2, detail::lex_causative)));
            if (!sent && !object_before(g)) agent_blocked = true, local = true;
          } else if (auto a = anaphor_at(q); a && !object_before(q)) {
            agent = a->first, agent_span = a->second, local = true;
          }
        }
      }
      double conf = local ? 0.85 : inherit_conf;
      if (!local) {
        if ((agent_override >= 0 || override_blocked) && override_after != npos && k > override_after) {
          agent = agent_override, agent_span = override_span, agent_blocked = override_blocked, conf = 0.75;
        } else if (blocked) {
          agent_blocked = true;
        }
      }
      // `chủ trì, phối hợp với X`: the lead does not also coordinate.
      bool lead_then_coordinate = false;
      if (def.role == "coordinate" && prev_cue_entry >= 0 &&
          gx_.cue_entries[static_cast<std::size_t>(prev_cue_entry)].role == "lead") {
        bool adjacent = true;
        for (std::size_t x = prev_cue_last + 1; x < k; ++x)
          adjacent = adjacent && (tl_.is_punct(x, ',') || tl_.is_punct(x, 0xFFFD) || word_is(x, "và"));
        lead_then_coordinate = adjacent;
      }
      const bool group_agent = agent >= 0 && group.size() > 1 &&
                               std::any_of(group.begin(), group.end(), [&](const auto& g) { return g.first == agent; });
      if (def.subject && !agent_blocked && !lead_then_coordinate) {
        if (group_agent) {
          for (const auto& g : group) emit(g.first, g.second, def.role, k, kl, conf);
        } else if (agent >= 0) {
          emit(agent, agent_span, def.role, k, kl, conf);
        } else if (!local && !(override_after != npos && k > override_after)) {
          for (const auto& s : group) emit(s.first, s.second, def.role, k, kl, conf);
        }
      }
      // Objects: `phối hợp với X`, `tham mưu cho X`, `báo cáo X`.
      if (!def.object_role.empty()) {
        std::vector<std::pair<int, byte_span>> objs;
        std::size_t x = kl + 1;
        bool found = false;
        if (def.direct_object && x <= c.last) {
          std::size_t y = x;
          if (hit_at_start_[y] < 0 && tok_generic_[y] != static_cast<int>(y))
            if (auto a = m_->lex(gx_.lexicon, y, detail::lex_adverb)) y = *a + 1;
          if (y <= c.last && (hit_at_start_[y] >= 0 || tok_generic_[y] == static_cast<int>(y))) {
            objects_from(y, objs);
            found = true;
          }
        }
        for (std::size_t y = x; !found && y <= c.last && y <= x + 6; ++y) {
          if (tl_[y].kind == tk::punct && tl_[y].cp != ',') break;
          if (hit_at_start_[y] >= 0 || tok_generic_[y] == static_cast<int>(y)) break;
          bool prep = false;
          std::size_t after = y;
          if (auto pl = m_->lex(gx_.lexicon, y, detail::lex_preposition)) {
            // Only this cue's own prepositions.
            std::string got;
            for (std::size_t z = y; z <= *pl; ++z) got += (z > y ? " " : "") + tl_.lower(z);
            for (const auto& w : def.prepositions)
              if (detail::lower_form(w) == got) prep = true;
            after = *pl + 1;
          }
          if (prep) {
            objects_from(after, objs);
            found = true;
          }
        }
        if (found) {
          for (const auto& ob : objs) {
            if (ob.first >= 0) {
              emit(ob.first, ob.second, def.object_role, k, kl, 0.8);
              if (def.role == "coordinate") partners.push_back(ob);
            }
          }
          if (def.object_acts && !objs.empty()) {
            agent_override = objs.front().first;
            override_span = objs.front().second;
            override_blocked = objs.front().first < 0;
            const auto [ob_first, ob_last] = token_range(tl_, objs.back().second.b, objs.back().second.e);
            (void)ob_first;
            override_after = ob_last;
          }
        }
      }
      // Signatories: the actor and its partners in the clause.
      if (def.with_partners) {
        if (!agent_blocked)
          for (const auto& s : group) emit(s.first, s.second, def.role, k, kl, inherit_conf - 0.05);
        for (const auto& p : partners) emit(p.first, p.second, def.role, k, kl, 0.7);
      }
      prev_cue_entry = cue_entry_[k];
      prev_cue_last = kl;
    }
    // Venues: `giảng dạy tại Trung tâm ...` hosts the work.
    if (!cues.empty()) {
      for (std::size_t x = cues.front() + 1; x <= c.last; ++x) {
        if (zone(x) || !tl_.is_word(x)) continue;
        const auto v = m_->lex(gx_.lexicon, x, detail::lex_venue);
        if (!v) continue;
        std::size_t y = *v + 1;
        if (auto d = m_->lex(gx_.lexicon, y, detail::lex_determiner)) y = *d + 1;
        if (y <= c.last && hit_at_start_[y] >= 0) {
          const auto& h = hits_[static_cast<std::size_t>(hit_at_start_[y])];
          emit(h.entity, bytes(h.first, h.last), "host", x, *v, 0.6);
        }
      }
    }
    last_clause_coordinate = this_clause_coordinate;
  }
}

// ---- one chunk -----------------------------------------------------------------------

void extractor::process_chunk(std::size_t from, std::size_t to, chunk_scan scan) {
  prepare_tokens(from, to);
  chunk_items_from_ = items_.size();
  if (tl_.size() == 0) return;
  map_documents(std::move(scan.refs));
  map_periods(std::move(scan.periods));
  find_quotes();
  find_organizations();
  // Relations between documents: `Kết luận số 44-KL/TW ... về tiếp tục thực hiện Chỉ thị số 43-CT/TW`.
  for (std::size_t a = 0; a + 1 < chunk_docs_.size(); ++a) {
    auto& da = docs_[static_cast<std::size_t>(chunk_docs_[a])];
    const auto& db = docs_[static_cast<std::size_t>(chunk_docs_[a + 1])];
    const auto [fa, la] = token_range(tl_, da.span.b, da.span.e);
    const auto [fb, lb] = token_range(tl_, db.span.b, db.span.e);
    (void)fa;
    (void)lb;
    if (la == npos || fb == npos || fb <= la + 1 || fb - la > 8) continue;
    if (m_->lex_ending_at(gx_.lexicon, fb - 1, detail::lex_continues)) da.continues.push_back(chunk_docs_[a + 1]);
    else if (m_->lex_ending_at(gx_.lexicon, fb - 1, detail::lex_implements)) da.implements.push_back(chunk_docs_[a + 1]);
  }
  // The issuing body named inside a reference.
  for (const auto& h : hits_)
    if (h.in_doc) {
      auto& d = docs_[static_cast<std::size_t>(tok_doc_[h.first])];
      if (d.issued_by < 0) d.issued_by = h.entity;
    }
  find_generic_actors();
  mark_object_lists();
  find_areas();
  find_programs();
  find_cues();
  read_roles();
  // The last mention of each head word, for `Ban`, `Sở`, ... used alone in later chunks.
  for (const auto& h : hits_)
    if (!h.in_doc) last_by_head_[head_of(h.entity)] = {h.entity, bytes(h.first, h.last)};
}

// ---- the draft -------------------------------------------------------------------------

std::string compact(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string unique_id(std::set<std::string>& used, std::string id) {
  if (used.insert(id).second) return id;
  for (int n = 2;; ++n) {
    std::string c = id + "-" + std::to_string(n);
    if (used.insert(c).second) return c;
  }
}

draft extractor::finish(std::string sha) {
  // One key per document: a mention without a year takes it from another mention.
  {
    auto base = [](const document_reference& r) {
      std::string n = r.number;
      while (n.size() > 1 && n[0] == '0') n.erase(0, 1);
      return slug(r.type) + "|" + n + "|" + slug(r.issuer);
    };
    auto has_year = [](const document_reference& r) { return !r.date.empty() || r.number_year != 0; };
    std::unordered_map<std::string, std::vector<std::size_t>> dated;  // base -> mentions with a year, in order
    std::vector<std::string> bases(docs_.size());
    for (std::size_t i = 0; i < docs_.size(); ++i) {
      bases[i] = base(docs_[i].ref);
      if (has_year(docs_[i].ref)) dated[bases[i]].push_back(i);
    }
    for (std::size_t i = 0; i < docs_.size(); ++i) {
      auto& r = docs_[i].ref;
      if (has_year(r) || r.key_from_context) continue;
      const auto it = dated.find(bases[i]);
      if (it == dated.end()) continue;
      // The nearest preceding mention with a year, else the nearest following one.
      int best = -1;
      for (const std::size_t j : it->second) {
        const auto& o = docs_[j].ref;
        if (r.term != 0 && o.term != 0 && r.term != o.term) continue;
        if (j < i) best = static_cast<int>(j);
        else if (best < 0) {
          best = static_cast<int>(j);
          break;
        } else {
          break;
        }
      }
      if (best >= 0) r.key = docs_[static_cast<std::size_t>(best)].ref.key, r.key_from_context = true;
    }
  }
  // `Công an tỉnh` and `Công an tỉnh Hải Dương` in one report are one body.
  {
    std::unordered_map<std::string, std::vector<int>> placed;
    for (std::size_t i = 0; i < orgs_.size(); ++i)
      if (orgs_[i].has_place && orgs_[i].net_id.empty()) placed[orgs_[i].base_key].push_back(static_cast<int>(i));
    for (std::size_t i = 0; i < orgs_.size(); ++i) {
      auto& o = orgs_[i];
      if (o.has_place || !o.net_id.empty()) continue;
      const auto it = placed.find(o.key);
      if (it == placed.end() || it->second.size() != 1) continue;
      const int into = it->second.front();
      o.merged_into = into;
      auto& t = orgs_[static_cast<std::size_t>(into)];
      t.mentions += o.mentions;
      t.conf = std::max(t.conf, o.conf);
      for (const auto& e : o.evidence) evidence(t.evidence, e);
      for (const auto& a : o.aliases)
        if (t.aliases.size() < 10 && t.alias_keys.insert(skey(a)).second) t.aliases.push_back(a);
      if (t.alias_keys.insert(skey(o.name)).second && t.aliases.size() < 10) t.aliases.push_back(o.name);
    }
    // `MTTQ` and `Ủy ban MTTQ tỉnh`: a bare head joins the one full name of its entry.
    for (std::size_t i = 0; i < orgs_.size(); ++i) {
      auto& o = orgs_[i];
      if (!o.bare || o.merged_into >= 0 || o.entry.empty()) continue;
      int into = -1, count = 0;
      for (std::size_t j = 0; j < orgs_.size(); ++j) {
        const auto& t = orgs_[j];
        if (j == i || t.bare || t.merged_into >= 0 || t.entry != o.entry || !t.net_id.empty()) continue;
        into = static_cast<int>(j);
        ++count;
      }
      if (count != 1) continue;
      o.merged_into = into;
      auto& t = orgs_[static_cast<std::size_t>(into)];
      t.mentions += o.mentions;
      t.conf = std::max(t.conf, o.conf);
      for (const auto& e : o.evidence) evidence(t.evidence, e);
      for (const auto& a : o.aliases)
        if (t.aliases.size() < 10 && t.alias_keys.insert(skey(a)).second) t.aliases.push_back(a);
      if (t.alias_keys.insert(skey(o.name)).second && t.aliases.size() < 10) t.aliases.push_back(o.name);
    }
    auto resolve = [&](int e) {
      while (e >= 0 && orgs_[static_cast<std::size_t>(e)].merged_into >= 0) e = orgs_[static_cast<std::size_t>(e)].merged_into;
      return e;
    };
    for (auto& it : items_)
      if (it.kind == item_kind::organization || it.kind == item_kind::role) it.entity = resolve(it.entity);
    for (auto& d : docs_) d.issued_by = resolve(d.issued_by);
  }

  // Items below the confidence floor go, and with them what only they support.
  items_.erase(std::remove_if(items_.begin(), items_.end(),
                              [&](const item_record& it) { return it.conf + 1e-9 < o_.min_confidence; }),
               items_.end());
  std::vector<char> org_used(orgs_.size(), 0), area_used(areas_.size(), 0), prog_used(programs_.size(), 0),
      doc_used(docs_.size(), 0), task_used(tasks_.size(), 0);
  for (const auto& it : items_) {
    if (it.kind == item_kind::organization) org_used[static_cast<std::size_t>(it.entity)] = 1;
    if (it.kind == item_kind::district || it.kind == item_kind::province) area_used[static_cast<std::size_t>(it.entity)] = 1;
    if (it.kind == item_kind::program) prog_used[static_cast<std::size_t>(it.entity)] = 1;
    if (it.kind == item_kind::document) doc_used[static_cast<std::size_t>(it.entity)] = 1;
  }
  // A role needs its organization, and a program its item.
  items_.erase(std::remove_if(items_.begin(), items_.end(),
                              [&](const item_record& it) {
                                if (it.kind != item_kind::role) return false;
                                if (it.entity < 0 || !org_used[static_cast<std::size_t>(it.entity)]) return true;
                                if (it.program >= 0 && !prog_used[static_cast<std::size_t>(it.program)]) return true;
                                return false;
                              }),
               items_.end());
  for (const auto& it : items_)
    if (it.kind == item_kind::role && it.task >= 0) task_used[static_cast<std::size_t>(it.task)] = 1;

  // Ids.
  std::set<std::string> used_ids;
  const std::string src_id = o_.source_id.empty() ? "src:text-" + sha.substr(0, 12) : o_.source_id;
  used_ids.insert(src_id);
  std::vector<std::string> org_id(orgs_.size()), area_id(areas_.size()), prog_id(programs_.size()),
      task_id(tasks_.size()), doc_id(docs_.size());
  for (std::size_t i = 0; i < orgs_.size(); ++i)
    if (org_used[i]) {
      const std::string s = slug(orgs_[i].name);
      org_id[i] = unique_id(used_ids, orgs_[i].net_id.empty() ? "org:" + (s.empty() ? "org" : s) : orgs_[i].net_id);
    }
  std::map<std::string, std::string> doc_by_key;
  for (std::size_t i = 0; i < docs_.size(); ++i)
    if (doc_used[i]) {
      const auto& key = docs_[i].ref.key;
      auto it = doc_by_key.find(key);
      if (it == doc_by_key.end()) {
        const bool clean = !key.empty() && std::all_of(key.begin(), key.end(), [](char ch) {
          return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
        });
        std::string k = clean ? key : slug(key);
        it = doc_by_key.emplace(key, unique_id(used_ids, "doc:" + (k.empty() ? "doc" : k))).first;
      }
      doc_id[i] = it->second;
    }
  for (std::size_t i = 0; i < areas_.size(); ++i)
    if (area_used[i]) {
      const std::string s = slug(areas_[i].name);
      area_id[i] = unique_id(used_ids, areas_[i].net_id.empty() ? "area:" + (s.empty() ? "area" : s) : areas_[i].net_id);
    }
  for (std::size_t i = 0; i < programs_.size(); ++i)
    if (prog_used[i]) {
      std::string s = slug(programs_[i].name);
      if (s.size() > 60) s.resize(60);
      while (!s.empty() && s.back() == '-') s.pop_back();
      prog_id[i] = unique_id(used_ids, "prog:" + (s.empty() ? "program" : s));
    }
  for (std::size_t i = 0; i < tasks_.size(); ++i)
    if (task_used[i]) {
      std::string s = slug(tasks_[i].name);
      if (s.size() > 48) s.resize(48);
      while (!s.empty() && s.back() == '-') s.pop_back();
      task_id[i] = unique_id(used_ids, "task:" + std::to_string(i + 1) + (s.empty() ? "" : "-" + s));
    }

  // Code points of every byte offset used.
  std::vector<std::size_t> offsets;
  auto want = [&](byte_span s) { offsets.push_back(s.b), offsets.push_back(s.e); };
  for (const auto& it : items_) {
    want(it.span);
    if (it.kind == item_kind::role) want(it.org_span);
  }
  for (const auto& o : orgs_) for (const auto& e : o.evidence) want(e);
  for (const auto& a : areas_) for (const auto& e : a.evidence) want(e);
  for (const auto& p : programs_) for (const auto& e : p.evidence) want(e);
  for (const auto& t : tasks_) want(t.span);
  for (const auto& d : docs_) want(d.span);
  offsets.push_back(text_.size());
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  std::vector<std::size_t> cps(offsets.size());
  {
    text::detail::code_point_counter counter(text_);
    for (std::size_t i = 0; i < offsets.size(); ++i) cps[i] = counter.at(offsets[i]);
  }
  auto cp = [&](std::size_t byte) {
    const auto it = std::lower_bound(offsets.begin(), offsets.end(), byte);
    return cps[static_cast<std::size_t>(it - offsets.begin())];
  };
  auto ev = [&](byte_span s, std::string note = {}) {
    danvan::evidence e;
    e.source = src_id;
    e.begin = static_cast<std::uint32_t>(cp(s.b));
    e.end = static_cast<std::uint32_t>(cp(s.e));
    e.note = std::move(note);
    return e;
  };

  draft out;
  detail::draft_access::sha(out) = sha;
  detail::draft_access::source(out) = src_id;
  detail::draft_access::bytes(out) = text_.size();
  detail::draft_access::length(out) = cp(text_.size());

  // The items, in text order.
  std::stable_sort(items_.begin(), items_.end(), [](const item_record& a, const item_record& b) {
    if (a.span.b != b.span.b) return a.span.b < b.span.b;
    return (a.kind == item_kind::role) < (b.kind == item_kind::role);
  });
  detail::draft_access::items(out).reserve(items_.size());
  for (const auto& it : items_) {
    auto& x = detail::draft_access::items(out).emplace_back();
    x.kind = it.kind;
    x.byte_span = {it.span.b, it.span.e};
    x.span = {cp(it.span.b), cp(it.span.e)};
    {
      const std::string_view raw = text_.substr(it.span.b, it.span.e - it.span.b);
      bool plain = true;
      for (const char ch : raw) plain = plain && ch != '&' && ch != '<';
      // Without entities or tags the text is the bytes, once ill-formed UTF-8 is replaced.
      if (plain && find_invalid_utf8(raw) == std::string_view::npos) x.text.assign(raw);
      else x.text = detail::decoded_text(raw);
    }
    x.confidence = std::clamp(std::round(it.conf * 100) / 100, 0.0, 1.0);
    if (it.kind == item_kind::organization) {
      const auto& o = orgs_[static_cast<std::size_t>(it.entity)];
      x.name = o.name;
      x.category = std::string(danvan::to_string(o.kind));
      x.source = o.net_id.empty() ? (o.entry.empty() ? std::string("network") : "gazetteer:" + o.entry) : "network";
    } else {
      x.name = strings_[it.name];
      x.category = strings_[it.category];
      x.source = strings_[it.source];
    }
    x.period = it.per;
    switch (it.kind) {
      case item_kind::organization: x.id = org_id[static_cast<std::size_t>(it.entity)]; break;
      case item_kind::document: x.id = doc_id[static_cast<std::size_t>(it.entity)]; break;
      case item_kind::program: x.id = prog_id[static_cast<std::size_t>(it.entity)]; break;
      case item_kind::district:
      case item_kind::province: x.id = area_id[static_cast<std::size_t>(it.entity)]; break;
      case item_kind::period: break;
      case item_kind::role:
        x.id = it.program >= 0 ? prog_id[static_cast<std::size_t>(it.program)] : task_id[static_cast<std::size_t>(it.task)];
        x.org = org_id[static_cast<std::size_t>(it.entity)];
        x.org_span = {cp(it.org_span.b), cp(it.org_span.e)};
        break;
    }
    if (it.kind == item_kind::document) x.name = docs_[static_cast<std::size_t>(it.entity)].ref.code;
  }

  // The network.
  network_builder b("<draft>");
  {
    meta m;
    m.title = o_.source_title.empty() ? "Bản nháp trích xuất từ văn bản" : "Bản nháp trích xuất: " + o_.source_title;
    m.description = "Draft network entries extracted by danvan from " + src_id +
                    "; every entry cites the span of text it rests on. Review before use.";
    m.extra = compact({{"draft", true}, {"items", detail::draft_access::items(out).size()}});
    b.set_meta(std::move(m));
  }
  // Roles beyond the core vocabulary.
  for (const auto& name : roles_used_) {
    bool core = false;
    for (const auto& d : role_vocabulary::core()) core = core || d.name == name;
    if (core) continue;
    role_def def;
    def.name = name;
    def.letter = raci::C;
    bool found = false;
    if (o_.network)
      if (const auto r = o_.network->vocabulary().find(name)) def = o_.network->vocabulary()[*r], found = true;
    if (!found)
      for (const auto& c : gx_.cue_entries)
        if (c.role == name) {
          def.labels.insert(def.labels.end(), c.cues.begin(), c.cues.end());
          if (auto l = enum_from_string<raci>(c.raci)) def.letter = *l;
          if (def.description.empty()) def.description = c.description;
        }
    b.add_role(std::move(def));
  }
  {
    source s;
    s.id = src_id;
    s.name = o_.source_title.empty() ? "Văn bản nguồn của bản nháp" : o_.source_title;
    s.kind = o_.source_kind.empty() ? "text" : o_.source_kind;
    s.title = o_.source_title;
    s.date = o_.source_date;
    s.url = o_.source_url;
    s.sha256 = sha;
    s.extra = compact({{"code_points", detail::draft_access::length(out)}, {"bytes", detail::draft_access::bytes(out)}});
    b.add(std::move(s));
  }
  for (std::size_t i = 0; i < areas_.size(); ++i) {
    if (!area_used[i]) continue;
    const auto& a = areas_[i];
    area x;
    x.id = area_id[i];
    x.name = a.name;
    x.level = a.lvl;
    x.code = a.code;
    for (const auto& e : a.evidence) x.sources.push_back(ev(e, "mention"));
    x.extra = compact({{"confidence", std::round(a.conf * 100) / 100}, {"mentions", a.mentions}});
    b.add(std::move(x));
  }
  std::unordered_map<std::string, std::size_t> org_index_by_key;
  for (std::size_t i = 0; i < orgs_.size(); ++i)
    if (org_used[i]) org_index_by_key.emplace(orgs_[i].key, i);
  for (std::size_t i = 0; i < orgs_.size(); ++i) {
    if (!org_used[i]) continue;
    const auto& o = orgs_[i];
    organization x;
    x.id = org_id[i];
    x.name = o.name;
    x.name_en = o.name_en;
    x.aliases = o.aliases;
    x.kind = o.kind;
    x.level = o.lvl;
    if (!o.sub_key.empty()) {
      const auto it = org_index_by_key.find(o.sub_key);
      if (it != org_index_by_key.end() && it->second != i && orgs_[it->second].sub_key != o.key) x.parent = org_id[it->second];
    }
    if (!o.area_key.empty())
      for (std::size_t a = 0; a < areas_.size(); ++a)
        if (area_used[a] && skey(areas_[a].name) == o.area_key) {
          x.area = area_id[a];
          break;
        }
    for (const auto& e : o.evidence) x.sources.push_back(ev(e, "mention"));
    nlohmann::json extra{{"confidence", std::round(o.conf * 100) / 100}, {"mentions", o.mentions}};
    if (!o.entry.empty()) extra["gazetteer"] = o.entry;
    x.extra = compact(extra);
    b.add(std::move(x));
  }
  {
    std::set<std::string> added;
    std::map<std::string, std::size_t> first_of;  // doc id -> first record
    for (std::size_t i = 0; i < docs_.size(); ++i)
      if (doc_used[i]) first_of.emplace(doc_id[i], i);
    for (const auto& [id, first] : first_of) {
      document x;
      x.id = id;
      const auto& r = docs_[first].ref;
      x.name = r.type_name.empty() ? r.code : r.type_name + " số " + r.code;
      if (x.name != r.code && !r.code.empty()) x.aliases.push_back(r.code);
      if (!r.type.empty() && r.type.find_first_of(" /-\t") == std::string::npos) x.type = r.type;
      x.number = r.number_year ? r.number + "/" + std::to_string(r.number_year) : r.number;
      if (x.number.find_first_of(" \t\n") != std::string::npos) x.number.clear();
      if (r.issuer.find_first_of(" /\t") == std::string::npos) x.issuer = r.issuer;
      std::size_t mentions = 0;
      double conf = 0;
      for (std::size_t j = 0; j < docs_.size(); ++j) {
        if (!doc_used[j] || doc_id[j] != id) continue;
        const auto& d = docs_[j];
        ++mentions;
        if (x.date.empty() && !d.ref.date.empty()) x.date = d.ref.date;
        if (x.term.empty() && d.ref.term > 0) x.term = to_roman(d.ref.term);
        if (x.issued_by.empty() && d.issued_by >= 0 && org_used[static_cast<std::size_t>(d.issued_by)])
          x.issued_by = org_id[static_cast<std::size_t>(d.issued_by)];
        for (const int c : d.continues)
          if (doc_used[static_cast<std::size_t>(c)] && doc_id[static_cast<std::size_t>(c)] != id &&
              std::find(x.continues.begin(), x.continues.end(), doc_id[static_cast<std::size_t>(c)]) == x.continues.end())
            x.continues.push_back(doc_id[static_cast<std::size_t>(c)]);
        for (const int c : d.implements)
          if (doc_used[static_cast<std::size_t>(c)] && doc_id[static_cast<std::size_t>(c)] != id &&
              std::find(x.implements.begin(), x.implements.end(), doc_id[static_cast<std::size_t>(c)]) == x.implements.end())
            x.implements.push_back(doc_id[static_cast<std::size_t>(c)]);
        if (x.sources.size() < o_.max_evidence) x.sources.push_back(ev(d.span, "reference"));
        conf = std::max(conf, r.type_name.empty() ? 0.85 : 0.95);
      }
      x.extra = compact({{"confidence", conf}, {"mentions", mentions}, {"key", r.key}});
      b.add(std::move(x));
    }
  }
  // Roles by target.
  std::map<std::pair<int, int>, std::vector<const item_record*>> roles_of;  // (program, task) -> roles
  for (const auto& it : items_)
    if (it.kind == item_kind::role) roles_of[{it.program, it.task}].push_back(&it);
  auto assignments = [&](const std::vector<const item_record*>& rs) {
    std::vector<role_assignment> out_roles;
    std::map<std::pair<std::string, std::string>, std::size_t> seen;
    for (const auto* r : rs) {
      const std::string& org = org_id[static_cast<std::size_t>(r->entity)];
      const auto [it, fresh] = seen.emplace(std::make_pair(org, strings_[r->name]), out_roles.size());
      if (fresh) {
        role_assignment a;
        a.org = org;
        a.role = strings_[r->name];
        a.extra = compact({{"confidence", std::round(r->conf * 100) / 100}, {"cue", strings_[r->category]}});
        out_roles.push_back(std::move(a));
      }
      auto& a = out_roles[it->second];
      if (a.sources.size() < o_.max_evidence) a.sources.push_back(ev(r->span, "role cue"));
    }
    return out_roles;
  };
  for (std::size_t i = 0; i < programs_.size(); ++i) {
    if (!prog_used[i]) continue;
    const auto& p = programs_[i];
    program x;
    x.id = prog_id[i];
    x.name = p.name;
    x.kind = p.kind;
    if (p.per.well_formed()) x.period = p.per;
    for (const int d : p.implements)
      if (doc_used[static_cast<std::size_t>(d)] &&
          std::find(x.implements.begin(), x.implements.end(), doc_id[static_cast<std::size_t>(d)]) == x.implements.end())
        x.implements.push_back(doc_id[static_cast<std::size_t>(d)]);
    for (const auto& e : p.evidence) x.sources.push_back(ev(e, "mention"));
    if (const auto it = roles_of.find({static_cast<int>(i), -1}); it != roles_of.end()) x.roles = assignments(it->second);
    x.extra = compact({{"confidence", std::round(p.conf * 100) / 100}, {"mentions", p.mentions}});
    b.add(std::move(x));
  }
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    if (!task_used[i]) continue;
    const auto& t = tasks_[i];
    task x;
    x.id = task_id[i];
    x.name = t.name.empty() ? x.id.substr(5) : t.name;
    x.kind = t.kind;
    x.status = t.status;
    for (const int d : t.docs)
      if (doc_used[static_cast<std::size_t>(d)] &&
          std::find(x.implements.begin(), x.implements.end(), doc_id[static_cast<std::size_t>(d)]) == x.implements.end())
        x.implements.push_back(doc_id[static_cast<std::size_t>(d)]);
    x.sources.push_back(ev(t.span, "clause"));
    if (const auto it = roles_of.find({-1, static_cast<int>(i)}); it != roles_of.end()) x.roles = assignments(it->second);
    x.extra = compact({{"draft", true}});
    b.add(std::move(x));
  }
  try {
    detail::draft_access::network(out) = std::make_shared<const danvan::network>(std::move(b).build());
  } catch (const validation_error& e) {
    throw danvan::error(std::string("danvan: extraction built an invalid draft (a bug; please report it): ") + e.what());
  }
  return out;
}

}  // namespace

// ===========================================================================
// The public entry points.
// ===========================================================================

draft::draft() : network_(std::make_shared<const danvan::network>()) {}

std::vector<extracted_item> draft::items(item_kind kind) const {
  std::vector<extracted_item> out;
  for (const auto& it : items_)
    if (it.kind == kind) out.push_back(it);
  return out;
}

std::string draft::dumps() const { return danvan::dumps(*network_); }

draft extract(std::string_view text, const extract_options& options) {
  if (options.invalid == invalid_utf8::reject) {
    const std::size_t bad = find_invalid_utf8(text);
    if (bad != std::string_view::npos) {
      const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + bad;
      text::detail::throw_invalid_utf8(text, bad, text::detail::decode_utf8(p, p + (text.size() - bad)));
    }
  }
  const gazetteer& g = options.gazetteer ? *options.gazetteer : gazetteer::builtin();
  extractor x(text, options, g);
  const auto cuts = chunk_cuts(text, 256 * 1024);
  const std::size_t chunks = cuts.size() - 1;
  // References are scanned one chunk ahead on a worker thread.
  std::string sha;
  if (options.threads > 1 && text.size() > 64 * 1024) {
    // The text layer's scans run one chunk ahead on a worker thread, which
    // then hashes the text.
    std::vector<std::promise<chunk_scan>> promises(chunks);
    std::vector<std::future<chunk_scan>> scans(chunks);
    for (std::size_t c = 0; c < chunks; ++c) scans[c] = promises[c].get_future();
    const int year = options.default_year;
    std::thread worker([&text, &cuts, &sha, chunks, &promises, year] {
      for (std::size_t c = 0; c < chunks; ++c) {
        try {
          promises[c].set_value(scan_chunk(text, cuts[c], cuts[c + 1], year));
        } catch (...) {
          promises[c].set_exception(std::current_exception());
        }
      }
      sha = sha256_hex(text);
    });
    try {
      for (std::size_t c = 0; c < chunks; ++c) x.process_chunk(cuts[c], cuts[c + 1], scans[c].get());
    } catch (...) {
      worker.join();
      throw;
    }
    worker.join();
  } else {
    for (std::size_t c = 0; c < chunks; ++c)
      x.process_chunk(cuts[c], cuts[c + 1], scan_chunk(text, cuts[c], cuts[c + 1], options.default_year));
    sha = sha256_hex(text);
  }
  return x.finish(std::move(sha));
}

}  // namespace danvan::text
