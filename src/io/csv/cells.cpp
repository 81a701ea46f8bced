#include "io/csv/cells.hpp"

#include <algorithm>

namespace danvan::detail::csv {

cell_type cell_type_of(std::string_view column) {
  // The fields of docs/format.md by their JSON type (schema/danvan.schema.json); a test
  // reads the schema and checks this list against it.
  static constexpr std::string_view lists[] = {"aliases",  "labels", "continues", "implements", "amends",
                                               "replaces", "topics", "areas",     "from",       "to"};
  static constexpr std::string_view json[] = {"extra", "meta.extra", "names", "reviews", "shares", "orphaned_roles"};
  if (std::find(std::begin(lists), std::end(lists), column) != std::end(lists)) return cell_type::list;
  if (std::find(std::begin(json), std::end(json), column) != std::end(json)) return cell_type::json;
  if (column == "span") return cell_type::integers;
  if (column == "approximate" || column == "recurring") return cell_type::boolean;
  return cell_type::text;
}

namespace {

bool plain(const ojson& v) { return v.is_string() || v.is_number() || v.is_boolean(); }

/// One list item as written: `\`, `;` and a space at either end escaped, so that
/// split_list() gives it back exactly and may ignore the spaces a person types.
void append_item(std::string& out, std::string_view item) {
  for (std::size_t i = 0; i < item.size(); ++i) {
    const char c = item[i];
    if (c == '\\' || c == ';' || (c == ' ' && (i == 0 || i + 1 == item.size()))) out += '\\';
    out += c;
  }
}

}  // namespace

bool spreads(std::string_view key, const ojson& value) {
  return key != "extra" && value.is_object() && !value.empty() &&
         std::all_of(value.begin(), value.end(), [](const ojson& v) { return plain(v); });
}

void append_cell(std::string& out, const ojson& value) {
  if (value.is_string()) {
    out += value.get_ref<const std::string&>();
    return;
  }
  const bool list = value.is_array() && !value.empty() &&
                    (std::all_of(value.begin(), value.end(), [](const ojson& v) { return v.is_string(); }) ||
                     std::all_of(value.begin(), value.end(), [](const ojson& v) { return v.is_number(); }));
  if (!list) {
    out += value.dump(-1, ' ', false, ojson::error_handler_t::strict);  // a number, a boolean, an object
    return;
  }
  bool first = true;
  for (const auto& item : value) {
    if (!first) out += ';';
    first = false;
    if (item.is_string())
      append_item(out, item.get_ref<const std::string&>());
    else
      out += item.dump();
  }
}

std::vector<std::string> split_list(std::string_view cell) {
  std::vector<std::string> items;
  std::string item;
  std::size_t kept = 0;  // item's length up to its last escaped character: trailing spaces after it go
  bool started = false;  // a character other than a leading space seen
  auto finish = [&] {
    item.erase(std::max(kept, item.find_last_not_of(' ') + 1));
    items.push_back(std::move(item));
    item.clear();
    kept = 0;
    started = false;
  };
  for (std::size_t i = 0; i < cell.size(); ++i) {
    const char c = cell[i];
    if (c == '\\' && i + 1 < cell.size()) {
      item += cell[++i];
      kept = item.size();
      started = true;
    } else if (c == ';') {
      finish();
    } else if (c != ' ' || started) {
      item += c;
      started = true;
    }
  }
  if (!items.empty() || started) finish();
  return items;
}

}  // namespace danvan::detail::csv
