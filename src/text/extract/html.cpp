#include "html.hpp"

#include "text/detail/unicode.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

namespace danvan::text::detail {

namespace {

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

/// `&name;`, `&#123;` or `&#x1F;` at byte i; false when it is none of them.
bool read_entity(std::string_view s, std::size_t i, raw_cp& r) {
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
      return true;
    }
    return false;
  }
  while (j < limit && ascii_alpha(s[j])) ++j;
  if (j > i + 1 && j < limit && s[j] == ';') {
    if (const char32_t v = named_entity(s.substr(i + 1, j - i - 1))) {
      r.cp = v, r.len = static_cast<std::uint32_t>(j + 1 - i), r.entity = true;
      return true;
    }
  }
  return false;
}

/// A tag, comment or doctype at byte i (which holds `<`); false when the `<` is text.
bool read_tag(std::string_view s, std::size_t i, raw_cp& r) {
  const std::size_t limit = std::min(s.size(), i + 1024);
  std::size_t j = i + 1;
  while (j < limit && s[j] != '>' && s[j] != '<') ++j;
  if (j >= limit || s[j] != '>') return false;
  std::size_t n = i + 1;
  if (n < j && s[n] == '/') ++n;
  std::string name;
  while (n < j && ascii_alpha(s[n]) && name.size() < 12) name.push_back(static_cast<char>(s[n] | 0x20)), ++n;
  if (!name.empty() && (n == j || !ascii_alpha(s[n]))) {
    static const std::set<std::string> blocks{"p", "br", "div", "li", "ul", "ol", "tr", "table", "h1", "h2",
                                              "h3", "h4", "h5", "h6", "section", "article", "blockquote",
                                              "header", "footer", "hr", "td", "th", "dd", "dt"};
    r.tag = true, r.block = blocks.count(name) > 0, r.len = static_cast<std::uint32_t>(j + 1 - i), r.cp = ' ';
    return true;
  }
  if (s[i + 1] == '!') {  // <!-- comment --> or <!DOCTYPE>
    r.tag = true, r.len = static_cast<std::uint32_t>(j + 1 - i), r.cp = ' ';
    return true;
  }
  return false;
}

}  // namespace

raw_cp read_cp(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const auto* end = reinterpret_cast<const unsigned char*>(s.data()) + s.size();
  const unsigned char c = *p;
  raw_cp r;
  if (c == '&' && read_entity(s, i, r)) return r;
  if (c == '<' && i + 1 < s.size() && (ascii_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!') &&
      read_tag(s, i, r))
    return r;
  if (c < 0x80) {
    r.cp = c;
    return r;
  }
  const auto d = decode_utf8(p, end);
  r.cp = d.cp, r.len = d.len;
  return r;
}

std::string decoded_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const raw_cp r = read_cp(s, i);
    if (r.tag) out.push_back(' ');
    else append_utf8(out, r.cp);
    i += r.len;
  }
  return out;
}

}  // namespace danvan::text::detail
