#include "detail/edit_distance.hpp"

#include "text/detail/unicode.hpp"

namespace danvan::detail {

namespace {

bool is_ascii(std::string_view s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

std::u32string decode(std::string_view s) {
  std::u32string out;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    const auto d = text::detail::decode_utf8(p, end);
    out.push_back(d.cp);
    p += d.len;
  }
  return out;
}

int edit_distance(std::string_view a, std::string_view b, int k) {
  if (is_ascii(a) && is_ascii(b)) return osa_distance(a.data(), a.size(), b.data(), b.size(), k);
  const auto ua = decode(a), ub = decode(b);
  return osa_distance(ua.data(), ua.size(), ub.data(), ub.size(), k);
}

}  // namespace danvan::detail
