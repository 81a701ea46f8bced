#include "chunks.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace danvan::text::detail {

namespace {

/// Whether bytes [from, to) hold `hằng`/`hàng` (as in `hằng năm`) or `quý`
/// (as in `quý III`, with the year from the options), in any normal form.
bool holds_period_word(std::string_view s, std::size_t from, std::size_t to) {
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
}

/// Segments of raw text that may hold a reference (a slash) or a period (a
/// digit or a period word) are kept, the rest turned into spaces, so that the
/// scanners normalize only what matters. Byte offsets are unchanged.
std::string blank_for(std::string_view s, bool periods) {
  std::string out(s);
  std::size_t i = 0;
  const std::size_t n = s.size();
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
    if (!keep && periods) keep = holds_period_word(s, i, j);
    if (!keep)
      for (std::size_t k = i; k < j; ++k)
        if (out[k] != '\n') out[k] = ' ';
    i = j;
  }
  return out;
}

}  // namespace

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

}  // namespace danvan::text::detail
