#include "markup.hpp"

#include <algorithm>

namespace danvan::detail {

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
