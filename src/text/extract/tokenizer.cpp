#include "tokenizer.hpp"

#include "html.hpp"

#include "text/detail/unicode.hpp"
#include <danvan/text/extract.hpp>
#include <danvan/text/normalize.hpp>

#include <cstring>

namespace danvan::text::detail {

namespace {

/// `Ð` and `ð` (eth) are typed for `Đ` and `đ` on keyboards without them.
char32_t as_viet_d(char32_t cp) { return cp == 0xD0 ? 0x110 : cp == 0xF0 ? 0x111 : cp; }

/// Reads the word that starts at byte j into the key and flags of `k`; returns where it ends.
std::size_t read_word(std::string_view text, std::size_t j, std::size_t to, const unicode_tables& t,
                      std::string& keys, xtoken& k) {
  bool all_upper = true, plain = true;
  while (j < to) {
    const unsigned char b = static_cast<unsigned char>(text[j]);
    if (b < 0x80 && b != '&' && b != '<') {
      // ASCII inside a word: a letter goes on, anything else ends it.
      const bool lower = b >= 'a' && b <= 'z', upper = b >= 'A' && b <= 'Z';
      if (!lower && !upper) break;
      if (lower) all_upper = false;
      keys.push_back(static_cast<char>(upper ? b + 32 : b));
      ++j;
      continue;
    }
    raw_cp c = read_cp(text, j);
    if (j + c.len > to || c.tag) break;
    c.cp = as_viet_d(c.cp);
    const std::uint16_t g = cp_flags(t, c.cp);
    if (g & f_ignorable) {
      j += c.len;
      continue;
    }
    if (!(g & (f_letter | f_mark))) break;
    if ((g & f_letter) && !(g & f_upper) && to_lower(c.cp) == c.cp) all_upper = false;
    if (c.cp >= 0x80 || c.entity) plain = false;
    append_fold(t, keys, c.cp);
    j += c.len;
  }
  k.all_upper = all_upper;
  k.plain = plain;
  return j;
}

/// Punctuation is keyed by one folded code point: every dash as `-`, every
/// double quote as `"` (remembering whether it opens or closes).
void read_punct(const raw_cp& r, std::uint16_t f, std::string& keys, xtoken& k) {
  k.kind = tk::punct;
  char32_t cp = r.cp;
  if (f & f_dash) cp = '-';
  if ((f & f_quote2) || cp == '"' || cp == 0xAB || cp == 0xBB) {
    k.quote = (r.cp == 0x201C || r.cp == 0xAB || r.cp == 0x201E || r.cp == 0x201F) ? 1
              : (r.cp == 0x201D || r.cp == 0xBB)                                     ? 2
                                                                                     : 3;
    cp = '"';
  } else if (f & f_quote1) {
    cp = '\'';
  }
  k.cp = cp;
  append_utf8(keys, cp);
}

/// Tokenizes raw text [from, to) of `text` into `out` (appending).
void tokenize_raw(std::string_view text, std::size_t from, std::size_t to, token_list& out) {
  const auto& t = unicode_tables::get();
  out.text = text;
  std::size_t i = from;
  bool space = false;
  int newlines = 0;
  while (i < to) {
    const unsigned char c0 = static_cast<unsigned char>(text[i]);
    if (c0 == ' ' || c0 == '\t' || c0 == '\n') {
      space = true;
      if (c0 == '\n') ++newlines;
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
    r.cp = as_viet_d(r.cp);
    const std::uint16_t f = cp_flags(t, r.cp);
    if ((f & f_space) || r.cp == 0xA0) {
      space = true;
      if (f & f_line_break) ++newlines;
      i += r.len;
      continue;
    }
    if (f & f_ignorable) {
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
      while (i < to && text[i] >= '0' && text[i] <= '9') out.keys.push_back(text[i]), ++i;
    } else if (f & (f_letter | f_mark)) {
      k.kind = tk::word;
      k.upper = (f & f_upper) != 0;
      i = read_word(text, i, to, t, out.keys, k);
    } else {
      read_punct(r, f, out.keys, k);
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

}  // namespace danvan::text::detail

namespace danvan::text {

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

}  // namespace danvan::text
