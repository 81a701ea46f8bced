#include <danvan/network.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/table.hpp>

#include "detail/chunked_output.hpp"
#include "detail/csv.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>

namespace danvan {

std::size_t column::rows() const noexcept {
  switch (kind) {
    case column_kind::integer: return integers.size();
    case column_kind::number: return numbers.size();
    case column_kind::boolean: return booleans.size();
    case column_kind::text: return text_ends.size();
    case column_kind::reference: return positions.size();
    case column_kind::code: return codes.size();
    case column_kind::date: return dates.size();
    case column_kind::text_list:
    case column_kind::reference_list: return list_ends.size();
  }
  return 0;
}

void column::push_text(std::string_view value) {
  chars.append(value);
  text_ends.push_back(chars.size());
}

std::string_view column::id(const network& net, std::size_t k) const {
  return positions[k] == no_index ? std::string_view{} : net.id_of(of, positions[k]);
}

bool column::has_value(std::size_t row) const noexcept {
  switch (kind) {
    case column_kind::number: return !std::isnan(numbers[row]);
    case column_kind::text: return !(empty_is_none && text(row).empty());
    case column_kind::reference: return positions[row] != no_index;
    case column_kind::code: return codes[row] != no_code;
    case column_kind::date: return !dates[row].empty();
    default: return true;
  }
}

void table::add(column c) {
  for (const auto& other : columns_)
    if (other.name == c.name) throw argument_error("table: a second column named `" + c.name + "`");
  if (!columns_.empty() && c.rows() != rows())
    throw argument_error("table: column `" + c.name + "` has " + std::to_string(c.rows()) + " rows, the table " +
                         std::to_string(rows()));
  columns_.push_back(std::move(c));
}

const column& table::at(std::string_view name) const {
  std::string known;
  for (const auto& c : columns_) {
    if (c.name == name) return c;
    known += (known.empty() ? "" : ", ") + c.name;
  }
  throw argument_error("table: no column `" + std::string(name) + "` (columns: " + (known.empty() ? "none" : known) + ")");
}

table table::select(std::initializer_list<std::string_view> names) const {
  table t;
  for (std::string_view name : names) t.add(at(name));
  return t;
}

std::string_view entity_name(const network& net, entity_kind kind, index position) {
  switch (kind) {
    case entity_kind::area: return net.areas()[position].name();
    case entity_kind::topic: return net.topics()[position].name();
    case entity_kind::organization: return net.organizations()[position].name();
    case entity_kind::document: return net.documents()[position].name();
    case entity_kind::program: return net.programs()[position].name();
    case entity_kind::task: return net.tasks()[position].name();
    case entity_kind::event: return net.events()[position].name();
    case entity_kind::source: return net.sources()[position].name();
  }
  return {};
}

namespace {

/// How a cell is written as text: CSV keeps numbers exact and joins lists with `;`,
/// a terminal rounds to six digits and joins with `, `.
struct text_form {
  std::string_view list_separator;
  bool exact_numbers;
};

/// The text of cell `row` of `c`, before quoting or padding.
std::string cell(const column& c, std::size_t row, const network* net, text_form form) {
  switch (c.kind) {
    case column_kind::integer: return std::to_string(c.integers[row]);
    case column_kind::number: {
      char buf[32];
      const double x = c.numbers[row];
      auto* end = form.exact_numbers ? std::to_chars(buf, buf + sizeof buf, x).ptr
                                     : std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, 6).ptr;
      return std::string(buf, end);
    }
    case column_kind::boolean: return c.booleans[row] ? "true" : "false";
    case column_kind::text: return std::string(c.text(row));
    case column_kind::reference: return std::string(c.id(*net, row));
    case column_kind::code: return c.codes[row] == no_code ? std::string() : c.words.at(c.codes[row]);
    case column_kind::date: return c.dates[row].to_string();
    case column_kind::text_list:
    case column_kind::reference_list: {
      std::string joined;
      const auto [first, last] = c.values(row);
      for (std::size_t k = first; k < last; ++k) {
        if (k > first) joined += form.list_separator;
        joined += c.kind == column_kind::text_list ? c.text(k) : c.id(*net, k);
      }
      return joined;
    }
  }
  return {};
}

bool refers(const column& c) { return c.kind == column_kind::reference || c.kind == column_kind::reference_list; }

/// Refuses a table with references but no network to resolve them, naming the writer.
void require_network(const table& t, const network* net, std::string_view writer) {
  if (net) return;
  for (const auto& c : t.columns())
    if (refers(c))
      throw argument_error(std::string(writer) + ": column `" + c.name +
                           "` refers to entities: give the network that resolves them");
}

/// Cell `row` of `c` as a JSON value.
nlohmann::ordered_json json_cell(const column& c, std::size_t row, const network* net) {
  using j = nlohmann::ordered_json;
  auto value = [&](std::size_t k) -> j {  // one value of a text or reference column, or of a list
    if (c.kind == column_kind::text || c.kind == column_kind::text_list) return std::string(c.text(k));
    return c.positions[k] == no_index ? j(nullptr) : j(std::string(c.id(*net, k)));
  };
  switch (c.kind) {
    case column_kind::integer: return c.integers[row];
    case column_kind::number: return std::isfinite(c.numbers[row]) ? j(c.numbers[row]) : j(nullptr);
    case column_kind::boolean: return c.booleans[row] != 0;
    case column_kind::text: return c.empty_is_none && c.text(row).empty() ? j(nullptr) : value(row);
    case column_kind::reference: return value(row);
    case column_kind::code: return c.codes[row] == no_code ? j(nullptr) : j(c.words.at(c.codes[row]));
    case column_kind::date: return c.dates[row].empty() ? j(nullptr) : j(c.dates[row].to_string());
    case column_kind::text_list:
    case column_kind::reference_list: {
      j list = j::array();
      const auto [first, last] = c.values(row);
      for (std::size_t k = first; k < last; ++k) list.push_back(value(k));
      return list;
    }
  }
  return nullptr;
}

/// Width of UTF-8 text in code points (names are Vietnamese: one letter, several bytes).
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string column::to_text(std::size_t row, const network* net) const {
  if (!net && refers(*this))
    throw argument_error("column `" + name + "` refers to entities: give the network that resolves them");
  return cell(*this, row, net, {";", true});
}

namespace detail {

/// Appends `s` as one CSV field: quoted when it holds a comma, quote, CR or LF.
void append_csv_field(std::string& line, std::string_view s) {
  // One pass over the bytes (find_first_of would search the four characters for each).
  const bool plain = std::none_of(s.begin(), s.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
  if (plain) {
    line += s;
    return;
  }
  line += '"';
  for (char c : s) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

void write_csv_rows(std::ostream& stream, const table& t, const network* net) {
  require_network(t, net, "write_csv");
  chunked_output out(stream);
  std::string& buf = out.buffer();
  for (std::size_t row = 0; row < t.rows(); ++row) {
    for (std::size_t i = 0; i < t.columns().size(); ++i) {
      const column& c = t.columns()[i];
      if (i > 0) buf += ',';
      append_csv_field(buf, c.kind == column_kind::text ? c.text(row) : std::string_view(cell(c, row, net, {";", true})));
    }
    buf += '\n';
    out.spill();
  }
  out.finish();
}

}  // namespace detail

void write_csv(std::ostream& out, const table& t, const network* net) {
  require_network(t, net, "write_csv");
  std::string line;
  for (const auto& c : t.columns()) {
    if (&c != &t.columns().front()) line += ',';
    detail::append_csv_field(line, c.name);
  }
  out << line << '\n';
  detail::write_csv_rows(out, t, net);
}

void write_json(std::ostream& out, const table& t, const network* net) {
  require_network(t, net, "write_json");
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t row = 0; row < t.rows(); ++row) {
    nlohmann::ordered_json r = nlohmann::ordered_json::object();
    for (const auto& c : t.columns()) r[c.name] = json_cell(c, row, net);
    rows.push_back(std::move(r));
  }
  // Replace, not throw, on text that is not UTF-8: a table of a loaded network holds only
  // valid text, and a program's own rows should not lose the whole output to one cell.
  out << rows.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void write_text(std::ostream& out, const table& t, const network* net) {
  require_network(t, net, "write_text");
  const auto& columns = t.columns();
  std::vector<std::vector<std::string>> cells(columns.size());
  std::vector<std::size_t> widths(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    std::string header = columns[i].name;
    std::transform(header.begin(), header.end(), header.begin(), [](char c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; });
    cells[i].push_back(std::move(header));
    for (std::size_t row = 0; row < t.rows(); ++row) cells[i].push_back(cell(columns[i], row, net, {", ", false}));
    for (const auto& s : cells[i]) widths[i] = std::max(widths[i], width(s));
  }
  std::string line;
  for (std::size_t row = 0; row <= t.rows(); ++row) {
    line.clear();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::string& s = cells[i][row];
      const std::string pad(widths[i] - width(s), ' ');
      const bool right = columns[i].kind == column_kind::integer || columns[i].kind == column_kind::number;
      if (i > 0) line += ' ';
      line += right ? pad + s : s + pad;
    }
    line.erase(line.find_last_not_of(' ') + 1);  // no trailing blanks: blank cells at the end of a row
    out << line << '\n';
  }
}

}  // namespace danvan
