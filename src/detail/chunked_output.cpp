#include "detail/chunked_output.hpp"

#include <charconv>
#include <ostream>

namespace danvan::detail {

namespace {
constexpr std::size_t chunk = std::size_t{1} << 20;
}

chunked_output::chunked_output(std::ostream& out) : out_(out) { buf_.reserve(chunk + 4096); }

void chunked_output::spill() {
  if (buf_.size() < chunk) return;
  out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
}

void chunked_output::finish() {
  out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
}

chunked_output& chunked_output::operator<<(std::size_t n) {
  char digits[24];
  return put(std::string_view(digits, static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, n).ptr - digits)));
}

chunked_output& chunked_output::xml(std::string_view s) {
  // Most names need no escape: copy runs between the characters that do.
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"') continue;
    if (c == '\t' || c == '\n' || c == '\r') continue;
    buf_.append(s.substr(from, i - from));
    buf_ += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" : "\xEF\xBF\xBD";  // U+FFFD
    from = i + 1;
  }
  buf_.append(s.substr(from));
  return *this;
}

chunked_output& chunked_output::xml_cell(const column& c, std::size_t row) {
  if (c.kind == column_kind::text) return xml(c.text(row));
  return xml(c.to_text(row));
}

}  // namespace danvan::detail
