// Chunking, tokenizing and span mapping shared by the scanners. Chunks bound
// the memory of the byte map (eight bytes per normalized byte) whatever the
// size of the input.
#include "text/detail/scan.hpp"
#include "text/detail/unicode.hpp"

#include <cstring>

namespace danvan::text::detail {

long token_stream::value_of(std::size_t i) const {
  long v = 0;
  for (const char c : text_of(i)) {
    v = v * 10 + (c - '0');
    if (v >= 1000000000L) return 1000000000L;
  }
  return v;
}

std::string token_stream::lower_of(std::size_t i) const {
  std::string out;
  const auto t = text_of(i);
  if (!toks[i].any_upper) return std::string(t);
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  const auto* const end = p + t.size();
  while (p < end) {
    const auto d = decode_utf8(p, end);
    append_utf8(out, to_lower(d.cp));
    p += d.len;
  }
  return out;
}

bool token_stream::word_is(std::size_t i, std::string_view lower_form) const {
  if (!is_word(i)) return false;
  const auto t = text_of(i);
  // Upper and lower case of the letters compared here (Latin, Vietnamese)
  // have UTF-8 forms of the same length.
  if (t.size() != lower_form.size()) return false;
  if (!toks[i].any_upper) return t == lower_form;
  return lower_of(i) == lower_form;
}

void tokenize(std::string_view normalized, token_stream& out) {
  const auto& t = unicode_tables::get();
  out.text = normalized;
  out.toks.clear();
  const auto* const begin = reinterpret_cast<const unsigned char*>(normalized.data());
  const auto* const end = begin + normalized.size();
  const auto* p = begin;
  bool space = false;
  while (p < end) {
    const unsigned c = *p;
    const auto d = c < 0x80 ? decoded{c, 1, utf8_status::ok} : decode_utf8(p, end);
    const std::uint16_t f = cp_flags(t, d.cp);
    const auto b = static_cast<std::uint32_t>(p - begin);
    if (f & f_space) {
      space = true;
      p += d.len;
      continue;
    }
    token k;
    k.b = b;
    k.space_before = space;
    space = false;
    if (d.cp >= '0' && d.cp <= '9') {
      k.kind = tok::number;
      const auto* q = p + 1;
      while (q < end && *q >= '0' && *q <= '9') ++q;
      p = q;
    } else if (f & (f_letter | f_mark)) {
      k.kind = tok::word;
      k.upper_initial = (f & f_upper) != 0;
      bool all_upper = true, any_upper = false;
      const auto* q = p;
      while (q < end) {
        const unsigned qc = *q;
        const auto e = qc < 0x80 ? decoded{qc, 1, utf8_status::ok} : decode_utf8(q, end);
        const std::uint16_t g = cp_flags(t, e.cp);
        if (!(g & (f_letter | f_mark))) break;
        if (g & f_letter) {
          if (g & f_upper) {
            any_upper = true;
          } else {
            all_upper = false;
          }
        }
        q += e.len;
      }
      k.all_upper = all_upper;
      k.any_upper = any_upper;
      p = q;
    } else {
      k.kind = tok::punct;
      k.punct = d.cp;
      p += d.len;
    }
    k.e = static_cast<std::uint32_t>(p - begin);
    out.toks.push_back(k);
  }
}

namespace {

constexpr std::size_t kChunk = 64 * 1024;

std::size_t cut_point(std::string_view text, std::size_t from) {
  if (text.size() - from <= kChunk) return text.size();
  const std::size_t target = from + kChunk;
  const std::size_t limit = std::min(text.size(), from + 16 * kChunk);
  const char* base = text.data();
  if (const void* nl = std::memchr(base + target, '\n', limit - target))
    return static_cast<std::size_t>(static_cast<const char*>(nl) - base) + 1;
  if (const void* sp = std::memchr(base + target, ' ', limit - target))
    return static_cast<std::size_t>(static_cast<const char*>(sp) - base) + 1;
  // No break at all: cut before a byte that cannot continue a sequence, so
  // both sides decode exactly as the whole would.
  std::size_t i = target;
  while (i < text.size() && (static_cast<unsigned char>(base[i]) & 0xC0u) == 0x80u) ++i;
  return i;
}

}  // namespace

void for_each_chunk(std::string_view text, invalid_utf8 invalid,
                    const std::function<bool(std::string_view raw)>& wanted,
                    const std::function<void(const chunk_view&)>& visit) {
  normalize_options options;
  options.invalid = invalid;
  mapped_text mapped;
  token_stream tokens;
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t to = cut_point(text, from);
    const std::string_view raw = text.substr(from, to - from);
    if (wanted(raw)) {
      normalize_mapped(raw, options, mapped, from);
      tokenize(mapped.text, tokens);
      visit(chunk_view{from, raw, &mapped, &tokens});
    } else if (invalid == invalid_utf8::reject) {
      const std::size_t bad = find_invalid_utf8(raw);
      if (bad != std::string_view::npos) {
        const auto* p = reinterpret_cast<const unsigned char*>(raw.data()) + bad;
        throw_invalid_utf8(raw, bad, decode_utf8(p, p + (raw.size() - bad)), from);
      }
    }
    from = to;
  }
}

std::size_t code_point_counter::at(std::size_t byte) {
  if (byte > text_.size()) byte = text_.size();
  const auto* p = reinterpret_cast<const unsigned char*>(text_.data()) + byte_;
  const auto* const stop = reinterpret_cast<const unsigned char*>(text_.data()) + byte;
  const auto* const end = reinterpret_cast<const unsigned char*>(text_.data()) + text_.size();
  while (p < stop) {
    p += *p < 0x80 ? 1 : decode_utf8(p, end).len;
    ++cps_;
  }
  byte_ = static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(text_.data()));
  return cps_;
}

}  // namespace danvan::text::detail
