#include "markup.hpp"

#include <algorithm>
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

std::string_view attribute_type(column_kind kind) noexcept {
  switch (kind) {
    case column_kind::integer: return "long";
    case column_kind::number: return "double";
    case column_kind::boolean: return "boolean";
    default: return "string";
  }
}

std::vector<const column*> attributes(const table& t, std::initializer_list<std::string_view> structural) {
  std::vector<const column*> out;
  for (const auto& c : t.columns())
    if (std::find(structural.begin(), structural.end(), c.name) == structural.end()) out.push_back(&c);
  return out;
}

std::string whole_day(date d, bool last) {
  if (d.empty()) return {};
  const unsigned month = d.month() ? d.month() : last ? 12 : 1;
  const unsigned day = d.day() ? d.day() : last ? date::days_in_month(d.year(), month) : 1;
  return date(d.year(), month, day).to_string();
}

}  // namespace danvan::detail
