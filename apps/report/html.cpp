#include "html.hpp"

namespace danvan::cli::report {

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') break;
        out += c;
    }
  }
  return out;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string shorten(std::string_view s, std::size_t max) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (seen == max) return std::string(s.substr(0, i)) + "…";
    ++seen;
  }
  return std::string(s);
}

std::string element(std::string_view tag, std::string_view cls, std::string_view inner) {
  std::string out = "<" + std::string(tag);
  if (!cls.empty()) out += " class=\"" + std::string(cls) + "\"";
  return out + ">" + std::string(inner) + "</" + std::string(tag) + ">";
}

cell text_cell(std::string_view text) { return {escape(text), {}}; }

cell number_cell(std::size_t n) { return {std::to_string(n), std::to_string(n)}; }

std::string badge(std::string_view cls, std::string_view text) {
  return "<span class=\"badge " + std::string(cls) + "\">" + escape(text) + "</span>";
}

std::string table::html(std::string_view filter_hint) const {
  std::string out = "<div class=\"table\">";
  if (rows.size() > 8)
    out += "<input type=\"search\" class=\"filter\" hidden placeholder=\"" + escape(filter_hint) + "\" aria-label=\"" +
           escape(filter_hint) + "\">";
  out += "<table class=\"sortable\"><thead><tr>";
  for (const auto& h : headings) out += "<th scope=\"col\">" + escape(h) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& c : row) {
      out += c.sort.empty() ? std::string("<td>") : "<td data-sort=\"" + escape(c.sort) + "\">";
      out += c.html + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>";
  if (!note.empty()) out += "<p class=\"more\">" + escape(note) + "</p>";
  return out + "</div>\n";
}

}  // namespace danvan::cli::report
